// Entries a back end should not have (issue 91): one that ends before it starts, one of a thousand hours (longer
// than Toggl Track keeps any, and than any stretch of work anywhere). Planted into each fake as Ada's, beside an
// ordinary two hours, in the week of 2 November 2026: list_time_entries lists every one as it came, each impossible
// one with the notice `entry_impossible` naming it, its start, its end and why; time_report counts the two hours
// and nothing of the others, and says the same notices. The same on every back end that lists entries: the check
// is the records' own (mcp-server/domain/records.ts, checkedEntry), made in each back end's mapping.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ToolResult } from '../support/engine.ts';
import { WORLD } from './harness.ts';
import { backEndsWith, useWorld } from './suite.ts';

const WEEK = { from: '2026-11-02', to: '2026-11-08' };
const HOUR = 3_600_000;
const at = (instant: string) => Date.parse(instant);

/** What is planted, by its description: a thousand hours from Tuesday, an hour backwards on Wednesday, two ordinary hours on Thursday. */
const PLANTED = {
  long: { start: at('2026-11-03T09:00:00+01:00'), end: at('2026-11-03T09:00:00+01:00') + 1_000 * HOUR, description: 'A thousand hours' },
  backwards: { start: at('2026-11-04T10:00:00+01:00'), end: at('2026-11-04T09:00:00+01:00'), description: 'Ends before it starts' },
  ordinary: { start: at('2026-11-05T09:00:00+01:00'), end: at('2026-11-05T11:00:00+01:00'), description: 'Two ordinary hours' },
} as const;

interface Listed {
  id: number;
  description: string;
  minutes: number;
}
interface Said {
  code: string;
  facts: { entry: number; why: string; start: string; end: string };
}

const impossibleOf = (result: ToolResult) =>
  ((result.structuredContent?.notices as Said[] | undefined) ?? []).filter((notice) => notice.code === 'entry_impossible').map((notice) => notice.facts);

describe.each(backEndsWith('entries'))('entries $name should not have', (backEnd) => {
  const world = useWorld(backEnd);
  const planted = backEnd.storesEntriesEndingBeforeStart ? [PLANTED.long, PLANTED.backwards] : [PLANTED.long];

  beforeAll(() => {
    const plant = world().plantEntry;
    if (!plant) throw new Error(`${backEnd.name}'s world cannot plant an entry (World.plantEntry).`);
    for (const entry of [...planted, PLANTED.ordinary]) plant({ ...entry, project: WORLD.website });
  });

  it('are listed as they came, each with a notice naming it, its times and why', async () => {
    const result = await world().call('list_time_entries', WEEK);
    expect(result.isError).toBeFalsy();
    const entries = result.structuredContent?.entries as Listed[];
    expect(entries.map((entry) => entry.description).toSorted()).toEqual([...planted, PLANTED.ordinary].map((entry) => entry.description).toSorted());
    const idOf = (description: string) => entries.find((entry) => entry.description === description)?.id;
    const said = impossibleOf(result);
    expect(said.map((facts) => facts.entry).toSorted()).toEqual(planted.map((entry) => idOf(entry.description)).toSorted());
    expect(said.find((facts) => facts.entry === idOf(PLANTED.long.description))?.why).toBe('too_long');
    if (backEnd.storesEntriesEndingBeforeStart) {
      const backwards = said.find((facts) => facts.entry === idOf(PLANTED.backwards.description));
      expect(backwards?.why).toBe('ends_before_start');
      expect(Date.parse(backwards?.end ?? '')).toBeLessThan(Date.parse(backwards?.start ?? ''));
    }
  });

  it('are left out of the totals, which count the ordinary hours alone, and said there too', async () => {
    const byDay = await world().call('time_report', WEEK);
    expect(byDay.isError).toBeFalsy();
    expect(byDay.structuredContent).toMatchObject({ total_minutes: 120 });
    const days = byDay.structuredContent?.groups as Array<{ key: string; minutes: number }>;
    expect(days.filter((day) => day.minutes > 0)).toEqual([expect.objectContaining({ key: '2026-11-05', minutes: 120 })]);
    expect(
      impossibleOf(byDay)
        .map((facts) => facts.why)
        .toSorted(),
    ).toEqual(planted.map((entry) => (entry === PLANTED.long ? 'too_long' : 'ends_before_start')).toSorted());
    const byProject = await world().call('time_report', { ...WEEK, group_by: 'project' });
    expect(byProject.structuredContent).toMatchObject({ groups: [{ key: WORLD.website, minutes: 120 }], total_minutes: 120 });
  });
});
