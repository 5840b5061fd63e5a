import { launchFirefox } from './harness/firefox';
import { runJourneys } from './harness/run-journeys';
import { ALL_JOURNEYS } from './journeys/all';

// Firefox cannot map ports: the stand-in takes 443 (CI runs as root).
runJourneys('Firefox, built extension against the local Zoho stand-in', 'firefox', ALL_JOURNEYS, {
  standInPort: 443,
  launch: (_port, language) => launchFirefox({ language }),
});
