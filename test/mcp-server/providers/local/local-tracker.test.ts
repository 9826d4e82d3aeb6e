import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../mcp-server/providers/local/migrations.ts';
import { createLocalTracker } from '../../../../mcp-server/providers/local/local-tracker.ts';
import { BackEndError, type TimeTracker } from '../../../../mcp-server/providers/time-tracker.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-16T08:00:00Z');

let dir: string;
let now = T0;
let tracker: TimeTracker;
const open = () => createLocalTracker({ databasePath: join(dir, 'punchcard.db'), personName: () => 'Ada', now: () => now });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-local-'));
  now = T0;
  tracker = open();
});
afterEach(() => {
  tracker.close();
  rmSync(dir, { recursive: true, force: true });
});

const fields = (start: number, extra: Partial<{ projectId: number | null; activityId: number | null; description: string }> = {}) => ({
  start,
  projectId: null,
  activityId: null,
  description: '',
  ...extra,
});

describe('schema', () => {
  it('creates the file with WAL and the current user_version', async () => {
    await tracker.timer.runningEntry();
    const db = new DatabaseSync(join(dir, 'punchcard.db'));
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: MIGRATIONS.length });
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    db.close();
  });

  it('enforces one running timer in the database itself, not only in code', async () => {
    await tracker.timer.startTimer(fields(T0), false);
    const db = new DatabaseSync(join(dir, 'punchcard.db'));
    expect(() => db.exec(`INSERT INTO time_entries (start_ms, created_at, updated_at) VALUES (${T0}, 0, 0)`)).toThrow(/UNIQUE/);
    db.close();
  });

  it('refuses to open a database from a newer version instead of damaging it', async () => {
    await tracker.timer.runningEntry();
    tracker.close();
    const db = new DatabaseSync(join(dir, 'punchcard.db'));
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    tracker = open();
    await expect(tracker.timer.runningEntry()).rejects.toThrow(/newer Punchcard/);
  });

  it("adds the agent column to a timesheet of the first schema, keeping every entry as the person's own", async () => {
    tracker.close();
    const path = join(dir, 'punchcard.db');
    const old = new DatabaseSync(path);
    old.exec('PRAGMA journal_mode = WAL');
    old.exec(MIGRATIONS[0] as string);
    old.exec(`INSERT INTO projects (name, created_at) VALUES ('Website', 0);
      INSERT INTO time_entries (start_ms, end_ms, project_id, description, created_at, updated_at) VALUES (${T0}, ${T0 + HOUR}, 1, 'Kept', 0, 0);
      PRAGMA user_version = 1`);
    old.close();
    tracker = open();
    const { entries } = await tracker.entries.listEntries({ from: T0 - HOUR, to: T0 + 2 * HOUR, limit: 10, offset: 0 });
    expect(entries).toEqual([{ id: 1, start: T0, end: T0 + HOUR, project: { id: 1, name: 'Website' }, activity: null, description: 'Kept' }]);
    const agents = await tracker.entries.createEntry({ ...fields(T0 + HOUR), end: T0 + 2 * HOUR, projectId: 1, description: 'Tests', agent: 'claude-code' });
    expect(agents).toMatchObject({ id: 2, agent: 'claude-code', description: 'Tests' });
    const spans = await tracker.entries.workSpans(T0, T0 + 3 * HOUR, T0 + 3 * HOUR);
    expect(spans.map((span) => span.agent ?? null)).toEqual([null, 'claude-code']);
    const db = new DatabaseSync(path);
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: MIGRATIONS.length });
    expect(db.prepare('SELECT id, description, agent FROM time_entries ORDER BY id').all()).toEqual([
      { id: 1, description: 'Kept', agent: null },
      { id: 2, description: 'Tests', agent: 'claude-code' },
    ]);
    db.close();
  });

  it('does not create the file until it is first used', () => {
    expect(() => new DatabaseSync(join(dir, 'punchcard.db'), { open: true, readOnly: true })).toThrow();
  });
});

describe('timer', () => {
  it('stops the timer it switched to with a note added to its description', async () => {
    await tracker.timer.startTimer(fields(T0, { description: 'first' }), false);
    await tracker.timer.startTimer(fields(T0 + HOUR, { description: 'second' }), true);
    const stopped = await tracker.timer.stopTimer(T0 + 2 * HOUR, 'wrapped up');
    expect(stopped).toMatchObject({ end: T0 + 2 * HOUR, description: 'second\nwrapped up' });
  });

  it('starts and stops at the committing moment when no time is given, never before the running timer', async () => {
    now = T0 + HOUR;
    await tracker.timer.startTimer({ projectId: null, activityId: null, description: '' }, false);
    now = T0 + 2 * HOUR;
    expect(await tracker.timer.stopTimer()).toMatchObject({ start: T0 + HOUR, end: T0 + 2 * HOUR });
    // A clock that lags behind a timer another process started still cannot end it before its start.
    await tracker.timer.startTimer(fields(T0 + 3 * HOUR), false);
    expect((await tracker.timer.stopTimer()).end).toBe(T0 + 3 * HOUR);
  });

  it('refuses to stop before the start and to stop with nothing running', async () => {
    await tracker.timer.startTimer(fields(T0), false);
    await expect(tracker.timer.stopTimer(T0 - 1)).rejects.toThrow(BackEndError);
    await tracker.timer.stopTimer(T0 + HOUR);
    await expect(tracker.timer.stopTimer(T0 + 2 * HOUR)).rejects.toThrow(/No timer is running/);
  });

  it('refuses a switch that would start before the running timer', async () => {
    await tracker.timer.startTimer(fields(T0), false);
    await expect(tracker.timer.startTimer(fields(T0 - HOUR), true)).rejects.toThrow(/before the running one/);
    expect((await tracker.timer.runningEntry())?.start).toBe(T0);
  });
});

