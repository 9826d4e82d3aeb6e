import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createStatusBroadcast } from '../../../main/app/status-broadcast.ts';
import { pacedType, pollInterval, startStatusSync } from '../../../main/app/status-sync.ts';
import type { StatusView } from '../../../window-contract/status.ts';
import { OUTBOX_SETTLED_FILE } from '../../../mcp-server/contract/outbox-signal.ts';
import type { BackEndProfile } from '../../../mcp-server/contract/settings.ts';

const MINUTE = 60_000;

const IDLE: StatusView = {
  today: '2026-11-18',
  running: null,
  todayMinutes: 0,
  weekMinutes: 0,
  todayEntries: [],
  week: [],
  recentProjects: [],
  recentWork: [],
  breaksSupported: false,
  asOf: 1,
  keptWrites: [],
  teamAvailable: false,
  adminSections: [],
  decidesTimesheets: false,
  sequence: 0,
};

describe('status broadcast', () => {
  it('tells every listener about a change once, and not about the same status taken later', () => {
    const broadcast = createStatusBroadcast();
    const heard: number[] = [];
    const stop = broadcast.subscribe((status) => heard.push(status.todayMinutes));
    broadcast.publish(IDLE);
    broadcast.publish({ ...IDLE, asOf: 2 });
    broadcast.publish({ ...IDLE, todayMinutes: 5, asOf: 3 });
    stop();
    broadcast.publish({ ...IDLE, todayMinutes: 6 });
    expect(heard).toEqual([0, 5]);
  });

  it('drops a status read before the last one published: a slow refresh is old news', () => {
    const broadcast = createStatusBroadcast();
    const heard: number[] = [];
    broadcast.subscribe((status) => heard.push(status.todayMinutes));
    broadcast.publish({ ...IDLE, todayMinutes: 10, sequence: 8 });
    broadcast.publish({ ...IDLE, todayMinutes: 3, sequence: 7 });
    broadcast.publish({ ...IDLE, todayMinutes: 12, sequence: 9 });
    expect(heard).toEqual([10, 12]);
  });
});

