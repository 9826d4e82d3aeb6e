import { describe, expect, it } from 'vitest';
import { leaveDays, partsOverlap, rangesOverlap, targetMinutes, type DayPart, type WorkWeek } from '../../../mcp-server/domain/leave-days.ts';
import { planOf, weekPlan } from '../../../mcp-server/domain/work-plan.ts';
import { type Refusal, refusalSentence } from '../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText } from '../../../mcp-server/contract/outcomes/sentence.ts';

const FULL_TIME: WorkWeek = { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 };
const NO_HOLIDAYS: ReadonlySet<string> = new Set();
const NO_LEAVE: ReadonlyMap<string, number> = new Map();

function range(firstDay: string, lastDay: string, firstDayPart: 'full' | 'afternoon' = 'full', lastDayPart: 'full' | 'morning' = 'full') {
  return { firstDay, lastDay, firstDayPart, lastDayPart };
}

function counted(input: ReturnType<typeof range>, workWeek = FULL_TIME, holidays = NO_HOLIDAYS) {
  const result = leaveDays(input, weekPlan(workWeek, holidays));
  if (!result.ok) throw new Error(`expected a count, got: ${wordsOf(result.problem)}`);
  return result;
}

function refusal(input: ReturnType<typeof range>): string {
  const result = leaveDays(input, weekPlan(FULL_TIME, NO_HOLIDAYS));
  if (result.ok) throw new Error(`expected a refusal, got ${result.workingDays} days`);
  return wordsOf(result.problem);
}

/** A leave range's refusal as the model reads it (contract/outcomes/leave.ts). */
function wordsOf(problem: { code: string; facts: object }): string {
  return modelText(refusalSentence(problem as Refusal));
}

describe('leaveDays', () => {
  it('counts a working week as five days and lists every calendar day', () => {
    const result = counted(range('2026-11-16', '2026-11-22'));
    expect(result.workingDays).toBe(5);
    expect(result.days).toEqual([
      { date: '2026-11-16', part: 'full', counts: 1 },
      { date: '2026-11-17', part: 'full', counts: 1 },
      { date: '2026-11-18', part: 'full', counts: 1 },
      { date: '2026-11-19', part: 'full', counts: 1 },
      { date: '2026-11-20', part: 'full', counts: 1 },
      { date: '2026-11-21', part: 'full', counts: 0, reason: 'weekend' },
      { date: '2026-11-22', part: 'full', counts: 0, reason: 'weekend' },
    ]);
  });

  it('counts public holidays as zero', () => {
    const holidays = new Set(['2026-12-25', '2026-12-26', '2027-01-01']);
    const result = counted(range('2026-12-21', '2027-01-01'), FULL_TIME, holidays);
    // 21–24, 28–31 December are working days; the 25th and 1 January are Fridays off; the 26th a Saturday.
    expect(result.workingDays).toBe(8);
    expect(result.days.find((day) => day.date === '2026-12-25')).toEqual({ date: '2026-12-25', part: 'full', counts: 0, reason: 'holiday' });
    expect(result.days.find((day) => day.date === '2027-01-01')).toEqual({ date: '2027-01-01', part: 'full', counts: 0, reason: 'holiday' });
    // A holiday on a day off anyway is explained as the day off.
    expect(result.days.find((day) => day.date === '2026-12-26')).toEqual({ date: '2026-12-26', part: 'full', counts: 0, reason: 'weekend' });
    expect(result.days).toHaveLength(12);
  });

  it('follows the work week: any day with 0 hours is a day off', () => {
    const fourDays: WorkWeek = { mon: 10, tue: 10, wed: 0, thu: 10, fri: 10, sat: 0, sun: 0 };
    const result = counted(range('2026-11-16', '2026-11-22'), fourDays);
    expect(result.workingDays).toBe(4);
    expect(result.days[2]).toEqual({ date: '2026-11-18', part: 'full', counts: 0, reason: 'weekend' });
    const weekendWorker: WorkWeek = { mon: 0, tue: 0, wed: 8, thu: 8, fri: 8, sat: 8, sun: 8 };
    expect(counted(range('2026-11-21', '2026-11-22'), weekendWorker).workingDays).toBe(2);
  });

  it('counts half days at either end', () => {
    const result = counted(range('2026-11-16', '2026-11-20', 'afternoon', 'morning'));
    expect(result.workingDays).toBe(4);
    expect(result.days[0]).toEqual({ date: '2026-11-16', part: 'afternoon', counts: 0.5 });
    expect(result.days[1]).toEqual({ date: '2026-11-17', part: 'full', counts: 1 });
    expect(result.days[4]).toEqual({ date: '2026-11-20', part: 'morning', counts: 0.5 });
  });

  it('counts a single half day', () => {
    expect(counted(range('2026-11-16', '2026-11-16', 'afternoon', 'full'))).toEqual({
      ok: true,
      workingDays: 0.5,
      days: [{ date: '2026-11-16', part: 'afternoon', counts: 0.5 }],
    });
    expect(counted(range('2026-11-16', '2026-11-16', 'full', 'morning'))).toEqual({
      ok: true,
      workingDays: 0.5,
      days: [{ date: '2026-11-16', part: 'morning', counts: 0.5 }],
    });
    expect(counted(range('2026-11-16', '2026-11-16')).workingDays).toBe(1);
  });

  it('charges nothing for a half day that falls on a weekend or holiday', () => {
    const result = counted(range('2026-11-21', '2026-11-24', 'afternoon', 'morning'), FULL_TIME, new Set(['2026-11-24']));
    expect(result.workingDays).toBe(1);
    expect(result.days[0]).toEqual({ date: '2026-11-21', part: 'afternoon', counts: 0, reason: 'weekend' });
    expect(result.days[3]).toEqual({ date: '2026-11-24', part: 'morning', counts: 0, reason: 'holiday' });
  });

  it('is unaffected by DST weekends', () => {
    expect(counted(range('2026-03-27', '2026-03-30')).workingDays).toBe(2);
    expect(counted(range('2026-10-23', '2026-10-26')).workingDays).toBe(2);
    expect(counted(range('2026-03-06', '2026-03-09')).workingDays).toBe(2);
    expect(counted(range('2026-10-30', '2026-11-02')).workingDays).toBe(2);
  });

  it('accepts up to 366 calendar days', () => {
    const leapYear = counted(range('2028-01-01', '2028-12-31'));
    expect(leapYear.days).toHaveLength(366);
    expect(leapYear.workingDays).toBe(260);
  });

  it('refuses a range longer than 366 days', () => {
    expect(refusal(range('2026-01-01', '2027-01-02'))).toContain('covers 367 calendar days');
  });

  it('refuses a last day before the first', () => {
    expect(refusal(range('2026-11-20', '2026-11-19'))).toBe(
      'The last day (2026-11-19) is before the first day (2026-11-20). Swap them or correct one of them.',
    );
  });

  it('refuses a single day marked both afternoon-only and morning-only', () => {
    expect(refusal(range('2026-11-16', '2026-11-16', 'afternoon', 'morning'))).toContain('cannot start in the afternoon and also end in the morning');
  });

  it('refuses dates that do not exist', () => {
    expect(refusal(range('2026-02-30', '2026-03-02'))).toContain('"2026-02-30" is not a real date');
    expect(refusal(range('2026-03-02', 'next week'))).toContain('The last day "next week"');
  });
});

