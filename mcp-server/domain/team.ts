// What a person who leads a team reads and decides (docs/decisions.md, "The team group"): colleagues'
// worked time over a range, a project's hours against its budget, and the leave requests waiting for
// their decision. The records every back end produces for it, and the sums the tools make of them.
// Pure: the back ends fetch only what the person's own account may see, and hand it here.
import type { LeaveRequest, LeaveStatus } from './records.ts';
import { addDays, eachDate, localDate, startOfIsoWeek, startOfLocalDay } from './time.ts';
import type { DayPlan } from './work-plan.ts';

/**
 * Someone the back end lets this person see, by the back end's own id and name: its number, or its text where the back
 * end names people by one that is not a number (Jira's accountId on Tempo Timesheets).
 */
export interface Colleague {
  id: number | string;
  name: string;
}

/** A piece of a colleague's time: on what, from when, and until when (null while their timer runs). */
export interface ColleagueSpan {
  start: number;
  end: number | null;
  project: string | null;
  activity: string | null;
  /** `'day'` where the entry keeps its day and length only (TimeEntry.span): its times are placed, not kept. */
  span?: 'day';
}

export interface ColleagueWork {
  person: Colleague;
  /** Their time that starts or runs inside the range asked for. */
  spans: ColleagueSpan[];
  /** Their target minutes by date where the back end keeps targets for them; null where it keeps none. */
  targets: ReadonlyMap<string, number> | null;
}

/** A window of the people this person may see, with their time; `total` counts them all. */
export interface TeamWorkPage {
  people: ColleagueWork[];
  total: number;
  /** Whose time this is, in the back end's words ("the members of the teams you lead in Kimai"). */
  covers: string;
}

export interface ProjectSpan {
  person: string;
  activity: string | null;
  start: number;
  end: number;
}

/** A project's worked time as this person may see it, and its budget where the back end keeps one. */
export interface ProjectWork {
  project: { id: number; name: string; customer: string | null };
  /** Hours budgeted, money budgeted (in the project's currency), and whether the budget is per month. */
  budget: { hours: number | null; money: number | null; currency: string | null; monthly: boolean };
  spans: ProjectSpan[];
  /** What the hours leave out, in words (only the person's own where the back end shows no one else's). */
  note?: string;
}

/** A leave request waiting for this person's decision. */
export interface PendingLeave extends LeaveRequest {
  personId: number;
}

/** Someone's absence the back end showed alongside, to say who else is away: no type, no note. */
export interface ColleagueAbsence {
  personId: number;
  person: string;
  firstDay: string;
  lastDay: string;
  status: LeaveStatus;
}

export interface PendingLeavePage {
  requests: PendingLeave[];
  /** Standing absences of the people looked at, for "who else is away then". */
  absences: ColleagueAbsence[];
  /** Where the next window starts, or null when this one was the last. */
  nextOffset: number | null;
  /** What was looked at, in words ("people 1–30 of the 300 in the teams you lead"). */
  covers: string;
}

export type LeaveDecision = 'approve' | 'reject';

export interface DecidedLeave {
  request: PendingLeave;
  /** Whether the back end kept the reason with the decision (Clockify's note); false where its API has no place for one. */
  reasonKept: boolean;
}

export interface ColleagueSummary {
  /** The back end's own id of the person (Harvest's user_id, Kimai's user id, Jira's accountId on Tempo…), which names them to the other tools. */
  id: Colleague['id'];
  name: string;
  workedMinutes: number;
  /** Null where the back end keeps no targets for the person. */
  targetMinutes: number | null;
  byProject: Array<{ project: string | null; activity: string | null; minutes: number }>;
  /** Working days before today in the range with no time at all. */
  missingDays: string[];
  /** What their running timer is on, or null. */
  running: string | null;
}

/**
 * One colleague's range: worked minutes clipped to [from, to] (a running timer counts until now),
 * grouped by project and activity, against their targets where the back end keeps them, and the
 * working days before today with nothing recorded. Without the back end's targets, `plan` (the
 * settings' week and holidays) says which days are working days, and no target is claimed.
 */
export function summarizeColleague(work: ColleagueWork, range: { from: string; to: string }, plan: DayPlan, timezone: string, now: number): ColleagueSummary {
  const today = localDate(now, timezone);
  const groups = new Map<string, { project: string | null; activity: string | null; ms: number }>();
  const workedDates = new Set<string>();
  let running: string | null = null;
  let worked = 0;
  for (const span of work.spans) {
    const end = span.end ?? now;
    if (end <= span.start) continue;
    const firstDay = localDate(span.start, timezone);
    const lastDay = localDate(end - 1, timezone);
    if (lastDay < range.from || firstDay > range.to) continue;
    if (span.end === null) running = [span.project, span.activity].filter(Boolean).join(' · ') || 'no project';
    const ms = clippedMs(span.start, end, range, timezone);
    worked += ms;
    for (const date of eachDate(firstDay < range.from ? range.from : firstDay, lastDay > range.to ? range.to : lastDay)) workedDates.add(date);
    const key = `${span.project ?? ''}\u0000${span.activity ?? ''}`;
    const group = groups.get(key) ?? { project: span.project, activity: span.activity, ms: 0 };
    group.ms += ms;
    groups.set(key, group);
  }
  const isWorkingDate = (date: string) => (work.targets ? (work.targets.get(date) ?? 0) > 0 : !plan(date).dayOff && plan(date).targetMinutes > 0);
  const missingDays = eachDate(range.from, range.to).filter((date) => date < today && isWorkingDate(date) && !workedDates.has(date));
  const targetMinutes = work.targets ? eachDate(range.from, range.to).reduce((sum, date) => sum + (work.targets?.get(date) ?? 0), 0) : null;
  return {
    id: work.person.id,
    name: work.person.name,
    workedMinutes: Math.floor(worked / 60_000),
    targetMinutes,
    byProject: [...groups.values()]
      .map((group) => ({ project: group.project, activity: group.activity, minutes: Math.floor(group.ms / 60_000) }))
      .sort((a, b) => b.minutes - a.minutes || (a.project ?? '').localeCompare(b.project ?? '')),
    missingDays,
    running,
  };
}

