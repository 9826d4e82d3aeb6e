// The team server's HTTP edges under attack, over bare sockets and fetch: a
// body over the bound (declared, and chunked without end), JSON nested past the bound, a client that
// dribbles its headers, headers too large, many wrong sign-ins from one address, the limits per
// address and per person (X-Forwarded-For believed only from a trusted proxy), and CORS only where a
// browser needs it. Each test names the attack; the server keeps serving everyone else.
import { readdirSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawConnection } from '../../support/raw-http.ts';
import { SignInBrowser, startTeamServer, stopAndRemoveServers, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';
import { initializeWith, REDIRECT_URI, signInByHand, statusWith } from '../../support/team-oauth.ts';
import { DEFAULT_USERS, type FakeKimai, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const MB = 1024 * 1024;

const servers: TeamServerHandle[] = [];
afterAll(() => stopAndRemoveServers(...servers.splice(0)));

async function start(setup: Parameters<typeof startTeamServer>[0] = {}): Promise<TeamServerHandle> {
  const server = await startTeamServer(setup);
  servers.push(server);
  return server;
}

function mcpHead(server: TeamServerHandle, token: string, extra: string[]): string {
  return [
    `POST /mcp HTTP/1.1`,
    `Host: ${new URL(server.origin).host}`,
    `Authorization: Bearer ${token}`,
    'Content-Type: application/json',
    'Accept: application/json, text/event-stream',
    ...extra,
    '',
    '',
  ].join('\r\n');
}

/** A JSON-RPC tools/call whose arguments nest `depth` arrays deep. */
function nested(depth: number): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
  }).replace('"capabilities":{}', `"capabilities":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}`);
}

