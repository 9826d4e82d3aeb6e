// The team server's audit log for a Clockodo owner's team changes through manage_teams: a team made,
// renamed, given a leader and deleted through its questions is recorded as on Kimai (who, which client,
// the tool, the outcome, the arguments, and the team as the answer left it), and no key in it.
// `punchcard-mcp audit --config FILE` (the built bundle) prints it as JSON lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesAfter, readAudit } from '../../support/audit-log.ts';
import { textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { connectAs, MemoryOAuthProvider, removeTeamServerData, startTeamServer, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';
import { DEFAULT_USERS, type FakeClockodo, type FakeUser, startFakeClockodo } from '../../mcp-server/providers/clockodo/fake-clockodo.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const [ADA, , , OLGA] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser, FakeUser];

let fake: FakeClockodo;
let server: TeamServerHandle;

beforeAll(async () => {
  fake = await startFakeClockodo({ now: clockStartingAt(NOW) });
  server = await startTeamServer({
    provider: { type: 'clockodo', url: fake.url },
    signIn: { tracker: true },
    settings: { tools: { groups: { admin: true }, enabled: { manage_teams: true } } },
    env: { PUNCHCARD_NOW: NOW },
  });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  if (server) removeTeamServerData(server);
});

describe("a Clockodo owner's team changes on the team server", () => {
  it('are recorded with who, the client, the tool, the outcome, the arguments and the team after, and no key', async () => {
    const owner = await connectAs(server, {
      era: 'modern',
      oauth: new MemoryOAuthProvider({ clientName: 'Audit Clockodo teams' }),
      signIn: trackerSignIn(OLGA.apiKey, OLGA.email),
      elicitation: () => ({ action: 'accept', content: {} }),
    });
    try {
      // The role is learned in the background once the admin group is on.
      await expect.poll(async () => (await owner.client.listTools()).tools.map((tool) => tool.name)).toContain('manage_teams');
      const before = (await readAudit(server)).lines.length;
      for (const args of [
        { action: 'create', name: 'Support', people: [ADA.email] },
        { action: 'rename', team: 'Support', name: 'Helpdesk' },
        { action: 'set_lead', team: 'Helpdesk', lead: ADA.name },
        { action: 'delete', team: 'Helpdesk' },
      ]) {
        const done = await owner.call('manage_teams', args);
        expect(done.isError, textOf(done)).toBeFalsy();
      }
      const lines = await linesAfter(server, before, 4);
      const id = (lines[0]?.change.record as { teams: Array<{ id: number }> }).teams[0]?.id;
      expect(lines.map((line) => [line.tool, line.outcome, line.change.arguments])).toEqual([
        ['manage_teams', 'done', { action: 'create', name: 'Support', people: [ADA.email] }],
        ['manage_teams', 'done', { action: 'rename', team: 'Support', name: 'Helpdesk' }],
        ['manage_teams', 'done', { action: 'set_lead', team: 'Helpdesk', lead: ADA.name }],
        ['manage_teams', 'done', { action: 'delete', team: 'Helpdesk' }],
      ]);
      // The team as each answer left it, as on Kimai (team-server/team/audit.ts keeps an administrator's whole answer).
      expect(lines.map((line) => line.change.record)).toMatchObject([
        { action: 'create', teams: [{ id, name: 'Support', members: [expect.any(Object)] }] },
        { action: 'rename', teams: [{ id, name: 'Helpdesk' }] },
        { action: 'set_lead', teams: [{ id, name: 'Helpdesk' }] },
        { action: 'delete', teams: [], deleted: { id, name: 'Helpdesk' } },
      ]);
      for (const line of lines) expect(line).toMatchObject({ person: `${OLGA.name} <${OLGA.email}>`, clientName: 'Audit Clockodo teams' });
      expect(fake.state.teams.some((team) => team.id === id)).toBe(false);
      expect(fake.state.users.find((user) => user.id === ADA.id)?.teamsId).toBeNull();
      expect(JSON.stringify(lines)).not.toContain(OLGA.apiKey);
    } finally {
      await owner.close();
    }
  });
});
