import { beforeEach, describe, expect, it } from 'vitest';
import { bulkAccountId, ORGS, RECORDS, TERRITORIES, USERS } from './scenarios/default';
import { useTestStandIn } from './test-support';

interface ZohoStatus {
  code: string;
  details: Record<string, unknown>;
  message: string;
  status: 'success' | 'error';
}
interface DataAnswer {
  data: ZohoStatus[];
}

const EU_API = 'www.zohoapis.eu';
const t = useTestStandIn();
let anna: string;

beforeEach(async () => {
  await t.control.reset();
  anna = await t.authorization('eu', USERS.anna, ['ZohoCRM.modules.ALL']);
});

function post(path: string, body: unknown, authorization = anna, headers: Record<string, string> = {}, host = EU_API) {
  return t.request(host, path, { method: 'POST', headers: { authorization, ...headers }, body });
}

function removeOne(module: string, recordId: string, territoryIds: string[], authorization = anna) {
  return post(
    `/crm/v8/${module}/${recordId}/actions/remove_territories`,
    { data: [{ Territories: territoryIds.map((id) => ({ id })) }] },
    authorization,
  );
}

async function territoryIdsOf(orgId: string, module: string, recordId: string): Promise<string[]> {
  return (await t.control.record(orgId, module, recordId)).territories.map((territory) => territory.id);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('remove_territories, one record', () => {
  it('removes a manually assigned territory at once with Zoho’s wording', async () => {
    const answer = await removeOne('Accounts', RECORDS.alpineAccount, [TERRITORIES.germany]);
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({
      data: [
        {
          code: 'SUCCESS',
          details: { id: RECORDS.alpineAccount },
          message: 'the terriroies data removed successfully',
          status: 'success',
        },
      ],
    });
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', RECORDS.alpineAccount)).toEqual([
      TERRITORIES.dach,
      TERRITORIES.markup,
    ]);
    const record = await t.request(EU_API, `/crm/v8/Accounts/${RECORDS.alpineAccount}?fields=Territories`, {
      headers: { authorization: anna },
    });
    expect(JSON.stringify(record.json())).not.toContain(TERRITORIES.germany);
  });

  it('refuses a rule-assigned territory with NOT_ALLOWED and keeps it', async () => {
    const answer = await removeOne('Accounts', RECORDS.alpineAccount, [TERRITORIES.dach]);
    expect(answer.status).toBe(403);
    const [result] = (answer.json() as DataAnswer).data;
    expect(result).toMatchObject({
      code: 'NOT_ALLOWED',
      status: 'error',
      details: { id: TERRITORIES.dach, json_path: '$.data[0].Territories[0].id' },
    });
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', RECORDS.alpineAccount)).toContain(TERRITORIES.dach);
  });

  it('refuses a territory that rules took over after it was read, and removes one they gave up', async () => {
    const read = await t.request(EU_API, `/crm/v8/Accounts/${RECORDS.alpineAccount}?fields=Territories`, {
      headers: { authorization: anna },
    });
    const [held] = (read.json() as { data: { Territories: { id: string; $assigned: string }[] }[] }).data;
    expect(held?.Territories[0]).toMatchObject({ id: TERRITORIES.germany, $assigned: 'manually' });

    await t.control.setAssignment(ORGS.euMain, 'Accounts', RECORDS.alpineAccount, TERRITORIES.germany, 'automatically');
    const refused = await removeOne('Accounts', RECORDS.alpineAccount, [TERRITORIES.germany]);
    expect(refused.status).toBe(403);
    expect((refused.json() as DataAnswer).data[0]).toMatchObject({
      code: 'NOT_ALLOWED',
      details: { id: TERRITORIES.germany, json_path: '$.data[0].Territories[0].id' },
    });
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', RECORDS.alpineAccount)).toContain(TERRITORIES.germany);

    await t.control.setAssignment(ORGS.euMain, 'Accounts', RECORDS.alpineAccount, TERRITORIES.dach, 'manually');
    expect((await removeOne('Accounts', RECORDS.alpineAccount, [TERRITORIES.dach])).status).toBe(200);
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', RECORDS.alpineAccount)).toEqual([
      TERRITORIES.germany,
      TERRITORIES.markup,
    ]);
  });

  it('answers INVALID_DATA with the JSON path for an unknown or unassigned territory and an unknown record', async () => {
    const unassigned = await removeOne('Accounts', RECORDS.alpineAccount, [TERRITORIES.germany, TERRITORIES.spain]);
    expect(unassigned.status).toBe(400);
    expect((unassigned.json() as DataAnswer).data[0]).toEqual({
      code: 'INVALID_DATA',
      details: { api_name: 'id', json_path: '$.data[0].Territories[1].id', id: TERRITORIES.spain },
      message: 'the id given seems to be invalid',
      status: 'error',
    });
    // nothing of a refused entry is applied
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', RECORDS.alpineAccount)).toContain(TERRITORIES.germany);

    const unknownTerritory = await removeOne('Accounts', RECORDS.alpineAccount, ['407625000000999999']);
    expect((unknownTerritory.json() as DataAnswer).data[0]?.code).toBe('INVALID_DATA');
    const otherOrgTerritory = await removeOne('Accounts', RECORDS.alpineAccount, [TERRITORIES.labsWest]);
    expect((otherOrgTerritory.json() as DataAnswer).data[0]?.code).toBe('INVALID_DATA');

    const unknownRecord = await removeOne('Accounts', '407625000099999999', [TERRITORIES.germany]);
    expect(unknownRecord.status).toBe(400);
    expect((unknownRecord.json() as DataAnswer).data[0]).toMatchObject({
      code: 'INVALID_DATA',
      message: 'The record Id given seems to be invalid',
      details: { json_path: '$.data[0].id', id: '407625000099999999' },
    });
  });

  it.each([
    ['no Territories key', { data: [{}] }, '$.data[0].Territories'],
    ['an empty Territories array', { data: [{ Territories: [] }] }, '$.data[0].Territories'],
    ['a territory without id', { data: [{ Territories: [{}] }] }, '$.data[0].Territories[0].id'],
  ])('answers MANDATORY_NOT_FOUND for %s', async (_label, body, jsonPath) => {
    const answer = await post(`/crm/v8/Accounts/${RECORDS.alpineAccount}/actions/remove_territories`, body);
    expect(answer.status).toBe(400);
    expect((answer.json() as DataAnswer).data[0]).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
      details: { json_path: jsonPath },
    });
  });

  it('answers RECORD_LOCKED for a locked record until it is unlocked', async () => {
    const locked = await removeOne('Accounts', RECORDS.lockedAccount, [TERRITORIES.sweden]);
    expect(locked.status).toBe(400);
    expect((locked.json() as DataAnswer).data[0]).toEqual({
      code: 'RECORD_LOCKED',
      details: { id: RECORDS.lockedAccount },
      message: 'Sorry, you cannot perform this operation as the record is locked.',
      status: 'error',
    });
    await t.control.setLocked(ORGS.euMain, 'Accounts', RECORDS.lockedAccount, false);
    expect((await removeOne('Accounts', RECORDS.lockedAccount, [TERRITORIES.sweden])).status).toBe(200);
    await t.control.setLocked(ORGS.euMain, 'Accounts', RECORDS.plainAccount, true);
    const record = await t.request(EU_API, `/crm/v8/Accounts/${RECORDS.plainAccount}`, {
      headers: { authorization: anna },
    });
    expect((record.json() as { data: { Locked__s: boolean }[] }).data[0]?.Locked__s).toBe(true);
  });

  it('answers INVALID_REQUEST_METHOD for GET on remove_territories', async () => {
    const answer = await t.request(EU_API, `/crm/v8/Accounts/${RECORDS.alpineAccount}/actions/remove_territories`, {
      headers: { authorization: anna },
    });
    expect(answer.status).toBe(400);
    expect(answer.json()).toEqual({
      code: 'INVALID_REQUEST_METHOD',
      details: {},
      message: 'The http request method type is not a valid one',
      status: 'error',
    });
  });

  it('answers TERRITORY_NOT_ENABLED for Leads where support did not enable them, per org', async () => {
    const grace = await t.authorization('us', USERS.grace, ['ZohoCRM.modules.ALL']);
    const us = await post(
      `/crm/v8/Leads/${RECORDS.usLead}/actions/remove_territories`,
      { data: [{ Territories: [{ id: TERRITORIES.eastCoast }] }] },
      grace,
      {},
      'www.zohoapis.com',
    );
    expect(us.status).toBe(403);
    expect((us.json() as ZohoStatus).code).toBe('TERRITORY_NOT_ENABLED');
    expect((await removeOne('Leads', RECORDS.lead, [TERRITORIES.germany])).status).toBe(200);
  });

  it('answers NOT_SUPPORTED for a module without territories', async () => {
    const answer = await removeOne('Cases', RECORDS.caseRecord, [TERRITORIES.germany]);
    expect(answer.status).toBe(400);
    expect((answer.json() as ZohoStatus).code).toBe('NOT_SUPPORTED');
  });

  it('needs the module UPDATE scope (or ALL)', async () => {
    const readOnly = await t.authorization('eu', USERS.anna, ['ZohoCRM.modules.accounts.READ']);
    const refused = await removeOne('Accounts', RECORDS.alpineAccount, [TERRITORIES.germany], readOnly);
    expect(refused.status).toBe(401);
    expect(refused.json()).toEqual({
      code: 'OAUTH_SCOPE_MISMATCH',
      details: {},
      message: 'invalid oauth scope to access this URL',
      status: 'error',
    });
    const otherModule = await t.authorization('eu', USERS.anna, ['ZohoCRM.modules.deals.UPDATE']);
    expect((await removeOne('Accounts', RECORDS.alpineAccount, [TERRITORIES.germany], otherModule)).status).toBe(401);
    const update = await t.authorization('eu', USERS.anna, ['ZohoCRM.modules.accounts.UPDATE']);
    expect((await removeOne('Accounts', RECORDS.alpineAccount, [TERRITORIES.germany], update)).status).toBe(200);
  });

  it('answers NO_PERMISSION for a read-only profile and AUTHORIZATION_FAILED without the territory privilege', async () => {
    const ben = await t.authorization('eu', USERS.ben, ['ZohoCRM.modules.ALL']);
    const noPermission = await removeOne('Accounts', RECORDS.alpineAccount, [TERRITORIES.germany], ben);
    expect(noPermission.status).toBe(403);
    expect((noPermission.json() as ZohoStatus).code).toBe('NO_PERMISSION');
    const clara = await t.authorization('eu', USERS.clara, ['ZohoCRM.modules.ALL']);
    const noPrivilege = await removeOne('Accounts', RECORDS.alpineAccount, [TERRITORIES.germany], clara);
    expect(noPrivilege.status).toBe(400);
    expect((noPrivilege.json() as ZohoStatus).code).toBe('AUTHORIZATION_FAILED');
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', RECORDS.alpineAccount)).toContain(TERRITORIES.germany);
  });

  it('$editable in the record answer agrees with NO_PERMISSION on removal, user by user', async () => {
    for (const userId of [USERS.anna, USERS.ben, USERS.clara]) {
      const token = await t.authorization('eu', userId, ['ZohoCRM.modules.ALL']);
      const read = await t.request(EU_API, `/crm/v8/Accounts/${RECORDS.delftAccount}`, {
        headers: { authorization: token },
      });
      const editable = (read.json() as { data: { $editable: boolean }[] }).data[0]?.$editable;
      const removal = await removeOne('Accounts', RECORDS.delftAccount, [TERRITORIES.spain], token);
      expect(editable, userId).toBe((removal.json() as Partial<ZohoStatus>).code !== 'NO_PERMISSION');
    }
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', RECORDS.delftAccount)).not.toContain(TERRITORIES.spain);
  });

  it('removes in the org named by X-CRM-ORG', async () => {
    const body = { data: [{ Territories: [{ id: TERRITORIES.labsWest }] }] };
    const path = `/crm/v8/Accounts/${RECORDS.labsAccount}/actions/remove_territories`;
    const inDefaultOrg = await post(path, body);
    expect((inDefaultOrg.json() as DataAnswer).data[0]?.code).toBe('INVALID_DATA');
    const inLabs = await post(path, body, anna, { 'x-crm-org': ORGS.euLabs });
    expect(inLabs.status).toBe(200);
    expect(await territoryIdsOf(ORGS.euLabs, 'Accounts', RECORDS.labsAccount)).toEqual([]);
  });

  it('answers INVALID_DATA for a body that is not JSON and MANDATORY_NOT_FOUND without data', async () => {
    const path = `/crm/v8/Accounts/${RECORDS.alpineAccount}/actions/remove_territories`;
    const notJson = await post(path, '{"data":');
    expect(notJson.status).toBe(400);
    expect((notJson.json() as ZohoStatus).code).toBe('INVALID_DATA');
    const noData = await post(path, { records: [] });
    expect((noData.json() as ZohoStatus).code).toBe('MANDATORY_NOT_FOUND');
  });
});

