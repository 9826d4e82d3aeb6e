// Timesheet approvals' pure core (mcp-server/domain/approvals.ts): the period a day falls in by each
// back end's rule, where a period starts, and which locks a write's days touch.
import { describe, expect, it } from 'vitest';
import {
  type ApprovalRule,
  daysCovering,
  daysOfSpan,
  lockTouchedBy,
  locksTouching,
  type PeriodLock,
  periodHolding,
} from '../../../mcp-server/domain/approvals.ts';
import { addDays, isoWeekday } from '../../../mcp-server/domain/time.ts';

const MONDAY_WEEKS: ApprovalRule = { period: 'week', weekStart: 1 };
const SUNDAY_WEEKS: ApprovalRule = { period: 'week', weekStart: 7 };
const SEMI_MONTHS: ApprovalRule = { period: 'semi_month', weekStart: 1 };
const MONTHS: ApprovalRule = { period: 'month', weekStart: 1 };

const span = (firstDay: string, lastDay: string) => ({ firstDay, lastDay });

/** Every day from `first` to `last`, both included. */
function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

describe('periodHolding: weeks', () => {
  it('runs a week from Monday to Sunday where weeks start on Monday', () => {
    // 2026-11-19 is a Thursday.
    expect(periodHolding('2026-11-19', MONDAY_WEEKS)).toEqual(span('2026-11-16', '2026-11-22'));
    expect(periodHolding('2026-11-16', MONDAY_WEEKS)).toEqual(span('2026-11-16', '2026-11-22'));
    expect(periodHolding('2026-11-22', MONDAY_WEEKS)).toEqual(span('2026-11-16', '2026-11-22'));
    expect(periodHolding('2026-11-23', MONDAY_WEEKS)).toEqual(span('2026-11-23', '2026-11-29'));
  });

  it('runs a week from Sunday to Saturday where weeks start on Sunday', () => {
    expect(periodHolding('2026-11-19', SUNDAY_WEEKS)).toEqual(span('2026-11-15', '2026-11-21'));
    expect(periodHolding('2026-11-21', SUNDAY_WEEKS)).toEqual(span('2026-11-15', '2026-11-21'));
    // The Sunday that ends a Monday week starts a Sunday week.
    expect(periodHolding('2026-11-22', SUNDAY_WEEKS)).toEqual(span('2026-11-22', '2026-11-28'));
  });

  it('crosses the year end and the month end', () => {
    // 2026-12-31 is a Thursday.
    expect(periodHolding('2026-12-31', MONDAY_WEEKS)).toEqual(span('2026-12-28', '2027-01-03'));
    expect(periodHolding('2027-01-02', MONDAY_WEEKS)).toEqual(span('2026-12-28', '2027-01-03'));
    expect(periodHolding('2026-12-31', SUNDAY_WEEKS)).toEqual(span('2026-12-27', '2027-01-02'));
    expect(periodHolding('2027-01-03', SUNDAY_WEEKS)).toEqual(span('2027-01-03', '2027-01-09'));
    // Over a leap day: 2028-02-29 is a Tuesday.
    expect(periodHolding('2028-03-01', MONDAY_WEEKS)).toEqual(span('2028-02-28', '2028-03-05'));
  });

  it('for every weekday a week may start on, holds the day in seven days that start on that weekday', () => {
    for (let weekStart = 1; weekStart <= 7; weekStart += 1) {
      for (const day of daysFrom('2026-12-20', '2027-01-10')) {
        const week = periodHolding(day, { period: 'week', weekStart });
        expect(isoWeekday(week.firstDay)).toBe(weekStart);
        expect(week.lastDay).toBe(addDays(week.firstDay, 6));
        expect(week.firstDay <= day && day <= week.lastDay).toBe(true);
      }
    }
  });
});

