// Each request's line in the team server's log (team-server/team/request-pipeline.ts, logs/team-log.ts): the
// real request pipeline on a real HTTP server, writing through the real log into a collector, in
// front of routes of the test's own that answer as the server's parts do (a person's call, a store
// away, a library failing with the address it fetched in its message, a probe). One JSON line per
// request, under the route's label and with the id the client was given; a server error at error
// level with its cause and nothing of a secret; probes quiet but where readiness changed. What the
// built server writes is read in team-log.test.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { actingFor, failedBecause } from '../../../team-server/logs/request-context.ts';
import { teamLog } from '../../../team-server/logs/team-log.ts';
import { NO_METRICS } from '../../../team-server/metrics/team-metrics.ts';
import { StoreUnavailable } from '../../../team-server/store/store.ts';
import { RequestPipeline } from '../../../team-server/team/request-pipeline.ts';
import Koa, { type Middleware } from 'koa';
import { RawConnection } from '../../support/raw-http.ts';

const CODE = 'one-time-code-5d2e9a';
const STATE = 'state-of-the-sign-in-77c1';
const BEARER = 'opaque-access-token-0f9e8d7c6b5a49382716';

type Line = Record<string, unknown> & { error?: { type: string; message: string; stack?: string } };

let text = '';
let http: Server;
let origin: string;
let pipeline: RequestPipeline;
let ready = true;

/** Routes answering as the server's parts do, as the step after the pipeline in a koa app as the server's (team-app.ts). */
const routes: Middleware = async (ctx) => {
  const path = new URL(ctx.req.url ?? '/', 'http://server').pathname;
  if (path === '/healthz') return void (ctx.body = 'ok\n');
  if (path === '/readyz') {
    if (!ready) failedBecause(new Error('The store did not answer within 5 s.'), { withStack: false });
    ctx.status = ready ? 200 : 503;
    return void (ctx.body = ready ? 'ready\n' : 'not ready\n');
  }
  if (path === '/mcp') {
    if (ctx.req.headers.authorization !== `Bearer ${BEARER}`) {
      ctx.body = null;
      return void (ctx.status = 401);
    }
    actingFor('person-7');
    return void (ctx.body = '{}');
  }
  if (path.startsWith('/interaction/')) return void (ctx.body = '<html>');
  // A library failing with the address it fetched, a bearer token and a form in its words.
  if (path === '/token')
    throw new Error(`GET https://idp.example.com/token?code=${CODE}&state=${STATE} failed (Authorization: Bearer ${BEARER}; body code=${CODE}&x=1)`);
  if (path === '/reg') throw new StoreUnavailable('The store did not answer within 5 s.');
  if (path === '/jwks') {
    // An answer written on Node's response by a library (as oidc-provider's are), failing once begun.
    ctx.respond = false;
    ctx.res.writeHead(200, { 'content-type': 'application/json' });
    ctx.res.write('{"keys":[');
    throw new Error('The keys could not be read.');
  }
  ctx.status = 404;
};

