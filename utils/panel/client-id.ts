// Zoho API console client ids look like `1000.` followed by letters and digits.
const CLIENT_ID = /^1000\.[A-Za-z0-9]+$/;

export type ClientIdCheck = { ok: true; clientId: string | null } | { ok: false; problem: string };

/** Trims the entered id; an empty field clears the stored id. */
export function checkClientId(input: string): ClientIdCheck {
  const clientId = input.trim();
  if (clientId === '') return { ok: true, clientId: null };
  if (!CLIENT_ID.test(clientId)) {
    return { ok: false, problem: 'A Zoho client ID starts with “1000.” followed by letters and digits only.' };
  }
  return { ok: true, clientId };
}

/** The client id baked into this build (WXT_ZOHO_CLIENT_ID), or '' when the build has none. */
export function buildClientId(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
