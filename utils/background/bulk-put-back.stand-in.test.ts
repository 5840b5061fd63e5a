// The put-back run's engine and its Zoho calls against the stand-in over real HTTPS: Zoho's own
// answers to assign_territories (DUPLICATE_DATA, LIMIT_EXCEEDED) become per-record outcomes.
import { beforeEach, describe, expect, it } from 'vitest';
import { translatorFor } from '@/components/test-i18n';
import { bulkAccountId, ORGS, RECORDS, TERRITORIES, USERS } from '../../sandbox/scenarios/default';
import { useTestStandIn, zohoRequest } from '../../sandbox/test-support';
import { type BulkJob, createBulkJob, createUndoJob } from '../bulk/job';
import { outcomeSentence } from '../bulk/outcomes';
import { runBulkJob } from '../bulk/runner';
import { JobStore } from '../bulk/simulation';
import type { TerritoryModule } from '../crm-page';
import { createZohoClient } from '../zoho/client';
import { bulkCallsOf } from './bulk-calls';

const EU_API = 'www.zohoapis.eu';
const t = useTestStandIn();
let token: string;

beforeEach(async () => {
  await t.control.reset();
  token = (await t.authorization('eu', USERS.anna, ['ZohoCRM.modules.ALL'])).replace('Zoho-oauthtoken ', '');
});

/** `fetch` to the stand-in: the request goes to 127.0.0.1 with the Zoho host name it was for. */
const standInFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input instanceof Request ? input.url : input));
  const answer = await zohoRequest(t.standIn.port, url.host, `${url.pathname}${url.search}`, {
    method: init?.method ?? 'GET',
    headers: Object.fromEntries(new Headers(init?.headers).entries()),
    body: typeof init?.body === 'string' ? init.body : undefined,
  });
  return new Response(answer.text, {
    status: answer.status,
    headers: { 'content-type': String(answer.headers['content-type'] ?? 'application/json') },
  });
};

function run(job: BulkJob): Promise<BulkJob> {
  const client = createZohoClient({
    credentials: {
      current: async () => ({ accessToken: token, apiOrigin: `https://${EU_API}` }),
      renew: async () => {
        throw new Error('no renewal here');
      },
      discard: async () => undefined,
    },
    orgId: ORGS.euMain,
    fetch: standInFetch,
  });
  const store = new JobStore();
  return runBulkJob(job, {
    ...bulkCallsOf(client, job.module),
    save: store.save,
    sleep: async () => undefined,
    now: Date.now,
    random: () => 0.5,
  });
}

function removal(module: TerritoryModule, territoryId: string, recordIds: string[]): BulkJob {
  return createBulkJob({
    id: 'removal',
    dataCentre: 'eu',
    sandbox: false,
    orgId: ORGS.euMain,
    module,
    territoryIds: [territoryId],
    recordIds,
    now: Date.now(),
  });
}

function putBack(removed: BulkJob): BulkJob {
  const undo = createUndoJob(removed, 'undo', Date.now());
  if (!undo) throw new Error('nothing to put back');
  return undo;
}

async function holds(module: string, recordId: string, territoryId: string): Promise<boolean> {
  const state = await t.control.record(ORGS.euMain, module, recordId);
  return state.territories.some((territory) => territory.id === territoryId);
}

function assign(module: string, recordId: string, territoryId: string) {
  return t.request(EU_API, `/crm/v8/${module}/${recordId}/actions/assign_territories`, {
    method: 'POST',
    headers: { authorization: `Zoho-oauthtoken ${token}` },
    body: { data: [{ Territories: [{ id: territoryId }] }] },
  });
}

describe('a put-back run against the stand-in', () => {
  it('assigns back only what the run removed; a record back already counts as put back', async () => {
    const [first, second, third] = [1, 2, 3].map(bulkAccountId) as [string, string, string];
    const removed = await run(
      removal('Accounts', TERRITORIES.keyAccounts, [first, second, third, RECORDS.plainAccount]),
    );
    expect(Object.values(removed.outcomes).map((outcome) => outcome.kind)).toEqual([
      'removed',
      'removed',
      'removed',
      'not-assigned',
    ]);
    expect((await assign('Accounts', second, TERRITORIES.keyAccounts)).status).toBe(200);

    const undone = await run(putBack(removed));
    expect(undone.recordIds).toEqual([first, second, third]);
    expect(undone.outcomes).toEqual({
      [first]: { kind: 'restored' },
      [second]: { kind: 'restored', already: true },
      [third]: { kind: 'restored' },
    });
    for (const id of [first, second, third]) expect(await holds('Accounts', id, TERRITORIES.keyAccounts)).toBe(true);
    expect(await holds('Accounts', RECORDS.plainAccount, TERRITORIES.keyAccounts)).toBe(false);
  });

  it('a Deal that holds another territory now is refused as LIMIT_EXCEEDED, explained on its row', async () => {
    const removed = await run(removal('Deals', TERRITORIES.germany, [RECORDS.deal, RECORDS.emptyDeal]));
    expect(removed.outcomes[RECORDS.deal]).toEqual({ kind: 'removed' });
    expect((await assign('Deals', RECORDS.deal, TERRITORIES.austria)).status).toBe(200);

    const undone = await run(putBack(removed));
    expect(undone.recordIds).toEqual([RECORDS.deal]);
    const outcome = undone.outcomes[RECORDS.deal];
    expect(outcome).toMatchObject({ kind: 'error', code: 'LIMIT_EXCEEDED' });
    expect(outcome && outcomeSentence(outcome, translatorFor('en'), 'assign')).toMatch(/a Deal holds one territory/);
    expect(await holds('Deals', RECORDS.deal, TERRITORIES.germany)).toBe(false);
    expect(await holds('Deals', RECORDS.deal, TERRITORIES.austria)).toBe(true);
  });
});
