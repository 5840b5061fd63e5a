import { launchChromium } from './harness/chromium';
import { runJourneys } from './harness/run-journeys';
import { JOURNEYS } from './journeys';
import { BULK_JOURNEYS } from './journeys/bulk';
import { PANEL_JOURNEYS } from './journeys/panel';
import { SELECTION_JOURNEYS } from './journeys/selection';
import { SIDE_PANEL_JOURNEYS } from './journeys/side-panel';
import { TRUTH_JOURNEYS } from './journeys/truth';

runJourneys(
  'Chromium, built extension against the local Zoho stand-in',
  'chromium',
  [...JOURNEYS, ...PANEL_JOURNEYS, ...SELECTION_JOURNEYS, ...SIDE_PANEL_JOURNEYS, ...BULK_JOURNEYS, ...TRUTH_JOURNEYS],
  { standInPort: 0, launch: (port) => launchChromium(port) },
);
