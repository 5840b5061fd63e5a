// How the panel follows a change Zoho has scheduled instead of doing at once (zoho-crm.md §1, §3):
// the job's own status API is only partly documented, so the record is re-read until it shows the
// change, backing off so that a slow job costs few API credits.

export interface BackoffOptions {
  /** first wait, ms */
  first: number;
  factor: number;
  /** longest single wait, ms */
  cap: number;
  /** give up once the waits add up to more than this, ms */
  total: number;
}

export const FOLLOW_UP_BACKOFF: BackoffOptions = { first: 1_500, factor: 2, cap: 20_000, total: 120_000 };

/** The waits before each re-read: 1.5 s, 3 s, 6 s, 12 s, 20 s, 20 s, … while they add up to at most `total`. */
export function backoffDelays(options: BackoffOptions = FOLLOW_UP_BACKOFF): number[] {
  const delays: number[] = [];
  let next = Math.min(options.first, options.cap);
  let elapsed = 0;
  while (next > 0 && elapsed + next <= options.total) {
    delays.push(next);
    elapsed += next;
    next = Math.min(next * options.factor, options.cap);
  }
  return delays;
}
