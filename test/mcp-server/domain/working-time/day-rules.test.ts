// The rules of one day at their edges: the day's maximum, breaks and the break block, work in a row,
// the rest before the day, Sunday and holiday work; a span across midnight, DST nights, several
// connections, agents' own time and breaks taken inside an entry.
import { describe, expect, it } from 'vitest';
import type { TimeEntry } from '../../../../mcp-server/domain/records.ts';
import { spansOfEntries } from '../../../../mcp-server/domain/working-time/index.ts';
import { at, BERLIN, calendarOf, check, found, lasting, span, VIENNA } from './week-of-work.ts';

const TUESDAY = '2026-11-10';
const WEDNESDAY = '2026-11-11';

/** A day of `parts` minutes of work separated by `gaps` minutes, from 08:00. */
function day(date: string, parts: readonly number[], gaps: readonly number[] = []) {
  let cursor = at(`${date} 08:00`);
  return parts.map((minutes, index) => {
    const start = cursor;
    cursor = start + minutes * 60_000 + (gaps[index] ?? 0) * 60_000;
    return { start, end: start + minutes * 60_000 };
  });
}

describe("a day's maximum", () => {
  it.each([
    ['de', 600, false],
    ['de', 601, true],
    ['at', 720, false],
    ['at', 721, true],
    ['eu', 900, false],
  ] as const)('%s: %i minutes over the day is a finding: %s', (rules, minutes, over) => {
    const answer = check(rules, TUESDAY, TUESDAY, day(TUESDAY, [minutes / 2, minutes / 2], [60]));
    const max = rules === 'de' ? 600 : 720;
    expect(found(answer, 'wt_day_over_max')).toEqual(over ? [{ code: 'wt_day_over_max', date: TUESDAY, worked_minutes: minutes, max_minutes: max }] : []);
  });

  it('counts a span across midnight whole to the day it began', () => {
    const answer = check('de', TUESDAY, WEDNESDAY, [span(`${TUESDAY} 20:00`, `${WEDNESDAY} 07:00`)]);
    expect(found(answer, 'wt_day_over_max')).toEqual([{ code: 'wt_day_over_max', date: TUESDAY, worked_minutes: 660, max_minutes: 600 }]);
    expect(answer.days.map((line) => [line.date, line.worked_minutes, line.start, line.end])).toEqual([
      [TUESDAY, 660, '2026-11-10T20:00:00+01:00', '2026-11-11T07:00:00+01:00'],
      [WEDNESDAY, 0, null, null],
    ]);
  });

  it('counts entries split at midnight as the one stretch they are: the night is no rest', () => {
    const answer = check('de', TUESDAY, WEDNESDAY, [span(`${TUESDAY} 22:00`, `${WEDNESDAY} 00:00`), span(`${WEDNESDAY} 00:00`, `${WEDNESDAY} 05:00`)]);
    expect(answer.days.map((line) => [line.date, line.worked_minutes, line.rest_before_minutes])).toEqual([
      [TUESDAY, 420, null],
      [WEDNESDAY, 0, null],
    ]);
    expect(found(answer, 'wt_rest_short')).toEqual([]);
  });

  it('counts a DST night as long as it really is (Vienna: 12 h 30 min on the night clocks go back, 11 h 30 min when they go forward)', () => {
    const autumn = check('at', '2026-10-24', '2026-10-24', [span('2026-10-24 19:00', '2026-10-25 06:30', {}, VIENNA)], { zone: VIENNA });
    expect(found(autumn, 'wt_day_over_max')).toEqual([{ code: 'wt_day_over_max', date: '2026-10-24', worked_minutes: 750, max_minutes: 720 }]);
    const spring = check('at', '2026-03-28', '2026-03-28', [span('2026-03-28 19:00', '2026-03-29 07:30', {}, VIENNA)], { zone: VIENNA });
    expect(spring.days[0]?.worked_minutes).toBe(690);
    expect(found(spring, 'wt_day_over_max')).toEqual([]);
  });
});

