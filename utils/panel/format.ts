import type { TerritoryModule } from '../crm-page';
import { moduleName } from '../i18n/names';
import type { Translator } from '../i18n/translator';
import type { ErrorInfo, TerritoryAssignment } from '../messaging';
import { describeError } from '../zoho-errors';
import { dateTimeFormat } from './intl-cache';

/** The date part of a Zoho timestamp in the reader's locale, or null when Zoho sent none or nonsense. */
export function formatAssignedDate(assignedTime: string | null, locale?: string): string | null {
  if (!assignedTime) return null;
  const date = new Date(assignedTime);
  if (Number.isNaN(date.getTime())) return null;
  return dateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

type Words = Pick<Translator, 't' | 'locale'>;

/** The parts of "manually · Patricia Boyle · 5 Mar 2020", "by territory rules", or why nothing is known. */
export function assignmentParts(territory: TerritoryAssignment, { t, locale }: Words): string[] {
  if (territory.assigned === 'unreadable') return [t('panel.assignmentUnreadable')];
  if (territory.assigned === 'automatically') return [t('panel.assignedByRules')];
  const who = territory.assignedBy?.name.trim();
  const date =
    territory.assignedDate !== undefined ? territory.assignedDate : formatAssignedDate(territory.assignedTime, locale);
  return [t('panel.assignedManually'), who, date].filter((part): part is string => Boolean(part));
}

export function describeAssignment(territory: TerritoryAssignment, words: Words): string {
  return assignmentParts(territory, words).join(' · ');
}

/** The parts of "EMEA › DACH · managed by Jan Berg": where the territory sits, from the cached definitions. */
export function placeParts(territory: TerritoryAssignment, { t }: Pick<Translator, 't'>): string[] {
  const manager = territory.manager?.trim();
  return [territory.path.join(' › '), manager ? t('panel.managedBy', { name: manager }) : ''].filter(Boolean);
}

/** "EMEA › DACH · managed by Jan Berg", "" when unknown. */
export function describePlace(territory: TerritoryAssignment, words: Pick<Translator, 't'>): string {
  return placeParts(territory, words).join(' · ');
}

/** The sentence for an error; Zoho's TERRITORY_NOT_ENABLED is worded for Leads, so it names the module shown. */
export function errorSentence(error: ErrorInfo, module: TerritoryModule, translator: Pick<Translator, 't'>): string {
  return translator.t(describeError(error).message, { module: moduleName(translator, module) });
}
