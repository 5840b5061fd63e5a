import { describe, expect, it } from 'vitest';
import type { RecordPage } from './crm-page';
import type { Request } from './messaging';
import { type ExtensionIdentity, isAllowedSender, isOrgUnnamedByFrame, type SenderInfo, senderKind } from './sender';

const extension: ExtensionIdentity = {
  id: 'dakhagbpkpjjndolhlmnckledapnlgpo',
  baseUrl: 'chrome-extension://dakhagbpkpjjndolhlmnckledapnlgpo/',
};
const id = extension.id;
const tab = { id: 7 };

const page: RecordPage = {
  dataCentre: 'eu',
  sandbox: false,
  orgId: '20079833178',
  module: 'Leads',
  recordId: '407625000068467001',
};
const PAGE_URL = 'https://crm.zoho.eu/crm/org20079833178/tab/Leads/407625000068467001';

const read: Request = { type: 'record.territories', page };
const remove: Request = { type: 'record.removeTerritory', page, territoryId: '111111000000046458' };
const assign: Request = { type: 'record.assignTerritory', page, territoryId: '111111000000046458' };
const signInEu: Request = { type: 'auth.signIn', dataCentre: 'eu' };
const signOutEu: Request = { type: 'auth.signOut', dataCentre: 'eu' };
const connections: Request = { type: 'auth.connections' };
const left: Request = { type: 'page.left' };
const shown: Request = { type: 'page.shown', page };
const openSidePanel: Request = { type: 'sidePanel.open' };

const contentScript = (url: string): SenderInfo => ({ id, url, tab });
const optionsPage: SenderInfo = { id, url: `${extension.baseUrl}options.html`, tab };
const popup: SenderInfo = { id, url: `${extension.baseUrl}popup.html` };
const sidePanel: SenderInfo = { id, url: `${extension.baseUrl}sidepanel.html` };

describe('senderKind', () => {
  it.each<[string, SenderInfo, string]>([
    ['a content script', contentScript(PAGE_URL), 'content-script'],
    ['an extension page in a tab', optionsPage, 'extension-page'],
    ['the popup', popup, 'extension-page'],
    ['another extension', { id: 'other', url: PAGE_URL, tab }, 'other'],
    ['no id', { url: PAGE_URL, tab }, 'other'],
    ['no url', { id, tab }, 'other'],
    ['a web page without a tab', { id, url: PAGE_URL }, 'other'],
    ['another extension’s page', { id, url: 'chrome-extension://otherextension/page.html', tab }, 'other'],
    ['a plain http page', { id, url: 'http://crm.zoho.eu/crm/tab/Leads/1', tab }, 'other'],
    [
      'a CRM frame in Zoho One',
      { id, url: PAGE_URL, tab: { id: 7, url: 'https://one.zoho.eu/zohoone/x' }, frameId: 3 },
      'content-script',
    ],
    [
      'a CRM frame in CRM Plus',
      { id, url: PAGE_URL, tab: { id: 7, url: 'https://crmplus.zoho.com/x' }, frameId: 3 },
      'content-script',
    ],
    ['a CRM frame whose top page the browser does not tell', { id, url: PAGE_URL, tab, frameId: 3 }, 'content-script'],
    [
      'a CRM frame in a foreign page',
      { id, url: PAGE_URL, tab: { id: 7, url: 'https://partner-portal.example/' }, frameId: 3 },
      'other',
    ],
    ['the top frame of a CRM tab', { id, url: PAGE_URL, tab: { id: 7, url: PAGE_URL }, frameId: 0 }, 'content-script'],
  ])('%s', (_, sender, kind) => {
    expect(senderKind(sender, extension)).toBe(kind);
  });
});

