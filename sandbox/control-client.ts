// A typed client of the stand-in's control interface (see control.ts), for tests and the demo.
import type { DataCentre } from '../utils/data-centres';
import type { ConfigPatch, IssuedTokenAnswer, IssueTokenRequest, UsageAnswer } from './control';
import type { ActiveFault, FaultSpec } from './faults';
import type { RequestLogEntry, RequestLogFilter } from './request-log';
import type { AssignedHow } from './scenarios/types';
import type { AccountsSession, RecordState, SilentRenewalFailure, StandInConfig } from './state';

export type AccountsAnswer = AccountsSession & { dataCentre: DataCentre };

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ControlClient {
  health(): Promise<{ ok: true; scenario: string }>;
  scenarios(): Promise<{ current: string; names: string[] }>;
  reset(scenario?: string): Promise<{ scenario: string }>;
  config(): Promise<StandInConfig>;
  setConfig(patch: ConfigPatch): Promise<StandInConfig>;
  faults(): Promise<ActiveFault[]>;
  addFault(spec: FaultSpec): Promise<ActiveFault>;
  clearFaults(): Promise<void>;
  issueToken(request: IssueTokenRequest): Promise<IssuedTokenAnswer>;
  expireTokens(dataCentre?: DataCentre): Promise<number>;
  accounts(dataCentre: DataCentre): Promise<AccountsAnswer>;
  setSignedInUser(dataCentre: DataCentre, userId: string | null): Promise<AccountsAnswer>;
  setSilentRenewal(dataCentre: DataCentre, failWith: SilentRenewalFailure | null): Promise<AccountsAnswer>;
  /** Only these of the requested scopes are granted at that data centre; null lifts the limit. */
  setScopeLimit(dataCentre: DataCentre, scopes: string[] | null): Promise<AccountsAnswer>;
  clearGrants(dataCentre?: DataCentre): Promise<void>;
  record(orgId: string, module: string, id: string): Promise<RecordState>;
  setLocked(orgId: string, module: string, id: string, locked: boolean): Promise<RecordState>;
  /** How the record holds one of its territories (`automatically` = by a territory rule). */
  setAssignment(
    orgId: string,
    module: string,
    id: string,
    territoryId: string,
    assigned: AssignedHow,
  ): Promise<RecordState>;
  usage(orgId: string): Promise<UsageAnswer>;
  log(filter?: RequestLogFilter): Promise<RequestLogEntry[]>;
  clearLog(): Promise<void>;
}

export function createControlClient(controlUrl: string): ControlClient {
  const base = controlUrl.replace(/\/+$/, '');

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const message =
        typeof json === 'object' && json !== null && 'error' in json ? String(json.error) : response.statusText;
      throw new ControlError(response.status, `${method} ${path}: ${response.status} ${message}`);
    }
    return json as T;
  }

  const segment = encodeURIComponent;

  return {
    health: () => call('GET', '/health'),
    scenarios: () => call('GET', '/scenarios'),
    reset: (scenario) => call('POST', '/reset', scenario === undefined ? {} : { scenario }),
    config: () => call('GET', '/config'),
    setConfig: (patch) => call('PATCH', '/config', patch),
    faults: async () => (await call<{ faults: ActiveFault[] }>('GET', '/faults')).faults,
    addFault: (spec) => call('POST', '/faults', spec),
    clearFaults: async () => {
      await call('DELETE', '/faults');
    },
    issueToken: (request) => call('POST', '/tokens', request),
    expireTokens: async (dataCentre) =>
      (await call<{ expired: number }>('POST', '/tokens/expire', dataCentre === undefined ? {} : { dataCentre }))
        .expired,
    accounts: (dataCentre) => call('GET', `/accounts/${segment(dataCentre)}`),
    setSignedInUser: (dataCentre, userId) => call('PUT', `/accounts/${segment(dataCentre)}/signed-in-user`, { userId }),
    setSilentRenewal: (dataCentre, failWith) =>
      call('PUT', `/accounts/${segment(dataCentre)}/silent-renewal`, { failWith }),
    setScopeLimit: (dataCentre, scopes) => call('PUT', `/accounts/${segment(dataCentre)}/scope-limit`, { scopes }),
    clearGrants: async (dataCentre) => {
      await call('DELETE', `/accounts/grants${dataCentre === undefined ? '' : `?dataCentre=${segment(dataCentre)}`}`);
    },
    record: (orgId, module, id) => call('GET', `/records/${segment(orgId)}/${segment(module)}/${segment(id)}`),
    setLocked: (orgId, module, id, locked) =>
      call('PUT', `/records/${segment(orgId)}/${segment(module)}/${segment(id)}/lock`, { locked }),
    setAssignment: (orgId, module, id, territoryId, assigned) =>
      call('PUT', `/records/${segment(orgId)}/${segment(module)}/${segment(id)}/territories/${segment(territoryId)}`, {
        assigned,
      }),
    usage: (orgId) => call('GET', `/usage/${segment(orgId)}`),
    log: async (filter = {}) => {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(filter)) if (value !== undefined) query.set(key, String(value));
      const suffix = query.size > 0 ? `?${query.toString()}` : '';
      return (await call<{ entries: RequestLogEntry[] }>('GET', `/log${suffix}`)).entries;
    },
    clearLog: async () => {
      await call('DELETE', '/log');
    },
  };
}
