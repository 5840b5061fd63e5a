// The OAuth redirect URIs users register in Zoho's API console. Chrome's follows from the fixed
// extension id (manifest key), Firefox's from the gecko id (sha1 of it); see wxt.config.ts.
export const CHROME_REDIRECT_URI = 'https://dakhagbpkpjjndolhlmnckledapnlgpo.chromiumapp.org/zoho';
export const FIREFOX_REDIRECT_URI = 'https://8e73620821b10efa5b7879aac7ccc2975a62891e.extensions.allizom.org/zoho';

export interface RedirectUri {
  browserName: 'Chrome' | 'Firefox';
  uri: string;
}

const KNOWN: readonly RedirectUri[] = [
  { browserName: 'Chrome', uri: CHROME_REDIRECT_URI },
  { browserName: 'Firefox', uri: FIREFOX_REDIRECT_URI },
];

/** The redirect URIs of the other browsers, given this browser's own (from identity.getRedirectURL). */
export function otherRedirectUris(current: string): RedirectUri[] {
  return KNOWN.filter((known) => known.uri !== current);
}

/** The JavaScript domain Zoho asks for beside a redirect URI: its origin. */
export function originOf(uri: string): string {
  try {
    return new URL(uri).origin;
  } catch {
    return '';
  }
}
