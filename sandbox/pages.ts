// The CRM web UI (crm.* and crmsandbox.*) and the Zoho One shell (one.*), server-rendered.
//
// CRM paths, each under `/crm/org<zgid>/`, `/crm/<instance name>/` or plain `/crm/` (the signed-in
// user's default org, zoho-crm.md §6):
//   tab/Home/begin                     home
//   tab/<Tab>                          list (100 rows a page, `?page=`), rows `data-zcqa="list-row"`
//                                      with `data-record-id` and a `data-zcqa="row-select"` checkbox
//   tab/<Tab>/custom-view/<id>/list    a custom view's list
//   tab/<Tab>/create                   create form (POST creates the record)
//   tab/<Tab>/<id>                     record page
//   tab/<Tab>/<id>/edit                edit form (POST saves; a locked record refuses)
// Tabs are Leads, Accounts, Contacts, Potentials (Deals), Cases, CustomModule1.
// Links marked `data-spa-link` move like Zoho's single-page app: the inline script pushes the new
// URL with history.pushState and swaps `#crm-main` with the answer to the same URL fetched with
// `X-Crm-Fragment: 1` (JSON {title, tab, html}); no page load.
// Layout as Zoho's: a fixed top bar, a sticky full-width record header with its actions at the
// right (Send Email, Convert on Leads, Edit, More Options, previous/next), and a fixed chat bar
// at the bottom right.
// Zoho One: /zohoone/<org>/home/cxapp/crm/<rest> embeds https://crm.<dc host>/crm/<rest> in an iframe.
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { TERRITORY_MODULES, tabOfModule } from '../utils/crm-page';
import { crmHostOf } from './hosts';
import { html, raw, type SafeHtml } from './html';
import type { StandInEnv } from './request-scope';
import {
  CRM_MODULES,
  type CrmModule,
  type FieldValue,
  MODULE_LABELS,
  type ScenarioOrg,
  type ScenarioRecord,
} from './scenarios/types';
import { nameFieldOf, recordName, type StandInState, zohoTime } from './state';

type PageContext = Context<StandInEnv>;

interface View {
  status: number;
  title: string;
  main: SafeHtml;
  org: ScenarioOrg | null;
  /** `/crm/org<zgid>`, `/crm/<instance>` or `/crm`: links keep the form the page was opened with */
  base: string;
  module: CrmModule | null;
}

const LIST_PAGE_SIZE = 100;

/** Editable fields per module, as label → API name; the first is required. */
const FORM_FIELDS: Readonly<Record<CrmModule, readonly (readonly [string, string])[]>> = {
  Leads: [
    ['Last Name', 'Last_Name'],
    ['First Name', 'First_Name'],
    ['Company', 'Company'],
    ['Email', 'Email'],
  ],
  Accounts: [
    ['Account Name', 'Account_Name'],
    ['Phone', 'Phone'],
    ['Billing City', 'Billing_City'],
  ],
  Contacts: [
    ['Last Name', 'Last_Name'],
    ['First Name', 'First_Name'],
    ['Email', 'Email'],
  ],
  Deals: [
    ['Deal Name', 'Deal_Name'],
    ['Stage', 'Stage'],
    ['Amount', 'Amount'],
  ],
  Cases: [
    ['Subject', 'Subject'],
    ['Status', 'Status'],
  ],
  CustomModule1: [['Name', 'Name']],
};

function tabOf(module: CrmModule): string {
  return (TERRITORY_MODULES as readonly CrmModule[]).includes(module)
    ? tabOfModule(module as (typeof TERRITORY_MODULES)[number])
    : module;
}

function moduleOfTab(tab: string): CrmModule | null {
  return CRM_MODULES.find((module) => tabOf(module) === tab) ?? null;
}

function fieldLabel(apiName: string): string {
  return apiName.replace(/_/g, ' ');
}