describe('periodHolding: semi-months', () => {
  it('splits a month after its 15th', () => {
    expect(periodHolding('2026-11-01', SEMI_MONTHS)).toEqual(span('2026-11-01', '2026-11-15'));
    expect(periodHolding('2026-11-15', SEMI_MONTHS)).toEqual(span('2026-11-01', '2026-11-15'));
    expect(periodHolding('2026-11-16', SEMI_MONTHS)).toEqual(span('2026-11-16', '2026-11-30'));
    expect(periodHolding('2026-11-30', SEMI_MONTHS)).toEqual(span('2026-11-16', '2026-11-30'));
  });

  it("ends the second half on the month's last day: 31, 30, 28 or 29", () => {
    expect(periodHolding('2026-01-31', SEMI_MONTHS)).toEqual(span('2026-01-16', '2026-01-31'));
    expect(periodHolding('2026-07-20', SEMI_MONTHS)).toEqual(span('2026-07-16', '2026-07-31'));
    expect(periodHolding('2026-04-16', SEMI_MONTHS)).toEqual(span('2026-04-16', '2026-04-30'));
    expect(periodHolding('2026-02-16', SEMI_MONTHS)).toEqual(span('2026-02-16', '2026-02-28'));
    expect(periodHolding('2026-02-28', SEMI_MONTHS)).toEqual(span('2026-02-16', '2026-02-28'));
    expect(periodHolding('2028-02-28', SEMI_MONTHS)).toEqual(span('2028-02-16', '2028-02-29'));
    expect(periodHolding('2028-02-29', SEMI_MONTHS)).toEqual(span('2028-02-16', '2028-02-29'));
    // Century years are leap years only every 400 years.
    expect(periodHolding('2100-02-20', SEMI_MONTHS)).toEqual(span('2100-02-16', '2100-02-28'));
    expect(periodHolding('2000-02-20', SEMI_MONTHS)).toEqual(span('2000-02-16', '2000-02-29'));
  });

  it('ends at the year end and starts the next year on January 1', () => {
    expect(periodHolding('2026-12-31', SEMI_MONTHS)).toEqual(span('2026-12-16', '2026-12-31'));
    expect(periodHolding('2027-01-01', SEMI_MONTHS)).toEqual(span('2027-01-01', '2027-01-15'));
  });

  it('does not depend on the weekday weeks start on', () => {
    expect(periodHolding('2026-11-19', { period: 'semi_month', weekStart: 7 })).toEqual(periodHolding('2026-11-19', SEMI_MONTHS));
  });
});

describe('periodHolding: months', () => {
  it('runs from the 1st to the last day of the month', () => {
    expect(periodHolding('2026-11-19', MONTHS)).toEqual(span('2026-11-01', '2026-11-30'));
    expect(periodHolding('2026-01-01', MONTHS)).toEqual(span('2026-01-01', '2026-01-31'));
    expect(periodHolding('2026-02-14', MONTHS)).toEqual(span('2026-02-01', '2026-02-28'));
    expect(periodHolding('2028-02-29', MONTHS)).toEqual(span('2028-02-01', '2028-02-29'));
    expect(periodHolding('2026-12-31', MONTHS)).toEqual(span('2026-12-01', '2026-12-31'));
  });
});

describe('periodHolding: periods tile the calendar', () => {
  it('for each rule, the day after a period starts the next one, and every day lies in its period (2027 to 2029)', () => {
    for (const rule of [MONDAY_WEEKS, SUNDAY_WEEKS, SEMI_MONTHS, MONTHS]) {
      for (const day of daysFrom('2027-12-01', '2029-01-31')) {
        const period = periodHolding(day, rule);
        expect(period.firstDay <= day && day <= period.lastDay, `${rule.period}/${rule.weekStart} ${day}`).toBe(true);
        const next = addDays(period.lastDay, 1);
        expect(periodHolding(next, rule).firstDay).toBe(next);
      }
    }
  });
});

