// Totals over worked spans, and the targets they are set against. Pure: the tools fetch spans,
// holidays and leave from the back end and hand them here.
import type { WorkSpan } from './records.ts';
import { targetMinutes } from './leave-days.ts';
import type { DayPlan } from './work-plan.ts';
import { addDays, eachDate, isoWeekLabel, localDate, startOfLocalDay } from './time.ts';

export type GroupBy = 'day' | 'week' | 'project' | 'activity';

export interface ReportGroup {
  key: string;
  ms: number;
}

/**
 * The person's own spans, and the AI agents' spans a report leaves out of them (record_agent_time):
 * an agent's time is not the person's hours unless asked for (`includeAgents`), then nothing is left out.
 */
export function ownSpans(spans: readonly WorkSpan[], includeAgents: boolean): { counted: WorkSpan[]; leftOut: WorkSpan[] } {
  if (includeAgents) return { counted: [...spans], leftOut: [] };
  return { counted: spans.filter((span) => !span.agent), leftOut: spans.filter((span) => span.agent) };
}

/** Time worked inside [from, to) across the spans; an impossible entry's (WorkSpan.impossible) counts nothing. */
export function sumSpans(spans: readonly WorkSpan[], from: number, to: number): number {
  let total = 0;
  for (const span of spans) {
    if (span.impossible) continue;
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    if (end > start) total += end - start;
  }
  return total;
}

/**
 * Groups worked time. Day and week groups split a span at local midnight, so a shift from 22:00 to
 * 02:00 counts two hours on each day — the way a timesheet reads, and right across DST changes. An impossible
 * entry's span (WorkSpan.impossible) counts nowhere.
 */
export function groupSpans(every: readonly WorkSpan[], groupBy: GroupBy, timezone: string): ReportGroup[] {
  // An impossible entry's span makes no group of its own either (a project with nothing but it).
  const spans = every.filter((span) => !span.impossible);
  const totals = new Map<string, number>();
  const add = (key: string, ms: number) => totals.set(key, (totals.get(key) ?? 0) + ms);
  if (groupBy === 'project' || groupBy === 'activity') {
    for (const span of spans) {
      const ref = groupBy === 'project' ? span.project : span.activity;
      add(ref?.name ?? `(no ${groupBy})`, span.end - span.start);
    }
    // Largest first: what a person asks "where did my time go?" for.
    return [...totals].map(([key, ms]) => ({ key, ms })).sort((a, b) => b.ms - a.ms || a.key.localeCompare(b.key));
  }
  const days = DayBoundaries.covering(spans, timezone);
  for (const span of spans) {
    for (const piece of days.split(span.start, span.end)) {
      add(groupBy === 'day' ? piece.date : isoWeekLabel(piece.date), piece.ms);
    }
  }
  return [...totals].map(([key, ms]) => ({ key, ms })).sort((a, b) => a.key.localeCompare(b.key));
}

export interface DayTarget {
  date: string;
  minutes: number;
}

/**
 * Each day's target over [from, to], days still ahead included: the plan's target (nothing on a
 * public holiday), less by the share of the day on leave. Rounded per day, so that the days of a
 * range add up to the range's target as a person adds them up.
 */
export function dayTargets(from: string, to: string, plan: DayPlan, leave: ReadonlyMap<string, number>): DayTarget[] {
  return eachDate(from, to).map((date) => ({ date, minutes: targetMinutes(date, date, plan, leave) }));
}

export interface PlannedGroup extends ReportGroup {
  targetMinutes: number;
}

/**
 * Day or week groups for every day of the targets' range — days without work too, and days still
 * ahead — each with its target, in date order: worked time set against the plan, as a timesheet
 * reads. `worked` are groupSpans' groups of the same kind over the same range.
 */
export function withTargets(worked: readonly ReportGroup[], targets: readonly DayTarget[], groupBy: 'day' | 'week'): PlannedGroup[] {
  const groups = new Map<string, PlannedGroup>();
  for (const day of targets) {
    const key = groupBy === 'day' ? day.date : isoWeekLabel(day.date);
    const group = groups.get(key) ?? { key, ms: 0, targetMinutes: 0 };
    group.targetMinutes += day.minutes;
    groups.set(key, group);
  }
  for (const { key, ms } of worked) {
    const group = groups.get(key) ?? { key, ms: 0, targetMinutes: 0 };
    group.ms += ms;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The local midnights over a range, computed once per report: finding a span's day is then a binary
 * search instead of timezone arithmetic for every span (thousands of entries in a month's report).
 */
class DayBoundaries {
  readonly #dates: string[];
  /** #starts[i] is the first instant of #dates[i]; one extra element ends the last day. */
  readonly #starts: number[];

  private constructor(dates: string[], starts: number[]) {
    this.#dates = dates;
    this.#starts = starts;
  }

  static covering(spans: readonly WorkSpan[], timezone: string): DayBoundaries {
    if (spans.length === 0) return new DayBoundaries([], []);
    let first = Infinity;
    let last = -Infinity;
    for (const span of spans) {
      first = Math.min(first, span.start);
      last = Math.max(last, span.end);
    }
    const dates: string[] = [];
    const starts: number[] = [];
    for (let date = localDate(first, timezone); ; date = addDays(date, 1)) {
      const dayStart = startOfLocalDay(date, timezone);
      dates.push(date);
      starts.push(dayStart);
      if (dayStart > last) break;
    }
    return new DayBoundaries(dates, starts);
  }

  /** The span's time per local day, split at each midnight it crosses. */
  *split(start: number, end: number): Generator<{ date: string; ms: number }> {
    let index = this.#dayIndex(start);
    let cursor = start;
    while (cursor < end && index < this.#dates.length) {
      const pieceEnd = Math.min(end, this.#starts[index + 1] ?? end);
      yield { date: this.#dates[index] as string, ms: pieceEnd - cursor };
      cursor = pieceEnd;
      index++;
    }
  }

  #dayIndex(instant: number): number {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.#starts[middle] as number) <= instant) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
