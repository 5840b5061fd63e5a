import { buildForStandIn } from '../../scripts/build-for-stand-in';

// End-to-end tests always drive a fresh production build of the current sources.
export default function setup(): void {
  if (process.env.E2E_SKIP_BUILD !== '1') buildForStandIn();
}
