import { accountsOrigin, type DataCentre } from '../data-centres';

const REVOKE_TIMEOUT_MS = 5_000;

/** POST {accounts}/oauth/v2/token/revoke?token=…; throws on a transport error or a non-2xx answer. */
export async function revokeToken(
  dataCentre: DataCentre,
  accessToken: string,
  fetchImpl: typeof globalThis.fetch = globalThis.fetch,
): Promise<void> {
  const url = `${accountsOrigin(dataCentre)}/oauth/v2/token/revoke?${new URLSearchParams({ token: accessToken })}`;
  const response = await fetchImpl(url, { method: 'POST', signal: AbortSignal.timeout(REVOKE_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`token revocation answered HTTP ${response.status}`);
}
