// A person's company-calendar grant on the team server (team-server/auth/calendar/, sign-in/calendar.ts),
// against the OpenID provider stand-in granting the calendar scopes with refresh tokens as Entra ID and
// Google do (test/support/identity-provider.ts), through the built server: connected from the account page through a request of
// its own, kept only for the same person with the calendar scope, refreshed (Entra's rotated token
// saved), dropped when revoked, disconnected at once, and no token anywhere on disk or in the log.
import { randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarAccess } from '../../../team-server/auth/calendar/calendar-access.ts';
import { calendarBound } from '../../../team-server/auth/calendar/calendar-grant.ts';
import { companyProvider } from '../../../team-server/auth/company-sign-in.ts';
import { deriveServerKeys, sealingKeyOf } from '../../../team-server/auth/server-keys.ts';
import { opensWith } from '../../../team-server/store/sealed.ts';
import { openStore } from '../../../team-server/store/open-store.ts';
import type { Store } from '../../../team-server/store/store.ts';
import { movableClockStartingAt } from '../../support/fake-clock.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import { atIdentityProvider, companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import {
  developmentSignIn,
  freePort,
  type Page,
  removeTeamServerData,
  SignInBrowser,
  signInToAccount,
  startTeamServer,
  TEST_SERVER_KEY,
  type TeamServerHandle,
} from '../../support/team-server.ts';
import { expectNowhereOnDisk } from '../organisation/organisation-support.ts';

const ACCOUNTS = [
  { id: 'ada', name: 'Ada Lovelace', email: 'ada@acme.example', emailVerified: true },
  { id: 'bob', name: 'Bob Builder', email: 'bob@acme.example', emailVerified: true },
  { id: 'carol', name: 'Carol Danvers', email: 'carol@acme.example', emailVerified: true },
];

const wordsOf = (page: Page) =>
  page.html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ');

interface Setup {
  idp: IdentityProvider;
  server: TeamServerHandle;
  store: Store;
  /** Everything secret the provider issued, gathered as the tests go (revoked ones leave its records). */
  secrets: Set<string>;
}

async function calendarServer(kind: 'microsoft' | 'google', signIn: Record<string, unknown> = {}): Promise<Setup> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const idp = await startIdentityProvider({
    accounts: ACCOUNTS,
    redirectUris: [`${origin}/sign-in/callback`, `${origin}/account/calendar/callback`],
    calendar: kind,
  });
  // The built server in a process of its own, as it ships.
  const server = await startTeamServer({
    built: true,
    port,
    store: 'sqlite',
    signIn: { oidc: { issuer: idp.issuer, client_id: idp.clientId, client_secret_env: 'PUNCHCARD_OIDC_SECRET' }, ...signIn },
    config: { evidence: { company_calendar: { provider: kind } } },
    limits: { failed_sign_ins_per_address: 100 },
    env: { PUNCHCARD_OIDC_SECRET: idp.clientSecret, ...(idp.caFile ? { NODE_EXTRA_CA_CERTS: idp.caFile } : {}) },
  });
  const store = await openStore({ store: `sqlite:${join(server.dataDir, 'server.db')}` }, { now: Date.now, env: {} });
  return { idp, server, store, secrets: new Set() };
}

async function tearDown(setup: Setup | undefined): Promise<void> {
  await setup?.store.close();
  await setup?.server.stop();
  if (setup) removeTeamServerData(setup.server);
  await setup?.idp.close();
}

/** Signed in on the account page with the company account `account`, in a browser of its own. */
async function signedIn(setup: Setup, account: string): Promise<{ browser: SignInBrowser; page: Page }> {
  const browser = new SignInBrowser(setup.server.origin);
  const page = await signInToAccount(browser, companySignIn(setup.idp, account));
  expect(wordsOf(page)).toContain('Your Punchcard account');
  return { browser, page };
}

