// Bulk corrections of time entries (correct_time_entries; docs/back-ends/kimai.md, "Administration"):
// which entries a correction would change, which it leaves alone and why, as a pure plan the preview,
// the question and the changes are all made from, so what the person confirms is what is changed.
import type { LockedPeriod } from './kimai-lockdown.ts';

/** Which entries: those that begin in [from, to), on a project and activity where named. */
export interface CorrectionScope {
  from: number;
  to: number;
  projectId?: number;
  activityId?: number;
  /** The people named (ids, names or logins), where a back end reads each person's entries apart (Clockify): only theirs are read. */
  people?: readonly string[];
}

/** One entry as a correction sees it: whose, where booked, and the flags it may change. */
export interface CorrectionSubject {
  id: number;
  start: number;
  /** Null while it runs. */
  end: number | null;
  personId: number;
  /** The name the person goes by, and the login a caller may name them by too. */
  person: string;
  login: string;
  projectId: number | null;
  activityId: number | null;
  billable: boolean;
  exported: boolean;
  tags: string[];
  /** The back end marks this entry locked itself (Clockify's isLocked): never touched, whatever the lock date says. */
  locked?: boolean;
}

/** What changes; each field left out keeps the entry's own. */
export interface CorrectionSet {
  projectId?: number;
  activityId?: number;
  /**
   * The entry's activity is taken off: set per entry (entrySet) where a move to another project leaves it an activity of the old
   * project's, and the back end has no activity outside a project (Clockify's tasks).
   */
  clearActivity?: boolean;
  billable?: boolean;
  exported?: boolean;
  addTags?: string[];
}

/** The entries in scope the back end shows the person, and what bears on changing them. */
export interface CorrectionWorld {
  entries: CorrectionSubject[];
  /** The locked period now, or undefined where nobody told Punchcard (Kimai publishes none). */
  locked: LockedPeriod | undefined;
  /** Whether the person may change an exported entry, and un-export one (Kimai's edit_exported_timesheet). */
  editsExported: boolean;
  /** Whose entries these are, in words ("everyone's", "yours and your teams' members'"). */
  covers: string;
  /**
   * Locks kept per person (Clockodo's edit lock): by person id, the last instant of theirs that is
   * locked (Infinity where the lock cannot be placed: all of theirs). Added to `locked`, never instead.
   */
  personLocks?: ReadonlyMap<number, number>;
  /** The locks of the people given (by id) in words for the preview, where the back end's are not Kimai's lockdown from the settings. */
  lockWords?: (people: ReadonlySet<number>) => string;
  /** Why an exported entry is left alone, in words, where it is not Kimai's missing edit_exported_timesheet. */
  exportedWords?: string;
  /**
   * The back end keeps billable and exported in one mark (Clockodo's billable 2): a change of billable
   * alone leaves an exported entry as it is (its mark is kept unless exported is asked too).
   */
  exportedKeepsBillable?: boolean;
  /**
   * The back end does not say which entries are exported (Clockify's invoiced mark is written, never
   * read): a change of exported counts every entry it reaches, as each is marked whatever it was.
   */
  exportedUnknown?: boolean;
  /**
   * Where every activity belongs to one project (Clockify's tasks): what the back end calls one, and, where every entry must keep
   * one, why in words. A move to another project then takes each entry's activity off unless set.activity names one of the new
   * project's; elsewhere (Kimai) an activity of another project is refused.
   */
  projectActivities?: { noun: string; required?: string };
}

export interface CorrectionPlan {
  /** What the correction changes, oldest first. */
  change: CorrectionSubject[];
  /** Begun inside the locked period (or before it): never touched. */
  locked: CorrectionSubject[];
  /** Exported, and the person may not change an exported entry: never touched. */
  exported: CorrectionSubject[];
  /** Already as the correction would make them. */
  unchanged: number;
  /** The hours of the entries it changes (to two places), a running one's up to now. */
  hours: number;
  /** Of those it changes, the ones still running. */
  running: CorrectionSubject[];
  /** Of those it changes, the ones whose activity the move takes off (CorrectionSet.clearActivity). */
  cleared: CorrectionSubject[];
}