describe('periodHolding: what it refuses', () => {
  it('refuses a day the calendar lacks, whichever the period', () => {
    for (const rule of [MONDAY_WEEKS, SEMI_MONTHS, MONTHS]) {
      expect(() => periodHolding('2026-02-30', rule)).toThrow(RangeError);
      expect(() => periodHolding('2026-13-01', rule)).toThrow(RangeError);
      expect(() => periodHolding('2026-11-19T10:00', rule)).toThrow(RangeError);
    }
  });

  it('refuses a weekday outside 1 (Monday) to 7 (Sunday) for weeks', () => {
    for (const weekStart of [0, 8, 9, -1, 1.5]) {
      expect(() => periodHolding('2026-11-19', { period: 'week', weekStart })).toThrow(RangeError);
    }
  });
});

/** Whether a period of the rule starts on `day`: where a submission is made. */
const startsPeriod = (day: string, rule: ApprovalRule) => periodHolding(day, rule).firstDay === day;

describe('where periods start', () => {
  it("is true on a period's first day only", () => {
    expect(startsPeriod('2026-11-16', MONDAY_WEEKS)).toBe(true);
    expect(startsPeriod('2026-11-17', MONDAY_WEEKS)).toBe(false);
    expect(startsPeriod('2026-11-22', MONDAY_WEEKS)).toBe(false);
    expect(startsPeriod('2026-11-22', SUNDAY_WEEKS)).toBe(true);
    expect(startsPeriod('2026-11-16', SUNDAY_WEEKS)).toBe(false);
    expect(startsPeriod('2026-11-01', SEMI_MONTHS)).toBe(true);
    expect(startsPeriod('2026-11-16', SEMI_MONTHS)).toBe(true);
    expect(startsPeriod('2026-11-15', SEMI_MONTHS)).toBe(false);
    expect(startsPeriod('2026-11-17', SEMI_MONTHS)).toBe(false);
    expect(startsPeriod('2026-11-01', MONTHS)).toBe(true);
    expect(startsPeriod('2026-11-16', MONTHS)).toBe(false);
    expect(startsPeriod('2027-01-01', MONTHS)).toBe(true);
  });

  it('finds four or five starts a month for weeks, two for semi-months, one for months', () => {
    const november = daysFrom('2026-11-01', '2026-11-30');
    expect(november.filter((day) => startsPeriod(day, MONDAY_WEEKS))).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    expect(november.filter((day) => startsPeriod(day, SUNDAY_WEEKS))).toEqual(['2026-11-01', '2026-11-08', '2026-11-15', '2026-11-22', '2026-11-29']);
    expect(november.filter((day) => startsPeriod(day, SEMI_MONTHS))).toEqual(['2026-11-01', '2026-11-16']);
    expect(november.filter((day) => startsPeriod(day, MONTHS))).toEqual(['2026-11-01']);
  });
});

describe('locksTouching', () => {
  const lock = (firstDay: string, lastDay: string, status: PeriodLock['status'] = 'approved'): PeriodLock => ({
    firstDay,
    lastDay,
    status,
    reopenedBy: status === 'approved' ? 'an_approver' : 'the_person',
  });
  const weekBefore = lock('2026-11-09', '2026-11-15');
  const week = lock('2026-11-16', '2026-11-22', 'pending');
  const weekAfter = lock('2026-11-23', '2026-11-29');

  it('finds the locks sharing a day with the span, their first and last days included', () => {
    const locks = [weekBefore, week, weekAfter];
    expect(locksTouching(locks, span('2026-11-18', '2026-11-18'))).toEqual([week]);
    expect(locksTouching(locks, span('2026-11-16', '2026-11-16'))).toEqual([week]);
    expect(locksTouching(locks, span('2026-11-22', '2026-11-22'))).toEqual([week]);
    // A span over midnight from Sunday into Monday touches both weeks.
    expect(locksTouching(locks, span('2026-11-22', '2026-11-23'))).toEqual([week, weekAfter]);
    expect(locksTouching(locks, span('2026-11-01', '2026-12-31'))).toEqual([weekBefore, week, weekAfter]);
  });

  it('finds none where the span lies between or beside the locks', () => {
    expect(locksTouching([weekBefore, weekAfter], span('2026-11-16', '2026-11-22'))).toEqual([]);
    expect(locksTouching([week], span('2026-11-23', '2026-11-30'))).toEqual([]);
    expect(locksTouching([week], span('2026-11-01', '2026-11-15'))).toEqual([]);
    expect(locksTouching([], span('2026-11-01', '2026-11-30'))).toEqual([]);
  });

  it('answers the earliest first, whatever order the back end listed them in, and leaves the list as it was', () => {
    const locks = [weekAfter, weekBefore, week];
    expect(locksTouching(locks, span('2026-11-01', '2026-11-30'))).toEqual([weekBefore, week, weekAfter]);
    expect(locks).toEqual([weekAfter, weekBefore, week]);
  });

  it('holds a month lock against a day of a week inside it', () => {
    const november = lock('2026-11-01', '2026-11-30');
    expect(locksTouching([november], span('2026-11-30', '2026-12-01'))).toEqual([november]);
    expect(locksTouching([november], span('2026-12-01', '2026-12-01'))).toEqual([]);
  });
});

