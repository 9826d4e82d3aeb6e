// suggest_entries on the team server, drafting from the person's company calendar (team-server/team/
// company-calendar-evidence.ts, docs/team-server/company-calendar.md), through the built server: the
// OpenID provider stand-in grants the calendar scope with refresh tokens (test/support/identity-provider.ts),
// and the fakes of Graph's calendarView and Google's events.list accept the tokens it issued. A person
// connects on the account page, calls suggest_entries over MCP with the SDK's client, gets drafts by the
// desktop's rules (a private event only as "Private appointment"), books one with book_suggested_entries,
// and every failure is a sentence in the answer's skipped part. The fakes' logs show only the allowed reads.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCertificates } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { type FakeGraphCalendar, type FakeGraphEvent, GRAPH_THROTTLED, startFakeGraphCalendar } from '../../support/fake-graph-calendar.ts';
import { type FakeGoogleCalendar, startFakeGoogleCalendar } from '../../support/fake-google-calendar.ts';
import { atIdentityProvider, companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import type { ToolResult } from '../../support/engine.ts';
import {
  type ConnectedClient,
  connectAs,
  freePort,
  removeTeamServerData,
  SignInBrowser,
  signInToAccount,
  startTeamServer,
  type TeamServerHandle,
} from '../../support/team-server.ts';
import { expectNowhereOnDisk } from '../organisation/organisation-support.ts';

const ACCOUNTS = [
  { id: 'ada', name: 'Ada Lovelace', email: 'ada@acme.example', emailVerified: true },
  { id: 'bob', name: 'Bob Builder', email: 'bob@acme.example', emailVerified: true },
];
const PRIVATE_SUBJECT = 'Appointment at the fertility clinic';
const DAY_MS = 86_400_000;
/** A weekday three days ago, in UTC (the server's zone here): past, so its drafts are drafted whatever today is. */
const DAY = new Date(Date.now() - 3 * DAY_MS).toISOString().slice(0, 10);
const at = (time: string) => `${DAY}T${time}:00Z`;

interface Draft {
  id: string;
  start: string;
  end: string;
  project: { name: string } | null;
  evidence: { source: string; text: string }[];
}
interface Suggested {
  drafts: Draft[];
  booked: { id: number; start: string; end: string | null }[];
  skipped: { source: string; problem: string }[];
}

function textOf(result: ToolResult): string {
  return result.content.map((part) => part.text ?? '').join('\n');
}

function suggested(result: ToolResult): Suggested {
  expect(result.isError, textOf(result)).toBeFalsy();
  return result.structuredContent as unknown as Suggested;
}

interface Setup {
  idp: IdentityProvider;
  server: TeamServerHandle;
  folder: string;
  /** Every answer a client was given, to look for tokens and the private title in. */
  answers: ToolResult[];
}

/** The stand-in and a calendar fake on certificates of the test's own, both trusted by the built server. */
async function calendarServer(kind: 'microsoft' | 'google', apiUrl: (tls: { key: string; cert: string }) => Promise<string>): Promise<Setup> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const idp = await startIdentityProvider({
    accounts: ACCOUNTS,
    redirectUris: [`${origin}/sign-in/callback`, `${origin}/account/calendar/callback`],
    calendar: kind,
  });
  const folder = mkdtempSync(join(tmpdir(), 'punchcard-calendar-suggest-'));
  const certificates = makeTestCertificates(folder);
  const api = await apiUrl({ key: certificates.key, cert: certificates.cert });
  // NODE_EXTRA_CA_CERTS names one file: the provider's authority and the calendar's, together.
  const authorities = join(folder, 'authorities.pem');
  writeFileSync(authorities, `${readFileSync(idp.caFile as string, 'utf8')}\n${readFileSync(certificates.caFile, 'utf8')}`);
  const server = await startTeamServer({
    built: true,
    port,
    store: 'sqlite',
    signIn: { oidc: { issuer: idp.issuer, client_id: idp.clientId, client_secret_env: 'PUNCHCARD_OIDC_SECRET' } },
    settings: { timezone: 'UTC' },
    config: { evidence: { company_calendar: { provider: kind, api_url: api } } },
    limits: { failed_sign_ins_per_address: 100 },
    env: { PUNCHCARD_OIDC_SECRET: idp.clientSecret, NODE_EXTRA_CA_CERTS: authorities },
  });
  return { idp, server, folder, answers: [] };
}

async function tearDown(setup: Setup | undefined): Promise<void> {
  await setup?.server.stop();
  if (setup) removeTeamServerData(setup.server);
  await setup?.idp.close();
  if (setup) rmSync(setup.folder, { recursive: true, force: true });
}

