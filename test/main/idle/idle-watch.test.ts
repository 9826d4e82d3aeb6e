// The idle watch's Electron edge: power events reach the tracker, and the idle time is asked only
// when the tracker says so.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleTracker } from '../../../main/idle/idle-tracker.ts';
import { watchIdle } from '../../../main/idle/idle-watch.ts';
import { powerMonitor, resetElectronMock } from '../../support/electron-mock.ts';
import { at, idle, running } from '../tray/fixtures.ts';

const NOW = at('2026-03-02T10:25:00+01:00');

beforeEach(() => {
  resetElectronMock();
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => vi.useRealTimers());

function tracker(minutes = 10) {
  return createIdleTracker({
    thresholdMinutes: () => minutes,
    timeZone: () => 'Europe/Berlin',
    getStatus: async () => running(),
    clockOut: async () => idle(),
    clockIn: async () => running(),
  });
}

describe('the idle watch', () => {
  it('asks the idle time while a timer runs, and raises the question on return', () => {
    const idleTracker = tracker();
    idleTracker.status(running());
    const watch = watchIdle(idleTracker);
    expect(vi.getTimerCount()).toBe(1);
    powerMonitor.idleSeconds = 10 * 60;
    vi.advanceTimersByTime(10 * 60_000);
    powerMonitor.idleSeconds = 1;
    vi.advanceTimersByTime(20 * 60_000);
    expect(idleTracker.question()).toMatchObject({ cause: 'idle' });
    watch.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('asks nothing without a timer or with the preference off, and follows sleep and the lock screen', () => {
    const off = tracker(0);
    off.status(running());
    const quiet = watchIdle(off);
    expect(vi.getTimerCount()).toBe(0);
    quiet.stop();

    const idleTracker = tracker();
    idleTracker.status(running());
    const watch = watchIdle(idleTracker);
    powerMonitor.emit('lock-screen');
    vi.setSystemTime(NOW + 40 * 60_000);
    powerMonitor.emit('unlock-screen');
    expect(idleTracker.question()).toMatchObject({ cause: 'lock', minutes: 40 });
    watch.stop();
    for (const event of ['suspend', 'resume', 'lock-screen', 'unlock-screen']) expect(powerMonitor.listenerCount(event)).toBe(0);
  });
});
