// The records of time tracking and leave, as every layer speaks of them: entries and breaks, the
// spans a report adds up, the catalog, leave requests, absences, balances. Instants are epoch
// milliseconds and days 'YYYY-MM-DD' strings in the person's zone. They belong to the domain: its
// counting (leave-tally.ts, report.ts) reads them, and every back end (providers/) produces them.

import { type CatalogKind, type LeaveStatus, type LeaveType } from '../contract/vocabulary.ts';

export { CATALOG_KINDS, type CatalogKind, LEAVE_STATUSES, type LeaveStatus, LEAVE_TYPES, type LeaveType } from '../contract/vocabulary.ts';

const HOUR_MS = 3_600_000;

export interface Ref {
  id: number;
  name: string;
}

export interface TimeEntry {
  id: number;
  start: number;
  /** `null` while the timer runs. */
  end: number | null;
  /**
   * `'day'` where the back end keeps the entry's day and length only, no times of day (a stopped entry on a Harvest
   * account that tracks durations, docs/back-ends/harvest.md): `start` is then the start of that day and `end` the
   * start plus the length, placed so sums and days hold, and neither is a time anything happened. Whatever shows or
   * reasons about when it happened shows the day and length, never these times. Absent where the times are kept.
   */
  span?: 'day';
  project: Ref | null;
  activity: Ref | null;
  description: string;
  /** Breaks taken inside the entry (a Calamari shift); their time is not worked time. */
  breaks?: BreakSpan[];
  /**
   * Why the person may not change or delete the entry, in words (an exported Kimai record, a
   * Clockodo lump sum); absent when they may. The window shows it and offers no edit.
   */
  locked?: string;
  /**
   * Kept in the outbox, not yet at the back end (providers/outbox/): it was out of reach, or earlier
   * kept writes go first. Its number is then the outbox's, negative.
   */
  waiting?: { service: string; reason: 'out_of_reach' | 'behind' };
  /**
   * An AI agent's own time, not the person's: the agent (the MCP client's name as a label carries it,
   * domain/agents.ts), read back from the back end's label. Absent on the person's own entries.
   */
  agent?: string;
  /**
   * The custom fields the entry carries, as the back end shows them (Clockify's custom fields, Kimai's
   * visible meta fields; domain/entry-fields.ts); `id` is the tracker's key. Absent where it keeps none.
   */
  fields?: Array<{ id: string; name: string; value: string | number | boolean | readonly string[] | null }>;
  /**
   * Why the entry cannot be a record of work, where it cannot (checkedEntry): it is listed as the back end keeps it,
   * said in a notice, and left out of every total. Absent on every entry that can be.
   */
  impossible?: Impossible;
}

/**
 * Why an entry a back end listed cannot be a record of work: it ends before it starts, or it lasts longer than the
 * longest entry the back end keeps (`limit: 'back_end'`, Toggl Track's 999 hours) or, where the back end names no
 * such limit, than any stretch of work (`limit: 'general'`, LONGEST_WORK).
 */
export interface Impossible {
  why: 'ends_before_start' | 'too_long';
  /** The longest entry it was held to, in hours, and whose bound that is. */
  longestHours: number;
  limit: 'back_end' | 'general';
}

/** The longest entry a back end keeps, where it says (Toggl Track's 999 hours); LONGEST_WORK where it does not. */
export interface EntryLimit {
  hours: number;
  limit: 'back_end' | 'general';
}

/**
 * The bound for a back end that names no longest entry: a week. Nobody works a week without a stop, so an entry
 * longer than that is no record of work but a mistake or a fault (a timer forgotten for a holiday, a year typed
 * wrong), and one such entry would outweigh a month of real ones in a report. A week's hours booked as one entry (40 h),
 * a night shift or a timer forgotten over a weekend are all well inside it, and stay counted as the tracker keeps them.
 */
export const LONGEST_WORK: EntryLimit = { hours: 7 * 24, limit: 'general' };