describe('remove_territories, many records', () => {
  const path = '/crm/v8/Accounts/actions/remove_territories';

  it('answers 207 with one result per record when some fail', async () => {
    const answer = await post(path, {
      data: [
        { id: RECORDS.alpineAccount, Territories: [{ id: TERRITORIES.germany }] },
        { id: RECORDS.lockedAccount, Territories: [{ id: TERRITORIES.sweden }] },
        { Territories: [{ id: TERRITORIES.spain }] },
        { id: bulkAccountId(1), Territories: [{ id: TERRITORIES.keyAccounts }] },
      ],
    });
    expect(answer.status).toBe(207);
    const results = (answer.json() as DataAnswer).data;
    expect(results.map((result) => result.code)).toEqual([
      'SUCCESS',
      'RECORD_LOCKED',
      'MANDATORY_NOT_FOUND',
      'SUCCESS',
    ]);
    expect(results[2]?.details).toMatchObject({ api_name: 'id', json_path: '$.data[2].id' });
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', bulkAccountId(1))).toEqual([]);
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', RECORDS.lockedAccount)).toEqual([TERRITORIES.sweden]);
  });

  it('answers 200 when all succeed and the errors’ status when all fail', async () => {
    const ok = await post(path, {
      data: [1, 2, 3].map((n) => ({ id: bulkAccountId(n), Territories: [{ id: TERRITORIES.keyAccounts }] })),
    });
    expect(ok.status).toBe(200);
    const allNotAllowed = await post(path, {
      data: [{ id: RECORDS.alpineAccount, Territories: [{ id: TERRITORIES.dach }] }],
    });
    expect(allNotAllowed.status).toBe(403);
  });

  it('refuses more records than the records-per-call limit, naming the limit', async () => {
    await t.control.setConfig({ recordsPerCallLimit: 10 });
    const data = Array.from({ length: 11 }, (_, i) => ({
      id: bulkAccountId(i + 1),
      Territories: [{ id: TERRITORIES.keyAccounts }],
    }));
    const answer = await post(path, { data });
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 10 }, status: 'error' });
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', bulkAccountId(1))).toEqual([TERRITORIES.keyAccounts]);
    expect((await post(path, { data: data.slice(0, 10) })).status).toBe(200);
  });

  it('refuses several records on the one-record URL', async () => {
    const answer = await post(`/crm/v8/Accounts/${bulkAccountId(1)}/actions/remove_territories`, {
      data: [
        { id: bulkAccountId(1), Territories: [{ id: TERRITORIES.keyAccounts }] },
        { id: bulkAccountId(2), Territories: [{ id: TERRITORIES.keyAccounts }] },
      ],
    });
    expect(answer.status).toBe(400);
  });
});

