import type { RecordPage } from '../crm-page';
// storage.local keys shared by the panel, the options page and the background.

/** true while the panel is collapsed to its tab; the options page sets the starting state. */
export const PANEL_COLLAPSED_KEY = 'panel:collapsed';

/** The user's own Zoho client id, for builds without WXT_ZOHO_CLIENT_ID. */
export const CLIENT_ID_KEY = 'clientId';

export function isCollapsed(stored: Record<string, unknown>): boolean {
  return stored[PANEL_COLLAPSED_KEY] === true;
}

/**
 * storage.local key remembering that an org has no territories on a module (Leads: only where Zoho
 * support switched them on), so the panel stays collapsed there and reads nothing until opened.
 */
export function moduleOffKey(page: Pick<RecordPage, 'dataCentre' | 'sandbox' | 'orgId' | 'module'>): string {
  return `panel:off:${page.dataCentre}:${page.sandbox ? 'sandbox' : 'production'}:${page.orgId ?? 'default'}:${page.module}`;
}

export function isModuleOff(stored: Record<string, unknown>, page: Parameters<typeof moduleOffKey>[0]): boolean {
  return stored[moduleOffKey(page)] === true;
}

/**
 * storage.local key: where the panel lives. 'page' (the default: docked beside Zoho) or 'side-panel'
 * (the browser's side panel in Chrome, the sidebar in Firefox; nothing is mounted in the page).
 */
export const PANEL_HOME_KEY = 'panel:home';
export type PanelHome = 'page' | 'side-panel';

export function readPanelHome(stored: unknown): PanelHome {
  return stored === 'side-panel' ? 'side-panel' : 'page';
}
