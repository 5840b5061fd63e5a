import type { DataCentre } from '@/utils/data-centres';
import type { Connection, Result } from '@/utils/messaging';
import type { ThemePreference } from '@/utils/panel/page-theme';
import type { PanelHome } from '@/utils/panel/preferences';

/** What the options page needs from the extension; entrypoints/options builds the real one. */
export interface OptionsApi {
  /** WXT_ZOHO_CLIENT_ID of this build; '' when the build has none and users bring their own */
  buildClientId: string;
  loadClientId(): Promise<string | null>;
  /** null forgets the stored id */
  saveClientId(clientId: string | null): Promise<void>;
  /** this browser's redirect URI (identity.getRedirectURL('zoho')) */
  redirectUri: string;
  connections(): Promise<Result<Connection[]>>;
  signIn(dataCentre: DataCentre): Promise<Result<Connection>>;
  signOut(dataCentre: DataCentre): Promise<Result<Connection>>;
  loadStartCollapsed(): Promise<boolean>;
  saveStartCollapsed(collapsed: boolean): Promise<void>;
  loadTheme(): Promise<ThemePreference>;
  saveTheme(theme: ThemePreference): Promise<void>;
  loadHome(): Promise<PanelHome>;
  saveHome(home: PanelHome): Promise<void>;
  /** Puts the panel back at the right edge, at its own height. */
  resetPlacement(): Promise<void>;
  /** The keys the user set for opening the panel, '' when none; null where the browser cannot tell. */
  panelShortcut(): Promise<string | null>;
  /** true when the text reached the clipboard */
  copyText(text: string): Promise<boolean>;
  /** `runtime.getURL('/bulk.html')`: extension pages may link to each other */
  bulkPageUrl: string;
}
