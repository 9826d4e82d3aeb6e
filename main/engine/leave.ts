// The window's leave and team calendar, built only from the engine's tools: a year's requests and
// balance, what a request would cost before it is sent (counted by the engine's own rule over the
// engine's calendar, so the number shown is the number filed), what it would leave of the vacation
// balance (the engine's own count over leave_balance) and who else is away then, filing and
// cancelling, and a month of who is away.
import { type Refusal, refusalSentence } from '../../mcp-server/contract/outcomes/refusals.ts';
import { modelText } from '../../mcp-server/contract/outcomes/sentence.ts';
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import type { LeaveOutput } from '../../mcp-server/contract/tools/outputs.ts';
import {
  addDays,
  balanceLeft,
  balancesFor,
  costPerYear,
  daysBetween,
  type LeaveDay,
  leaveDays,
  leaveRangeRefusal,
  MAX_CALENDAR_DAYS,
  type PlannedDay,
  planOf,
} from '../../mcp-server/for-the-app.ts';
import type { CalendarView, LeaveBalanceView, LeaveFiled, LeavePreview, LeaveRequestInput, LeaveRequestView } from '../../window-contract/leave.ts';
import { firstOfMonth, lastOfMonth } from './day-targets.ts';
import type { EngineClient } from './engine-client.ts';
import { EngineError } from './engine-error.ts';
import { requestedWords } from './leave-words.ts';
import { refusalWords } from './refusal-words.ts';
import { toolCaller } from './tool-call.ts';

export interface Leave {
  requests(year: number): Promise<LeaveRequestView[]>;
  balance(year: number): Promise<LeaveBalanceView>;
  /** `beyondRefused` and whether colleagues are shown are the back end's, which main's handler knows: here null, and everyone away. */
  preview(input: LeaveRequestInput): Promise<LeavePreview>;
  request(input: LeaveRequestInput): Promise<LeaveFiled>;
  cancel(id: number): Promise<LeaveRequestView>;
  /** A month of the person's working days, holidays and who is away. */
  calendar(month: string): Promise<Omit<CalendarView, 'scope' | 'unavailable'>>;
}

type CalendarDay = Awaited<ReturnType<typeof calendarDays>>[number];

async function calendarDays(call: ReturnType<typeof toolCaller>, from: string, to: string) {
  return (await call(TOOL_CONTRACTS.absence_calendar, { from, to })).days;
}

export function requestView(request: LeaveOutput): LeaveRequestView {
  return {
    id: request.id,
    type: request.type,
    ...(request.kind ? { kind: request.kind } : {}),
    ...(request.working_elsewhere ? { workingElsewhere: true } : {}),
    firstDay: request.first_day,
    lastDay: request.last_day,
    firstDayPart: request.first_day_part,
    lastDayPart: request.last_day_part,
    days: request.days,
    status: request.status,
    comment: request.comment,
  };
}

/**
 * The engine's calendar day as a day of a work plan: what leave counting reads. `work_share` says
 * what a whole day of leave costs; a holiday with a share left is half a holiday.
 */
export function plannedDayOf(day: CalendarDay): PlannedDay {
  return {
    date: day.date,
    targetMinutes: 0,
    dayOff: day.work_share === 0 && day.holiday === null,
    holiday: day.holiday,
    halfHoliday: day.holiday !== null && day.work_share > 0,
  };
}

/**
 * Colleagues away on the request's working days, as the calendar shows them, each absence as the
 * runs of days it covers (a weekend or a holiday between two days away does not break a run).
 */
export function othersAway(calendar: readonly CalendarDay[], requested: readonly LeaveDay[]): NonNullable<LeavePreview['away']> {
  const working = new Set(requested.filter((day) => day.counts > 0).map((day) => day.date));
  const runs: NonNullable<LeavePreview['away']> = [];
  const open = new Map<string, NonNullable<LeavePreview['away']>[number]>();
  for (const day of calendar) {
    if (!working.has(day.date)) continue;
    const seen = new Set<string>();
    for (const away of day.away) {
      if (away.own) continue;
      const key = JSON.stringify([away.person, away.type, away.kind ?? null]);
      seen.add(key);
      const run = open.get(key);
      if (run) run.lastDay = day.date;
      else {
        const started = { person: away.person, type: away.type, ...(away.kind ? { kind: away.kind } : {}), firstDay: day.date, lastDay: day.date };
        runs.push(started);
        open.set(key, started);
      }
    }
    // A working day of the request without them ends their run.
    for (const key of [...open.keys()]) if (!seen.has(key)) open.delete(key);
  }
  return runs;
}

