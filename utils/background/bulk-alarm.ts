// Chromium stops an idle service worker after about 30 s, and a stopped worker runs again only on
// an event (extension-platform.md). While a bulk job has work, an alarm every 30 s (the shortest
// period Chrome 120 allows) is that event when no extension page is open to send one: the worker
// starts, resumes the job from storage, and goes on.
export const BULK_ALARM = 'bulk-jobs';
export const BULK_ALARM_PERIOD_MINUTES = 0.5;

export interface AlarmsApi {
  create(name: string, info: { periodInMinutes: number }): unknown;
  clear(name: string): Promise<unknown>;
  onAlarm: { addListener(listener: (alarm: { name: string }) => void): void };
}

/** Listens for the alarm (resuming every interrupted job); returns what turns it on and off. */
export function bulkAlarm(alarms: AlarmsApi, resume: () => Promise<void>): (busy: boolean) => void {
  alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === BULK_ALARM) void resume();
  });
  return (busy) => {
    if (busy) void alarms.create(BULK_ALARM, { periodInMinutes: BULK_ALARM_PERIOD_MINUTES });
    else void alarms.clear(BULK_ALARM);
  };
}