/** The part of [start, end) that lies inside the days [from, to]. */
function clippedMs(start: number, end: number, range: { from: string; to: string }, timezone: string): number {
  const rangeStart = startOfLocalDay(range.from, timezone);
  const rangeEnd = startOfLocalDay(addDays(range.to, 1), timezone);
  return Math.max(0, Math.min(end, rangeEnd) - Math.max(start, rangeStart));
}

export interface PeriodMinutes {
  week: number;
  month: number;
  total: number;
}

export interface ProjectFigures {
  minutes: PeriodMinutes;
  byPerson: Array<{ name: string } & PeriodMinutes>;
  byActivity: Array<{ name: string | null } & PeriodMinutes>;
  /** The budget's hours used, this month's for a monthly budget: a share (0.5 is half); null without an hours budget. */
  usedShare: number | null;
}

/**
 * A project's hours this week (from Monday), this month and in total, by person and by activity, and
 * how much of an hours budget they use: a monthly budget against this month, another against the total.
 */
export function projectFigures(work: ProjectWork, timezone: string, now: number): ProjectFigures {
  const today = localDate(now, timezone);
  const weekStart = startOfIsoWeek(today);
  const monthStart = `${today.slice(0, 7)}-01`;
  const minutes: PeriodMinutes = { week: 0, month: 0, total: 0 };
  const people = new Map<string, PeriodMinutes>();
  const activities = new Map<string | null, PeriodMinutes>();
  const add = (into: PeriodMinutes, date: string, ms: number) => {
    into.total += ms;
    if (date >= monthStart && date <= today) into.month += ms;
    if (date >= weekStart && date <= today) into.week += ms;
  };
  for (const span of work.spans) {
    const ms = Math.max(0, Math.min(span.end, now) - span.start);
    if (ms === 0) continue;
    const date = localDate(span.start, timezone);
    const person = people.get(span.person) ?? { week: 0, month: 0, total: 0 };
    const activity = activities.get(span.activity) ?? { week: 0, month: 0, total: 0 };
    add(minutes, date, ms);
    add(person, date, ms);
    add(activity, date, ms);
    people.set(span.person, person);
    activities.set(span.activity, activity);
  }
  const inMinutes = (ms: PeriodMinutes): PeriodMinutes => ({
    week: Math.floor(ms.week / 60_000),
    month: Math.floor(ms.month / 60_000),
    total: Math.floor(ms.total / 60_000),
  });
  const byTotal = (a: PeriodMinutes, b: PeriodMinutes) => b.total - a.total;
  const budgetMinutes = work.budget.hours === null ? null : work.budget.hours * 60;
  const measured = inMinutes(minutes);
  return {
    minutes: measured,
    byPerson: [...people].map(([name, ms]) => ({ name, ...inMinutes(ms) })).sort((a, b) => byTotal(a, b) || a.name.localeCompare(b.name)),
    byActivity: [...activities].map(([name, ms]) => ({ name, ...inMinutes(ms) })).sort((a, b) => byTotal(a, b) || (a.name ?? '').localeCompare(b.name ?? '')),
    usedShare:
      budgetMinutes === null || budgetMinutes <= 0 ? null : Math.round(((work.budget.monthly ? measured.month : measured.total) / budgetMinutes) * 100) / 100,
  };
}

/**
 * Who else is away during a request: the standing absences (approved or waiting) of other people
 * that overlap it, each person once, by name only (what they are away for stays with the back end).
 */
export function alsoAway(request: PendingLeave, absences: readonly ColleagueAbsence[]): string[] {
  const names = new Set<string>();
  for (const absence of absences) {
    if (absence.personId === request.personId) continue;
    if (absence.status !== 'approved' && absence.status !== 'pending') continue;
    if (absence.lastDay < request.firstDay || absence.firstDay > request.lastDay) continue;
    names.add(absence.person);
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** A window [offset, offset + limit) of a list sorted by name, and where the next one starts. */
export function windowOf<T>(items: readonly T[], offset: number, limit: number): { items: T[]; nextOffset: number | null } {
  const end = offset + limit;
  return { items: items.slice(offset, end), nextOffset: end < items.length ? end : null };
}

/**
 * Which people a window shows, in words: "people 1–30 of 300", "person 3 of 3", "the one person".
 * `among` names the whole the count is of ("the 300 in the teams you lead"), where there is one.
 */
export function peopleShown(offset: number, shown: number, total: number, among?: string): string {
  const whole = among === undefined ? `${total}` : `the ${total} ${among}`;
  if (total === 1 && shown === 1) return among === undefined ? 'the one person' : `the one person ${among}`;
  if (shown === 1) return `person ${offset + 1} of ${whole}`;
  return `people ${offset + 1}–${offset + shown} of ${whole}`;
}