/** Opens the connect page, confirms, and goes through the provider's pages as `account`. */
async function connect(setup: Setup, browser: SignInBrowser, account: string, consent: 'allow' | 'untick calendar' | 'cancel' = 'allow'): Promise<Page> {
  const confirm = await browser.open('/account/calendar/connect');
  expect(confirm.status).toBe(200);
  const atProvider = await browser.submit(confirm, '/account/calendar/connect');
  const back = await atIdentityProvider(browser, atProvider, setup.idp.issuer, account, consent);
  for (const secret of setup.idp.issuedSecrets()) setup.secrets.add(secret);
  return back;
}

/** The person's calendar columns as the store file holds them. */
function storedCalendar(setup: Setup, account: string): { provider: string | null; grant: string | null; since: number | null } | undefined {
  const db = new DatabaseSync(join(setup.server.dataDir, 'server.db'), { readOnly: true });
  try {
    return db
      .prepare('SELECT calendar_provider AS provider, calendar_grant AS grant, calendar_since AS since FROM people WHERE identity = ?')
      .get(`oidc:${setup.idp.issuer}:${account}`) as { provider: string | null; grant: string | null; since: number | null } | undefined;
  } finally {
    db.close();
  }
}

async function personIdOf(setup: Setup, account: string): Promise<string> {
  const person = await setup.store.personByIdentity(`oidc:${setup.idp.issuer}:${account}`);
  if (!person) throw new Error(`${account} never signed in`);
  return person.id;
}

/** The access function the readers call, in this process, on the server's store and key, with a clock the test moves. */
function accessFor(setup: Setup, provider: 'microsoft' | 'google') {
  const clock = movableClockStartingAt(new Date().toISOString());
  const log: string[] = [];
  const access = calendarAccess({
    provider,
    store: setup.store,
    keys: deriveServerKeys(Buffer.from(TEST_SERVER_KEY, 'base64')).atRest,
    configured: companyProvider({ issuer: setup.idp.issuer, clientId: setup.idp.clientId, clientSecret: setup.idp.clientSecret }),
    publicUrl: setup.server.origin,
    now: clock,
    log: (line) => log.push(line),
  });
  return { access, clock, log };
}

