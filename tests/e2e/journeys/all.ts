// Every journey, in the order the browsers run them (each runs those that list it).

import { BULK_JOURNEYS } from './bulk';
import type { Journey } from './context';
import { JOURNEYS } from './index';
import { LANGUAGE_JOURNEYS } from './languages';
import { OPTIONS_JOURNEYS } from './options';
import { PANEL_JOURNEYS } from './panel';
import { SELECTION_JOURNEYS } from './selection';
import { SIDE_PANEL_JOURNEYS } from './side-panel';
import { TRUTH_JOURNEYS } from './truth';

export const ALL_JOURNEYS: readonly Journey[] = [
  ...JOURNEYS,
  ...PANEL_JOURNEYS,
  ...SELECTION_JOURNEYS,
  ...SIDE_PANEL_JOURNEYS,
  ...BULK_JOURNEYS,
  ...OPTIONS_JOURNEYS,
  ...TRUTH_JOURNEYS,
  ...LANGUAGE_JOURNEYS,
];