describe('partsOverlap', () => {
  const parts: DayPart[] = ['full', 'morning', 'afternoon'];

  it('lets only a morning and an afternoon share a day', () => {
    expect(partsOverlap('morning', 'afternoon')).toBe(false);
    expect(partsOverlap('afternoon', 'morning')).toBe(false);
    for (const a of parts) {
      for (const b of parts) {
        const separate = (a === 'morning' && b === 'afternoon') || (a === 'afternoon' && b === 'morning');
        expect(partsOverlap(a, b), `${a}/${b}`).toBe(!separate);
      }
    }
  });
});

describe('targetMinutes', () => {
  it('sums the weekday hours of the range', () => {
    expect(targetMinutes('2026-11-16', '2026-11-22', weekPlan(FULL_TIME, NO_HOLIDAYS), NO_LEAVE)).toBe(40 * 60);
    expect(targetMinutes('2026-11-16', '2026-11-16', weekPlan(FULL_TIME, NO_HOLIDAYS), NO_LEAVE)).toBe(480);
    expect(targetMinutes('2026-11-21', '2026-11-22', weekPlan(FULL_TIME, NO_HOLIDAYS), NO_LEAVE)).toBe(0);
  });

  it('uses each weekday’s own hours, fractional ones too', () => {
    const partTime: WorkWeek = { mon: 7.7, tue: 7.7, wed: 4, thu: 0, fri: 6.25, sat: 0, sun: 0 };
    expect(targetMinutes('2026-11-16', '2026-11-22', weekPlan(partTime, NO_HOLIDAYS), NO_LEAVE)).toBe(462 + 462 + 240 + 375);
  });

  it('drops holidays and subtracts leave by its fraction', () => {
    const holidays = new Set(['2026-11-18']);
    const leave = new Map([
      ['2026-11-16', 1],
      ['2026-11-17', 0.5],
    ]);
    // Mon on leave, Tue half, Wed holiday, Thu and Fri worked.
    expect(targetMinutes('2026-11-16', '2026-11-20', weekPlan(FULL_TIME, holidays), leave)).toBe(240 + 480 + 480);
  });

  it('ignores leave on days off and holidays instead of going negative', () => {
    const leave = new Map([
      ['2026-11-21', 1],
      ['2026-11-18', 1],
    ]);
    expect(targetMinutes('2026-11-18', '2026-11-22', weekPlan(FULL_TIME, new Set(['2026-11-18'])), leave)).toBe(2 * 480);
  });

  it('is zero for a backwards range', () => {
    expect(targetMinutes('2026-11-20', '2026-11-16', weekPlan(FULL_TIME, NO_HOLIDAYS), NO_LEAVE)).toBe(0);
  });

  it('counts calendar days, so DST weeks ask for the same hours', () => {
    expect(targetMinutes('2026-03-23', '2026-03-29', weekPlan(FULL_TIME, NO_HOLIDAYS), NO_LEAVE)).toBe(2400);
    expect(targetMinutes('2026-10-26', '2026-11-01', weekPlan(FULL_TIME, NO_HOLIDAYS), NO_LEAVE)).toBe(2400);
  });

  it('covers a whole year', () => {
    expect(targetMinutes('2026-01-01', '2026-12-31', weekPlan(FULL_TIME, NO_HOLIDAYS), NO_LEAVE)).toBe(261 * 480);
  });
});

