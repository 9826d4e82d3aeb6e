// Questions (elicitation) over the team server, in both eras: a 2026-era client gets the question as an
// input_required result and retries; a 2025-era client gets elicitation/create on its session and
// answers in a later POST. Either way the person's answer decides, and a "no" changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElicitRequestFormParams } from '@modelcontextprotocol/client';
import { textOf } from '../../support/engine.ts';
import { connectAs, type ConnectedClient, developmentSignIn, removeTeamServerData, startTeamServer, type TeamServerHandle } from '../../support/team-server.ts';

describe.each(['legacy', 'modern'] as const)('questions on the team server (%s era)', (era) => {
  let server: TeamServerHandle;
  let ada: ConnectedClient;
  const asked: ElicitRequestFormParams[] = [];
  let answer: 'accept' | 'decline' = 'decline';

  beforeAll(async () => {
    server = await startTeamServer({ settings: { tools: { enabled: { delete_time_entry: true } } } });
    ada = await connectAs(server, {
      era,
      signIn: developmentSignIn('Ada'),
      elicitation: (params) => {
        asked.push(params);
        return answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: 'decline' };
      },
    });
    await ada.call('create_catalog_item', { kind: 'project', name: 'Website' });
  });
  afterAll(async () => {
    await ada?.close();
    await server?.stop();
    if (server) removeTeamServerData(server);
  });

  it('asks before deleting, and a no keeps the entry', async () => {
    const logged = await ada.call('log_time', { project: 'Website', start: 'yesterday 09:00', end: 'yesterday 10:00' });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    const id = (logged.structuredContent as { entry: { id: number } }).entry.id;
    answer = 'decline';
    const kept = await ada.call('delete_time_entry', { id });
    expect(asked.length).toBe(1);
    expect(asked[0]?.message).toMatch(/Delete/i);
    expect(textOf(kept)).toMatch(/not deleted|kept|Nothing was deleted/i);
    answer = 'accept';
    const deleted = await ada.call('delete_time_entry', { id });
    expect(deleted.isError, textOf(deleted)).toBeFalsy();
    expect(asked.length).toBe(2);
    const listed = await ada.call('list_time_entries', { from: 'yesterday', to: 'yesterday' });
    expect(JSON.stringify(listed.structuredContent)).not.toContain(`"id":${id},`);
  });
});
