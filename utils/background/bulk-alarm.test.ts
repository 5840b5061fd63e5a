import { describe, expect, it } from 'vitest';
import { type AlarmsApi, BULK_ALARM, bulkAlarm } from './bulk-alarm';

function fakeAlarms() {
  const set = new Map<string, number>();
  const listeners: ((alarm: { name: string }) => void)[] = [];
  const alarms: AlarmsApi = {
    create: (name, info) => set.set(name, info.periodInMinutes),
    clear: async (name) => set.delete(name),
    onAlarm: { addListener: (listener) => listeners.push(listener) },
  };
  const fire = (name: string): void => {
    for (const listener of listeners) listener({ name });
  };
  return { alarms, set, fire };
}

describe('bulkAlarm', () => {
  it('is set every 30 s while a job has work and cleared when none has', () => {
    const { alarms, set } = fakeAlarms();
    const busy = bulkAlarm(alarms, async () => undefined);
    busy(true);
    expect(set.get(BULK_ALARM)).toBe(0.5);
    busy(false);
    expect(set.has(BULK_ALARM)).toBe(false);
  });

  it('resumes the interrupted jobs when it fires, and only for its own alarm', () => {
    const { alarms, fire } = fakeAlarms();
    let resumed = 0;
    bulkAlarm(alarms, async () => {
      resumed++;
    });
    fire('something-else');
    expect(resumed).toBe(0);
    fire(BULK_ALARM);
    expect(resumed).toBe(1);
  });
});