/**
 * The entry as a back end's mapping hands it on: marked `impossible` where it ends before it starts or, stopped, lasts
 * longer than `longest`; as it was otherwise. A running entry is left alone: it ends when the person stops it.
 */
export function checkedEntry(entry: TimeEntry, longest: EntryLimit = LONGEST_WORK): TimeEntry {
  if (entry.end === null) return entry;
  const why = entry.end < entry.start ? 'ends_before_start' : entry.end - entry.start > longest.hours * HOUR_MS ? 'too_long' : undefined;
  return why === undefined ? entry : { ...entry, impossible: { why, longestHours: longest.hours, limit: longest.limit } };
}

/** A break inside a shift; `end` is null while it runs. */
export interface BreakSpan {
  type: Ref;
  start: number;
  end: number | null;
}

/** A worked interval, all a report needs; the running timer ends "now". */
export interface WorkSpan {
  start: number;
  end: number;
  project: Ref | null;
  activity: Ref | null;
  /** The agent whose time it is (TimeEntry.agent); absent on the person's own. */
  agent?: string;
  /** `'day'` where the entry keeps its day and length only (TimeEntry.span): its times are placed, not kept. */
  span?: 'day';
  /**
   * An entry that cannot be one (TimeEntry.impossible), carried so a report can say so: its span is empty (`end` is
   * `start`), so it adds nothing to any total, and `entry` is the entry as the back end keeps it.
   */
  impossible?: ImpossibleSpan;
}

/** An impossible entry as a report names it: its number, its own start and end, and why. */
export interface ImpossibleSpan extends Impossible {
  entry: number;
  start: number;
  end: number;
}

export interface CatalogItem {
  kind: CatalogKind;
  id: number;
  /** The back end's own id where that is not `id` (Clockify's string ids), so a person may name it too. */
  remoteId?: string;
  /** How people name it in the back end beside its name, where it has such a name (a Jira issue's key, `WEB-12`): shown, and named in any case. */
  key?: string;
  name: string;
  archived: boolean;
  /** Projects belong to an optional customer. */
  customer?: Ref | null;
  /** Activities may belong to one project; `null` means usable with every project. */
  project?: Ref | null;
}

export interface Catalog {
  customers: CatalogItem[];
  projects: CatalogItem[];
  activities: CatalogItem[];
  /** What the listing leaves out and how to get it, where one call could not list everything (Clockify's tasks). */
  note?: string;
}

export interface LeaveRequest {
  id: number;
  person: string;
  type: LeaveType;
  /** The back end's own name of the type when it says more than `type` ("Sick day of a child"). */
  kind?: string;
  /**
   * Work somewhere else (Clockodo's home office, Calamari's remote days): filed and listed like
   * leave, but the day keeps its target hours, costs no leave and nobody is away.
   */
  workingElsewhere?: boolean;
  firstDay: string;
  lastDay: string;
  firstDayPart: 'full' | 'afternoon';
  lastDayPart: 'full' | 'morning';
  /** Working days the request costs, after weekends and public holidays. */
  days: number;
  status: LeaveStatus;
  comment: string;
  /**
   * Set when the back end stored the request as several records (Kimai's absences may not span New
   * Year or more than 30 days); `id` is then the first part's.
   */
  parts?: Array<{ id: number; firstDay: string; lastDay: string }>;
}

/**
 * What a person asks for; the back end assigns the id, the person and the status. `kind`, when
 * given, is a type by the back end's own name, which the back end resolves (or refuses in words).
 */
export type NewLeaveRequest = Omit<LeaveRequest, 'id' | 'person' | 'status' | 'parts'>;

/** One person's absence as the calendar shows it: colleagues' details stay with the back end. */
export interface TeamAbsence {
  person: string;
  /** Whether it is the person's own absence. */
  own: boolean;
  /** `null` where the back end does not show the kind of a colleague's absence. */
  type: LeaveType | null;
  kind?: string;
  workingElsewhere?: boolean;
  firstDay: string;
  lastDay: string;
  firstDayPart: 'full' | 'afternoon';
  lastDayPart: 'full' | 'morning';
  status: LeaveStatus;
}

