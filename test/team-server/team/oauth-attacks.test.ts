// Attacks on the team server's authorization server and on the tokens it issues, each made by hand
// against the built server (the official client would never make them): authorization without PKCE or
// with `plain`, a redirect URI one character off, a token for another resource, a replayed code, a
// reused refresh token, forged and expired tokens, and an authorization response from another issuer.
// Each test names the attack; none may yield a working token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, IssuerMismatchError, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import { MemoryOAuthProvider, removeTeamServerData, SignInBrowser, startTeamServer, type TeamServerHandle } from '../../support/team-server.ts';
import {
  authorizationUrl,
  authorizeInBrowser,
  connectWithToken,
  initializeWith,
  metadataOf,
  pkcePair,
  REDIRECT_URI,
  registerClient,
  type ServerMetadata,
  signInByHand,
  statusWith,
  tokenRequest,
} from '../../support/team-oauth.ts';

let server: TeamServerHandle;
let metadata: ServerMetadata;

beforeAll(async () => {
  server = await startTeamServer();
  metadata = await metadataOf(server.origin);
});
afterAll(async () => {
  await server?.stop();
  if (server) removeTeamServerData(server);
});

/** An authorization request as a client would make it, less or more what a test changes. */
async function authorize(changes: Record<string, string | undefined>, options: { redirectUri?: string } = {}) {
  const clientId = await registerClient(metadata);
  const { challenge } = pkcePair();
  const url = authorizationUrl(metadata, {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    scope: 'punchcard.read punchcard.write',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'state-1',
    resource: server.mcpUrl,
    ...changes,
  });
  return authorizeInBrowser(new SignInBrowser(server.origin), url, options);
}

