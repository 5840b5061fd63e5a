import { afterAll, beforeAll, describe, it } from 'vitest';
import { type ControlClient, createControlClient } from '../../sandbox/control-client';
import { startStandIn } from '../../sandbox/server';
import { saveFailureScreenshot } from './harness/failure';
import { launchFirefox } from './harness/firefox';
import { JOURNEYS } from './journeys';

// Firefox cannot map ports: the stand-in takes 443 (CI runs as root).
describe('Firefox, built extension against the local Zoho stand-in', () => {
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  let control: ControlClient;

  beforeAll(async () => {
    standIn = await startStandIn({ port: 443, controlPort: 0 });
    control = createControlClient(standIn.controlUrl);
  });
  afterAll(async () => {
    await standIn?.close();
  });

  for (const journey of JOURNEYS.filter((j) => j.browsers.includes('firefox'))) {
    it(journey.name, async () => {
      await control.reset();
      const browser = await launchFirefox();
      try {
        await journey.run({ browser, tab: browser.tab, control });
      } catch (error) {
        await saveFailureScreenshot(browser.tab, `${browser.name}-${journey.name}`);
        throw error;
      } finally {
        await browser.close();
      }
    });
  }
});