describe('bodies and headers', () => {
  let server: TeamServerHandle;
  let token: string;
  beforeAll(async () => {
    server = await start();
    token = (await signInByHand(server)).accessToken;
  });

  it('a body declared over 1 MB: 413 before a byte of it is sent, and the connection closed', async () => {
    const connection = new RawConnection(server.origin);
    await connection.write(mcpHead(server, token, [`Content-Length: ${200 * MB}`]));
    expect(await connection.response()).toBe(413);
    expect(connection.text).toMatch(/at most 1048576 are taken/);
    // Closed at once, not kept alive for the next request (whose bytes would be the body).
    const answered = Date.now();
    await connection.closed;
    expect(Date.now() - answered).toBeLessThan(3_000);
  });

  it('a body declared over 1 MB without a token, on any path: 413 before anything reads it', async () => {
    for (const path of ['/mcp', '/token', '/reg', '/account/development']) {
      const connection = new RawConnection(server.origin);
      await connection.write(
        [`POST ${path} HTTP/1.1`, `Host: ${new URL(server.origin).host}`, 'Content-Type: application/json', `Content-Length: ${50 * MB}`, '', ''].join('\r\n'),
      );
      expect(await connection.response(), path).toBe(413);
      await connection.closed;
    }
  });

  it('a chunked body that never ends: 413 once it passes 1 MB, and the server stops reading', async () => {
    const connection = new RawConnection(server.origin);
    await connection.write(mcpHead(server, token, ['Transfer-Encoding: chunked']));
    const chunk = Buffer.concat([Buffer.from(`${(64 * 1024).toString(16)}\r\n`), Buffer.alloc(64 * 1024, 0x20), Buffer.from('\r\n')]);
    // Up to 64 MB: a server that drains the rest would take all of it.
    for (let sent = 0; sent < 64 * MB && !connection.isClosed; sent += 64 * 1024) {
      if (!(await connection.write(chunk))) break;
    }
    expect(connection.status).toBe(413);
    await connection.closed;
    expect(connection.written).toBeLessThan(16 * MB);
  });

  it("a small body answered before it was read (401 without a token): the connection serves the client's next request", async () => {
    // Every client's sign-in begins so: ending this connection raced the client reusing it.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets: Socket[] = [];
    const send = (method: string, path: string, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const request = httpRequest(new URL(path, server.origin), { method, agent, headers: { 'content-type': 'application/json' } }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        });
        request.on('socket', (socket) => sockets.push(socket));
        request.on('error', reject);
        request.end(body);
      });
    try {
      expect(await send('POST', '/mcp', nested(1))).toBe(401);
      expect(await send('GET', '/.well-known/oauth-protected-resource/mcp')).toBe(200);
      expect(await send('POST', '/mcp', nested(1))).toBe(401);
      expect(new Set(sockets).size).toBe(1);
    } finally {
      agent.destroy();
    }
  });

  it('a body of exactly 1 MB of JSON is read (the bound is not below it)', async () => {
    const padding = ' '.repeat(MB - nested(1).length);
    const response = await fetch(server.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: nested(1) + padding,
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  });

  it('JSON nested deeper than 64 levels: 400 in words, and 64 levels are taken', async () => {
    const deep = await fetch(server.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: nested(100_000),
    });
    expect(deep.status).toBe(400);
    expect(await deep.text()).toMatch(/nests deeper than 64 levels/);
    const fine = await fetch(server.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: nested(60),
    });
    expect(fine.status).toBe(200);
    await fine.arrayBuffer();
  });

  it("JSON nested deeper than 64 levels at the authorization server's registration: 400 in words before the library reads it, and 60 levels are taken", async () => {
    const registration = (depth: number) =>
      JSON.stringify({ client_name: 'Deep', redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: 'none', software_version: '1' }).replace(
        '"software_version":"1"',
        `"extra":${'['.repeat(depth)}${']'.repeat(depth)}`,
      );
    const deep = await fetch(`${server.origin}/reg`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: registration(70) });
    expect(deep.status).toBe(400);
    expect(await deep.json()).toEqual({ error: 'invalid_request', error_description: expect.stringMatching(/nests deeper than 64 levels/) });
    const fine = await fetch(`${server.origin}/reg`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: registration(60) });
    expect(fine.status, await fine.clone().text()).toBe(201);
  });

  it('a chunked token request that never ends: 413 once it passes 1 MB, and the server stops reading', async () => {
    const connection = new RawConnection(server.origin);
    await connection.write(
      [
        `POST /token HTTP/1.1`,
        `Host: ${new URL(server.origin).host}`,
        'Content-Type: application/x-www-form-urlencoded',
        'Transfer-Encoding: chunked',
        '',
        '',
      ].join('\r\n'),
    );
    const chunk = Buffer.concat([Buffer.from(`${(64 * 1024).toString(16)}\r\n`), Buffer.alloc(64 * 1024, 0x61), Buffer.from('\r\n')]);
    for (let sent = 0; sent < 64 * MB && !connection.isClosed; sent += 64 * 1024) {
      if (!(await connection.write(chunk))) break;
    }
    await connection.closed;
    expect([400, 413]).toContain(connection.status);
    expect(connection.written).toBeLessThan(16 * MB);
  });

  it('a body that is not JSON: 415 in words', async () => {
    const response = await fetch(server.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain', accept: 'application/json, text/event-stream' },
      body: nested(1),
    });
    expect(response.status).toBe(415);
    expect(await response.text()).toMatch(/Content-Type: application\/json/);
  });

  it('headers over 16 kB: 431, and the server goes on', async () => {
    const connection = new RawConnection(server.origin);
    await connection.write([`GET /healthz HTTP/1.1`, `Host: ${new URL(server.origin).host}`, `X-Padding: ${'a'.repeat(20_000)}`, '', ''].join('\r\n'));
    expect(await connection.response()).toBe(431);
    await connection.closed;
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
  });

  it('a client that dribbles its headers a byte at a time: cut off, while everyone else is served', { timeout: 40_000 }, async () => {
    const slow = new RawConnection(server.origin);
    await slow.connected;
    const startedAt = Date.now();
    await slow.write(`GET /healthz HTTP/1.1\r\nHost: ${new URL(server.origin).host}\r\n`);
    const dribble = (async () => {
      for (let index = 0; index < 60 && !slow.isClosed; index++) {
        await slow.write(index % 2 ? 'a' : 'X-Slow: ');
        const started = Date.now();
        // Meanwhile, others are answered at once.
        expect(await statusWith(server.mcpUrl, token)).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, 500 - (Date.now() - started))));
      }
    })();
    await slow.closed;
    const cutAfter = Date.now() - startedAt;
    await dribble;
    // The headers must be in within 10 s; the server checks every second.
    expect(cutAfter).toBeLessThan(15_000);
    expect(slow.status === undefined || slow.status === 408).toBe(true);
  });
});

