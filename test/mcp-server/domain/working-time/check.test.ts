// A range's days and totals as the window's month sheet shows them, with rules and without; and the
// reads workingTimeReads names are all the rules need: the answer over them is the answer over everything.
import { describe, expect, it } from 'vitest';
import { addDays, startOfLocalDay } from '../../../../mcp-server/domain/time.ts';
import { type CountedSpan, workingTime, workingTimeReads } from '../../../../mcp-server/domain/working-time/index.ts';
import { at, BERLIN, calendarOf, check, everyDay, lasting, span, VIENNA } from './week-of-work.ts';

const MONDAY = '2026-11-09';
const SUNDAY = '2026-11-15';

describe('the days', () => {
  it('line each day up with its start, end, work, breaks, rest, target, holiday, leave and findings', () => {
    const calendar = calendarOf({ '2026-11-12': 'Test Day' }, { '2026-11-13': { type: 'vacation', days: 0.5 }, '2026-11-11': 'sick' });
    const answer = check(
      'de',
      MONDAY,
      '2026-11-13',
      [span(`${MONDAY} 08:00`, '12:00'), span(`${MONDAY} 12:30`, '19:00'), span('2026-11-10 05:00', '09:00'), span('2026-11-13 08:00', '12:00')],
      {
        calendar,
      },
    );
    expect(answer.days).toEqual([
      {
        date: MONDAY,
        start: '2026-11-09T08:00:00+01:00',
        end: '2026-11-09T19:00:00+01:00',
        worked_minutes: 630,
        break_minutes: 30,
        rest_before_minutes: null,
        target_minutes: 480,
        findings: ['wt_day_over_max', 'wt_break_short', 'wt_stretch_over_max'],
      },
      {
        date: '2026-11-10',
        start: '2026-11-10T05:00:00+01:00',
        end: '2026-11-10T09:00:00+01:00',
        worked_minutes: 240,
        break_minutes: 0,
        rest_before_minutes: 600,
        target_minutes: 480,
        findings: ['wt_rest_short'],
      },
      {
        date: '2026-11-11',
        start: null,
        end: null,
        worked_minutes: 0,
        break_minutes: 0,
        rest_before_minutes: null,
        target_minutes: 0,
        leave: 'sick',
        findings: [],
      },
      {
        date: '2026-11-12',
        start: null,
        end: null,
        worked_minutes: 0,
        break_minutes: 0,
        rest_before_minutes: null,
        target_minutes: 0,
        holiday: 'Test Day',
        findings: [],
      },
      {
        date: '2026-11-13',
        start: '2026-11-13T08:00:00+01:00',
        end: '2026-11-13T12:00:00+01:00',
        worked_minutes: 240,
        break_minutes: 0,
        rest_before_minutes: 4260,
        target_minutes: 240,
        leave: 'vacation',
        findings: [],
      },
    ]);
  });

  it('answers days and totals with rules off, finding nothing, and still tells breaks by 15 minutes', () => {
    const answer = check('off', MONDAY, MONDAY, [span(`${MONDAY} 07:00`, '12:00'), span(`${MONDAY} 12:14`, '14:00'), span(`${MONDAY} 14:15`, '20:00')]);
    expect(answer.findings).toEqual([]);
    expect(answer.days[0]).toMatchObject({ worked_minutes: 751, break_minutes: 15, findings: [] });
  });

  it('with rules, lists the findings by day, then in the codes’ order', () => {
    // Monday: 08:00 to 19:40, and 23:00 to 01:00 after a break of 3 h 20 min; Tuesday from 09:00.
    const answer = check('de', MONDAY, SUNDAY, [
      lasting(`${MONDAY} 08:00`, 700),
      span(`${MONDAY} 23:00`, '2026-11-10 01:00'),
      lasting('2026-11-10 09:00', 60),
      lasting(`${SUNDAY} 08:00`, 30),
    ]);
    expect(answer.findings.map((finding) => [finding.date, finding.code])).toEqual([
      [MONDAY, 'wt_day_over_max'],
      [MONDAY, 'wt_stretch_over_max'],
      ['2026-11-10', 'wt_rest_short'],
      [SUNDAY, 'wt_sunday_or_holiday'],
    ]);
  });
});

