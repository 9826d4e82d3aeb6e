// The whole path a person takes on the team server with the official MCP client: discovery from the
// 401, registration, sign-in and consent in the browser, tokens, then tool calls acting as them.
import { afterEach, describe, expect, it } from 'vitest';
import { textOf } from '../../support/engine.ts';
import { connectAs, removeTeamServerData, startTeamServer, type TeamServerHandle } from '../../support/team-server.ts';

const servers: TeamServerHandle[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    await server.stop();
    removeTeamServerData(server);
  }
});

describe.each(['legacy', 'modern'] as const)('the team server on the local timesheet (%s era)', (era) => {
  it('signs a person in through the browser and acts as them', async () => {
    const server = await startTeamServer();
    servers.push(server);
    const ada = await connectAs(server, { era });
    const tools = await ada.client.listTools();
    expect(tools.tools.map((tool) => tool.name)).toContain('clock_in');
    expect((await ada.call('create_catalog_item', { kind: 'project', name: 'Website' })).isError).toBeFalsy();
    const clockedIn = await ada.call('clock_in', { project: 'Website' });
    expect(clockedIn.isError, textOf(clockedIn)).toBeFalsy();
    const who = await ada.call('whoami');
    expect(textOf(who)).toContain('Ada Lovelace');
    await ada.close();
  });
});
