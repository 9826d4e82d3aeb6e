// record_agent_time's handler on the real local timesheet, at a clock that stands still: the entry is
// labelled with the calling client's name and read back with it, list_time_entries shows whose it is,
// time_report leaves it out of the person's hours unless asked; without a client name, or with
// arguments log_time would refuse, nothing is stored.
import { describe, expect, it } from 'vitest';
import { clientIdentity } from '../../../mcp-server/domain/agents.ts';
import createCatalogItem from '../../../mcp-server/tools/create-catalog-item.ts';
import listTimeEntries from '../../../mcp-server/tools/list-time-entries.ts';
import logTime from '../../../mcp-server/tools/log-time.ts';
import recordAgentTime from '../../../mcp-server/tools/record-agent-time.ts';
import timeReport from '../../../mcp-server/tools/time-report.ts';
import timerStatus from '../../../mcp-server/tools/timer-status.ts';
import { useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const DAY = { from: Date.parse('2026-11-17T23:00:00Z'), to: Date.parse('2026-11-18T23:00:00Z'), limit: 50, offset: 0 };
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

async function timesheet(client: string | null = 'Claude Code') {
  const local = await openTimesheet({ client: clientIdentity(client) });
  await local.run(createCatalogItem, { kind: 'project', name: 'Importer' });
  return local;
}

const WORK = { start: '10:00', end: '11:30', description: 'Wrote the CSV importer tests', project: 'importer' };

describe('record_agent_time', () => {
  it("stores the agent's time under the client's name and reads it back so", async () => {
    const { run, tracker } = await timesheet();
    const { data, text } = await run(recordAgentTime, WORK);
    expect(data.entry).toMatchObject({ project: 'Importer', description: 'Wrote the CSV importer tests', minutes: 90, agent: 'claude-code' });
    expect(text).toBe(
      `Recorded 1 h 30 min of claude-code's own time on "Importer" — "Wrote the CSV importer tests", 10:00–11:30 (#${data.entry.id}); it does not count as the person's hours.`,
    );
    const { entries } = await tracker.entries.listEntries(DAY);
    expect(entries).toEqual([expect.objectContaining({ id: data.entry.id, agent: 'claude-code', description: 'Wrote the CSV importer tests' })]);
  });

  it('refuses a call whose client named itself nowhere, and stores nothing', async () => {
    const { run, tracker } = await timesheet(null);
    await expect(run(recordAgentTime, WORK)).rejects.toThrow(
      "This client did not say its name (clientInfo.name), and agent time is recorded under the client's name; nothing was recorded.",
    );
    expect((await tracker.entries.listEntries(DAY)).total).toBe(0);
  });

  it('refuses a client name with nothing to label entries with, and stores nothing', async () => {
    const { run, tracker } = await timesheet('「」');
    await expect(run(recordAgentTime, WORK)).rejects.toThrow('The client\'s name "「」" has no letter or digit to label entries with; nothing was recorded.');
    expect((await tracker.entries.listEntries(DAY)).total).toBe(0);
  });

  it('labels a client named in another script with its own letters, apart from the Latin look-alike (issue 64)', async () => {
    // "Сlaude" with a Cyrillic С was "laude", so it took a client "laude"'s label; "Клод" had no label at all.
    const { run, tracker } = await timesheet('\u0421laude');
    const cyrillic = await run(recordAgentTime, WORK);
    expect(cyrillic.data.entry.agent).toBe('\u0441laude');
    const other = await timesheet('Клод');
    const named = await other.run(recordAgentTime, WORK);
    expect(named.data.entry.agent).toBe('клод');
    expect(named.text).toMatch(/^Recorded 1 h 30 min of клод's own time on "Importer"/);
    expect((await other.tracker.entries.listEntries(DAY)).entries.map((entry) => entry.agent)).toEqual(['клод']);
    expect(tracker).not.toBe(other.tracker);
  });

  it('refuses what log_time refuses, a blank description and a blank project, and stores nothing', async () => {
    const { run, tracker } = await timesheet();
    await expect(run(recordAgentTime, { ...WORK, description: '  ' })).rejects.toThrow(
      'description: say what the agent did; agent time is recorded with a description.',
    );
    await expect(run(recordAgentTime, { ...WORK, project: ' ' })).rejects.toThrow('project: name the project the agent worked on (list_catalog lists them).');
    await expect(run(recordAgentTime, { ...WORK, end: '16:30' })).rejects.toThrow(/^end is in the future/);
    await expect(run(recordAgentTime, { ...WORK, start: '2026-11-16T09:00', end: '2026-11-17T10:00' })).rejects.toThrow(/at most 24 hours/);
    await expect(run(recordAgentTime, { ...WORK, start: '11:30', end: '10:00' })).rejects.toThrow('end must be after start.');
    expect((await tracker.entries.listEntries({ ...DAY, from: DAY.from - 3 * 86_400_000 })).total).toBe(0);
  });
});

describe("an agent's time beside the person's", () => {
  it('list_time_entries names the agent, and leaves it off the person own entries', async () => {
    const { run } = await timesheet();
    await run(logTime, { start: '08:00', end: '09:00', project: 'importer', description: 'Review' });
    await run(recordAgentTime, WORK);
    const { data } = await run(listTimeEntries, { from: 'today' });
    expect(data.entries.map((entry) => [entry.description, entry.agent])).toEqual([
      ['Review', undefined],
      ['Wrote the CSV importer tests', 'claude-code'],
    ]);
    expect(data.entries[0]).not.toHaveProperty('agent');
  });

  it("time_report counts only the person's hours and says how much agent time it left out, unless include_agents", async () => {
    const { run } = await timesheet();
    await run(logTime, { start: '08:00', end: '09:00', project: 'importer', description: 'Review' });
    await run(recordAgentTime, WORK);
    const own = await run(timeReport, { from: 'today', group_by: 'project' });
    expect(own.data).toMatchObject({ total_minutes: 60, agent_minutes_left_out: 90, groups: [{ key: 'Importer', minutes: 60 }] });
    expect(own.text).toContain("AI agents' own time left out: 1 h 30 min (include_agents: true counts it).");
    const all = await run(timeReport, { from: 'today', group_by: 'day', include_agents: true });
    expect(all.data).toMatchObject({ total_minutes: 150, agent_minutes_left_out: 0 });
    expect(all.text).not.toContain('left out');
    const status = await run(timerStatus, {});
    expect(status.data).toMatchObject({ today_minutes: 60 });
  });
});
