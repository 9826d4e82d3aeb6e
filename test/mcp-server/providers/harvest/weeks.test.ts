// A person's weeks as Harvest's entries show their approval (providers/harvest/approvals/weeks.ts): a week whose
// entries are all submitted or approved is a submission, pending while any is only submitted, approved when all are;
// its id the person and the week's first day as the company starts weeks; approved weeks locked.
import { describe, expect, it } from 'vitest';
import { locksOf, readWeekId, submissionsOf, weekStartOf, weeksOf } from '../../../../mcp-server/providers/harvest/approvals/weeks.ts';
import type { HarvestTimeEntry } from '../../../../mcp-server/providers/harvest/wire.ts';

const entry = (spent_date: string, approval_status: string, hours = 2, is_locked = approval_status === 'approved') =>
  ({ id: 1, spent_date, hours, approval_status, is_locked }) as HarvestTimeEntry;
const MONDAY = { period: 'week' as const, weekStart: 1 };

describe("Harvest's weeks of approval", () => {
  it('reads weeks as the company starts them', () => {
    expect([weekStartOf('Sunday'), weekStartOf('Saturday'), weekStartOf('Monday'), weekStartOf(null)]).toEqual([7, 6, 1, 1]);
    const sunday = weeksOf([entry('2026-11-15', 'approved')], { period: 'week', weekStart: 7 });
    expect(sunday.map((week) => [week.firstDay, week.lastDay])).toEqual([['2026-11-15', '2026-11-21']]);
  });

  it('makes a submission of a week all submitted or approved, pending until all are approved, none with an unsubmitted entry', () => {
    const weeks = weeksOf(
      [
        entry('2026-11-02', 'approved'),
        entry('2026-11-03', 'approved'),
        entry('2026-11-09', 'submitted'),
        entry('2026-11-10', 'approved'),
        entry('2026-11-16', 'submitted'),
        entry('2026-11-17', 'unsubmitted'),
      ],
      MONDAY,
    );
    const rows = submissionsOf({ id: 1001, name: 'Ada Lovelace' }, weeks);
    expect(rows.map((row) => [row.id, row.status, row.trackedSeconds])).toEqual([
      ['1001:2026-11-02', 'approved', 14_400],
      ['1001:2026-11-09', 'pending', 14_400],
    ]);
    expect(readWeekId('1001:2026-11-09')).toEqual({ userId: 1001, firstDay: '2026-11-09' });
    expect(readWeekId('week-1')).toBeUndefined();
  });

  it('locks an approved week, and a submitted one only where Harvest shows every entry locked', () => {
    const weeks = weeksOf([entry('2026-11-02', 'approved'), entry('2026-11-09', 'submitted'), entry('2026-11-16', 'submitted', 1, true)], MONDAY);
    expect(locksOf(weeks).map((lock) => [lock.firstDay, lock.status])).toEqual([
      ['2026-11-02', 'approved'],
      ['2026-11-16', 'pending'],
    ]);
  });
});
