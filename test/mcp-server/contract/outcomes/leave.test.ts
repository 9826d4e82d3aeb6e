// The refusals of a leave request before anything is filed (contract/outcomes/leave.ts), as request_leave
// throws them on the real local timesheet and as the domain finds a range's (domain/leave-days.ts,
// which the window asks too): the days, the working days the request costs and what it would leave; and a lead's
// decision the person said no to, which names the request as a person reads it.
import { describe, expect, it } from 'vitest';
import { type Refusal } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { leaveRangeProblem } from '../../../../mcp-server/domain/leave-days.ts';
import { weekPlanDays } from '../../../../mcp-server/domain/work-plan.ts';
import { createAsker, InputNeeded } from '../../../../mcp-server/tools/asking.ts';
import decideLeaveRequest from '../../../../mcp-server/tools/decide-leave-request.ts';
import requestLeave from '../../../../mcp-server/tools/request-leave.ts';
import { useLocalTimesheet } from '../../tools/local-tool-context.ts';
import { teamLeave } from '../../tools/team-leave-part.ts';
import { forPeople, refusalOf } from './refused.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

async function timesheet(allowBeyondBalance = false) {
  return openTimesheet({
    settings: (settings) => ({ ...settings, leave: { annualDays: 5, carryOverDays: 0, allowBeyondBalance } }),
  });
}

describe('days that cannot be counted', () => {
  it.each([
    [
      { first_day: '2026-12-31', last_day: '2026-12-01' },
      { code: 'leave_days_reversed', facts: { first_day: '2026-12-31', last_day: '2026-12-01' } },
    ],
    [
      { first_day: '2000-01-01', last_day: '2100-12-31' },
      { code: 'leave_range_too_long', facts: { days: 36_890, limit: 366 } },
    ],
    [
      { first_day: '2026-12-01', first_day_part: 'afternoon', last_day_part: 'morning' },
      { code: 'leave_half_day_both_parts', facts: {} },
    ],
  ])('%j', async (days, expected) => {
    const { run } = await timesheet();
    expect(await refusalOf(run(requestLeave, { type: 'vacation', ...days }))).toEqual(expected);
  });

  it('a day the calendar lacks, as the window asks before it sends one', () => {
    const problem = leaveRangeProblem({ firstDay: '2026-02-30', lastDay: '2026-03-02', firstDayPart: 'full', lastDayPart: 'full' });
    expect(problem).toEqual({ code: 'leave_day_not_real', facts: { which: 'first', date: '2026-02-30' } });
    expect(forPeople(problem as Refusal)).toBe('The first day is not a real date.');
  });

  it('the last day before the first, in the person’s calendar', () => {
    const problem = leaveRangeProblem({ firstDay: '2026-12-31', lastDay: '2026-12-01', firstDayPart: 'full', lastDayPart: 'full' });
    expect(forPeople(problem as Refusal)).toBe('The last day (Dec 1, 2026) is before the first day (Dec 31, 2026). Swap them or correct one of them.');
  });
});

describe('a request with nothing to take', () => {
  it('no working day: each day and why it is none, a holiday by its name', async () => {
    const { context } = await timesheet();
    const christmas = {
      ...context,
      workDays: async (from: string, to: string) => weekPlanDays(from, to, context.settings.workWeek, new Map([['2026-12-25', 'Christmas Day']])),
    };
    const refusal = await refusalOf(
      requestLeave.handler(requestLeave.input.parse({ type: 'vacation', first_day: '2026-12-25', last_day: '2026-12-27' }), christmas),
    );
    expect(refusal).toEqual({
      code: 'leave_no_working_days',
      facts: {
        days: [
          { date: '2026-12-25', reason: 'holiday', holiday: 'Christmas Day' },
          { date: '2026-12-26', reason: 'day_off', holiday: null },
          { date: '2026-12-27', reason: 'day_off', holiday: null },
        ],
      },
    });
    expect(forPeople(refusal)).toBe(
      'No working days in that range: Dec 25, 2026 ("Christmas Day"), Dec 26, 2026 (day off), Dec 27, 2026 (day off). Nothing to request.',
    );
  });

  it('no type: the types Punchcard knows', async () => {
    const { run } = await timesheet();
    expect(await refusalOf(run(requestLeave, { type: ' ', first_day: '2027-03-01' }))).toEqual({
      code: 'leave_type_missing',
      facts: { types: ['vacation', 'sick', 'personal', 'parental', 'unpaid', 'other'] },
    });
  });
});

describe('leave beyond the balance', () => {
  const BEYOND = {
    type: 'vacation',
    kind: null,
    first_day: '2027-06-01',
    last_day: '2027-06-14',
    days: 10,
    left: [{ year: 2027, before: 5, cost: 10, after: -5 }],
  };

  it('where the Preferences allow none on a back end that approves as it files', async () => {
    const { run, tracker } = await timesheet(false);
    const refusal = await refusalOf(run(requestLeave, { type: 'vacation', first_day: '2027-06-01', last_day: '2027-06-14' }));
    expect(refusal).toEqual({ code: 'leave_beyond_balance_not_allowed', facts: BEYOND });
    expect(await tracker.leave.listLeave({ from: '2027-01-01', to: '2027-12-31' })).toEqual([]);
  });

  it('where the person cannot be asked and the call did not say it means it; the tool to call again is the model’s alone', async () => {
    const { run } = await timesheet(true);
    const refusal = await refusalOf(run(requestLeave, { type: 'vacation', first_day: '2027-06-01', last_day: '2027-06-14' }));
    expect(refusal).toEqual({ code: 'leave_beyond_balance', facts: BEYOND });
    expect(forPeople(refusal)).toBe(
      'That goes beyond your vacation balance: vacation from Jun 1, 2027 to Jun 14, 2027 costs 10 days and would leave -5 days of 2027 (5 left). Nothing was filed.',
    );
  });
});

describe('a decision the person said no to', () => {
  it('names the request by its number for the model, and as this leave request for a person', async () => {
    const team = await teamLeave();
    try {
      const args = { id: 11, decision: 'approve' as const };
      const asked = await decideLeaveRequest
        .handler(args, { ...team.context, ask: createAsker({ tool: 'decide_leave_request', args, state: undefined, responses: undefined }) })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(asked).toBeInstanceOf(InputNeeded);
      const declined = createAsker({ tool: 'decide_leave_request', args, state: (asked as InputNeeded).state, responses: { decide: { action: 'decline' } } });
      const refusal = await refusalOf(decideLeaveRequest.handler(args, { ...team.context, ask: declined }));
      expect(refusal).toEqual({
        code: 'question_declined',
        facts: { answer: 'decline', unchanged: [{ model: 'Leave request #11', people: 'This leave request' }, ' was not ', 'approved'] },
      });
      expect(forPeople(refusal)).toBe('This leave request was not approved: you said no when asked. Nothing was changed.');
    } finally {
      team.close();
    }
  });
});
