// storage.local keys shared by the panel, the options page and the background.

/** true while the panel is collapsed to its tab; the options page sets the starting state. */
export const PANEL_COLLAPSED_KEY = 'panel:collapsed';

/** The user's own Zoho client id, for builds without WXT_ZOHO_CLIENT_ID. */
export const CLIENT_ID_KEY = 'clientId';

export function isCollapsed(stored: Record<string, unknown>): boolean {
  return stored[PANEL_COLLAPSED_KEY] === true;
}