describe('a Microsoft 365 calendar grant', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await calendarServer('microsoft');
  });
  afterAll(() => tearDown(setup));

  it('is connected from the account page through a request of its own, after a page saying what is read and what never is', async () => {
    const { browser, page } = await signedIn(setup, 'ada');
    expect(wordsOf(page)).toContain('Your Microsoft 365 calendar is not connected.');
    const confirm = await browser.open('/account/calendar/connect');
    expect(wordsOf(confirm)).toMatch(/Never read: attendees, places, descriptions, attachments or meeting links, and no other person's calendar/);
    expect(wordsOf(confirm)).toContain('"Private appointment"');
    const before = setup.idp.authorizations.length;
    const back = await connect(setup, browser, 'ada');
    expect(wordsOf(back)).toContain('Your Microsoft 365 calendar is connected.');
    expect(wordsOf(back)).toMatch(/connected, read-only, since \d{4}-\d\d-\d\d/);
    // Sent on from the callback: its code is out of the address, and a reload shows the account page again.
    expect(back.url).toBe(`${setup.server.origin}/account?calendar=connected`);
    const reloaded = await browser.open(back.url);
    expect(reloaded.status).toBe(200);
    expect(wordsOf(reloaded)).toContain('Your Microsoft 365 calendar is connected. Ask your AI client to draft your week from it.');

    const asked = setup.idp.authorizations.slice(before);
    expect(asked).toHaveLength(1);
    const request = asked[0] as URLSearchParams;
    expect(request.get('scope')).toBe('openid offline_access https://graph.microsoft.com/Calendars.ReadBasic');
    expect(request.get('redirect_uri')).toBe(`${setup.server.origin}/account/calendar/callback`);
    expect(request.get('login_hint')).toBe('ada@acme.example');
    expect(request.get('code_challenge_method')).toBe('S256');
    expect([request.get('state'), request.get('nonce'), request.get('code_challenge')].every((value) => (value ?? '').length >= 20)).toBe(true);
    expect(request.has('access_type')).toBe(false);
    // The sign-in itself never asked for the calendar.
    expect(setup.idp.authorizations.slice(0, before).map((params) => params.get('scope'))).toEqual(['openid email profile']);

    const stored = storedCalendar(setup, 'ada');
    expect(stored?.provider).toBe('microsoft');
    expect(stored?.grant).toMatch(/^v1\./);
  });

  it('gives the readers a fresh access token, refreshing near its end and saving each rotated refresh token', async () => {
    const { access, clock } = accessFor(setup, 'microsoft');
    const personId = await personIdOf(setup, 'ada');
    const sealedAtConnect = storedCalendar(setup, 'ada')?.grant;
    const refreshesBefore = setup.idp.grants.filter((grant) => grant === 'refresh_token').length;

    const first = await access(personId);
    if (!first.ok) throw new Error(first.sentence);
    expect(first.accessToken.length).toBeGreaterThan(20);
    const rotated = storedCalendar(setup, 'ada')?.grant;
    expect(rotated).not.toBe(sealedAtConnect);

    // Within its life the same token, without asking the provider.
    clock.advance(4 * 60_000);
    const again = await access(personId);
    expect(again.ok && again.accessToken).toBe(first.accessToken);
    expect(setup.idp.grants.filter((grant) => grant === 'refresh_token').length).toBe(refreshesBefore + 1);

    // Within five minutes of its end (the stand-in's tokens last ten), refreshed with the rotated refresh
    // token, once for two reads at the same moment: a second refresh would race the first's rotation.
    clock.advance(2 * 60_000);
    const [later, alongside] = await Promise.all([access(personId), access(personId)]);
    if (!later.ok) throw new Error(later.sentence);
    expect(later.accessToken).not.toBe(first.accessToken);
    expect(alongside).toEqual(later);
    expect(setup.idp.grants.filter((grant) => grant === 'refresh_token').length).toBe(refreshesBefore + 2);
    expect(storedCalendar(setup, 'ada')?.grant).not.toBe(rotated);
    for (const secret of setup.idp.issuedSecrets()) setup.secrets.add(secret);
    expect(setup.idp.grants.filter((grant) => grant.includes('invalid_grant'))).toEqual([]);
  });

  it('drops a grant the provider revoked, and says where to connect again; a person never connected is told so', async () => {
    const { access, log } = accessFor(setup, 'microsoft');
    const personId = await personIdOf(setup, 'ada');
    for (const secret of setup.idp.issuedSecrets()) setup.secrets.add(secret);
    setup.idp.revokeRefreshTokens('ada');
    const answer = await access(personId);
    expect(answer).toEqual({
      ok: false,
      reason: 'connect-again',
      sentence: `Your Microsoft 365 calendar could not be read: the company sign-in no longer accepts Punchcard's access to it (invalid_grant). Connect it again on your account page, ${setup.server.origin}/account.`,
    });
    expect(storedCalendar(setup, 'ada')).toEqual({ provider: null, grant: null, since: null });
    expect(log).toEqual([
      `The company calendar grant of person ${personId} was dropped: the company sign-in no longer accepts Punchcard's access to it (invalid_grant).`,
    ]);

    await signedIn(setup, 'carol');
    expect(await access(await personIdOf(setup, 'carol'))).toEqual({
      ok: false,
      reason: 'not-connected',
      sentence: `Your Microsoft 365 calendar is not connected to Punchcard; connect it on your account page, ${setup.server.origin}/account, to draft entries from it.`,
    });
  });

  it('keeps nothing when the person refuses the consent, and leaves them signed in', async () => {
    const { browser } = await signedIn(setup, 'bob');
    const refused = await connect(setup, browser, 'bob', 'cancel');
    expect(refused.status).toBe(403);
    expect(wordsOf(refused)).toContain(
      'You did not allow Punchcard to read your Microsoft 365 calendar, so it is not connected. Nothing was kept, and you are still signed in to Punchcard.',
    );
    expect(storedCalendar(setup, 'bob')?.grant).toBeNull();
    const account = await browser.open('/account');
    expect(wordsOf(account)).toContain('Your Punchcard account');
    expect(wordsOf(account)).toContain('Your Microsoft 365 calendar is not connected.');
  });

  it('keeps nothing when the calendar box was unticked: the granted scope lacks it', async () => {
    const { browser } = await signedIn(setup, 'bob');
    const narrower = await connect(setup, browser, 'bob', 'untick calendar');
    expect(narrower.status).toBe(403);
    expect(wordsOf(narrower)).toContain("Reading your calendar was not allowed on the company sign-in's page, so your calendar was not connected.");
    expect(storedCalendar(setup, 'bob')?.grant).toBeNull();
  });

  it("keeps nothing when the provider's ID token names another person than the one signed in", async () => {
    const { browser } = await signedIn(setup, 'bob');
    // Bob's session at the provider ended; Carol signs in there on his browser.
    setup.idp.endSessions();
    const other = await connect(setup, browser, 'carol');
    expect(other.status).toBe(403);
    expect(wordsOf(other)).toContain('The company sign-in answered for another account than the one you are signed in to Punchcard with');
    expect(storedCalendar(setup, 'bob')?.grant).toBeNull();
    expect(storedCalendar(setup, 'carol')?.grant).toBeNull();
  });

  it('refuses a connect or a disconnect without its form token, or with another browser’s, and asks the provider nothing', async () => {
    const { browser } = await signedIn(setup, 'bob');
    const other = await signedIn(setup, 'carol');
    const carols = await other.browser.open('/account/calendar/connect');
    const carolsToken = /name="csrf" value="([^"]+)"/.exec(carols.html)?.[1] as string;
    const confirm = await browser.open('/account/calendar/connect');
    const asked = setup.idp.authorizations.length;
    const noToken = await browser.submit(confirm, '/account/calendar/connect', { csrf: '' });
    expect(noToken.status).toBe(403);
    const wrongToken = await browser.submit(confirm, '/account/calendar/connect', { csrf: carolsToken });
    expect(wrongToken.status).toBe(403);
    expect(wordsOf(wrongToken)).toContain('This form has expired or was not sent from this page.');
    expect(setup.idp.authorizations.length).toBe(asked);

    await connect(setup, browser, 'bob');
    const connected = await browser.open('/account');
    const refused = await browser.submit(connected, '/account/calendar/disconnect', { csrf: 'forged' });
    expect(refused.status).toBe(403);
    expect(storedCalendar(setup, 'bob')?.grant).toMatch(/^v1\./);
  });

  it('sends a browser not signed in on the account page there first', async () => {
    const stranger = new SignInBrowser(setup.server.origin);
    const page = await stranger.open('/account/calendar/connect');
    expect(page.url).toBe(`${setup.server.origin}/account`);
    expect(wordsOf(page)).toContain('Sign in with your company account');
  });

  it('disconnects at once: the grant gone from the store, and the readers told it is not connected', async () => {
    const { browser } = await signedIn(setup, 'bob');
    const { access } = accessFor(setup, 'microsoft');
    const personId = await personIdOf(setup, 'bob');
    if (!storedCalendar(setup, 'bob')?.grant) await connect(setup, browser, 'bob');
    expect((await access(personId)).ok).toBe(true);
    for (const secret of setup.idp.issuedSecrets()) setup.secrets.add(secret);
    const account = await browser.open('/account');
    const done = await browser.submit(account, '/account/calendar/disconnect');
    expect(wordsOf(done)).toContain('Your calendar was disconnected: Punchcard deleted its access and reads it no more.');
    expect(wordsOf(done)).toContain('Your Microsoft 365 calendar is not connected.');
    expect(storedCalendar(setup, 'bob')).toEqual({ provider: null, grant: null, since: null });
    expect((await access(personId)).ok).toBe(false);
  });

  it('drops a grant given for another provider, or one the server key no longer opens, from every byte of the store and its log', async () => {
    const { browser } = await signedIn(setup, 'bob');
    const personId = await personIdOf(setup, 'bob');
    const dropped = async (access: ReturnType<typeof accessFor>['access'], why: string) => {
      await connect(setup, browser, 'bob');
      const sealed = storedCalendar(setup, 'bob')?.grant as string;
      expect(sealed).toMatch(/^v1\./);
      const answer = await access(personId);
      expect(answer.ok === false && answer.reason === 'connect-again' && answer.sentence).toContain(why);
      expect(storedCalendar(setup, 'bob')).toEqual({ provider: null, grant: null, since: null });
      // The store file and its write-ahead log read as bytes while the server runs: a sealed grant left there
      // would open again under the server key.
      expectNowhereOnDisk(setup.server, sealed);
    };
    // The configuration now names Google: the Microsoft grant is not Google's to use.
    await dropped(accessFor(setup, 'google').access, 'it was given for Microsoft 365, and this server now reads Google');
    // Sealed under a key this server no longer has.
    const otherKey = calendarAccess({
      provider: 'microsoft',
      store: setup.store,
      keys: deriveServerKeys(randomBytes(32)).atRest,
      configured: companyProvider({ issuer: setup.idp.issuer, clientId: setup.idp.clientId, clientSecret: setup.idp.clientSecret }),
      publicUrl: setup.server.origin,
      now: Date.now,
      log: () => undefined,
    });
    await dropped(otherKey, 'its stored grant does not open with this server key');
  });

  it('leaves no code or token of the provider in the store file, its backups or the log', async () => {
    // Carol's grant is stored now, so the backup holds one.
    const { browser } = await signedIn(setup, 'carol');
    await connect(setup, browser, 'carol');
    expect(storedCalendar(setup, 'carol')?.grant).toMatch(/^v1\./);
    const backup = await runTeamCli(['admin', 'backup', join(setup.server.dataDir, 'backup.db'), '--config', setup.server.configPath], {
      PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY,
    });
    expect(backup.code, backup.stderr).toBe(0);
    for (const secret of setup.idp.issuedSecrets()) setup.secrets.add(secret);
    expect(setup.secrets.size).toBeGreaterThan(5);
    for (const secret of setup.secrets) {
      expectNowhereOnDisk(setup.server, secret);
      expect(setup.server.stderr().includes(secret)).toBe(false);
    }
  });
});

