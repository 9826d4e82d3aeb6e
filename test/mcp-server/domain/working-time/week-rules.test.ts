// The rules of a Monday-to-Sunday week: the longest rest in it, the rests reaching into it or out of it
// counted whole, a week not over not checked; Austria's 60 hours.
import { describe, expect, it } from 'vitest';
import { at, check, everyDay, found, span, VIENNA } from './week-of-work.ts';

const MONDAY = '2026-11-09';
const SUNDAY = '2026-11-15';
const MON_TO_SAT = [1, 2, 3, 4, 5, 6];

describe('the weekly rest', () => {
  it('de: the longest rest of a week worked every day is too short, dated on its Monday', () => {
    const spans = [...everyDay('2026-11-02', '2026-11-22', [1, 2, 3, 4, 5, 6, 7], '08:00', 480)];
    const answer = check('de', MONDAY, SUNDAY, spans);
    expect(found(answer, 'wt_weekly_rest_short')).toEqual([
      { code: 'wt_weekly_rest_short', date: MONDAY, from: MONDAY, to: SUNDAY, longest_rest_minutes: 960, required_minutes: 2100 },
    ]);
    expect(answer.days[0]?.findings).toContain('wt_weekly_rest_short');
  });

  it('counts a rest that reaches into the week from the week before whole', () => {
    // Nothing after Thursday 5 November at 16:00 until Monday at 08:00; then every day of the week.
    const spans = [...everyDay('2026-11-02', '2026-11-05', [1, 2, 3, 4], '08:00', 480), ...everyDay(MONDAY, '2026-11-22', [1, 2, 3, 4, 5, 6, 7], '08:00', 480)];
    expect(found(check('de', MONDAY, SUNDAY, spans), 'wt_weekly_rest_short')).toEqual([]);
  });

  it('counts a rest that reaches out of the week into the next whole', () => {
    // Sunday 08:00 to 10:00, then nothing until Tuesday at 08:00: 46 hours, most of them next week.
    const week = [
      ...everyDay('2026-11-02', '2026-11-08', [1, 2, 3, 4, 5, 6, 7], '08:00', 480),
      ...everyDay(MONDAY, SUNDAY, MON_TO_SAT, '08:00', 480),
      span(`${SUNDAY} 08:00`, '10:00'),
      ...everyDay('2026-11-17', '2026-11-22', [2, 3, 4, 5, 6], '08:00', 480),
    ];
    expect(found(check('de', MONDAY, SUNDAY, week), 'wt_weekly_rest_short')).toEqual([]);
    const back = [...week, span('2026-11-16 06:00', '07:00')];
    expect(found(check('de', MONDAY, SUNDAY, back), 'wt_weekly_rest_short')).toEqual([expect.objectContaining({ longest_rest_minutes: 1200 })]);
  });

  it('does not check a week that is not over yet', () => {
    const spans = everyDay('2026-11-02', SUNDAY, [1, 2, 3, 4, 5, 6, 7], '08:00', 480);
    expect(found(check('de', MONDAY, SUNDAY, spans, { now: `${SUNDAY} 23:59` }), 'wt_weekly_rest_short')).toEqual([]);
    expect(found(check('de', MONDAY, SUNDAY, spans, { now: '2026-11-16 00:00' }), 'wt_weekly_rest_short')).toHaveLength(1);
  });

  it('checks the weeks that begin in the range, each once', () => {
    const spans = everyDay('2026-10-26', '2026-12-13', [1, 2, 3, 4, 5, 6, 7], '08:00', 480);
    const november = check('de', '2026-11-01', '2026-11-30', spans);
    expect(found(november, 'wt_weekly_rest_short').map((finding) => finding.date)).toEqual([
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
  });

  it.each([
    ['de', 2130, false],
    ['at', 2130, true],
    ['at', 2160, false],
  ] as const)('%s: a longest rest of %i minutes is too short: %s', (rules, rest, short) => {
    // Every day of the week before, Monday to Saturday of this one until 16:00, and work again `rest` minutes later.
    const end = at('2026-11-14 16:00') + rest * 60_000;
    const spans = [...everyDay('2026-11-02', '2026-11-08', [1, 2, 3, 4, 5, 6, 7], '08:00', 480), ...everyDay(MONDAY, '2026-11-14', MON_TO_SAT, '08:00', 480)];
    spans.push({ start: end, end: end + 3_600_000 });
    const weekly = found(check(rules, MONDAY, SUNDAY, spans), 'wt_weekly_rest_short');
    expect(weekly).toEqual(short ? [expect.objectContaining({ longest_rest_minutes: rest, required_minutes: 2160 })] : []);
  });

  it('counts the hour the clocks go back: Saturday 20:00 to Monday 06:00 is 35 hours that weekend, enough in Berlin, short in Vienna', () => {
    const spans = (zone?: string) => [
      ...everyDay('2026-10-12', '2026-10-23', [1, 2, 3, 4, 5, 6, 7], '12:00', 480, zone),
      span('2026-10-24 12:00', '20:00', {}, zone),
      span('2026-10-26 06:00', '14:00', {}, zone),
    ];
    expect(found(check('de', '2026-10-19', '2026-10-25', spans()), 'wt_weekly_rest_short')).toEqual([]);
    expect(found(check('at', '2026-10-19', '2026-10-25', spans(VIENNA), { zone: VIENNA }), 'wt_weekly_rest_short')).toEqual([
      { code: 'wt_weekly_rest_short', date: '2026-10-19', from: '2026-10-19', to: '2026-10-25', longest_rest_minutes: 2100, required_minutes: 2160 },
    ]);
  });

  it('names the connections whose work falls in the week', () => {
    const spans = [
      ...everyDay('2026-11-02', '2026-11-22', [1, 3, 5, 7], '08:00', 480).map((item) => ({ ...item, tracker: 'acme' })),
      ...everyDay('2026-11-02', '2026-11-22', [2, 4, 6], '08:00', 480).map((item) => ({ ...item, tracker: 'beta' })),
    ];
    expect(found(check('eu', MONDAY, SUNDAY, spans), 'wt_weekly_rest_short')).toEqual([expect.objectContaining({ trackers: ['acme', 'beta'] })]);
    expect(
      found(
        check(
          'eu',
          MONDAY,
          SUNDAY,
          spans.filter((item) => item.tracker === 'acme'),
        ),
        'wt_weekly_rest_short',
      ),
    ).toEqual([]);
  });
});

describe("a week's maximum (at)", () => {
  it.each([
    [600, false],
    [601, true],
  ])('six days of %i minutes over 60 hours: %s', (minutes, over) => {
    const spans = everyDay(MONDAY, '2026-11-14', MON_TO_SAT, '06:00', minutes);
    const answer = check('at', MONDAY, SUNDAY, spans, { now: '2026-11-14 23:00' });
    expect(found(answer, 'wt_week_over_max')).toEqual(
      over ? [{ code: 'wt_week_over_max', date: MONDAY, from: MONDAY, to: SUNDAY, worked_minutes: 3606, max_minutes: 3600 }] : [],
    );
  });

  it('is no rule of de or eu', () => {
    const spans = everyDay(MONDAY, '2026-11-14', MON_TO_SAT, '06:00', 650);
    expect(found(check('de', MONDAY, SUNDAY, spans), 'wt_week_over_max')).toEqual([]);
    expect(found(check('eu', MONDAY, SUNDAY, spans), 'wt_week_over_max')).toEqual([]);
  });
});