describe('rangesOverlap', () => {
  const range = (firstDay: string, lastDay: string, firstDayPart: 'full' | 'afternoon' = 'full', lastDayPart: 'full' | 'morning' = 'full') => ({
    firstDay,
    lastDay,
    firstDayPart,
    lastDayPart,
  });

  it('sees ranges that share a day, in either order, and not ranges that only touch', () => {
    expect(rangesOverlap(range('2026-12-21', '2026-12-23'), range('2026-12-23', '2026-12-24'))).toBe(true);
    expect(rangesOverlap(range('2026-12-23', '2026-12-24'), range('2026-12-21', '2026-12-23'))).toBe(true);
    expect(rangesOverlap(range('2026-12-21', '2026-12-22'), range('2026-12-23', '2026-12-24'))).toBe(false);
    expect(rangesOverlap(range('2026-12-01', '2026-12-31'), range('2026-12-10', '2026-12-10'))).toBe(true);
  });

  it('lets a morning and an afternoon share a day, but no other halves', () => {
    expect(rangesOverlap(range('2026-12-20', '2026-12-21', 'full', 'morning'), range('2026-12-21', '2026-12-22', 'afternoon'))).toBe(false);
    expect(rangesOverlap(range('2026-12-21', '2026-12-21', 'afternoon'), range('2026-12-21', '2026-12-22', 'afternoon'))).toBe(true);
    expect(rangesOverlap(range('2026-12-21', '2026-12-21', 'full', 'morning'), range('2026-12-21', '2026-12-21'))).toBe(true);
  });
});

describe("on a back end's plan", () => {
  // Christmas Eve a half holiday, Christmas Day a whole one, as Clockodo and Calamari keep them.
  const plan = planOf([
    { date: '2026-12-23', targetMinutes: 480, dayOff: false, holiday: null, halfHoliday: false },
    { date: '2026-12-24', targetMinutes: 240, dayOff: false, holiday: 'Christmas Eve', halfHoliday: true },
    { date: '2026-12-25', targetMinutes: 0, dayOff: false, holiday: 'Christmas Day', halfHoliday: false },
    { date: '2026-12-26', targetMinutes: 0, dayOff: true, holiday: 'St Stephen', halfHoliday: false },
  ]);

  it('counts half a day for a half holiday, nothing for a holiday, and a day off as a day off', () => {
    const result = leaveDays(range('2026-12-23', '2026-12-26'), plan);
    if (!result.ok) throw new Error(wordsOf(result.problem));
    expect(result.days.map((day) => [day.date, day.counts, day.reason])).toEqual([
      ['2026-12-23', 1, undefined],
      ['2026-12-24', 0.5, undefined],
      ['2026-12-25', 0, 'holiday'],
      ['2026-12-26', 0, 'weekend'],
    ]);
    expect(result.workingDays).toBe(1.5);
  });

  it('takes a half day of leave on a half holiday as all that is left of it', () => {
    const result = leaveDays(range('2026-12-24', '2026-12-24', 'afternoon'), plan);
    expect(result.ok && result.workingDays).toBe(0.5);
    expect(targetMinutes('2026-12-24', '2026-12-24', plan, new Map([['2026-12-24', 0.5]]))).toBe(0);
    expect(targetMinutes('2026-12-23', '2026-12-24', plan, new Map())).toBe(720);
  });

  it('says loudly when asked about a day the plan was not fetched for', () => {
    expect(() => leaveDays(range('2026-12-22', '2026-12-23'), plan)).toThrow(/not fetched for 2026-12-22/);
  });
});
