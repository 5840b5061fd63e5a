import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createReachedOrgs } from '../auth/reached-orgs';
import { createAuthSession, type IdentityApi } from '../auth/session';
import { createTokenStore } from '../auth/token-store';
import { readHandoff } from '../bulk/handoff';
import { parseBulkLink } from '../bulk/link';
import type { RecordPage } from '../crm-page';
import type { Request as ExtensionRequest } from '../messaging';
import type { SenderInfo } from '../sender';
import { createChangeLog } from '../zoho/jobs';
import type { StorageArea } from '../zoho/storage-area';
import { createTerritoryCache } from '../zoho/territory-cache';
import { type LocalServer, type RecordedRequest, startLocalServer } from '../zoho/testing/local-server';
import { createRequestHandler, parseRequest } from './handle-request';
import { createRecordRequests } from './record-requests';
import { createBackground, listenForRequests } from './setup';

const RECORD = '4150868000004318009';
const SOUTH = '111111000000046458';
const USA = '111111000000046001';
const page: RecordPage = { dataCentre: 'eu', sandbox: false, orgId: '20079833178', module: 'Deals', recordId: RECORD };
const PAGE_URL = `https://crm.zoho.eu/crm/org20079833178/tab/Potentials/${RECORD}`;
const TOKEN = '1000.secret-token';

const extensionId = fakeBrowser.runtime.id;
const baseUrl = fakeBrowser.runtime.getURL('/');
const optionsPage: SenderInfo = { id: extensionId, url: `${baseUrl}options.html`, tab: { id: 1 } };
const contentScript: SenderInfo = { id: extensionId, url: PAGE_URL, tab: { id: 2 } };

const identity: IdentityApi = {
  getRedirectURL: (path) => `https://${extensionId}.chromiumapp.org/${path ?? ''}`,
  launchWebAuthFlow: async ({ url }) => {
    const request = new URL(url);
    const answer = new URLSearchParams({
      access_token: TOKEN,
      expires_in: '3600',
      api_domain: 'https://www.zohoapis.eu',
      state: request.searchParams.get('state') ?? '',
    });
    return `${request.searchParams.get('redirect_uri')}#${answer}`;
  },
};

let zoho: LocalServer;
let territories: string[];
const outside: string[] = [];

beforeEach(async () => {
  fakeBrowser.reset();
  badgeTexts.clear();
  territories = [SOUTH];
  outside.length = 0;
  zoho = await startLocalServer((request: RecordedRequest) => {
    if (request.method === 'POST') {
      territories = [];
      return { status: 200, json: { data: [{ code: 'SUCCESS', details: { id: RECORD }, status: 'success' }] } };
    }
    if (request.url.startsWith('/crm/v8/settings/territories')) {
      const usa = { id: USA, name: 'USA', reporting_to: null, manager: { id: '1', name: 'Patricia Boyle' } };
      const south = { id: SOUTH, name: 'South', reporting_to: { id: USA, name: 'USA' }, manager: null };
      const info = { per_page: 200, count: 2, page: 1, more_records: false };
      return { status: 200, json: { territories: [usa, south], info } };
    }
    const list = territories.map((id) => ({
      id,
      Name: 'South',
      $assigned_by: null,
      $assigned_time: null,
      $assigned: 'manually',
    }));
    return { status: 200, json: { data: [{ id: RECORD, Territories: list }] } };
  });
});
afterEach(() => zoho.close());

/** Sends the EU API host to the local Zoho; records any other address and answers it with 200. */
const routedFetch: typeof fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (url.startsWith('https://www.zohoapis.eu/')) {
    return fetch(url.replace('https://www.zohoapis.eu', zoho.origin), init);
  }
  outside.push(`${init?.method ?? 'GET'} ${url}`);
  return new Response(null, { status: 200 });
};

type Listener = Parameters<typeof listenForRequests>[0] extends { addListener(listener: infer L): void } ? L : never;

/**
 * Starts the background on fakeBrowser's onMessage, and returns a way to deliver a message with a
 * chosen sender (fakeBrowser's sendMessage always passes an empty one): the answer, or null for none.
 */
let optionsOpened = 0;
const tabsOpened: string[] = [];
/** The badge text of each tab, as the background last set it. */
const badgeTexts = new Map<number, string>();

