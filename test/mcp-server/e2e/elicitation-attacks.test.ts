// What a hostile 2026-era client can send back instead of a person's answer, over raw stdio against
// the built bundle: an answer with no question asked, a forged or tampered state, a state minted for
// another call. Each attack is one test; none deletes anything, and the server keeps serving.
import { afterEach, describe, expect, it } from 'vitest';
import { makeUserDataDir } from '../../support/engine.ts';
import { cleanUp, type RawServer, removeTempDir, serverEnv, spawnRawServer } from '../../support/raw-stdio.ts';

const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } },
  'io.modelcontextprotocol/clientInfo': { name: 'hostile', version: '1' },
};
const ACCEPT = { action: 'accept', content: {} };

const folders: string[] = [];
afterEach(() => {
  cleanUp();
  for (const dir of folders.splice(0)) removeTempDir(dir);
});

let nextId = 1;
async function call(server: RawServer, name: string, args: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const id = nextId++;
  server.send({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args, ...extra, _meta: META } });
  return (await server.response(id)).message;
}

async function serverWithEntries(count: number): Promise<RawServer> {
  const dir = makeUserDataDir({ tools: { enabled: { delete_time_entry: true, update_time_entry: true } } });
  folders.push(dir);
  const server = spawnRawServer(['--user-data', dir], serverEnv(dir, { PUNCHCARD_NOW: '2026-11-18T15:00:00+01:00' }));
  server.send({ jsonrpc: '2.0', id: nextId++, method: 'server/discover', params: { _meta: META } });
  for (let hour = 9; hour < 9 + count; hour++) {
    const logged = await call(server, 'log_time', { start: `${hour}:00`, end: `${hour}:30` });
    expect(logged.error).toBeUndefined();
  }
  return server;
}

type ToolAnswer = { resultType?: string; requestState?: string; inputRequests?: Record<string, unknown>; isError?: boolean; content?: Array<{ text: string }> };

async function remaining(server: RawServer): Promise<number[]> {
  const listed = (await call(server, 'list_time_entries', { from: '2026-11-18', to: '2026-11-18' })).result as {
    structuredContent: { entries: Array<{ id: number }> };
  };
  return listed.structuredContent.entries.map((entry) => entry.id);
}

describe('answers a person never gave', () => {
  it('an accept sent with the first call, before any question, is not an answer: the question is asked', async () => {
    const server = await serverWithEntries(1);
    const answer = (await call(server, 'delete_time_entry', { id: 1 }, { inputResponses: { delete: ACCEPT } })).result as ToolAnswer;
    expect(answer.resultType).toBe('input_required');
    expect(Object.keys(answer.inputRequests ?? {})).toEqual(['delete']);
    expect(await remaining(server)).toEqual([1]);
  });

  it('a forged state is refused before the tool runs', async () => {
    const server = await serverWithEntries(1);
    const forged = await call(server, 'delete_time_entry', { id: 1 }, { inputResponses: { delete: ACCEPT }, requestState: 'v1.eyJwIjp7fX0.AAAA' });
    expect(forged.error).toMatchObject({ code: -32602, message: 'Invalid or expired requestState' });
    expect(await remaining(server)).toEqual([1]);
  });

  it('a state with one character changed is refused', async () => {
    const server = await serverWithEntries(1);
    const asked = (await call(server, 'delete_time_entry', { id: 1 })).result as ToolAnswer;
    const state = asked.requestState as string;
    const tampered = `${state.slice(0, 10)}${state[10] === 'A' ? 'B' : 'A'}${state.slice(11)}`;
    const answer = await call(server, 'delete_time_entry', { id: 1 }, { inputResponses: { delete: ACCEPT }, requestState: tampered });
    expect(answer.error).toMatchObject({ code: -32602 });
    expect(await remaining(server)).toEqual([1]);
  });

  it('a yes given to deleting one entry does not delete another', async () => {
    const server = await serverWithEntries(2);
    const asked = (await call(server, 'delete_time_entry', { id: 1 })).result as ToolAnswer;
    const other = (await call(server, 'delete_time_entry', { id: 2 }, { inputResponses: { delete: ACCEPT }, requestState: asked.requestState }))
      .result as ToolAnswer;
    expect(other.resultType).toBe('input_required');
    expect(await remaining(server)).toEqual([1, 2]);
    // The yes still counts for the call it was given for.
    const done = (await call(server, 'delete_time_entry', { id: 1 }, { inputResponses: { delete: ACCEPT }, requestState: asked.requestState }))
      .result as ToolAnswer;
    expect(done.isError).toBeFalsy();
    expect(await remaining(server)).toEqual([2]);
  });

  it('a yes to a question about one record does not cover it once it changed: it is asked again', async () => {
    const server = await serverWithEntries(1);
    const asked = (await call(server, 'delete_time_entry', { id: 1 })).result as ToolAnswer;
    // The entry moves between the question and the answer (another client, the tray).
    expect((await call(server, 'update_time_entry', { id: 1, end: '11:00' })).error).toBeUndefined();
    const stale = (await call(server, 'delete_time_entry', { id: 1 }, { inputResponses: { delete: ACCEPT }, requestState: asked.requestState }))
      .result as ToolAnswer;
    expect(stale.resultType).toBe('input_required');
    expect(JSON.stringify(stale.inputRequests)).toContain('2 h');
    expect(await remaining(server)).toEqual([1]);
  });
});
