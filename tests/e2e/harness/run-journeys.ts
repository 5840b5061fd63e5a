import { afterAll, beforeAll, describe, it } from 'vitest';
import { type ControlClient, createControlClient } from '../../../sandbox/control-client';
import { startStandIn } from '../../../sandbox/server';
import type { Journey } from '../journeys/context';
import type { BrowserName, ExtensionBrowser } from './driver';
import { saveFailureScreenshot } from './failure';

/** Runs each journey that lists `browser` in a fresh browser, against one stand-in reset before each. */
export function runJourneys(
  title: string,
  browser: BrowserName,
  journeys: readonly Journey[],
  options: { standInPort: number; launch(standInPort: number, language?: string): Promise<ExtensionBrowser> },
): void {
  describe(title, () => {
    let standIn: Awaited<ReturnType<typeof startStandIn>>;
    let control: ControlClient;

    beforeAll(async () => {
      standIn = await startStandIn({ port: options.standInPort, controlPort: 0 });
      control = createControlClient(standIn.controlUrl);
    });
    afterAll(async () => {
      await standIn?.close();
    });

    for (const journey of journeys.filter((j) => j.browsers.includes(browser))) {
      it(journey.name, async () => {
        await control.reset();
        const launched = await options.launch(standIn.port, journey.language);
        try {
          await journey.run({ browser: launched, tab: launched.tab, control });
        } catch (error) {
          await saveFailureScreenshot(launched.tab, `${launched.name}-${journey.name}`);
          throw error;
        } finally {
          await launched.close();
        }
      });
    }
  });
}
