// Every journey, in the order both browsers run them (each journey says which browsers it is for).

import { BULK_JOURNEYS } from './bulk';
import type { Journey } from './context';
import { JOURNEYS } from './index';
import { OPTIONS_JOURNEYS } from './options';
import { PANEL_JOURNEYS } from './panel';
import { SELECTION_JOURNEYS } from './selection';
import { SIDE_PANEL_JOURNEYS } from './side-panel';
import { TRUTH_JOURNEYS } from './truth';

export const EVERY_JOURNEY: Journey[] = [
  ...JOURNEYS,
  ...PANEL_JOURNEYS,
  ...SELECTION_JOURNEYS,
  ...SIDE_PANEL_JOURNEYS,
  ...BULK_JOURNEYS,
  ...OPTIONS_JOURNEYS,
  ...TRUTH_JOURNEYS,
];