describe('the totals', () => {
  it('add up the days, and set the target of the days up to today against the work', () => {
    const spans = [lasting(`${MONDAY} 08:00`, 540), lasting('2026-11-10 08:00', 480), lasting('2026-11-11 08:00', 240)];
    expect(check('off', MONDAY, SUNDAY, spans, { now: '2026-11-11 12:00' }).totals).toEqual({
      worked_minutes: 1260,
      target_minutes: 2400,
      overtime_minutes: -180,
      sunday_holiday_minutes: 0,
      night_minutes: 0,
    });
  });

  it('count Sunday and holiday minutes on the calendar day they fall on', () => {
    const calendar = calendarOf({ '2026-11-10': 'Test Day' });
    const spans = [span('2026-11-08 22:00', `${MONDAY} 02:00`), span('2026-11-10 10:00', '11:00'), span('2026-11-14 22:00', `${SUNDAY} 01:30`)];
    expect(check('eu', MONDAY, SUNDAY, spans, { calendar }).totals).toMatchObject({ sunday_holiday_minutes: 150, night_minutes: 270 });
  });

  it.each([
    [BERLIN, '2026-10-24', 480],
    [BERLIN, '2026-03-28', 360],
    [VIENNA, '2026-10-24', 480],
    [VIENNA, '2026-03-28', 360],
  ])('%s: a night shift from %s 22:00 to 07:00 works %i minutes of night (23:00 to 06:00 by the wall clock)', (zone, date, night) => {
    const answer = check('off', date, addDays(date, 1), [span(`${date} 22:00`, `${addDays(date, 1)} 07:00`, {}, zone)], { zone });
    expect(answer.totals.night_minutes).toBe(night);
  });
});

describe('workingTimeReads', () => {
  it('reads the day before and the day after with rules off', () => {
    expect(workingTimeReads('off', '2026-11-01', '2026-11-30', BERLIN, at('2027-01-01 12:00'))).toEqual({
      spans: { start: at('2026-10-31 00:00'), end: at('2026-12-02 00:00') },
      calendar: { from: '2026-11-01', to: '2026-11-30' },
    });
  });

  it.each([
    ['de', '2027-01-01 12:00', '2026-06-16'],
    ['de', '2026-11-15 12:00', '2026-06-01'],
    ['eu', '2027-01-01 12:00', '2026-08-04'],
    ['at', '2027-01-01 12:00', '2026-08-04'],
  ] as const)('%s, today %s: reads the reference period from %s, the day before it, and two days past the last week', (rules, now, first) => {
    expect(workingTimeReads(rules, '2026-11-01', '2026-11-30', BERLIN, at(now))).toEqual({
      spans: { start: at(`${addDays(first, -1)} 00:00`), end: at('2026-12-09 00:00') },
      calendar: { from: first, to: '2026-11-30' },
    });
  });

  it('reads two days before a range still ahead, which has no average yet', () => {
    expect(workingTimeReads('de', '2026-12-01', '2026-12-31', BERLIN, at('2026-11-15 12:00'))).toEqual({
      spans: { start: at('2026-11-29 00:00'), end: startOfLocalDay('2027-01-06', BERLIN) },
      calendar: { from: '2026-12-01', to: '2026-12-31' },
    });
  });

  it.each(['off', 'de', 'eu', 'at'] as const)('%s: the spans read, cut to the read, give the answer all of them give', (rules) => {
    // Seven months of long days, nights and Sundays, from two connections.
    const all: CountedSpan[] = [
      ...everyDay('2026-05-01', '2026-12-31', [1, 2, 3, 4, 5], '07:00', 610).map((item) => ({ ...item, tracker: 'acme' })),
      ...everyDay('2026-05-01', '2026-12-31', [2, 4, 6, 7], '19:00', 300).map((item) => ({ ...item, tracker: 'beta' })),
    ];
    const calendar = calendarOf({ '2026-11-19': 'Test Day' }, { '2026-11-05': 'vacation' });
    const now = at('2026-11-26 21:00');
    const reads = workingTimeReads(rules, '2026-11-01', '2026-11-30', BERLIN, now);
    // As a back end's workSpans lists them: cut to the range read, a running one ending now.
    const read = all
      .filter((item) => item.start < now)
      .map((item) => ({ ...item, start: Math.max(item.start, reads.spans.start), end: Math.min(item.end, reads.spans.end, now) }))
      .filter((item) => item.end > item.start);
    const input = { rules, zone: BERLIN, from: '2026-11-01', to: '2026-11-30', now, calendar };
    const everything = workingTime({ ...input, spans: all.filter((item) => item.start < now).map((item) => ({ ...item, end: Math.min(item.end, now) })) });
    expect(workingTime({ ...input, spans: read })).toEqual(everything);
    expect(everything.findings.length).toBeGreaterThan(rules === 'off' ? -1 : 10);
  });
});
