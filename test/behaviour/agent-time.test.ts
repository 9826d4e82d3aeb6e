// An AI agent's own time (record_agent_time; docs/tools.md, "AI agents' own time"), the same on every back end
// that keeps entries: recorded under the client's own name (the suite's client is punchcard-tests), labelled the
// back end's way (BehaviourBackEnd.agentLabel: a tag, a prefix of the description, a column), shown as the agent's
// in list_time_entries with the description as it was given, and left out of Ada's own hours. Only
// record_agent_time sets a label: where the label is a prefix of the description, a description that looks like
// one is refused from every other tool; elsewhere it is only words, and Ada's. Each test works on a day of its own.
import { describe, expect, it } from 'vitest';
import { refusalOf, type ToolResult } from '../support/engine.ts';
import { at, type BehaviourBackEnd, booking, WORLD } from './harness.ts';
import { backEndsWith, describeLacking, useWorld } from './suite.ts';

/** The in-process engine's client names itself so (test/support/engine.ts): the agent whose time it records. */
const AGENT = 'punchcard-tests';
const TODAY = '2026-11-18';
/** Descriptions a reader takes for an agent's label: the label itself, and in full-width letters. */
const FORGED = ['[ai:claude-code] Review', '\uff3b\uff41\uff49\uff1aclaude-code\uff3d Review'];

type Entry = { id: number; description: string; minutes: number; project: string | null; agent?: string };
const entryOf = (result: ToolResult) => (result.structuredContent as { entry: Entry }).entry;
/** An entry as [description, agent or null, minutes]: whose it is, and what it says. */
const whose = (entry: Entry) => [entry.description, entry.agent ?? null, entry.minutes];

/** The description as the back end stores it: behind the label where the label is a prefix of it. */
function storedDescription(backEnd: BehaviourBackEnd, description: string): string {
  return backEnd.agentLabel === 'description_prefix' ? `[ai:${AGENT}] ${description}` : description;
}

