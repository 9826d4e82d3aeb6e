// Averages over the reference period ending with the range's last day: de per Mon–Sat working day over
// 24 weeks, eu and at per seven days over 17 weeks; days of leave and public holidays left out day by day.
import { describe, expect, it } from 'vitest';
import { eachDate, isoWeekday, localDate } from '../../../../mcp-server/domain/time.ts';
import { BERLIN, calendarOf, check, everyDay, found } from './week-of-work.ts';

const LAST = '2026-11-15';
/** 2026-06-01 to 2026-11-15: the 24 weeks ending on Sunday 15 November, 144 working days Monday to Saturday. */
const DE_FIRST = '2026-06-01';
/** 2026-07-20 to 2026-11-15: the 17 weeks. */
const EU_FIRST = '2026-07-20';
const WEEKDAYS = [1, 2, 3, 4, 5];
/** Four weeks of weekdays in August: 20 days. */
const AUGUST = eachDate('2026-08-03', '2026-08-28').filter((date) => isoWeekday(date) <= 5);
const startsOn = (instant: number, date: string) => localDate(instant, BERLIN) === date;

describe('de: 480 minutes per working day over 24 weeks', () => {
  it.each([
    [576, false],
    [577, true],
  ])('%i minutes every weekday make %s average over 480 per Monday-to-Saturday day', (minutes, over) => {
    // 120 weekdays of `minutes` over 144 working days: 576 is 480 exactly.
    const answer = check('de', '2026-11-01', LAST, everyDay(DE_FIRST, LAST, WEEKDAYS, '07:00', minutes));
    expect(found(answer, 'wt_average_over')).toEqual(
      over ? [{ code: 'wt_average_over', date: LAST, average_minutes: 481, limit_minutes: 480, from: DE_FIRST, to: LAST, per: 'working_day' }] : [],
    );
  });

  it('leaves days of leave out, neither counted nor divided by', () => {
    const worked = everyDay(DE_FIRST, LAST, WEEKDAYS, '07:00', 600).filter((item) => !AUGUST.some((date) => startsOn(item.start, date)));
    // 100 days of 600 minutes: 417 over 144 days, 484 over the 124 left when the leave is out.
    expect(found(check('de', '2026-11-01', LAST, worked), 'wt_average_over')).toEqual([]);
    const leave = calendarOf({}, Object.fromEntries(AUGUST.map((date) => [date, 'vacation'])));
    expect(found(check('de', '2026-11-01', LAST, worked, { calendar: leave }), 'wt_average_over')).toEqual([
      expect.objectContaining({ average_minutes: 484, from: DE_FIRST, to: LAST }),
    ]);
  });

  it('leaves public holidays out the same way, and the work done on them', () => {
    const worked = everyDay(DE_FIRST, LAST, WEEKDAYS, '07:00', 600).filter((item) => !AUGUST.slice(1).some((date) => startsOn(item.start, date)));
    // Work on the first holiday does not count either: 100 days of 600 minutes over 124 (489 if it did).
    const holidays = calendarOf(Object.fromEntries(AUGUST.map((date) => [date, 'Holiday'])));
    expect(found(check('de', '2026-11-01', LAST, worked, { calendar: holidays }), 'wt_average_over')).toEqual([
      expect.objectContaining({ average_minutes: 484 }),
    ]);
  });

  it('gives at most one finding a range, dated on its last day, or on today where the range runs on past it', () => {
    const spans = everyDay('2026-05-01', '2026-11-30', WEEKDAYS, '07:00', 600);
    expect(found(check('de', '2026-11-01', '2026-11-30', spans), 'wt_average_over')).toEqual([
      expect.objectContaining({ date: '2026-11-30', to: '2026-11-30' }),
    ]);
    expect(found(check('de', '2026-11-01', '2026-11-30', spans, { now: '2026-11-15 12:00' }), 'wt_average_over')).toEqual([
      expect.objectContaining({ date: LAST, from: DE_FIRST, to: LAST }),
    ]);
    expect(found(check('de', '2026-12-01', '2026-12-31', spans, { now: '2026-11-15 12:00' }), 'wt_average_over')).toEqual([]);
  });
});

describe('eu and at: 48 hours per seven days over 17 weeks', () => {
  it.each(['eu', 'at'] as const)('%s: 2,940 minutes a week is over 2,880', (rules) => {
    const spans = everyDay(EU_FIRST, LAST, WEEKDAYS, '07:00', 588);
    expect(found(check(rules, '2026-11-01', LAST, spans), 'wt_average_over')).toEqual([
      { code: 'wt_average_over', date: LAST, average_minutes: 2940, limit_minutes: 2880, from: EU_FIRST, to: LAST, per: 'week' },
    ]);
    expect(found(check(rules, '2026-11-01', LAST, everyDay(EU_FIRST, LAST, WEEKDAYS, '07:00', 576)), 'wt_average_over')).toEqual([]);
  });

  it('eu: leaves public holidays out too, stricter than Article 16(b) asks', () => {
    // 15 of the 17 weeks at 2,885 minutes, two weeks of holidays with nothing worked: 2,885 over 15 weeks, 2,546 over 17.
    const holidays = eachDate('2026-08-03', '2026-08-16');
    const spans = everyDay(EU_FIRST, LAST, WEEKDAYS, '07:00', 577).filter((item) => !holidays.some((date) => startsOn(item.start, date)));
    expect(found(check('eu', '2026-11-01', LAST, spans), 'wt_average_over')).toEqual([]);
    const calendar = calendarOf(Object.fromEntries(holidays.map((date) => [date, 'Holiday'])));
    expect(found(check('eu', '2026-11-01', LAST, spans, { calendar }), 'wt_average_over')).toEqual([expect.objectContaining({ average_minutes: 2885 })]);
  });
});