describe('scheduled jobs (offloaded parent territory)', () => {
  it('answers 202 SCHEDULED with a job id, keeps the territory until the job ends, then removes it', async () => {
    await t.control.setConfig({ jobDelayMs: 300 });
    const answer = await removeOne('Accounts', RECORDS.delftAccount, [TERRITORIES.netherlands]);
    expect(answer.status).toBe(202);
    const [result] = (answer.json() as DataAnswer).data;
    expect(result).toMatchObject({
      code: 'SCHEDULED',
      message: 'Territory removal process scheduled successfully',
      status: 'success',
      details: { id: RECORDS.delftAccount },
    });
    const jobId = result?.details.job_id;
    expect(jobId).toMatch(/^\d+$/);

    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', RECORDS.delftAccount)).toContain(TERRITORIES.netherlands);
    const info = await t.request(
      EU_API,
      `/crm/v8/Accounts/actions/get_feature_specific_info?features=territory_scheduled_jobs&ids=${RECORDS.delftAccount},${RECORDS.alpineAccount}`,
      { headers: { authorization: anna } },
    );
    expect(info.json()).toEqual({
      data: [
        { id: RECORDS.delftAccount, territory_scheduled_jobs: [{ job_id: jobId, source: 'manual_territory_removal' }] },
        { id: RECORDS.alpineAccount, territory_scheduled_jobs: [] },
      ],
    });

    const again = await removeOne('Accounts', RECORDS.delftAccount, [TERRITORIES.spain]);
    expect(again.status).toBe(400);
    expect((again.json() as DataAnswer).data[0]).toMatchObject({
      code: 'ALREADY_SCHEDULED',
      details: { id: RECORDS.delftAccount, job_id: jobId },
    });

    await sleep(450);
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', RECORDS.delftAccount)).toEqual([TERRITORIES.spain]);
    const done = await t.request(
      EU_API,
      `/crm/v8/Accounts/${RECORDS.delftAccount}/actions/get_feature_specific_info?features=territory_scheduled_jobs`,
      { headers: { authorization: anna } },
    );
    expect(done.json()).toEqual({ data: [{ id: RECORDS.delftAccount, territory_scheduled_jobs: [] }] });
    expect((await removeOne('Accounts', RECORDS.delftAccount, [TERRITORIES.spain])).status).toBe(200);
  });

  it('schedules an assignment under an offloaded parent the same way', async () => {
    await t.control.setConfig({ jobDelayMs: 200 });
    const answer = await post(`/crm/v8/Accounts/${RECORDS.plainAccount}/actions/assign_territories`, {
      data: [{ Territories: [{ id: TERRITORIES.belgium }] }],
    });
    expect(answer.status).toBe(202);
    expect((answer.json() as DataAnswer).data[0]?.code).toBe('SCHEDULED');
    expect((await t.control.record(ORGS.euMain, 'Accounts', RECORDS.plainAccount)).pendingJob?.source).toBe(
      'manual_territory_assignment',
    );
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', RECORDS.plainAccount)).toEqual([]);
    await sleep(350);
    const state = await t.control.record(ORGS.euMain, 'Accounts', RECORDS.plainAccount);
    expect(state.territories).toMatchObject([
      { id: TERRITORIES.belgium, assigned: 'manually', assignedById: USERS.anna },
    ]);
    expect(state.pendingJob).toBeNull();
  });

  it('answers REQUIRED_PARAM_MISSING without features', async () => {
    const answer = await t.request(
      EU_API,
      `/crm/v8/Accounts/actions/get_feature_specific_info?ids=${RECORDS.delftAccount}`,
      {
        headers: { authorization: anna },
      },
    );
    expect(answer.status).toBe(400);
    expect((answer.json() as ZohoStatus).code).toBe('REQUIRED_PARAM_MISSING');
  });
});

