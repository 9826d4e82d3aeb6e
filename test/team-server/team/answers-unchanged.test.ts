// The team server's answers, as a client receives them on the wire, are the same JSON-RPC messages byte
// for byte as before the work on a call's cost (issue 96): a read, a clock-in, a clock-out, a refusal
// and a protocol error, in both eras (a 2026-era request answered alone; a 2025-era session's call).
// The messages are compared whole, as text, against what the server answered before the change
// (answers-unchanged.json, beside this file): how they travel (a JSON body or an event stream's `data:`
// lines) may change, what they say may not. The fake Kimai and the server start at the same fixed moment,
// so what a message says of times and ids is the same each run, except how long a running timer has run:
// that is counted to this machine's own clock, so it alone is blanked (wallClockFree).
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockStartingAt, type FakeKimai, type FakeUser, plainUsers, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { eraRequest } from '../../support/raw-stdio.ts';
import { signInByHand } from '../../support/team-oauth.ts';
import { removeTeamServerData, startTeamServer, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const EXPECTED = new URL('./__answers__/answers-unchanged.json', import.meta.url);
const [ADA] = plainUsers(1);

/** The calls each era makes, in order: what a person does in a morning, and two refusals. */
const CALLS: ReadonlyArray<{ name: string; method: string; params: Record<string, unknown> }> = [
  { name: 'read with no timer', method: 'tools/call', params: { name: 'timer_status', arguments: {} } },
  { name: 'clock in', method: 'tools/call', params: { name: 'clock_in', arguments: { project: 'Website', activity: 'Meeting' } } },
  { name: 'read with a timer', method: 'tools/call', params: { name: 'timer_status', arguments: {} } },
  { name: 'clock in again (refused)', method: 'tools/call', params: { name: 'clock_in', arguments: { project: 'Website', activity: 'Meeting' } } },
  { name: 'clock out', method: 'tools/call', params: { name: 'clock_out', arguments: {} } },
  { name: 'clock out with none running (refused)', method: 'tools/call', params: { name: 'clock_out', arguments: {} } },
  { name: 'a tool that is not there', method: 'tools/call', params: { name: 'no_such_tool', arguments: {} } },
];

/** The JSON-RPC messages an answer carries, as the text they were sent as: a JSON body, or each event's data. */
function messagesOf(contentType: string, text: string): string[] {
  if (contentType.startsWith('text/event-stream')) {
    return text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => wallClockFree(line.slice('data: '.length)));
  }
  return text === '' ? [] : [wallClockFree(text)];
}

/** A message with the running timer's length (counted to the machine's clock, not the fixed one) blanked. */
function wallClockFree(message: string): string {
  return message.replace(/"minutes":\d{4,}/g, '"minutes":"(running)"').replace(/since 08:00 \([^)]*\)/g, 'since 08:00 (running)');
}

async function post(server: TeamServerHandle, token: string, headers: Record<string, string>, body: object) {
  const response = await fetch(server.mcpUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, sessionId: response.headers.get('mcp-session-id'), messages: messagesOf(response.headers.get('content-type') ?? '', text) };
}

/** Each call's status and messages in the 2026 era: one request each, the per-request envelope on it. */
async function modernAnswers(server: TeamServerHandle, token: string): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  let id = 1;
  for (const call of CALLS) {
    const headers = { 'mcp-protocol-version': '2026-07-28', 'mcp-method': call.method, 'mcp-name': String(call.params.name) };
    const { status, messages } = await post(server, token, headers, eraRequest('modern', id++, call.method, call.params));
    answers[call.name] = { status, messages };
  }
  return answers;
}

/** The same in a 2025-era session: initialize, initialized, then each call in the session. */
async function sessionAnswers(server: TeamServerHandle, token: string): Promise<Record<string, unknown>> {
  const initialize = await post(
    server,
    token,
    {},
    eraRequest('legacy', 0, 'initialize', {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'answers-unchanged', version: '1.0.0' },
    }),
  );
  const sessionId = initialize.sessionId;
  if (!sessionId) throw new Error(`No session: ${initialize.status} ${initialize.messages.join('\n')}`);
  const headers = { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' };
  const initialized = await post(server, token, headers, { jsonrpc: '2.0', method: 'notifications/initialized' });
  const answers: Record<string, unknown> = { initialize: { status: initialize.status, messages: initialize.messages }, initialized };
  delete (initialized as { sessionId?: unknown }).sessionId;
  let id = 1;
  for (const call of CALLS) {
    const { status, messages } = await post(server, token, headers, eraRequest('legacy', id++, call.method, call.params));
    answers[call.name] = { status, messages };
  }
  return answers;
}

describe('the team server answers', () => {
  let fake: FakeKimai;
  let server: TeamServerHandle;
  let token: string;

  beforeAll(async () => {
    fake = await startFakeKimai({ users: [ADA as FakeUser], now: clockStartingAt(NOW) });
    seedCatalog(fake);
    // The built server: the bundle as it ships, its sources as its build writes them.
    server = await startTeamServer({ built: true, provider: { type: 'kimai', url: fake.url }, signIn: { tracker: true }, env: { PUNCHCARD_NOW: NOW } });
    token = (await signInByHand(server, { signIn: trackerSignIn(ADA?.token as string), clientName: 'Answers' })).accessToken;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    if (server) removeTeamServerData(server);
    await fake?.close();
  });

  it('with the same messages as before, in both eras', async () => {
    const answers = { '2026': await modernAnswers(server, token), '2025': await sessionAnswers(server, token) };
    if (process.env.PUNCHCARD_CAPTURE_ANSWERS === '1') writeFileSync(EXPECTED, `${JSON.stringify(answers, null, 2)}\n`);
    expect(answers).toEqual(JSON.parse(readFileSync(EXPECTED, 'utf8')));
  }, 60_000);
});
