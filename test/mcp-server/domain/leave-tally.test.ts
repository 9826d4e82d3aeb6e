// A year's leave added up on the person's plan: one count for the local timesheet, Clockodo and
// Calamari, so these cases hold for all three.
import { describe, expect, it } from 'vitest';
import { clipLeave, tallyLeave } from '../../../mcp-server/domain/leave-tally.ts';
import { weekPlan } from '../../../mcp-server/domain/work-plan.ts';
import type { LeaveRequest } from '../../../mcp-server/providers/time-tracker.ts';

const PLAN = weekPlan({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }, new Set(['2026-12-25']));
const YEAR_2026 = { from: '2026-01-01', to: '2026-12-31' };

type Request = Pick<LeaveRequest, 'type' | 'status' | 'workingElsewhere' | 'firstDay' | 'lastDay' | 'firstDayPart' | 'lastDayPart'>;

function request(firstDay: string, lastDay: string, fields: Partial<Request> = {}): Request {
  return { type: 'vacation', status: 'approved', firstDay, lastDay, firstDayPart: 'full', lastDayPart: 'full', ...fields };
}

describe('tallyLeave', () => {
  it('splits vacation at today: days before are taken, today and after planned', () => {
    // Mon 16 to Fri 20 November, today Wednesday 18th.
    const tally = tallyLeave([request('2026-11-16', '2026-11-20')], PLAN, { ...YEAR_2026, today: '2026-11-18' });
    expect(tally).toEqual({ taken: 2, planned: 3, other: {} });
  });

  it('counts other types by type, weekends and holidays not at all, half days as half', () => {
    const tally = tallyLeave(
      [
        request('2026-03-02', '2026-03-03', { type: 'sick' }),
        // Thu 24 afternoon to Mon 28 December: 0.5 + Christmas 0 + weekend 0 + 1.
        request('2026-12-24', '2026-12-28', { firstDayPart: 'afternoon' }),
      ],
      PLAN,
      { ...YEAR_2026, today: '2026-01-01' },
    );
    expect(tally).toEqual({ taken: 0, planned: 1.5, other: { sick: 2 } });
  });

  it('leaves out requests that take no time: cancelled, rejected, and work somewhere else', () => {
    const tally = tallyLeave(
      [
        request('2026-05-04', '2026-05-04', { status: 'cancelled' }),
        request('2026-05-05', '2026-05-05', { status: 'rejected' }),
        request('2026-05-06', '2026-05-06', { type: 'other', workingElsewhere: true }),
        request('2026-05-07', '2026-05-07', { status: 'pending' }),
      ],
      PLAN,
      { ...YEAR_2026, today: '2026-01-01' },
    );
    expect(tally).toEqual({ taken: 0, planned: 1, other: {} });
  });

  it('counts only the days inside the range of a request across New Year, whole at the cut', () => {
    // Tue 29 December 2026 afternoon to Fri 8 January 2027 morning.
    const across = request('2026-12-29', '2027-01-08', { firstDayPart: 'afternoon', lastDayPart: 'morning' });
    const today = '2026-06-01';
    // 2026: 29th half, 30th and 31st whole.
    expect(tallyLeave([across], PLAN, { ...YEAR_2026, today }).planned).toBe(2.5);
    // 2027: Fri 1st to Thu 7th is five working days (no holidays on this plan), Fri 8th half.
    expect(tallyLeave([across], PLAN, { from: '2027-01-01', to: '2027-12-31', today }).planned).toBe(5.5);
  });
});

describe('clipLeave', () => {
  it('keeps a request inside the range as it is, and drops one outside it', () => {
    const inside = request('2026-02-02', '2026-02-03', { firstDayPart: 'afternoon' });
    expect(clipLeave(inside, '2026-02-01', '2026-02-28')).toEqual(inside);
    expect(clipLeave(inside, '2026-03-01', '2026-03-31')).toBeUndefined();
  });

  it('makes a day cut off at either end whole: its half belonged to the day outside', () => {
    const request_ = request('2026-01-30', '2026-02-03', { firstDayPart: 'afternoon', lastDayPart: 'morning' });
    expect(clipLeave(request_, '2026-02-01', '2026-02-02')).toMatchObject({
      firstDay: '2026-02-01',
      firstDayPart: 'full',
      lastDay: '2026-02-02',
      lastDayPart: 'full',
    });
  });
});
