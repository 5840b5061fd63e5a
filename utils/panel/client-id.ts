// Zoho API console client ids look like `1000.` followed by letters and digits.
const CLIENT_ID = /^1000\.[A-Za-z0-9]+$/;

/** Not ok: the id is not `1000.` followed by letters and digits (the options page says so in words). */
export type ClientIdCheck = { ok: true; clientId: string | null } | { ok: false };

/** Trims the entered id; an empty field clears the stored id. */
export function checkClientId(input: string): ClientIdCheck {
  const clientId = input.trim();
  if (clientId === '') return { ok: true, clientId: null };
  if (!CLIENT_ID.test(clientId)) return { ok: false };
  return { ok: true, clientId };
}

/** The client id baked into this build (WXT_ZOHO_CLIENT_ID), or '' when the build has none. */
export function buildClientId(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
