// How clients make themselves known to the team server, with the official client in both eras: a
// Client ID Metadata Document (the client's id is the https URL of a JSON document about it, served
// here from loopback under a CA made for the test and trusted through NODE_EXTRA_CA_CERTS, which the
// server started in this process honours as its own process would), and Dynamic Client Registration. The documents an attacker would serve are
// refused: one whose client_id is another's, one over http, one too large, one that leads elsewhere,
// and a redirect URI the document does not list; no server fetches from loopback or another
// special-use address (no request forgery into its own network), except one on this computer with the
// test switch, which is how these tests serve documents.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, MemoryOAuthProvider, removeTeamServerData, SignInBrowser, startTeamServer, type TeamServerHandle } from '../../support/team-server.ts';
import { authorizationUrl, authorizeInBrowser, metadataOf, pkcePair, REDIRECT_URI, type ServerMetadata, tokenRequest } from '../../support/team-oauth.ts';
import { makeTestCertificates } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { CLIENT_DOCUMENTS_ON_LOOPBACK, DocumentHost } from '../../support/client-documents.ts';

const certificateDir = mkdtempSync(join(tmpdir(), 'punchcard-cimd-'));
const host = new DocumentHost();
let caFile: string;
let server: TeamServerHandle;
let metadata: ServerMetadata;

beforeAll(async () => {
  const certificates = makeTestCertificates(certificateDir);
  caFile = certificates.caFile;
  await host.start(certificates);
  server = await startTeamServer({ env: { NODE_EXTRA_CA_CERTS: caFile, ...CLIENT_DOCUMENTS_ON_LOOPBACK } });
  metadata = await metadataOf(server.origin);
});
afterAll(async () => {
  await server?.stop();
  if (server) removeTeamServerData(server);
  await host.close();
  rmSync(certificateDir, { recursive: true, force: true });
});

/** The authorization a client with this id would ask for, opened in a browser. */
async function authorizeAs(clientId: string, redirectUri = REDIRECT_URI) {
  const { challenge } = pkcePair();
  const url = authorizationUrl(metadata, {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'punchcard.read punchcard.write',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    resource: server.mcpUrl,
  });
  return authorizeInBrowser(new SignInBrowser(server.origin), url, { redirectUri });
}

