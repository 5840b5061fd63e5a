// Every request the HTTPS listener received, for tests to assert what was (not) called.
import type { FaultKind } from './faults';

/** `page`: CRM web and Zoho One hosts; `unknown`: a Host name that is not Zoho's. */
export type RequestKind = 'page' | 'accounts' | 'api' | 'unknown';

export interface RequestLogEntry {
  seq: number;
  time: string;
  kind: RequestKind;
  host: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: {
    authorization: string | null;
    'x-crm-org': string | null;
    'content-type': string | null;
  };
  /** parsed JSON; the raw text when it is not JSON; null when empty */
  body: unknown;
  /** null while the request is in flight, or when the connection was dropped */
  status: number | null;
  fault: FaultKind | null;
}

export interface RequestLogFilter {
  kind?: RequestKind;
  /** substring of the host */
  host?: string;
  /** substring of the path */
  path?: string;
}

export function parseLoggedBody(text: string, contentType: string | null): unknown {
  if (text.length === 0) return null;
  if (contentType?.toLowerCase().includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** Oldest entries are dropped past this, so a long demo run cannot exhaust memory. */
const MAX_ENTRIES = 50_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private nextSeq = 1;

  /** Adds an entry on arrival; the caller fills in `status` (and `fault`) when the answer is known. */
  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const logged = { ...entry, seq: this.nextSeq++ };
    this.entries.push(logged);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return logged;
  }

  list(filter: RequestLogFilter = {}): RequestLogEntry[] {
    return this.entries.filter(
      (entry) =>
        (filter.kind === undefined || entry.kind === filter.kind) &&
        (filter.host === undefined || entry.host.includes(filter.host.toLowerCase())) &&
        (filter.path === undefined || entry.path.includes(filter.path)),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
