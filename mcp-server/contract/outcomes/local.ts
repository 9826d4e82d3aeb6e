// Refusals of the local timesheet (providers/local/): its records, its leave, and the file itself,
// which Punchcard looks at before it writes to it (providers/local/timesheet-file.ts). And what every
// SQLite file several Punchcard processes share may answer (providers/sqlite-files.ts): a lock
// another program holds, a file that cannot be written.
import { day, forModelOnly, outside, recordNamed, say, type Sentence } from './sentence.ts';
import { refusalFamily } from './wording.ts';

const LEFT_ALONE = 'Punchcard has not changed it.';
const MOVE_IT = 'Move it elsewhere (or rename it), and Punchcard starts a new timesheet there.';

/** "a, b, c and 4 more": at most six names, so a file with hundreds of tables makes no wall of text. */
function listed(names: readonly string[], more = 0): string {
  const shown = names.slice(0, 6).join(', ');
  const hidden = more + Math.max(0, names.length - 6);
  return hidden > 0 ? `${shown} and ${hidden} more` : shown;
}

/** What is at the timesheet's path instead of a timesheet. A type, not an interface: facts are JSON objects (wording.ts, `Facts`). */
type NotATimesheet =
  | { path: string; found: 'folder' | 'special_file' | 'not_sqlite' }
  /** Another application's mark in the header, as a number. */
  | { path: string; found: 'application_id'; application_id: number }
  /** Another application's tables (the first few, and how many more). */
  | { path: string; found: 'tables'; tables: readonly string[]; more_tables: number };

function notATimesheet(facts: NotATimesheet): Sentence {
  switch (facts.found) {
    case 'folder':
      return say`${facts.path} is a folder, not a timesheet. ${MOVE_IT}`;
    case 'special_file':
      return say`${facts.path} is not a regular file, so it cannot be a timesheet. ${MOVE_IT}`;
    case 'not_sqlite':
      return say`${facts.path} is not a SQLite database, so it is not a Punchcard timesheet. ${LEFT_ALONE} ${MOVE_IT}`;
    case 'application_id':
      return say`${facts.path} is another application's SQLite database (application id 0x${facts.application_id.toString(16)}). ${LEFT_ALONE} ${MOVE_IT}`;
    case 'tables':
      return say`${facts.path} is another application's SQLite database (tables: ${listed(facts.tables, facts.more_tables)}). ${LEFT_ALONE} ${MOVE_IT}`;
  }
}

/** What a timesheet of Punchcard's lacks of the schema its version promises. */
type SchemaMismatch =
  | { path: string; version: number; missing_tables: readonly string[] }
  | { path: string; version: number; table: string; missing_columns: readonly string[] };

function mismatchWords(facts: SchemaMismatch): string {
  if ('missing_tables' in facts) return `it has no table${facts.missing_tables.length === 1 ? '' : 's'} ${listed(facts.missing_tables)}`;
  return `its table ${facts.table} has no column${facts.missing_columns.length === 1 ? '' : 's'} ${listed(facts.missing_columns)}`;
}