describe.each(['legacy', 'modern'] as const)('the official client (%s era)', (era) => {
  it("connects with a client metadata document: no registration, and the consent names the document's client", async () => {
    expect(metadata.client_id_metadata_document_supported).toBe(true);
    const clientId = host.serve(`/clients/${era}.json`);
    const oauth = new MemoryOAuthProvider({ clientMetadataUrl: clientId });
    let consent = '';
    const browser = new SignInBrowser(server.origin);
    const connected = await connectAs(server, {
      era,
      oauth,
      browser,
      signIn: async (signInBrowser, page) => {
        const next = await signInBrowser.submit(page, '/development', { name: 'Ada Lovelace' });
        consent = next.html;
        return next;
      },
    });
    expect(oauth.clientInformation()?.client_id).toBe(clientId);
    expect(consent).toMatch(/Allow Docs Client to use Punchcard\?/);
    expect(consent).toContain('127.0.0.1:33418');
    expect(host.requested).toContain(`/clients/${era}.json`);
    expect((await connected.call('whoami')).isError).toBeFalsy();
    await connected.close();
  });

  it("connects by Dynamic Client Registration: a client id of the server's making, named on the consent page", async () => {
    const oauth = new MemoryOAuthProvider({ clientName: `Registered ${era} client` });
    let consent = '';
    const connected = await connectAs(server, {
      era,
      oauth,
      signIn: async (browser, page) => {
        const next = await browser.submit(page, '/development', { name: 'Ada Lovelace' });
        consent = next.html;
        return next;
      },
    });
    const clientId = oauth.clientInformation()?.client_id as string;
    expect(clientId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(consent).toContain(`Allow Registered ${era} client to use Punchcard?`);
    expect((await connected.call('whoami')).isError).toBeFalsy();
    await connected.close();
  });
});

describe('client metadata documents an attacker serves', () => {
  it("a document whose client_id is another's: refused, no sign-in page", async () => {
    const path = '/clients/impostor.json';
    host.serve(path, { client_id: `${host.origin}/clients/claude.json` });
    const { callback, page } = await authorizeAs(`${host.origin}${path}`);
    expect(callback).toBeUndefined();
    expect(page.status).toBe(400);
    expect(page.html).toMatch(/client_id does not match/);
    expect(page.html).not.toMatch(/action="[^"]*\/development"/);
  });

  it('a document at an http:// address: never fetched, refused (and the official client will not offer one)', async () => {
    const clientId = `${host.origin.replace('https:', 'http:')}/clients/plain.json`;
    const before = host.requested.length;
    const { callback, page } = await authorizeAs(clientId);
    expect(callback).toBeUndefined();
    expect(page.status).toBe(400);
    expect(page.html).toMatch(/client/i);
    expect(host.requested.length).toBe(before);
    await expect(connectAs(server, { oauth: new MemoryOAuthProvider({ clientMetadataUrl: clientId }) })).rejects.toThrow(/HTTPS/);
  });

  it('a document larger than the library reads (5 kB): refused', async () => {
    const path = '/clients/large.json';
    host.serve(path, { client_uri: `https://example.com/${'a'.repeat(6_000)}` });
    const { callback, page } = await authorizeAs(`${host.origin}${path}`);
    expect(callback).toBeUndefined();
    expect(page.status).toBe(400);
    expect(page.html).toMatch(/metadata document fetch failed/);
  });

  it('a document that redirects elsewhere: not followed, refused', async () => {
    const target = host.serve('/clients/target.json');
    const path = '/clients/moved.json';
    host.documents.set(path, { status: 302, body: '', headers: { location: target } });
    const before = host.requested.filter((url) => url === '/clients/target.json').length;
    const { callback, page } = await authorizeAs(`${host.origin}${path}`);
    expect(callback).toBeUndefined();
    expect(page.status).toBe(400);
    expect(host.requested.filter((url) => url === '/clients/target.json').length).toBe(before);
  });

  it("a redirect URI the document does not list: refused on the server's page, never redirected to", async () => {
    const clientId = host.serve('/clients/listed.json');
    const elsewhere = 'http://127.0.0.1:33418/steal';
    const { callback, page } = await authorizeAs(clientId, elsewhere);
    expect(callback).toBeUndefined();
    expect(page.status).toBe(400);
    expect(page.html).toMatch(/redirect_uri/);
  });
});

describe('redirect URIs a client registers', () => {
  const register = async (redirectUris: string[]) => {
    const response = await fetch(metadata.registration_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'Registering client', redirect_uris: redirectUris, token_endpoint_auth_method: 'none' }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { client_id?: string; application_type?: string; error?: string; error_description?: string },
    };
  };

  it.each([
    [
      'http:// on the network (the code would cross it in the clear)',
      'http://attacker.example/callback',
      /redirect_uris must be https:\/\/ addresses, or http:\/\/ only on this computer/,
    ],
    ['javascript:', 'javascript:alert(1)', /javascript URI scheme/],
    ['data:', 'data:text/html,hello', /data URI scheme/],
    ['a fragment', 'https://client.example/callback#x', /fragments/],
    ['a user name and password (user:pass@host)', 'https://user:pass@client.example/callback', /must not contain a user name or password/],
    ['a user name alone on this computer', 'http://user@127.0.0.1:6274/callback', /must not contain a user name or password/],
  ])('%s: refused by registration in words', async (_kind, uri, words) => {
    const answer = await register([uri]);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_redirect_uri');
    expect(answer.body.error_description).toMatch(words);
  });

  it('http:// on the network in a client metadata document: refused', async () => {
    const clientId = host.serve('/clients/plain-redirect.json', { redirect_uris: ['http://attacker.example/callback'] });
    const { callback, page } = await authorizeAs(clientId, 'http://attacker.example/callback');
    expect(callback).toBeUndefined();
    expect(page.status).toBe(400);
    expect(page.html).toMatch(/http:\/\/ only on this computer/);
  });

  it("an app's own scheme (cursor://): registered as an app on the person's computer, and the code goes back to it", async () => {
    const redirect = 'cursor://anysphere.cursor-retrieval/oauth/callback';
    const answer = await register([redirect]);
    expect(answer.status).toBe(201);
    expect(answer.body.application_type).toBe('native');
    const { verifier, challenge } = pkcePair();
    const url = authorizationUrl(metadata, {
      response_type: 'code',
      client_id: answer.body.client_id as string,
      redirect_uri: redirect,
      scope: 'punchcard.read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      resource: server.mcpUrl,
    });
    const { callback } = await authorizeInBrowser(new SignInBrowser(server.origin), url, { redirectUri: redirect });
    expect(callback?.href.startsWith(`${redirect}?code=`)).toBe(true);
    const tokens = await tokenRequest(metadata, {
      grant_type: 'authorization_code',
      code: callback?.searchParams.get('code') as string,
      code_verifier: verifier,
      redirect_uri: redirect,
      client_id: answer.body.client_id as string,
      resource: server.mcpUrl,
    });
    expect(tokens.status).toBe(200);
  });

  it('https:// and http:// on this computer: registered as before', async () => {
    for (const uri of [
      'https://claude.ai/api/mcp/auth_callback',
      'http://127.0.0.1:6274/callback',
      'http://localhost:3000/callback',
      'http://[::1]:8080/callback',
    ]) {
      expect((await register([uri])).status, uri).toBe(201);
    }
  });
});

