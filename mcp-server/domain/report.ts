// Totals over worked spans. Pure: the tools fetch spans from the back end and hand them here.
import type { WorkSpan } from '../providers/time-tracker.ts';
import { addDays, isoWeekLabel, localDate, startOfLocalDay } from './time.ts';

export type GroupBy = 'day' | 'week' | 'project' | 'activity';

export interface ReportGroup {
  key: string;
  ms: number;
}

/** Time worked inside [from, to) across the spans. */
export function sumSpans(spans: readonly WorkSpan[], from: number, to: number): number {
  let total = 0;
  for (const span of spans) {
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    if (end > start) total += end - start;
  }
  return total;
}

/**
 * Groups worked time. Day and week groups split a span at local midnight, so a shift from 22:00 to
 * 02:00 counts two hours on each day — the way a timesheet reads, and right across DST changes.
 */
export function groupSpans(spans: readonly WorkSpan[], groupBy: GroupBy, timezone: string): ReportGroup[] {
  const totals = new Map<string, number>();
  const add = (key: string, ms: number) => totals.set(key, (totals.get(key) ?? 0) + ms);
  for (const span of spans) {
    if (groupBy === 'project') add(span.project?.name ?? '(no project)', span.end - span.start);
    else if (groupBy === 'activity') add(span.activity?.name ?? '(no activity)', span.end - span.start);
    else {
      for (const piece of splitAtMidnight(span.start, span.end, timezone)) {
        add(groupBy === 'day' ? piece.date : isoWeekLabel(piece.date), piece.ms);
      }
    }
  }
  const groups = [...totals].map(([key, ms]) => ({ key, ms }));
  // Time groups read in calendar order; project and activity groups by size, largest first.
  return groupBy === 'day' || groupBy === 'week'
    ? groups.sort((a, b) => a.key.localeCompare(b.key))
    : groups.sort((a, b) => b.ms - a.ms || a.key.localeCompare(b.key));
}

function splitAtMidnight(start: number, end: number, timezone: string): Array<{ date: string; ms: number }> {
  const pieces: Array<{ date: string; ms: number }> = [];
  let cursor = start;
  while (cursor < end) {
    const date = localDate(cursor, timezone);
    const nextMidnight = startOfLocalDay(addDays(date, 1), timezone);
    const pieceEnd = Math.min(end, nextMidnight);
    pieces.push({ date, ms: pieceEnd - cursor });
    cursor = pieceEnd;
  }
  return pieces;
}