const PAGE_STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; padding-top: 48px; font: 13px/1.45 "Lato", -apple-system, "Segoe UI", Roboto, Arial, sans-serif; background: #f1f3f6; color: #313949; }
  .crm-topbar { display: flex; align-items: center; gap: 18px; height: 48px; padding: 0 16px; background: #fff; border-bottom: 1px solid #dfe3ea; position: fixed; top: 0; left: 0; right: 0; z-index: 20; }
  .crm-logo { display: flex; align-items: center; gap: 6px; font-weight: 700; font-size: 15px; color: #313949; text-decoration: none; }
  .crm-logo i { display: inline-block; width: 9px; height: 9px; border-radius: 2px; }
  .crm-tabs { display: flex; gap: 2px; flex: 1; }
  .crm-tabs a { padding: 14px 12px 12px; color: #4a5568; text-decoration: none; border-bottom: 2px solid transparent; }
  .crm-tabs a[aria-current="page"] { color: #0c62dc; border-bottom-color: #0c62dc; }
  .crm-org { color: #6b7587; }
  .crm-badge { background: #ffb020; color: #3a2a00; border-radius: 3px; padding: 1px 6px; font-size: 11px; font-weight: 700; }
  .crm-user { width: 28px; height: 28px; border-radius: 50%; background: #0c62dc; color: #fff; display: grid; place-items: center; font-weight: 700; }
  main { padding: 18px 22px; }
  .card { background: #fff; border: 1px solid #e2e6ed; border-radius: 6px; padding: 16px 20px; margin-bottom: 14px; }
  .record-head { display: flex; align-items: center; gap: 10px; position: sticky; top: 48px; z-index: 10; margin: -18px -22px 14px; padding: 10px 22px; background: #fff; border-bottom: 1px solid #dfe3ea; }
  .record-head h1 { font-size: 19px; margin: 0; flex: 1; }
  .record-actions { display: flex; align-items: center; gap: 8px; margin-left: auto; }
  .button.secondary { background: #fff; color: #0c62dc; }
  .crm-chatbar { position: fixed; right: 16px; bottom: 0; z-index: 30; display: flex; align-items: center; gap: 8px; width: 260px; height: 38px; padding: 0 12px; background: #1f2b3d; color: #fff; border-radius: 6px 6px 0 0; }
  .crm-chatbar button { font: inherit; color: inherit; background: transparent; border: 1px solid #50607a; border-radius: 4px; padding: 3px 8px; cursor: pointer; }
  body.crm-night { background: #12161c; color: #d5dbe5; }
  body.crm-night .crm-topbar, body.crm-night .record-head, body.crm-night .card, body.crm-night table.list { background: #1b2129; border-color: #2c3440; color: #d5dbe5; }
  body.crm-night .crm-logo { color: #d5dbe5; }
  body.crm-night a { color: #6ea8ff; }
  body.crm-night .tag { background: #2c3440; }
  a { color: #0c62dc; }
  dl.fields { display: grid; grid-template-columns: 200px 1fr; gap: 8px 16px; margin: 0; }
  dl.fields dt { color: #6b7587; text-align: right; }
  dl.fields dd { margin: 0; }
  h2 { font-size: 14px; margin: 0 0 12px; }
  table.list { width: 100%; border-collapse: collapse; background: #fff; }
  table.list th, table.list td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #edf0f4; }
  table.list tr.selected { background: #eef4ff; }
  .pager { display: flex; gap: 12px; align-items: center; margin-top: 10px; }
  .tag { display: inline-block; background: #eef1f6; border-radius: 10px; padding: 1px 8px; margin: 0 4px 4px 0; }
  .rule { color: #8a6d00; font-size: 11px; }
  form.crm-form label { display: block; margin: 10px 0 4px; color: #6b7587; }
  form.crm-form input { width: 320px; padding: 6px 8px; border: 1px solid #c9d0da; border-radius: 4px; }
  .button { display: inline-block; padding: 6px 14px; border-radius: 4px; border: 1px solid #0c62dc; background: #0c62dc; color: #fff; text-decoration: none; cursor: pointer; font: inherit; }
  .error { color: #b3261e; }
`;

// Moves between records as Zoho's single-page app does: pushState, then swap the main area.
const PAGE_SCRIPT = `
(() => {
  const mainArea = () => document.getElementById('crm-main');
  async function render(url) {
    const response = await fetch(url, { headers: { 'X-Crm-Fragment': '1' }, credentials: 'same-origin' });
    const view = await response.json();
    mainArea().innerHTML = view.html;
    document.title = view.title;
    for (const tab of document.querySelectorAll('[data-zcqa="module-tab"]')) {
      if (tab.dataset.tab === view.tab) tab.setAttribute('aria-current', 'page');
      else tab.removeAttribute('aria-current');
    }
  }
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest('a[data-spa-link]') : null;
    if (!link || link.origin !== location.origin) return;
    event.preventDefault();
    history.pushState({}, '', link.href);
    render(link.href);
  });
  addEventListener('popstate', () => render(location.href));
  document.addEventListener('change', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox') return;
    const rows = [...document.querySelectorAll('[data-zcqa="row-select"]')];
    if (box.dataset.zcqa === 'select-all') for (const row of rows) row.checked = box.checked;
    for (const row of rows) row.closest('[data-zcqa="list-row"]')?.classList.toggle('selected', row.checked);
    const count = document.querySelector('[data-zcqa="selection-count"]');
    if (count) count.textContent = rows.filter((row) => row.checked).length + ' selected';
  });
})();
`;

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur']);

/** The page's `lang` and `dir` for `?lang=`: a language tag as Zoho writes it, English otherwise. */
export function pageLanguage(requested: string | undefined): { lang: string; dir: 'ltr' | 'rtl' } {
  const lang = requested && LANGUAGE_TAG.test(requested) ? requested : 'en';
  return { lang, dir: RIGHT_TO_LEFT.has(lang.split('-')[0]?.toLowerCase() ?? '') ? 'rtl' : 'ltr' };
}

export function createPagesApp(state: StandInState): Hono<StandInEnv> {
  const app = new Hono<StandInEnv>({ strict: false });

  function currentUserName(org: ScenarioOrg | null): string {
    if (!org) return '';
    const id = state.accountsSession(org.dataCentre).signedInUserId;
    return (id && state.users.get(id)?.fullName) || '';
  }

  function topBar(view: View): SafeHtml {
    const { org, base } = view;
    const tabs = org
      ? CRM_MODULES.map(
          (module) =>
            html`<a href="${base}/tab/${tabOf(module)}" data-spa-link data-zcqa="module-tab" data-tab="${tabOf(module)}"${
              view.module === module ? raw(' aria-current="page"') : ''
            }>${MODULE_LABELS[module].plural}</a>`,
        )
      : [];
    const userName = currentUserName(org);
    return html`<header class="crm-topbar" data-zcqa="crm-topbar">
<a class="crm-logo" href="${org ? `${base}/tab/Home/begin` : '/crm/'}" data-spa-link><i style="background:#e42527"></i><i style="background:#089949"></i><i style="background:#226db4"></i><i style="background:#f9b21d"></i>CRM</a>
<nav class="crm-tabs" data-zcqa="module-tabs">${tabs}</nav>
${org?.sandbox ? html`<span class="crm-badge" data-zcqa="sandbox-badge">SANDBOX</span>` : ''}
<span class="crm-org" data-zcqa="org-name" data-org-id="${org?.zgid ?? ''}">${org?.companyName ?? ''}</span>
<span class="crm-user" title="${userName}">${userName.slice(0, 1)}</span>
</header>`;
  }

  function respond(c: PageContext, view: View): Response {
    const status = view.status as ContentfulStatusCode;
    if (c.req.header('x-crm-fragment') === '1') {
      return c.json({ title: view.title, tab: view.module ? tabOf(view.module) : null, html: view.main.value }, status);
    }
    // Zoho's night mode is a user setting; here `?theme=night` on a full page load stands for it.
    const night = c.req.query('theme') === 'night';
    // So is the user's Zoho language, which Zoho writes into <html lang>: `?lang=de` stands for it.
    const { lang, dir } = pageLanguage(c.req.query('lang'));
    const page = html`<!doctype html>
<html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>${view.title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${raw(PAGE_STYLE)}</style></head>
<body${night ? raw(' class="crm-night"') : ''}>${topBar(view)}<main id="crm-main" data-zcqa="crm-main">${view.main}</main>
<div class="crm-chatbar" data-zcqa="chat-bar"><span>Chats</span><button type="button" data-zcqa="chat-contacts">Contacts</button><button type="button" data-zcqa="chat-channels">Channels</button></div>
<script>${raw(PAGE_SCRIPT)}</script></body></html>`;
    return c.html(page.value, status);
  }

  function notFound(c: PageContext, message: string, org: ScenarioOrg | null, base: string): Response {
    return respond(c, {
      status: 404,
      title: 'Not found - Zoho CRM',
      main: html`<div class="card" data-zcqa="not-found"><h1>${message}</h1></div>`,
      org,
      base,
      module: null,
    });
  }

  /** The org a CRM URL points at, and the link base in the same form. */
  function resolveOrg(c: PageContext): { org: ScenarioOrg | null; base: string } {
    const { dataCentre, sandbox } = c.env.scope.zohoHost;
    const segment = c.req.param('segment');
    if (segment) {
      const zgid = /^org(\d+)$/.exec(segment)?.[1];
      const org = zgid ? state.orgs.get(zgid) : state.findOrgByInstanceName(segment, dataCentre, sandbox);
      const onThisHost = org && org.dataCentre === dataCentre && org.sandbox === sandbox;
      return { org: onThisHost ? org : null, base: `/crm/${segment}` };
    }
    const userId = state.accountsSession(dataCentre).signedInUserId;
    const user = userId ? state.users.get(userId) : undefined;
    const fromUser = user ? state.membershipsOn(user, dataCentre, sandbox)[0]?.org : undefined;
    const fallback = [...state.orgs.values()].find((org) => org.dataCentre === dataCentre && org.sandbox === sandbox);
    return { org: fromUser ?? fallback ?? null, base: '/crm' };
  }

  /** Org and module of a tab URL, or the 404 answer. */
  function resolveTab(c: PageContext): { org: ScenarioOrg; base: string; module: CrmModule } | Response {
    const { org, base } = resolveOrg(c);
    if (!org) return notFound(c, 'This organization is not available.', null, base);
    const module = moduleOfTab(c.req.param('tab') ?? '');
    if (!module) return notFound(c, 'This module is not available.', org, base);
    return { org, base, module };
  }

  function recordUrl(base: string, record: ScenarioRecord): string {
    return `${base}/tab/${tabOf(record.module)}/${record.id}`;
  }

  function displayValue(value: FieldValue | undefined): string {
    return value === null || value === undefined ? '' : String(value);
  }

  function territoryTags(record: ScenarioRecord): SafeHtml {
    return html`${record.territories.map((a) => {
      const name = state.territories.get(a.territoryId)?.name ?? a.territoryId;
      return html`<span class="tag" data-territory-id="${a.territoryId}">${name}${
        a.assigned === 'automatically' ? html` <span class="rule">(rule)</span>` : ''
      }</span>`;
    })}`;
  }

  function homeView(org: ScenarioOrg, base: string): View {
    return {
      status: 200,
      title: 'Home - Zoho CRM',
      org,
      base,
      module: null,
      main: html`<div class="card" data-zcqa="home"><h1>Welcome to ${org.companyName}</h1>
<ul>${CRM_MODULES.map(
        (module) =>
          html`<li><a href="${base}/tab/${tabOf(module)}" data-spa-link>${MODULE_LABELS[module].plural}</a> (${
            state.recordsOf(org.zgid, module).length
          })</li>`,
      )}</ul></div>`,
    };
  }

  function listView(
    c: PageContext,
    org: ScenarioOrg,
    base: string,
    module: CrmModule,
    viewId: string | null,
  ): View | null {
    const views = [...state.customViews.values()].filter((v) => v.orgId === org.zgid && v.module === module);
    const customView = viewId === null ? null : views.find((v) => v.id === viewId);
    if (customView === undefined) return null;
    let records = state.recordsOf(org.zgid, module);
    const viewTerritory = customView?.territoryId ?? null;
    if (viewTerritory !== null) {
      records = records.filter((record) => record.territories.some((a) => a.territoryId === viewTerritory));
    }
    const pages = Math.max(1, Math.ceil(records.length / LIST_PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const rows = records.slice((page - 1) * LIST_PAGE_SIZE, page * LIST_PAGE_SIZE);
    const listPath = customView
      ? `${base}/tab/${tabOf(module)}/custom-view/${customView.id}/list`
      : `${base}/tab/${tabOf(module)}`;
    const heading = customView?.name ?? `All ${MODULE_LABELS[module].plural}`;
    const showTerritories = state.territoriesEnabled(org, module);
    return {
      status: 200,
      title: `${heading} - Zoho CRM`,
      org,
      base,
      module,
      main: html`<div class="record-head"><h1 data-zcqa="list-title">${heading}</h1>
<span data-zcqa="selection-count">0 selected</span>
<a class="button" href="${base}/tab/${tabOf(module)}/create" data-spa-link data-zcqa="create-record">Create ${MODULE_LABELS[module].singular}</a></div>
<p data-zcqa="custom-views">${views.map(
        (v) =>
          html`<a href="${base}/tab/${tabOf(module)}/custom-view/${v.id}/list" data-spa-link data-cvid="${v.id}">${v.name}</a> · `,
      )}<span data-zcqa="record-count">${records.length} records</span></p>
<table class="list" data-zcqa="list-view" data-module="${module}"${customView ? html` data-cvid="${customView.id}"` : ''}>
<thead><tr><th><input type="checkbox" data-zcqa="select-all" aria-label="Select all"></th><th>${fieldLabel(nameFieldOf(module))}</th><th>Owner</th>${
        showTerritories ? html`<th>Territories</th>` : ''
      }</tr></thead>
<tbody>${rows.map((record) => {
        const name = recordName(record);
        return html`<tr data-zcqa="list-row" data-record-id="${record.id}">
<td><input type="checkbox" data-zcqa="row-select" value="${record.id}" aria-label="Select ${name}"></td>
<td><a href="${recordUrl(base, record)}" data-spa-link data-zcqa="record-link">${name}</a></td>
<td>${state.users.get(record.ownerId)?.fullName ?? ''}</td>${showTerritories ? html`<td>${territoryTags(record)}</td>` : ''}</tr>`;
      })}</tbody></table>
<nav class="pager" data-zcqa="list-pager">${
        page > 1
          ? html`<a href="${listPath}?page=${page - 1}" data-spa-link data-zcqa="previous-page">‹ Previous</a>`
          : ''
      }<span>Page ${page} of ${pages}</span>${
        page < pages ? html`<a href="${listPath}?page=${page + 1}" data-spa-link data-zcqa="next-page">Next ›</a>` : ''
      }</nav>`,
    };
  }

  function recordView(org: ScenarioOrg, base: string, record: ScenarioRecord): View {
    const siblings = state.recordsOf(org.zgid, record.module);
    const position = siblings.findIndex((r) => r.id === record.id);
    const previous = position > 0 ? siblings[position - 1] : undefined;
    const next = siblings[position + 1];
    const name = recordName(record);
    const owner = state.users.get(record.ownerId)?.fullName ?? '';
    const fieldRows = Object.entries(record.fields).filter(([key]) => key !== 'Full_Name');
    return {
      status: 200,
      title: `${name} - Zoho CRM`,
      org,
      base,
      module: record.module,
      main: html`<div class="record-head" data-zcqa="record-header" data-record-id="${record.id}">
<a href="${base}/tab/${tabOf(record.module)}" data-spa-link data-zcqa="back-to-list">‹ ${MODULE_LABELS[record.module].plural}</a>
<h1 data-zcqa="record-title">${name}</h1>
${record.locked ? html`<span class="crm-badge" data-zcqa="record-locked">Locked</span>` : ''}
<div class="record-actions" data-zcqa="record-actions">
<button type="button" class="button secondary" data-zcqa="send-email">Send Email</button>
${record.module === 'Leads' ? html`<button type="button" class="button secondary" data-zcqa="convert-record">Convert</button>` : ''}
<a class="button" href="${recordUrl(base, record)}/edit" data-spa-link data-zcqa="edit-record">Edit</a>
<button type="button" class="button secondary" data-zcqa="more-options" aria-label="More Options">…</button>
${previous ? html`<a href="${recordUrl(base, previous)}" data-spa-link data-zcqa="record-previous" aria-label="Previous record">‹</a>` : ''}
${next ? html`<a href="${recordUrl(base, next)}" data-spa-link data-zcqa="record-next" aria-label="Next record">›</a>` : ''}
</div></div>
<section class="card" data-zcqa="record-fields"><h2>${MODULE_LABELS[record.module].singular} Information</h2>
<dl class="fields"><dt>${MODULE_LABELS[record.module].singular} Owner</dt><dd>${owner}</dd>${fieldRows.map(
        ([key, value]) => html`<dt>${fieldLabel(key)}</dt><dd data-field="${key}">${displayValue(value)}</dd>`,
      )}<dt>Created Time</dt><dd>${record.createdTime}</dd></dl></section>
${
  state.territoriesEnabled(org, record.module)
    ? html`<section class="card" data-zcqa="territories-section"><h2>Territories</h2>${
        record.territories.length ? territoryTags(record) : html`<span>None</span>`
      }</section>`
    : ''
}`,
    };
  }

  function formView(
    org: ScenarioOrg,
    base: string,
    module: CrmModule,
    record: ScenarioRecord | null,
    error: string | null,
    status = 200,
  ): View {
    const action = record ? `${recordUrl(base, record)}/edit` : `${base}/tab/${tabOf(module)}/create`;
    const heading = record ? `Edit ${recordName(record)}` : `Create ${MODULE_LABELS[module].singular}`;
    return {
      status,
      title: `${heading} - Zoho CRM`,
      org,
      base,
      module,
      main: html`<div class="card"><h1 data-zcqa="form-title">${heading}</h1>
${error ? html`<p class="error" data-zcqa="form-error">${error}</p>` : ''}
<form class="crm-form" method="post" action="${action}" data-zcqa="${record ? 'edit-form' : 'create-form'}">
${FORM_FIELDS[module].map(
  ([label, key]) =>
    html`<label for="field-${key}">${label}</label><input id="field-${key}" name="${key}" value="${displayValue(record?.fields[key])}">`,
)}
<p><button class="button" type="submit" data-zcqa="save">Save</button>
<a href="${record ? recordUrl(base, record) : `${base}/tab/${tabOf(module)}`}" data-spa-link>Cancel</a></p></form></div>`,
    };
  }

  async function fieldsFromForm(c: PageContext, module: CrmModule): Promise<Record<string, FieldValue>> {
    const form = await c.req.parseBody();
    const fields: Record<string, FieldValue> = {};
    for (const [, key] of FORM_FIELDS[module]) {
      const value = form[key];
      if (typeof value !== 'string') continue;
      const trimmed = value.trim();
      fields[key] = key === 'Amount' && trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
    }
    return fields;
  }

  function withFullName(module: CrmModule, fields: Record<string, FieldValue>): Record<string, FieldValue> {
    if (module !== 'Leads' && module !== 'Contacts') return fields;
    const fullName = [fields.First_Name, fields.Last_Name].filter((part) => part).join(' ');
    return { ...fields, Full_Name: fullName };
  }

  const prefixes = ['/crm', '/crm/:segment'];
  for (const prefix of prefixes) {
    app.get(`${prefix}/tab/Home/begin`, (c) => {
      const { org, base } = resolveOrg(c);
      return org ? respond(c, homeView(org, base)) : notFound(c, 'This organization is not available.', null, base);
    });

    app.get(`${prefix}/tab/:tab/custom-view/:cvid/list`, (c) => {
      const target = resolveTab(c);
      if (target instanceof Response) return target;
      const view = listView(c, target.org, target.base, target.module, c.req.param('cvid'));
      return view ? respond(c, view) : notFound(c, 'This view is not available.', target.org, target.base);
    });

    app.get(`${prefix}/tab/:tab/create`, (c) => {
      const target = resolveTab(c);
      if (target instanceof Response) return target;
      return respond(c, formView(target.org, target.base, target.module, null, null));
    });

    app.post(`${prefix}/tab/:tab/create`, async (c) => {
      const target = resolveTab(c);
      if (target instanceof Response) return target;
      const { org, base, module } = target;
      const fields = withFullName(module, await fieldsFromForm(c, module));
      const required = FORM_FIELDS[module][0]?.[1] ?? nameFieldOf(module);
      if (!fields[required])
        return respond(c, formView(org, base, module, null, `${fieldLabel(required)} is required.`, 400));
      const userId = state.accountsSession(org.dataCentre).signedInUserId;
      const member = state.orgMembers(org.zgid);
      const ownerId = member.find((user) => user.id === userId)?.id ?? member[0]?.id ?? '';
      const record: ScenarioRecord = {
        id: state.newId(),
        orgId: org.zgid,
        module,
        ownerId,
        createdTime: zohoTime(Date.now()),
        fields,
        territories: [],
        locked: false,
      };
      state.records.set(record.id, record);
      return c.redirect(recordUrl(base, record), 303);
    });

    app.get(`${prefix}/tab/:tab/:id{[0-9]+}/edit`, (c) => {
      const target = resolveTab(c);
      if (target instanceof Response) return target;
      const record = state.findRecord(target.org.zgid, target.module, c.req.param('id'));
      if (!record) return notFound(c, 'This record is not available.', target.org, target.base);
      return respond(c, formView(target.org, target.base, target.module, record, null));
    });

    app.post(`${prefix}/tab/:tab/:id{[0-9]+}/edit`, async (c) => {
      const target = resolveTab(c);
      if (target instanceof Response) return target;
      const { org, base, module } = target;
      const record = state.findRecord(org.zgid, module, c.req.param('id'));
      if (!record) return notFound(c, 'This record is not available.', org, base);
      if (record.locked) return respond(c, formView(org, base, module, record, 'This record is locked.', 409));
      const fields = withFullName(module, { ...record.fields, ...(await fieldsFromForm(c, module)) });
      const required = FORM_FIELDS[module][0]?.[1] ?? nameFieldOf(module);
      if (!fields[required]) {
        return respond(c, formView(org, base, module, record, `${fieldLabel(required)} is required.`, 400));
      }
      record.fields = fields;
      return c.redirect(recordUrl(base, record), 303);
    });

    app.get(`${prefix}/tab/:tab/:id{[0-9]+}`, (c) => {
      const target = resolveTab(c);
      if (target instanceof Response) return target;
      const record = state.findRecord(target.org.zgid, target.module, c.req.param('id'));
      if (!record) return notFound(c, 'This record is not available.', target.org, target.base);
      return respond(c, recordView(target.org, target.base, record));
    });

    app.get(`${prefix}/tab/:tab`, (c) => {
      const target = resolveTab(c);
      if (target instanceof Response) return target;
      const view = listView(c, target.org, target.base, target.module, null);
      return view ? respond(c, view) : notFound(c, 'This view is not available.', target.org, target.base);
    });
  }

  app.get('/crm', (c) => {
    const { org } = resolveOrg(c);
    return org
      ? c.redirect(`/crm/org${org.zgid}/tab/Home/begin`, 302)
      : notFound(c, 'No organization here.', null, '/crm');
  });
  app.get('/', (c) => c.redirect('/crm/', 302));
  app.notFound((c) => notFound(c, 'This page does not exist.', null, '/crm'));

  return app;
}

const ONE_STYLE = `
  body { margin: 0; font: 13px/1.45 -apple-system, "Segoe UI", Roboto, Arial, sans-serif; display: flex; flex-direction: column; height: 100vh; }
  .one-bar { height: 44px; display: flex; align-items: center; gap: 12px; padding: 0 16px; background: #1b2437; color: #fff; }
  .one-bar b { letter-spacing: .5px; }
  iframe { flex: 1; border: 0; width: 100%; }
`;

export function createOnePagesApp(): Hono<StandInEnv> {
  const app = new Hono<StandInEnv>({ strict: false });

  app.get('/zohoone/:org/home/cxapp/crm/*', (c) => {
    const marker = '/home/cxapp/crm/';
    const rest = c.req.path.slice(c.req.path.indexOf(marker) + marker.length);
    const url = new URL(c.req.url);
    // Zoho One may show more of the CRM in further frames; `widgets=N` adds N frames of the org's
    // CRM Home beside the record (the page benchmark measures what every CRM frame costs).
    const widgets = Math.min(Number(url.searchParams.get('widgets')) || 0, 4);
    url.searchParams.delete('widgets');
    const crmHost = crmHostOf(c.env.scope.zohoHost.dataCentre, false);
    const frameUrl = `https://${crmHost}/crm/${rest}${url.search}`;
    const orgSegment = rest.split('/')[0];
    const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Zoho One</title><style>${raw(ONE_STYLE)}</style></head>
<body><header class="one-bar" data-zcqa="zohoone-bar"><b>ZOHO ONE</b><span>${c.req.param('org')}</span></header>
<iframe id="crm-frame" title="Zoho CRM" src="${frameUrl}"></iframe>${Array.from(
      { length: widgets },
      (_, i) =>
        html`<iframe class="one-widget" title="Zoho CRM ${i + 2}" src="https://${crmHost}/crm/${orgSegment}/tab/Home/begin"></iframe>`,
    )}</body></html>`;
    return c.html(page.value);
  });

  app.notFound((c) => c.html('<!doctype html><title>Zoho One</title><h1>This page does not exist.</h1>', 404));
  return app;
}
