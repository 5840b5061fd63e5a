// How long a Zoho call may take, shared by the client that gives up and the code that waits out a
// write whose answer never came.

/** The client gives up on an answer after this long. */
export const REQUEST_TIMEOUT_MS = 15_000;

/**
 * A write whose answer was lost (dropped connection, time-out) may still be processed by Zoho until
 * its own handling of the request ends, which it does not document: what the records hold is read
 * back only this long after the request went out — our time-out plus a margin.
 */
export const LOST_ANSWER_WAIT_MS = REQUEST_TIMEOUT_MS + 5_000;

/** Between two reads that must agree before a lost write's outcome is taken as final. */
export const STABLE_READ_GAP_MS = 2_000;