describe('breaks', () => {
  it.each([
    [359, false],
    [360, false],
    [361, true],
  ])('de: %i minutes without a break require 30: %s', (minutes, short) => {
    const answer = check('de', TUESDAY, TUESDAY, [lasting(`${TUESDAY} 08:00`, minutes)]);
    expect(found(answer, 'wt_break_short')).toEqual(
      short ? [{ code: 'wt_break_short', date: TUESDAY, worked_minutes: minutes, break_minutes: 0, required_minutes: 30 }] : [],
    );
  });

  it('de: a gap of 15 minutes is a break, one of 14 an interruption of work', () => {
    const fifteen = check('de', TUESDAY, TUESDAY, day(TUESDAY, [140, 140, 140], [15, 15]));
    expect(found(fifteen, 'wt_break_short')).toEqual([]);
    expect(fifteen.days[0]?.break_minutes).toBe(30);
    const fourteen = check('de', TUESDAY, TUESDAY, day(TUESDAY, [140, 140, 140], [15, 14]));
    expect(fourteen.days[0]?.break_minutes).toBe(15);
    expect(found(fourteen, 'wt_break_short')).toEqual([
      { code: 'wt_break_short', date: TUESDAY, worked_minutes: 420, break_minutes: 15, required_minutes: 30 },
    ]);
  });

  it('de: over nine hours require 45 minutes', () => {
    const answer = check('de', TUESDAY, TUESDAY, day(TUESDAY, [270, 271], [30]));
    expect(found(answer, 'wt_break_short')).toEqual([{ code: 'wt_break_short', date: TUESDAY, worked_minutes: 541, break_minutes: 30, required_minutes: 45 }]);
    expect(found(check('de', TUESDAY, TUESDAY, day(TUESDAY, [270, 270], [30])), 'wt_break_short')).toEqual([]);
  });

  it('at: three breaks of 10 minutes make the 30, one of 9 does not count', () => {
    const tens = check('at', TUESDAY, TUESDAY, day(TUESDAY, [100, 100, 100, 100], [10, 10, 10]), { zone: BERLIN });
    expect(tens.days[0]?.break_minutes).toBe(30);
    expect(found(tens, 'wt_break_short')).toEqual([]);
    const nine = check('at', TUESDAY, TUESDAY, day(TUESDAY, [100, 100, 100, 100], [10, 10, 9]));
    expect(found(nine, 'wt_break_short')).toEqual([{ code: 'wt_break_short', date: TUESDAY, worked_minutes: 400, break_minutes: 20, required_minutes: 30 }]);
  });

  it('eu: over six hours require 15 minutes (Punchcard’s default)', () => {
    expect(found(check('eu', TUESDAY, TUESDAY, [lasting(`${TUESDAY} 08:00`, 361)]), 'wt_break_short')).toEqual([
      { code: 'wt_break_short', date: TUESDAY, worked_minutes: 361, break_minutes: 0, required_minutes: 15 },
    ]);
    expect(found(check('eu', TUESDAY, TUESDAY, day(TUESDAY, [200, 200], [15])), 'wt_break_short')).toEqual([]);
  });

  it('takes breaks taken inside an entry (start_break) as breaks, not work', () => {
    const shift: TimeEntry = {
      id: 1,
      start: at(`${TUESDAY} 08:00`),
      end: at(`${TUESDAY} 16:30`),
      project: null,
      activity: null,
      description: '',
      breaks: [{ type: { id: 1, name: 'Lunch' }, start: at(`${TUESDAY} 12:00`), end: at(`${TUESDAY} 12:30`) }],
    };
    const answer = check('de', TUESDAY, TUESDAY, spansOfEntries([shift], at(`${TUESDAY} 18:00`)));
    expect(answer.days[0]).toMatchObject({ worked_minutes: 480, break_minutes: 30 });
    expect(answer.findings).toEqual([]);
    const unbroken = check('de', TUESDAY, TUESDAY, spansOfEntries([{ ...shift, breaks: [] }], at(`${TUESDAY} 18:00`)));
    expect(found(unbroken, 'wt_break_short')).toHaveLength(1);
  });

  it('a running break ends now, and a running entry too', () => {
    const running: TimeEntry = {
      id: 1,
      start: at(`${TUESDAY} 08:00`),
      end: null,
      project: null,
      activity: null,
      description: '',
      breaks: [{ type: { id: 1, name: 'Lunch' }, start: at(`${TUESDAY} 14:00`), end: null }],
    };
    expect(spansOfEntries([running], at(`${TUESDAY} 14:20`), 'acme')).toEqual([
      { start: at(`${TUESDAY} 08:00`), end: at(`${TUESDAY} 14:00`), tracker: 'acme' },
    ]);
  });
});

