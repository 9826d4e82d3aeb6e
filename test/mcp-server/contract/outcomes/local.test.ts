// The local timesheet's refusals as data: each met through the real tracker on a real file, with the
// code and facts it carries, the model's words as they always were, and a few as a person reads them.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { openTimesheet, writeTransaction } from '../../../../mcp-server/providers/local/database.ts';
import { createLocalTracker } from '../../../../mcp-server/providers/local/local-tracker.ts';
import { MIGRATIONS } from '../../../../mcp-server/providers/local/migrations.ts';
import { inspectTimesheetFile } from '../../../../mcp-server/providers/local/timesheet-file.ts';
import { whileBusy } from '../../../../mcp-server/providers/sqlite-files.ts';
import { BackEndError, type TimeTracker } from '../../../../mcp-server/providers/time-tracker.ts';
import { holdExclusiveLock } from '../../../support/exclusive-lock.ts';

const T0 = Date.parse('2026-11-16T08:00:00Z');
let dir: string;
let tracker: TimeTracker;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-local-refusals-'));
  tracker = createLocalTracker({ databasePath: join(dir, 'punchcard.db'), personName: () => 'Ada', now: () => T0 });
});
afterEach(() => {
  tracker.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The BackEndError a promise is refused with. */
async function refusalOf(work: Promise<unknown>): Promise<BackEndError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BackEndError);
  return error as BackEndError;
}

const forPeople = (error: BackEndError) => peopleText(refusalSentence(error.refusal), { locale: 'en-US' });
const entry = { start: T0, end: T0 + 3_600_000, projectId: null, activityId: null, description: '' };

describe("the local timesheet's records", () => {
  it('a time entry, a catalog item or a leave request by a number that is none', async () => {
    const noEntry = await refusalOf(tracker.entries.getEntry(12));
    expect(noEntry.refusal).toEqual({ code: 'local_entry_not_found', facts: { entry: 12 } });
    expect(noEntry.kind).toBe('not_found');
    expect(noEntry.message).toBe('There is no time entry #12.');
    expect(forPeople(noEntry)).toBe('There is no such time entry.');

    const noProject = await refusalOf(tracker.entries.createEntry({ ...entry, projectId: 3 }));
    expect(noProject.refusal).toEqual({ code: 'local_catalog_item_not_found', facts: { kind: 'project', id: 3 } });
    expect(noProject.message).toBe('There is no project #3.');
    const noCustomer = await refusalOf(tracker.catalog.createCatalogItem({ kind: 'project', name: 'Website', customerId: 9 }));
    expect(noCustomer.refusal).toEqual({ code: 'local_catalog_item_not_found', facts: { kind: 'customer', id: 9 } });
    const noActivity = await refusalOf(tracker.catalog.setArchived('activity', 4, true));
    expect(noActivity.message).toBe('There is no activity #4.');

    const noLeave = await refusalOf(tracker.leave.cancelLeave(4));
    expect(noLeave.refusal).toEqual({ code: 'local_leave_request_not_found', facts: { request: 4 } });
    expect(noLeave.message).toBe('There is no leave request #4.');
  });

  it('an activity of another project, a name taken, a second open entry', async () => {
    const website = await tracker.catalog.createCatalogItem({ kind: 'project', name: 'Website' });
    const shop = await tracker.catalog.createCatalogItem({ kind: 'project', name: 'Shop' });
    const design = await tracker.catalog.createCatalogItem({ kind: 'activity', name: 'Design', projectId: website.id });
    const other = await refusalOf(tracker.entries.createEntry({ ...entry, projectId: shop.id, activityId: design.id }));
    expect(other.refusal).toEqual({ code: 'local_activity_of_other_project', facts: { activity: 'Design', project: 'Website' } });
    expect(other.kind).toBe('invalid');
    expect(other.message).toBe('Activity "Design" belongs to project "Website" and cannot be used with another project.');

    const taken = await refusalOf(tracker.catalog.createCatalogItem({ kind: 'project', name: ' Website ' }));
    expect(taken.refusal).toEqual({ code: 'local_catalog_name_taken', facts: { kind: 'project', name: 'Website' } });
    expect(taken.message).toBe('A project named "Website" already exists.');

    await tracker.timer.startTimer({ start: T0, projectId: null, activityId: null, description: '' }, false);
    const first = await tracker.entries.createEntry(entry);
    const open = await refusalOf(tracker.entries.updateEntry(first.id, { end: null }));
    expect(open.refusal).toEqual({ code: 'local_one_open_entry', facts: {} });
    expect(open.kind).toBe('conflict');
  });

  it('leave of a type of its own, over other leave, or cancelled twice', async () => {
    const request = {
      type: 'vacation' as const,
      firstDay: '2026-08-03',
      lastDay: '2026-08-14',
      firstDayPart: 'full' as const,
      lastDayPart: 'full' as const,
      days: 10,
      comment: '',
    };
    const kind = await refusalOf(tracker.leave.createLeave({ ...request, kind: 'Sabbatical' }));
    expect(kind.refusal).toEqual({ code: 'local_leave_kind_unknown', facts: { kind: 'Sabbatical' } });
    const filed = await tracker.leave.createLeave(request);
    const overlap = await refusalOf(tracker.leave.createLeave({ ...request, firstDay: '2026-08-10', lastDay: '2026-08-20' }));
    expect(overlap.refusal).toEqual({
      code: 'local_leave_overlaps',
      facts: { request: filed.id, type: 'vacation', first_day: '2026-08-03', last_day: '2026-08-14' },
    });
    expect(overlap.message).toBe(`This overlaps your vacation request #${filed.id} (2026-08-03 to 2026-08-14). Cancel or change that one first.`);
    expect(forPeople(overlap)).toBe('This overlaps your vacation request (Aug 3, 2026 to Aug 14, 2026). Cancel or change that one first.');
    await tracker.leave.cancelLeave(filed.id);
    const twice = await refusalOf(tracker.leave.cancelLeave(filed.id));
    expect(twice.refusal).toEqual({ code: 'local_leave_already_cancelled', facts: { request: filed.id } });
    expect(forPeople(twice)).toBe('This leave request is already cancelled.');
  });
});

