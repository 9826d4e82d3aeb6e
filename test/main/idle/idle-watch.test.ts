// The idle watch's Electron edge: power events reach the tracker, and the idle time is asked only
// when the tracker says so; the activity watch asks it every minute for the evidence journal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EvidenceJournal } from '../../../mcp-server/evidence/journal.ts';
import { createIdleTracker } from '../../../main/idle/idle-tracker.ts';
import { watchActivity, watchIdle } from '../../../main/idle/idle-watch.ts';
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

describe('the activity watch', () => {
  it('looks every minute at the system idle time and records the minutes the person is there in the journal, not while away', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'punchcard-activity-'));
    const journal = new EvidenceJournal(folder, { log: (message) => expect.unreachable(message), now: () => NOW });
    let enabled = true;
    const watch = watchActivity({ enabled: () => enabled, thresholdMinutes: () => 0, record: (start, end) => journal.recordActive(start, end) });
    try {
      await vi.advanceTimersByTimeAsync(3 * 60_000);
      powerMonitor.idleSeconds = 5 * 60;
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      powerMonitor.idleSeconds = 0;
      await vi.advanceTimersByTimeAsync(2 * 60_000);
      enabled = false;
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      const reading = await journal.activityEvidence(NOW, NOW + 60 * 60_000);
      expect(reading.items.map((item) => [(item.start - NOW) / 60_000, (item.end - NOW) / 60_000])).toEqual([
        [1, 3],
        [14, 15],
      ]);
      watch.stop();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      watch.stop();
      journal.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
