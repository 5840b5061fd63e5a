// A throw-away certificate for every Zoho host name, made at start. Browsers are started with
// --ignore-certificate-errors (Chromium) or acceptInsecureCerts (Firefox), so no CA is involved.
import { generate } from 'selfsigned';
import { standInHosts } from './hosts';

export interface Certificate {
  key: string;
  cert: string;
}

export async function createCertificate(hosts: readonly string[] = standInHosts()): Promise<Certificate> {
  const pems = await generate([{ name: 'commonName', value: 'Zoho CRM stand-in' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...hosts.map((value) => ({ type: 2 as const, value })),
          { type: 2 as const, value: 'localhost' },
          { type: 7 as const, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