describe('work in a row', () => {
  it.each([
    [359, false],
    [360, false],
    [361, true],
  ])('de: %i minutes in a row: %s', (minutes, over) => {
    const answer = check('de', TUESDAY, TUESDAY, [lasting(`${TUESDAY} 08:00`, minutes)]);
    expect(found(answer, 'wt_stretch_over_max')).toEqual(
      over ? [{ code: 'wt_stretch_over_max', date: TUESDAY, start: '2026-11-10T08:00:00+01:00', end: '2026-11-10T14:01:00+01:00', minutes }] : [],
    );
  });

  it('de: a stretch runs on across gaps shorter than a break, its minutes from start to end', () => {
    const joined = check('de', TUESDAY, TUESDAY, day(TUESDAY, [180, 180], [14]));
    expect(found(joined, 'wt_stretch_over_max')).toEqual([
      { code: 'wt_stretch_over_max', date: TUESDAY, start: '2026-11-10T08:00:00+01:00', end: '2026-11-10T14:14:00+01:00', minutes: 374 },
    ]);
    expect(found(check('de', TUESDAY, TUESDAY, day(TUESDAY, [180, 180], [15])), 'wt_stretch_over_max')).toEqual([]);
  });

  it('is no rule of eu or at', () => {
    expect(found(check('eu', TUESDAY, TUESDAY, [lasting(`${TUESDAY} 08:00`, 500)]), 'wt_stretch_over_max')).toEqual([]);
    expect(found(check('at', TUESDAY, TUESDAY, [lasting(`${TUESDAY} 08:00`, 500)]), 'wt_stretch_over_max')).toEqual([]);
  });
});

describe('the rest between days', () => {
  it.each([
    ['07:59', 659],
    ['08:00', 660],
    ['08:01', 661],
  ])('de: work until 21:00 and again at %s: a rest of %i minutes, short under 660, dated on the day it ends', (start, rest) => {
    const answer = check('de', WEDNESDAY, WEDNESDAY, [span(`${TUESDAY} 17:00`, '21:00'), span(`${WEDNESDAY} ${start}`, '12:00')]);
    expect(answer.days[0]?.rest_before_minutes).toBe(rest);
    expect(found(answer, 'wt_rest_short')).toEqual(
      rest < 660
        ? [
            {
              code: 'wt_rest_short',
              date: WEDNESDAY,
              end: '2026-11-10T21:00:00+01:00',
              next_start: '2026-11-11T07:59:00+01:00',
              rest_minutes: 659,
              required_minutes: 660,
            },
          ]
        : [],
    );
  });

  it.each([
    [BERLIN, 'de'],
    [VIENNA, 'at'],
  ] as const)('%s: the night clocks go back is an hour longer, the night they go forward an hour shorter', (zone, rules) => {
    // 22:00 to 09:00 by the wall clock is eleven hours, except on these two nights.
    const autumn = check(rules, '2026-10-25', '2026-10-25', [span('2026-10-24 18:00', '22:00', {}, zone), span('2026-10-25 08:00', '10:00', {}, zone)], {
      zone,
    });
    expect(autumn.days[0]?.rest_before_minutes).toBe(660);
    expect(found(autumn, 'wt_rest_short')).toEqual([]);
    const spring = check(rules, '2026-03-29', '2026-03-29', [span('2026-03-28 18:00', '22:00', {}, zone), span('2026-03-29 09:00', '10:00', {}, zone)], {
      zone,
    });
    expect(found(spring, 'wt_rest_short')).toEqual([
      {
        code: 'wt_rest_short',
        date: '2026-03-29',
        end: '2026-03-28T22:00:00+01:00',
        next_start: '2026-03-29T09:00:00+02:00',
        rest_minutes: 600,
        required_minutes: 660,
      },
    ]);
  });

  it('counts the rest from the end of a span across midnight', () => {
    const answer = check('eu', WEDNESDAY, WEDNESDAY, [span(`${TUESDAY} 22:00`, `${WEDNESDAY} 02:00`), span(`${WEDNESDAY} 12:00`, '14:00')]);
    expect(found(answer, 'wt_rest_short')).toEqual([
      {
        code: 'wt_rest_short',
        date: WEDNESDAY,
        end: '2026-11-11T02:00:00+01:00',
        next_start: '2026-11-11T12:00:00+01:00',
        rest_minutes: 600,
        required_minutes: 660,
      },
    ]);
  });
});