beforeEach(async () => {
  text = '';
  ready = true;
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  pipeline = new RequestPipeline({ log: await teamLog({ human: false, destination }), metrics: NO_METRICS });
  const app = new Koa();
  app.use(pipeline.middleware());
  app.use(routes);
  http = createServer(app.callback());
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterEach(async () => {
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

const lines = (): Line[] =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);

/** The line of the request whose answer carried `requestId`, once it is written. */
async function lineOf(requestId: string | null): Promise<Line> {
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  return vi.waitFor(() => {
    const found = lines().filter((line) => line.request_id === requestId);
    expect(found).toHaveLength(1);
    return found[0] as Line;
  });
}

describe('each request’s line in the log', () => {
  it('says method, route, status, time, the request id the client was given and the person, never the path as sent', async () => {
    const denied = await fetch(`${origin}/mcp?api_key=${CODE}`, { method: 'POST' });
    const called = await fetch(`${origin}/mcp`, { method: 'POST', headers: { authorization: `Bearer ${BEARER}` } });
    const page = await fetch(`${origin}/interaction/Xy7_uid-of-a-sign-in?code=${CODE}`);
    const missing = await fetch(`${origin}/wp-admin/setup.php`);
    const deniedLine = await lineOf(denied.headers.get('x-request-id'));
    const calledLine = await lineOf(called.headers.get('x-request-id'));
    const pageLine = await lineOf(page.headers.get('x-request-id'));
    const missingLine = await lineOf(missing.headers.get('x-request-id'));
    expect(deniedLine).toMatchObject({
      level: 'info',
      method: 'POST',
      route: '/mcp',
      status: 401,
      msg: expect.stringMatching(/^POST \/mcp 401 in [\d.]+ ms$/),
    });
    expect(deniedLine.person_id).toBeUndefined();
    expect(calledLine).toMatchObject({ level: 'info', method: 'POST', route: '/mcp', status: 200, person_id: 'person-7' });
    expect(typeof calledLine.duration_ms).toBe('number');
    expect(calledLine.completed).toBeUndefined();
    expect(pageLine).toMatchObject({ method: 'GET', route: '/interaction/:uid', status: 200 });
    expect(missingLine).toMatchObject({ route: 'other', status: 404 });
    expect(lines()).toHaveLength(4);
    expect(text).not.toContain(CODE);
    expect(text).not.toContain('Xy7_uid');
    expect(text).not.toContain('wp-admin');
  });

  it('is at error level for a 500, with its cause and stack, and no query, token or form of the error’s words', async () => {
    const answer = await fetch(`${origin}/token?code=${CODE}`, { method: 'POST', headers: { authorization: `Bearer ${BEARER}` } });
    expect(answer.status).toBe(500);
    const line = await lineOf(answer.headers.get('x-request-id'));
    expect(line).toMatchObject({ level: 'error', method: 'POST', route: '/token', status: 500 });
    expect(line.error?.type).toBe('Error');
    expect(line.error?.message).toBe('GET https://idp.example.com/token?[hidden] failed (Authorization: Bearer [hidden]; body code=[hidden]&x=1)');
    expect(line.error?.stack).toMatch(/request-lines\.test\.ts/);
    expect(line.msg).toMatch(/^POST \/token 500 in [\d.]+ ms: GET https:\/\/idp\.example\.com\/token\?\[hidden\]/);
    // The one line: no second line of the same failure.
    expect(lines()).toHaveLength(1);
    for (const secret of [CODE, STATE, BEARER]) expect(text).not.toContain(secret);
  });

  it('is at error level for the store away (503), with its words and no stack', async () => {
    const answer = await fetch(`${origin}/reg`, { method: 'POST' });
    expect([answer.status, answer.headers.get('retry-after')]).toEqual([503, '5']);
    const line = await lineOf(answer.headers.get('x-request-id'));
    expect(line).toMatchObject({
      level: 'error',
      route: '/reg',
      status: 503,
      error: { type: 'StoreUnavailable', message: 'The store did not answer within 5 s.' },
    });
    expect(line.error?.stack).toBeUndefined();
    expect(lines()).toHaveLength(1);
  });

  it('says an answer cut off by a failure after it began, at error level', async () => {
    const answer = await fetch(`${origin}/jwks`).catch((error: unknown) => error);
    const line = await vi.waitFor(() => {
      const found = lines().find((candidate) => candidate.route === '/jwks');
      expect(found).toBeDefined();
      return found as Line;
    });
    expect(answer).toBeDefined();
    expect(line).toMatchObject({ level: 'error', status: 200, completed: false, error: { type: 'Error', message: 'The keys could not be read.' } });
    expect(line.msg).toMatch(/, cut off: The keys could not be read\.$/);
  });

  it('is written for an address no URL parses (now a 400, not a 500) and a body declared too large, each with its request id', async () => {
    const raw = new RawConnection(origin);
    await raw.connected;
    await raw.write(`GET //[?code=${CODE} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    await raw.closed;
    expect(raw.status).toBe(400);
    const unreadable = await lineOf(raw.header('x-request-id') ?? null);
    expect(unreadable).toMatchObject({ level: 'info', method: 'GET', route: 'other', status: 400 });
    const large = new RawConnection(origin);
    await large.connected;
    await large.write('POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n');
    await large.closed;
    expect(large.status).toBe(413);
    expect(await lineOf(large.header('x-request-id') ?? null)).toMatchObject({ route: '/mcp', status: 413 });
    expect(text).not.toContain(CODE);
  });

  it('leaves health probes out, but for a line where readiness changed', async () => {
    const probe = async (path: string) => (await fetch(`${origin}${path}`)).status;
    for (let round = 0; round < 3; round++) expect([await probe('/healthz'), await probe('/readyz')]).toEqual([200, 200]);
    ready = false;
    for (let round = 0; round < 3; round++) expect(await probe('/readyz')).toBe(503);
    ready = true;
    for (let round = 0; round < 3; round++) expect(await probe('/readyz')).toBe(200);
    await fetch(`${origin}/mcp`, { method: 'POST' });
    // The /mcp line comes last, so every probe before it has had its turn.
    await vi.waitFor(() => expect(lines().at(-1)?.route).toBe('/mcp'));
    expect(lines().map(({ level, route, status, error }) => ({ level, route, status, cause: error?.message }))).toEqual([
      { level: 'error', route: '/readyz', status: 503, cause: 'The store did not answer within 5 s.' },
      { level: 'info', route: '/readyz', status: 200, cause: undefined },
      { level: 'info', route: '/mcp', status: 401, cause: undefined },
    ]);
    // A server shutting down says so on /readyz by design; its own lines tell the shutdown.
    pipeline.draining = true;
    ready = false;
    expect(await probe('/readyz')).toBe(503);
    await fetch(`${origin}/mcp`, { method: 'POST' });
    await vi.waitFor(() => expect(lines()).toHaveLength(4));
    expect(lines().at(-1)?.route).toBe('/mcp');
  });
});