describe('many wrong sign-ins from one address', () => {
  let fake: FakeKimai;
  let server: TeamServerHandle;
  beforeAll(async () => {
    fake = await startFakeKimai();
    // Behind a trusted proxy, so that each test signs in from an address of its own.
    server = await start({ provider: { type: 'kimai', url: fake.url }, signIn: { tracker: true }, trustedProxies: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await fake?.close();
  });

  /** A sign-in on the account page from `address` (as the proxy forwards it) with `token`. */
  const signInFrom = async (address: string, token: string) => {
    const browser = new SignInBrowser(server.origin);
    const page = await browser.open('/account');
    return browser.submit(page, '/account/tracker', { secret: token }, undefined, { 'x-forwarded-for': address });
  };
  const triedAtKimai = (since: number, prefix: string) => fake.requests.slice(since).filter((request) => (request.credential ?? '').includes(prefix)).length;

  it('are refused with 429 and Retry-After well before 200 tries, with nothing stored and the right token refused too until the wait is over', async () => {
    const browser = new SignInBrowser(server.origin);
    const before = fake.requests.length;
    let tries = 0;
    let refused: { status: number; retryAfter: string | null; html: string } | undefined;
    for (; tries < 200 && !refused; tries++) {
      const page = await browser.open('/account');
      const answer = await trackerSignIn(`wrong-token-${tries}`)(browser, page);
      if (answer.status === 429) refused = { status: answer.status, retryAfter: answer.headers.get('retry-after'), html: answer.html };
      else expect(answer.status).toBe(400);
    }
    expect(refused).toBeDefined();
    expect(tries).toBeLessThanOrEqual(11);
    expect(Number(refused?.retryAfter)).toBeGreaterThan(0);
    expect(refused?.html).toMatch(/Too many sign-ins failed from your network\. Wait \d+ minutes/);
    // Kimai was asked about at most the ten the limit allows: the rest were refused before a try.
    const tried = fake.requests.slice(before).filter((request) => /wrong-token/.test(request.credential ?? ''));
    expect(tried.length).toBeLessThanOrEqual(10);
    const rightToken = await trackerSignIn((DEFAULT_USERS[0] as { token: string }).token)(browser, await browser.open('/account'));
    expect(rightToken.status).toBe(429);
    const db = new DatabaseSync(join(server.dataDir, 'server.db'), { readOnly: true });
    try {
      expect(db.prepare('SELECT count(*) AS count FROM people').get()).toEqual({ count: 0 });
      expect(db.prepare("SELECT count(*) AS count FROM oauth WHERE model IN ('Grant', 'AccessToken', 'RefreshToken')").get()).toEqual({ count: 0 });
    } finally {
      db.close();
    }
    const checks = join(server.dataDir, 'sign-in-checks');
    expect(listFiles(checks).filter((file) => !file.endsWith('.lock'))).toEqual([]);
  });

  it('sent fifty at once: still at most ten reach Kimai (each is counted before it is tried)', async () => {
    const before = fake.requests.length;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, index) => signInFrom('203.0.113.50', `parallel-wrong-${index}`)));
    expect(triedAtKimai(before, 'parallel-wrong-')).toBeLessThanOrEqual(10);
    expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(40);
  });

  it('that succeed do not count: a dozen right sign-ins leave every try for wrong ones', async () => {
    for (let index = 0; index < 12; index++) expect((await signInFrom('203.0.113.60', (DEFAULT_USERS[0] as { token: string }).token)).status).toBe(200);
    const before = fake.requests.length;
    const statuses = [];
    for (let index = 0; index < 11; index++) statuses.push((await signInFrom('203.0.113.60', `late-wrong-${index}`)).status);
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
    expect(triedAtKimai(before, 'late-wrong-')).toBe(10);
  });
});

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