/** The person signed in on the account page, and their AI client connected over MCP in the same browser. */
async function person(
  setup: Setup,
  account: string,
): Promise<{ browser: SignInBrowser; client: ConnectedClient; call: (name: string, args: Record<string, unknown>) => Promise<ToolResult> }> {
  const browser = new SignInBrowser(setup.server.origin);
  await signInToAccount(browser, companySignIn(setup.idp, account));
  const client = await connectAs(setup.server, { browser, signIn: companySignIn(setup.idp, account) });
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await client.call(name, args);
    setup.answers.push(result);
    return result;
  };
  return { browser, client, call };
}

async function connectCalendar(setup: Setup, browser: SignInBrowser, account: string): Promise<void> {
  const confirm = await browser.open('/account/calendar/connect');
  const atProvider = await browser.submit(confirm, '/account/calendar/connect');
  const back = await atIdentityProvider(browser, atProvider, setup.idp.issuer, account, 'allow');
  expect(back.html).toMatch(/calendar is connected/);
}

function storedGrant(setup: Setup, account: string): string | null {
  const db = new DatabaseSync(join(setup.server.dataDir, 'server.db'), { readOnly: true });
  try {
    const row = db.prepare('SELECT calendar_grant AS grant FROM people WHERE identity = ?').get(`oidc:${setup.idp.issuer}:${account}`) as {
      grant: string | null;
    };
    return row.grant;
  } finally {
    db.close();
  }
}

/** No token the provider issued in any answer, the server's log or any file of its data folder; no private title in any answer. */
function expectNoSecretsAnywhere(setup: Setup): void {
  const secrets = setup.idp.issuedSecrets();
  expect(secrets.length).toBeGreaterThan(3);
  const answers = JSON.stringify(setup.answers);
  for (const secret of secrets) {
    expect(answers).not.toContain(secret);
    expect(setup.server.stderr()).not.toContain(secret);
    expectNowhereOnDisk(setup.server, secret);
  }
  expect(answers).not.toContain(PRIVATE_SUBJECT);
  expect(setup.server.stderr()).not.toContain(PRIVATE_SUBJECT);
}

const GRAPH_EVENTS: FakeGraphEvent[] = [
  {
    iCalUId: 'planning',
    subject: 'Sprint planning WEB-12',
    start: at('09:00'),
    end: at('10:00'),
    response: 'accepted',
    body: 'Dial-in: secret bridge',
    attendees: ['bob@acme.example'],
    location: 'Room 4',
    joinUrl: 'https://teams.example/meet/1',
  },
  { iCalUId: 'clinic', subject: PRIVATE_SUBJECT, start: at('11:00'), end: at('12:00'), sensitivity: 'private' },
  { iCalUId: 'lunch', subject: 'Lunch', start: at('12:00'), end: at('13:00'), showAs: 'free' },
  { iCalUId: 'cancelled', subject: 'Cancelled sync', start: at('13:00'), end: at('13:30'), isCancelled: true },
  {
    iCalUId: 'offsite',
    subject: 'Company offsite',
    start: `${DAY}T00:00:00Z`,
    end: new Date(Date.parse(`${DAY}T00:00:00Z`) + DAY_MS).toISOString(),
    isAllDay: true,
  },
  { iCalUId: 'declined', subject: 'Declined review', start: at('15:00'), end: at('16:00'), response: 'declined' },
];

