// The team server's answers carry no terminal controls, as the stdio engine's lines do: a project a
// person (or a shared back end) named with ESC, BEL, an OSC 8 link and a C1 control reaches a client
// clean in tool results, structured results, completions and prompt text, in both eras (a JSON body
// in the 2026 era, server-sent events in a 2025 session).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, type ConnectedClient, developmentSignIn, removeTeamServerData, startTeamServer, type TeamServerHandle } from '../../support/team-server.ts';

const HOSTILE = 'Web\u001b[31msite\u0007 \u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\ \u009b2J';
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe.each(['legacy', 'modern'] as const)('answers of the team server (%s era)', (era) => {
  let server: TeamServerHandle;
  let ada: ConnectedClient;

  beforeAll(async () => {
    server = await startTeamServer();
    ada = await connectAs(server, { era, signIn: developmentSignIn('Ada') });
    await ada.call('create_catalog_item', { kind: 'project', name: HOSTILE });
  });
  afterAll(async () => {
    await ada?.close();
    await server?.stop();
    if (server) removeTeamServerData(server);
  });

  it('carry no control characters in results, completions or prompts', async () => {
    const catalog = await ada.call('list_catalog');
    expect(JSON.stringify(catalog)).toContain('Web[31msite');
    expect(CONTROLS.test(JSON.stringify(catalog))).toBe(false);
    const completion = await ada.client.complete({ ref: { type: 'ref/prompt', name: 'fill_my_day' }, argument: { name: 'project', value: 'Web' } });
    expect(completion.completion.values.length).toBe(1);
    expect(CONTROLS.test(JSON.stringify(completion))).toBe(false);
    const clockIn = await ada.call('clock_in', { project: 'nothing like it' });
    expect(CONTROLS.test(JSON.stringify(clockIn))).toBe(false);
  });
});