describe.each(backEndsWith('entries'))("an AI agent's own time on $name", (backEnd) => {
  const world = useWorld(backEnd);
  const listed = async (day: string) => ((await world().call('list_time_entries', { from: day, to: day })).structuredContent as { entries: Entry[] }).entries;

  it("record_agent_time records the agent's work as the agent's, labelled the back end's way, beside Ada's own", async () => {
    const day = '2026-11-10';
    const mark = world().mark();
    const recorded = await world().call('record_agent_time', {
      ...booking(backEnd, WORLD.website),
      start: at(day, '09:00'),
      end: at(day, '10:30'),
      description: 'Ran the suite',
    });
    expect(recorded.structuredContent).toMatchObject({ entry: { agent: AGENT, description: 'Ran the suite', minutes: 90, project: WORLD.website } });
    // A write the fake's log shows: what the refusals below must not leave.
    expect(mark.writes()).not.toEqual([]);
    const own = await world().call('log_time', { ...booking(backEnd, WORLD.website), start: at(day, '11:00'), end: at(day, '12:00'), description: 'Review' });
    expect(entryOf(own).agent).toBeUndefined();
    expect((await listed(day)).map(whose)).toEqual([
      ['Ran the suite', AGENT, 90],
      ['Review', null, 60],
    ]);
    expect(
      world()
        .entries()
        .filter((entry) => entry.start.startsWith(day))
        .map((entry) => entry.description),
    ).toEqual([storedDescription(backEnd, 'Ran the suite'), 'Review']);
  });

  if (backEnd.capabilities.has('reports'))
    it("time_report leaves the agent's time out of Ada's hours and says how much, and counts it in when asked", async () => {
      const day = '2026-11-09';
      await world().call('record_agent_time', {
        ...booking(backEnd, WORLD.internal),
        start: at(day, '08:00'),
        end: at(day, '10:00'),
        description: 'Refactored',
      });
      await world().call('log_time', { ...booking(backEnd, WORLD.internal), start: at(day, '10:00'), end: at(day, '10:45') });
      expect((await world().call('time_report', { from: day, to: day })).structuredContent).toMatchObject({ total_minutes: 45, agent_minutes_left_out: 120 });
      expect((await world().call('time_report', { from: day, to: day, include_agents: true })).structuredContent).toMatchObject({
        total_minutes: 165,
        agent_minutes_left_out: 0,
      });
    });

  if (backEnd.capabilities.has('entries_edit'))
    it("update_time_entry changes the agent's description, and the entry stays the agent's", async () => {
      const day = '2026-11-11';
      const recorded = entryOf(
        await world().call('record_agent_time', { ...booking(backEnd, WORLD.website), start: at(day, '09:00'), end: at(day, '10:00'), description: 'Drafted' }),
      );
      const changed = await world().call('update_time_entry', { id: recorded.id, description: 'Drafted the release notes' });
      expect(changed.structuredContent).toMatchObject({ entry: { id: recorded.id, description: 'Drafted the release notes', agent: AGENT } });
      expect((await listed(day)).map(whose)).toEqual([['Drafted the release notes', AGENT, 60]]);
      expect(
        world()
          .entries()
          .filter((entry) => entry.start.startsWith(day))
          .map((entry) => entry.description),
      ).toEqual([storedDescription(backEnd, 'Drafted the release notes')]);
    });

  if (backEnd.agentLabel === 'description_prefix') {
    const tools = ['log_time', 'clock_in', ...(backEnd.capabilities.has('entries_edit') ? ['update_time_entry'] : [])];
    it(`a description that looks like an agent's label is refused from ${tools.join(', ')} (agent_prefix_refused), with nothing written`, async () => {
      const day = '2026-11-12';
      const own = entryOf(await world().call('log_time', { ...booking(backEnd, WORLD.website), date: day, duration: '1h', description: 'Review' }));
      const before = world().entries();
      const mark = world().mark();
      for (const description of FORGED) {
        const args: Record<string, Record<string, unknown>> = {
          log_time: { ...booking(backEnd, WORLD.website), date: day, duration: '1h', description },
          clock_in: { ...booking(backEnd, WORLD.website), description },
          update_time_entry: { id: own.id, description },
        };
        for (const tool of tools) {
          const refused = await world().call(tool, args[tool]);
          expect(refused.isError, `${tool} ${description}`).toBe(true);
          expect(refusalOf(refused), `${tool} ${description}`).toMatchObject({ code: 'agent_prefix_refused', facts: { back_end: expect.any(String) } });
        }
      }
      expect(mark.writes()).toEqual([]);
      expect(world().entries()).toEqual(before);
      expect((await listed(day)).map(whose)).toEqual([['Review', null, 60]]);
    });
  } else {
    it(`a description that looks like an agent's label is only words on ${backEnd.name} (its label is a ${backEnd.agentLabel}): Ada's own, in her hours`, async () => {
      const day = '2026-11-12';
      for (const [index, description] of FORGED.entries()) {
        const logged = await world().call('log_time', {
          ...booking(backEnd, WORLD.website),
          start: at(day, `1${index}:00`),
          end: at(day, `1${index}:30`),
          description,
        });
        expect(logged.isError).toBeFalsy();
      }
      expect((await listed(day)).map(whose)).toEqual(FORGED.map((description) => [description, null, 30]));
      if (backEnd.capabilities.has('reports'))
        expect((await world().call('time_report', { from: day, to: day })).structuredContent).toMatchObject({ total_minutes: 60, agent_minutes_left_out: 0 });
    });
  }

  if (backEnd.capabilities.has('timer')) {
    it("today's time in timer_status counts Ada's own alone", async () => {
      await world().call('log_time', { ...booking(backEnd, WORLD.internal), start: at(TODAY, '08:00'), end: at(TODAY, '08:30') });
      await world().call('record_agent_time', {
        ...booking(backEnd, WORLD.website),
        start: at(TODAY, '09:00'),
        end: at(TODAY, '10:00'),
        description: 'Triaged',
      });
      expect((await world().call('timer_status')).structuredContent).toMatchObject({ running: null, today_minutes: 30 });
    });

    // After the test before: the agent's entry is the last booking. The timer is left running, the file's last.
    it("a clock_in without a project after the agent's entry is Ada's own, never the agent's, nor in its words", async () => {
      // Where the back end resumes the last booking (Kimai, Clockodo) it takes its project alone; elsewhere the timer starts on none.
      const resumed = await world().call('clock_in', {});
      expect(resumed.isError).toBeFalsy();
      expect(resumed.structuredContent).toMatchObject({ started: { description: '' } });
      expect(resumed.structuredContent).not.toHaveProperty('started.agent');
      expect([WORLD.website, null]).toContain((resumed.structuredContent?.started as Entry).project);
      expect((await listed(TODAY)).map((entry) => [entry.description, entry.agent ?? null])).toEqual([
        ['', null],
        ['Triaged', AGENT],
        ['', null],
      ]);
    });
  }
});

describeLacking('entries');