describe('suggest_entries from a Microsoft 365 calendar on the team server', () => {
  let setup: Setup;
  let graph: FakeGraphCalendar;
  beforeAll(async () => {
    setup = await calendarServer('microsoft', async (tls) => {
      graph = await startFakeGraphCalendar({ tls });
      return graph.apiUrl;
    });
    graph.trustIssuer((token) => setup.idp.accessTokenOf(token));
    graph.events = GRAPH_EVENTS;
  });
  afterAll(async () => {
    await tearDown(setup);
    await graph?.close();
  });

  it('offers suggest_entries and book_suggested_entries with nothing to configure, and a person not connected is told where to connect, in an ordinary answer', async () => {
    const bob = await person(setup, 'bob');
    const tools = (await bob.client.client.listTools()).tools.map((tool) => tool.name);
    expect(tools).toEqual(expect.arrayContaining(['suggest_entries', 'book_suggested_entries']));

    const answer = suggested(await bob.call('suggest_entries', { from: DAY }));
    expect(answer.drafts).toEqual([]);
    expect(answer.skipped).toEqual([
      {
        source: 'calendar',
        problem: `Your Microsoft 365 calendar is not connected, so these drafts do not use it; connect it on your account page, ${setup.server.origin}/account, to have your meetings drafted too.`,
      },
    ]);
    expect(graph.requests).toEqual([]);
    await bob.client.close();
  });

  it("drafts from the calendar by the desktop's rules, reading only /me/calendarView with its fields, and books only what is picked", async () => {
    const ada = await person(setup, 'ada');
    await connectCalendar(setup, ada.browser, 'ada');
    graph.emptyPagesBetween = 1;
    const answer = suggested(await ada.call('suggest_entries', { from: DAY }));
    graph.emptyPagesBetween = 0;
    expect(answer.skipped).toEqual([]);
    expect(answer.drafts.map((draft) => [draft.start, draft.end, draft.evidence.map((item) => `${item.source}: ${item.text}`)])).toEqual([
      [at('09:00').replace('Z', '+00:00'), at('10:00').replace('Z', '+00:00'), ['calendar: Sprint planning WEB-12']],
      [at('11:00').replace('Z', '+00:00'), at('12:00').replace('Z', '+00:00'), ['calendar: Private appointment']],
    ]);

    // Only the person's own calendarView, the day asked with explicit offsets, the fields evidence needs, UTC on every page.
    expect(graph.requests.length).toBeGreaterThan(1);
    for (const request of graph.requests) {
      expect(request.method).toBe('GET');
      // Graph writes its next links' path in lower case.
      expect(request.path.toLowerCase()).toBe('/v1.0/me/calendarview');
      expect(request.headers.prefer).toBe('outlook.timezone="UTC"');
      expect(request.token).toBe("ada's access token");
      expect(decodeURIComponent(request.query)).not.toMatch(/body|attendees|location|onlineMeeting|joinUrl|\$filter/i);
    }
    // The first page names the day asked, with explicit offsets, and the fields evidence needs; the next ones are Graph's own links.
    const first = new URLSearchParams(graph.requests[0]?.query);
    expect(first.get('startDateTime')).toBe(`${DAY}T00:00:00Z`);
    expect(first.get('endDateTime')).toBe(new Date(Date.parse(`${DAY}T00:00:00Z`) + DAY_MS).toISOString().replace('.000Z', 'Z'));
    expect(first.get('$select')?.split(',').sort()).toEqual(
      expect.arrayContaining(['end', 'iCalUId', 'isAllDay', 'isCancelled', 'responseStatus', 'sensitivity', 'showAs', 'start', 'subject']),
    );
    expect(JSON.stringify(answer)).not.toMatch(/Room 4|secret bridge|teams\.example|bob@acme/);

    // Nothing was booked by suggesting; the planning draft is booked when picked, with a project given.
    expect(answer.booked).toEqual([]);
    const planning = answer.drafts[0] as Draft;
    const project = await ada.call('create_catalog_item', { kind: 'project', name: 'Website' });
    expect(project.isError, textOf(project)).toBeFalsy();
    const booked = await ada.call('book_suggested_entries', { from: DAY, entries: [{ id: planning.id, project: 'Website', description: 'Sprint planning' }] });
    expect(booked.isError, textOf(booked)).toBeFalsy();
    const again = suggested(await ada.call('suggest_entries', { from: DAY }));
    expect(again.booked.map((entry) => entry.start)).toEqual([at('09:00').replace('Z', '+00:00')]);
    expect(again.drafts.map((draft) => draft.evidence[0]?.text)).toEqual(['Private appointment']);
    await ada.client.close();
  });

  it("drafts around the person's running timer, as around what is booked", async () => {
    const ada = await person(setup, 'ada');
    const started = await ada.call('clock_in', { project: 'Website', description: 'Checkout', start: `${DAY}T10:30` });
    expect(started.isError, textOf(started)).toBeFalsy();
    const answer = suggested(await ada.call('suggest_entries', { from: DAY }));
    // The timer runs from 10:30 until now: the private appointment at 11:00 is in it, so it is no draft.
    expect(answer.drafts).toEqual([]);
    expect(answer.booked.map((entry) => [entry.start, entry.end])).toEqual([
      [at('09:00').replace('Z', '+00:00'), at('10:00').replace('Z', '+00:00')],
      [at('10:30').replace('Z', '+00:00'), null],
    ]);
    const stopped = await ada.call('clock_out', {});
    expect(stopped.isError, textOf(stopped)).toBeFalsy();
    await ada.client.close();
  });

  it('refuses a calendarId, user or email in the input with nothing sent', async () => {
    const ada = await person(setup, 'ada');
    const before = graph.requests.length;
    for (const extra of [{ calendarId: 'boss@acme.example' }, { user: 'bob@acme.example' }, { email: 'bob@acme.example' }]) {
      const refused = await ada.call('suggest_entries', { from: DAY, ...extra });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toContain(Object.keys(extra)[0]);
    }
    expect(graph.requests.length).toBe(before);
    await ada.client.close();
  });

  it('says a 429, a 503 and a range too long in sentences, keeps the grant, and still answers', async () => {
    const ada = await person(setup, 'ada');
    const path = '/v1.0/me/calendarView';
    graph.failures.add({ path }, { status: 429, body: GRAPH_THROTTLED, headers: { 'Retry-After': '150' } });
    const throttled = suggested(await ada.call('suggest_entries', { from: DAY }));
    expect(throttled.drafts).toEqual([]);
    expect(throttled.booked).toHaveLength(2);
    expect(throttled.skipped).toEqual([
      { source: 'calendar', problem: 'Your Microsoft 365 calendar was not read: the calendar asked Punchcard to slow down (429); try again in 3 minutes.' },
    ]);

    graph.failures.add({ path }, { status: 503, body: { error: { code: 'ServiceNotAvailable', message: 'Service Unavailable' } } });
    const unavailable = suggested(await ada.call('suggest_entries', { from: DAY }));
    expect(unavailable.skipped).toHaveLength(1);
    expect(unavailable.skipped[0]?.problem).toMatch(/^Your Microsoft 365 calendar was not read: .*503/);
    expect(storedGrant(setup, 'ada')).not.toBeNull();

    // More than 31 days is refused before anything is read, in the same words as the reader's limit.
    const before = graph.requests.length;
    const long = await ada.call('suggest_entries', { from: '2026-01-01', to: '2026-03-01' });
    expect(long.isError).toBe(true);
    expect(textOf(long)).toContain('ask for at most 31 at a time');
    expect(graph.requests.length).toBe(before);
    await ada.client.close();
  });

  it('drops a grant Graph refuses for good though its refresh token still works (a continuous access evaluation challenge), and says to connect again', async () => {
    const bob = await person(setup, 'bob');
    await connectCalendar(setup, bob.browser, 'bob');
    const sealed = storedGrant(setup, 'bob') as string;
    expect(sealed).toMatch(/^v1\./);
    const before = setup.idp.grants.filter((grant) => grant.includes('invalid_grant')).length;
    graph.failures.add(
      { path: '/v1.0/me/calendarView' },
      {
        status: 401,
        body: { error: { code: 'InvalidAuthenticationToken', message: 'Continuous access evaluation resulted in challenge with result: InteractionRequired' } },
        headers: { 'WWW-Authenticate': 'Bearer realm="", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnt9fQ=="' },
      },
    );
    const answer = suggested(await bob.call('suggest_entries', { from: DAY }));
    expect(answer.skipped).toHaveLength(1);
    expect(answer.skipped[0]?.problem).toMatch(
      new RegExp(`^Your Microsoft 365 calendar was not read: .*Connect it again on your account page, ${setup.server.origin}/account\\.$`),
    );
    // The provider was not asked: the server itself dropped the grant the API refused.
    expect(setup.idp.grants.filter((grant) => grant.includes('invalid_grant')).length).toBe(before);
    expect(storedGrant(setup, 'bob')).toBeNull();
    // Gone from every byte of the store while the server runs, its write-ahead log included.
    expectNowhereOnDisk(setup.server, sealed);
    await bob.client.close();
  });

  it('drops a grant whose refresh the provider refuses, and leaves no byte of it in the store or its write-ahead log while the server runs', async () => {
    const bob = await person(setup, 'bob');
    await connectCalendar(setup, bob.browser, 'bob');
    const sealed = storedGrant(setup, 'bob') as string;
    expect(sealed).toMatch(/^v1\./);
    // Revoked before the server ever refreshed it: the first read refreshes, and the provider answers invalid_grant.
    setup.idp.revokeRefreshTokens('bob');
    const refusedBefore = setup.idp.grants.filter((grant) => grant.includes('invalid_grant')).length;
    const answer = suggested(await bob.call('suggest_entries', { from: DAY }));
    expect(answer.skipped[0]?.problem).toContain(`Connect it again on your account page, ${setup.server.origin}/account`);
    expect(setup.idp.grants.filter((grant) => grant.includes('invalid_grant')).length).toBe(refusedBefore + 1);
    expect(storedGrant(setup, 'bob')).toBeNull();
    // A sealed grant left in a free page or in the log would open again under the server key.
    expectNowhereOnDisk(setup.server, sealed);
    await bob.client.close();
  });

  it('drops a grant the provider revoked, says to connect again on the account page, and leaks no token anywhere', async () => {
    const ada = await person(setup, 'ada');
    const sealed = storedGrant(setup, 'ada') as string;
    expect(sealed).toMatch(/^v1\./);
    // Entra revoked the app's access: the token in the server's memory is refused, and so is its refresh token.
    setup.idp.revokeRefreshTokens('ada');
    graph.failures.add(
      { path: '/v1.0/me/calendarView' },
      {
        status: 401,
        body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.' } },
        headers: { 'WWW-Authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"' },
      },
    );
    const answer = suggested(await ada.call('suggest_entries', { from: DAY }));
    expect(answer.skipped).toHaveLength(1);
    expect(answer.skipped[0]?.problem).toContain(`Connect it again on your account page, ${setup.server.origin}/account`);
    expect(storedGrant(setup, 'ada')).toBeNull();
    expect(setup.server.stderr()).toMatch(/company calendar grant of person \S+ was dropped/);
    // The sealed grant is in no byte of the store while the server runs, its write-ahead log included:
    // it would open again under the server key.
    expectNowhereOnDisk(setup.server, sealed);

    const after = suggested(await ada.call('suggest_entries', { from: DAY }));
    expect(after.skipped[0]?.problem).toContain('is not connected');
    await ada.client.close();
    expectNoSecretsAnywhere(setup);
  });
});