/**
 * What a correction changes on this entry: the set, with the entry's activity taken off where the set moves it to another project
 * and the back end keeps no activity outside a project (the world's projectActivities) and set.activity names none.
 */
export function entrySet(entry: CorrectionSubject, set: CorrectionSet, world: Pick<CorrectionWorld, 'projectActivities'>): CorrectionSet {
  const moves = set.projectId !== undefined && set.projectId !== entry.projectId;
  return world.projectActivities !== undefined && moves && set.activityId === undefined && entry.activityId !== null ? { ...set, clearActivity: true } : set;
}

/** The entry as the correction would leave it, or undefined where nothing about it would change. */
export function corrected(entry: CorrectionSubject, set: CorrectionSet): CorrectionSubject | undefined {
  const tags = [...entry.tags];
  for (const tag of set.addTags ?? []) if (!tags.some((kept) => kept.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  const after: CorrectionSubject = {
    ...entry,
    projectId: set.projectId ?? entry.projectId,
    activityId: set.clearActivity ? null : (set.activityId ?? entry.activityId),
    billable: set.billable ?? entry.billable,
    exported: set.exported ?? entry.exported,
    tags,
  };
  const same =
    after.projectId === entry.projectId &&
    after.activityId === entry.activityId &&
    after.billable === entry.billable &&
    after.exported === entry.exported &&
    after.tags.length === entry.tags.length;
  return same ? undefined : after;
}

/** `now` is when a running entry's hours are counted up to. */
export function planCorrections(
  entries: readonly CorrectionSubject[],
  correction: CorrectionSet,
  world: Pick<CorrectionWorld, 'locked' | 'editsExported' | 'personLocks' | 'exportedKeepsBillable' | 'exportedUnknown' | 'projectActivities'>,
  now: number,
): CorrectionPlan {
  const plan: CorrectionPlan = { change: [], locked: [], exported: [], unchanged: 0, hours: 0, running: [], cleared: [] };
  for (const entry of [...entries].sort((a, b) => a.start - b.start || a.id - b.id)) {
    const set = entrySet(entry, correction, world);
    const keptMark = world.exportedKeepsBillable === true && entry.exported && set.exported === undefined && set.billable !== undefined;
    const marksAnyway = world.exportedUnknown === true && set.exported !== undefined;
    if (corrected(entry, set) === undefined && !marksAnyway) plan.unchanged++;
    // Kimai's lockdown holds for everyone Punchcard acts for, administrators included; so does a person's own lock, and an entry's own.
    else if (entry.locked === true) plan.locked.push(entry);
    else if (world.locked && entry.start <= world.locked.end) plan.locked.push(entry);
    else if (entry.start <= (world.personLocks?.get(entry.personId) ?? Number.NEGATIVE_INFINITY)) plan.locked.push(entry);
    else if (entry.exported && !world.editsExported) plan.exported.push(entry);
    // Billable alone on an exported entry would undo its exported mark: it is left as it is, and said so.
    else if (keptMark && corrected(entry, { ...set, billable: undefined }) === undefined) plan.exported.push(entry);
    else {
      plan.change.push(entry);
      plan.hours += Math.max(0, (entry.end ?? now) - entry.start);
      if (entry.end === null) plan.running.push(entry);
      if (set.clearActivity) plan.cleared.push(entry);
    }
  }
  plan.hours = Math.round(plan.hours / 36_000) / 100;
  return plan;
}

/** An entry's hours to two places, a running one's up to `now`. */
export function hoursOf(entry: Pick<CorrectionSubject, 'start' | 'end'>, now: number): number {
  return Math.round(Math.max(0, (entry.end ?? now) - entry.start) / 36_000) / 100;
}