describe('a Google Calendar grant', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await calendarServer('google');
  });
  afterAll(() => tearDown(setup));

  it('asks for the owned-events scope offline, keeps the refresh token Google does not rotate, and revokes it at Google on disconnect', async () => {
    const { browser } = await signedIn(setup, 'ada');
    const before = setup.idp.authorizations.length;
    const back = await connect(setup, browser, 'ada');
    expect(wordsOf(back)).toContain('Your Google calendar is connected.');
    const request = setup.idp.authorizations[before] as URLSearchParams;
    expect(request.get('scope')).toBe('openid https://www.googleapis.com/auth/calendar.events.owned.readonly');
    expect([request.get('access_type'), request.get('prompt'), request.get('login_hint')]).toEqual(['offline', 'consent', 'ada@acme.example']);

    const { access } = accessFor(setup, 'google');
    const personId = await personIdOf(setup, 'ada');
    const sealed = storedCalendar(setup, 'ada')?.grant;
    const answer = await access(personId);
    expect(answer.ok).toBe(true);
    expect(storedCalendar(setup, 'ada')?.grant).toBe(sealed);
    for (const secret of setup.idp.issuedSecrets()) setup.secrets.add(secret);

    const revokedBefore = setup.idp.revocations.count;
    const done = await browser.submit(await browser.open('/account'), '/account/calendar/disconnect');
    expect(wordsOf(done)).toContain('Your calendar was disconnected');
    expect(setup.idp.revocations.count).toBe(revokedBefore + 1);
    expect(storedCalendar(setup, 'ada')?.grant).toBeNull();
    for (const secret of setup.secrets) {
      expectNowhereOnDisk(setup.server, secret);
      expect(setup.server.stderr().includes(secret)).toBe(false);
    }
  });
});

