// working_time, the same on every back end that lists entries (docs/working-time.md): under the ArbZG's rules
// (`de`), a Monday of eleven hours with a half-hour break, and Tuesday's work begun nine hours after it
// ended, logged through the engine, read back as the same days and findings whatever keeps the time.
import { beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../support/engine.ts';
import { at, booking, WORLD } from './harness.ts';
import { backEndsWith, useWorld } from './suite.ts';

type Finding = { code: string; date: string; worked_minutes?: number; rest_minutes?: number };

describe.each(backEndsWith('reports'))('working time on $name', (backEnd) => {
  const world = useWorld(backEnd, () => backEnd.start({ settings: { workingTime: { rules: 'de' } } }));

  beforeAll(async () => {
    for (const [day, start, end] of [
      ['2026-11-09', '08:00', '13:00'],
      ['2026-11-09', '13:30', '19:30'],
      ['2026-11-10', '04:30', '06:30'],
    ] as const) {
      const logged = await world().call('log_time', { ...booking(backEnd, WORLD.website), start: at(day, start), end: at(day, end) });
      if (logged.isError) throw new Error(`The days could not be logged on ${backEnd.name}: ${textOf(logged)}`);
    }
  });

  it('reads the days as the law counts them and finds the day too long, its break too short and the rest too short', async () => {
    const answer = await world().call('working_time', { from: '2026-11-09', to: '2026-11-10' });
    expect(answer.isError, textOf(answer)).toBeFalsy();
    const days = answer.structuredContent?.days as Array<{ date: string; worked_minutes: number; break_minutes: number; findings: string[] }>;
    expect(days.map((day) => [day.date, day.worked_minutes, day.break_minutes])).toEqual([
      ['2026-11-09', 660, 30],
      ['2026-11-10', 120, 0],
    ]);
    const findings = answer.structuredContent?.findings as Finding[];
    expect(findings.map((finding) => [finding.code, finding.date])).toEqual([
      ['wt_day_over_max', '2026-11-09'],
      ['wt_break_short', '2026-11-09'],
      ['wt_rest_short', '2026-11-10'],
    ]);
    expect(findings[2]).toMatchObject({ rest_minutes: 540, required_minutes: 660 });
  });
});
