// The team server's audit log for a Clockify workspace admin's changes through the admin group: a tag
// renamed through its question is recorded like every write (who, which client, which tool, the
// outcome, the arguments naming the tag before and after), and no key in it.
// `punchcard-mcp audit --config FILE` (the built bundle) prints it as JSON lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAdministrator, linesAfter, readAudit } from '../../support/audit-log.ts';
import { textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { removeTeamServerData, startTeamServer, type TeamServerHandle } from '../../support/team-server.ts';
import { BOB_KEY, type FakeClockify, SEED, seedWorkspace, startFakeClockify } from '../../mcp-server/providers/clockify/fake-clockify.ts';

const NOW = '2026-11-18T08:00:00+01:00';

let fake: FakeClockify;
let server: TeamServerHandle;

beforeAll(async () => {
  fake = await startFakeClockify({ now: clockStartingAt(NOW) });
  seedWorkspace(fake);
  fake.state.tags.push({ id: '74a000000000000000000001', workspaceId: SEED.workspaces.acme, name: 'billing', archived: false });
  server = await startTeamServer({
    provider: { type: 'clockify', url: fake.url, workspace: 'Acme' },
    signIn: { tracker: true },
    settings: { tools: { groups: { admin: true }, enabled: { manage_tags: true } } },
    env: { PUNCHCARD_NOW: NOW },
  });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  if (server) removeTeamServerData(server);
});

describe("a Clockify admin's tag renamed on the team server", () => {
  it('is recorded with who, the client, the tool, the outcome, the names before and after, and no key', async () => {
    const admin = await connectAdministrator(server, { era: 'modern', token: BOB_KEY, clientName: 'Audit Clockify admin', content: {} });
    try {
      // The role is learned in the background once the admin group is on.
      await expect.poll(async () => (await admin.client.listTools()).tools.map((tool) => tool.name)).toContain('manage_tags');
      const before = (await readAudit(server)).lines.length;
      const renamed = await admin.call('manage_tags', { action: 'rename', tag: 'billing', name: 'invoicing' });
      expect(renamed.isError, textOf(renamed)).toBeFalsy();
      const lines = await linesAfter(server, before, 1);
      expect(lines[0]).toMatchObject({
        person: expect.stringContaining('Bob Builder'),
        tool: 'manage_tags',
        outcome: 'done',
        clientName: 'Audit Clockify admin',
        // The names before and after are the call's own arguments.
        change: { arguments: { action: 'rename', tag: 'billing', name: 'invoicing' } },
      });
      expect(fake.state.tags.map((tag) => tag.name)).toEqual(['invoicing']);
      expect(JSON.stringify(lines)).not.toContain(BOB_KEY);
    } finally {
      await admin.close();
    }
  });
});