describe('Sundays and public holidays', () => {
  const SATURDAY = '2026-11-14';
  const SUNDAY = '2026-11-15';

  it('de and at: any work on a Sunday, counted on that calendar day from 0 to 24 h', () => {
    for (const rules of ['de', 'at'] as const) {
      const answer = check(rules, SATURDAY, SUNDAY, [span(`${SATURDAY} 22:00`, `${SUNDAY} 01:00`)]);
      expect(found(answer, 'wt_sunday_or_holiday')).toEqual([{ code: 'wt_sunday_or_holiday', date: SUNDAY, worked_minutes: 60 }]);
    }
    expect(found(check('eu', SATURDAY, SUNDAY, [span(`${SUNDAY} 10:00`, '11:00')]), 'wt_sunday_or_holiday')).toEqual([]);
  });

  it('names the public holiday; a half holiday is none', () => {
    const calendar = calendarOf({ [TUESDAY]: 'Test Day' });
    expect(found(check('de', TUESDAY, TUESDAY, [span(`${TUESDAY} 10:00`, '10:01')], { calendar }), 'wt_sunday_or_holiday')).toEqual([
      { code: 'wt_sunday_or_holiday', date: TUESDAY, worked_minutes: 1, holiday: 'Test Day' },
    ]);
    const half = { ...calendar, plan: (date: string) => ({ ...calendar.plan(date), halfHoliday: date === TUESDAY }) };
    expect(found(check('de', TUESDAY, TUESDAY, [span(`${TUESDAY} 10:00`, '11:00')], { calendar: half }), 'wt_sunday_or_holiday')).toEqual([]);
  });
});

describe('what counts', () => {
  it("leaves AI agents' own time out", () => {
    const answer = check('de', TUESDAY, TUESDAY, [
      span(`${TUESDAY} 08:00`, '13:00'),
      span(`${TUESDAY} 13:45`, '18:45'),
      span(`${TUESDAY} 18:45`, '23:00', { agent: 'claude-code' }),
    ]);
    expect(answer.days[0]).toMatchObject({ worked_minutes: 600, end: '2026-11-10T18:45:00+01:00' });
    expect(answer.findings).toEqual([]);
  });

  it('adds up the hours of every connection, naming those a finding counts, and counts time booked twice once', () => {
    const answer = check('de', TUESDAY, WEDNESDAY, [
      span(`${TUESDAY} 07:00`, '12:00', { tracker: 'acme' }),
      span(`${TUESDAY} 12:30`, '18:00', { tracker: 'beta' }),
      span(`${TUESDAY} 17:00`, '18:00', { tracker: 'acme' }),
      span(`${WEDNESDAY} 04:00`, '06:00', { tracker: 'home' }),
    ]);
    expect(answer.days[0]?.worked_minutes).toBe(630);
    expect(found(answer, 'wt_day_over_max')).toEqual([
      { code: 'wt_day_over_max', date: TUESDAY, worked_minutes: 630, max_minutes: 600, trackers: ['acme', 'beta'] },
    ]);
    expect(found(answer, 'wt_rest_short')).toEqual([expect.objectContaining({ date: WEDNESDAY, rest_minutes: 600, trackers: ['acme', 'beta', 'home'] })]);
    const acmeAlone = check('de', TUESDAY, WEDNESDAY, [
      span(`${TUESDAY} 07:00`, '12:00', { tracker: 'acme' }),
      span(`${TUESDAY} 17:00`, '18:00', { tracker: 'acme' }),
    ]);
    expect(acmeAlone.findings).toEqual([]);
  });

  it('counts an entry without times (a day and a length) to its day, but finds no missing break in it', () => {
    const untimed = { start: at(`${TUESDAY} 00:00`), end: at(`${TUESDAY} 11:00`), span: 'day' as const };
    const answer = check('de', TUESDAY, TUESDAY, [untimed]);
    expect(answer.days[0]).toMatchObject({ worked_minutes: 660, start: null, end: null, rest_before_minutes: null });
    expect(answer.findings.map((finding) => finding.code)).toEqual(['wt_day_over_max']);
    expect(answer.totals.night_minutes).toBe(0);
  });
});
