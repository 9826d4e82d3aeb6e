// Company sign-in (OpenID Connect) on the team server, against a real OpenID provider on loopback
// over https (test/support/identity-provider.ts): the person is whoever the provider vouches for with
// a verified e-mail, and nothing a browser or a client sends can make them someone else — not an
// e-mail in a form or a parameter, not a code from another sign-in, not a callback replayed or
// opened in another browser. Each person gets their own local timesheet.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../support/engine.ts';
import { atIdentityProvider, companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import {
  connectAs,
  freePort,
  type Page,
  removeTeamServerData,
  SignInBrowser,
  startTeamServer,
  storedGrants,
  storedPeople,
  type TeamServerHandle,
} from '../../support/team-server.ts';

const ACCOUNTS = [
  { id: 'ada', name: 'Ada Lovelace', email: 'ada@acme.example', emailVerified: true },
  { id: 'bob', name: 'Bob Builder', email: 'Bob@Acme.example', emailVerified: true },
  { id: 'carol', name: 'Carol Danvers', email: 'carol@acme.example', emailVerified: true },
  { id: 'eve', name: 'Eve Unverified', email: 'eve@acme.example', emailVerified: false },
  { id: 'nomail', name: 'No Mail' },
  { id: 'zoe', name: 'Zoe Outside', email: 'zoe@other.example', emailVerified: true },
];

/** The server's page text without its markup, for checking what a person reads. */
const wordsOf = (page: Page) =>
  page.html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

async function companyServer(idp: IdentityProvider, port: number, oidc: Record<string, unknown> = {}): Promise<TeamServerHandle> {
  return startTeamServer({
    port,
    signIn: { oidc: { issuer: idp.issuer, client_id: idp.clientId, client_secret_env: 'PUNCHCARD_OIDC_SECRET', ...oidc } },
    limits: { failed_sign_ins_per_address: 100 },
    env: { PUNCHCARD_OIDC_SECRET: idp.clientSecret, ...(idp.caFile ? { NODE_EXTRA_CA_CERTS: idp.caFile } : {}) },
  });
}

describe('company sign-in against a real OpenID provider', () => {
  let idp: IdentityProvider;
  let server: TeamServerHandle;

  beforeAll(async () => {
    const port = await freePort();
    idp = await startIdentityProvider({ accounts: ACCOUNTS, redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`] });
    server = await companyServer(idp, port, { allowed_domains: ['acme.example'] });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeTeamServerData(server);
    await idp?.close();
  });

  /** A company sign-in from the account page, stopped where the provider sends the browser back. */
  async function callbackOf(
    account: string,
    browser = new SignInBrowser(server.origin),
    extraFields: Record<string, string> = {},
  ): Promise<{ browser: SignInBrowser; callback: URL }> {
    browser.stopAt = `${server.origin}/sign-in/callback`;
    const page = await browser.open('/account');
    expect(page.html).toContain(`Sign in with your company account (${new URL(idp.issuer).host})`);
    const atProvider = await browser.submit(page, '/company', extraFields);
    await atIdentityProvider(browser, atProvider, idp.issuer, account);
    const callback = browser.callback;
    if (!callback) throw new Error('The provider never sent the browser back.');
    browser.stopAt = undefined;
    browser.callback = undefined;
    return { browser, callback };
  }

  const identities = () => storedPeople(server).map((person) => person.identity);
  const identityOf = (account: string) => `oidc:${idp.issuer}:${account}`;

  describe.each(['legacy', 'modern'] as const)('%s era', (era) => {
    it('signs in whoever the provider vouches for, each on their own timesheet', async () => {
      const [ada, bob] = await Promise.all([
        connectAs(server, { era, signIn: companySignIn(idp, 'ada') }),
        connectAs(server, { era, signIn: companySignIn(idp, 'bob') }),
      ]);
      try {
        expect(textOf(await ada.call('whoami'))).toContain('Ada Lovelace');
        expect(textOf(await bob.call('whoami'))).toContain('Bob Builder');
        const people = storedPeople(server);
        const adaRow = people.find((person) => person.identity === identityOf('ada'));
        const bobRow = people.find((person) => person.identity === identityOf('bob'));
        // The e-mail as the provider verified it (lowercased), and no credentials: the timesheet needs none.
        expect(adaRow).toMatchObject({ email: 'ada@acme.example', hasCredentials: false });
        expect(bobRow).toMatchObject({ email: 'bob@acme.example', hasCredentials: false });

        const tag = `${era}-${Date.now()}`;
        const logged = await Promise.all([
          ada.call('log_time', { date: 'yesterday', duration: '1h', description: `ada ${tag}` }),
          bob.call('log_time', { date: 'yesterday', duration: '2h', description: `bob ${tag}` }),
        ]);
        for (const result of logged) expect(result.isError, textOf(result)).toBeFalsy();
        const adaSees = JSON.stringify((await ada.call('list_time_entries', { from: 'yesterday', to: 'yesterday' })).structuredContent);
        const bobSees = JSON.stringify((await bob.call('list_time_entries', { from: 'yesterday', to: 'yesterday' })).structuredContent);
        expect(adaSees).toContain(`ada ${tag}`);
        expect(adaSees).not.toContain('bob ');
        expect(bobSees).toContain(`bob ${tag}`);
        expect(bobSees).not.toContain('ada ');
        // Each person's timesheet is a file of their own.
        expect(existsSync(join(server.dataDir, 'people', adaRow?.id as string, 'punchcard.db'))).toBe(true);
        expect(existsSync(join(server.dataDir, 'people', bobRow?.id as string, 'punchcard.db'))).toBe(true);
      } finally {
        await Promise.all([ada.close(), bob.close()]);
      }
    });
  });

  it("signs the same person in again as the same person, by the provider's subject", async () => {
    for (let time = 0; time < 2; time++) {
      const { browser, callback } = await callbackOf('ada');
      const account = await browser.open(callback);
      expect(account.status).toBe(200);
      expect(wordsOf(account)).toContain('Signed in as Ada Lovelace (ada@acme.example)');
    }
    expect(storedPeople(server).filter((person) => person.identity === identityOf('ada'))).toHaveLength(1);
  });

  it('refuses an e-mail the provider has not verified, or none, in words, and stores nothing', async () => {
    const grants = storedGrants(server);
    for (const account of ['eve', 'nomail']) {
      const { browser, callback } = await callbackOf(account);
      const page = await browser.open(callback);
      expect(page.status).toBe(403);
      expect(wordsOf(page)).toContain(
        'Your company account has no verified e-mail address, and Punchcard needs one to know who you are. Ask your administrator.',
      );
      // Not signed in: the account page asks to sign in again.
      expect(wordsOf(await browser.open('/account'))).toContain('Sign in with your company account');
      expect(identities()).not.toContain(identityOf(account));
    }
    expect(storedGrants(server)).toBe(grants);
  });

  it('refuses an account of a domain the server does not allow', async () => {
    const { browser, callback } = await callbackOf('zoe');
    const page = await browser.open(callback);
    expect(page.status).toBe(403);
    expect(wordsOf(page)).toContain('Accounts of other.example may not sign in to this Punchcard server.');
    expect(identities()).not.toContain(identityOf('zoe'));
  });

  it('refuses a callback whose code was forged, or taken from another sign-in (PKCE)', async () => {
    const forged = await callbackOf('carol');
    forged.callback.searchParams.set('code', 'forged-code-0123456789');
    const refused = await forged.browser.open(forged.callback);
    expect(refused.status).toBe(403);
    expect(wordsOf(refused)).toMatch(/The company sign-in refused to complete this sign-in \(invalid_grant/);
    expect(refused.html).not.toMatch(/\n\s+at /);

    // Mallory signs in as herself (bob here) and slips her code into Carol's callback: the code was
    // issued for Mallory's sign-in (its PKCE verifier), so Carol's browser cannot redeem it.
    const carol = await callbackOf('carol');
    const mallory = await callbackOf('bob');
    const injected = new URL(carol.callback);
    injected.searchParams.set('code', mallory.callback.searchParams.get('code') as string);
    const page = await carol.browser.open(injected);
    expect(page.status).toBe(403);
    expect(wordsOf(page)).toContain('The company sign-in refused to complete this sign-in');
    expect(wordsOf(await carol.browser.open('/account'))).not.toContain('Signed in as');
    expect(identities()).not.toContain(identityOf('carol'));
  });

  it('refuses a callback opened a second time, in the same browser or another', async () => {
    const { browser, callback } = await callbackOf('carol');
    const first = await browser.open(callback);
    expect(wordsOf(first)).toContain('Signed in as Carol Danvers (carol@acme.example)');
    const peopleAfterFirst = storedPeople(server).length;

    const again = await browser.open(callback);
    expect(again.status).toBe(400);
    expect(wordsOf(again)).toContain('This sign-in was not started here or took too long.');
    const elsewhere = new SignInBrowser(server.origin);
    const stolen = await elsewhere.open(callback);
    expect(stolen.status).toBe(400);
    expect(wordsOf(stolen)).toContain('This sign-in was not started here or took too long.');
    expect(wordsOf(await elsewhere.open('/account'))).not.toContain('Signed in as');
    expect(storedPeople(server)).toHaveLength(peopleAfterFirst);
  });

  it("refuses a callback that answers another browser's sign-in (state)", async () => {
    // Bob's browser has started a sign-in of its own; Ada's callback is opened in it (a link sent to
    // Bob, or login CSRF the other way round): the state does not match, and nobody is signed in.
    const ada = await callbackOf('ada');
    const bobBrowser = new SignInBrowser(server.origin);
    bobBrowser.stopAt = `${server.origin}/sign-in/callback`;
    await bobBrowser.submit(await bobBrowser.open('/account'), '/company');
    bobBrowser.stopAt = undefined;
    const page = await bobBrowser.open(ada.callback);
    expect(page.status).toBe(403);
    expect(wordsOf(page)).toContain('This answer of the company sign-in does not belong to the sign-in this browser started, so it was refused.');
    expect(wordsOf(await bobBrowser.open('/account'))).not.toContain('Signed in as');
  });

  it('never takes who someone is from an e-mail in a form or a parameter', async () => {
    // An e-mail posted with the company form and one added to the callback: the provider's verified
    // e-mail decides, and Eve (whose e-mail the provider has not verified) is nobody here.
    const { browser, callback } = await callbackOf('carol', undefined, { email: 'eve@acme.example' });
    callback.searchParams.set('email', 'eve@acme.example');
    callback.searchParams.set('email_verified', 'true');
    const page = await browser.open(callback);
    expect(page.status).toBe(200);
    expect(wordsOf(page)).toContain('Signed in as Carol Danvers (carol@acme.example)');
    expect(storedPeople(server).map((person) => person.email)).not.toContain('eve@acme.example');
  });

  it('takes the e-mail from the ID token where the provider puts it there', async () => {
    const port = await freePort();
    const generous = await startIdentityProvider({ accounts: ACCOUNTS, redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`], claimsInIdToken: true });
    const other = await companyServer(generous, port);
    try {
      const ada = await connectAs(other, { era: 'modern', signIn: companySignIn(generous, 'ada') });
      expect(textOf(await ada.call('whoami'))).toContain('Ada Lovelace');
      await ada.close();
      expect(storedPeople(other)).toMatchObject([{ identity: `oidc:${generous.issuer}:ada`, email: 'ada@acme.example' }]);
    } finally {
      await other.stop();
      removeTeamServerData(other);
      await generous.close();
    }
  });
});