describe('suggest_entries from a Google calendar on the team server', () => {
  let setup: Setup;
  let google: FakeGoogleCalendar;
  beforeAll(async () => {
    setup = await calendarServer('google', async (tls) => {
      google = await startFakeGoogleCalendar({ tls, owner: 'ada@acme.example' });
      return google.apiUrl;
    });
    google.trustIssuer((token) => setup.idp.accessTokenOf(token));
    google.calendarZone = 'UTC';
    google.events = [
      {
        iCalUID: 'standup',
        summary: 'Stand-up',
        start: at('09:00'),
        end: at('09:15'),
        selfResponse: 'accepted',
        others: ['bob@acme.example'],
        location: 'Room 4',
      },
      { iCalUID: 'doctor', summary: PRIVATE_SUBJECT, start: at('10:00'), end: at('11:00'), visibility: 'private' },
      { iCalUID: 'skipped', summary: 'Declined demo', start: at('14:00'), end: at('15:00'), selfResponse: 'declined' },
      { iCalUID: 'focus', summary: 'Busy-free', start: at('15:00'), end: at('16:00'), transparency: 'transparent' },
      { iCalUID: 'gone', summary: 'Cancelled', start: at('16:00'), end: at('17:00'), status: 'cancelled' },
      { iCalUID: 'holiday', summary: 'Holiday', start: { date: DAY }, end: { date: new Date(Date.parse(DAY) + DAY_MS).toISOString().slice(0, 10) } },
    ];
  });
  afterAll(async () => {
    await tearDown(setup);
    await google?.close();
  });

  it('drafts from the primary calendar alone, the private event as "Private appointment", and no token anywhere', async () => {
    const ada = await person(setup, 'ada');
    await connectCalendar(setup, ada.browser, 'ada');
    google.emptyPagesBetween = 1;
    const answer = suggested(await ada.call('suggest_entries', { from: DAY }));
    expect(answer.skipped).toEqual([]);
    expect(answer.drafts.map((draft) => draft.evidence.map((item) => item.text))).toEqual([['Stand-up'], ['Private appointment']]);
    expect(google.requests.length).toBeGreaterThan(1);
    for (const request of google.requests) {
      expect(request.method).toBe('GET');
      expect(request.path).toBe('/calendar/v3/calendars/primary/events');
      const query = new URLSearchParams(request.query);
      expect(query.get('singleEvents')).toBe('true');
      expect(query.get('orderBy')).toBe('startTime');
      expect(query.get('timeMin')).toBe(`${DAY}T00:00:00Z`);
      expect(query.get('fields')).not.toMatch(/description|location|hangoutLink|conferenceData/);
      expect(request.token).toBe("ada's access token");
    }
    expect(JSON.stringify(answer)).not.toMatch(/Room 4|bob@acme/);
    await ada.client.close();
    expectNoSecretsAnywhere(setup);
  });
});
