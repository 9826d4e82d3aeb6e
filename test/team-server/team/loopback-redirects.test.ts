// RFC 8252 §7.3 on the team server: an app on the person's computer names its loopback redirect
// URI with the port the system gave it just now, and the authorization server MUST take any port.
// Claude Code identifies itself with the client metadata document it publishes (redirect URIs
// `http://localhost/callback` and `http://127.0.0.1/callback`, no port, no application_type) and sends
// `http://localhost:<port>/callback`; a client registered by DCR does the same. Only the port is let
// go: every look-alike of a registered loopback URI is still refused on the server's own page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DOCUMENTS_ON_LOOPBACK, DocumentHost } from '../../support/client-documents.ts';
import { removeTeamServerData, SignInBrowser, startTeamServer, type TeamServerHandle } from '../../support/team-server.ts';
import { authorizationUrl, authorizeInBrowser, metadataOf, pkcePair, type ServerMetadata, statusWith, tokenRequest } from '../../support/team-oauth.ts';
import { makeTestCertificates } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const certificateDir = mkdtempSync(join(tmpdir(), 'punchcard-loopback-'));
const host = new DocumentHost();
let server: TeamServerHandle;
let metadata: ServerMetadata;

beforeAll(async () => {
  const certificates = makeTestCertificates(certificateDir);
  await host.start(certificates);
  server = await startTeamServer({ env: { NODE_EXTRA_CA_CERTS: certificates.caFile, ...CLIENT_DOCUMENTS_ON_LOOPBACK } });
  metadata = await metadataOf(server.origin);
});
afterAll(async () => {
  await server?.stop();
  if (server) removeTeamServerData(server);
  await host.close();
  rmSync(certificateDir, { recursive: true, force: true });
});

async function register(body: Record<string, unknown>): Promise<string> {
  const response = await fetch(metadata.registration_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'Loopback app', token_endpoint_auth_method: 'none', ...body }),
  });
  const answer = (await response.json()) as { client_id?: string };
  if (response.status !== 201 || !answer.client_id) throw new Error(`Registration failed: ${response.status} ${JSON.stringify(answer)}`);
  return answer.client_id;
}

/** The whole sign-in as the app makes it: the code comes back to `redirectUri`, and buys tokens sent with the same URI. */
async function signInWith(clientId: string, redirectUri: string) {
  const { verifier, challenge } = pkcePair();
  const url = authorizationUrl(metadata, {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'punchcard.read punchcard.write',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 's',
    resource: server.mcpUrl,
  });
  const { callback, page } = await authorizeInBrowser(new SignInBrowser(server.origin), url, { redirectUri });
  const code = callback?.searchParams.get('code');
  if (!code) return { callback, page, tokens: undefined };
  const tokens = await tokenRequest(metadata, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: redirectUri,
    client_id: clientId,
    resource: server.mcpUrl,
  });
  return { callback, page, tokens };
}

describe('a loopback redirect URI on the port the app listens on now', () => {
  it("Claude Code's client metadata document (localhost and 127.0.0.1 without a port): the code comes back to localhost on its port, and buys working tokens", async () => {
    const clientId = host.serve('/oauth/claude-code-client-metadata', {
      client_name: 'Claude Code',
      redirect_uris: ['http://localhost/callback', 'http://127.0.0.1/callback'],
    });
    const redirectUri = 'http://localhost:54213/callback';
    const { callback, page, tokens } = await signInWith(clientId, redirectUri);
    expect(callback?.href.startsWith(`${redirectUri}?code=`), `${page.status} ${page.html}`).toBe(true);
    expect(callback?.searchParams.get('state')).toBe('s');
    expect(tokens?.status).toBe(200);
    expect(await statusWith(server.mcpUrl, tokens?.body.access_token as string)).toBe(200);
    // The other listed host, on yet another port.
    expect((await signInWith(clientId, 'http://127.0.0.1:61001/callback')).tokens?.status).toBe(200);
  });

  it.each([
    ['registered without a port', 'http://127.0.0.1/callback', 'http://127.0.0.1:50123/callback'],
    ['registered with another port', 'http://[::1]:8080/callback', 'http://[::1]:50124/callback'],
    ['registered on localhost with a query', 'http://localhost/cb?app=1', 'http://localhost:50125/cb?app=1'],
  ])('a client registered by DCR (%s): taken on any port', async (_kind, registered, requested) => {
    const clientId = await register({ redirect_uris: [registered] });
    const { callback, tokens } = await signInWith(clientId, requested);
    expect(callback?.href.startsWith(requested.includes('?') ? `${requested}&code=` : `${requested}?code=`)).toBe(true);
    expect(tokens?.status).toBe(200);
  });

  it("whatever the client's application_type says (web, native)", async () => {
    for (const applicationType of ['web', 'native']) {
      const clientId = await register({ redirect_uris: ['http://127.0.0.1/callback'], application_type: applicationType });
      expect((await signInWith(clientId, 'http://127.0.0.1:50200/callback')).tokens?.status, applicationType).toBe(200);
    }
  });
});

describe('a look-alike of a registered loopback redirect URI', () => {
  let clientId: string;
  beforeAll(async () => {
    clientId = await register({ redirect_uris: ['http://localhost/callback'] });
  });

  it.each([
    ['another host', 'http://localhost.attacker.example:54321/callback'],
    ['another loopback host than the one registered', 'http://127.0.0.1:54321/callback'],
    ['userinfo before the host', 'http://attacker@localhost:54321/callback'],
    ['a host after the port, as userinfo', 'http://localhost:54321@attacker.example/callback'],
    ['a fragment', 'http://localhost:54321/callback#x'],
    ['dot segments', 'http://localhost:54321/x/../callback'],
    ['a dot segment', 'http://localhost:54321/./callback'],
    ['the host in capitals', 'http://LOCALHOST:54321/callback'],
    ['the path in another case', 'http://localhost:54321/Callback'],
    ['the scheme in capitals', 'HTTP://localhost:54321/callback'],
    ['a percent-encoded path', 'http://localhost:54321/%63allback'],
    ['a percent-encoded host', 'http://%6cocalhost:54321/callback'],
    ['a backslash for the slash', 'http://localhost:54321\\callback'],
    ['a backslash after the path', 'http://localhost:54321/callback\\..\\x'],
    ['https for http', 'https://localhost:54321/callback'],
    ['a longer path', 'http://localhost:54321/callback/x'],
    ['a query added', 'http://localhost:54321/callback?x=1'],
    ['port 0', 'http://localhost:0/callback'],
    ['an empty port', 'http://localhost:/callback'],
    ['a port with a leading zero', 'http://localhost:054321/callback'],
  ])("%s: refused on the server's own page, never redirected to", async (_kind, requested) => {
    const { callback, page } = await signInWith(clientId, requested);
    expect(callback).toBeUndefined();
    expect(page.status).toBe(400);
    expect(page.url.startsWith(server.origin)).toBe(true);
  });
});
