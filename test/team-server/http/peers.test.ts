// Passing a 2025-era session's request to the instance that holds it (team-server/http/peers.ts), on a
// real SQLite store and real sockets: a holder whose address swallows the request is given up on, so
// the client's request does not hang there; a holder whose answer has begun streams it to the end,
// however long it takes; and the holder recognises the mark of a request passed by its peer.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Peers, startPeers } from '../../../team-server/http/peers.ts';
import { type Store } from '../../../team-server/store/store.ts';
import { openStore } from '../../../team-server/store/open-store.ts';

const KEY = Buffer.alloc(32, 7);
const HOLDER = '0123456789abcdef';
const SESSION = `${HOLDER}.5b0b7a4e-0c55-4a43-9d6e-0c3c4a0f6c11`;

let folder: string;
let store: Store;
const closing: Array<() => unknown> = [];

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'punchcard-peers-'));
  store = await openStore({ store: `sqlite:${join(folder, 'server.db')}` }, { now: Date.now, env: {} });
});
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

async function listening(server: Server | ReturnType<typeof createHttpServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  closing.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${address.port}`;
}

async function peers(options: { answerWithinMs?: number } = {}): Promise<{ peers: Peers; said: string[] }> {
  const said: string[] = [];
  const started = await startPeers({
    store,
    address: 'http://127.0.0.1:9',
    key: KEY,
    serverKeyId: 'key-of-the-test',
    now: Date.now,
    log: (line) => said.push(line),
    ...options,
  });
  closing.push(() => started.close());
  return { peers: started, said };
}

const request = (signal = new AbortController().signal) => ({
  method: 'POST',
  headers: new Headers({ authorization: 'Bearer token-of-the-client', 'content-type': 'application/json', 'mcp-session-id': SESSION, cookie: 'not passed' }),
  body: new TextEncoder().encode('{"jsonrpc":"2.0","id":1,"method":"ping"}') as Uint8Array<ArrayBuffer>,
  signal,
});

it('gives up on a holder that accepts the connection and never answers, and says so', async () => {
  const sockets: Socket[] = [];
  const blackHole = createTcpServer((socket) => sockets.push(socket));
  await store.announceInstance(HOLDER, await listening(blackHole), Date.now());
  closing.push(() => sockets.forEach((socket) => socket.destroy()));
  // Long enough for the connection itself on a loaded machine: what is timed is the answer's start.
  const { peers: here, said } = await peers({ answerWithinMs: 1_500 });

  expect(await here.pass(request(), SESSION)).toBeUndefined();
  expect(sockets.length).toBe(1);
  expect(said.join('\n')).toMatch(/^A 2025-era session's instance \(http:\/\/127\.0\.0\.1:\d+\) did not answer: no answer began within 1\.5 s$/);
});

it('streams an answer that began in time to its end, however long the rest takes, with the mark its holder recognises', async () => {
  let received: IncomingHttpHeaders = {};
  const holder = createHttpServer((incoming, answer) => {
    received = incoming.headers;
    answer.writeHead(200, { 'content-type': 'text/event-stream', 'x-internal': 'kept home' });
    answer.write('event: message\ndata: {"first":true}\n\n');
    setTimeout(() => answer.end('event: message\ndata: {"last":true}\n\n'), 600);
  });
  await store.announceInstance(HOLDER, await listening(holder), Date.now());
  // Long enough for the connection itself on a loaded machine: what is timed is the answer's start.
  const { peers: here, said } = await peers({ answerWithinMs: 1_500 });

  const answer = await here.pass(request(), SESSION);
  expect(answer?.status).toBe(200);
  expect(await answer?.text()).toBe('event: message\ndata: {"first":true}\n\nevent: message\ndata: {"last":true}\n\n');
  expect(answer?.headers.get('x-internal')).toBeNull();
  expect(said).toEqual([]);

  expect(received.authorization).toBe('Bearer token-of-the-client');
  expect(received.cookie).toBeUndefined();
  const { peers: theHolder } = await peers();
  const headersOf = (given: IncomingHttpHeaders) => ({ get: (name: string) => (typeof given[name] === 'string' ? (given[name] as string) : null) });
  expect(theHolder.passedByPeer(headersOf(received), SESSION)).toBe(true);
  expect(theHolder.passedByPeer(headersOf(received), `${HOLDER}.another-session`)).toBe(false);
  expect(theHolder.passedByPeer(headersOf({ ...received, 'x-punchcard-peer': 'forged' }), SESSION)).toBe(false);
});

it('passes nothing for its own sessions, a malformed id or an instance not heard from', async () => {
  const { peers: here } = await peers();
  expect(await here.pass(request(), here.sessionId())).toBeUndefined();
  expect(await here.pass(request(), 'not-an-instance.x')).toBeUndefined();
  expect(await here.pass(request(), SESSION)).toBeUndefined();
});