describe('limits per address behind trusted proxies', () => {
  const metadataStatus = async (server: TeamServerHandle, forwardedFor?: string) => {
    const response = await fetch(`${server.origin}/.well-known/oauth-protected-resource`, { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
    await response.arrayBuffer();
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  };

  it('X-Forwarded-For from a trusted proxy: each client address has its own budget, and a forged hop to its left changes nothing', async () => {
    const server = await start({ trustedProxies: ['127.0.0.1'], limits: { requests_per_address_per_minute: 5 } });
    const statuses = [];
    for (let index = 0; index < 6; index++) statuses.push((await metadataStatus(server, '203.0.113.1')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await metadataStatus(server, '203.0.113.1');
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
    // The same client, whatever it writes to the left of what the proxy saw.
    expect((await metadataStatus(server, '198.51.100.7, 203.0.113.1')).status).toBe(429);
    // Another client behind the same proxy is not held up.
    expect((await metadataStatus(server, '203.0.113.2')).status).toBe(200);
  });

  it('X-Forwarded-For from a peer that is not a trusted proxy is ignored: a spoofed address buys no budget', async () => {
    const server = await start({ trustedProxies: ['10.0.0.1'], limits: { requests_per_address_per_minute: 5 } });
    const statuses = [];
    for (let index = 0; index < 8; index++) statuses.push((await metadataStatus(server, `203.0.113.${index + 1}`)).status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
  });

  it('the limit per person: 429 with Retry-After for the person who spent it, another person goes on', async () => {
    const server = await start({ limits: { requests_per_person_per_minute: 5 } });
    const ada = await signInByHand(server);
    const adaAgain = await signInByHand(server, { clientName: "Ada's second client" });
    const tom = await signInByHand(server, { signIn: (browser, page) => browser.submit(page, '/development', { name: 'Tom Lead' }) });
    const statuses = [];
    for (let index = 0; index < 5; index++) statuses.push(await statusWith(server.mcpUrl, ada.accessToken));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await initializeWith(server.mcpUrl, ada.accessToken);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await limited.arrayBuffer();
    // Per person, not per client: her other client waits too.
    expect(await statusWith(server.mcpUrl, adaAgain.accessToken)).toBe(429);
    expect(await statusWith(server.mcpUrl, tom.accessToken)).toBe(200);
  });
});

describe('CORS', () => {
  let server: TeamServerHandle;
  let token: string;
  beforeAll(async () => {
    server = await start();
    token = (await signInByHand(server)).accessToken;
  });
  const foreign = { origin: 'https://attacker.example' };

  it('the metadata documents are readable from any page (a browser client discovers the server)', async () => {
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-authorization-server']) {
      const response = await fetch(`${server.origin}${path}`, { headers: foreign });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('access-control-allow-origin'), path).toMatch(/^(\*|https:\/\/attacker\.example)$/);
      await response.arrayBuffer();
    }
  });

  it('nothing else answers another site: /mcp, its preflight, the sign-in and account pages, registration', async () => {
    const answers = await Promise.all([
      fetch(server.mcpUrl, {
        method: 'POST',
        headers: { ...foreign, authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: nested(1),
      }),
      fetch(server.mcpUrl, {
        method: 'OPTIONS',
        headers: { ...foreign, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      }),
      fetch(`${server.origin}/account`, { headers: foreign }),
      fetch(`${server.origin}/reg`, {
        method: 'POST',
        headers: { ...foreign, 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: ['https://attacker.example/cb'], token_endpoint_auth_method: 'none' }),
      }),
      fetch(`${server.origin}/reg`, { method: 'OPTIONS', headers: { ...foreign, 'access-control-request-method': 'POST' } }),
    ]);
    for (const answer of answers) {
      expect(answer.headers.get('access-control-allow-origin'), answer.url).toBeNull();
      await answer.arrayBuffer();
    }
  });

  it("the token endpoint answers a page only of a client's own origin (its redirect URIs), never another site", async () => {
    const signedIn = await signInByHand(server);
    const refresh = (origin: string) =>
      fetch(`${server.origin}/token`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: signedIn.refreshToken, client_id: signedIn.clientId }),
      });
    const fromElsewhere = await refresh(foreign.origin);
    expect(fromElsewhere.status).toBe(400);
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await fromElsewhere.json()) as { error: string }).error).toBe('invalid_request');
    const fromItsOwnPage = await refresh(new URL(REDIRECT_URI).origin);
    expect(fromItsOwnPage.status).toBe(200);
    expect(fromItsOwnPage.headers.get('access-control-allow-origin')).toBe(new URL(REDIRECT_URI).origin);
    await fromItsOwnPage.arrayBuffer();
    // The policy is the server's own: the library does not ask for one in the log.
    expect(server.stderr()).not.toMatch(/clientBasedCORS/);
  });
});
