// Attacks that reach a remote back end through the engine (in the test's process; the built server
// where Node's heap flags or its stdout are tested, and the built command line's --test-connection),
// on Kimai, Clockodo, Calamari, Clockify, Toggl Track, Harvest and Tempo Timesheets (their loopback fakes;
// Tempo's two, Tempo's API and the Jira site, each with its own secret): a prompt-injected range meant to
// flood the service, a server whose
// paging never ends, a server that echoes the secret it was sent, a server that sends more than any
// page could hold, and names with terminal escapes. Each test is one attack; none may cost more than
// a call's budget of requests or answers, show a secret, or stop the server.
import { describe, expect, it } from 'vitest';
import { MAX_ANSWER_BYTES, MAX_ANSWER_BYTES_PER_CALL, MAX_REQUESTS_PER_CALL } from '../../../mcp-server/domain/call-limits.ts';
import { ENGINE_NODE_FLAGS } from '../../../mcp-server/engine-flags.ts';
import { withoutControls } from '../../../mcp-server/plain-text.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type AnyEngineHandle, makeUserDataDir, refusalOf, startEngine, startInProcessEngine, textOf } from '../../support/engine.ts';
import { runCli } from '../../support/run-cli.ts';
import { type RecordedRequest, untilQuiet } from '../../support/fake-server.ts';
import { type FakeCalamari, seedOrganisation, startFakeCalamari } from '../providers/calamari/fake-calamari.ts';
import { type FakeClockify, SEED as CLOCKIFY_SEED, seedWorkspace, startFakeClockify } from '../providers/clockify/fake-clockify.ts';
import { ACME as HARVEST_ACME, type FakeHarvest, startFakeHarvest } from '../providers/harvest/fake-harvest.ts';
import { seedAcme as seedHarvest } from '../providers/harvest/request-scenario.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, type FakeClockodo, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';
import { DEFAULT_USERS as KIMAI_USERS, type FakeKimai, rememberPlugin, seedCatalog, startFakeKimai } from '../providers/kimai/fake-kimai.ts';
import { ADA as TEMPO_ADA, type FakeTempo, startFakeTempo } from '../providers/tempo/fake-tempo.ts';
import {
  type FakeToggl,
  SEED as TOGGL_SEED,
  seedCatalog as seedTogglCatalog,
  seedWorld as seedTogglWorld,
  startFakeToggl,
} from '../providers/toggl/fake-toggl.ts';

const opened = closeAfterEach();

// Secrets with the characters that make their echoed forms differ: "/" (escaped "\/" in PHP's JSON),
// "+" and "=" (URL-encoded), and base64 of them all.
const KIMAI_TOKEN = 'kimai/tok+en=0123456789ab';
const CLOCKODO_KEY = 'clockodo/key+0123456789=';
const CALAMARI_KEY = 'calamari/key+0123456789=';
const CLOCKIFY_KEY = 'clockify/key+0123456789=';
const HARVEST_TOKEN = 'harvest/pat+0123456789=';
const TOGGL_TOKEN = 'toggl/token+0123456789=';
const TEMPO_TOKEN = 'tempo/token+0123456789=';
const JIRA_TOKEN = 'jira/ATATT+0123456789=';
const TEMPO_EMAIL = 'ada@example.com';

/**
 * Tempo's fake as the attacks script it: an answer scripted for both its services at once (Tempo's API and the Jira
 * site), whichever the call reaches first.
 */
interface TempoBoth {
  readonly fake: FakeTempo;
  readonly requests: FakeTempo['requests'];
  failNext(match: { method?: string; path: string | RegExp }, failure: Parameters<FakeTempo['failNext']>[2]): void;
}

function bothServices(fake: FakeTempo): TempoBoth {
  return {
    fake,
    requests: fake.requests,
    failNext(match, failure) {
      fake.failNext('tempo', match, failure);
      fake.failNext('jira', match, failure);
    },
  };
}

