// The team server's log (team-server/logs/team-log.ts): one JSON object a line on stderr, each line written
// while a request is served carrying that request's id and the person's id, never their name or
// e-mail, a secret or a note's text; lines for a person at a terminal with --dev. The built server
// is read as a log collector reads it: every line parsed.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { actingFor, inRequest } from '../../../team-server/logs/request-context.ts';
import { teamLog } from '../../../team-server/logs/team-log.ts';
import { StoreUnavailable } from '../../../team-server/store/store.ts';
import { textOf } from '../../support/engine.ts';
import {
  connectAs,
  MemoryOAuthProvider,
  removeTeamServerData,
  startTeamServer,
  stopAndRemoveServers,
  type TeamServerHandle,
  TEST_SERVER_KEY,
  trackerSignIn,
} from '../../support/team-server.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
const NOTE = 'Negotiating the Hollerith takeover, tell nobody';
const CODE = 'one-time-code-6f1c2a';
let fake: FakeKimai | undefined;
let server: TeamServerHandle | undefined;

afterEach(async () => {
  await stopAndRemoveServers(server);
  await fake?.close();
  server = undefined;
  fake = undefined;
});

/** The built server's log, a parsed object a line. */
function linesOf(handle: TeamServerHandle): Record<string, unknown>[] {
  return handle
    .stderr()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function collector(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('the team server’s log', () => {
  it('writes a JSON object a line, with the request and person ids of the request it was written in', async () => {
    const out = collector();
    const log = await teamLog({ human: false, destination: out.stream });
    log('Outside any request.');
    inRequest(() => {
      log('Before the token was read.');
      actingFor('person-1');
      log('Acting for a person.\u001b[2J');
    }, 'request-1');
    const lines = out
      .text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map(({ msg, request_id, person_id, level }) => ({ msg, request_id, person_id, level }))).toEqual([
      { msg: 'Outside any request.', request_id: undefined, person_id: undefined, level: 'info' },
      { msg: 'Before the token was read.', request_id: 'request-1', person_id: undefined, level: 'info' },
      { msg: 'Acting for a person.[2J', request_id: 'request-1', person_id: 'person-1', level: 'info' },
    ]);
    expect(typeof lines[0]?.time).toBe('string');
  });

  it('writes lines for a person at a terminal with --dev', async () => {
    const out = collector();
    const log = await teamLog({ human: true, destination: out.stream });
    inRequest(() => log('Punchcard team server listening.'), 'request-2');
    expect(out.text()).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: Punchcard team server listening\.\n\s+request_id: "request-2"\n$/);
  });

  it('says a sentence at warning level, with the request it was said for', async () => {
    const out = collector();
    const log = await teamLog({ human: false, destination: out.stream });
    log.warn('The store answered slowly.');
    inRequest(() => {
      actingFor('person-3');
      log.warn('The metrics are reachable from other machines.');
    }, 'request-3');
    const lines = out
      .text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map(({ level, msg, request_id, person_id }) => ({ level, msg, request_id, person_id }))).toEqual([
      { level: 'warn', msg: 'The store answered slowly.', request_id: undefined, person_id: undefined },
      { level: 'warn', msg: 'The metrics are reachable from other machines.', request_id: 'request-3', person_id: 'person-3' },
    ]);
  });

  it('writes a request’s line for a person at a terminal as one sentence with its ids', async () => {
    const out = collector();
    const log = await teamLog({ human: true, destination: out.stream });
    const context = { requestId: 'request-4', personId: 'person-4' };
    log.request({ context, method: 'POST', route: '/mcp', status: 200, durationMs: 12.345, completed: true });
    log.request({
      context: { requestId: 'request-5', failure: { error: new Error('The store did not answer.'), withStack: false } },
      method: 'POST',
      route: '/token',
      status: 503,
      durationMs: 5_001,
      completed: true,
    });
    expect(out.text()).toMatch(
      /^\[\d\d:\d\d:\d\d\] INFO: POST \/mcp 200 in 12\.3 ms\n\s+request_id: "request-4"\n\s+person_id: "person-4"\n\[\d\d:\d\d:\d\d\] ERROR: POST \/token 503 in 5001 ms: The store did not answer\.\n\s+request_id: "request-5"\n\s+error: \{\n\s+"type": "Error",\n\s+"message": "The store did not answer\."\n\s+\}\n$/,
    );
  });

  it('writes the request lines the guide shows (docs/team-server/monitoring.md), field for field', async () => {
    const guide = readFileSync(resolve(import.meta.dirname, '../../../docs/team-server/monitoring.md'), 'utf8');
    const examples = [...guide.matchAll(/```json\n(\{.*\})\n```/g)]
      .map((match) => JSON.parse(match[1] as string) as Record<string, unknown>)
      .filter((example) => example.route !== undefined);
    expect(examples.map((example) => example.level)).toEqual(['info', 'error']);
    for (const example of examples) {
      const out = collector();
      const log = await teamLog({ human: false, destination: out.stream });
      const cause = example.error as { type: string; message: string } | undefined;
      log.request({
        context: {
          requestId: example.request_id as string,
          ...(example.person_id ? { personId: example.person_id as string } : {}),
          ...(cause ? { failure: { error: new StoreUnavailable(cause.message), withStack: false } } : {}),
        },
        method: example.method as string,
        route: example.route as string,
        status: example.status as number,
        durationMs: example.duration_ms as number,
        completed: example.completed !== false,
      });
      const written = JSON.parse(out.text()) as Record<string, unknown>;
      const { time: _time, pid: _pid, ...said } = written;
      const { time: _shownTime, pid: _shownPid, ...shown } = example;
      expect(Object.keys(said)).toEqual(Object.keys(shown));
      expect(said).toEqual(shown);
    }
  });

  it('never shows a bearer token, a tracker secret, the server key or a note’s text, on the built server', async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    seedCatalog(fake);
    server = await startTeamServer({ built: true, provider: { type: 'kimai', url: fake.url }, signIn: { tracker: true }, env: { PUNCHCARD_NOW: NOW } });
    const ada = await connectAs(server, { era: 'modern', signIn: trackerSignIn(ADA.token) });
    const logged = await ada.call('log_time', { project: 'Website', activity: 'Design', start: 'yesterday 08:00', end: 'yesterday 09:00', description: NOTE });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    // A back end that fails mid-call with the note in its words.
    fake.failNext({ path: '/api/timesheets/active' }, { status: 500, body: { message: `internal error near ${NOTE}` } });
    // It is answered, not logged (a back end's refusal is the person's to read, engine/run-tool.ts):
    // the failure surely happened, and its answer keeps the note's text out too.
    const failed = await ada.call('timer_status');
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toContain('internal error (500)');
    expect(textOf(failed)).not.toContain('Hollerith');
    const answer = await fetch(server.mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const anonymous = answer.headers.get('x-request-id');
    expect(anonymous).toMatch(/^[0-9a-f-]{36}$/);
    // A sign-in's callback with its one-time code in the query, as a browser brings it back.
    const callback = await fetch(`${server.origin}/sign-in/callback?code=${CODE}&state=${CODE}-state`);
    // A token in the query where a careless client puts it.
    await fetch(`${server.mcpUrl}?access_token=${CODE}`, { method: 'POST' });
    const token = (await ada.oauth.tokens())?.access_token as string;
    expect(token.length).toBeGreaterThan(20);
    // A call the MCP endpoint refuses for the client's mistake (no _meta where its revision needs one): its line says why, at info level.
    const malformed = await fetch(server.mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2026-07-28',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
    await ada.close();
    expect(await server.stop()).toBe(0);
    const stderr = server.stderr();
    const lines = stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    // The lines are there to search: the server's start, and the answer the person was given.
    expect(stderr).toContain('team server for');
    for (const secret of [token, ADA.token, TEST_SERVER_KEY, NOTE, 'Hollerith', `${ADA.username}@example.com`, `Bearer ${token}`, CODE])
      expect(stderr).not.toContain(secret);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    // The sentences written while a request was served name it, and the person by id alone.
    const sentences = parsed.filter((line) => line.request_id !== undefined && line.route === undefined);
    expect(sentences.length).toBeGreaterThanOrEqual(1);
    for (const line of sentences) expect(line.person_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(stderr).not.toContain('Lovelace');
    // Every request has its line: the sign-in's steps under their routes' labels, the person's calls
    // with their id, the request id the client was given, and the callback without its query.
    const requests = parsed.filter((line) => line.route !== undefined);
    const routes = new Set(requests.map((line) => line.route));
    for (const route of [
      '/mcp',
      '/.well-known/oauth-authorization-server',
      '/reg',
      '/auth',
      '/interaction/:uid',
      '/interaction/:uid/tracker',
      '/interaction/:uid/consent',
      '/auth/:uid',
      '/token',
      '/sign-in/callback',
    ])
      expect(routes, route).toContain(route);
    for (const line of requests) {
      expect(line).toMatchObject({ level: 'info', method: expect.stringMatching(/^[A-Z]+$/), status: expect.any(Number), duration_ms: expect.any(Number) });
      expect(line.request_id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const calls = requests.filter((line) => line.route === '/mcp' && line.status === 200);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const line of calls) expect(line.person_id).toBe(calls[0]?.person_id);
    expect(calls[0]?.person_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requests.find((line) => line.request_id === anonymous)).toMatchObject({ method: 'POST', route: '/mcp', status: 401 });
    expect(requests.find((line) => line.request_id === anonymous)?.person_id).toBeUndefined();
    expect(requests.find((line) => line.request_id === callback.headers.get('x-request-id'))).toMatchObject({ route: '/sign-in/callback', status: 400 });
    expect(requests.filter((line) => line.route === '/healthz' || line.route === '/readyz')).toEqual([]);
    expect(requests.find((line) => line.request_id === malformed.headers.get('x-request-id'))).toMatchObject({
      level: 'info',
      route: '/mcp',
      status: malformed.status,
      error: { type: 'Error', message: expect.stringMatching(/^Rejected inbound request .*_meta/) },
    });
  });

  it('writes a server error at error level with its cause, and nothing of the request’s secrets, on the built server', async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    seedCatalog(fake);
    server = await startTeamServer({
      built: true,
      provider: { type: 'kimai', url: fake.url },
      signIn: { tracker: true },
      env: { PUNCHCARD_NOW: NOW },
      store: 'sqlite',
    });
    const oauth = new MemoryOAuthProvider();
    await (await connectAs(server, { era: 'modern', oauth, signIn: trackerSignIn(ADA.token) })).close();
    const { refresh_token: refreshToken, access_token: accessToken } = oauth.tokens() as { refresh_token: string; access_token: string };
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: oauth.clientInformation()?.client_id as string });
    // Another program holds the store locked longer than the server waits: a refresh is answered 503.
    const other = new DatabaseSync(join(server.dataDir, 'server.db'));
    other.exec('BEGIN IMMEDIATE');
    let refused: Response;
    try {
      refused = await fetch(`${server.origin}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(refused.status).toBe(503);
    expect(await server.stop()).toBe(0);
    const first = server;
    const refusedLine = linesOf(first).find((line) => line.request_id === refused.headers.get('x-request-id'));
    expect(refusedLine).toMatchObject({ level: 'error', method: 'POST', route: '/token', status: 503, error: { type: 'StoreUnavailable' } });
    expect((refusedLine?.error as { message?: string }).message).toMatch(/\S/);
    expect((refusedLine?.error as { stack?: string }).stack).toBeUndefined();
    // The person's tracker credentials changed under the server (a backup of another server): they
    // no longer open, and the person's call is answered with a server error.
    const stranger = new DatabaseSync(join(first.dataDir, 'server.db'));
    const { id, credentials } = stranger.prepare('SELECT id, credentials FROM people').get() as { id: string; credentials: string };
    stranger.prepare('UPDATE people SET credentials = ? WHERE id = ?').run(`${credentials.slice(0, -4)}AAAA`, id);
    stranger.close();
    server = await first.restart();
    // The client as it was, tokens and all: its call is answered with a server error.
    const again = await connectAs(server, { era: 'modern', oauth, signIn: () => Promise.reject(new Error('asked to sign in again')) })
      .then((client) => client.call('timer_status').finally(() => client.close()))
      .catch((error: unknown) => error);
    expect(again).toBeInstanceOf(Error);
    expect(await server.stop()).toBe(0);
    const failures = linesOf(server).filter((line) => line.route === '/mcp' && Number(line.status) >= 500);
    expect(failures.length).toBeGreaterThanOrEqual(1);
    for (const failure of failures) {
      expect(failure).toMatchObject({ level: 'error', method: 'POST', person_id: id, error: { type: 'SealError' } });
      expect((failure.error as { stack?: string }).stack).toMatch(/^SealError: /);
    }
    for (const secret of [refreshToken, accessToken, ADA.token, TEST_SERVER_KEY]) expect(`${first.stderr()}${server.stderr()}`).not.toContain(secret);
    removeTeamServerData(first);
  });
});
