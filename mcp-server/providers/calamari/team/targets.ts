// A report's target minutes by date as Calamari keeps them for that person: their working week, less
// the public holidays of their calendar and their approved time off (a part day counts half). Pure.
import type { LeaveRequest } from '../../time-tracker.ts';
import { eachDate } from '../../../domain/time.ts';
import { calamariPlan, holidayDays } from '../mapping.ts';
import type { CalamariHoliday, CalamariWorkingWeek } from '../wire.ts';

export function reportTargets(
  range: { from: string; to: string },
  week: CalamariWorkingWeek,
  holidays: readonly CalamariHoliday[],
  leave: readonly LeaveRequest[],
): Map<string, number> {
  const targets = new Map(calamariPlan(range.from, range.to, week, holidayDays(holidays, range.from, range.to)).map((day) => [day.date, day.targetMinutes]));
  for (const request of leave) {
    // Remote days are worked; only approved time off lowers a target.
    if (request.status !== 'approved' || request.workingElsewhere) continue;
    for (const date of eachDate(request.firstDay, request.lastDay)) {
      const target = targets.get(date);
      if (target === undefined) continue;
      const partial = (date === request.firstDay && request.firstDayPart !== 'full') || (date === request.lastDay && request.lastDayPart !== 'full');
      targets.set(date, partial ? target / 2 : 0);
    }
  }
  return targets;
}
