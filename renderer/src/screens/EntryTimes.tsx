// An entry's start – end as Status and the Timesheet show it. Where the back end keeps the entry's day and length
// only (EntryView.span: a stopped entry on a Harvest account that tracks durations, docs/back-ends/harvest.md), its
// start and end are a placement at the start of its day, no time anything happened: the row says it has no times,
// in words a screen reader says whole, and its duration beside it says how long.
import type { EntryView } from '../../../window-contract/status.ts';
import { wallClock } from '../format.ts';

/** Shown in place of the times of an entry that keeps none. */
export const NO_TIMES = 'No times';
const NO_TIMES_SAID = ': the back end keeps this entry’s day and length, not when it started';

/** Whether the entry keeps its day and length only. */
export const keepsNoTimes = (entry: Pick<EntryView, 'span'>): boolean => entry.span === 'day';

export function EntryTimes({ entry }: { entry: Pick<EntryView, 'start' | 'end' | 'span'> }) {
  if (keepsNoTimes(entry)) {
    return (
      <span className="range no-times">
        {NO_TIMES}
        <span className="sr-only">{NO_TIMES_SAID}</span>
      </span>
    );
  }
  return (
    <span className="range">
      <time dateTime={entry.start}>{wallClock(entry.start)}</time> – {entry.end === null ? 'now' : <time dateTime={entry.end}>{wallClock(entry.end)}</time>}
    </span>
  );
}

/**
 * How a control's label tells the entry from others of its day: its start on the wall clock, or, where it keeps no
 * times, its length ("Edit Website, 1 h 30 min").
 */
export function entryMoment(entry: Pick<EntryView, 'start' | 'span'>, length: string): string {
  return keepsNoTimes(entry) ? length : wallClock(entry.start);
}
