import { type HTMLAnchorElement as PageAnchor, type HTMLInputElement as PageInput, Window } from 'happy-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseRecordPage } from '../utils/crm-page';
import { CUSTOM_VIEWS, INSTANCE_NAMES, MARKUP_TERRITORY_NAME, ORGS, RECORDS, USERS } from './scenarios/default';
import { useTestStandIn } from './test-support';

const t = useTestStandIn();

beforeEach(async () => {
  await t.control.reset();
});

const EU_CRM = 'crm.zoho.eu';
const alpinePath = `/crm/org${ORGS.euMain}/tab/Accounts/${RECORDS.alpineAccount}`;

function attribute(page: string, name: string): string[] {
  return [...page.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((match) => match[1] ?? '');
}

describe('host routing', () => {
  it('serves each kind of Zoho host its own app', async () => {
    const page = await t.request(EU_CRM, alpinePath);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const api = await t.request('www.zohoapis.eu', alpinePath);
    expect((api.json() as { code: string }).code).toBe('AUTHENTICATION_FAILURE');
    const accounts = await t.request('accounts.zoho.eu', alpinePath);
    expect(accounts.status).toBe(404);
    const crmPathOnApi = await t.request('www.zohoapis.com', '/crm/v8/org');
    expect(crmPathOnApi.status).toBe(401);
  });

  it('answers the CRM host of every data centre, Canada on zohocloud.ca', async () => {
    for (const host of [
      'crm.zoho.com',
      'crm.zoho.in',
      'crm.zoho.com.au',
      'crm.zoho.jp',
      'crm.zohocloud.ca',
      'crm.zoho.sa',
      'crm.zoho.com.cn',
    ]) {
      const answer = await t.request(host, '/crm/tab/Accounts/1');
      expect([200, 404]).toContain(answer.status);
      expect(answer.text).toContain('data-zcqa="crm-topbar"');
    }
  });

  it('refuses host names that are not Zoho’s', async () => {
    const answer = await t.request('crm.zoho.ca', alpinePath);
    expect(answer.status).toBe(421);
    const localhost = await t.request('localhost', '/health');
    expect(localhost.status).toBe(421);
  });
});

describe('CRM record pages', () => {
  it('writes the user’s Zoho language into <html lang> (and dir) for ?lang=, English otherwise', async () => {
    const german = await t.request(EU_CRM, `${alpinePath}?lang=de-DE`);
    expect(german.text).toContain('<html lang="de-DE" dir="ltr">');
    const arabic = await t.request(EU_CRM, `${alpinePath}?lang=ar`);
    expect(arabic.text).toContain('<html lang="ar" dir="rtl">');
    const plain = await t.request(EU_CRM, alpinePath);
    expect(plain.text).toContain('<html lang="en" dir="ltr">');
    const hostile = await t.request(EU_CRM, `${alpinePath}?lang=${encodeURIComponent('"><script>')}`);
    expect(hostile.text).toContain('<html lang="en" dir="ltr">');
  });

  it('renders a record with a title, fields and escaped territory names', async () => {
    const page = await t.request(EU_CRM, alpinePath);
    expect(page.text).toContain('<h1 data-zcqa="record-title">Alpine Tools GmbH</h1>');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).not.toContain(MARKUP_TERRITORY_NAME);
    expect(page.text).toContain('data-zcqa="territories-section"');
    expect(page.text).toContain('<title>Alpine Tools GmbH - Zoho CRM</title>');
  });

  it('serves the instance-name and no-org forms of the URL', async () => {
    const byName = await t.request(EU_CRM, `/crm/${INSTANCE_NAMES.euMain}/tab/Accounts/${RECORDS.alpineAccount}`);
    expect(byName.text).toContain('Alpine Tools GmbH');
    expect(attribute(byName.text, 'href')).toContain(`/crm/${INSTANCE_NAMES.euMain}/tab/Accounts`);
    const noOrg = await t.request(EU_CRM, `/crm/tab/Accounts/${RECORDS.alpineAccount}/`);
    expect(noOrg.status).toBe(200);
    expect(noOrg.text).toContain('Alpine Tools GmbH');
    const deal = await t.request(EU_CRM, `/crm/org${ORGS.euMain}/tab/Potentials/${RECORDS.deal}?tab=notes#x`);
    expect(deal.text).toContain('data-zcqa="record-title">Alpine Tools – 40 seats');
  });

  it('serves a sandbox org on crmsandbox only, and an org only on its own data centre', async () => {
    const sandbox = await t.request(
      'crmsandbox.zoho.eu',
      `/crm/${INSTANCE_NAMES.euSandbox}/tab/Accounts/${RECORDS.sandboxAccount}`,
    );
    expect(sandbox.status).toBe(200);
    expect(sandbox.text).toContain('data-zcqa="sandbox-badge"');
    expect((await t.request(EU_CRM, `/crm/org${ORGS.euSandbox}/tab/Accounts/${RECORDS.sandboxAccount}`)).status).toBe(
      404,
    );
    expect((await t.request('crm.zoho.com', alpinePath)).status).toBe(404);
  });

  it('answers 404 for an unknown record, module tab or org', async () => {
    expect((await t.request(EU_CRM, `/crm/org${ORGS.euMain}/tab/Accounts/407625000099999999`)).status).toBe(404);
    expect((await t.request(EU_CRM, `/crm/org${ORGS.euMain}/tab/Deals/${RECORDS.deal}`)).status).toBe(404);
    expect((await t.request(EU_CRM, `/crm/org1/tab/Accounts/${RECORDS.alpineAccount}`)).status).toBe(404);
  });

  it('renders modules without territories without a territories section', async () => {
    const caseRecord = await t.request(EU_CRM, `/crm/org${ORGS.euMain}/tab/Cases/${RECORDS.caseRecord}`);
    expect(caseRecord.status).toBe(200);
    expect(caseRecord.text).not.toContain('territories-section');
    const custom = await t.request(EU_CRM, `/crm/org${ORGS.euMain}/tab/CustomModule1/${RECORDS.customRecord}`);
    expect(custom.text).toContain('Trade fair Hanover 2025');
  });

  it('links only to URLs the record-page parser reads as the intended page kind', async () => {
    const page = await t.request(EU_CRM, alpinePath);
    const next = attribute(page.text, 'href').find((href) => href.endsWith(`/${RECORDS.lockedAccount}`));
    expect(parseRecordPage(`https://${EU_CRM}${next}`)).toMatchObject({
      recordId: RECORDS.lockedAccount,
      module: 'Accounts',
    });
    const edit = attribute(page.text, 'href').find((href) => href.endsWith('/edit'));
    expect(edit).toBeDefined();
    expect(parseRecordPage(`https://${EU_CRM}${edit}`)).toBeNull();
  });
});

