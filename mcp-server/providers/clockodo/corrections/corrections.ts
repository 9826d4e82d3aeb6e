// Bulk corrections of time entries on Clockodo (docs/back-ends/clockodo.md, "Administration"), for the
// owner. Clockodo keeps billable and exported in one mark (`billable` 0, 1, or 2 for billed), so a
// change of billable alone keeps an exported entry's mark; a move to another project takes that
// project's customer too (an entry books on both); there are no tags. Each person's edit lock is
// Clockodo's own (`edit_lock` on the user, a day): entries up to it are never touched, and a moving
// lock (`edit_lock_dyn`), whose unit the API does not describe, leaves that person's entries alone.
// Each change is one PUT; a 403 withdraws the capability at once (context.ts, administering).
import type { CorrectionScope, CorrectionSet, CorrectionSubject, CorrectionWorld } from '../../../domain/corrections.ts';
import { addDays, startOfLocalDay } from '../../../domain/time.ts';
import { type Refusal, refusalOf } from '../../../contract/outcomes/refusals.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';
import { allPages } from '../../remote/paging.ts';
import { CellPart } from '../../grid/cell-part.ts';
import type { CorrectionsPart } from '../../time-tracker.ts';
import { ENTRY_PAGE, USER_PAGE } from '../api.ts';
import type { ClockodoContext, ClockodoCatalogView, Withdrawn } from '../context.ts';
import type { CorrectionsEndpoints } from './endpoints.ts';
import { clockodoTime, instantOf, isLumpSum } from '../mapping.ts';
import type { ClockodoEntry, ClockodoUser } from '../wire.ts';

/** What Clockodo's refusal (403) of it withdraws, and how the log says so (context.ts, refuse). */
export const WITHDRAWN = { capability: 'admin_corrections', what: "changes to colleagues' entries", tool: 'correct_time_entries' } as const satisfies Withdrawn;

/** Clockodo's `billable` values (docs/back-ends/clockodo.md, "Entries"). */
const NOT_BILLABLE = 0;
const BILLABLE = 1;
const BILLED = 2;

export class ClockodoCorrections extends CellPart<ClockodoContext, CorrectionsEndpoints, { catalog: ClockodoCatalogView }> implements CorrectionsPart {
  refusal(set: Pick<CorrectionSet, 'billable' | 'exported' | 'addTags'>): Refusal | undefined {
    if (set.addTags !== undefined) return refusalOf('clockodo_entries_have_no_tags');
    if (set.exported === true && set.billable === false) return refusalOf('clockodo_exported_is_billable');
    return undefined;
  }

  async correctionWorld(scope: CorrectionScope): Promise<CorrectionWorld> {
    // The owner sees everyone's entries and every person's edit lock (GET /v3/users).
    const filter = {
      time_since: clockodoTime(scope.from),
      time_until: clockodoTime(scope.to),
      ...(scope.projectId === undefined ? {} : { 'filter[projects_id]': scope.projectId }),
      ...(scope.activityId === undefined ? {} : { 'filter[services_id]': scope.activityId }),
    };
    const api = this.endpoints;
    const { pager } = this.context;
    const [entries, users] = await Promise.all([
      allPages(pager, (page) => api.entryPage(filter, page, ENTRY_PAGE, 'read the time entries to correct')),
      allPages(pager, (page) => api.usersPage(undefined, page, USER_PAGE, "read your colleagues' names and edit locks")),
    ]);
    const byId = new Map(users.map((user) => [user.id, user]));
    // Lump sums take no time and are never changed through Punchcard.
    const subjects = entries.filter((entry) => !isLumpSum(entry)).map((entry) => subject(entry, byId.get(entry.users_id)));
    const zone = this.context.facts.current.timezone ?? 'UTC';
    const personLocks = new Map<number, number>();
    for (const id of new Set(subjects.map((entry) => entry.personId))) {
      const lock = lockOf(byId.get(id), zone);
      if (lock.until !== undefined) personLocks.set(id, lock.until);
    }
    return {
      entries: subjects,
      locked: undefined,
      personLocks,
      lockWords: (people) =>
        lockWords(
          [...people].map((id) => ({ id, user: byId.get(id) })),
          zone,
        ),
      editsExported: true,
      exportedWords: 'billable alone would undo their billed mark; give exported false to change it',
      exportedKeepsBillable: true,
      covers: "everyone's time entries",
    };
  }