describe('the days a span of time touches, and the lock it meets', () => {
  const at = (iso: string) => Date.parse(iso);
  const week = { firstDay: '2026-11-16', lastDay: '2026-11-22', status: 'approved', reopenedBy: 'an_approver' } satisfies PeriodLock;
  const next = { ...week, firstDay: '2026-11-23', lastDay: '2026-11-29' } satisfies PeriodLock;

  it("reads a span's days in the zone, its end not included, and a moment as its own day", () => {
    // 23:00 to midnight on Sunday in Berlin is Sunday alone, though UTC has it on Sunday too and midnight is Monday.
    expect(daysOfSpan({ start: at('2026-11-22T23:00:00+01:00'), end: at('2026-11-23T00:00:00+01:00') }, 'Europe/Berlin')).toEqual(
      span('2026-11-22', '2026-11-22'),
    );
    expect(daysOfSpan({ start: at('2026-11-22T23:00:00+01:00'), end: at('2026-11-23T00:30:00+01:00') }, 'Europe/Berlin')).toEqual(
      span('2026-11-22', '2026-11-23'),
    );
    // The same instants in New York are Sunday afternoon.
    expect(daysOfSpan({ start: at('2026-11-22T23:00:00+01:00'), end: at('2026-11-23T00:30:00+01:00') }, 'America/New_York')).toEqual(
      span('2026-11-22', '2026-11-22'),
    );
    const moment = at('2026-11-18T09:00:00+01:00');
    expect(daysOfSpan({ start: moment, end: moment }, 'Europe/Berlin')).toEqual(span('2026-11-18', '2026-11-18'));
  });

  it('covers every span from the first day to the last, in any order', () => {
    const spans = [
      { start: at('2026-11-25T09:00:00+01:00'), end: at('2026-11-25T10:00:00+01:00') },
      { start: at('2026-11-17T09:00:00+01:00'), end: at('2026-11-17T10:00:00+01:00') },
    ];
    expect(daysCovering(spans, 'Europe/Berlin')).toEqual(span('2026-11-17', '2026-11-25'));
  });

  it('answers the lock the first span meets first, and none where the spans miss every lock', () => {
    const inNext = { start: at('2026-11-24T09:00:00+01:00'), end: at('2026-11-24T10:00:00+01:00') };
    const inWeek = { start: at('2026-11-18T09:00:00+01:00'), end: at('2026-11-18T10:00:00+01:00') };
    expect(lockTouchedBy([week, next], [inNext, inWeek], 'Europe/Berlin')).toBe(next);
    expect(lockTouchedBy([week], [inNext], 'Europe/Berlin')).toBeUndefined();
    expect(lockTouchedBy([], [inWeek], 'Europe/Berlin')).toBeUndefined();
  });
});