describe('a calendar grant through a rotation of the server key', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await calendarServer('microsoft');
  });
  afterAll(() => tearDown(setup));

  it('is sealed anew under the new key, and its refresh token still works', async () => {
    const { browser } = await signedIn(setup, 'ada');
    await connect(setup, browser, 'ada');
    const personId = await personIdOf(setup, 'ada');
    const before = storedCalendar(setup, 'ada');
    const bound = calendarBound(personId, 'microsoft');
    const newKey = randomBytes(32).toString('base64');
    const sealingOf = (key: string) => sealingKeyOf(Buffer.from(key, 'base64'));
    expect(opensWith(sealingOf(TEST_SERVER_KEY), before?.grant as string, bound)).toBe(true);
    await setup.server.stop();
    const admin = (args: string[], env: Record<string, string>) => runTeamCli(['admin', ...args, '--config', setup.server.configPath], env);
    const started = await admin(['rotate-key', '--new-key-env', 'NEW_SERVER_KEY'], { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY, NEW_SERVER_KEY: newKey });
    expect(started.code, started.stderr).toBe(0);
    const finished = await admin(['rotate-key', '--finish'], { PUNCHCARD_SERVER_KEY: newKey });
    expect(finished.code, finished.stderr).toBe(0);
    const after = storedCalendar(setup, 'ada');
    expect(after?.since).toBe(before?.since);
    expect(opensWith(sealingOf(newKey), after?.grant as string, bound)).toBe(true);
    expect(opensWith(sealingOf(TEST_SERVER_KEY), after?.grant as string, bound)).toBe(false);
    const access = calendarAccess({
      provider: 'microsoft',
      store: setup.store,
      keys: deriveServerKeys(Buffer.from(newKey, 'base64')).atRest,
      configured: companyProvider({ issuer: setup.idp.issuer, clientId: setup.idp.clientId, clientSecret: setup.idp.clientSecret }),
      publicUrl: setup.server.origin,
      now: Date.now,
      log: () => {},
    });
    expect((await access(personId)).ok).toBe(true);

    // The provider out of reach: said in a sentence, and the grant kept for when it answers again.
    const kept = storedCalendar(setup, 'ada')?.grant;
    await setup.idp.close();
    const log: string[] = [];
    const unreachable = calendarAccess({
      provider: 'microsoft',
      store: setup.store,
      keys: deriveServerKeys(Buffer.from(newKey, 'base64')).atRest,
      configured: companyProvider({ issuer: setup.idp.issuer, clientId: setup.idp.clientId, clientSecret: setup.idp.clientSecret }),
      publicUrl: setup.server.origin,
      now: Date.now,
      log: (line) => log.push(line),
    });
    expect(await unreachable(personId)).toEqual({
      ok: false,
      reason: 'unavailable',
      sentence: 'Your Microsoft 365 calendar could not be read just now (the company sign-in did not answer as expected). Try again in a minute.',
    });
    expect(storedCalendar(setup, 'ada')?.grant).toBe(kept);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(new RegExp(`^The company calendar of person ${personId} could not be refreshed: `));
  }, 60_000);
});

describe('a person who signed in another way than with the company account', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await calendarServer('microsoft', { development: true });
  });
  afterAll(() => tearDown(setup));

  it('sees no calendar on the account page, and is told on the connect page how to get one', async () => {
    const browser = new SignInBrowser(setup.server.origin);
    const page = await signInToAccount(browser, developmentSignIn('Grace Hopper'));
    expect(wordsOf(page)).toContain('Signed in as Grace Hopper');
    expect(wordsOf(page)).not.toContain('calendar');
    const asked = setup.idp.authorizations.length;
    const refused = await browser.open('/account/calendar/connect');
    expect(refused.status).toBe(403);
    expect(wordsOf(refused)).toContain(
      'A calendar is connected through the company sign-in, and you signed in to Punchcard another way. Sign out on your account page, then sign in with your company account.',
    );
    expect(setup.idp.authorizations.length).toBe(asked);
  });
});
