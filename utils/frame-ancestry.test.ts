import { describe, expect, it } from 'vitest';
import { isZohoFramed } from './frame-ancestry';

const framedBy = (...ancestorOrigins: string[]) => isZohoFramed({ framed: true, ancestorOrigins });

describe('isZohoFramed', () => {
  it('allows the top frame', () => {
    expect(isZohoFramed({ framed: false, ancestorOrigins: undefined })).toBe(true);
    expect(isZohoFramed({ framed: false, ancestorOrigins: [] })).toBe(true);
  });

  it.each([
    ['Zoho One', ['https://one.zoho.eu']],
    ['CRM Plus', ['https://crmplus.zoho.com']],
    ['the CRM itself', ['https://crm.zoho.eu']],
    ['a CRM sandbox', ['https://crmsandbox.zohocloud.ca']],
    ['Zoho One inside CRM Plus', ['https://one.zoho.com.au', 'https://crmplus.zoho.com.au']],
  ])('allows a frame inside %s', (_, ancestors) => {
    expect(framedBy(...ancestors)).toBe(true);
  });

  it.each([
    ['a foreign site', ['https://partner-portal.example']],
    ['a foreign site around Zoho One', ['https://one.zoho.eu', 'https://partner-portal.example']],
    ['an ancestor hidden by its referrer policy', ['null']],
    ['a Zoho host on another port', ['https://one.zoho.eu:8443']],
    ['a Zoho host over http', ['http://one.zoho.eu']],
    ['a look-alike host', ['https://one.zoho.eu.example']],
    ['Zoho accounts (not a CRM shell)', ['https://accounts.zoho.eu']],
    ['the old Canadian host', ['https://one.zoho.ca']],
  ])('refuses a frame inside %s', (_, ancestors) => {
    expect(framedBy(...ancestors)).toBe(false);
  });

  it('refuses a frame when the browser does not list its ancestors', () => {
    expect(isZohoFramed({ framed: true, ancestorOrigins: undefined })).toBe(false);
    expect(isZohoFramed({ framed: true, ancestorOrigins: [] })).toBe(false);
  });
});