export const localRefusals = refusalFamily({
  /** The timesheet was closed while a call still used it (the engine shutting down, or swapping connections). */
  timesheet_closed: {
    kind: 'unavailable',
    say: () => say`The timesheet was closed.`,
    example: {},
  },
  /** No time entry has that number in the local timesheet. */
  local_entry_not_found: {
    kind: 'not_found',
    say: (facts: { entry: number }) => say`There is no ${recordNamed('time entry', facts.entry, 'such')}.`,
    example: { entry: 12 },
  },
  /** No customer, project or activity has that number. */
  local_catalog_item_not_found: {
    kind: 'not_found',
    say: (facts: { kind: 'customer' | 'project' | 'activity'; id: number }) => say`There is no ${recordNamed(facts.kind, facts.id, 'such')}.`,
    example: { kind: 'project', id: 3 },
  },
  /** An activity that belongs to one project, named with another. */
  local_activity_of_other_project: {
    kind: 'invalid',
    say: (facts: { activity: string; project: string }) =>
      say`Activity ${outside(facts.activity)} belongs to project ${outside(facts.project)} and cannot be used with another project.`,
    example: { activity: 'Design', project: 'Website' },
  },
  /** A customer, project or activity by a name another of its kind has. */
  local_catalog_name_taken: {
    kind: 'conflict',
    say: (facts: { kind: 'customer' | 'project' | 'activity'; name: string }) => say`A ${facts.kind} named ${outside(facts.name)} already exists.`,
    example: { kind: 'project', name: 'Website' },
  },
  /** A second running entry, which the file's own rule refuses (providers/local/migrations.ts). */
  local_one_open_entry: {
    kind: 'conflict',
    say: () => say`Another timer is already running; only one entry can be open at a time.`,
    example: {},
  },
  /** A leave type of a back end's own: the local timesheet has only Punchcard's. */
  local_leave_kind_unknown: {
    kind: 'invalid',
    say: (facts: { kind: string }) =>
      say`The local timesheet has no leave type ${outside(facts.kind)}; use vacation, sick, personal, parental, unpaid or other.`,
    example: { kind: 'Sabbatical' },
  },
  /** Leave over days the person's pending or approved leave already covers. */
  local_leave_overlaps: {
    kind: 'conflict',
    say: (facts: { request: number; type: string; first_day: string; last_day: string }) =>
      say`This overlaps your ${facts.type} request${forModelOnly(` #${facts.request}`)} (${day(facts.first_day)} to ${day(facts.last_day)}). Cancel or change that one first.`,
    example: { request: 4, type: 'vacation', first_day: '2026-08-03', last_day: '2026-08-14' },
  },
  /** Cancelling leave that is cancelled already. */
  local_leave_already_cancelled: {
    kind: 'conflict',
    say: (facts: { request: number }) => say`${recordNamed('Leave request', facts.request, 'start')} is already cancelled.`,
    example: { request: 4 },
  },
  /** No leave request has that number. */
  local_leave_request_not_found: {
    kind: 'not_found',
    say: (facts: { request: number }) => say`There is no ${recordNamed('leave request', facts.request, 'such')}.`,
    example: { request: 4 },
  },
  /** Something other than a timesheet at the timesheet's path: left as it is. */
  timesheet_not_ours: {
    kind: 'unavailable',
    say: (facts: NotATimesheet) => notATimesheet(facts),
    example: { path: '/home/ada/.config/Punchcard/punchcard.db', found: 'tables', tables: ['notes'], more_tables: 0 },
  },
  /** A timesheet a newer Punchcard migrated: this one cannot read it, and leaves it as it is. */
  timesheet_newer: {
    kind: 'unavailable',
    say: (facts: { path: string; version: number; supported: number }) =>
      say`${facts.path} was written by a newer Punchcard (timesheet schema ${facts.version}; this one reads up to ${facts.supported}). ${LEFT_ALONE} Update Punchcard to use it.`,
    example: { path: '/home/ada/.config/Punchcard/punchcard.db', version: 9, supported: 8 },
  },
  /** A timesheet of Punchcard's that lacks tables or columns its version has. */
  timesheet_schema_mismatch: {
    kind: 'unavailable',
    say: (facts: SchemaMismatch) =>
      say`${facts.path} says it is a Punchcard timesheet (schema ${facts.version}), but ${mismatchWords(facts)}. ${LEFT_ALONE} Restore it from a backup, or move it away and Punchcard starts a new timesheet there.`,
    example: { path: '/home/ada/.config/Punchcard/punchcard.db', version: 8, missing_tables: ['leave_requests'] },
  },
  /** SQLite says the file itself is damaged or not a database, on every look. */
  timesheet_damaged: {
    kind: 'unavailable',
    say: (facts: { path: string; message: string }) => say`${facts.path} could not be read as a SQLite database (${facts.message}). ${LEFT_ALONE} ${MOVE_IT}`,
    example: { path: '/home/ada/.config/Punchcard/punchcard.db', message: 'database disk image is malformed' },
  },
  /** The person may not read the file at the timesheet's path. */
  timesheet_permission_denied: {
    kind: 'unavailable',
    say: (facts: { path: string }) => say`${facts.path} cannot be read (permission denied). Give your user read and write access to it.`,
    example: { path: '/home/ada/.config/Punchcard/punchcard.db' },
  },
  /** The file at the timesheet's path could not be opened at all; the system's reason as it came. */
  timesheet_unopenable: {
    kind: 'unavailable',
    say: (facts: { path: string; message: string }) => say`${facts.path} cannot be opened (${facts.message}).`,
    example: { path: '/home/ada/.config/Punchcard/punchcard.db', message: 'ELOOP: too many symbolic links encountered' },
  },
  /** Another program held the file locked for as long as Punchcard waited to look at it: nothing about the file itself. */
  timesheet_locked_unchecked: {
    kind: 'unavailable',
    say: (facts: { path: string; waited_ms: number }) =>
      say`Another program has held ${facts.path} locked for ${Number((facts.waited_ms / 1000).toFixed(1))} s (a backup or sync tool, or an open sqlite3 session), so Punchcard could not check that it is a timesheet. ${LEFT_ALONE} Try again once that program lets go of the file.`,
    example: { path: '/home/ada/.config/Punchcard/punchcard.db', waited_ms: 10_000 },
  },
  /** The file could not be read just now (a passing error, looked at again a few times). */
  timesheet_unchecked: {
    kind: 'unavailable',
    say: (facts: { path: string; message: string }) =>
      say`${facts.path} could not be read just now (${facts.message}), so Punchcard could not check that it is a timesheet. ${LEFT_ALONE} Try again in a moment; if this keeps happening, check that your user can read and write the file and its folder.`,
    example: { path: '/home/ada/.config/Punchcard/punchcard.db', message: 'disk I/O error' },
  },
  /** A write to a timesheet whose folder cannot be written: reading works. */
  timesheet_folder_read_only: {
    kind: 'unavailable',
    say: (facts: { folder: string }) =>
      say`The folder ${facts.folder} is read-only, so Punchcard cannot save to the timesheet there; reading works. Nothing was changed. Make the folder writable (or move the data folder somewhere writable) and try again.`,
    example: { folder: '/home/ada/.config/Punchcard' },
  },
  /** No timesheet yet, in a folder that cannot be written. */
  timesheet_cannot_create: {
    kind: 'unavailable',
    say: (facts: { folder: string }) =>
      say`The folder ${facts.folder} is read-only, so Punchcard cannot create its timesheet there. Make the folder writable, or move the data folder somewhere writable.`,
    example: { folder: '/home/ada/.config/Punchcard' },
  },
  /** A timesheet an older Punchcard wrote, which needs migrating, in a folder that cannot be written. */
  timesheet_needs_update_read_only: {
    kind: 'unavailable',
    say: (facts: { path: string; folder: string }) =>
      say`${facts.path} is from an older Punchcard and needs updating, but the folder ${facts.folder} is read-only. Nothing was changed. Make the folder writable and try again.`,
    example: { path: '/home/ada/.config/Punchcard/punchcard.db', folder: '/home/ada/.config/Punchcard' },
  },
  /** A read-only folder whose timesheet's -wal holds changes SQLite cannot apply there. */
  timesheet_wal_read_only: {
    kind: 'unavailable',
    say: (facts: { path: string; folder: string }) =>
      say`The folder ${facts.folder} is read-only and ${facts.path}-wal still holds changes SQLite cannot apply there, so the timesheet cannot be read. Make the folder writable.`,
    example: { path: '/home/ada/.config/Punchcard/punchcard.db', folder: '/home/ada/.config/Punchcard' },
  },
});
