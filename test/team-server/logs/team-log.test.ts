// The team server's log (team-server/logs/team-log.ts): one JSON object a line on stderr, each line written
// while a request is served carrying that request's id and the person's id, never their name or
// e-mail, a secret or a note's text; lines for a person at a terminal with --dev. The built server
// is read as a log collector reads it: every line parsed.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { actingFor, inRequest } from '../../../team-server/logs/request-context.ts';
import { teamLog } from '../../../team-server/logs/team-log.ts';
import { textOf } from '../../support/engine.ts';
import { connectAs, startTeamServer, stopAndRemoveServers, type TeamServerHandle, TEST_SERVER_KEY, trackerSignIn } from '../../support/team-server.ts';
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

  it('never shows a bearer token, a tracker secret, the server key or a note’s text, on the built server', async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    seedCatalog(fake);
    server = await startTeamServer({ provider: { type: 'kimai', url: fake.url }, signIn: { tracker: true }, env: { PUNCHCARD_NOW: NOW } });
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
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // A sign-in's callback with its one-time code in the query, as a browser brings it back.
    await fetch(`${new URL(server.mcpUrl).origin}/sign-in/callback?code=${CODE}&state=${CODE}-state`);
    const token = (await ada.oauth.tokens())?.access_token as string;
    expect(token.length).toBeGreaterThan(20);
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
    // The lines written while a request was served name it, and the person by id alone.
    const inRequestLines = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.request_id !== undefined);
    expect(inRequestLines.length).toBeGreaterThanOrEqual(1);
    for (const line of inRequestLines) expect(line.person_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(stderr).not.toContain('Lovelace');
  });
});
