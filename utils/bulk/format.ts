// Durations as the bulk page words them. Pure.
import type { Translator } from '../i18n/translator';

/** "less than a minute left", "about 3 minutes left", "about 1 h 20 min left" */
export function timeLeft(ms: number, { t }: Pick<Translator, 't'>): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return t('bulk.timeLeft.underMinute');
  if (minutes < 60) return t('bulk.timeLeft.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? t('bulk.timeLeft.hours', { hours }) : t('bulk.timeLeft.hoursMinutes', { hours, minutes: rest });
}
