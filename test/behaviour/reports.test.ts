// time_report, the same on every back end that has it, over last week (9 to 15 November 2026, all of it
// past): three entries logged through the engine, totalled by day, by week and by project, each day against
// the target of Ada's plan (8 hours Monday to Friday in every world: the back end's own, or the settings'
// default where it keeps none). What only some back ends add (their own time account: back_end_balance) is
// theirs to test.
import { beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../support/engine.ts';
import { at, booking, WORLD } from './harness.ts';
import { backEndsWith, describeLacking, useWorld } from './suite.ts';

const WEEK = { from: '2026-11-09', to: '2026-11-15' };
const DAYS = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15'];
const EIGHT_HOURS = 480;

describe.each(backEndsWith('reports'))('time reports on $name', (backEnd) => {
  const world = useWorld(backEnd);

  beforeAll(async () => {
    for (const [project, day, start, end] of [
      [WORLD.website, '2026-11-09', '09:00', '11:00'],
      [WORLD.internal, '2026-11-09', '13:00', '14:00'],
      [WORLD.website, '2026-11-10', '09:00', '10:30'],
    ] as const) {
      const logged = await world().call('log_time', { ...booking(backEnd, project), start: at(day, start), end: at(day, end) });
      if (logged.isError) throw new Error(`The week could not be logged on ${backEnd.name}: ${textOf(logged)}`);
    }
  });

  it('a week by day totals the logged entries, each day against its target', async () => {
    const report = await world().call('time_report', WEEK);
    const minutes: Record<string, number> = { '2026-11-09': 180, '2026-11-10': 90 };
    expect(report.structuredContent).toMatchObject({
      ...WEEK,
      groups: DAYS.map((day, index) => ({ key: day, minutes: minutes[day] ?? 0, target_minutes: index < 5 ? EIGHT_HOURS : 0 })),
      total_minutes: 270,
      target_minutes: 5 * EIGHT_HOURS,
      target_so_far_minutes: 5 * EIGHT_HOURS,
      overtime_minutes: 270 - 5 * EIGHT_HOURS,
      agent_minutes_left_out: 0,
    });
  });

  it('by project: each project its minutes, the totals as by day', async () => {
    const report = await world().call('time_report', { ...WEEK, group_by: 'project' });
    expect(report.structuredContent).toMatchObject({
      groups: [
        { key: WORLD.website, minutes: 210 },
        { key: WORLD.internal, minutes: 60 },
      ],
      total_minutes: 270,
      target_minutes: 5 * EIGHT_HOURS,
    });
  });

  it('by week: one week, its minutes against its target', async () => {
    const report = await world().call('time_report', { ...WEEK, group_by: 'week' });
    expect(report.structuredContent).toMatchObject({ groups: [{ key: '2026-W46', minutes: 270, target_minutes: 5 * EIGHT_HOURS }], total_minutes: 270 });
  });

  it("one project's report: its days with time, and no target", async () => {
    const report = await world().call('time_report', { ...WEEK, project: WORLD.website });
    expect(report.structuredContent).toMatchObject({
      groups: [
        { key: '2026-11-09', minutes: 120 },
        { key: '2026-11-10', minutes: 90 },
      ],
      total_minutes: 210,
      target_minutes: null,
      overtime_minutes: null,
      back_end_balance: null,
    });
  });

  it('a week with nothing logged totals nothing, its days still against their targets', async () => {
    const report = await world().call('time_report', { from: '2026-11-02', to: '2026-11-08' });
    expect(report.structuredContent).toMatchObject({ total_minutes: 0, target_minutes: 5 * EIGHT_HOURS, overtime_minutes: -5 * EIGHT_HOURS });
    expect((report.structuredContent?.groups as Array<{ minutes: number }>).map((group) => group.minutes)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describeLacking('reports');