describe('assign_territories', () => {
  it('assigns manually, as the acting user', async () => {
    const answer = await post(`/crm/v8/Accounts/${RECORDS.plainAccount}/actions/assign_territories`, {
      data: [{ Territories: [{ id: TERRITORIES.germany }, { id: TERRITORIES.austria }] }],
    });
    expect(answer.status).toBe(200);
    expect((answer.json() as DataAnswer).data[0]).toMatchObject({
      code: 'SUCCESS',
      details: { id: RECORDS.plainAccount },
    });
    const state = await t.control.record(ORGS.euMain, 'Accounts', RECORDS.plainAccount);
    expect(state.territories).toMatchObject([
      { id: TERRITORIES.germany, assigned: 'manually', assignedById: USERS.anna },
      { id: TERRITORIES.austria, assigned: 'manually', assignedById: USERS.anna },
    ]);
  });

  it('undoes a removal', async () => {
    await removeOne('Accounts', RECORDS.alpineAccount, [TERRITORIES.markup]);
    const answer = await post(`/crm/v8/Accounts/${RECORDS.alpineAccount}/actions/assign_territories`, {
      data: [{ Territories: [{ id: TERRITORIES.markup }] }],
    });
    expect(answer.status).toBe(200);
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', RECORDS.alpineAccount)).toContain(TERRITORIES.markup);
  });

  it('answers DUPLICATE_DATA for a territory the record already holds', async () => {
    const answer = await post(`/crm/v8/Accounts/${RECORDS.alpineAccount}/actions/assign_territories`, {
      data: [{ Territories: [{ id: TERRITORIES.germany }] }],
    });
    expect(answer.status).toBe(400);
    expect((answer.json() as DataAnswer).data[0]).toMatchObject({
      code: 'DUPLICATE_DATA',
      details: { id: TERRITORIES.germany, json_path: '$.data[0].Territories[0].id' },
    });
  });

  it('answers LIMIT_EXCEEDED past one territory on a Deal and ten elsewhere', async () => {
    const deal = await post(`/crm/v8/Deals/${RECORDS.deal}/actions/assign_territories`, {
      data: [{ Territories: [{ id: TERRITORIES.austria }] }],
    });
    expect(deal.status).toBe(400);
    expect((deal.json() as DataAnswer).data[0]).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 1 } });
    const emptyDeal = await post(`/crm/v8/Deals/${RECORDS.emptyDeal}/actions/assign_territories`, {
      data: [{ Territories: [{ id: TERRITORIES.austria }] }],
    });
    expect(emptyDeal.status).toBe(200);

    const account = await post(`/crm/v8/Accounts/${RECORDS.everywhereAccount}/actions/assign_territories`, {
      data: [{ Territories: [{ id: TERRITORIES.portugal }] }],
    });
    expect((account.json() as DataAnswer).data[0]).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 10 } });
  });

  it('answers 207 on the many-record URL when some fail', async () => {
    const answer = await post('/crm/v8/Accounts/actions/assign_territories', {
      data: [
        { id: RECORDS.plainAccount, Territories: [{ id: TERRITORIES.spain }] },
        { id: RECORDS.alpineAccount, Territories: [{ id: TERRITORIES.germany }] },
      ],
    });
    expect(answer.status).toBe(207);
    expect((answer.json() as DataAnswer).data.map((result) => result.code)).toEqual(['SUCCESS', 'DUPLICATE_DATA']);
  });
});