describe('authorization requests an attacker shapes', () => {
  it('without PKCE: sent back with invalid_request and no code', async () => {
    const { callback } = await authorize({ code_challenge: undefined, code_challenge_method: undefined });
    expect(callback?.searchParams.get('error')).toBe('invalid_request');
    expect(callback?.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(callback?.searchParams.has('code')).toBe(false);
  });

  it('with plain PKCE (the verifier as its own challenge): refused, and only S256 is advertised', async () => {
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    const { verifier } = pkcePair();
    const { callback } = await authorize({ code_challenge: verifier, code_challenge_method: 'plain' });
    expect(callback?.searchParams.get('error')).toBe('invalid_request');
    expect(callback?.searchParams.get('error_description')).toMatch(/code_challenge_method/);
    expect(callback?.searchParams.has('code')).toBe(false);
  });

  it.each([
    ['a character added to the path', `${REDIRECT_URI}x`],
    ['a character changed in the path', REDIRECT_URI.replace('callback', 'callbacc')],
    ['localhost for 127.0.0.1', REDIRECT_URI.replace('127.0.0.1', 'localhost')],
    ['a query added', `${REDIRECT_URI}?x=1`],
    ['https for http', REDIRECT_URI.replace('http:', 'https:')],
  ])("a redirect URI with %s: refused on the server's own page, never redirected to", async (_change, redirectUri) => {
    const { callback, page } = await authorize({ redirect_uri: redirectUri }, { redirectUri });
    expect(callback).toBeUndefined();
    expect(page.status).toBe(400);
    expect(page.url.startsWith(server.origin)).toBe(true);
    expect(page.html).toMatch(/redirect_uri/);
  });

  it("an https redirect URI on a port one digit off: refused on the server's own page (only loopback redirect URIs take any port, RFC 8252)", async () => {
    const registered = 'https://client.example:8443/callback';
    const clientId = await registerClient(metadata, { redirectUri: registered });
    const redirectUri = registered.replace('8443', '8444');
    const { challenge } = pkcePair();
    const url = authorizationUrl(metadata, {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: 'punchcard.read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      resource: server.mcpUrl,
    });
    const { callback, page } = await authorizeInBrowser(new SignInBrowser(server.origin), url, { redirectUri });
    expect(callback).toBeUndefined();
    expect(page.status).toBe(400);
    expect(page.html).toMatch(/redirect_uri/);
  });

  it("a resource other than this server's /mcp (RFC 8707): sent back with invalid_target", async () => {
    const { callback } = await authorize({ resource: 'https://attacker.example/mcp' });
    expect(callback?.searchParams.get('error')).toBe('invalid_target');
    expect(callback?.searchParams.has('code')).toBe(false);
  });
});

describe('the token endpoint', () => {
  it("a code redeemed with a redirect URI one character off, or without its verifier, or with another's: invalid_grant", async () => {
    const clientId = await registerClient(metadata);
    const { verifier, challenge } = pkcePair();
    const url = authorizationUrl(metadata, {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'punchcard.read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      resource: server.mcpUrl,
    });
    const { callback } = await authorizeInBrowser(new SignInBrowser(server.origin), url);
    const code = callback?.searchParams.get('code') as string;
    const base = { grant_type: 'authorization_code', code, client_id: clientId, resource: server.mcpUrl };
    const offByOne = await tokenRequest(metadata, { ...base, code_verifier: verifier, redirect_uri: `${REDIRECT_URI}/` });
    expect(offByOne.body.error).toBe('invalid_grant');
    const noVerifier = await tokenRequest(metadata, { ...base, redirect_uri: REDIRECT_URI });
    expect(noVerifier.body.error).toMatch(/invalid_(grant|request)/);
    const wrongVerifier = await tokenRequest(metadata, { ...base, redirect_uri: REDIRECT_URI, code_verifier: pkcePair().verifier });
    expect(wrongVerifier.body.error).toBe('invalid_grant');
    for (const answer of [offByOne, noVerifier, wrongVerifier]) expect(answer.body.access_token).toBeUndefined();
  });

  it('a code redeemed for another resource (RFC 8707): invalid_target, and no token', async () => {
    const clientId = await registerClient(metadata);
    const { verifier, challenge } = pkcePair();
    const url = authorizationUrl(metadata, {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'punchcard.read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      resource: server.mcpUrl,
    });
    const { callback } = await authorizeInBrowser(new SignInBrowser(server.origin), url);
    const answer = await tokenRequest(metadata, {
      grant_type: 'authorization_code',
      code: callback?.searchParams.get('code') as string,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
      client_id: clientId,
      resource: 'https://attacker.example/mcp',
    });
    expect(answer.body.error).toBe('invalid_target');
    expect(answer.body.access_token).toBeUndefined();
  });

  it('a refresh asked for another resource: invalid_target, and the family still works', async () => {
    const signedIn = await signInByHand(server);
    const answer = await tokenRequest(metadata, {
      grant_type: 'refresh_token',
      refresh_token: signedIn.refreshToken,
      client_id: signedIn.clientId,
      resource: 'https://attacker.example/mcp',
    });
    expect(answer.body.error).toBe('invalid_target');
    expect(await statusWith(server.mcpUrl, signedIn.accessToken)).toBe(200);
  });

  it('a replayed authorization code: the second use fails, and the tokens the first use bought stop working', async () => {
    const signedIn = await signInByHand(server);
    expect(await statusWith(server.mcpUrl, signedIn.accessToken)).toBe(200);
    const replay = await tokenRequest(metadata, {
      grant_type: 'authorization_code',
      code: signedIn.code,
      code_verifier: signedIn.verifier,
      redirect_uri: REDIRECT_URI,
      client_id: signedIn.clientId,
      resource: server.mcpUrl,
    });
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    expect(replay.body.access_token).toBeUndefined();
    // OAuth 2.1 (section 4.1.3): a code used twice revokes what it bought.
    expect(await statusWith(server.mcpUrl, signedIn.accessToken)).toBe(401);
    const refresh = await tokenRequest(metadata, { grant_type: 'refresh_token', refresh_token: signedIn.refreshToken, client_id: signedIn.clientId });
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('one code redeemed twice at the same moment (a race with the rightful client): at most one redemption gets tokens, and those stop working', async () => {
    const clientId = await registerClient(metadata);
    const { verifier, challenge } = pkcePair();
    const url = authorizationUrl(metadata, {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'punchcard.read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      resource: server.mcpUrl,
    });
    const { callback } = await authorizeInBrowser(new SignInBrowser(server.origin), url);
    const params = {
      grant_type: 'authorization_code',
      code: callback?.searchParams.get('code') as string,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
      client_id: clientId,
      resource: server.mcpUrl,
    };
    const answers = await Promise.all(Array.from({ length: 4 }, () => tokenRequest(metadata, params)));
    const granted = answers.filter((answer) => answer.status === 200);
    expect(granted.length).toBeLessThanOrEqual(1);
    for (const answer of granted) expect(await statusWith(server.mcpUrl, answer.body.access_token as string)).toBe(401);
  });

  it("another client's refresh token: invalid_grant, and the family is left alone", async () => {
    const ada = await signInByHand(server);
    const thief = await registerClient(metadata, { name: 'Thief' });
    const stolen = await tokenRequest(metadata, { grant_type: 'refresh_token', refresh_token: ada.refreshToken, client_id: thief });
    expect(stolen.body.error).toBe('invalid_grant');
    expect(stolen.body.access_token).toBeUndefined();
    expect(await statusWith(server.mcpUrl, ada.accessToken)).toBe(200);
  });
});

describe('a refresh token used again (reuse detection, after the grace period a client gets for parallel refreshes)', () => {
  const reuseServers: TeamServerHandle[] = [];
  afterAll(async () => {
    for (const started of reuseServers.splice(0)) {
      await started.stop();
      removeTeamServerData(started);
    }
  });
  const startWithGrace = async (seconds: number) => {
    const started = await startTeamServer({ config: { refresh_token_grace_seconds: seconds } });
    reuseServers.push(started);
    return started;
  };

  it('presented after its grace period, an already rotated refresh token revokes the whole family: old and new refresh tokens, every access token, and an open session', async () => {
    const graced = await startWithGrace(1);
    const signedIn = await signInByHand(graced);
    const rotated = await tokenRequest(signedIn.metadata, { grant_type: 'refresh_token', refresh_token: signedIn.refreshToken, client_id: signedIn.clientId });
    expect(rotated.status).toBe(200);
    const { access_token: newAccess, refresh_token: newRefresh } = rotated.body as { access_token: string; refresh_token: string };
    expect(newRefresh).not.toBe(signedIn.refreshToken);
    const session = await connectWithToken(graced.mcpUrl, newAccess, 'legacy');
    expect((await session.listTools()).tools.length).toBeGreaterThan(0);
    // The grace (one second here, ten by default) is over: this is a stolen token's reuse.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const reused = await tokenRequest(signedIn.metadata, { grant_type: 'refresh_token', refresh_token: signedIn.refreshToken, client_id: signedIn.clientId });
    expect(reused.body.error).toBe('invalid_grant');
    expect(reused.body.access_token).toBeUndefined();
    const afterwards = await tokenRequest(signedIn.metadata, { grant_type: 'refresh_token', refresh_token: newRefresh, client_id: signedIn.clientId });
    expect(afterwards.body.error).toBe('invalid_grant');
    expect(await statusWith(graced.mcpUrl, signedIn.accessToken)).toBe(401);
    expect(await statusWith(graced.mcpUrl, newAccess)).toBe(401);
    await expect(session.listTools()).rejects.toThrow();
    await session.close().catch(() => {});
  });

  it('with the grace turned off (0): one refresh token used six times at the same moment (a thief racing the client) rotates once at most, and its tokens stop working', async () => {
    const strict = await startWithGrace(0);
    const signedIn = await signInByHand(strict);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        tokenRequest(signedIn.metadata, { grant_type: 'refresh_token', refresh_token: signedIn.refreshToken, client_id: signedIn.clientId }),
      ),
    );
    const granted = answers.filter((answer) => answer.status === 200);
    expect(granted.length).toBeLessThanOrEqual(1);
    expect(answers.filter((answer) => answer.body.error === 'invalid_grant').length).toBeGreaterThanOrEqual(5);
    for (const answer of granted) expect(await statusWith(strict.mcpUrl, answer.body.access_token as string)).toBe(401);
  });

  it('with the grace turned off (0): used again at once, the family is revoked', async () => {
    const strict = await startWithGrace(0);
    const signedIn = await signInByHand(strict);
    const rotated = await tokenRequest(signedIn.metadata, { grant_type: 'refresh_token', refresh_token: signedIn.refreshToken, client_id: signedIn.clientId });
    expect(rotated.status).toBe(200);
    const reused = await tokenRequest(signedIn.metadata, { grant_type: 'refresh_token', refresh_token: signedIn.refreshToken, client_id: signedIn.clientId });
    expect(reused.body.error).toBe('invalid_grant');
    expect(await statusWith(strict.mcpUrl, rotated.body.access_token as string)).toBe(401);
  });
});

describe('tokens presented at /mcp', () => {
  it.each([
    [
      'a random token of the right shape',
      () => Promise.resolve('x'.repeat(10) + Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url')),
    ],
    [
      'a real token with one character changed',
      async () => {
        const { accessToken } = await signInByHand(server);
        return `${accessToken.slice(0, -1)}${accessToken.endsWith('A') ? 'B' : 'A'}`;
      },
    ],
    [
      'a JWT with alg none claiming this resource',
      () => {
        const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        return Promise.resolve(
          `${part({ alg: 'none', typ: 'at+jwt' })}.${part({ iss: server.origin, aud: server.mcpUrl, sub: 'someone', scope: 'punchcard.read punchcard.write', exp: 4_102_444_800 })}.`,
        );
      },
    ],
    ['a refresh token used as an access token', async () => (await signInByHand(server)).refreshToken],
    ['a token of 10 kB', () => Promise.resolve('A'.repeat(10_000))],
  ])('a forged token (%s): 401 with the challenge that leads to sign-in', async (_kind, forge) => {
    const token = await forge();
    const response = await initializeWith(server.mcpUrl, token);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token".*resource_metadata="/);
    expect(await response.text()).not.toContain(token.slice(0, 200));
  });

  it.each([
    ['no Authorization header', {}],
    ['another scheme (Basic)', { authorization: `Basic ${Buffer.from('ada:secret').toString('base64')}` }],
  ])('%s: 401 whose challenge names the resource metadata and carries no error code (RFC 6750 §3.1)', async (_kind, headers) => {
    const response = await fetch(server.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
      }),
    });
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(new RegExp(`^Bearer .*resource_metadata="${server.origin}/\\.well-known/oauth-protected-resource/mcp"`));
    expect(challenge).not.toMatch(/error=|error_description=/);
    await response.arrayBuffer();
  });

  it('a token in the query string instead of the header: not taken (401)', async () => {
    const { accessToken } = await signInByHand(server);
    const response = await fetch(`${server.mcpUrl}?access_token=${accessToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
      }),
    });
    expect(response.status).toBe(401);
  });

  it("a token issued by another Punchcard server (another resource) that shares this one's store and key: refused here, taken there", async () => {
    const other = await startTeamServer({ dataDir: server.dataDir });
    try {
      const theirs = await signInByHand(other);
      expect(await statusWith(other.mcpUrl, theirs.accessToken)).toBe(200);
      const response = await initializeWith(server.mcpUrl, theirs.accessToken);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    } finally {
      await other.stop();
    }
  });
});

describe('an expired access token', () => {
  let shortLived: TeamServerHandle;
  beforeAll(async () => {
    shortLived = await startTeamServer({ env: { PUNCHCARD_TEAM_ACCESS_TOKEN_TTL_SECONDS: '2' } });
  });
  afterAll(async () => {
    await shortLived?.stop();
    if (shortLived) removeTeamServerData(shortLived);
  });

  it.each(['legacy', 'modern'] as const)('is refused once its life is over (%s era), and the refresh token buys a new one', async (era) => {
    const signedIn = await signInByHand(shortLived);
    expect(await statusWith(shortLived.mcpUrl, signedIn.accessToken)).toBe(200);
    await expect.poll(() => statusWith(shortLived.mcpUrl, signedIn.accessToken), { interval: 250 }).toBe(401);
    const response = await initializeWith(shortLived.mcpUrl, signedIn.accessToken);
    expect(response.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    await expect(connectWithToken(shortLived.mcpUrl, signedIn.accessToken, era)).rejects.toThrow();
    const renewed = await tokenRequest(signedIn.metadata, { grant_type: 'refresh_token', refresh_token: signedIn.refreshToken, client_id: signedIn.clientId });
    expect(renewed.status).toBe(200);
    const client = await connectWithToken(shortLived.mcpUrl, renewed.body.access_token as string, era);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
  });

  it('a life below the bound is refused at start, naming the variable', async () => {
    await expect(startTeamServer({ env: { PUNCHCARD_TEAM_ACCESS_TOKEN_TTL_SECONDS: '1' } })).rejects.toThrow(
      /PUNCHCARD_TEAM_ACCESS_TOKEN_TTL_SECONDS is "1"; it takes a whole number of seconds from 2 to 3600/,
    );
  });
});

describe('the issuer in the authorization response (RFC 9207)', () => {
  it('is advertised and sent with the code', async () => {
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
    const { callback } = await authorize({});
    expect(callback?.searchParams.get('code')).toBeTruthy();
    expect(callback?.searchParams.get('iss')).toBe(server.origin);
    const denied = await authorize({ code_challenge: undefined });
    expect(denied.callback?.searchParams.get('iss')).toBe(server.origin);
  });

  it.each([
    ['another issuer', (params: URLSearchParams) => params.set('iss', 'https://attacker.example')],
    ['no issuer at all', (params: URLSearchParams) => params.delete('iss')],
  ])('a response with %s (a mix-up): the official client refuses it and redeems nothing', async (_kind, tamper) => {
    const victim = new MemoryOAuthProvider();
    const transport = new StreamableHTTPClientTransport(new URL(server.mcpUrl), { authProvider: victim });
    await expect(new Client({ name: 'victim', version: '1.0.0' }).connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
    const { callback } = await authorizeInBrowser(new SignInBrowser(server.origin), victim.authorizationUrl as URL, { redirectUri: victim.redirectUrl });
    const params = new URLSearchParams(callback?.search);
    tamper(params);
    await expect(transport.finishAuth(params)).rejects.toBeInstanceOf(IssuerMismatchError);
    expect(victim.tokens()).toBeUndefined();
    // The code was not spent: the untouched response still redeems it.
    await transport.finishAuth(new URLSearchParams(callback?.search));
    expect(victim.tokens()?.access_token).toBeTruthy();
  });
});