interface BackEnd {
  name: 'Kimai' | 'Clockodo' | 'Calamari' | 'Clockify' | 'Toggl Track' | 'Harvest' | 'Tempo Timesheets';
  /** The name its words give the service that answered, where that is not `name` (Tempo Timesheets' say Tempo or Jira). */
  says?: RegExp;
  secret: string;
  /** The secret as HTTP Basic pairs it, where it goes that way ("user:secret" or Toggl's "secret:api_token"). */
  basicPair?: string;
  /** A second secret and its own host (Tempo's: the Jira API token, sent as Basic with the e-mail to the Jira site alone). */
  second?: { secret: string; basicPair?: string };
  /** Whether its API has leave; without it, the leave tools are withheld and send nothing. */
  leave: boolean;
  /**
   * The engine in this process, or with `bundle` the built server's process, with Node's own flags
   * where given (as a registered entry runs it: engine-flags.ts).
   */
  start(bundle?: { nodeFlags: readonly string[] }): Promise<{
    engine: AnyEngineHandle;
    fake: FakeKimai | FakeClockodo | FakeCalamari | FakeClockify | FakeToggl | FakeHarvest | TempoBoth;
    dir: string;
    env: Record<string, string>;
  }>;
}

/**
 * The engine in this process, which is what most attacks are on (its limits, its words, what it
 * redacts); the built server's process where the process is the point: Node's heap flags against
 * answers of 120 MB, and what its stdout carries to the client.
 */
function engineFor(userDataDir: string, env: Record<string, string>, bundle?: { nodeFlags: readonly string[] }): Promise<AnyEngineHandle> {
  const options = { userDataDir, env, args: ['--all-tools'] };
  return bundle ? startEngine({ ...options, nodeFlags: bundle.nodeFlags }) : startInProcessEngine(options);
}

const [kimai, clockodo, calamari, clockify, harvest, toggl, tempo]: [BackEnd, BackEnd, BackEnd, BackEnd, BackEnd, BackEnd, BackEnd] = [
  {
    name: 'Kimai',
    leave: true,
    secret: KIMAI_TOKEN,
    async start(bundle) {
      const fake = opened(await startFakeKimai({ users: [{ ...(KIMAI_USERS[0] as (typeof KIMAI_USERS)[number]), token: KIMAI_TOKEN }] }));
      seedCatalog(fake);
      const dir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url } });
      rememberPlugin(dir, fake.url, true);
      const env = { PUNCHCARD_KIMAI_TOKEN: KIMAI_TOKEN };
      return { engine: opened(await engineFor(dir, env, bundle)), fake, dir, env };
    },
  },
  {
    name: 'Clockodo',
    leave: true,
    secret: CLOCKODO_KEY,
    async start(bundle) {
      const ada = { ...(CLOCKODO_USERS[0] as (typeof CLOCKODO_USERS)[number]), apiKey: CLOCKODO_KEY };
      const fake = opened(await startFakeClockodo({ users: [ada, ...CLOCKODO_USERS.slice(1)] }));
      seedCompany(fake);
      const dir = makeUserDataDir({ provider: { type: 'clockodo', email: ada.email, url: fake.url } });
      const env = { PUNCHCARD_CLOCKODO_TOKEN: CLOCKODO_KEY };
      return { engine: opened(await engineFor(dir, env, bundle)), fake, dir, env };
    },
  },
  {
    name: 'Calamari',
    leave: true,
    secret: CALAMARI_KEY,
    basicPair: `calamari:${CALAMARI_KEY}`,
    async start(bundle) {
      const fake = opened(await startFakeCalamari({ key: CALAMARI_KEY }));
      seedOrganisation(fake);
      const dir = makeUserDataDir({ provider: { type: 'calamari', url: fake.url, email: 'ada@acme.example' } });
      const env = { PUNCHCARD_CALAMARI_TOKEN: CALAMARI_KEY };
      return { engine: opened(await engineFor(dir, env, bundle)), fake, dir, env };
    },
  },
  {
    name: 'Clockify',
    leave: true,
    secret: CLOCKIFY_KEY,
    async start(bundle) {
      const fake = opened(await startFakeClockify());
      seedWorkspace(fake);
      for (const user of fake.state.users) if (user.id === CLOCKIFY_SEED.users.ada) user.key = CLOCKIFY_KEY;
      const dir = makeUserDataDir({ provider: { type: 'clockify', url: fake.url } });
      const env = { PUNCHCARD_CLOCKIFY_TOKEN: CLOCKIFY_KEY };
      return { engine: opened(await engineFor(dir, env, bundle)), fake, dir, env };
    },
  },
  {
    name: 'Harvest',
    leave: false,
    secret: HARVEST_TOKEN,
    async start(bundle) {
      const fake = opened(await startFakeHarvest());
      seedHarvest(fake, 'durations');
      for (const user of fake.state.users) if (user.id === 1_001) user.token = HARVEST_TOKEN;
      const dir = makeUserDataDir({ provider: { type: 'harvest', url: fake.url, account_id: String(HARVEST_ACME) } });
      const env = { PUNCHCARD_HARVEST_TOKEN: HARVEST_TOKEN };
      return { engine: opened(await engineFor(dir, env, bundle)), fake, dir, env };
    },
  },
  {
    name: 'Toggl Track',
    leave: false,
    secret: TOGGL_TOKEN,
    basicPair: `${TOGGL_TOKEN}:api_token`,
    async start(bundle) {
      // Quotas that do not end the attacks before they begin: what is tested here is each call's own budget.
      const fake = opened(await startFakeToggl({ quotas: { user: 10_000, organisation: 10_000 } }));
      seedTogglWorld(fake);
      seedTogglCatalog(fake, { customer: 'Acme Corp', projects: [{ name: 'Website' }], task: 'Development' });
      for (const user of fake.state.users) if (user.id === TOGGL_SEED.users.ada) user.token = TOGGL_TOKEN;
      const dir = makeUserDataDir({ provider: { type: 'toggl', url: fake.url } });
      const env = { PUNCHCARD_TOGGL_TOKEN: TOGGL_TOKEN };
      return { engine: opened(await engineFor(dir, env, bundle)), fake, dir, env };
    },
  },
  {
    name: 'Tempo Timesheets',
    says: /Tempo|Jira/,
    leave: false,
    secret: TEMPO_TOKEN,
    second: { secret: JIRA_TOKEN, basicPair: `${TEMPO_EMAIL}:${JIRA_TOKEN}` },
    async start(bundle) {
      // Tempo's pace (5 a second) lifted on both sides: what is tested here is each call's own budget.
      const fake = opened(await startFakeTempo({ perSecond: null }));
      for (const user of fake.state.users) {
        if (user.accountId !== TEMPO_ADA) continue;
        user.tempoToken = TEMPO_TOKEN;
        user.jiraToken = JIRA_TOKEN;
      }
      const dir = makeUserDataDir({ provider: { type: 'tempo', url: fake.siteUrl, email: TEMPO_EMAIL, tempoUrl: fake.tempoUrl } });
      const env = { PUNCHCARD_TEMPO_TOKEN: TEMPO_TOKEN, PUNCHCARD_JIRA_TOKEN: JIRA_TOKEN, PUNCHCARD_TEMPO_PER_SECOND: '1000' };
      return { engine: opened(await engineFor(dir, env, bundle)), fake: bothServices(fake), dir, env };
    },
  },
];
const everyBackEnd = [kimai, clockodo, calamari, clockify, toggl, harvest, tempo];