describe('status sync', () => {
  async function until(probe: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!probe()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  it('refreshes once per burst of writes to the local timesheet, and ignores other files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-sync-'));
    let refreshes = 0;
    const sync = startStatusSync({ userDataDir: dir, backEnd: () => 'local', refresh: async () => void refreshes++, log: () => {} });
    try {
      writeFileSync(join(dir, 'config.json'), '{}');
      writeFileSync(join(dir, 'punchcard.db-shm'), 'x');
      await new Promise((done) => setTimeout(done, 400));
      expect(refreshes).toBe(0);
      for (let i = 0; i < 5; i++) writeFileSync(join(dir, i % 2 ? 'punchcard.db' : 'punchcard.db-wal'), String(i));
      await until(() => refreshes > 0, 'a refresh');
      await new Promise((done) => setTimeout(done, 400));
      expect(refreshes).toBe(1);
    } finally {
      sync.stop();
    }
  });

  it("refreshes for a write to another tracker's local timesheet, in its own folder (several trackers)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-sync-'));
    mkdirSync(join(dir, 'trackers', 'home'), { recursive: true });
    let refreshes = 0;
    const sync = startStatusSync({ userDataDir: dir, backEnd: () => 'local', refresh: async () => void refreshes++, log: () => {} });
    try {
      writeFileSync(join(dir, 'trackers', 'home', 'punchcard.db-wal'), 'x');
      await until(() => refreshes > 0, 'a refresh');
      expect(refreshes).toBe(1);
    } finally {
      sync.stop();
    }
  });

  it('with several trackers, polls at the pace of the remote one asked least often, else the default', () => {
    const local = { type: 'local' } as const;
    const kimai = { name: 'acme', type: 'kimai', url: 'https://kimai.example.com' } as const;
    const calamari = { name: 'hr', type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@acme.example' } as const;
    expect(pacedType({ provider: local })).toBe('local');
    expect(pacedType({ provider: local, trackers: [kimai] })).toBe('kimai');
    expect(pacedType({ provider: { ...kimai, name: 'k' }, trackers: [{ ...calamari }] })).toBe('calamari');
  });

  it("on a remote back end, refreshes when an engine signals a settled kept write, and not for the outbox's own writes", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-sync-'));
    let refreshes = 0;
    const sync = startStatusSync({ userDataDir: dir, backEnd: () => 'calamari', refresh: async () => void refreshes++, log: () => {} });
    try {
      // Claims and releases while the back end is away write outbox.db: no refresh, or every read's
      // own try would set off the next read.
      for (const file of ['outbox.db', 'outbox.db-wal', 'outbox.db-shm']) writeFileSync(join(dir, file), 'x');
      await new Promise((done) => setTimeout(done, 400));
      expect(refreshes).toBe(0);
      writeFileSync(join(dir, `${OUTBOX_SETTLED_FILE}.123.tmp`), 'x');
      renameSync(join(dir, `${OUTBOX_SETTLED_FILE}.123.tmp`), join(dir, OUTBOX_SETTLED_FILE));
      await until(() => refreshes > 0, 'a refresh');
      await new Promise((done) => setTimeout(done, 400));
      expect(refreshes).toBe(1);
    } finally {
      sync.stop();
    }
  });

  it('asks a remote back end again on its interval, and logs a failed refresh instead of throwing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-sync-'));
    const logs: string[] = [];
    let refreshes = 0;
    const sync = startStatusSync({
      userDataDir: dir,
      backEnd: () => 'kimai',
      refresh: async () => {
        refreshes++;
        throw new Error('Kimai answered 503');
      },
      log: (line) => logs.push(line),
      remoteIntervalMs: 30,
    });
    try {
      await until(() => refreshes >= 2 && logs.length >= 2, 'two polls');
      expect(logs[0]).toBe('Could not refresh the timer status: Kimai answered 503');
    } finally {
      sync.stop();
    }
  });

  it('follows a switch of back end: asks Kimai every two minutes, then Calamari every five', () => {
    vi.useFakeTimers();
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-sync-'));
    let backEnd: BackEndProfile['type'] = 'kimai';
    let refreshes = 0;
    const sync = startStatusSync({ userDataDir: dir, backEnd: () => backEnd, refresh: async () => void refreshes++, log: () => {} });
    try {
      vi.advanceTimersByTime(2 * MINUTE);
      expect(refreshes).toBe(1);
      // The poll already planned keeps its time; the one after it is planned for Calamari.
      backEnd = 'calamari';
      vi.advanceTimersByTime(2 * MINUTE);
      expect(refreshes).toBe(2);
      vi.advanceTimersByTime(5 * MINUTE - 1);
      expect(refreshes).toBe(2);
      vi.advanceTimersByTime(1);
      expect(refreshes).toBe(3);
      vi.advanceTimersByTime(5 * MINUTE);
      expect(refreshes).toBe(4);
      // And back: Calamari's planned poll, then Kimai's interval again.
      backEnd = 'kimai';
      vi.advanceTimersByTime(5 * MINUTE);
      expect(refreshes).toBe(5);
      vi.advanceTimersByTime(2 * MINUTE);
      expect(refreshes).toBe(6);
    } finally {
      sync.stop();
      vi.useRealTimers();
    }
  });

  it('asks Clockify, whose limit is per second, as often as Kimai and Clockodo; Calamari, counted per hour, less', () => {
    expect(pollInterval('clockify')).toBe(2 * MINUTE);
    expect(pollInterval('clockify')).toBe(pollInterval('kimai'));
    expect(pollInterval('calamari')).toBeGreaterThan(pollInterval('clockify'));
  });

  it('asks Harvest, which allows 100 requests in 15 seconds and costs a poll one or two, every two minutes', () => {
    expect(pollInterval('harvest')).toBe(2 * MINUTE);
  });

  it("asks Toggl Track, whose person's own quota is 30 requests an hour, every ten minutes at most", () => {
    expect(pollInterval('toggl')).toBe(10 * MINUTE);
  });

  it('asks Tempo Timesheets, which allows 5 requests a second and costs a poll one (the week of worklogs), every two minutes', () => {
    expect(pollInterval('tempo')).toBe(2 * MINUTE);
  });
});
