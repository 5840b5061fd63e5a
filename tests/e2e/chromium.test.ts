import { launchChromium } from './harness/chromium';
import { runJourneys } from './harness/run-journeys';
import { EVERY_JOURNEY } from './journeys/all';

runJourneys('Chromium, built extension against the local Zoho stand-in', 'chromium', EVERY_JOURNEY, {
  standInPort: 0,
  launch: (port) => launchChromium(port),
});
