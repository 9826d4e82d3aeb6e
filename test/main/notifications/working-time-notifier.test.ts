// The tray's working-time warnings through Electron's notifications (the shared mock): one timeout for the
// moment a warning falls due, each warning once (also after a restart, from the store), the day before read
// once a day, and the Clock in rest told to the tray. Fake timers; no real waits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupWorkingTimeWarnings, type WorkingTimeWarningOptions } from '../../../main/notifications/working-time-notifier.ts';
import type { WarningSettings } from '../../../main/notifications/working-time-ahead.ts';
import type { EntryView, StatusView } from '../../../window-contract/status.ts';
import { Notification, powerMonitor, resetElectronMock } from '../../support/electron-mock.ts';
import { idle } from '../tray/fixtures.ts';

const ZONE = 'Europe/Berlin';
const MINUTE = 60_000;

function t(local: string): number {
  return Date.parse(`${local.replace(' ', 'T')}:00+01:00`);
}

function worked(id: number, from: string, to: string | null): EntryView {
  const start = `${from.replace(' ', 'T')}:00+01:00`;
  return { id, start, end: to === null ? null : `${to.replace(' ', 'T')}:00+01:00`, minutes: 0, project: 'Website', activity: null, description: '' };
}

/** Tuesday 10 November 2026, clocked in since 08:00. */
function clockedIn(fields: Partial<StatusView> = {}): StatusView {
  const timer = worked(1, '2026-11-10 08:00', null);
  return idle({ today: '2026-11-10', running: timer, todayEntries: [timer], asOf: Date.now(), ...fields });
}

function notClockedIn(): StatusView {
  return idle({ today: '2026-11-10', running: null, todayEntries: [], asOf: Date.now() });
}

/** Lets the adapter's promise chains finish (fake timers leave microtasks alone). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

function warnings(fields: Partial<WorkingTimeWarningOptions> & { settings?: () => WarningSettings; kept?: string[] } = {}) {
  const { kept = [], ...rest } = fields;
  const store = { keys: kept };
  const options = {
    settings: () => ({ rules: 'de', notify: true }) as WarningSettings,
    entriesOf: vi.fn(async (_date: string): Promise<EntryView[]> => []),
    warned: { read: () => store.keys, write: (keys: string[]) => void (store.keys = keys) },
    openScreen: vi.fn(),
    restChanged: vi.fn(),
    timeZone: () => ZONE,
    log: vi.fn(),
    ...rest,
  };
  return { handle: setupWorkingTimeWarnings(options), options, store };
}

beforeEach(() => {
  resetElectronMock();
  vi.useFakeTimers({ now: t('2026-11-10 12:00') });
});

afterEach(() => vi.useRealTimers());

describe('setupWorkingTimeWarnings', () => {
  it('reads the day before once, waits on one timeout, and warns 15 minutes before six hours in a row, naming the law', async () => {
    const { handle, options, store } = warnings();
    handle.update(clockedIn());
    await settle();
    expect(options.entriesOf).toHaveBeenCalledTimes(1);
    expect(options.entriesOf).toHaveBeenCalledWith('2026-11-09');
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(105 * MINUTE - 1);
    expect(Notification.instances).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(Notification.instances.map((shown) => shown.body)).toEqual([
      'In 15 minutes you will have worked 6 h in a row without a break, the most section 4 ArbZG allows.',
      "In 15 minutes your day's work passes 6 h with 0 min of breaks; section 4 ArbZG asks for 30 min.",
    ]);
    expect(store.keys).toEqual(['wt_stretch_over_max@2026-11-10T07:00:00.000Z', 'wt_break_short@2026-11-10>360']);

    // A new status of the same work (the poll, the tray's own refresh) warns of nothing again, nor reads the day before again.
    handle.update(clockedIn());
    await settle();
    expect(Notification.instances).toHaveLength(2);
    expect(options.entriesOf).toHaveBeenCalledTimes(1);

    Notification.instances[0]?.click();
    expect(options.openScreen).toHaveBeenCalledWith('status');
    handle.destroy();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives no warning again after a restart: the store remembers what was given', async () => {
    vi.setSystemTime(t('2026-11-10 13:50'));
    const first = warnings();
    first.handle.update(clockedIn());
    await settle();
    expect(Notification.instances).toHaveLength(2);
    first.handle.destroy();

    const again = warnings({ kept: first.store.keys });
    again.handle.update(clockedIn());
    await settle();
    expect(Notification.instances).toHaveLength(2);
    again.handle.destroy();
  });

  it('says nothing and reads nothing with the rules off or notify off, and starts when they are switched on', async () => {
    let settings: WarningSettings = { rules: 'off', notify: true };
    vi.setSystemTime(t('2026-11-10 13:50'));
    const { handle, options } = warnings({ settings: () => settings });
    handle.update(clockedIn());
    settings = { rules: 'de', notify: false };
    handle.update();
    await settle();
    expect(options.entriesOf).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    expect(Notification.instances).toHaveLength(0);

    settings = { rules: 'de', notify: true };
    handle.update();
    await settle();
    expect(Notification.instances).toHaveLength(2);
    handle.destroy();
  });

  it('tells the tray until when Clock in would start work inside the rest after yesterday’s work, and when it is over', async () => {
    vi.setSystemTime(t('2026-11-10 06:00'));
    const { handle, options } = warnings({ entriesOf: vi.fn(async () => [worked(9, '2026-11-09 13:00', '2026-11-09 22:00')]) });
    handle.update(notClockedIn());
    await settle();
    expect(handle.rest()).toEqual({ rules: 'de', until: t('2026-11-10 09:00') });
    expect(options.restChanged).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(3 * 60 * MINUTE);
    expect(handle.rest()).toBeNull();
    expect(options.restChanged).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
    expect(Notification.instances).toHaveLength(0);
    handle.destroy();
  });

  it('counts today alone where the day before cannot be read, and says so in the log', async () => {
    vi.setSystemTime(t('2026-11-10 13:50'));
    const { handle, options } = warnings({ entriesOf: vi.fn(async () => Promise.reject(new Error('the engine exited'))) });
    handle.update(clockedIn());
    await settle();
    expect(options.log).toHaveBeenCalledWith(expect.stringContaining('the engine exited'));
    expect(Notification.instances).toHaveLength(2);
    handle.destroy();
  });

  it('looks again after the machine wakes: a warning whose moment passed in sleep is given then', async () => {
    const { handle } = warnings();
    handle.update(clockedIn());
    await settle();
    // Timeouts do not count sleep: the clock jumps, the timeout has not fired.
    vi.setSystemTime(t('2026-11-10 13:50'));
    powerMonitor.emit('resume');
    expect(Notification.instances).toHaveLength(2);
    handle.destroy();
  });
});
