import { describe, expect, it } from 'vitest';
import { CHROME_REDIRECT_URI, FIREFOX_REDIRECT_URI, originOf, otherRedirectUris } from './redirect-uris';

describe('otherRedirectUris', () => {
  it('lists the other browser’s URI', () => {
    expect(otherRedirectUris(CHROME_REDIRECT_URI)).toEqual([{ browserName: 'Firefox', uri: FIREFOX_REDIRECT_URI }]);
    expect(otherRedirectUris(FIREFOX_REDIRECT_URI)).toEqual([{ browserName: 'Chrome', uri: CHROME_REDIRECT_URI }]);
  });

  it('lists both when this build runs under another id', () => {
    expect(otherRedirectUris('https://abc.chromiumapp.org/zoho').map((other) => other.browserName)).toEqual([
      'Chrome',
      'Firefox',
    ]);
  });
});

describe('originOf', () => {
  it('is the JavaScript domain of a redirect URI', () => {
    expect(originOf(CHROME_REDIRECT_URI)).toBe('https://dakhagbpkpjjndolhlmnckledapnlgpo.chromiumapp.org');
    expect(originOf('not a url')).toBe('');
  });
});