describe('company sign-in when the provider is down', () => {
  it('says so in words when the sign-in starts, and when the browser comes back', async () => {
    const port = await freePort();
    const idp = await startIdentityProvider({ accounts: ACCOUNTS, redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`] });
    const server = await companyServer(idp, port);
    try {
      // The provider goes down between the person's sign-in there and the server's token request.
      const browser = new SignInBrowser(server.origin);
      browser.stopAt = `${server.origin}/sign-in/callback`;
      await atIdentityProvider(browser, await browser.submit(await browser.open('/account'), '/company'), idp.issuer, 'ada');
      const callback = browser.callback as URL;
      browser.stopAt = undefined;
      await idp.close();
      const late = await browser.open(callback);
      expect(late.status).toBe(403);
      expect(wordsOf(late)).toMatch(new RegExp(`The company sign-in at localhost:\\d+ cannot be reached \\(fetch failed: ECONNREFUSED\\)\\. Start again`));
      expect(storedPeople(server)).toHaveLength(0);

      // A server that has not reached the provider yet (just restarted) cannot even start.
      await server.stop();
      const restarted = await server.restart();
      try {
        const fresh = new SignInBrowser(restarted.origin);
        const refused = await fresh.submit(await fresh.open('/account'), '/company');
        expect(refused.status).toBe(502);
        expect(wordsOf(refused)).toMatch(
          /The company sign-in at localhost:\d+ cannot be reached \(.*ECONNREFUSED.*\)\. Try again in a moment; if it keeps failing, tell your administrator\./,
        );
        expect(refused.html).not.toMatch(/\n\s+at |Error:/);
        // The server's log has the request's line at error level with the same words (docs/team-server/monitoring.md);
        // Node's own warning about the CA file the provider took with it is no line of the server's.
        await restarted.stop();
        const line = restarted
          .stderr()
          .split('\n')
          .filter((text) => text.startsWith('{'))
          .map((text) => JSON.parse(text) as { route?: string; level?: string; status?: number; error?: { message?: string; stack?: string } })
          .find((candidate) => candidate.route === '/account/company');
        expect(line).toMatchObject({ level: 'error', status: 502, error: { message: expect.stringMatching(/cannot be reached \(.*ECONNREFUSED/) } });
        expect(line?.error?.stack).toBeUndefined();
      } finally {
        if (restarted.running()) await restarted.stop();
      }
    } finally {
      await server.stop();
      removeTeamServerData(server);
      await idp.close();
    }
  });
});
