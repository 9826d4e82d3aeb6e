// An outside check of the company calendar (issue 77, docs/team-server/company-calendar.md,
// docs/evidence.md "The company calendar"), written from the guide as an attacker reads it, apart from
// the implementers' own tests: the built team server and the OpenID provider stand-in granting
// Microsoft's calendar scope, three colleagues (Alice, Bob, Mallory) in browsers of their own, and the
// readers against the Graph and Google fakes answering as a hostile or failing API would. Each attack
// ends in a sentence a person can act on and nothing kept that should not be; every secret the provider
// issued, and the connection's verifier, state and nonce, is looked for where none may be.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_SELECT } from '../../../mcp-server/evidence/company-calendar/graph.ts';
import { type CompanyCalendarReadOptions, type CompanyCalendarReading, readCompanyCalendar } from '../../../mcp-server/evidence/company-calendar/reader.ts';
import { deriveServerKeys } from '../../../team-server/auth/server-keys.ts';
import { unseal } from '../../../team-server/store/sealed.ts';
import { type FakeGoogleCalendar, startFakeGoogleCalendar } from '../../support/fake-google-calendar.ts';
import { type FakeGraphCalendar, GRAPH_THROTTLED, startFakeGraphCalendar } from '../../support/fake-graph-calendar.ts';
import { atIdentityProvider, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import { axeViolations } from '../../support/axe.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import { launchChromium } from '../../renderer/harness.ts';
import {
  freePort,
  type Page,
  removeTeamServerData,
  type SignInBrowser,
  startTeamServer,
  TEST_SERVER_KEY,
  type TeamServerHandle,
} from '../../support/team-server.ts';
import { ACCOUNT_PAGE, tokenSource, trustedCertificates } from '../../mcp-server/evidence/company-calendar/support.ts';

const PENDING_COOKIE = 'punchcard_calendar_pending';
const ACCOUNTS = [
  { id: 'alice', name: 'Alice Archer', email: 'alice@acme.example', emailVerified: true },
  { id: 'bob', name: 'Bob Baker', email: 'bob@acme.example', emailVerified: true },
  { id: 'mallory', name: 'Mallory Mole', email: 'mallory@acme.example', emailVerified: true },
];

/**
 * A browser of the attacker's making: the sign-in browser's behaviour (cookies per site, redirects
 * followed, forms submitted with their hidden fields), with its cookies in the open so a test can
 * carry one from browser to browser or put an old one back, and any header it likes on a request.
 */
class Browser {
  readonly jar = new Map<string, Map<string, string>>();
  stopAt: string | undefined;
  callback: URL | undefined;
  readonly origin: string;
  constructor(origin: string) {
    this.origin = origin;
  }

  cookie(name: string): string | undefined {
    return this.jar.get(this.origin)?.get(name);
  }
  setCookie(name: string, value: string): void {
    const jar = this.jar.get(this.origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.jar.set(this.origin, jar);
  }

  open(url: string | URL, headers: Record<string, string> = {}): Promise<Page> {
    return this.go(new URL(url, this.origin), { method: 'GET', headers });
  }

  submit(page: Page, actionSuffix: string, fields: Record<string, string> = {}, _submit?: unknown, headers: Record<string, string> = {}): Promise<Page> {
    const form = [...page.html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].find((match) =>
      decode(match[1] as string).endsWith(actionSuffix),
    );
    if (!form) throw new Error(`No form posting to …${actionSuffix} on ${page.url}:\n${page.html}`);
    const hidden = Object.fromEntries(
      [...(form[2] as string).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((input) => [input[1], decode(input[2] as string)]),
    );
    return this.go(new URL(decode(form[1] as string), page.url), {
      method: 'POST',
      body: new URLSearchParams({ ...hidden, ...fields }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(page.url).origin, ...headers },
    });
  }

  async go(url: URL, init: { method: string; body?: string; headers?: Record<string, string> }): Promise<Page> {
    let target = url;
    let request = init;
    for (let hop = 0; hop < 20; hop++) {
      if (this.stopAt && target.href.startsWith(this.stopAt)) {
        this.callback = target;
        return { status: 0, url: target.href, html: '', headers: new Headers() };
      }
      const jar = this.jar.get(target.origin) ?? new Map<string, string>();
      this.jar.set(target.origin, jar);
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(target, { ...request, redirect: 'manual', headers: { ...request.headers, ...(cookie ? { cookie } : {}) } });
      for (const line of response.headers.getSetCookie()) {
        const pair = line.split(';')[0] as string;
        const name = pair.slice(0, pair.indexOf('=')).trim();
        const value = pair.slice(pair.indexOf('=') + 1).trim();
        if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        target = new URL(location, target);
        request = { method: 'GET' };
        continue;
      }
      return { status: response.status, url: target.href, html: await response.text(), headers: response.headers };
    }
    throw new Error(`Too many redirects from ${url.href}`);
  }
}

const decode = (text: string) => text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');
const asSignInBrowser = (browser: Browser) => browser as unknown as SignInBrowser;

/** What a person reads on a page: its words, without markup. */
const wordsOf = (page: Page) =>
  decode(
    page.html
      .replace(/<style>[\s\S]*?<\/style>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' '),
  );

describe('an outside check of the calendar grant, through the built team server', () => {
  let idp: IdentityProvider;
  let server: TeamServerHandle;
  let metricsPort: number;
  /** Every secret seen: the provider's codes and tokens, and each connection's verifier, state and nonce. */
  const secrets = new Set<string>();
  /** Every page the server answered in these tests, for the secrets' last look. */
  const pages: Page[] = [];
  const keys = deriveServerKeys(Buffer.from(TEST_SERVER_KEY, 'base64'));

  beforeAll(async () => {
    const port = await freePort();
    metricsPort = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    idp = await startIdentityProvider({
      accounts: ACCOUNTS,
      redirectUris: [`${origin}/sign-in/callback`, `${origin}/account/calendar/callback`],
      calendar: 'microsoft',
    });
    server = await startTeamServer({
      built: true,
      port,
      store: 'sqlite',
      signIn: { oidc: { issuer: idp.issuer, client_id: idp.clientId, client_secret_env: 'PUNCHCARD_OIDC_SECRET' } },
      config: { evidence: { company_calendar: { provider: 'microsoft' } }, metrics: { listen: `127.0.0.1:${metricsPort}` } },
      limits: { failed_sign_ins_per_address: 1000 },
      env: { PUNCHCARD_OIDC_SECRET: idp.clientSecret, ...(idp.caFile ? { NODE_EXTRA_CA_CERTS: idp.caFile } : {}) },
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    if (server) removeTeamServerData(server);
    await idp?.close();
  });

  const seen = (page: Page) => {
    pages.push(page);
    return page;
  };

  /** A browser signed in on the account page with the company account `account`. */
  async function signedIn(account: string): Promise<Browser> {
    const browser = new Browser(server.origin);
    const first = await browser.open('/account');
    const atProvider = await browser.submit(first, '/company');
    const back = seen(await atIdentityProvider(asSignInBrowser(browser), atProvider, idp.issuer, account));
    expect(wordsOf(back)).toContain('Your Punchcard account');
    return browser;
  }

  /**
   * Starts connecting in `browser` and goes through the provider as `account`, but stops where the
   * provider sends the browser back: the callback's address (code and state), not yet delivered.
   */
  async function callbackOf(browser: Browser, account: string, consent: 'allow' | 'untick calendar' | 'cancel' = 'allow'): Promise<URL> {
    const confirm = seen(await browser.open('/account/calendar/connect'));
    expect(confirm.status).toBe(200);
    browser.stopAt = `${server.origin}/account/calendar/callback`;
    try {
      const atProvider = await browser.submit(confirm, '/account/calendar/connect');
      await atIdentityProvider(asSignInBrowser(browser), atProvider, idp.issuer, account, consent);
    } finally {
      browser.stopAt = undefined;
    }
    const pending = browser.cookie(PENDING_COOKIE);
    if (pending) {
      const opened = JSON.parse(unseal(keys.atRest, pending, `cookie:${PENDING_COOKIE}`)) as Record<string, string>;
      for (const name of ['verifier', 'state', 'nonce'] as const) secrets.add(opened[name] as string);
    }
    for (const secret of idp.issuedSecrets()) secrets.add(secret);
    const callback = browser.callback as URL;
    browser.callback = undefined;
    return callback;
  }

  async function connected(account: string): Promise<Browser> {
    const browser = await signedIn(account);
    const back = seen(await browser.open(await callbackOf(browser, account)));
    expect(wordsOf(back)).toContain('Your Microsoft 365 calendar is connected.');
    for (const secret of idp.issuedSecrets()) secrets.add(secret);
    return browser;
  }

  function grantOf(account: string): string | null {
    const db = new DatabaseSync(join(server.dataDir, 'server.db'), { readOnly: true });
    try {
      const row = db.prepare('SELECT calendar_grant AS grant FROM people WHERE identity = ?').get(`oidc:${idp.issuer}:${account}`) as
        | { grant: string | null }
        | undefined;
      return row?.grant ?? null;
    } finally {
      db.close();
    }
  }

  function disconnectEveryone(): void {
    const db = new DatabaseSync(join(server.dataDir, 'server.db'));
    try {
      db.exec('UPDATE people SET calendar_provider = NULL, calendar_grant = NULL, calendar_since = NULL');
    } finally {
      db.close();
    }
  }

  it('binds nothing when Alice’s callback is opened in Bob’s browser, with or without a connection of his own under way', async () => {
    disconnectEveryone();
    const alice = await signedIn('alice');
    const alicesCallback = await callbackOf(alice, 'alice');
    const bob = await signedIn('bob');

    const noneUnderWay = seen(await bob.open(alicesCallback));
    expect(noneUnderWay.status).toBe(400);
    expect(wordsOf(noneUnderWay)).toContain('This calendar connection was not started here or took too long. Connect again from your account page.');
    // The way on is the account page the sentence names, not an AI client's connection.
    expect(noneUnderWay.html).toContain('<a href="/account">Back to your account page</a>');
    expect(wordsOf(noneUnderWay)).not.toContain('AI client');

    const bobsCallback = await callbackOf(bob, 'bob');
    const hisUnderWay = seen(await bob.open(alicesCallback));
    expect(hisUnderWay.status).toBe(403);
    expect(wordsOf(hisUnderWay)).toContain('does not belong to the connection this browser started, so it was refused. Connect again from your account page.');
    expect(wordsOf(hisUnderWay)).toContain('Nothing was kept, and you are still signed in to Punchcard.');
    // The refused answer used up Bob's connection: his own callback is now one not started here.
    expect(seen(await bob.open(bobsCallback)).status).toBe(400);
    expect(grantOf('bob')).toBeNull();
    expect(grantOf('alice')).toBeNull();
    // Alice's connection is still hers to finish, and binds her calendar to her only.
    const hers = seen(await alice.open(alicesCallback));
    expect(wordsOf(hers)).toContain('Your Microsoft 365 calendar is connected.');
    expect(grantOf('alice')).toMatch(/^v1\./);
    expect(grantOf('bob')).toBeNull();
  });

  it('binds nothing for a callback with Alice’s code under Bob’s state (a swapped code), nor Bob’s calendar to Alice when she signs in as him at the provider', async () => {
    disconnectEveryone();
    const alice = await signedIn('alice');
    const bob = await signedIn('bob');
    const alicesCallback = await callbackOf(alice, 'alice');
    const bobsCallback = await callbackOf(bob, 'bob');
    const swapped = new URL(bobsCallback);
    swapped.searchParams.set('code', alicesCallback.searchParams.get('code') as string);
    const answer = seen(await bob.open(swapped));
    expect(answer.status).toBe(403);
    expect(wordsOf(answer)).toMatch(
      /The company sign-in refused to finish connecting your calendar: its answer was used already \(a page opened twice\) or came too late\. Connect again from your account page\./,
    );
    expect(grantOf('bob')).toBeNull();
    expect(grantOf('alice')).toBeNull();

    // Mallory, signed in to Punchcard as herself, signs in at the provider with Bob's account (a shared computer).
    const mallory = await signedIn('mallory');
    idp.endSessions();
    const asBob = seen(await mallory.open(await callbackOf(mallory, 'bob')));
    expect(asBob.status).toBe(403);
    expect(wordsOf(asBob)).toContain(
      'The company sign-in answered for another account than the one you are signed in to Punchcard with, so your calendar was not connected. Connect again and choose your own account.',
    );
    expect(grantOf('mallory')).toBeNull();
    expect(grantOf('bob')).toBeNull();
  });

  it('refuses a forged or missing state, a missing code, and a replayed callback, keeping nothing new and deleting nothing kept', async () => {
    disconnectEveryone();
    const alice = await signedIn('alice');
    const forged = await callbackOf(alice, 'alice');
    forged.searchParams.set('state', 'forged-state-0123456789');
    const forgedAnswer = seen(await alice.open(forged));
    expect(forgedAnswer.status).toBe(403);
    expect(wordsOf(forgedAnswer)).toContain('does not belong to the connection this browser started');

    const missing = await callbackOf(alice, 'alice');
    missing.searchParams.delete('state');
    const missingAnswer = seen(await alice.open(missing));
    expect(missingAnswer.status).toBe(403);
    expect(wordsOf(missingAnswer)).toMatch(/Connect again from your account page\. Nothing was kept/);

    const noCode = await callbackOf(alice, 'alice');
    noCode.searchParams.delete('code');
    const noCodeAnswer = seen(await alice.open(noCode));
    expect(noCodeAnswer.status).toBe(403);
    expect(wordsOf(noCodeAnswer)).toMatch(/Connect again from your account page\. Nothing was kept/);
    expect(grantOf('alice')).toBeNull();

    // An answer naming another issuer (a mix-up: another provider's answer carried here).
    const mixedUp = await callbackOf(alice, 'alice');
    mixedUp.searchParams.set('iss', 'https://login.evil.example');
    const mixedUpAnswer = seen(await alice.open(mixedUp));
    expect(mixedUpAnswer.status).toBe(403);
    expect(wordsOf(mixedUpAnswer)).toMatch(/Connect again from your account page\. Nothing was kept/);
    expect(grantOf('alice')).toBeNull();

    const real = await callbackOf(alice, 'alice');
    const pending = alice.cookie(PENDING_COOKIE) as string;
    expect(wordsOf(seen(await alice.open(real)))).toContain('Your Microsoft 365 calendar is connected.');
    const kept = grantOf('alice');
    expect(kept).toMatch(/^v1\./);
    // The same address again (a reload, the history): nothing under way any more.
    const reloaded = seen(await alice.open(real));
    expect(reloaded.status).toBe(400);
    // An attacker who kept the connection's cookie and the address replays both: the code was used.
    alice.setCookie(PENDING_COOKIE, pending);
    const replayed = seen(await alice.open(real));
    expect(replayed.status).toBe(403);
    expect(wordsOf(replayed)).toContain('its answer was used already (a page opened twice) or came too late. Connect again from your account page.');
    expect(grantOf('alice')).toBe(kept);
  });

  it('shows none of the provider’s own words of a refusal, as markup or as text, and says what to do', async () => {
    const alice = await signedIn('alice');
    const callback = await callbackOf(alice, 'alice');
    const refused = new URL(callback);
    refused.searchParams.delete('code');
    refused.searchParams.set('error', 'server_error');
    refused.searchParams.set('error_description', '<script>alert(1)</script>');
    const answer = seen(await alice.open(refused));
    expect(answer.status).toBe(403);
    expect(answer.html).not.toContain('<script>alert(1)</script>');
    expect(wordsOf(answer)).not.toContain('alert(1)');
    expect(wordsOf(answer)).toContain(
      'The company sign-in did not allow reading your Microsoft 365 calendar. Connect again from your account page; if it says no again, tell your administrator',
    );
  });

  it('keeps nothing for a narrower scope or a refused consent, and the person stays signed in', async () => {
    disconnectEveryone();
    const bob = await signedIn('bob');
    const narrower = seen(await bob.open(await callbackOf(bob, 'bob', 'untick calendar')));
    expect(narrower.status).toBe(403);
    expect(wordsOf(narrower)).toContain("Reading your calendar was not allowed on the company sign-in's page, so your calendar was not connected.");
    const refused = seen(await bob.open(await callbackOf(bob, 'bob', 'cancel')));
    expect(refused.status).toBe(403);
    expect(wordsOf(refused)).toContain(
      'You did not allow Punchcard to read your Microsoft 365 calendar, so it is not connected. Nothing was kept, and you are still signed in to Punchcard.',
    );
    expect(grantOf('bob')).toBeNull();
    const account = seen(await bob.open('/account'));
    expect(wordsOf(account)).toContain('Your Punchcard account');
    expect(wordsOf(account)).toContain('Your Microsoft 365 calendar is not connected.');
  });

  it('takes no connect or disconnect without its form token, from another site, or by GET, and asks the provider nothing', async () => {
    disconnectEveryone();
    const alice = await connected('alice');
    const bob = await signedIn('bob');
    const bobsConfirm = await bob.open('/account/calendar/connect');
    const bobsToken = /name="csrf" value="([^"]+)"/.exec(bobsConfirm.html)?.[1] as string;
    const confirm = await alice.open('/account/calendar/connect');
    const account = await alice.open('/account');
    const asked = idp.authorizations.length;

    const attempts: Array<[string, Promise<Page>]> = [
      ['connect, no token', alice.submit(confirm, '/account/calendar/connect', { csrf: '' })],
      ['connect, Bob’s token', alice.submit(confirm, '/account/calendar/connect', { csrf: bobsToken })],
      ['connect, another site', alice.submit(confirm, '/account/calendar/connect', {}, undefined, { origin: 'https://evil.example' })],
      ['connect, an opaque origin', alice.submit(confirm, '/account/calendar/connect', {}, undefined, { origin: 'null' })],
      ['disconnect, no token', alice.submit(account, '/account/calendar/disconnect', { csrf: '' })],
      ['disconnect, Bob’s token', alice.submit(account, '/account/calendar/disconnect', { csrf: bobsToken })],
      ['disconnect, another site', alice.submit(account, '/account/calendar/disconnect', {}, undefined, { origin: 'https://evil.example' })],
    ];
    for (const [what, attempt] of attempts) {
      const page = seen(await attempt);
      expect(page.status, what).toBe(403);
      expect(wordsOf(page), what).toMatch(
        /This form (has expired or was not sent from this page|was sent from another site, so it was refused)\. Open the sign-in page again\./,
      );
    }
    // A cross-site request without Origin (Sec-Fetch-Site says where it came from).
    const account2 = await alice.open('/account');
    const crossSite = seen(await alice.submit(account2, '/account/calendar/disconnect', {}, undefined, { origin: '', 'sec-fetch-site': 'cross-site' }));
    expect(crossSite.status).toBe(403);
    const byGet = seen(await alice.open('/account/calendar/disconnect'));
    expect(byGet.status).toBe(405);
    expect(wordsOf(byGet)).toContain('This page does not take that kind of request.');
    expect(idp.authorizations.length).toBe(asked);
    expect(grantOf('alice')).toMatch(/^v1\./);
  });

  it('sends a login_hint of the signed-in person only: a connect link carries no one else', async () => {
    const bob = await signedIn('bob');
    const confirm = await bob.open('/account/calendar/connect?login_hint=alice%40acme.example&person=alice');
    // The page whose button leaves for the grant is never shown inside another site's frame (clickjacking).
    expect(`${confirm.headers.get('x-frame-options')} ${confirm.headers.get('content-security-policy')}`).toMatch(/DENY|frame-ancestors 'none'/i);
    bob.stopAt = idp.issuer;
    await bob.submit(confirm, '/account/calendar/connect');
    bob.stopAt = undefined;
    const asked = bob.callback as URL;
    expect(asked.searchParams.get('login_hint')).toBe('bob@acme.example');
    expect(asked.searchParams.get('redirect_uri')).toBe(`${server.origin}/account/calendar/callback`);
    expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
    expect(asked.searchParams.get('scope')?.split(' ').sort()).toEqual(['https://graph.microsoft.com/Calendars.ReadBasic', 'offline_access', 'openid']);
    bob.callback = undefined;
  });

  it('deletes the grant at once on disconnect: its sealed bytes are in no file of the store', async () => {
    disconnectEveryone();
    const alice = await connected('alice');
    const sealed = grantOf('alice') as string;
    expect(sealed).toMatch(/^v1\./);
    const done = seen(await alice.submit(await alice.open('/account'), '/account/calendar/disconnect'));
    expect(wordsOf(done)).toContain('Your calendar was disconnected: Punchcard deleted its access and reads it no more.');
    expect(grantOf('alice')).toBeNull();
    // The store file read as bytes, the write-ahead log beside it too: a deleted grant that stayed in a
    // free page would open again under the server key, and Entra ID does not revoke it.
    const files = readdirSync(server.dataDir).filter((name) => name.startsWith('server.db'));
    expect(files).toContain('server.db');
    for (const name of files) expect(readFileSync(join(server.dataDir, name)).includes(Buffer.from(sealed)), name).toBe(false);
  });

  it('deletes the grant from every byte on disk when an administrator signs the person out', async () => {
    disconnectEveryone();
    await connected('mallory');
    const sealed = grantOf('mallory') as string;
    expect(sealed).toMatch(/^v1\./);
    const signOut = await runTeamCli(['admin', 'sign-out', 'mallory@acme.example', '--config', server.configPath], { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });
    expect(signOut.code, signOut.stderr).toBe(0);
    expect(grantOf('mallory')).toBeNull();
    for (const name of readdirSync(server.dataDir).filter((file) => file.startsWith('server.db')))
      expect(readFileSync(join(server.dataDir, name)).includes(Buffer.from(sealed)), name).toBe(false);
  });

  it('binds nothing when another person signs in on the browser between leaving for the provider and coming back', async () => {
    disconnectEveryone();
    const shared = await signedIn('alice');
    const alicesCallback = await callbackOf(shared, 'alice');
    // Alice leaves the shared computer; Bob signs out her account page and signs in as himself.
    seen(await shared.submit(await shared.open('/account'), '/account/sign-out'));
    idp.endSessions();
    const first = await shared.open('/account');
    seen(await atIdentityProvider(asSignInBrowser(shared), await shared.submit(first, '/company'), idp.issuer, 'bob'));
    const answer = seen(await shared.open(alicesCallback));
    expect(answer.status).toBe(403);
    expect(wordsOf(answer)).toContain(
      'This calendar connection was started by another account on this browser, so nothing was kept. Connect again from your account page.',
    );
    expect(grantOf('alice')).toBeNull();
    expect(grantOf('bob')).toBeNull();
  });

  it('leaves no code, token, verifier, state or nonce in a page, the log, the store, a backup or the metrics', async () => {
    await connected('bob');
    const backup = await runTeamCli(['admin', 'backup', join(server.dataDir, 'outside-backup.db'), '--config', server.configPath], {
      PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY,
    });
    expect(backup.code, backup.stderr).toBe(0);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics.length).toBeGreaterThan(100);
    for (const secret of idp.issuedSecrets()) secrets.add(secret);
    expect(secrets.size).toBeGreaterThan(20);
    const disk = readdirSync(server.dataDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [entry.name, readFileSync(join(entry.parentPath, entry.name))] as const);
    expect(disk.map(([name]) => name)).toContain('outside-backup.db');
    const answered = pages.map((page) => `${page.html}\n${[...page.headers].join('\n')}`).join('\n');
    for (const secret of secrets) {
      expect(answered.includes(secret), 'a page').toBe(false);
      expect(server.stderr().includes(secret), 'the log').toBe(false);
      expect(metrics.includes(secret), 'the metrics').toBe(false);
      for (const [name, bytes] of disk) expect(bytes.includes(Buffer.from(secret)), name).toBe(false);
    }
  });

  it('sends no code to another site from the page that answers the callback', async () => {
    const alice = await signedIn('alice');
    const back = await alice.open(await callbackOf(alice, 'alice'));
    expect(wordsOf(back)).toContain('Your Microsoft 365 calendar is connected.');
    // The page's address holds the code; its links (Google's permissions page, a help page) must not carry it away in a Referer.
    expect(back.headers.get('referrer-policy')).toMatch(/no-referrer|same-origin|strict-origin/);
  });

  it('answers a calendar step that did not go through on a page that is axe-clean, light and dark', { timeout: 60_000 }, async () => {
    const bob = await signedIn('bob');
    const refused = seen(await bob.open('/account/calendar/callback?code=made-up&state=made-up'));
    expect(refused.status).toBe(400);
    const chromium = await launchChromium();
    try {
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await chromium.newContext({ colorScheme });
        const page = await context.newPage();
        await page.setContent(refused.html);
        expect(await axeViolations(page), colorScheme).toEqual([]);
        await context.close();
      }
    } finally {
      await chromium.close();
    }
  });

  it('refuses an api_url over http when the configuration is checked, in a sentence', async () => {
    const config = JSON.parse(readFileSync(server.configPath, 'utf8')) as { evidence: { company_calendar: Record<string, string> } };
    config.evidence.company_calendar.api_url = 'http://graph.example/v1.0';
    const path = join(server.dataDir, 'plain-http.json');
    writeFileSync(path, JSON.stringify(config));
    const check = await runTeamCli(['admin', 'check', '--config', path], { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY, PUNCHCARD_OIDC_SECRET: idp.clientSecret });
    expect(check.code).not.toBe(0);
    expect(`${check.stdout}${check.stderr}`).toContain("an https:// address, such as https://graph.microsoft.us/v1.0: a person's calendar crosses the network");
  });
});

describe('an outside check of the calendar readers, against hostile and failing APIs', () => {
  const TOKEN = 'outside-check-access-token-0123456789';
  const PRIVATE_TITLE = 'Interview with a competitor';
  const MONDAY = Date.parse('2026-11-23T00:00:00Z');
  const FRIDAY = Date.parse('2026-11-28T00:00:00Z');
  let certificates: ReturnType<typeof trustedCertificates>;
  let graph: FakeGraphCalendar;
  let elsewhere: FakeGraphCalendar;
  let google: FakeGoogleCalendar;
  const readings: CompanyCalendarReading[] = [];

  beforeAll(async () => {
    certificates = trustedCertificates();
    graph = await startFakeGraphCalendar({ tls: certificates.tls });
    elsewhere = await startFakeGraphCalendar({ tls: certificates.tls });
    google = await startFakeGoogleCalendar({ tls: certificates.tls });
    for (const fake of [graph, elsewhere, google]) fake.acceptToken(TOKEN, 'the token');
  });
  afterAll(async () => {
    await graph?.close();
    await elsewhere?.close();
    await google?.close();
    certificates?.cleanUp();
    const everything = JSON.stringify(readings);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(PRIVATE_TITLE);
  });

  async function read(provider: 'microsoft' | 'google', options: Partial<CompanyCalendarReadOptions> = {}): Promise<CompanyCalendarReading> {
    const reading = await readCompanyCalendar({
      provider,
      apiUrl: provider === 'microsoft' ? graph.apiUrl : google.apiUrl,
      from: MONDAY,
      to: FRIDAY,
      accessToken: tokenSource(TOKEN).source,
      accountPage: ACCOUNT_PAGE,
      ...options,
    });
    readings.push(reading);
    return reading;
  }
  const graphPath = /^\/v1\.0\/me\/calendarview$/i;
  const graphLink = (origin: string, query: Record<string, string>) => {
    const link = new URL(`${origin}/v1.0/me/calendarview`);
    for (const [name, value] of Object.entries(query)) link.searchParams.set(name, value);
    return link.href;
  };
  const asked = {
    startDateTime: new Date(MONDAY).toISOString(),
    endDateTime: new Date(FRIDAY).toISOString(),
    $select: GRAPH_SELECT.join(','),
  };

  it('follows no Graph next link to another origin, over http, or round in a loop, and sends the token nowhere else', async () => {
    graph.requests.length = 0;
    const origin = new URL(graph.apiUrl).origin;
    for (const link of [
      graphLink(new URL(elsewhere.apiUrl).origin, { ...asked, $skip: 'a' }),
      graphLink(origin.replace('https:', 'http:'), { ...asked, $skip: 'a' }),
    ]) {
      graph.failures.add({ path: graphPath }, { status: 200, body: { value: [], '@odata.nextLink': link } });
      const reading = await read('microsoft');
      expect(reading).toMatchObject({ failure: { code: 'unexpected_link' }, dropGrant: false, items: [] });
      expect(reading.skipped[0]?.problem).toContain('outside its own API');
    }
    expect(elsewhere.requests).toHaveLength(0);
    expect(graph.requests).toHaveLength(2);

    const loop = graphLink(origin, { ...asked, $skip: 'same' });
    graph.failures.add({ path: graphPath }, { status: 200, body: { value: [], '@odata.nextLink': loop }, times: 2 });
    const looped = await read('microsoft');
    expect(looped).toMatchObject({ failure: { code: 'paging_loop' }, dropGrant: false, items: [] });
    expect(looped.requests).toBe(2);
  });

  it('follows no Graph next link that widens the read: more days than asked, or an $expand of attachments', async () => {
    graph.requests.length = 0;
    const origin = new URL(graph.apiUrl).origin;
    // A $skip the fake takes, so a link followed would be answered and show in its log.
    const skip = Buffer.from(JSON.stringify({ offset: 0, empties: 1 })).toString('base64url');
    const wider = graphLink(origin, { ...asked, startDateTime: '2020-01-01T00:00:00Z', endDateTime: '2030-01-01T00:00:00Z', $skip: skip });
    const expanded = graphLink(origin, { ...asked, $expand: 'attachments', $skip: skip });
    for (const link of [wider, expanded]) {
      graph.failures.add({ path: graphPath }, { status: 200, body: { value: [], '@odata.nextLink': link } });
      const reading = await read('microsoft');
      expect(reading, link).toMatchObject({ failure: { code: 'unexpected_link' }, items: [] });
    }
    // Only the two first pages were asked for: the request log shows no wider read.
    expect(graph.requests).toHaveLength(2);
    for (const request of graph.requests) {
      expect(Date.parse(new URLSearchParams(request.query).get('startDateTime') ?? '')).toBe(MONDAY);
      expect(request.query).not.toMatch(/expand/i);
    }
  });

  it('ends a Google reading whose page token comes round again, in a sentence', async () => {
    google.requests.length = 0;
    google.failures.add({ path: /\/events$/ }, { status: 200, body: { items: [], nextPageToken: 'again' }, times: 2 });
    const looped = await read('google');
    expect(looped).toMatchObject({ failure: { code: 'paging_loop' }, dropGrant: false, items: [] });
    expect(looped.skipped[0]?.problem).toMatch(/^Your Google calendar was not read to its end/);
    expect(google.requests).toHaveLength(2);
  });

  it('reads at most 31 days of a year asked for, and says so in a sentence', async () => {
    graph.requests.length = 0;
    const reading = await read('microsoft', { to: MONDAY + 365 * 86_400_000 });
    expect(reading.failure).toBeUndefined();
    expect(graph.requests).toHaveLength(1);
    const query = new URLSearchParams(graph.requests[0]?.query);
    expect(Date.parse(query.get('endDateTime') ?? '') - Date.parse(query.get('startDateTime') ?? '')).toBeLessThanOrEqual(31 * 86_400_000);
    expect(reading.skipped.map((skip) => skip.problem)).toEqual([
      'Your Microsoft 365 calendar is read for 31 days at most in one call: it was read up to 2026-12-24 (UTC); ask for the days after in another call.',
    ]);
  });

  it('answers a private event as "Private appointment" only, on Graph and Google', async () => {
    graph.events = [
      {
        iCalUId: 'private-graph',
        subject: PRIVATE_TITLE,
        start: '2026-11-24T09:00:00Z',
        end: '2026-11-24T10:00:00Z',
        sensitivity: 'private',
        response: 'accepted',
        showAs: 'busy',
      },
    ];
    google.events = [
      {
        iCalUID: 'private-google',
        summary: PRIVATE_TITLE,
        start: '2026-11-24T11:00:00Z',
        end: '2026-11-24T12:00:00Z',
        visibility: 'private',
        selfResponse: 'accepted',
      },
    ];
    for (const provider of ['microsoft', 'google'] as const) {
      const reading = await read(provider);
      expect(reading.items, provider).toHaveLength(1);
      expect(JSON.stringify(reading), provider).toContain('Private appointment');
      expect(JSON.stringify(reading), provider).not.toContain(PRIVATE_TITLE);
    }
    graph.events = [];
    google.events = [];
  });

  it('says each failure in a sentence (429, 5xx, 401) and drops a grant only where it no longer works', async () => {
    graph.failures.add({ path: graphPath }, { status: 429, body: GRAPH_THROTTLED, headers: { 'Retry-After': '30' } });
    const throttled = await read('microsoft');
    expect(throttled).toMatchObject({ failure: { code: 'throttled' }, dropGrant: false });
    expect(throttled.skipped[0]?.problem).toMatch(/slow down \(429\); try again in/);

    graph.failures.add({ path: graphPath }, { status: 502, raw: '<html>Bad gateway</html>' });
    const broken = await read('microsoft');
    expect(broken).toMatchObject({ failure: { code: 'provider_error', status: 502 }, dropGrant: false });
    expect(broken.skipped[0]?.problem).toMatch(/^Your Microsoft 365 calendar was not read/);

    // A 401 to the token, and to the renewed one: the grant no longer works.
    graph.failures.add(
      { path: graphPath },
      { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired.' } }, times: 2 },
    );
    const unauthorised = await read('microsoft');
    expect(unauthorised).toMatchObject({ failure: { code: 'unauthorised' }, dropGrant: true });
    expect(unauthorised.skipped[0]?.problem).toContain(ACCOUNT_PAGE);

    google.failures.add(
      { path: /\/events$/ },
      { status: 503, body: { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } } },
    );
    const unavailable = await read('google');
    expect(unavailable).toMatchObject({ failure: { code: 'provider_error', status: 503 }, dropGrant: false });
    for (const reading of [throttled, broken, unauthorised, unavailable]) expect(reading.skipped[0]?.problem).toMatch(/^[A-Z].*\.$/);
  });
});
