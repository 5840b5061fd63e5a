// `npm run sandbox [-- --port 8443 --control-port 8444 --scenario default]`: starts the stand-in
// and prints how to point a browser at it.
import { parseArgs } from 'node:util';
import { DATA_CENTRES } from '../utils/data-centres';
import { chromiumFlags, firefoxPrefs } from './browser-flags';
import { DEMO_CLIENT_ID, ORGS, RECORDS } from './scenarios/default';
import { scenarioNames } from './scenarios/index';
import { startStandIn } from './server';

function portOption(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--${name} must be a port number`);
  return port;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'control-port': { type: 'string' },
    scenario: { type: 'string' },
  },
});

const standIn = await startStandIn({
  port: portOption(values.port, 8443, 'port'),
  controlPort: portOption(values['control-port'], 8444, 'control-port'),
  scenario: values.scenario,
});

const eu = DATA_CENTRES.eu;
const us = DATA_CENTRES.us;
const flags = chromiumFlags(standIn.port)
  .map((flag) => (flag.includes('=') ? `${flag.replace('=', '="')}"` : flag))
  .join(' \\\n  ');

console.log(`Zoho CRM stand-in
  HTTPS (all Zoho host names)  127.0.0.1:${standIn.port}
  control                      ${standIn.controlUrl}   (scenarios: ${scenarioNames().join(', ')})

Chromium:
  chromium \\
  ${flags}

Firefox (needs port 443):  prefs ${JSON.stringify(firefoxPrefs())} and accept insecure certificates

Sample pages:
  https://${eu.crmHost}/crm/org${ORGS.euMain}/tab/Accounts/${RECORDS.alpineAccount}     territories incl. a rule-assigned one
  https://${eu.crmHost}/crm/org${ORGS.euMain}/tab/Accounts/${RECORDS.lockedAccount}     locked record
  https://${eu.crmHost}/crm/org${ORGS.euMain}/tab/Accounts/${RECORDS.delftAccount}     offloaded parent: removal is scheduled
  https://${eu.crmHost}/crm/org${ORGS.euMain}/tab/Potentials/${RECORDS.deal}   a deal
  https://${eu.crmHost}/crm/org${ORGS.euMain}/tab/Accounts                        list with row checkboxes
  https://${eu.crmSandboxHost}/crm/northwindsandbox/tab/Accounts/${RECORDS.sandboxAccount}
  https://${us.crmHost}/crm/org${ORGS.us}/tab/Leads/${RECORDS.usLead}        Leads territories not enabled
  https://${eu.oneHost}/zohoone/northwind/home/cxapp/crm/org${ORGS.euMain}/tab/Potentials/${RECORDS.deal}
OAuth client id: ${DEMO_CLIENT_ID}
Press Ctrl+C to stop.`);

function shutdown(): void {
  standIn.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
