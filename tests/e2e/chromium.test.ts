import { afterAll, beforeAll, describe, it } from 'vitest';
import { type ControlClient, createControlClient } from '../../sandbox/control-client';
import { startStandIn } from '../../sandbox/server';
import { launchChromium } from './harness/chromium';
import { saveFailureScreenshot } from './harness/failure';
import { JOURNEYS } from './journeys';
import { BULK_JOURNEYS } from './journeys/bulk';
import { SELECTION_JOURNEYS } from './journeys/selection';

describe('Chromium, built extension against the local Zoho stand-in', () => {
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  let control: ControlClient;

  beforeAll(async () => {
    standIn = await startStandIn({ port: 0, controlPort: 0 });
    control = createControlClient(standIn.controlUrl);
  });
  afterAll(async () => {
    await standIn?.close();
  });

  for (const journey of [...JOURNEYS, ...SELECTION_JOURNEYS, ...BULK_JOURNEYS].filter((j) =>
    j.browsers.includes('chromium'),
  )) {
    it(journey.name, async () => {
      await control.reset();
      const browser = await launchChromium(standIn.port);
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
