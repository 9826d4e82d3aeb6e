// The outbox in front of a real Kimai tracker whose address refuses connections (a fake Kimai that was
// stopped): writes are kept up to a bound, entries waiting to be sent cannot be changed, and a read
// that was never made is not invented.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRemoteTracker } from '../../../../mcp-server/providers/create-tracker.ts';
import { MAX_KEPT, keepingWritesOffline, trackerForCall } from '../../../../mcp-server/providers/outbox/outbox-tracker.ts';
import type { TimeTracker } from '../../../../mcp-server/providers/time-tracker.ts';
import { DEFAULT_USERS, startFakeKimai } from '../kimai/fake-kimai.ts';

const NOW = Date.parse('2026-05-04T09:02:00+02:00');
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Kimai tracker with its outbox, at an address where nothing answers any more. */
async function unreachableKimai(): Promise<TimeTracker> {
  const fake = await startFakeKimai();
  const url = fake.url;
  await fake.close();
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-outbox-tracker-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const ada = DEFAULT_USERS[0] as (typeof DEFAULT_USERS)[number];
  const inner = await createRemoteTracker({
    profile: { type: 'kimai', url },
    userDataDir: dir,
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => 'Europe/Berlin',
    now: () => NOW,
    log: () => {},
    env: { PUNCHCARD_KIMAI_TOKEN: ada.token },
  });
  const tracker = keepingWritesOffline(inner, {
    userDataDir: dir,
    account: `kimai ${url}`,
    now: () => NOW,
    log: () => {},
    timezone: () => 'Europe/Berlin',
    origin: 'ai',
    mayStillWrite: () => null,
  });
  cleanups.push(() => tracker.close());
  return tracker;
}

const entry = (hour: number) => ({ start: NOW - (hour + 1) * 3_600_000, end: NOW - hour * 3_600_000, projectId: null, activityId: null, description: `hour ${hour}` });

describe('the outbox in front of a back end that refuses connections', () => {
  it(`keeps at most ${MAX_KEPT} writes, then says in words that nothing more is kept`, async () => {
    const tracker = await unreachableKimai();
    const call = await trackerForCall(tracker, []);
    for (let hour = 0; hour < MAX_KEPT; hour++) expect((await call.createEntry(entry(hour))).waiting).toEqual({ service: 'Kimai', reason: 'out_of_reach' });
    await expect(call.createEntry(entry(MAX_KEPT))).rejects.toThrow(`Kimai is out of reach, and ${MAX_KEPT} changes already wait to be sent to it; nothing more is kept until it answers. Nothing was changed.`);
  });

  it('refuses to change or delete an entry waiting to be sent, in words', async () => {
    const tracker = await unreachableKimai();
    const notes: string[] = [];
    const call = await trackerForCall(tracker, notes);
    const kept = await call.createEntry(entry(1));
    expect(kept.id).toBeLessThan(0);
    await expect(call.updateEntry(kept.id, { description: 'x' })).rejects.toThrow('That entry is waiting to be sent to Kimai, so it cannot be changed yet; it gets its own number once Kimai answers.');
    await expect(call.deleteEntry(kept.id)).rejects.toThrow(/cannot be deleted yet/);
  });

  it('does not invent what was never read: the day\'s last entry, the running timer', async () => {
    const tracker = await unreachableKimai();
    const call = await trackerForCall(tracker, []);
    await expect(call.lastEntryEndingBetween(NOW - 3_600_000, NOW)).rejects.toThrow(/Kimai is out of reach, so Punchcard cannot see where that day's work ended\. Give log_time a start/);
    await expect(call.runningEntry()).rejects.toThrow(/connection refused/);
  });
});