describe('where client metadata documents may come from', () => {
  const servers: TeamServerHandle[] = [];
  afterAll(async () => {
    for (const started of servers.splice(0)) {
      await started.stop();
      removeTeamServerData(started);
    }
  });
  const start = async (setup: Parameters<typeof startTeamServer>[0]) => {
    const started = await startTeamServer(setup);
    servers.push(started);
    return started;
  };
  /** /auth asked by a client whose id is `clientId`, as a browser would open it. */
  const authorizeAt = async (origin: string, clientId: string) => {
    const { challenge } = pkcePair();
    const url = new URL('/auth', origin);
    for (const [name, value] of Object.entries({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'punchcard.read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }))
      url.searchParams.set(name, value);
    const response = await fetch(url, { redirect: 'manual' });
    return { status: response.status, text: await response.text() };
  };

  it('a server on a public address fetches no client metadata document from loopback (a request forged into its own network), even with the test switch set', async () => {
    const publicServer = await start({
      publicUrl: 'https://punchcard.example.com',
      signIn: { tracker: true },
      provider: { type: 'kimai', url: 'https://kimai.example.com' },
      env: { NODE_EXTRA_CA_CERTS: caFile, ...CLIENT_DOCUMENTS_ON_LOOPBACK },
    });
    const clientId = host.serve('/clients/internal.json');
    const before = host.requested.length;
    const answer = await authorizeAt(publicServer.origin, clientId);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/fetch not allowed/);
    expect(host.requested.length).toBe(before);
  });

  it('a server on this computer fetches none from loopback either, unless the test switch is set', async () => {
    const plain = await start({ env: { NODE_EXTRA_CA_CERTS: caFile } });
    const clientId = host.serve('/clients/trial.json');
    const before = host.requested.length;
    const answer = await authorizeAt(plain.origin, clientId);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/fetch not allowed/);
    expect(host.requested.length).toBe(before);
  });

  it('special-use addresses in a client id (0.0.0.0, [::], IPv4-mapped): refused before any connection is made (a name that resolves to one: test/team-server/auth/client-document-fetch.test.ts)', async () => {
    const publicServer = await start({
      publicUrl: 'https://punchcard.example.com',
      signIn: { tracker: true },
      provider: { type: 'kimai', url: 'https://kimai.example.com' },
    });
    // An internal listener on every loopback address of this computer, counting who connects.
    const listener = createNetServer();
    let connections = 0;
    listener.on('connection', (socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen({ port: 0, host: '::', ipv6Only: false }, resolve));
    const port = (listener.address() as AddressInfo).port;
    try {
      for (const clientId of [
        `https://0.0.0.0:${port}/client.json`,
        `https://0:${port}/client.json`,
        `https://[::]:${port}/client.json`,
        `https://[::ffff:127.0.0.1]:${port}/client.json`,
        `https://[::ffff:0.0.0.0]:${port}/client.json`,
      ]) {
        const answer = await authorizeAt(publicServer.origin, clientId);
        expect(answer.status, clientId).toBe(400);
        expect(answer.text, clientId).toMatch(/client_id metadata document fetch (failed|not allowed)/);
      }
      expect(connections).toBe(0);
    } finally {
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    }
  });
});
