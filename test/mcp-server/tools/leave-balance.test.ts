// leave_balance's handler on the real local timesheet, at a clock that stands still, counted from the
// settings (25 days a year, 2 carried into this year): vacation before today is taken, from today on
// planned, a request across New Year counts in each year only its own days, and other leave apart.
import { describe, expect, it } from 'vitest';
import cancelLeaveRequest from '../../../mcp-server/tools/cancel-leave-request.ts';
import leaveBalance from '../../../mcp-server/tools/leave-balance.ts';
import requestLeave from '../../../mcp-server/tools/request-leave.ts';
import { useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

async function timesheet() {
  return openTimesheet({
    settings: (settings) => ({ ...settings, leave: { annualDays: 25, carryOverDays: 2, allowBeyondBalance: false } }),
  });
}

describe('leave_balance', () => {
  it('counts the whole entitlement as remaining before any leave', async () => {
    const { run } = await timesheet();
    const { text, data } = await run(leaveBalance, {});
    expect(text).toBe('2026: 27 vacation days (2 carried over), 0 taken, 0 planned, 27 remaining.');
    expect(data).toMatchObject({ year: 2026, entitlement: 27, carry_over: 2, taken: 0, planned: 0, remaining: 27, source: 'settings', unlimited: false });
  });

  it('splits taken from planned at today, keeps other leave apart, and leaves cancelled requests out', async () => {
    const { run } = await timesheet();
    // Monday to Friday in August: 5 days taken; Monday to Wednesday before Christmas: 3 planned.
    await run(requestLeave, { type: 'vacation', first_day: '2026-08-03', last_day: '2026-08-07' });
    await run(requestLeave, { type: 'vacation', first_day: '2026-12-21', last_day: '2026-12-23' });
    await run(requestLeave, { type: 'sick', first_day: '2026-10-05', last_day: '2026-10-06' });
    const cancelled = await run(requestLeave, { type: 'vacation', first_day: '2026-11-30', last_day: '2026-11-30' });
    await run(cancelLeaveRequest, { id: cancelled.data.request.id });
    const { text, data } = await run(leaveBalance, {});
    expect(text).toBe('2026: 27 vacation days (2 carried over), 5 taken, 3 planned, 19 remaining. Other leave: sick 2 days.');
    expect(data).toMatchObject({ taken: 5, planned: 3, remaining: 19, other_leave_days: { sick: 2 } });
  });

  it('counts a request across New Year in each year for its own days, next year without carry-over', async () => {
    const { run } = await timesheet();
    // Wednesday 30 December to Tuesday 5 January: two working days in 2026, three in 2027.
    await run(requestLeave, { type: 'vacation', first_day: '2026-12-30', last_day: '2027-01-05' });
    expect((await run(leaveBalance, {})).data).toMatchObject({ year: 2026, planned: 2, remaining: 25 });
    const next = await run(leaveBalance, { year: 2027 });
    expect(next.text).toBe('2027: 25 vacation days, 0 taken, 3 planned, 22 remaining.');
    expect(next.data).toMatchObject({ carry_over: 0, entitlement: 25 });
  });
});
