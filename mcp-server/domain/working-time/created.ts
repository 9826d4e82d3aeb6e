// What a write created: the findings after it that were not there before it (a clock-in 9 hours after
// yesterday's end, a log that takes the day over 10 hours). A finding that was there already and only
// grew (the day over its maximum by more) was not created by the write, and is not said again.
import type { WorkingTimeFinding } from '../../contract/working-time.ts';

/** The findings of `after` that `before` has none of, in `after`'s order. */
export function findingsCreated(before: readonly WorkingTimeFinding[], after: readonly WorkingTimeFinding[]): WorkingTimeFinding[] {
  return after.filter((finding) => !before.some((earlier) => sameFinding(earlier, finding)));
}

/**
 * One rule's finding about the same thing: the same code on the same day, and for work in a row the same
 * stretch (one that overlaps it: a write that lengthens or joins stretches leaves it the same stretch).
 */
function sameFinding(a: WorkingTimeFinding, b: WorkingTimeFinding): boolean {
  if (a.code !== b.code || a.date !== b.date) return false;
  if (a.code === 'wt_stretch_over_max' && b.code === 'wt_stretch_over_max')
    return Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);
  return true;
}
