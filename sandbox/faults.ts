// Injected faults: each matches requests by host, method and path substring and applies to the
// next `times` matching requests. The first matching fault wins. Most act before the request is
// processed; the `*-after-processing` ones let Zoho process it (its state changes) and then drop
// the connection or hold the answer back `latencyMs`: the lost answer a client must not race.

export const FAULT_KINDS = [
  'latency',
  'server-error',
  'drop',
  'malformed-json',
  'too-many-requests',
  'drop-after-processing',
  'latency-after-processing',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const AFTER_PROCESSING_FAULTS: readonly FaultKind[] = ['drop-after-processing', 'latency-after-processing'];

export interface FaultSpec {
  kind: FaultKind;
  /** substring of the Host name, e.g. `zohoapis.eu`; any host when absent */
  host?: string;
  /** exact HTTP method, any case; any method when absent */
  method?: string;
  /** substring of the path, e.g. `/actions/remove_territories`; any path when absent */
  path?: string;
  /** how many matching requests it applies to (default 1) */
  times?: number;
  /** for `latency`: the delay before the normal answer; for `latency-after-processing`: after it (default 1000) */
  latencyMs?: number;
}

export interface ActiveFault {
  id: string;
  kind: FaultKind;
  host: string | null;
  method: string | null;
  path: string | null;
  latencyMs: number;
  remaining: number;
}

export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);
}

export class FaultBook {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const fault: ActiveFault = {
      id: String(this.nextId++),
      kind: spec.kind,
      host: spec.host?.toLowerCase() ?? null,
      method: spec.method?.toUpperCase() ?? null,
      path: spec.path ?? null,
      latencyMs: spec.latencyMs ?? 1000,
      remaining: spec.times ?? 1,
    };
    this.faults.push(fault);
    return { ...fault };
  }

  list(): ActiveFault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault for this request, if any, counting it as used. */
  take(host: string, method: string, path: string): ActiveFault | null {
    const h = host.toLowerCase();
    const m = method.toUpperCase();
    const fault = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.host === null || h.includes(f.host)) &&
        (f.method === null || f.method === m) &&
        (f.path === null || path.includes(f.path)),
    );
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }
}