function startBackground(): (message: unknown, sender: SenderInfo) => Promise<unknown> {
  const handle = createBackground({
    extension: { id: extensionId, baseUrl },
    identity,
    session: fakeBrowser.storage.session,
    local: fakeBrowser.storage.local,
    buildClientId: '1000.CLIENT',
    fetch: routedFetch,
    openOptionsPage: async () => {
      optionsOpened += 1;
    },
    tabs: {
      create: async ({ url }) => {
        tabsOpened.push(url);
        return {};
      },
      onRemoved: { addListener: () => undefined },
    },
    toolbarButton: {
      setBadgeText: ({ tabId, text }) => {
        badgeTexts.set(tabId, text);
      },
      setBadgeBackgroundColor: () => undefined,
    },
    bulkPageUrl: `${baseUrl}bulk.html`,
  });
  listenForRequests(fakeBrowser.runtime.onMessage, handle);
  let listener: Listener | undefined;
  listenForRequests(
    {
      addListener: (registered) => {
        listener = registered;
      },
    },
    handle,
  );
  return (message, sender) =>
    new Promise((resolve) => {
      if (!listener?.(message, sender, resolve)) resolve(null);
    });
}

describe('the background, through runtime.onMessage', () => {
  it('signs in, reads, removes and signs out without a token ever leaving it', async () => {
    const send = startBackground();
    const signIn = await send({ type: 'auth.signIn', dataCentre: 'eu' }, optionsPage);
    expect(signIn).toMatchObject({ ok: true, value: { dataCentre: 'eu', connected: true } });

    const read = await send({ type: 'record.territories', page }, contentScript);
    expect(read).toMatchObject({
      ok: true,
      value: { enabled: true, scheduled: [], territories: [{ id: SOUTH, path: ['USA'], manager: null }] },
    });
    expect(zoho.requests[0]?.headers.authorization).toBe(`Zoho-oauthtoken ${TOKEN}`);
    expect(zoho.requests[0]?.headers['x-crm-org']).toBe('20079833178');
    expect(badgeTexts.get(2)).toBe('1');

    const removed = await send({ type: 'record.removeTerritory', page, territoryId: SOUTH }, contentScript);
    expect(removed).toEqual({ ok: true, value: { outcome: 'done' } });
    expect(badgeTexts.get(2)).toBe('0');
    expect(await send({ type: 'page.left' }, contentScript)).toEqual({ ok: true, value: null });
    expect(badgeTexts.get(2)).toBe('');

    const signOut = await send({ type: 'auth.signOut', dataCentre: 'eu' }, optionsPage);
    expect(signOut).toMatchObject({ ok: true, value: { connected: false } });
    expect(outside).toEqual([`POST https://accounts.zoho.eu/oauth/v2/token/revoke?token=${encodeURIComponent(TOKEN)}`]);

    const afterwards = await send({ type: 'record.territories', page }, contentScript);
    expect(afterwards).toEqual({ ok: false, error: { code: 'NOT_SIGNED_IN' } });

    for (const answer of [signIn, read, removed, signOut, afterwards])
      expect(JSON.stringify(answer)).not.toContain(TOKEN);
    // storage.local holds the org's territory definitions and nothing else
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual(['territories:eu:production:20079833178']);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
  });

  it('answers a request from the wrong sender with FORBIDDEN_SENDER and sends nothing to Zoho', async () => {
    const send = startBackground();
    await send({ type: 'auth.signIn', dataCentre: 'eu' }, optionsPage);
    const otherOrg = { ...contentScript, url: PAGE_URL.replace(/\/org\d+\//, '/org1/') };
    expect(otherOrg.url).not.toBe(PAGE_URL);
    expect(await send({ type: 'record.removeTerritory', page, territoryId: SOUTH }, otherOrg)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    expect(await send({ type: 'auth.connections' }, contentScript)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    expect(zoho.requests).toHaveLength(0);
    expect(badgeTexts.size).toBe(0);
  });

  it('says ORG_NOT_IN_ADDRESS to a request naming an org from a frame opened without one, and sends nothing', async () => {
    const send = startBackground();
    await send({ type: 'auth.signIn', dataCentre: 'eu' }, optionsPage);
    const opened = { ...contentScript, url: PAGE_URL.replace(/\/org\d+\//, '/') };
    expect(opened.url).toMatch(/\/crm\/tab\//);
    expect(await send({ type: 'record.territories', page }, opened)).toEqual({
      ok: false,
      error: { code: 'ORG_NOT_IN_ADDRESS' },
    });
    expect(zoho.requests).toHaveLength(0);
  });

  it('does not answer messages that are not requests', async () => {
    const send = startBackground();
    for (const message of [null, 'hello', { type: 'record.territories' }, { type: 'auth.connections', extra: 1 }]) {
      expect(await send(message, optionsPage)).toBeNull();
    }
    expect(await fakeBrowser.runtime.sendMessage({ type: 'auth.connections', extra: 1 })).toBeUndefined();
  });

  it('answers through runtime.sendMessage', async () => {
    startBackground();
    // fakeBrowser delivers sendMessage with an empty sender, which may ask nothing.
    expect(await fakeBrowser.runtime.sendMessage({ type: 'auth.connections' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
  });
});

describe('parseRequest', () => {
  it('accepts exactly the protocol’s requests', () => {
    const request: ExtensionRequest = { type: 'auth.signIn', dataCentre: 'au' };
    expect(parseRequest(request)).toEqual(request);
    expect(parseRequest({ type: 'auth.signIn', dataCentre: 'uk' })).toBeNull();
    expect(parseRequest({ type: 'record.territories', page: { ...page, recordId: 'abc' } })).toBeNull();
    expect(parseRequest({ type: 'page.left' })).toEqual({ type: 'page.left' });
    expect(parseRequest({ type: 'page.left', page })).toBeNull();
  });
});

describe('createRequestHandler', () => {
  it('opens the options page for the panel of a CRM page, and for nobody else', async () => {
    const send = startBackground();
    optionsOpened = 0;
    expect(await send({ type: 'options.open' }, contentScript)).toEqual({ ok: true, value: null });
    expect(optionsOpened).toBe(1);
    const foreign = { ...contentScript, url: 'https://evil.example/crm/org1/tab/Leads/1' };
    expect(await send({ type: 'options.open' }, foreign)).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(optionsOpened).toBe(1);
  });

  it('opens the bulk page with a list selection for a CRM page of that org', async () => {
    const send = startBackground();
    tabsOpened.length = 0;
    const request = {
      type: 'bulk.open',
      dataCentre: 'eu',
      sandbox: false,
      orgId: '20079833178',
      module: 'Deals',
      recordIds: ['1', '2'],
    };
    expect(await send(request, contentScript)).toEqual({ ok: true, value: null });
    expect(tabsOpened).toHaveLength(1);
    expect(tabsOpened[0]).toMatch(new RegExp(`^${baseUrl}bulk\\.html#`));
    const token = parseBulkLink(new URL(tabsOpened[0] ?? '').hash).selection ?? '';
    expect(await readHandoff({ storage: fakeBrowser.storage.session }, token)).toMatchObject({ recordIds: ['1', '2'] });
    const otherOrg = { ...contentScript, url: PAGE_URL.replace(/\/org\d+\//, '/org1/') };
    expect(await send(request, otherOrg)).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(tabsOpened).toHaveLength(1);
  });

  it('gives a CRM page the panel’s words in the page’s language, and a foreign page nothing', async () => {
    const send = startBackground();
    const answer = await send({ type: 'i18n.catalogue', pageLang: 'de-DE' }, contentScript);
    expect(answer).toMatchObject({ ok: true, value: { locale: 'de' } });
    expect(answer).toMatchObject({ value: { messages: { 'common.refresh': 'Aktualisieren' } } });
    const foreign = { ...contentScript, url: 'https://evil.example/crm/org1/tab/Leads/1' };
    expect(await send({ type: 'i18n.catalogue', pageLang: 'de' }, foreign)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
  });

  it('turns an unexpected failure into an answer', async () => {
    const brokenStorage: StorageArea = {
      get: () => Promise.reject(new Error('storage is gone')),
      set: () => Promise.reject(new Error('storage is gone')),
      remove: () => Promise.reject(new Error('storage is gone')),
    };
    const handle = createRequestHandler({
      extension: { id: extensionId, baseUrl },
      auth: createAuthSession({
        identity,
        tokens: createTokenStore(brokenStorage),
        clientId: async () => '1000.CLIENT',
        revoke: async () => undefined,
        orgs: createReachedOrgs(brokenStorage),
      }),
      records: createRecordRequests({
        clientFor: () => {
          throw new Error('unused');
        },
        changes: createChangeLog(brokenStorage),
        territories: createTerritoryCache({ storage: brokenStorage }),
      }),
      openOptionsPage: async () => undefined,
      openBulkPage: async () => ({ ok: true, value: null }),
      sidePanel: { open: async () => ({ ok: true, value: null }) },
      injectPageCode: async () => ({ ok: true, value: null }),
      pageCatalogue: async () => ({ locale: 'en', messages: {} }),
    });
    expect(await handle({ type: 'auth.connections' }, optionsPage)).toEqual({
      ok: false,
      error: { code: 'INVALID_RESPONSE', message: 'storage is gone' },
    });
  });
});
