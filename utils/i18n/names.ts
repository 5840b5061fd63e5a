// Names the UI shows for things the code knows by id: Zoho's modules and data centres.
import type { TerritoryModule } from '../crm-page';
import type { DataCentre } from '../data-centres';
import type { Translator } from './translator';

/** Zoho's own name of the module in the reader's language ("Deals", "Geschäfte", "商談"). */
export function moduleName({ t }: Pick<Translator, 't'>, module: TerritoryModule): string {
  return t(`common.module.${module}`);
}

/** How one record of the module is called ("Deal", "取引"). */
export function moduleRecordName({ t }: Pick<Translator, 't'>, module: TerritoryModule): string {
  return t(`common.record.${module}`);
}

export function dataCentreName({ t }: Pick<Translator, 't'>, dataCentre: DataCentre): string {
  return t(`common.dataCentre.${dataCentre}`);
}

/** What the browser calls its panel for extensions: Chrome's side panel, Firefox's sidebar. */
export type BrowserPanel = 'side-panel' | 'sidebar';