/** Requests the fake received while `work` ran. */
async function requestsDuring(fake: { requests: readonly RecordedRequest[] }, work: () => Promise<unknown>): Promise<RecordedRequest[]> {
  const before = fake.requests.length;
  await work();
  return fake.requests.slice(before);
}

/** Every form a server could echo the secret in. */
function secretForms(secret: string, basicPair?: string): string[] {
  const forms = [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url')];
  if (basicPair) forms.push(Buffer.from(basicPair).toString('base64'));
  return forms;
}

/** Every form of every secret of the back end's. */
function everySecretForm(backEnd: BackEnd): string[] {
  return [...secretForms(backEnd.secret, backEnd.basicPair), ...(backEnd.second ? secretForms(backEnd.second.secret, backEnd.second.basicPair) : [])];
}

/** The secret a request carried: the second where the back end has one and the request went to its host (HTTP Basic). */
function carried(backEnd: BackEnd, headers: Record<string, unknown>): { secret: string; basicPair?: string } {
  return backEnd.second && /^Basic /.test(String(headers.authorization ?? '')) ? backEnd.second : backEnd;
}

describe.each(everyBackEnd.map((backEnd) => [backEnd.name, backEnd] as const))('%s', (_name, backEnd) => {
  it('request_leave from 0001-01-01 to 9999-12-31 (the request flood: one per year) sends nothing for the range', async () => {
    const { engine, fake } = await backEnd.start();
    await engine.call('whoami');
    // What the engine learns in the background after start is not the call's: on a busy machine it
    // can still be asking when the call begins.
    await untilQuiet(fake.requests);
    let result: Awaited<ReturnType<AnyEngineHandle['call']>> | undefined;
    const sent = await requestsDuring(fake, async () => {
      result = await engine.call('request_leave', { type: 'vacation', first_day: '0001-01-01', last_day: '9999-12-31' });
    });
    if (!backEnd.leave) {
      // No leave in its API: withheld, whatever the range, and nothing sent.
      expect(refusalOf(result as NonNullable<typeof result>)).toMatchObject({ code: 'tool_withheld', facts: { tool: 'request_leave', why: 'back_end' } });
      expect(sent).toEqual([]);
      return;
    }
    expect(textOf(result as NonNullable<typeof result>)).toBe('first_day: 0001-01-01 is outside the years Punchcard works with (2000 to 2100).');
    // At most what the call's context costs (the person's zone), never anything about leave or holidays.
    expect(sent.length).toBeLessThanOrEqual(1);
    expect(sent.filter((request) => /absen|holiday|nonbusiness|leave/i.test(request.path))).toEqual([]);
    const long = await requestsDuring(fake, async () => {
      result = await engine.call('request_leave', { type: 'vacation', first_day: '2000-01-01', last_day: '2100-12-31' });
    });
    expect(textOf(result as NonNullable<typeof result>)).toMatch(/^That range covers 36890 calendar days; one request can cover at most 366\./);
    expect(long.length).toBeLessThanOrEqual(1);
    expect((await engine.call('timer_status')).isError).toBeFalsy();
  });
});

describe.each(everyBackEnd.map((backEnd) => [backEnd.name, backEnd] as const))('%s', (_name, backEnd) => {
  it('a 400 that echoes the request (headers, the secret in every form) reaches no result, log or --json line with the secret', async () => {
    const { engine, fake, dir, env } = await backEnd.start();
    const echo = (request: { headers: Record<string, unknown>; url: string }) => {
      // A server echoes the secret it was sent: Tempo's host the Tempo token, the Jira site the Jira one.
      const sent = carried(backEnd, request.headers);
      const said = `You sent ${JSON.stringify(request.headers)} to ${request.url}; key ${secretForms(sent.secret, sent.basicPair).join(' or ')}; decoded ${sent.basicPair ?? sent.secret}`;
      if (backEnd.name === 'Kimai') return { code: 400, message: 'Validation Failed', errors: { errors: [said] } };
      if (backEnd.name === 'Clockodo') return { error: { code: 400, message: said } };
      if (backEnd.name === 'Clockify' || backEnd.name === 'Harvest') return { message: said, code: 400 };
      // Toggl's errors are a sentence; as a JSON string, the form some clients meet.
      if (backEnd.name === 'Toggl Track') return said;
      // Tempo's 400 (its list of messages) and Jira's (errorMessages), whichever host answers.
      if (backEnd.name === 'Tempo Timesheets') return { errors: [{ message: said }], errorMessages: [said] };
      return { message: said, code: 'VALIDATION_ERROR' };
    };
    (fake as FakeKimai).failNext({ path: /./ }, { status: 400, reflect: echo, times: 1_000 });
    const result = await engine.call('timer_status');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('[redacted]');
    const cli = await runCli(['--test-connection', '--json', '--user-data', dir], env);
    expect(cli.stdout).toContain('[redacted]');
    for (const form of everySecretForm(backEnd)) {
      expect(JSON.stringify(result)).not.toContain(form);
      expect(engine.stderr()).not.toContain(form);
      expect(cli.stdout).not.toContain(form);
      expect(cli.stderr).not.toContain(form);
    }
  });
});

describe('a server whose paging never ends', () => {
  it(`Clockodo saying it has a million pages of entries: stopped before the first of them, at most ${MAX_REQUESTS_PER_CALL} requests, in words`, async () => {
    const { engine, fake } = await clockodo.start();
    await engine.call('whoami');
    const paging = { items_per_page: 1000, current_page: 1, count_pages: 1_000_000, count_items: 999_999_000 };
    (fake as FakeClockodo).failNext({ path: '/api/v2/entries' }, { status: 200, body: { entries: [], paging }, times: 1_000 });
    let result: Awaited<ReturnType<AnyEngineHandle['call']>> | undefined;
    const sent = await requestsDuring(fake, async () => {
      result = await engine.call('time_report', {});
    });
    expect(textOf(result as NonNullable<typeof result>)).toMatch(
      new RegExp(`^This needs more than ${MAX_REQUESTS_PER_CALL} requests to Clockodo, more than one call may send, so Punchcard stopped asking\\.`),
    );
    expect(sent.length).toBeLessThanOrEqual(MAX_REQUESTS_PER_CALL);
    expect(sent.filter((request) => request.path === '/api/v2/entries')).toHaveLength(1);
    expect((await engine.call('whoami')).isError).toBeFalsy();
  });

  it(`Kimai saying it has a million pages of timesheets: the same, and the call after it is served`, async () => {
    const { engine, fake } = await kimai.start();
    await engine.call('whoami');
    (fake as FakeKimai).failNext(
      { path: '/api/timesheets' },
      { status: 200, body: [], headers: { 'X-Total-Pages': '1000000', 'X-Total-Count': '250000000' }, times: 1_000 },
    );
    const sent = await requestsDuring(fake, async () => {
      expect(textOf(await engine.call('time_report', {}))).toMatch(/^This needs more than \d+ requests to Kimai/);
    });
    expect(sent.filter((request) => request.path === '/api/timesheets')).toHaveLength(1);
    expect(sent.length).toBeLessThanOrEqual(MAX_REQUESTS_PER_CALL);
  });

  it(`Clockify saying every page of entries is not the last: page after page, stopped at ${MAX_REQUESTS_PER_CALL} requests, in words`, async () => {
    const { engine, fake } = await clockify.start();
    await engine.call('whoami');
    // The background check of time off is no part of the call.
    await expect.poll(() => fake.requests.some((request) => request.path.includes('/time-off/balance/'))).toBe(true);
    const full = Array.from({ length: 1_000 }, (_, index) => ({
      id: `e${index}`,
      userId: CLOCKIFY_SEED.users.ada,
      type: 'BREAK',
      timeInterval: { start: '2026-01-05T09:00:00Z', end: '2026-01-05T09:01:00Z' },
    }));
    (fake as FakeClockify).failNext({ path: /\/time-entries$/ }, { status: 200, body: full, headers: { 'Last-Page': 'false' }, times: 10_000 });
    const sent = await requestsDuring(fake, async () => {
      expect(textOf(await engine.call('time_report', { from: '2025-01-01', to: '2025-12-31' }))).toMatch(
        new RegExp(`^This needs more than ${MAX_REQUESTS_PER_CALL} requests to Clockify`),
      );
    });
    expect(sent.length).toBeLessThanOrEqual(MAX_REQUESTS_PER_CALL);
    expect((await engine.call('whoami')).isError).toBeFalsy();
  });

  it(`Harvest giving a next link on every page of entries: followed on its own host only, stopped at ${MAX_REQUESTS_PER_CALL} requests, in words`, async () => {
    const { engine, fake } = await harvest.start();
    await engine.call('whoami');
    await untilQuiet(fake.requests);
    const endless = (request: { url: string }) => {
      const url = new URL(request.url, (fake as FakeHarvest).url);
      url.searchParams.set('cursor', String(Number(url.searchParams.get('cursor') ?? 0) + 1));
      return {
        time_entries: [{ id: Number(url.searchParams.get('cursor')), spent_date: '2025-01-06', hours: 0.1 }],
        links: { next: `${(fake as FakeHarvest).url}${url.pathname}${url.search}` },
      };
    };
    (fake as FakeHarvest).failNext({ path: '/v2/time_entries' }, { status: 200, reflect: endless, times: 10_000 });
    const sent = await requestsDuring(fake, async () => {
      expect(textOf(await engine.call('time_report', { from: '2025-01-01', to: '2025-12-31' }))).toMatch(
        new RegExp(`^This needs more than ${MAX_REQUESTS_PER_CALL} requests to Harvest`),
      );
    });
    expect(sent.length).toBeLessThanOrEqual(MAX_REQUESTS_PER_CALL);
    expect((await engine.call('whoami')).isError).toBeFalsy();
  });

  it('Toggl Track saying every page of projects is full, of a million in all: stopped at its own bound of pages, in words', async () => {
    const { engine, fake } = await toggl.start();
    await engine.call('whoami');
    await untilQuiet(fake.requests);
    const full = Array.from({ length: 200 }, (_, index) => ({
      id: 5_000_000 + index,
      workspace_id: TOGGL_SEED.workspaces.acme,
      name: `Project ${index}`,
      active: true,
      can_track_time: true,
      total_count: 1_000_000,
    }));
    (fake as FakeToggl).failNext({ path: /\/projects$/ }, { status: 200, body: full, times: 10_000 });
    const sent = await requestsDuring(fake, async () => {
      // Its own bound comes first: at most 20 pages of a list (4,000 projects) are read.
      expect(textOf(await engine.call('list_catalog', {}))).toMatch(/^Toggl Track sent more than 20 pages of one list/);
    });
    expect(sent.filter((request) => request.path.endsWith('/projects'))).toHaveLength(20);
    expect(sent.length).toBeLessThanOrEqual(MAX_REQUESTS_PER_CALL);
    expect((await engine.call('timer_status')).isError).toBeFalsy();
  });

  it(`Tempo answering every page of worklogs full, its next link on another host: paged by offset on its own host, stopped at ${MAX_REQUESTS_PER_CALL} requests, in words`, async () => {
    const { engine, fake } = await tempo.start();
    await engine.call('whoami');
    await untilQuiet(fake.requests);
    const { tempoUrl } = (fake as TempoBoth).fake;
    const full = (request: { url: string }) => {
      const url = new URL(request.url, tempoUrl);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      return {
        metadata: { count: 1, offset, limit: 1, next: `https://evil.example${url.pathname}?offset=${offset + 1}&limit=1` },
        results: [{ tempoWorklogId: 9_000_000 + offset, issue: { id: 1 }, timeSpentSeconds: 60, startDate: '2025-01-06', author: { accountId: TEMPO_ADA } }],
      };
    };
    (fake as TempoBoth).fake.failNext('tempo', { path: /^\/4\/worklogs\/user\// }, { status: 200, reflect: full, times: 10_000 });
    const sent = await requestsDuring(fake, async () => {
      expect(textOf(await engine.call('time_report', { from: '2025-01-01', to: '2025-12-31' }))).toMatch(
        new RegExp(`^This needs more than ${MAX_REQUESTS_PER_CALL} requests to Tempo`),
      );
    });
    const pages = sent.filter((request) => request.path.startsWith('/4/worklogs/user/'));
    // Each page asked by its offset on Tempo's own host, never at the link's.
    expect(pages.map((request) => new URLSearchParams(request.query).get('offset'))).toEqual(pages.map((_, index) => String(index)));
    expect(sent.length).toBeLessThanOrEqual(MAX_REQUESTS_PER_CALL);
    expect((await engine.call('whoami')).isError).toBeFalsy();
  });

  it("Clockodo's customers listed page after page without end: the call stops at its budget", async () => {
    const { engine, fake } = await clockodo.start();
    await engine.call('whoami');
    const paging = { items_per_page: 1, current_page: 1, count_pages: 1_000_000, count_items: 1_000_000 };
    (fake as FakeClockodo).failNext({ path: /^\/api\/v\d+\/customers$/ }, { status: 200, body: { data: [], paging }, times: 10_000 });
    const sent = await requestsDuring(fake, async () => {
      expect(textOf(await engine.call('list_catalog', {}))).toMatch(/^This needs more than \d+ requests to Clockodo/);
    });
    expect(sent.length).toBeLessThanOrEqual(MAX_REQUESTS_PER_CALL);
    expect((await engine.call('timer_status')).isError).toBeFalsy();
  });
});

const MB = 1024 * 1024;
const capWords = `${MAX_ANSWER_BYTES / MB} MB`;

describe('a server that sends more than any page could hold (a runaway export, a hostile server)', () => {
  it.each(everyBackEnd.map((backEnd) => [backEnd.name, backEnd] as const))(
    '%s answering with a body that never ends: read up to the cap, refused in words, and the next call is served',
    async (_name, backEnd) => {
      const { engine, fake } = await backEnd.start();
      expect((await engine.call('whoami')).isError).toBeFalsy();
      // The background check of the back end's features (250 ms after start) is over, so the
      // failure scripted next meets the call's own request.
      await untilQuiet(fake.requests);
      const before = fake.requests.length;
      (fake as FakeKimai).failNext({ path: /./ }, { status: 200, flood: { bytes: 'endless' } });
      const result = await engine.call('timer_status');
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        new RegExp(
          `^(${backEnd.says?.source ?? backEnd.name}) at [^ ]+ sent more than ${capWords} trying to [^;]+; Punchcard reads at most ${capWords} of one answer`,
        ),
      );
      const flooded = fake.requests[before] as RecordedRequest;
      // The engine hung up near the cap (what the sockets' buffers held beyond it aside).
      expect(flooded.answerBytes).toBeLessThan(4 * MAX_ANSWER_BYTES);
      expect((await engine.call('timer_status')).isError).toBeFalsy();
    },
  );

  it('Kimai saying its answer is 560 MB: refused before a byte of it is read', async () => {
    const { engine, fake } = await kimai.start();
    await engine.call('whoami');
    (fake as FakeKimai).failNext({ path: '/api/timesheets/active' }, { status: 200, flood: { bytes: 560 * MB, declared: true } });
    const result = await engine.call('timer_status');
    expect(textOf(result)).toMatch(
      new RegExp(`^Kimai at 127\\.0\\.0\\.1:\\d+ sent an answer of 560 MB trying to read the running timer; Punchcard reads at most ${capWords} of one answer`),
    );
    const flooded = fake.requests.find((request) => request.path === '/api/timesheets/active') as RecordedRequest;
    expect(flooded.answerBytes).toBeLessThan(MAX_ANSWER_BYTES);
    expect((await engine.call('timer_status')).isError).toBeFalsy();
  });

  it('four answers of 120 MB at once, under the heap flags of a registered entry: each refused in words, and the engine lives on', async () => {
    const { engine, fake } = await kimai.start({ nodeFlags: ENGINE_NODE_FLAGS });
    await engine.call('whoami');
    (fake as FakeKimai).failNext({ path: '/api/timesheets/active' }, { status: 200, flood: { bytes: 120 * MB }, times: 4 });
    const results = await Promise.all(Array.from({ length: 4 }, () => engine.call('timer_status')));
    for (const result of results) expect(textOf(result)).toMatch(new RegExp(`^Kimai at [^ ]+ sent more than ${capWords} trying to read the running timer`));
    expect((await engine.call('timer_status')).structuredContent).toMatchObject({ running: null });
  });

  it(`Kimai's pages each under the cap but together over ${MAX_ANSWER_BYTES_PER_CALL / MB} MB: the call stops reading, in words`, async () => {
    const { engine, fake } = await kimai.start({ nodeFlags: ENGINE_NODE_FLAGS });
    await engine.call('whoami');
    const page = (MAX_ANSWER_BYTES * 3) / 4;
    (fake as FakeKimai).failNext(
      { path: '/api/timesheets' },
      { status: 200, flood: { bytes: page }, headers: { 'X-Total-Pages': '30', 'X-Total-Count': '15000' }, times: 1_000 },
    );
    const sent = await requestsDuring(fake, async () => {
      expect(textOf(await engine.call('time_report', {}))).toMatch(
        new RegExp(
          `^This needs more than ${MAX_ANSWER_BYTES_PER_CALL / MB} MB of answers from Kimai, more than one call may read, so Punchcard stopped reading\\.`,
        ),
      );
    });
    // Stopped at the pages that were in flight when the call's answers passed the limit.
    expect(sent.filter((request) => request.path === '/api/timesheets').length).toBeLessThan(30);
    // The pages keep flooding (the failure stands for every listing); a call that lists none is served.
    expect((await engine.call('whoami')).isError).toBeFalsy();
  });
});

describe('names from a back end that carry terminal escapes', () => {
  it('reach the client without control characters', async () => {
    // Through the built server's stdout, which is what a client reads.
    const started = await kimai.start({ nodeFlags: [] });
    const engine = started.engine;
    const fake = started.fake as FakeKimai;
    const customer = fake.state.customers[0] as { id: number };
    fake.addProject('Evil\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007\u009b2J', customer.id);
    const listed = await engine.call('list_catalog', {});
    const everything = `${textOf(listed)}${JSON.stringify(listed.structuredContent)}`;
    expect(everything).toBe(withoutControls(everything));
    // The text says the name as one quoted line, each control character shown as an escape (quoted-line.ts); the
    // structured answer loses them on the wire.
    expect(textOf(listed)).toContain('"Evil\\u{1B}]8;;https://evil.example\\u{7}link\\u{1B}]8;;\\u{7}\\u{9B}2J"');
    expect(JSON.stringify(listed.structuredContent)).toContain('Evil]8;;https://evil.examplelink]8;;2J');
  });
});
