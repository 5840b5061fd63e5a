// The options page's words, all in one place, in ICU MessageFormat ("{name}" placeholders).
import type { DataCentre } from '@/utils/data-centres';

const EN = {
  title: 'Territory Panel for Zoho CRM',
  lead: 'See a Zoho CRM record’s territories beside the record and remove one with a click, with Undo.',
  bulkLink: 'Remove territories from many records',

  clientHeading: 'Zoho API client',
  clientNeeded:
    'This build has no Zoho API client of its own. Create one in Zoho’s API console (the steps are below) and enter its client ID here.',
  clientIdLabel: 'Client ID',
  clientIdMalformed: 'A Zoho client ID starts with “1000.” followed by letters and digits only.',
  clientSave: 'Save',
  clientSaved: 'Client ID saved.',
  clientRemoved: 'Client ID removed.',
  clientSaveFailed: 'The client ID could not be saved. Try again.',
  setupSummary: 'How to create the client in Zoho’s API console',
  setupStepConsole:
    'Open Zoho’s API console, {console} (or the one of your data centre), and choose Add Client → Client-based Applications.',
  setupStepRedirect:
    'Under Authorized Redirect URIs, add the redirect URI for this browser. To use the same client in both browsers, add both.',
  setupStepDomain: 'Under JavaScript Domain, add the JavaScript domain, then create the client.',
  setupStepMultiDc:
    'In the client’s Settings, turn on Multi-DC if your organizations live in more than one data centre (or if you are not sure).',
  setupStepClientId:
    'Copy the client ID that Zoho shows into the Client ID field above and save it. Then sign in under Zoho connections.',
  redirectThisBrowser: 'Redirect URI for this browser',
  redirectOtherBrowser: 'Redirect URI for {browser}',
  javaScriptDomain: 'JavaScript domain',
  copy: 'Copy',
  copyLabel: 'Copy {what}',
  copied: 'Copied: {what}.',
  copyFailed: 'Copying failed: select the text and copy it by hand.',

  connectionsHeading: 'Zoho connections',
  checkingConnections: 'Checking connections…',
  noConnection:
    'Not signed in to Zoho yet. Open a record in Zoho CRM and click “Sign in to Zoho CRM” on the panel, or sign in to your data centre here.',
  signedIn: 'Signed in. The connection renews automatically while you are signed in to Zoho.',
  orgLine: 'Organization ID {orgId}',
  sandboxOrgLine: 'Sandbox organization ID {orgId}',
  noOrgYet: 'Its organization shows here once you open one of its records.',
  whatZohoTells:
    'Zoho names you and your organization only to permissions the extension does not ask for; the organization ID is the number after “org” in your CRM’s address.',
  signOut: 'Sign out',
  signOutOf: 'Sign out of {dataCentre}',
  signingOut: 'Signing out…',
  signedOutOf: 'Signed out of {dataCentre}.',
  signedInTo: 'Signed in to {dataCentre}.',
  moreDataCentres: 'Connect another data centre',
  firstDataCentre: 'Sign in to a data centre',
  pickDataCentre: 'Pick the data centre in your Zoho CRM’s address.',
  signIn: 'Sign in',
  signInTo: 'Sign in to {dataCentre}',
  signingIn: 'Signing in…',
  errorCode: 'Code: {code}',

  preferencesHeading: 'Preferences',
  panelHome: 'Where the panel shows',
  homePage: 'In the Zoho page, beside the record',
  homeSidePanel: 'In the browser’s side panel',
  homeSidebar: 'In the browser’s sidebar',
  homeHintSidePanel:
    'In the side panel, the panel shows the record of the active tab and nothing is added to Zoho’s page. Open it from the toolbar button (Territory Panel → Open in the side panel) or from the panel’s ⇥ button.',
  homeHintSidebar:
    'In the sidebar, the panel shows the record of the active tab and nothing is added to Zoho’s page. Open it from the toolbar button (Territory Panel → Open in the sidebar) or from View → Sidebar → Territories.',
  startCollapsed: 'Start with the panel collapsed',
  startCollapsedHint:
    'Collapsed, the panel is a slim tab with the record’s territory count. Collapsing or expanding it on a record page changes this setting too. In windows narrower than 1100 px it always starts collapsed.',
  colours: 'Colours',
  coloursAuto: 'As the Zoho page is',
  coloursLight: 'Light',
  coloursDark: 'Dark',
  placementHint:
    'Drag the panel by its grip (⠿) to the left or right edge and up or down, and by its lower edge to change its height; with the keyboard, focus the grip or the lower edge and use the arrow keys. It stays where you left it.',
  placementReset: 'Put the panel back at the right edge',
  placementDone: 'Done: it is back on the right from the next record you open.',
  shortcutSet:
    'Keyboard shortcut: {shortcut} opens the panel and moves focus to it; Escape closes it and returns focus.',
  shortcutNone: 'No keyboard shortcut is set for opening the panel.',
  shortcutChange:
    'Change it in your browser’s extension shortcut settings (Chrome: chrome://extensions/shortcuts; Firefox: Add-ons and themes → ⚙ → Manage Extension Shortcuts).',

  dataCentre_us: 'United States',
  dataCentre_eu: 'Europe',
  dataCentre_in: 'India',
  dataCentre_au: 'Australia',
  dataCentre_jp: 'Japan',
  dataCentre_ca: 'Canada',
  dataCentre_sa: 'Saudi Arabia',
  dataCentre_cn: 'China',
} as const;

export type OptionsTextKey = keyof typeof EN;

/** The sentence for `key`, with `{name}` placeholders filled from `values`. */
export function optionsText(key: OptionsTextKey, values: Record<string, string | number> = {}): string {
  return EN[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function dataCentreName(dataCentre: DataCentre): string {
  return optionsText(`dataCentre_${dataCentre}`);
}
