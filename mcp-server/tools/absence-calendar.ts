import { MAX_CALENDAR_DAYS } from '../domain/call-limits.ts';
import { addDays, eachDate, weekdayName } from '../domain/time.ts';
import { clipLeave, takesTime } from '../domain/leave-tally.ts';
import { isWorkingDay, planOf, workShare } from '../domain/work-plan.ts';
import { type LeaveType, type TeamAbsence } from '../providers/time-tracker.ts';
import type { ToolContext } from './context.ts';
import { joined, outside, type Part, say, type Sentence } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { leaveDayList } from './leave-shared.ts';
import { readDayRange, today } from './shared.ts';
import { type DayPart } from '../domain/leave-days.ts';
import { absenceCalendarContract } from '../contract/tools/absence-calendar.ts';

interface Away {
  person: string;
  type: LeaveType | null;
  kind?: string;
  part: DayPart;
  own?: boolean;
  pending?: boolean;
}

export default defineTool({
  ...absenceCalendarContract,
  async handler(args, context) {
    const { from, to } = readDayRange(args, context, { from: today(context), to: (start) => addDays(start, 13) }, { days: MAX_CALENDAR_DAYS });
    const [planned, absences] = await Promise.all([context.workDays(from, to), absencesOver(from, to, context)]);
    const plan = planOf(planned);
    const away = new Map<string, Away[]>();
    // Working somewhere else is not being away.
    for (const absence of absences.filter(takesTime)) {
      // A colleague's absence is laid over the person's own calendar: the range is clipped to it.
      const inside = clipLeave(absence, from, to);
      if (!inside) continue;
      for (const day of leaveDayList(inside, plan)) {
        // Nobody is "away" on a weekend or a public holiday: there was no work to be away from.
        if (day.counts === 0) continue;
        const list = away.get(day.date) ?? [];
        list.push({
          person: absence.person,
          type: absence.type,
          ...(absence.kind ? { kind: absence.kind } : {}),
          part: day.part,
          ...(absence.own ? { own: true } : {}),
          ...(absence.status === 'pending' ? { pending: true } : {}),
        });
        away.set(day.date, list);
      }
    }
    const days = eachDate(from, to).map((date) => {
      const day = plan(date);
      return {
        date,
        weekday: weekdayName(date),
        working_day: isWorkingDay(day),
        work_share: workShare(day),
        holiday: day.holiday,
        away: away.get(date) ?? [],
      };
    });
    const lines = days
      .filter((day) => !day.working_day || day.holiday !== null || day.away.length > 0)
      .map((day) => {
        // A holiday's name may be the back end's (its own calendar), said as its words.
        const notes: Part[] = [...(day.holiday !== null ? [outside(day.holiday)] : day.working_day ? [] : ['day off']), ...day.away.map(describeAway)];
        return say`${day.date} ${day.weekday.slice(0, 3)}: ${joined(notes, '; ')}`;
      });
    const freeDays = days.filter((day) => day.working_day && day.away.length === 0).length;
    return { data: { days }, text: joined([`${from} to ${to}: ${freeDays} working days with nobody away.`, ...lines], '\n') };
  },
});

/** Colleagues too where the back end shows them; otherwise the person's own leave. */
async function absencesOver(from: string, to: string, context: ToolContext): Promise<TeamAbsence[]> {
  if (context.tracker.leave.teamAbsences) return context.tracker.leave.teamAbsences(from, to);
  const own = await context.tracker.leave.listLeave({ from, to });
  return own.map((request) => ({ ...request, own: true }));
}

/** `"Bob Builder": vacation (morning)`: the person and a kind of the back end's own as its words. */
function describeAway(away: Away): Sentence {
  const what = away.kind !== undefined ? outside(away.kind) : (away.type ?? 'away');
  return say`${outside(away.person)}: ${what}${away.part === 'full' ? '' : ` (${away.part})`}`;
}