describe('isAllowedSender', () => {
  const cases: [string, Request, SenderInfo, boolean][] = [
    ['read from the record’s own page', read, contentScript(PAGE_URL), true],
    ['read from the record page with query and fragment', read, contentScript(`${PAGE_URL}?sub_module=x#notes`), true],
    ['remove from the record’s own page', remove, contentScript(PAGE_URL), true],
    ['assign from the record’s own page', assign, contentScript(PAGE_URL), true],
    [
      'read after SPA navigation from another record of the org (sender URL stays the first)',
      read,
      contentScript(PAGE_URL.replace(/7001$/, '7002')),
      true,
    ],
    [
      'read naming an org, from a frame opened on an instance-name URL (it names no org)',
      read,
      contentScript('https://crm.zoho.eu/crm/northwind/tab/Leads'),
      false,
    ],
    [
      'read naming an org, from a frame opened without an org (pushState cannot lend it one)',
      read,
      contentScript('https://crm.zoho.eu/crm/tab/Leads/407625000068467001'),
      false,
    ],
    [
      'read without an org, from a frame opened on an instance-name URL',
      { type: 'record.territories', page: { ...page, orgId: null } },
      contentScript('https://crm.zoho.eu/crm/northwind/tab/Leads'),
      true,
    ],
    [
      'read from the same record in another org',
      read,
      contentScript(PAGE_URL.replace('org20079833178', 'org1')),
      false,
    ],
    [
      'read from the same record in another data centre',
      read,
      contentScript(PAGE_URL.replace('zoho.eu', 'zoho.com')),
      false,
    ],
    [
      'read from the sandbox of the same record',
      read,
      contentScript(PAGE_URL.replace('crm.zoho.eu', 'crmsandbox.zoho.eu')),
      false,
    ],
    [
      'remove after SPA navigation from a list view of the org',
      remove,
      contentScript('https://crm.zoho.eu/crm/org20079833178/tab/Leads'),
      true,
    ],
    [
      'remove from a look-alike host',
      remove,
      contentScript('https://crm.zoho.eu.evil.example/crm/org20079833178/tab/Leads/407625000068467001'),
      false,
    ],
    ['remove from plain http', remove, contentScript(PAGE_URL.replace('https:', 'http:')), false],
    [
      'remove from a foreign site',
      remove,
      contentScript('https://evil.example/crm/org20079833178/tab/Leads/407625000068467001'),
      false,
    ],
    ['remove from an extension page', remove, optionsPage, false],
    ['read from the side panel', read, sidePanel, true],
    ['read from the side panel for a tab', { ...read, tabId: 3 }, sidePanel, true],
    ['read from the record’s own page naming a tab', { ...read, tabId: 3 }, contentScript(PAGE_URL), false],
    ['remove from the side panel', remove, sidePanel, true],
    ['assign from the side panel opened with a query', assign, { ...sidePanel, url: `${sidePanel.url}?x=1` }, true],
    [
      'remove from a page that looks like the side panel in another extension',
      remove,
      { id: 'other', url: 'chrome-extension://other/sidepanel.html' },
      false,
    ],
    ['page shown from the record’s own page', shown, contentScript(PAGE_URL), true],
    ['page shown from another org', shown, contentScript(PAGE_URL.replace('org20079833178', 'org1')), false],
    ['page shown from the side panel', shown, sidePanel, false],
    ['side panel asked for from a CRM frame', openSidePanel, contentScript(PAGE_URL), true],
    ['side panel asked for from a foreign site', openSidePanel, contentScript('https://evil.example/'), false],
    ['side panel asked for from the popup', openSidePanel, popup, false],
    ['remove from the popup', remove, popup, false],
    ['remove from another extension', remove, { id: 'other', url: PAGE_URL, tab }, false],
    ['remove without a tab', remove, { id, url: PAGE_URL }, false],
    [
      'sign-in from a CRM page of that data centre',
      signInEu,
      contentScript('https://crm.zoho.eu/crm/org1/tab/Home/begin'),
      true,
    ],
    [
      'sign-in from a sandbox CRM page of that data centre',
      signInEu,
      contentScript('https://crmsandbox.zoho.eu/crm/acme/tab/Leads/1'),
      true,
    ],
    [
      'sign-in from a CRM page of another data centre',
      signInEu,
      contentScript('https://crm.zoho.com/crm/org1/tab/Leads/1'),
      false,
    ],
    ['sign-in from a foreign site', signInEu, contentScript('https://evil.example/'), false],
    [
      'sign-in from a CRM host on another port',
      signInEu,
      contentScript('https://crm.zoho.eu:8443/crm/tab/Leads/1'),
      false,
    ],
    ['sign-in from the options page', signInEu, optionsPage, true],
    ['sign-in from the popup', signInEu, popup, true],
    ['sign-in from another extension', signInEu, { id: 'other', url: `${extension.baseUrl}options.html` }, false],
    ['sign-out from the options page', signOutEu, optionsPage, true],
    ['sign-out from a CRM page', signOutEu, contentScript(PAGE_URL), false],
    [
      'page left from a CRM frame of any org',
      left,
      contentScript('https://crm.zoho.com/crm/org1/tab/Home/begin'),
      true,
    ],
    ['page left from a foreign site', left, contentScript('https://evil.example/crm/org1/tab/Leads/1'), false],
    ['page left from the popup', left, popup, false],
    ['connections from the popup', connections, popup, true],
    ['connections from a CRM page', connections, contentScript(PAGE_URL), false],
    [
      'connections from another extension',
      connections,
      { id: 'other', url: 'chrome-extension://other/popup.html' },
      false,
    ],
  ];

  it.each(cases)('%s', (_, request, sender, allowed) => {
    expect(isAllowedSender(request, sender, extension)).toBe(allowed);
  });

  it('accepts a Firefox extension page by its moz-extension base URL', () => {
    const firefox: ExtensionIdentity = {
      id: 'territory-panel@territory-panel.app',
      baseUrl: 'moz-extension://5b1c7f5e-5a5d-4f0e-9a0a-2f3f0d1d1a11/',
    };
    const options: SenderInfo = { id: firefox.id, url: `${firefox.baseUrl}options.html` };
    expect(isAllowedSender(connections, options, firefox)).toBe(true);
    expect(
      isAllowedSender(connections, { ...options, url: 'moz-extension://another-uuid/options.html' }, firefox),
    ).toBe(false);
  });
});

