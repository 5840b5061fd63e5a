import type { DataCentre } from '@/utils/data-centres';
import type { MessageKey } from '@/utils/i18n/catalogue';

/** Each data centre's name in the catalogue (the table's `label` is the English one). */
export const DATA_CENTRE_NAMES: Readonly<Record<DataCentre, MessageKey>> = {
  us: 'options.dataCentreUs',
  eu: 'options.dataCentreEu',
  in: 'options.dataCentreIn',
  au: 'options.dataCentreAu',
  jp: 'options.dataCentreJp',
  ca: 'options.dataCentreCa',
  sa: 'options.dataCentreSa',
  cn: 'options.dataCentreCn',
};
