// The working-time balance: opening plus worked less target from `since` up to yesterday.
import { describe, expect, it } from 'vitest';
import { balanceReads, balanceSince, sharedCalendar, workingTimeBalance } from '../../../../mcp-server/domain/working-time/index.ts';
import { at, BERLIN, calendarOf, everyDay, lasting, span } from './week-of-work.ts';

describe('the balance', () => {
  it('starts on the first day of the year unless the settings say when', () => {
    expect(balanceSince(undefined, '2026-11-11')).toBe('2026-01-01');
    expect(balanceSince('2026-03-01', '2026-11-11')).toBe('2026-03-01');
  });

  it('adds worked less target over the days from since up to yesterday, today left out', () => {
    // 9 hours every weekday from Monday 2 November; today, Wednesday 11 November, not yet.
    const spans = [...everyDay('2026-11-02', '2026-11-11', [1, 2, 3, 4, 5], '07:00', 540), lasting('2026-11-07 10:00', 60)];
    const calendar = calendarOf({ '2026-11-05': 'Test Day' }, { '2026-11-06': { type: 'vacation', days: 0.5 } });
    // 7 weekdays of 540 and a Saturday's 60 = 3,840; targets: 6 days of 480 less the holiday, half of the leave day = 2,640.
    expect(workingTimeBalance({ since: '2026-11-02', openingMinutes: -90, today: '2026-11-11', zone: BERLIN, rules: 'de', spans, calendar })).toEqual({
      since: '2026-11-02',
      since_reason: 'setting',
      opening_minutes: -90,
      minutes: -90 + 3840 - 2640,
    });
  });

  it('counts yesterday’s night shift whole to yesterday', () => {
    const spans = [span('2026-11-10 22:00', '2026-11-11 07:00')];
    expect(
      workingTimeBalance({ since: '2026-11-10', openingMinutes: 0, today: '2026-11-11', zone: BERLIN, rules: 'off', spans, calendar: calendarOf() }).minutes,
    ).toBe(540 - 480);
  });

  it('is the opening alone from today on, with nothing to read', () => {
    expect(balanceReads('2026-11-11', '2026-11-11', BERLIN)).toBeNull();
    expect(
      workingTimeBalance({ since: '2026-11-11', openingMinutes: 45, today: '2026-11-11', zone: BERLIN, rules: 'de', spans: [], calendar: calendarOf() }),
    ).toEqual({
      since: '2026-11-11',
      since_reason: 'setting',
      opening_minutes: 45,
      minutes: 45,
    });
  });

  it('reads from the day before since to the end of today, and the plan up to yesterday', () => {
    expect(balanceReads('2026-01-01', '2026-11-11', BERLIN)).toEqual({
      spans: { start: at('2025-12-31 00:00'), end: at('2026-11-12 00:00') },
      calendar: { from: '2026-01-01', to: '2026-11-10' },
    });
  });

  it("of connections that share the settings' week: one target a day, the least of theirs, a day off in one a day off of both", () => {
    const acme = calendarOf({ '2026-11-05': 'Test Day' }, { '2026-11-03': { type: 'vacation', days: 0.5 } });
    const beta = calendarOf({ '2026-11-05': 'Test Day' }, { '2026-11-03': { type: 'vacation', days: 1 }, '2026-11-04': { type: 'sick', days: 0.5 } });
    const shared = sharedCalendar([acme, beta]);
    expect([...shared.leave]).toEqual([
      ['2026-11-03', { type: 'vacation', days: 1 }],
      ['2026-11-04', { type: 'sick', days: 0.5 }],
    ]);
    // Monday 480, Tuesday off, Wednesday half, Thursday the holiday: 720 to work, 600 worked.
    const spans = [lasting('2026-11-02 08:00', 300), lasting('2026-11-02 14:00', 180), lasting('2026-11-04 08:00', 120)];
    expect(
      workingTimeBalance({ since: '2026-11-02', openingMinutes: 0, today: '2026-11-06', zone: BERLIN, rules: 'de', spans, calendar: shared }).minutes,
    ).toBe(600 - 720);
  });

  describe("without the settings' day, from the first work this year", () => {
    const balance = (spans: Parameters<typeof workingTimeBalance>[0]['spans'], today = '2026-11-11') =>
      workingTimeBalance({ since: '2026-01-01', fromFirstWork: true, openingMinutes: 30, today, zone: BERLIN, rules: 'de', spans, calendar: calendarOf() });

    it('starts on the first day with work, the weekdays before it owed nothing', () => {
      // Monday 9 November, 9 hours; Tuesday nothing: 30 + (540 − 480) + (0 − 480).
      expect(balance([lasting('2026-11-09 08:00', 540)])).toEqual({ since: '2026-11-09', since_reason: 'first_work', opening_minutes: 30, minutes: -390 });
    });

    it('starts on the first of the year where work was recorded on it, or ran into it from the night before', () => {
      expect(balance([lasting('2026-01-01 10:00', 60)]).since_reason).toBe('year_start');
      const overNewYear = balance([span('2025-12-31 22:00', '2026-01-01 02:00')]);
      expect([overNewYear.since, overNewYear.since_reason]).toEqual(['2026-01-01', 'year_start']);
      expect(balance([lasting('2026-01-02 10:00', 60)]).since).toBe('2026-01-02');
    });

    it("starts today, the opening alone, where no work is recorded; an agent's own time is none", () => {
      expect(balance([])).toEqual({ since: '2026-11-11', since_reason: 'no_work', opening_minutes: 30, minutes: 30 });
      expect(balance([{ ...lasting('2026-11-09 08:00', 120), agent: 'claude' }]).since_reason).toBe('no_work');
      // Work today only: it starts today, and today is not over.
      expect(balance([lasting('2026-11-11 08:00', 120)])).toEqual({ since: '2026-11-11', since_reason: 'first_work', opening_minutes: 30, minutes: 30 });
    });

    it('on the first of January starts then, with nothing to count', () => {
      expect(balance([], '2026-01-01')).toEqual({ since: '2026-01-01', since_reason: 'year_start', opening_minutes: 30, minutes: 30 });
    });
  });
});