describe('faults after processing: the answer lost, the change made', () => {
  const many = '/crm/v8/Accounts/actions/remove_territories';

  it('begins the answer and drops the connection after a many-record removal was processed', async () => {
    await t.control.addFault({ kind: 'drop-after-processing', method: 'POST', path: '/actions/remove_territories' });
    const body = {
      data: [1, 2].map((n) => ({ id: bulkAccountId(n), Territories: [{ id: TERRITORIES.keyAccounts }] })),
    };
    await expect(post(many, body)).rejects.toThrow(/aborted/);
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', bulkAccountId(1))).toEqual([]);
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', bulkAccountId(2))).toEqual([]);
    const [logged] = await t.control.log({ kind: 'api' });
    expect(logged).toMatchObject({ fault: 'drop-after-processing', status: 200 });
  });

  it('drops the connection after a one-record removal and an assignment were processed', async () => {
    await t.control.addFault({ kind: 'drop-after-processing', method: 'POST', path: '_territories', times: 2 });
    await expect(removeOne('Accounts', RECORDS.alpineAccount, [TERRITORIES.germany])).rejects.toThrow(/aborted/);
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', RECORDS.alpineAccount)).not.toContain(TERRITORIES.germany);
    const assign = post(`/crm/v8/Accounts/${RECORDS.alpineAccount}/actions/assign_territories`, {
      data: [{ Territories: [{ id: TERRITORIES.germany }] }],
    });
    await expect(assign).rejects.toThrow(/aborted/);
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', RECORDS.alpineAccount)).toContain(TERRITORIES.germany);
  });

  it('answers only after latencyMs, the change made at once', async () => {
    await t.control.addFault({
      kind: 'latency-after-processing',
      method: 'POST',
      path: '/actions/remove_territories',
      latencyMs: 600,
    });
    const started = Date.now();
    const answer = post(many, { data: [{ id: bulkAccountId(3), Territories: [{ id: TERRITORIES.keyAccounts }] }] });
    await sleep(200);
    expect(await territoryIdsOf(ORGS.euMain, 'Accounts', bulkAccountId(3))).toEqual([]);
    const late = await answer;
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(late.status).toBe(200);
    expect((late.json() as DataAnswer).data[0]?.code).toBe('SUCCESS');
  });
});