describe('the timesheet file', () => {
  const path = () => join(dir, 'punchcard.db');

  it("another application's database, by its tables or its mark, and a folder in its place", async () => {
    const db = new DatabaseSync(path());
    db.exec(Array.from({ length: 8 }, (_, index) => `CREATE TABLE t${index} (x);`).join(''));
    db.close();
    const tables = await refusalOf(openTimesheet(path()));
    expect(tables.refusal).toEqual({
      code: 'timesheet_not_ours',
      facts: { path: path(), found: 'tables', tables: ['t0', 't1', 't2', 't3', 't4', 't5'], more_tables: 2 },
    });
    expect(tables.message).toBe(
      `${path()} is another application's SQLite database (tables: t0, t1, t2, t3, t4, t5 and 2 more). Punchcard has not changed it. ` +
        'Move it elsewhere (or rename it), and Punchcard starts a new timesheet there.',
    );
    const marked = new DatabaseSync(path());
    marked.exec('PRAGMA application_id = 42');
    marked.close();
    expect((await refusalOf(openTimesheet(path()))).refusal).toEqual({
      code: 'timesheet_not_ours',
      facts: { path: path(), found: 'application_id', application_id: 42 },
    });
    const folder = join(dir, 'folder.db');
    mkdirSync(folder);
    // Linux opens a folder for reading and finds it no regular file; other systems refuse to open it (EISDIR).
    expect((await refusalOf(openTimesheet(folder))).refusal).toEqual({
      code: 'timesheet_not_ours',
      facts: { path: folder, found: expect.stringMatching(/^(folder|special_file)$/) },
    });
  });

  it('a newer schema, and one that lacks a table its version has', async () => {
    (await openTimesheet(path())).db.close();
    const db = new DatabaseSync(path());
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    const newer = await refusalOf(openTimesheet(path()));
    expect(newer.refusal).toEqual({ code: 'timesheet_newer', facts: { path: path(), version: MIGRATIONS.length + 1, supported: MIGRATIONS.length } });
    expect(newer.kind).toBe('unavailable');
    const lacking = join(dir, 'lacking.db');
    (await openTimesheet(lacking)).db.close();
    const old = new DatabaseSync(lacking);
    old.exec('DROP TABLE leave_requests');
    old.close();
    const mismatch = await refusalOf(openTimesheet(lacking));
    expect(mismatch.refusal).toEqual({
      code: 'timesheet_schema_mismatch',
      facts: { path: lacking, version: MIGRATIONS.length, missing_tables: ['leave_requests'] },
    });
    expect(mismatch.message).toMatch(/says it is a Punchcard timesheet \(schema \d+\), but it has no table leave_requests\. Punchcard has not changed it\./);
  });

  it('held locked by another program: busy, with how long it waited', async () => {
    (await openTimesheet(path())).db.close();
    const lock = holdExclusiveLock(path());
    await lock.locked;
    try {
      const seen = await inspectTimesheetFile(path(), 300);
      expect(seen).toEqual({ kind: 'busy', refusal: { code: 'timesheet_locked_unchecked', facts: { path: path(), waited_ms: 300 } } });
      const db = new DatabaseSync(path(), { timeout: 0 });
      const locked = await refusalOf(whileBusy(path(), 300, () => db.exec('BEGIN IMMEDIATE'), 'the timesheet')).finally(() => db.close());
      expect(locked.refusal).toEqual({ code: 'file_locked', facts: { path: path(), waited_s: 0, what: 'the timesheet' } });
      expect(locked.message).toBe(
        `Another program has held ${path()} locked for 0 s (a backup or sync tool, or an open sqlite3 session), so the timesheet could not be used. ` +
          'Nothing was changed. Try again once that program lets go of the file.',
      );
    } finally {
      await lock.release();
    }
  });

  it('opened read-only (its folder cannot be written): a write is refused with the folder, and nothing is written', async () => {
    const sheet = { ...(await openTimesheet(path())), readOnly: true };
    try {
      const refused = await refusalOf(writeTransaction(sheet, () => sheet.db.exec('CREATE TABLE never (x)')));
      expect(refused.refusal).toEqual({ code: 'timesheet_folder_read_only', facts: { folder: dir } });
      expect(sheet.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'never'").get()).toEqual({ n: 0 });
    } finally {
      sheet.db.close();
    }
  });
});
