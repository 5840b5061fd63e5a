import { launchFirefox } from './harness/firefox';
import { runJourneys } from './harness/run-journeys';
import { EVERY_JOURNEY } from './journeys/all';

// Firefox cannot map ports: the stand-in takes 443 (CI runs as root).
runJourneys('Firefox, built extension against the local Zoho stand-in', 'firefox', EVERY_JOURNEY, {
  standInPort: 443,
  launch: () => launchFirefox(),
});
