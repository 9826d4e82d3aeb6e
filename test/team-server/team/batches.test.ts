// JSON-RPC batches on the team server (MCP 2025-03-26 allows them in one POST), against the built
// server and the Kimai fake. The attack: one POST of a 2025-03-26 session holding 40 tools/call
// ran all 40 and sent 81 requests to Kimai, since the limit per person counted HTTP requests. Now a
// batch is held to 20 messages, each message counts against the person's limit, and a batch that
// would go past it runs as far as the limit allows, each refused call answered with the words of a
// refused request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTeamServerData, startTeamServer, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';
import { signInByHand } from '../../support/team-oauth.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;
const PER_MINUTE = 10;

let fake: FakeKimai;
let server: TeamServerHandle;

beforeAll(async () => {
  fake = await startFakeKimai();
  seedCatalog(fake);
  server = await startTeamServer({
    provider: { type: 'kimai', url: fake.url },
    signIn: { tracker: true },
    limits: { requests_per_person_per_minute: PER_MINUTE },
  });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  if (server) removeTeamServerData(server);
});

interface Message {
  id?: unknown;
  result?: { isError?: boolean; content?: Array<{ text?: string }> };
  error?: { code: number; message: string; data?: { retryAfterSeconds?: number } };
}

/** A 2025-03-26 session of `person`, opened as a client of that revision opens one (2 requests). */
async function openSession(person: FakeUser): Promise<(body: unknown) => Promise<{ status: number; messages: Message[]; text: string }>> {
  const { accessToken } = await signInByHand(server, { signIn: trackerSignIn(person.token) });
  const post = async (body: unknown, session?: string) => {
    const response = await fetch(server.mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(session ? { 'mcp-session-id': session, 'mcp-protocol-version': '2025-03-26' } : {}),
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, messages: messagesOf(response.headers.get('content-type') ?? '', text) };
  };
  const opened = await post({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'batching client', version: '1.0.0' } },
  });
  const session = opened.headers.get('mcp-session-id');
  if (opened.status !== 200 || !session) throw new Error(`No session: ${opened.status} ${opened.text}`);
  expect((await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, session)).status).toBe(202);
  return (body) => post(body, session);
}

function messagesOf(type: string, text: string): Message[] {
  if (type.startsWith('application/json')) {
    const parsed = JSON.parse(text) as Message | Message[];
    return Array.isArray(parsed) ? parsed : [parsed];
  }
  return text
    .split('\n')
    .filter((line) => line.startsWith('data:') && line.length > 6)
    .map((line) => JSON.parse(line.slice(5)) as Message);
}

/** `count` log_time calls, each a quarter of an hour of its own two days ago. */
function logTimeCalls(count: number, firstId = 1): unknown[] {
  return Array.from({ length: count }, (_, index) => {
    const start = 8 * 60 + index * 15;
    const at = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    return {
      jsonrpc: '2.0',
      id: firstId + index,
      method: 'tools/call',
      params: { name: 'log_time', arguments: { start: `${day} ${at(start)}`, end: `${day} ${at(start + 15)}`, project: 'Website', activity: 'Design' } },
    };
  });
}

/**
 * The limit counts in windows of a wall-clock minute: a window that ends halfway through a test
 * would give its later requests a fresh count. Begin where the minute has long enough to run.
 */
async function earlyInAMinute(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 25_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe('a JSON-RPC batch on the team server', () => {
  it('larger than 20 messages is refused whole, in words, and the back end is asked nothing', async () => {
    const send = await openSession(TOM);
    const before = fake.requests.length;
    const answer = await send(logTimeCalls(40));
    expect(answer.status).toBe(400);
    expect(answer.messages).toHaveLength(1);
    expect(answer.messages[0]?.error?.message).toBe(
      'A batch may hold at most 20 messages; this one holds 40, so none of them was run. Send them in batches of 20 or fewer.',
    );
    // (The engine's background look at Kimai's features may come meanwhile; no call of the batch does.)
    expect(fake.requests.slice(before).filter((request) => request.path.startsWith('/api/timesheets'))).toEqual([]);
    expect(fake.state.timesheets.filter((sheet) => sheet.userId === TOM.id)).toHaveLength(0);
  });

  it("counts each message against the person's limit: it runs as far as the limit allows, and every call past it is answered with when to retry", {
    timeout: 60_000,
  }, async () => {
    await earlyInAMinute();
    const send = await openSession(ADA);
    const before = fake.requests.length;
    // Two counted so far (initialize, initialized); of the twelve, the first eight fit the ten.
    const answer = await send(logTimeCalls(12));
    expect(answer.status).toBe(200);
    const byId = new Map(answer.messages.map((message) => [message.id, message]));
    expect([...byId.keys()].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    for (let id = 1; id <= 8; id++) expect(byId.get(id)?.result?.isError, JSON.stringify(byId.get(id))).toBeFalsy();
    for (let id = 9; id <= 12; id++) {
      const refused = byId.get(id);
      expect(refused?.error?.message).toMatch(/^Too many requests: try again in \d+ s\.$/);
      expect(refused?.error?.data?.retryAfterSeconds).toBeGreaterThan(0);
    }
    // Only the eight reached Kimai.
    expect(fake.state.timesheets.filter((sheet) => sheet.userId === ADA.id)).toHaveLength(8);
    expect(fake.requests.slice(before).filter((request) => request.method === 'POST' && request.path === '/api/timesheets')).toHaveLength(8);
    // The limit is spent: the next request is refused as any request past it is.
    const next = await send({ jsonrpc: '2.0', id: 13, method: 'tools/call', params: { name: 'timer_status', arguments: {} } });
    expect(next.status).toBe(429);
    expect(next.text).toMatch(/^Too many requests: try again in \d+ s\./);
  });
});