describe('CRM list, create and edit pages', () => {
  it('lists records with Zoho-like row markup and a checkbox per row', async () => {
    const page = await t.request(EU_CRM, `/crm/org${ORGS.euMain}/tab/Accounts`);
    expect(page.status).toBe(200);
    const rows = attribute(page.text, 'data-record-id');
    expect(rows).toHaveLength(100);
    expect(rows[0]).toBe(RECORDS.alpineAccount);
    expect(page.text).toMatch(
      new RegExp(
        `<tr data-zcqa="list-row" data-record-id="${RECORDS.alpineAccount}">\\s*<td><input type="checkbox" data-zcqa="row-select" value="${RECORDS.alpineAccount}"`,
      ),
    );
    expect(page.text).toContain('data-zcqa="select-all"');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const second = await t.request(EU_CRM, `/crm/org${ORGS.euMain}/tab/Accounts?page=2`);
    expect(attribute(second.text, 'data-record-id')).toHaveLength(100);
    expect(attribute(second.text, 'data-record-id')[0]).not.toBe(RECORDS.alpineAccount);
  });

  it('lists a custom view’s records', async () => {
    const page = await t.request(
      EU_CRM,
      `/crm/org${ORGS.euMain}/tab/Accounts/custom-view/${CUSTOM_VIEWS.euKeyAccounts}/list`,
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain('1200 records');
    expect(attribute(page.text, 'data-record-id')).not.toContain(RECORDS.alpineAccount);
    expect((await t.request(EU_CRM, `/crm/org${ORGS.euMain}/tab/Accounts/custom-view/1/list`)).status).toBe(404);
  });

  it('creates a record from the create form', async () => {
    const form = await t.request(EU_CRM, `/crm/org${ORGS.euMain}/tab/Accounts/create?layoutId=1`);
    expect(form.text).toContain('data-zcqa="create-form"');
    const created = await t.request(EU_CRM, `/crm/org${ORGS.euMain}/tab/Accounts/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Account_Name: 'New <b>Co</b>', Phone: '1' }).toString(),
    });
    expect(created.status).toBe(303);
    const location = created.headers.location ?? '';
    const page = parseRecordPage(`https://${EU_CRM}${location}`);
    expect(page).toMatchObject({ orgId: ORGS.euMain, module: 'Accounts' });
    const record = await t.request(EU_CRM, location);
    expect(record.text).toContain('New &lt;b&gt;Co&lt;/b&gt;');
    const state = await t.control.record(ORGS.euMain, 'Accounts', page?.recordId ?? '');
    expect(state).toMatchObject({ name: 'New <b>Co</b>', territories: [] });

    const missing = await t.request(EU_CRM, `/crm/org${ORGS.euMain}/tab/Accounts/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Account_Name=',
    });
    expect(missing.status).toBe(400);
  });

  it('saves the edit form, and refuses to save a locked record', async () => {
    const edit = `/crm/org${ORGS.euMain}/tab/Contacts/${RECORDS.contact}/edit`;
    expect((await t.request(EU_CRM, edit)).text).toContain('value="Huber"');
    const saved = await t.request(EU_CRM, edit, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Last_Name: 'Gruber', First_Name: 'Lena', Email: 'x@example.com' }).toString(),
    });
    expect(saved.status).toBe(303);
    expect((await t.control.record(ORGS.euMain, 'Contacts', RECORDS.contact)).name).toBe('Lena Gruber');

    const locked = await t.request(EU_CRM, `/crm/org${ORGS.euMain}/tab/Accounts/${RECORDS.lockedAccount}/edit`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Account_Name=Renamed',
    });
    expect(locked.status).toBe(409);
    expect((await t.control.record(ORGS.euMain, 'Accounts', RECORDS.lockedAccount)).name).toBe('Fjord Logistics AB');
  });

  it('answers the main area as JSON for in-page navigation', async () => {
    const fragment = await t.request(EU_CRM, alpinePath, { headers: { 'x-crm-fragment': '1' } });
    const body = fragment.json() as { title: string; tab: string; html: string };
    expect(body.title).toBe('Alpine Tools GmbH - Zoho CRM');
    expect(body.tab).toBe('Accounts');
    expect(body.html).toContain('data-zcqa="record-title"');
    expect(body.html).not.toContain('<html');
  });
});

describe('single-page navigation (inline script)', () => {
  async function openInBrowser(path: string) {
    const page = await t.request(EU_CRM, path);
    const window = new Window({
      url: `https://${EU_CRM}${path}`,
      settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
    });
    const fetched: string[] = [];
    // The page's fetches go to the stand-in, as a browser pointed at it would send them.
    window.fetch = (async (input: string | URL, init?: { headers?: Record<string, string> }) => {
      const url = new URL(String(input), window.location.href);
      fetched.push(url.pathname);
      const answer = await t.request(url.hostname, `${url.pathname}${url.search}`, { headers: init?.headers });
      return new Response(answer.text, { status: answer.status, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof window.fetch;
    window.document.write(page.text);
    return { window, fetched };
  }

  async function until(check: () => boolean): Promise<void> {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(check()).toBe(true);
  }

  it('moves to the next record with pushState and re-renders in place', async () => {
    const { window, fetched } = await openInBrowser(alpinePath);
    const { document } = window;
    document.body.setAttribute('data-loaded-once', 'yes');
    // The window sees the click after the page's own listener: a prevented default = no page load.
    const defaultPrevented: boolean[] = [];
    window.addEventListener('click', (event) => defaultPrevented.push(event.defaultPrevented));
    const link = document.querySelector<PageAnchor>('[data-zcqa="record-next"]');
    link?.click();
    const nextUrl = `https://${EU_CRM}/crm/org${ORGS.euMain}/tab/Accounts/${RECORDS.lockedAccount}`;
    expect(defaultPrevented).toEqual([true]);
    expect(window.location.href).toBe(nextUrl);
    await until(() => document.querySelector('[data-zcqa="record-title"]')?.textContent === 'Fjord Logistics AB');
    expect(document.title).toBe('Fjord Logistics AB - Zoho CRM');
    expect(document.body.getAttribute('data-loaded-once')).toBe('yes');
    expect(fetched).toEqual([`/crm/org${ORGS.euMain}/tab/Accounts/${RECORDS.lockedAccount}`]);
    await window.happyDOM.close();
  });

  it('counts the selected rows of a list', async () => {
    const { window } = await openInBrowser(`/crm/org${ORGS.euMain}/tab/Accounts`);
    const boxes = window.document.querySelectorAll<PageInput>('[data-zcqa="row-select"]');
    boxes[0]?.click();
    boxes[2]?.click();
    const count = () => window.document.querySelector('[data-zcqa="selection-count"]')?.textContent;
    expect(count()).toBe('2 selected');
    expect(
      window.document.querySelector(`[data-record-id="${RECORDS.alpineAccount}"]`)?.classList.contains('selected'),
    ).toBe(true);
    window.document.querySelector<PageInput>('[data-zcqa="select-all"]')?.click();
    expect(count()).toBe('100 selected');
    await window.happyDOM.close();
  });
});

describe('Zoho One', () => {
  it('embeds the CRM record page of the same data centre in an iframe', async () => {
    const path = `/crm/org${ORGS.euMain}/tab/Potentials/${RECORDS.deal}`;
    const page = await t.request('one.zoho.eu', `/zohoone/${INSTANCE_NAMES.euMain}/home/cxapp${path}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<iframe id="crm-frame" title="Zoho CRM" src="https://crm.zoho.eu${path}"></iframe>`);
    const us = await t.request(
      'one.zoho.com',
      `/zohoone/acme/home/cxapp/crm/org${ORGS.us}/tab/Accounts/${RECORDS.usAccount}`,
    );
    expect(us.text).toContain(`src="https://crm.zoho.com/crm/org${ORGS.us}/tab/Accounts/${RECORDS.usAccount}"`);
  });

  it('adds frames of the org’s CRM Home when asked for widgets, and keeps the knob out of the CRM frame', async () => {
    const path = `/crm/org${ORGS.euMain}/tab/Potentials/${RECORDS.deal}`;
    const page = await t.request('one.zoho.eu', `/zohoone/${INSTANCE_NAMES.euMain}/home/cxapp${path}?widgets=2`);
    expect(page.text).toContain(`<iframe id="crm-frame" title="Zoho CRM" src="https://crm.zoho.eu${path}"></iframe>`);
    expect(page.text.match(/class="one-widget"/g)).toHaveLength(2);
    expect(page.text).toContain(`src="https://crm.zoho.eu/crm/org${ORGS.euMain}/tab/Home/begin"`);
  });
});

describe('signed-in user in the header', () => {
  it('shows the accounts server’s signed-in user', async () => {
    await t.control.setSignedInUser('eu', USERS.clara);
    const page = await t.request(EU_CRM, alpinePath);
    expect(page.text).toContain('title="Clara Jensen"');
  });
});