/** A year's leave as the back end accounts it (its entitlements, not the local settings). */
export interface LeaveBalance {
  /** Vacation entitlement of the year, carry-over included; null where the back end gives only what is left (Calamari). */
  entitlement: number | null;
  /** Days carried over from the year before, or null where the back end does not say. */
  carryOver: number | null;
  /** The back end sets no limit on vacation (Calamari); the numbers then say what was used. */
  unlimited?: boolean;
  /**
   * One balance that runs on across years, as the back end keeps it now (Clockify's, per policy): the
   * same whichever year is asked, and leave over New Year draws on it once.
   */
  acrossYears?: boolean;
  /** Vacation days before today, and from today on, of the requests that stand. */
  taken: number;
  planned: number;
  remaining: number;
  /** Days per leave type other than vacation. */
  other: Partial<Record<Exclude<LeaveType, 'vacation'>, number>>;
}

/**
 * The balance a new leave request draws on: the vacation balance leave_balance reports, none (sick
 * leave, unpaid leave, a day worked elsewhere), or one of its own that Punchcard does not read, with
 * a sentence saying so (`unread`).
 */
export type LeaveDraw = 'vacation' | 'none' | { unread: string };

/** The person's worked-time account as the back end keeps it (overtime, or shortfall when negative). */
export interface TimeAccount {
  /** Worked minus target over the range the back end was asked about. */
  balanceMinutes: number;
  /** What the balance covers, in words ("Clockodo's time account for 2026, carry-over included"). */
  label: string;
}

/**
 * Entries that began this long before a report's range are fetched too: a night shift begun the
 * evening before counts its hours after midnight (spansWithin cuts it to the range).
 */
export const SPAN_LOOKBACK_MS = 24 * 3_600_000;

/**
 * The worked spans of entries within [from, to): each cut to the range, a running one ending now (never before it
 * began). An impossible entry that starts in the range is an empty span that names it (impossibleWithin), counted nowhere.
 */
export function spansWithin(entries: readonly TimeEntry[], from: number, to: number, now: number): WorkSpan[] {
  const spans: WorkSpan[] = [];
  for (const entry of entries) {
    if (entry.impossible) {
      spans.push(...impossibleWithin(entry, entry.impossible, from, to));
      continue;
    }
    const start = Math.max(entry.start, from);
    const end = Math.min(entry.end ?? Math.max(now, entry.start), to);
    if (end > start) {
      spans.push({
        start,
        end,
        project: entry.project,
        activity: entry.activity,
        ...(entry.agent ? { agent: entry.agent } : {}),
        ...(entry.span ? { span: entry.span } : {}),
      });
    }
  }
  return spans;
}

/**
 * An impossible entry as a report of [from, to) carries it, where it starts in the range: an empty span at its start
 * that names it, so no sum counts it and the report can say why.
 */
export function impossibleWithin(entry: TimeEntry, impossible: Impossible, from: number, to: number): WorkSpan[] {
  if (entry.start < from || entry.start >= to) return [];
  return [
    {
      start: entry.start,
      end: entry.start,
      project: entry.project,
      activity: entry.activity,
      ...(entry.agent ? { agent: entry.agent } : {}),
      impossible: { ...impossible, entry: entry.id, start: entry.start, end: entry.end ?? entry.start },
    },
  ];
}

/** An absence as the calendar shows it, from a request: who, when and the kind, nothing more. */
export function teamAbsenceOf(request: LeaveRequest, own: boolean, type: LeaveType | null = request.type): TeamAbsence {
  return {
    person: request.person,
    own,
    type,
    ...(request.kind ? { kind: request.kind } : {}),
    ...(request.workingElsewhere ? { workingElsewhere: true } : {}),
    firstDay: request.firstDay,
    lastDay: request.lastDay,
    firstDayPart: request.firstDayPart,
    lastDayPart: request.lastDayPart,
    status: request.status,
  };
}