describe('entries', () => {
  it('refuses an end before the start, and names an entry deleted as none', async () => {
    const entry = await tracker.entries.createEntry({ ...fields(T0), end: T0 + HOUR });
    await expect(tracker.entries.updateEntry(entry.id, { end: T0 - HOUR })).rejects.toThrow(/end before it starts/);
    await tracker.entries.deleteEntry(entry.id);
    await expect(tracker.entries.getEntry(entry.id)).rejects.toThrow(/no time entry/);
  });

  it('will not reopen an entry while another timer runs', async () => {
    const done = await tracker.entries.createEntry({ ...fields(T0), end: T0 + HOUR });
    await tracker.timer.startTimer(fields(T0 + 2 * HOUR), false);
    await expect(tracker.entries.updateEntry(done.id, { end: null })).rejects.toThrow(/already running/);
  });

  it('clips work spans to the range and lets the running timer end now', async () => {
    await tracker.entries.createEntry({ ...fields(T0 - HOUR), end: T0 + HOUR });
    await tracker.timer.startTimer(fields(T0 + 2 * HOUR), false);
    const spans = await tracker.entries.workSpans(T0, T0 + 10 * HOUR, T0 + 3 * HOUR);
    expect(spans.map((span) => [span.start - T0, span.end - T0])).toEqual([
      [0, HOUR],
      [2 * HOUR, 3 * HOUR],
    ]);
  });
});

describe('catalog', () => {
  it('creates, lists, archives and restores, with unique names ignoring case', async () => {
    const customer = await tracker.catalog.createCatalogItem({ kind: 'customer', name: 'Acme' });
    const project = await tracker.catalog.createCatalogItem({ kind: 'project', name: 'Website', customerId: customer.id });
    await tracker.catalog.createCatalogItem({ kind: 'activity', name: 'Design', projectId: project.id });
    await tracker.catalog.createCatalogItem({ kind: 'activity', name: 'Meeting' });
    await expect(tracker.catalog.createCatalogItem({ kind: 'project', name: 'website' })).rejects.toThrow(/already exists/);

    const catalog = await tracker.catalog.catalog(false);
    expect(catalog.activities.map((activity) => [activity.name, activity.project?.name ?? null])).toEqual([
      ['Design', 'Website'],
      ['Meeting', null],
    ]);

    await tracker.catalog.setArchived('project', project.id, true);
    expect((await tracker.catalog.catalog(false)).projects).toEqual([]);
    await tracker.catalog.setArchived('project', project.id, false);
    expect((await tracker.catalog.catalog(false)).projects).toHaveLength(1);
  });

  it('refuses an activity of another project and references that do not exist', async () => {
    const a = await tracker.catalog.createCatalogItem({ kind: 'project', name: 'A' });
    const b = await tracker.catalog.createCatalogItem({ kind: 'project', name: 'B' });
    const design = await tracker.catalog.createCatalogItem({ kind: 'activity', name: 'Design', projectId: a.id });
    await expect(tracker.timer.startTimer(fields(T0, { projectId: b.id, activityId: design.id }), false)).rejects.toThrow(/belongs to project "A"/);
    await expect(tracker.timer.startTimer(fields(T0, { projectId: 999 }), false)).rejects.toThrow(/no project #999/);
    expect(await tracker.timer.runningEntry()).toBeNull();
  });
});

describe('leave', () => {
  const request = (firstDay: string, lastDay: string, parts: { first?: 'full' | 'afternoon'; last?: 'full' | 'morning' } = {}) => ({
    type: 'vacation' as const,
    firstDay,
    lastDay,
    firstDayPart: parts.first ?? 'full',
    lastDayPart: parts.last ?? 'full',
    days: 1,
    comment: '',
  });

  it('refuses overlapping requests but allows a morning and an afternoon on the same day', async () => {
    const first = await tracker.leave.createLeave(request('2026-12-21', '2026-12-23'));
    await expect(tracker.leave.createLeave(request('2026-12-23', '2026-12-24'))).rejects.toThrow(/overlaps your vacation request #1/);
    await tracker.leave.createLeave(request('2026-12-28', '2026-12-28', { last: 'morning' }));
    await tracker.leave.createLeave(request('2026-12-28', '2026-12-29', { first: 'afternoon' }));
    await expect(tracker.leave.createLeave(request('2026-12-28', '2026-12-28', { first: 'afternoon' }))).rejects.toThrow(/overlaps/);

    await tracker.leave.cancelLeave(first.id);
    await expect(tracker.leave.cancelLeave(first.id)).rejects.toThrow(/already cancelled/);
    await tracker.leave.createLeave(request('2026-12-22', '2026-12-22'));
    const listed = await tracker.leave.listLeave({ from: '2026-12-01', to: '2026-12-31' });
    expect(listed.map((leave) => [leave.firstDay, leave.status])).toEqual([
      ['2026-12-21', 'cancelled'],
      ['2026-12-22', 'approved'],
      ['2026-12-28', 'approved'],
      ['2026-12-28', 'approved'],
    ]);
    expect(listed[0]?.person).toBe('Ada');
  });
});