describe('isAllowedSender for bulk.open', () => {
  const open: Request = {
    type: 'bulk.open',
    dataCentre: 'eu',
    sandbox: false,
    orgId: '20079833178',
    module: 'Accounts',
    recordIds: ['407625000068467001', '407625000068467002'],
  };
  const LIST_URL = 'https://crm.zoho.eu/crm/org20079833178/tab/Accounts';

  const cases: [string, Request, SenderInfo, boolean][] = [
    ['from a list view of that org', open, contentScript(LIST_URL), true],
    ['from a record page of that org (the panel)', open, contentScript(PAGE_URL), true],
    [
      'naming an org, from a frame opened on an instance-name URL of the host',
      open,
      contentScript('https://crm.zoho.eu/crm/acme/tab/Accounts'),
      false,
    ],
    [
      'with no org, from a frame opened without one',
      { ...open, orgId: null },
      contentScript('https://crm.zoho.eu/crm/tab/Accounts'),
      true,
    ],
    ['from a list view of another org', open, contentScript(LIST_URL.replace('org20079833178', 'org1')), false],
    ['with no org, from a frame of a named org', { ...open, orgId: null }, contentScript(LIST_URL), false],
    ['from another data centre', open, contentScript(LIST_URL.replace('zoho.eu', 'zoho.com')), false],
    ['for the sandbox, from the live host', { ...open, sandbox: true }, contentScript(LIST_URL), false],
    ['from the sandbox host', { ...open, sandbox: true }, contentScript(LIST_URL.replace('crm.', 'crmsandbox.')), true],
    ['from a look-alike host', open, contentScript(LIST_URL.replace('zoho.eu', 'zoho.eu.evil.example')), false],
    ['from plain http', open, contentScript(LIST_URL.replace('https:', 'http:')), false],
    [
      'from the Zoho One shell (the CRM frame inside asks)',
      open,
      contentScript('https://one.zoho.eu/zohoone/acme/home/cxapp/crm/org20079833178/tab/Accounts'),
      false,
    ],
    ['from a web page without a tab', open, { id, url: LIST_URL }, false],
    ['from another extension', open, { id: 'other', url: LIST_URL, tab }, false],
    ['from the popup', open, popup, true],
    ['from the options page', open, optionsPage, true],
    ['from another extension’s page', open, { id: 'other', url: 'chrome-extension://other/popup.html' }, false],
  ];

  it.each(cases)('%s', (_, request, sender, allowed) => {
    expect(isAllowedSender(request, sender, extension)).toBe(allowed);
  });
});

describe('isOrgUnnamedByFrame', () => {
  const noOrgFrame = contentScript('https://crm.zoho.eu/crm/tab/Leads/407625000068467001');

  it('says why a request naming an org from a frame opened without one is refused', () => {
    expect(isOrgUnnamedByFrame(read, noOrgFrame)).toBe(true);
    expect(isOrgUnnamedByFrame(remove, contentScript('https://crm.zoho.eu/crm/acme/tab/Leads'))).toBe(true);
  });

  it.each<[string, Request, SenderInfo]>([
    ['a request without an org', { type: 'record.territories', page: { ...page, orgId: null } }, noOrgFrame],
    ['a frame of another org', read, contentScript(PAGE_URL.replace('org20079833178', 'org1'))],
    ['a frame of another data centre', read, contentScript('https://crm.zoho.com/crm/tab/Leads/1')],
    ['a request that names no page', signInEu, noOrgFrame],
  ])('does not apply to %s', (_, request, sender) => {
    expect(isOrgUnnamedByFrame(request, sender)).toBe(false);
  });
});
