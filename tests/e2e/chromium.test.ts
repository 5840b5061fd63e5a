import { launchChromium } from './harness/chromium';
import { runJourneys } from './harness/run-journeys';
import { ALL_JOURNEYS } from './journeys/all';

runJourneys('Chromium, built extension against the local Zoho stand-in', 'chromium', ALL_JOURNEYS, {
  standInPort: 0,
  launch: (port, language) => launchChromium(port, { language }),
});
