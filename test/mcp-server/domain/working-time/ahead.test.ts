// Before it happens: when the running timer takes the day over a limit, and until when a clock-in
// would start work inside the rest.
import { describe, expect, it } from 'vitest';
import { clockInInsideRest, limitsAhead } from '../../../../mcp-server/domain/working-time/index.ts';
import { at, BERLIN, span, VIENNA } from './week-of-work.ts';

const TUESDAY = '2026-11-10';

describe('limitsAhead', () => {
  it('de: a timer running since 08:00 makes six hours in a row at 14:00, the day’s maximum at 18:00, and wants its break at 14:00 and 17:00', () => {
    const now = at(`${TUESDAY} 10:00`);
    const limits = limitsAhead({ rules: 'de', zone: BERLIN, now, spans: [{ start: at(`${TUESDAY} 08:00`), end: now }], runningSince: at(`${TUESDAY} 08:00`) });
    expect(limits).toEqual([
      { code: 'wt_stretch_over_max', date: TUESDAY, at: at(`${TUESDAY} 14:00`), start: at(`${TUESDAY} 08:00`), max_minutes: 360 },
      { code: 'wt_break_short', date: TUESDAY, at: at(`${TUESDAY} 14:00`), worked_minutes: 360, break_minutes: 0, required_minutes: 30 },
      { code: 'wt_break_short', date: TUESDAY, at: at(`${TUESDAY} 17:00`), worked_minutes: 540, break_minutes: 0, required_minutes: 45 },
      { code: 'wt_day_over_max', date: TUESDAY, at: at(`${TUESDAY} 18:00`), max_minutes: 600 },
    ]);
  });

  it('counts the morning’s work and its break: after a 30-minute lunch, only the 45 minutes remain ahead', () => {
    const now = at(`${TUESDAY} 12:30`);
    const spans = [span(`${TUESDAY} 08:00`, '11:00'), { start: at(`${TUESDAY} 11:30`), end: now }];
    expect(limitsAhead({ rules: 'de', zone: BERLIN, now, spans, runningSince: at(`${TUESDAY} 11:30`) })).toEqual([
      { code: 'wt_stretch_over_max', date: TUESDAY, at: at(`${TUESDAY} 17:30`), start: at(`${TUESDAY} 11:30`), max_minutes: 360 },
      { code: 'wt_break_short', date: TUESDAY, at: at(`${TUESDAY} 17:30`), worked_minutes: 540, break_minutes: 30, required_minutes: 45 },
      { code: 'wt_day_over_max', date: TUESDAY, at: at(`${TUESDAY} 18:30`), max_minutes: 600 },
    ]);
  });

  it('at: twelve hours a day, no rule of work in a row; a night shift’s day is the one it began', () => {
    const start = at('2026-10-24 20:00', VIENNA);
    const now = at('2026-10-25 01:00', VIENNA);
    // The night the clocks go back: 12 hours from 20:00 end at 07:00 by the wall clock.
    expect(limitsAhead({ rules: 'at', zone: VIENNA, now, spans: [{ start, end: now }], runningSince: start })).toEqual([
      {
        code: 'wt_break_short',
        date: '2026-10-24',
        at: at('2026-10-25 01:00', VIENNA) + 3_600_000,
        worked_minutes: 360,
        break_minutes: 0,
        required_minutes: 30,
      },
      { code: 'wt_day_over_max', date: '2026-10-24', at: at('2026-10-25 07:00', VIENNA), max_minutes: 720 },
    ]);
  });

  it('finds nothing ahead without a running timer, or where every limit is behind', () => {
    const now = at(`${TUESDAY} 20:00`);
    expect(limitsAhead({ rules: 'de', zone: BERLIN, now, spans: [span(`${TUESDAY} 08:00`, '12:00')], runningSince: null })).toEqual([]);
    expect(limitsAhead({ rules: 'de', zone: BERLIN, now, spans: [{ start: at(`${TUESDAY} 08:00`), end: now }], runningSince: at(`${TUESDAY} 08:00`) })).toEqual(
      [],
    );
  });

  it('leaves an agent’s time out of the day', () => {
    const now = at(`${TUESDAY} 10:00`);
    const spans = [span(`${TUESDAY} 06:00`, '07:50', { agent: 'codex' }), { start: at(`${TUESDAY} 08:00`), end: now }];
    expect(limitsAhead({ rules: 'at', zone: BERLIN, now, spans, runningSince: at(`${TUESDAY} 08:00`) }).map((limit) => limit.at)).toEqual([
      at(`${TUESDAY} 14:00`),
      at(`${TUESDAY} 20:00`),
    ]);
  });
});

describe('clockInInsideRest', () => {
  const yesterday = [span('2026-11-09 13:00', '22:00')];

  it.each([
    ['2026-11-10 08:59', true],
    ['2026-11-10 09:00', false],
  ])('de: after work until 22:00, a clock-in at %s starts work inside the rest: %s', (now, inside) => {
    expect(clockInInsideRest('de', BERLIN, yesterday, at(now))).toEqual(inside ? { end: at('2026-11-09 22:00'), until: at('2026-11-10 09:00') } : null);
  });

  it('is no rest while the day goes on: the same evening, or back from a short pause after midnight', () => {
    expect(clockInInsideRest('de', BERLIN, yesterday, at('2026-11-09 23:30'))).toBeNull();
    const night = [span('2026-11-09 20:00', '2026-11-10 00:30')];
    expect(clockInInsideRest('de', BERLIN, night, at('2026-11-10 00:40'))).toBeNull();
    expect(clockInInsideRest('de', BERLIN, night, at('2026-11-10 00:45'))).toEqual({ end: at('2026-11-10 00:30'), until: at('2026-11-10 11:30') });
  });

  it('counts the rest in real hours on the night the clocks go forward', () => {
    const friday = [span('2026-03-28 21:00', '23:00')];
    expect(clockInInsideRest('eu', BERLIN, friday, at('2026-03-29 08:30'))).toEqual({ end: at('2026-03-28 23:00'), until: at('2026-03-29 11:00') });
  });
});
