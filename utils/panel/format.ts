import type { TerritoryModule } from '../crm-page';
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

/** "manually · Patricia Boyle · 5 Mar 2020", "by territory rules", or why nothing is known. */
export function describeAssignment(territory: TerritoryAssignment, locale?: string): string {
  if (territory.assigned === 'unreadable') return 'Zoho sent this entry in a shape not known here';
  if (territory.assigned === 'automatically') return 'by territory rules';
  const who = territory.assignedBy?.name.trim();
  const date =
    territory.assignedDate !== undefined ? territory.assignedDate : formatAssignedDate(territory.assignedTime, locale);
  return ['manually', who, date].filter(Boolean).join(' · ');
}

/** "EMEA › DACH · managed by Jan Berg": where the territory sits, from the cached definitions; "" when unknown. */
export function describePlace(territory: TerritoryAssignment): string {
  const manager = territory.manager?.trim();
  return [territory.path.join(' › '), manager ? `managed by ${manager}` : ''].filter(Boolean).join(' · ');
}

/** The sentence for an error; Zoho's TERRITORY_NOT_ENABLED is worded for Leads, so it names the module shown. */
export function errorSentence(error: ErrorInfo, module: TerritoryModule): string {
  if (error.code === 'TERRITORY_NOT_ENABLED') {
    return `Territories are not enabled for ${module} in this organization. Only Zoho support can enable them.`;
  }
  return describeError(error).text;
}

const SINGULAR: Record<TerritoryModule, string> = {
  Leads: 'Lead',
  Accounts: 'Account',
  Contacts: 'Contact',
  Deals: 'Deal',
};

/** "Deal" for Deals: how a record of the module is called in a sentence. */
export function moduleSingular(module: TerritoryModule): string {
  return SINGULAR[module];
}

/** "15:04" in the reader's locale, for an epoch-ms instant. */
export function formatTime(epochMs: number, locale?: string): string {
  return dateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(epochMs));
}