export function createLeave(engine: EngineClient): Leave {
  const call = toolCaller(engine);

  /** The calendar of [from, to] in as few calls as its 92-day limit allows. */
  async function daysOver(from: string, to: string): Promise<CalendarDay[]> {
    const parts: Array<Promise<CalendarDay[]>> = [];
    for (let start = from; start <= to; start = addDays(start, MAX_CALENDAR_DAYS)) {
      parts.push(calendarDays(call, start, daysBetween(start, to) < MAX_CALENDAR_DAYS ? to : addDays(start, MAX_CALENDAR_DAYS - 1)));
    }
    return (await Promise.all(parts)).flat();
  }

  /** What vacation of these days would leave of the balance, as the engine counts it before filing; or why the balance cannot be read. */
  async function vacationLeft(days: readonly LeaveDay[]): Promise<Pick<LeavePreview, 'leaves' | 'balanceProblem'>> {
    const costs = costPerYear(days);
    try {
      const balances = await balancesFor(costs, async (year) => {
        const balance = await call(TOOL_CONTRACTS.leave_balance, { year });
        return { remaining: balance.remaining, unlimited: balance.unlimited, acrossYears: balance.across_years };
      });
      return { leaves: balanceLeft(costs, balances).map((left) => ({ year: left.year, days: left.after })), balanceProblem: null };
    } catch (error) {
      if (!(error instanceof EngineError) || error.kind !== 'tool') throw error;
      return { leaves: [], balanceProblem: error.message };
    }
  }

  const shape = (input: LeaveRequestInput) => ({
    firstDay: input.firstDay,
    lastDay: input.lastDay,
    firstDayPart: input.firstDayPart ?? 'full',
    lastDayPart: input.lastDayPart ?? 'full',
  });

  return {
    async requests(year) {
      const answer = await call(TOOL_CONTRACTS.list_leave_requests, { from: `${year}-01-01`, to: `${year}-12-31`, include_cancelled: true });
      return answer.requests.map(requestView).sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.id - b.id);
    },

    async balance(year) {
      const answer = await call(TOOL_CONTRACTS.leave_balance, { year });
      return {
        year: answer.year,
        entitlement: answer.entitlement,
        carryOver: answer.carry_over,
        unlimited: answer.unlimited,
        taken: answer.taken,
        planned: answer.planned,
        remaining: answer.remaining,
        other: Object.entries(answer.other_leave_days).map(([type, days]) => ({ type: type as LeaveBalanceView['other'][number]['type'], days: days ?? 0 })),
        source: answer.source,
      };
    },

    async preview(input) {
      const range = shape(input);
      // A range the engine would refuse, refused before any calendar is fetched: its code and facts
      // (domain/leave-days.ts), said in a person's words.
      const problem = leaveRangeRefusal(range);
      if (problem) throw refused(problem);
      const days = await daysOver(range.firstDay, range.lastDay);
      const counted = leaveDays(range, planOf(days.map(plannedDayOf)));
      if (!counted.ok) throw refused(counted.problem);
      const byDate = new Map(days.map((day) => [day.date, day]));
      // Only vacation draws on the balance; the window's other types draw on none.
      const { leaves, balanceProblem } = input.type === 'vacation' ? await vacationLeft(counted.days) : { leaves: [], balanceProblem: null };
      return {
        days: counted.workingDays,
        free: counted.days
          .filter((day) => day.counts === 0)
          .map((day) => ({ date: day.date, reason: day.reason === 'holiday' ? 'holiday' : 'day off', holiday: byDate.get(day.date)?.holiday ?? null })),
        leaves,
        balanceProblem,
        beyondRefused: null,
        away: othersAway(days, counted.days),
      };
    },

    async request(input) {
      const data = await call(TOOL_CONTRACTS.request_leave, {
        type: input.type,
        first_day: input.firstDay,
        last_day: input.lastDay,
        ...(input.firstDayPart ? { first_day_part: input.firstDayPart } : {}),
        ...(input.lastDayPart ? { last_day_part: input.lastDayPart } : {}),
        ...(input.comment?.trim() ? { comment: input.comment.trim() } : {}),
        // The person confirmed it in the window; the app's engine asks nobody.
        ...(input.beyondBalance ? { beyond_balance: true } : {}),
      });
      return { request: requestView(data.request), message: requestedWords(data) };
    },

    async cancel(id) {
      return requestView((await call(TOOL_CONTRACTS.cancel_leave_request, { id })).request);
    },

    async calendar(month) {
      const days = await calendarDays(call, firstOfMonth(month), lastOfMonth(month));
      const people = [...new Set(days.flatMap((day) => day.away.map((away) => away.person)))].sort((a, b) => a.localeCompare(b));
      return {
        month,
        days: days.map((day) => ({
          date: day.date,
          workingDay: day.working_day,
          holiday: day.holiday,
          away: day.away.map((away) => ({
            person: away.person,
            type: away.type,
            ...(away.kind ? { kind: away.kind } : {}),
            part: away.part,
            own: away.own === true,
            pending: away.pending === true,
          })),
        })),
        people,
      };
    },
  };
}

/** request_leave's refusal of a range, as the tool would answer it: the code and facts, and their words for a person. */
function refused(refusal: Refusal): EngineError {
  const said = refusalWords(refusal) ?? modelText(refusalSentence(refusal));
  return new EngineError('tool', said, { tool: TOOL_CONTRACTS.request_leave.name, refusal });
}
