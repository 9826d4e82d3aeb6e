// A lead's count of working-time findings (docs/working-time.md, "Leads"), the same on every back end whose people
// can lead and whose lead sees hours (team_hours): under the organisation's rules (`de`, both engines' settings),
// Ada works Monday 16 November eleven hours with a half-hour break and Tuesday from 04:30, nine hours after; Lea's
// team_report counts for Ada what those entries decide, and for Bob (an hour on Monday) nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../support/engine.ts';
import { at, booking, type TeamWorld, WORLD } from './harness.ts';
import { BACK_ENDS } from './suite.ts';

const WEEK = { from: '2026-11-16', to: '2026-11-18' };

type Person = { name: string; working_time?: Record<string, number> };

describe.each(BACK_ENDS.filter((backEnd) => backEnd.team?.leadCapabilities.has('team_hours')))('working time for the lead on $name', (backEnd) => {
  const { names } = backEnd.team as NonNullable<typeof backEnd.team>;
  let world: TeamWorld | undefined;
  const team = () => {
    if (!world) throw new Error(`The team's world over ${backEnd.name} did not start.`);
    return world;
  };
  beforeAll(async () => {
    world = await backEnd.team?.start({ settings: { workingTime: { rules: 'de' } } });
    for (const [day, start, end] of [
      ['2026-11-16', '08:00', '13:00'],
      ['2026-11-16', '13:30', '19:30'],
      ['2026-11-17', '04:30', '06:30'],
    ] as const) {
      const logged = await team().call('log_time', { ...booking(backEnd, WORLD.website), start: at(day, start), end: at(day, end) });
      if (logged.isError) throw new Error(`Ada's days could not be logged on ${backEnd.name}: ${textOf(logged)}`);
    }
  });
  afterAll(async () => {
    await world?.close();
  });

  it("team_report counts Ada's findings by code, Bob's none, and says them in its sentence", async () => {
    const report = await team().lead.call('team_report', WEEK);
    expect(report.isError, textOf(report)).toBeFalsy();
    const people = (report.structuredContent as { people: Person[] }).people;
    const of = (name: string) => people.find((person) => person.name === name);
    expect(of(names.person)?.working_time).toEqual({ wt_day_over_max: 1, wt_break_short: 1, wt_rest_short: 1 });
    expect(of(names.colleague)?.working_time).toEqual({});
    expect(textOf(report)).toContain('working time: 1 rest too short, 1 day over the maximum, 1 day with too little break under the ArbZG');
  });
});
