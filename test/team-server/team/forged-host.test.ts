// The addresses the server publishes, asked for with forged Host, X-Forwarded-Host and
// X-Forwarded-Proto headers (as anyone can send them, and a shared cache in front would then keep the
// answer for everyone): both metadata documents, the protected-resource metadata, a registration's
// answer, the redirects of a sign-in and the sign-in page name only public_url. Every request is made
// with node:http, which sends the Host header a test gives it (fetch does not).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamServer, stopAndRemoveServers, type TeamServerHandle } from '../../support/team-server.ts';
import { pkcePair, REDIRECT_URI } from '../../support/team-oauth.ts';

const FORGED = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-port': '443' };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request to `listenUrl` with exactly these headers (Host included), and the whole answer. */
function send(listenUrl: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(new URL(path, listenUrl), { method: options.method ?? 'GET', headers: options.headers ?? {} }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (text += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text }));
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** Every URL in a JSON document, wherever it is. */
function urlsIn(value: unknown): string[] {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urlsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(urlsIn);
  return [];
}

const servers: TeamServerHandle[] = [];
afterAll(() => stopAndRemoveServers(...servers.splice(0)));

// A server on this computer refuses a Host that is not its own before anything else (DNS rebinding,
// team-server/http/own-host.ts): there the forged forwarded headers are sent with its own Host, and
// the forged Host is shown refused on its own.
describe('a server on this computer (http://127.0.0.1) given a forged Host', () => {
  it.each(['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration', '/reg', '/auth'])(
    'refuses %s with 403, publishing nothing',
    async (path) => {
      const server = await startTeamServer({});
      servers.push(server);
      const answer = await send(server.listenUrl, path, { headers: FORGED });
      expect(answer.status).toBe(403);
      expect(answer.text).not.toMatch(/https?:\/\//);
    },
  );
});

describe.each([
  ['on this computer (http://127.0.0.1)', {}],
  [
    'behind a proxy on a public address (https://punchcard.example.com)',
    { publicUrl: 'https://punchcard.example.com', signIn: { tracker: true }, provider: { type: 'kimai', url: 'https://kimai.example.com' } },
  ],
])('a server %s', (_where, setup) => {
  let server: TeamServerHandle;
  let origin: string;
  /** The forged headers as this server can be reached with them (its own Host where it refuses any other). */
  let reachable: (headers: Record<string, string>) => Record<string, string>;
  beforeAll(async () => {
    server = await startTeamServer(setup);
    servers.push(server);
    origin = new URL((setup as { publicUrl?: string }).publicUrl ?? server.origin).origin;
    const onThisComputer = (setup as { publicUrl?: string }).publicUrl === undefined;
    reachable = (headers) => (onThisComputer && 'host' in headers ? { ...headers, host: new URL(server.listenUrl).host } : headers);
  });

  it.each([
    ['/.well-known/oauth-authorization-server', FORGED],
    ['/.well-known/oauth-authorization-server', { host: 'evil.example', 'x-forwarded-proto': 'https' }],
    ['/.well-known/openid-configuration', { 'x-forwarded-host': 'evil.example' }],
    ['/.well-known/openid-configuration', FORGED],
    ['/.well-known/oauth-protected-resource/mcp', FORGED],
  ])('%s with forged headers names only public_url, and may be cached', async (path, headers) => {
    const answer = await send(server.listenUrl, path, { headers: reachable(headers as Record<string, string>) });
    expect(answer.status).toBe(200);
    const urls = urlsIn(JSON.parse(answer.text));
    expect(urls.length).toBeGreaterThan(2);
    for (const url of urls) expect(url.startsWith(`${origin}/`) || url === origin, url).toBe(true);
    expect(answer.text).not.toContain('evil.example');
    expect(answer.headers['cache-control']).toMatch(/max-age=\d+/);
  });

  it('a registration with forged headers answers its registration_client_uri on public_url', async () => {
    const answer = await send(server.listenUrl, '/reg', {
      method: 'POST',
      headers: { ...reachable(FORGED), 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'Forged host', redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: 'none' }),
    });
    expect(answer.status, answer.text).toBe(201);
    const body = JSON.parse(answer.text) as { registration_client_uri?: string };
    expect(body.registration_client_uri?.startsWith(`${origin}/reg/`)).toBe(true);
    expect(answer.text).not.toContain('evil.example');
  });

  it("a sign-in made with forged headers is redirected, and its page's forms post, only to public_url", async () => {
    const registered = await send(server.listenUrl, '/reg', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'Forged sign-in', redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: 'none' }),
    });
    const clientId = (JSON.parse(registered.text) as { client_id: string }).client_id;
    const cookies = new Map<string, string>();
    const keep = (answer: Answer) => {
      for (const line of [answer.headers['set-cookie'] ?? []].flat()) {
        const [pair] = line.split(';');
        const index = (pair as string).indexOf('=');
        cookies.set((pair as string).slice(0, index), (pair as string).slice(index + 1));
      }
      return answer;
    };
    const withCookies = (extra: Record<string, string> = {}) => ({
      ...reachable(FORGED),
      ...extra,
      cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    });
    const locations: string[] = [];
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'punchcard.read',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    const started = keep(await send(server.listenUrl, `/auth?${query}`, { headers: withCookies() }));
    expect(started.status).toBe(303);
    locations.push(started.headers.location as string);
    const page = keep(await send(server.listenUrl, new URL(started.headers.location as string, origin).pathname, { headers: withCookies() }));
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('evil.example');
    const actions = [...page.text.matchAll(/<form[^>]*action="([^"]*)"/g)].map((match) => match[1] as string);
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action.startsWith('/') || action.startsWith(`${origin}/`), action).toBe(true);
    if ((setup as { publicUrl?: string }).publicUrl === undefined) {
      // The development sign-in finishes the login step: the library sends the browser back to its
      // authorization endpoint, an address it builds.
      const form = /<form[^>]*action="([^"]*\/development)"[^>]*>([\s\S]*?)<\/form>/.exec(page.text) as RegExpExecArray;
      const csrf = /name="csrf" value="([^"]*)"/.exec(form[2] as string)?.[1] as string;
      const finished = keep(
        await send(server.listenUrl, form[1] as string, {
          method: 'POST',
          headers: withCookies({ 'content-type': 'application/x-www-form-urlencoded', origin }),
          body: new URLSearchParams({ csrf, name: 'Ada Lovelace' }).toString(),
        }),
      );
      expect(finished.status).toBe(303);
      locations.push(finished.headers.location as string);
    }
    for (const location of locations) expect(location.startsWith('/') || location.startsWith(`${origin}/`), location).toBe(true);
  });
});

describe('the cookies of a server on an https public_url', () => {
  it('are Secure whatever X-Forwarded-Proto says (or leaves out)', async () => {
    const server = await startTeamServer({
      publicUrl: 'https://punchcard.example.com',
      signIn: { tracker: true },
      provider: { type: 'kimai', url: 'https://kimai.example.com' },
    });
    servers.push(server);
    const registered = await send(server.listenUrl, '/reg', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'Cookies', redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: 'none' }),
    });
    const clientId = (JSON.parse(registered.text) as { client_id: string }).client_id;
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'punchcard.read',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    for (const headers of [{}, { 'x-forwarded-proto': 'http' }] as Record<string, string>[]) {
      const answer = await send(server.listenUrl, `/auth?${query}`, { headers });
      const cookies = [answer.headers['set-cookie'] ?? []].flat();
      expect(cookies.length).toBeGreaterThan(0);
      for (const cookie of cookies) expect(cookie.toLowerCase()).toContain('; secure');
    }
  });
});
