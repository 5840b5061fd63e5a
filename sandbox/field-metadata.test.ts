import { beforeEach, describe, expect, it } from 'vitest';
import { USERS } from './scenarios/default';
import { useTestStandIn } from './test-support';

interface FieldJson {
  api_name: string;
  id: string;
  data_type: string;
  json_type: string;
  system_mandatory: boolean;
  custom_field: boolean;
  read_only: boolean;
}
interface ModuleJson {
  api_name: string;
  id: string;
  api_supported: boolean;
  generated_type: string;
}
interface ZohoError {
  code: string;
  details: Record<string, unknown>;
  status: string;
}

const t = useTestStandIn('small');
let anna: string;

beforeEach(async () => {
  await t.control.reset('small');
  anna = await t.authorization('eu', USERS.anna, ['ZohoCRM.settings.fields.READ', 'ZohoCRM.settings.modules.READ']);
});

function get(path: string, authorization = anna, host = 'www.zohoapis.eu') {
  return t.request(host, path, { headers: { authorization } });
}

async function fieldsOf(module: string, authorization = anna, host = 'www.zohoapis.eu'): Promise<FieldJson[]> {
  const answer = await get(`/crm/v8/settings/fields?module=${module}`, authorization, host);
  expect(answer.status).toBe(200);
  return (answer.json() as { fields: FieldJson[] }).fields;
}

describe('GET settings/fields', () => {
  it('describes each field with Zoho’s keys, the record name field system mandatory', async () => {
    const fields = await fieldsOf('Accounts');
    for (const field of fields) {
      expect(field).toMatchObject({ api_name: expect.any(String), id: expect.stringMatching(/^\d+$/) });
      expect(typeof field.data_type).toBe('string');
      expect(typeof field.json_type).toBe('string');
    }
    expect(new Set(fields.map((field) => field.id)).size).toBe(fields.length);
    expect(fields.find((field) => field.api_name === 'Account_Name')).toMatchObject({
      data_type: 'text',
      json_type: 'string',
      system_mandatory: true,
      custom_field: false,
    });
    expect(fields.find((field) => field.api_name === 'Owner')).toMatchObject({
      data_type: 'ownerlookup',
      json_type: 'jsonobject',
    });
  });

  it('lists the system Territories field, and the name fields the extension reads, per module', async () => {
    const names = async (module: string) => (await fieldsOf(module)).map((field) => field.api_name);
    expect(await names('Accounts')).toEqual(expect.arrayContaining(['Account_Name', 'Territories']));
    expect(await names('Contacts')).toEqual(expect.arrayContaining(['Full_Name', 'Last_Name', 'Territories']));
    expect(await names('Deals')).toEqual(expect.arrayContaining(['Deal_Name', 'Territories']));
    expect(await names('leads')).toEqual(expect.arrayContaining(['Full_Name', 'Last_Name', 'Territories']));
    const territories = (await fieldsOf('Accounts')).find((field) => field.api_name === 'Territories');
    expect(territories).toMatchObject({ json_type: 'jsonarray', custom_field: false, read_only: true });
  });

  it('has no Territories field where the org has no territories for the module', async () => {
    const grace = await t.authorization('us', USERS.grace, ['ZohoCRM.settings.fields.READ']);
    const usLeads = await fieldsOf('Leads', grace, 'www.zohoapis.com');
    expect(usLeads.map((field) => field.api_name)).not.toContain('Territories');
    expect((await fieldsOf('Cases')).map((field) => field.api_name)).not.toContain('Territories');
  });

  it('wants the module parameter and a module it knows', async () => {
    const missing = await get('/crm/v8/settings/fields');
    expect(missing.status).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'REQUIRED_PARAM_MISSING', details: { param_name: 'module' } });
    const unknown = await get('/crm/v8/settings/fields?module=Potatoes');
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'module' } });
  });

  it('needs a fields settings scope', async () => {
    const modulesOnly = await t.authorization('eu', USERS.anna, ['ZohoCRM.modules.ALL']);
    const answer = await get('/crm/v8/settings/fields?module=Accounts', modulesOnly);
    expect(answer.status).toBe(401);
    expect((answer.json() as ZohoError).code).toBe('OAUTH_SCOPE_MISMATCH');
    const settingsAll = await t.authorization('eu', USERS.anna, ['ZohoCRM.settings.ALL']);
    expect((await get('/crm/v8/settings/fields?module=Accounts', settingsAll)).status).toBe(200);
  });
});

describe('GET settings/modules', () => {
  it('lists the modules the stand-in serves, API supported, with ids', async () => {
    const answer = await get('/crm/v8/settings/modules');
    expect(answer.status).toBe(200);
    const modules = (answer.json() as { modules: ModuleJson[] }).modules;
    expect(modules.map((module) => module.api_name)).toEqual(
      expect.arrayContaining(['Leads', 'Accounts', 'Contacts', 'Deals']),
    );
    for (const module of modules) {
      expect(module).toMatchObject({ id: expect.stringMatching(/^\d+$/), api_supported: true });
    }
  });

  it('needs a modules settings scope', async () => {
    const fieldsOnly = await t.authorization('eu', USERS.anna, ['ZohoCRM.settings.fields.READ']);
    const answer = await get('/crm/v8/settings/modules', fieldsOnly);
    expect(answer.status).toBe(401);
    expect((answer.json() as ZohoError).code).toBe('OAUTH_SCOPE_MISMATCH');
  });
});
