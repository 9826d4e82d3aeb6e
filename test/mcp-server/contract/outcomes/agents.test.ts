// The refusals around an AI agent's own time (contract/outcomes/agents.ts) as the tools throw them on
// the real local timesheet: a tag or a description shaped like an agent's label, refused before
// anything is sent, and record_agent_time's own (a client with no usable name, no description, no project).
import { describe, expect, it } from 'vitest';
import { clientIdentity } from '../../../../mcp-server/domain/agents.ts';
import { refuseAgentTags } from '../../../../mcp-server/tools/agent-labels.ts';
import clockIn from '../../../../mcp-server/tools/clock-in.ts';
import recordAgentTime from '../../../../mcp-server/tools/record-agent-time.ts';
import { useLocalTimesheet } from '../../tools/local-tool-context.ts';
import { forPeople, refusalOf } from './refused.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const WORK = { start: '10:00', end: '11:30', description: 'Wrote the importer tests', project: 'importer' };
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

async function timesheet(client: string | null = 'Claude Code') {
  return openTimesheet({ client: clientIdentity(client) });
}

describe('a label set by another tool', () => {
  it('a tag shaped like an agent’s: the argument, the tag quoted, and what was not done', async () => {
    const refusal = await refusalOf(() => refuseAgentTags(['billable', 'AI-Claude'], 'set.add_tags', 'Nothing was changed.'));
    expect(refusal).toEqual({ code: 'agent_tag_refused', facts: { field: 'set.add_tags', tag: 'AI-Claude', not_done: 'changed' } });
    expect(forPeople(refusal)).toMatch(/^Tags to add: "AI-Claude" is shaped like an AI agent's label: .* set by recording agent time alone, /);
  });

  it('a description starting like one, where the back end keeps the label there', async () => {
    const { context, tracker, run } = await timesheet();
    const prefixed = { ...context, tracker: { ...tracker, label: 'Clockodo', agentLabel: 'description-prefix' as const } };
    const refusal = await refusalOf(clockIn.handler(clockIn.input.parse({ description: '[ai:claude] review' }), prefixed));
    expect(refusal).toEqual({ code: 'agent_prefix_refused', facts: { field: 'description', back_end: 'Clockodo', not_done: 'sent' } });
    expect(forPeople(refusal)).toMatch(/^The description starts like an AI agent's label: Clockodo marks /);
    // Nothing was sent: no timer runs.
    expect(await tracker.timer.runningEntry()).toBeNull();
    // On a back end that keeps the label elsewhere, the same words are only words.
    await run(clockIn, { description: '[ai:claude] review' });
  });
});

describe('record_agent_time', () => {
  it('from a client that gave no name, or one with nothing to label with', async () => {
    const unnamed = await timesheet(null);
    expect(await refusalOf(unnamed.run(recordAgentTime, WORK))).toEqual({ code: 'agent_client_unnamed', facts: {} });
    const { run } = await timesheet('***');
    expect(await refusalOf(run(recordAgentTime, WORK))).toEqual({ code: 'agent_client_name_unusable', facts: { name: '***' } });
  });

  it('with no description or no project', async () => {
    const { run } = await timesheet();
    expect(await refusalOf(run(recordAgentTime, { ...WORK, description: ' ' }))).toEqual({ code: 'agent_description_missing', facts: {} });
    const noProject = await refusalOf(run(recordAgentTime, { ...WORK, project: ' ' }));
    expect(noProject).toEqual({ code: 'agent_project_missing', facts: {} });
    expect(forPeople(noProject)).toBe('Project: name the project the agent worked on.');
  });
});
