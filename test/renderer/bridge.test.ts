// The test bridge and the static server are loopback-only doors into a test run: they must refuse
// strangers (wrong token, host or origin), paths outside the build, and turn handler failures into
// the messages the window shows.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBridgeServer, TOKEN_HEADER, type BridgeServer } from './bridge-server.ts';
import { createFakeBridge } from './fake-bridge.ts';
import { RENDERER_CSP, resolveInside, serveRenderer, type RendererServer } from './harness.ts';

const closing: Array<BridgeServer | RendererServer> = [];
const folders: string[] = [];

afterEach(async () => {
  for (const server of closing.splice(0)) await server.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so that paths and headers reach the server exactly as written. */
function raw(url: string, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: target.hostname, port: target.port, method: options.method ?? 'GET', path: options.path ?? target.pathname, headers: options.headers ?? {} },
      (incoming) => {
        let body = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (body += chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

async function bridge(): Promise<{ server: BridgeServer; call: (name: string, body: unknown, headers?: Record<string, string>) => Promise<Answer> }> {
  const server = await startBridgeServer(createFakeBridge());
  closing.push(server);
  const call = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    raw(server.url, {
      method: 'POST',
      path: `/ipc/${name}`,
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, ...headers },
      body: JSON.stringify(body),
    });
  return { server, call };
}

describe('the bridge server', () => {
  it('answers a call with the handler result', async () => {
    const { server, call } = await bridge();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await call('setReadOnly', { request: { readOnly: true } });
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as { result: { readOnly: boolean } }).result.readOnly).toBe(true);
    expect(server.calls).toEqual([{ name: 'setReadOnly', request: { readOnly: true }, status: 200 }]);
  });

  it('refuses a wrong token, a foreign host or origin, and unknown routes', async () => {
    const { server, call } = await bridge();
    expect((await call('getStatus', {}, { [TOKEN_HEADER]: 'guess' })).status).toBe(403);
    expect((await call('getStatus', {}, { host: `evil.example:${new URL(server.url).port}` })).status).toBe(403);
    expect((await call('getStatus', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await call('getStatus', {}, { origin: 'http://127.0.0.1:1234' })).status).toBe(200);
    expect((await raw(`${server.url}/events`)).status).toBe(403);
    expect((await call('noSuchThing', {})).status).toBe(404);
    expect((await raw(server.url, { path: '/ipc/getStatus', headers: { [TOKEN_HEADER]: server.token } })).status).toBe(405);
    expect((await call('getStatus', {}, { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('rejects what the contract refuses with 400, and a failing handler with 500 and its message', async () => {
    const fake = createFakeBridge();
    const server = await startBridgeServer(fake);
    closing.push(server);
    const post = (name: string, body: unknown) =>
      raw(server.url, {
        method: 'POST',
        path: `/ipc/${name}`,
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
        body: JSON.stringify(body),
      });
    const invalid = await post('setTool', { request: { name: 'rm_rf', enabled: true } });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body)).toEqual({ error: expect.stringMatching(/^Invalid request: name: /) });
    fake.failNext('getTools', 'config.json is not valid JSON (line 2).');
    const failed = await post('getTools', {});
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.body)).toEqual({ error: 'config.json is not valid JSON (line 2).' });
    expect(server.log).toEqual([]);
  });

  it('streams events to pages, from the handlers and from emit()', async () => {
    const fake = createFakeBridge();
    const server = await startBridgeServer(fake);
    closing.push(server);
    const frames: string[] = [];
    const stream = request({ host: '127.0.0.1', port: new URL(server.url).port, path: `/events?token=${server.token}` }, (incoming) => {
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => frames.push(chunk));
    });
    stream.end();
    await server.waitForEventStreams(1);
    expect(server.emit('showScreen', 'connect')).toBe(1);
    fake.clockInElsewhere('Internal');
    await expect.poll(() => frames.join('')).toContain('event: statusChanged\ndata: {"today":"');
    expect(frames.join('')).toContain('event: showScreen\ndata: "connect"\n\n');
    stream.destroy();
  });
});

describe('the static server', () => {
  function build(): string {
    const folder = mkdtempSync(join(tmpdir(), 'punchcard-renderer-'));
    folders.push(folder);
    mkdirSync(join(folder, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(folder, 'secret.txt'), 'outside the build');
    writeFileSync(join(folder, 'dist', 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(folder, 'dist', 'assets', 'app.js'), 'export {};');
    writeFileSync(join(folder, 'dist', 'assets', 'app.css'), 'body{}');
    return join(folder, 'dist');
  }

  it('serves the build with its MIME types and the CSP header', async () => {
    const server = await serveRenderer(build());
    closing.push(server);
    const index = await raw(server.url);
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw(`${server.origin}/assets/app.js`)).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await raw(`${server.origin}/assets/app.css`)).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await raw(`${server.origin}/assets/none.js`)).status).toBe(404);
    expect((await raw(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('refuses every way out of the build folder', async () => {
    const root = build();
    const server = await serveRenderer(root);
    closing.push(server);
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/assets/%00.js']) {
      const answer = await raw(server.origin, { path });
      expect([403, 404], path).toContain(answer.status);
      expect(answer.body, path).not.toContain('outside the build');
    }
    expect(resolveInside(root, '/../secret.txt')).toBeNull();
    expect(resolveInside(root, '/%2e%2e%2fsecret.txt')).toBeNull();
    expect(resolveInside(root, '/')).toBe(join(root, 'index.html'));
  });

  it('proxies /ipc/ and /events to the bridge, keeping the page on one origin', async () => {
    const { server: bridgeServer } = await bridge();
    const server = await serveRenderer(build(), { bridge: bridgeServer.url });
    closing.push(server);
    const answer = await raw(server.origin, {
      method: 'POST',
      path: '/ipc/getPreferences',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: bridgeServer.token, origin: server.origin },
      body: '{}',
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ result: { reminderHours: 10 } });
    expect(
      (await raw(server.origin, { method: 'POST', path: '/ipc/getPreferences', headers: { 'content-type': 'application/json' }, body: '{}' })).status,
    ).toBe(403);
  });
});