  async knownTags(): Promise<string[]> {
    return [];
  }

  async correct(entry: CorrectionSubject, set: CorrectionSet): Promise<CorrectionSubject> {
    const body: Record<string, unknown> = {};
    if (set.projectId !== undefined) {
      // An entry books on a customer and a project: the new project's customer goes with it.
      const project = await this.parts.catalog.bookableProject(set.projectId);
      body.projects_id = project.id;
      body.customers_id = project.customers_id;
    }
    if (set.activityId !== undefined) body.services_id = set.activityId;
    const mark = billableMark(entry, set);
    if (mark !== undefined) body.billable = mark;
    const answer = await this.context.administering(WITHDRAWN, refusalOf('clockodo_correction_denied', { entry: entry.id }), () =>
      this.endpoints.changeEntry(entry.id, body, `correct time entry #${entry.id}`),
    );
    return { ...subject(answer, undefined), person: entry.person, login: entry.login };
  }
}

/** The `billable` to send, or undefined where it stays: an exported entry keeps its billed mark unless exported is asked. */
function billableMark(entry: CorrectionSubject, set: CorrectionSet): number | undefined {
  if (set.exported === true) return BILLED;
  if (set.exported === false) return (set.billable ?? entry.billable) ? BILLABLE : NOT_BILLABLE;
  if (set.billable === undefined || entry.exported) return undefined;
  return set.billable ? BILLABLE : NOT_BILLABLE;
}

function subject(entry: ClockodoEntry, user: ClockodoUser | undefined): CorrectionSubject {
  return {
    id: entry.id,
    start: instantOf(entry.time_since),
    end: entry.time_until === null ? null : instantOf(entry.time_until),
    personId: entry.users_id,
    person: user?.name ?? `user #${entry.users_id}`,
    login: user?.email ?? '',
    projectId: entry.projects_id,
    activityId: entry.services_id ?? null,
    billable: (entry.billable ?? BILLABLE) !== NOT_BILLABLE,
    exported: entry.billable === BILLED,
    tags: [],
  };
}

interface Lock {
  /** The last locked instant of the person's entries; undefined where none is locked (or none is known to be). */
  until?: number;
  /** How the preview names it: the day, a moving lock, or that Clockodo did not say. */
  kind: 'none' | 'day' | 'moving' | 'unknown';
  day?: string;
}

/** A person's edit lock as /v3/users gives it: `edit_lock` a day, locked to its end in their zone; `edit_lock_dyn` all of theirs. */
function lockOf(user: ClockodoUser | undefined, zone: string): Lock {
  if (user === undefined || (user.edit_lock === undefined && user.edit_lock_dyn === undefined)) return { kind: 'unknown' };
  if (user.edit_lock_dyn !== null && user.edit_lock_dyn !== undefined) return { kind: 'moving', until: Number.POSITIVE_INFINITY };
  if (typeof user.edit_lock === 'string' && /^\d{4}-\d{2}-\d{2}/.test(user.edit_lock)) {
    const day = user.edit_lock.slice(0, 10);
    return { kind: 'day', day, until: startOfLocalDay(addDays(day, 1), user.timezone ?? zone) - 1 };
  }
  return { kind: 'none' };
}

/** The edit locks of the people concerned, in one sentence for the preview. */
function lockWords(people: ReadonlyArray<{ id: number; user: ClockodoUser | undefined }>, zone: string): string {
  const named = (kind: Lock['kind']) =>
    people.flatMap(({ id, user }) => {
      const lock = lockOf(user, zone);
      // A person's name is Clockodo's words (quoted-line.ts); one it did not give is ours.
      const name = user?.name == null ? `user #${id}` : quotedLine(user.name);
      return lock.kind === kind ? [lock.day === undefined ? name : `${name} up to ${lock.day}`] : [];
    });
  const parts: string[] = [];
  const [locked, moving, unknown] = [named('day'), named('moving'), named('unknown')];
  if (locked.length > 0) parts.push(`Clockodo's edit locks: ${locked.join(', ')}.`);
  if (moving.length > 0) parts.push(`Clockodo keeps a moving edit lock Punchcard cannot place for ${moving.join(', ')}: their entries are left alone.`);
  if (unknown.length > 0) parts.push(`Locked periods are unknown for ${unknown.join(', ')}: Clockodo did not say their edit lock.`);
  return parts.length > 0 ? parts.join(' ') : 'Clockodo sets no edit lock for the people concerned.';
}
