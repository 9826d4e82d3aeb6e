// One organisation credential on Kimai, through the BUILT team server, the OpenID provider stand-in and the fake
// Kimai that acts for others (issue 66): a person is whoever the company's provider vouches for, matched once by
// their verified e-mail to exactly one enabled Kimai user and pinned to its id; no match, a disabled user, an
// unverified e-mail, a domain not allowed, an address that is not plain ASCII and a Kimai user pinned to another
// sign-in are refused on a page in words with nothing created, and counted by reason without names. A pin holds
// through a change of e-mail at the provider and in Kimai (where a colleague may claim the person's old address),
// `admin people` shows it and `admin people unlink` undoes it. Every call acts for the pinned user alone through the
// organisation's key, its audit record marked so; a person without a pin is refused in words; the key is in no
// answer, log line, store file, people folder, audit spool or admin output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf, type ToolResult } from '../../support/engine.ts';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import { connectAs, developmentSignIn, freePort, SignInBrowser, TEST_SERVER_KEY, type TeamServerHandle } from '../../support/team-server.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { companyCallback, expectNowhereOnDisk, organisationServer, refusals, storedCounts, storedPins, wordsOf } from './organisation-support.ts';

const [ADA, TOM, ROOT] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser];
const MIA: FakeUser = { id: 4, username: 'mia', alias: 'Mia', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-mia-0123456789' };
const DAN: FakeUser = { id: 5, username: 'dan', alias: 'Dan', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-dan-0123456789', enabled: false };
const KIM: FakeUser = { id: 6, username: 'kim', alias: 'Kim', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-kim-0123456789' };
/** The organisation's key: the super administrator's token. */
const KEY = ROOT.token;

const ACCOUNTS = [
  { id: 'ada', name: 'Ada L.', email: 'ada@example.com', emailVerified: true },
  // Another subject with Ada's address (a second account at the provider, or one reissued): never takes over her pin.
  { id: 'ada-again', name: 'Ada Again', email: 'ADA@example.com', emailVerified: true },
  { id: 'tom', name: 'Tom L.', email: 'tom@example.com', emailVerified: true },
  { id: 'dan', name: 'Dan D.', email: 'dan@example.com', emailVerified: true },
  { id: 'nobody', name: 'No Body', email: 'nobody@example.com', emailVerified: true },
  { id: 'eve', name: 'Eve U.', email: 'eve@example.com', emailVerified: false },
  { id: 'zoe', name: 'Zoe O.', email: 'zoe@other.example', emailVerified: true },
  // Kim's address with U+212A KELVIN SIGN for its K, which Unicode lower-cases to Kim's "k": not plain
  // ASCII, refused before any match.
  { id: 'kelvin', name: 'Kelvin Sign', email: '\u212Aim@example.com', emailVerified: true },
];

describe('one organisation credential on Kimai (built server)', () => {
  let fake: FakeKimai;
  let idp: IdentityProvider;
  let server: TeamServerHandle;
  let metricsUrl: string;
  /** Every answer a client got, for the key to be looked for in. */
  const answers: string[] = [];
  const kept = (result: ToolResult) => (answers.push(JSON.stringify(result)), result);

  beforeAll(async () => {
    fake = await startFakeKimai({ users: [...DEFAULT_USERS, MIA, DAN, KIM] });
    seedCatalog(fake);
    const port = await freePort();
    idp = await startIdentityProvider({ accounts: ACCOUNTS, redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`] });
    ({ server, metricsUrl } = await organisationServer(idp, port, { type: 'kimai', url: fake.url }, KEY, { built: true, development: true }));
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.close();
    await fake?.close();
  });

  const identityOf = (account: string) => `oidc:${idp.issuer}:${account}`;
  const pinOf = (account: string) => storedPins(server).find((person) => person.identity === identityOf(account))?.pin ?? null;
  const admin = (...args: string[]) =>
    runTeamCli(['admin', ...args, '--config', server.configPath], { HOME: server.dataDir, PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });

  it('asks nobody for a tracker credential: the sign-in page has no field for one, and the tracker form is not served', async () => {
    const browser = new SignInBrowser(server.origin);
    const page = await browser.open('/account');
    expect(page.html).toContain('/company"');
    expect(page.html).not.toContain('type="password"');
    // The tracker form posted as a browser would, with the page's own form token: refused, nothing stored.
    const forged = { ...page, html: page.html.replace(/action="([^"]*)\/company"/, 'action="$1/tracker"') };
    const tracker = await browser.submit(forged, '/tracker', { secret: ADA.token });
    expect(tracker.status).toBe(404);
    expect(wordsOf(tracker)).toContain('This server does not take tracker credentials.');
    expect(storedCounts(server).people).toBe(0);
  });

  it('pins Ada to her Kimai user at her first sign-in, and acts for her alone through the key, each write audited as made through it', async () => {
    expect(server.stderr()).toContain('The organisation account acts for people: root <root@example.com> (#3).');
    const before = fake.requests.length;
    const ada = await connectAs(server, { era: 'modern', signIn: companySignIn(idp, 'ada') });
    try {
      expect(pinOf('ada')).toMatch(/^kimai http:\/\/127\.0\.0\.1:\d+ #1$/);
      expect(textOf(kept(await ada.call('whoami')))).toContain('Ada Lovelace');
      const logged = kept(await ada.call('log_time', { date: 'yesterday', duration: '1h', project: 'Website', activity: 'Design', description: 'Review' }));
      expect(logged.isError, textOf(logged)).toBeFalsy();
      kept(await ada.call('list_time_entries', { from: 'yesterday', to: 'today' }));
    } finally {
      await ada.close();
    }
    expect(fake.state.timesheets.map((sheet) => sheet.userId)).toEqual([ADA.id]);
    const sent = fake.requests.slice(before);
    // Every request went with the organisation's key, none with Ada's own token (the server never had it).
    expect(sent.every((request) => request.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    // Every request about timesheets names Ada; the caller-bound endpoints are never used.
    const timesheets = sent.filter((request) => request.path.startsWith('/api/timesheets'));
    expect(timesheets.length).toBeGreaterThan(0);
    for (const request of timesheets) {
      expect(request.path).not.toMatch(/\/(active|recent|restart)$/);
      if (request.method === 'GET' && request.path === '/api/timesheets') expect(new URLSearchParams(request.query).get('user')).toBe(String(ADA.id));
      if (request.method === 'POST') expect(JSON.parse(request.body)).toMatchObject({ user: ADA.id });
    }
    const audit = await runTeamCli(['audit', '--config', server.configPath], { HOME: server.dataDir, PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });
    const records = audit.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { tool: string; person: string; via?: string });
    expect(records.find((record) => record.tool === 'log_time')).toMatchObject({ person: 'Ada L. <ada@example.com>', via: 'organisation' });
    expect(audit.stdout).not.toContain(KEY);
  });

  /** The tools of every write the audit log holds now, in order. */
  async function auditedTools(): Promise<string[]> {
    const audit = await runTeamCli(['audit', '--config', server.configPath], { HOME: server.dataDir, PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });
    return audit.stdout
      .trim()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => (JSON.parse(line) as { tool: string }).tool);
  }

  it("offers Ada, a plain user under the administrator's key, no administration, team or leave tool, and refuses each by name, sending nothing", async () => {
    const administration = ['correct_time_entries', 'list_invoices', 'manage_people', 'manage_rates', 'manage_tags', 'manage_teams', 'update_catalog_item'];
    const withheld = [...administration, 'create_catalog_item', 'team_report', 'project_status', 'request_leave', 'list_pending_leave', 'submit_timesheet'];
    const ada = await connectAs(server, { era: 'modern', signIn: companySignIn(idp, 'ada') });
    try {
      const listed = (await ada.client.listTools()).tools.map((tool) => tool.name);
      expect(listed).toContain('log_time');
      expect(listed.filter((name) => withheld.includes(name))).toEqual([]);
      const before = fake.requests.length;
      for (const name of administration) {
        // A tool not offered, called by name all the same, says why: the organisation account does not offer it, and where she can.
        const said = await ada.call(name, { action: 'list' }).then(
          (result) => (result.isError ? textOf(kept(result)) : `answered: ${textOf(kept(result))}`),
          (error: Error) => error.message,
        );
        expect(said).toBe(
          `This server acts for you through your company's Kimai account, and through it ${name} is not yours: Kimai may not have it, your own role there may not reach it (a team's tools are for those who lead people in Kimai), or it cannot be narrowed to you alone. Where Kimai gives it to you, use its own pages, signed in as yourself. Nothing was sent.`,
        );
      }
      // Nothing reached Kimai at all: each was refused before the call began, so no write is in the audit log either.
      expect(fake.requests.slice(before)).toEqual([]);
      // A write she may make is recorded after them, so the log is read once her calls were kept.
      const loggedBefore = (await auditedTools()).filter((tool) => tool === 'log_time').length;
      const logged = kept(
        await ada.call('log_time', { date: 'yesterday', duration: '15m', project: 'Website', activity: 'Design', description: 'Withheld check' }),
      );
      expect(logged.isError, textOf(logged)).toBeFalsy();
      const tools = await auditedTools();
      expect(tools.filter((tool) => tool === 'log_time').length).toBe(loggedBefore + 1);
      expect(tools.filter((tool) => administration.includes(tool))).toEqual([]);
    } finally {
      await ada.close();
    }
  });

  it.each([
    ['nobody', 'no_match', 'No Kimai account has the address nobody@example.com, so this server cannot tell which account is yours.'],
    ['dan', 'deactivated', 'Your Kimai account (#5) is deactivated, so this server does not act for it. Ask your administrator. Nothing was saved.'],
    ['eve', 'unverified', 'Your company account has no verified e-mail address, and Punchcard needs one to know who you are.'],
    ['zoe', 'domain', 'Accounts of other.example may not sign in to this Punchcard server.'],
    ['ada-again', 'taken', 'The Kimai account with the address ada@example.com is already linked to another sign-in, so it was not linked to yours.'],
    ['kelvin', 'non_ascii', "Your company account's address \u212Aim@example.com has a character that is not plain ASCII (U+212A)."],
  ])('refuses %s (%s) on a page in words, creates nothing and counts the reason', async (account, reason, words) => {
    const counted = await refusals(metricsUrl, reason);
    const stored = storedCounts(server);
    const { browser, page } = await companyCallback(server, idp, account);
    expect(page.status).toBe(403);
    expect(wordsOf(page)).toContain(words);
    expect(storedCounts(server)).toEqual(stored);
    expect(storedPins(server).map((person) => person.identity)).not.toContain(identityOf(account));
    // Not signed in: the account page asks again.
    expect(wordsOf(await browser.open('/account'))).toContain('Sign in with your company account');
    expect(await refusals(metricsUrl, reason)).toBe(counted + 1);
    // No names or addresses in the metrics.
    expect(await (await fetch(metricsUrl)).text()).not.toMatch(/example\.com|other\.example/);
  });

  it("keeps Ada's pin through a new e-mail at the provider and in Kimai, though a colleague claims her old address", async () => {
    const pin = pinOf('ada');
    // Ada gives her Kimai account another address, and Mia claims Ada's old one (Kimai lets anyone edit their own).
    for (const [who, email] of [
      [ADA, 'ada.lovelace@example.com'],
      [MIA, 'ada@example.com'],
    ] as const) {
      const changed = await fetch(`${fake.url}/api/users/${who.id}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${who.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      expect(changed.status).toBe(200);
    }
    // The provider still vouches for ada@example.com, which now names Mia in Kimai: Ada stays Ada.
    const ada = await connectAs(server, { era: 'legacy', signIn: companySignIn(idp, 'ada') });
    try {
      expect(pinOf('ada')).toBe(pin);
      const clockedIn = kept(await ada.call('clock_in', { project: 'Website', activity: 'Design' }));
      expect(clockedIn.isError, textOf(clockedIn)).toBeFalsy();
      expect(fake.state.timesheets.filter((sheet) => sheet.end === null).map((sheet) => sheet.userId)).toEqual([ADA.id]);
      kept(await ada.call('clock_out'));
    } finally {
      await ada.close();
    }
    // Her address at the provider changes to one no Kimai user has: still Ada, her record's e-mail the new one.
    (idp.accounts.get('ada') as { email: string }).email = 'a.lovelace@example.com';
    const again = await connectAs(server, { era: 'modern', signIn: companySignIn(idp, 'ada') });
    try {
      expect(pinOf('ada')).toBe(pin);
      expect(storedPins(server).find((person) => person.identity === identityOf('ada'))?.email).toBe('a.lovelace@example.com');
      expect(textOf(kept(await again.call('whoami')))).toContain('Ada Lovelace');
    } finally {
      await again.close();
    }
    expect(fake.state.timesheets.every((sheet) => sheet.userId === ADA.id)).toBe(true);
  });

  it('shows the pin in admin people, and admin people unlink undoes it: the next sign-in matches afresh', async () => {
    const adaId = storedPins(server).find((person) => person.identity === identityOf('ada'))?.id as string;
    const listed = await admin('people');
    expect(listed.code, listed.stderr).toBe(0);
    expect(
      listed.stdout
        .split('\n')
        .find((line) => line.startsWith(adaId))
        ?.split('\t')[4],
    ).toBe('#1');
    const unlinked = await admin('people', 'unlink', adaId);
    expect(unlinked.code, unlinked.stderr).toBe(0);
    expect(pinOf('ada')).toBeNull();
    // Matched afresh by the address the provider vouches for now, which is her Kimai account's again.
    (idp.accounts.get('ada') as { email: string }).email = 'ada.lovelace@example.com';
    const ada = await connectAs(server, { era: 'modern', signIn: companySignIn(idp, 'ada') });
    try {
      expect(pinOf('ada')).toMatch(/ #1$/);
      expect(textOf(kept(await ada.call('whoami')))).toContain('Ada Lovelace');
    } finally {
      await ada.close();
    }
    for (const output of [listed, unlinked]) expect(`${output.stdout}${output.stderr}`).not.toContain(KEY);
  });

  it('refuses a person without a pin in words (signed in another way, or before the server acted for people), sending nothing', async () => {
    const before = fake.requests.length;
    const unpinned = await connectAs(server, { era: 'modern', signIn: developmentSignIn('Tom Tester') });
    const words =
      "This server acts for you through your company's Kimai account, and you are not linked to a Kimai user yet. Connect your client again to sign in.";
    try {
      // whoami says why; no tool about time is offered, and one called by name is refused with the same reason.
      expect(textOf(kept(await unpinned.call('whoami')))).toContain(words);
      expect((await unpinned.client.listTools()).tools.map((tool) => tool.name)).toEqual(['whoami']);
      const refused = await unpinned.call('list_time_entries', { from: 'today', to: 'today' });
      expect(refused.isError).toBe(true);
      expect(textOf(kept(refused))).toBe(words);
    } finally {
      await unpinned.close();
    }
    expect(fake.requests.slice(before)).toEqual([]);
    expect(TOM.id).toBe(2);
  });

  it('refuses a pinned person whose Kimai user was disabled since, at their next sign-in, in words', async () => {
    const user = fake.state.users.find((candidate) => candidate.id === ADA.id) as FakeUser;
    user.enabled = false;
    try {
      const counted = await refusals(metricsUrl, 'deactivated');
      const { page } = await companyCallback(server, idp, 'ada');
      expect(page.status).toBe(403);
      expect(wordsOf(page)).toContain('Your Kimai account (#1) is deactivated, so this server does not act for it.');
      expect(await refusals(metricsUrl, 'deactivated')).toBe(counted + 1);
      // The pin stays: an administrator who enables the account again needs to do nothing else.
      expect(pinOf('ada')).toMatch(/ #1$/);
    } finally {
      user.enabled = true;
    }
  });

  it("holds the organisation's key in no answer, log line, store file, people folder or audit spool", () => {
    expect(answers.length).toBeGreaterThan(4);
    for (const answer of answers) expect(answer).not.toContain(KEY);
    expect(server.stderr()).not.toContain(KEY);
    expectNowhereOnDisk(server, KEY);
  });
});
