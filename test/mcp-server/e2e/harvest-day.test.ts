// Harvest through the engine in process (test/support/engine.ts, startInProcessEngine) over the fake Harvest: both
// kinds of Harvest account (durations: a timer restarts today's entry of the same project, task and notes, and a
// start in the past is kept; start and end times: on the person's wall clock in their Harvest zone, a restart a new
// entry or the same one as Harvest answers), the person's assignments (an unassigned or archived project, an inactive
// task refused in words, nothing sent), a locked entry refused with Harvest's reason, a colleague's entry refused
// whether Harvest answers 403 or 404, the weekly target from the person's own capacity, the account the token
// reaches, and every failure in words a person can act on (401, 403, 404, 422, 429 waited out once or said with when,
// 5xx, a timeout, a body that is not JSON, a next page elsewhere), the token never shown.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { filesText } from '../../support/files-text.ts';
import { ACME, ADA_TOKEN, addEntry, addProject, type FakeHarvestOptions, SIDE, startFakeHarvest } from '../providers/harvest/fake-harvest.ts';
import { type AccountKind, seedAcme } from '../providers/harvest/request-scenario.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = 1_001;
const BOB = 1_002;
const opened = closeAfterEach();
const BOOKING = { project: 'Website', activity: 'Development' };

async function harvestEngine(
  options: FakeHarvestOptions & {
    kind?: AccountKind;
    token?: string | null;
    accountId?: string | null;
    env?: Record<string, string>;
    harvestAheadMs?: number;
  } = {},
) {
  // Harvest's clock, ahead of this computer's by `harvestAheadMs` where a test says so.
  const harvestNow = new Date(Date.parse(NOW) + (options.harvestAheadMs ?? 0)).toISOString();
  const fake = opened(await startFakeHarvest({ now: clockStartingAt(harvestNow), ...options }));
  const seeded = seedAcme(fake, options.kind ?? 'durations');
  const accountId = options.accountId === undefined ? String(ACME) : options.accountId;
  const dir = makeUserDataDir({ provider: { type: 'harvest', url: fake.url, ...(accountId === null ? {} : { account_id: accountId }) } });
  const token = options.token === undefined ? ADA_TOKEN : options.token;
  const engine = opened(
    await startInProcessEngine({
      userDataDir: dir,
      args: ['--all-tools'],
      env: { PUNCHCARD_NOW: NOW, ...(token === null ? {} : { PUNCHCARD_HARVEST_TOKEN: token }), ...options.env },
    }),
  );
  const writes = (from: number) => fake.requests.slice(from).filter((request) => request.method !== 'GET');
  return { fake, engine, dir, writes, ...seeded };
}

describe('both kinds of Harvest account', () => {
  it('durations: a timer is a running entry without hours; clocking in again on the same booking and notes restarts today’s entry', async () => {
    const { fake, engine } = await harvestEngine({ kind: 'durations' });
    const started = await engine.call('clock_in', { ...BOOKING, description: 'Landing page' });
    expect(started.isError, textOf(started)).toBeFalsy();
    const created = fake.requests.find((request) => request.method === 'POST');
    expect(JSON.parse(created?.body ?? '{}')).toEqual({
      project_id: expect.any(Number),
      task_id: expect.any(Number),
      notes: 'Landing page',
      spent_date: '2026-11-18',
    });
    expect((await engine.call('clock_out')).isError).toBeFalsy();
    const entries = fake.state.entries.filter((entry) => entry.userId === ADA && entry.spentDate === '2026-11-18');
    expect(entries).toHaveLength(1);
    const before = fake.requests.length;
    expect((await engine.call('clock_in', { ...BOOKING, description: 'Landing page' })).isError).toBeFalsy();
    expect(fake.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v2/time_entries',
      `PATCH /v2/time_entries/${entries[0]?.id}/restart`,
    ]);
    expect(fake.state.entries.filter((entry) => entry.userId === ADA && entry.spentDate === '2026-11-18')).toHaveLength(1);
  });

  it('durations: a start in the past is kept (the hours since, then Harvest’s restart); a logged span keeps its hours', async () => {
    const { fake, engine } = await harvestEngine({ kind: 'durations' });
    const started = await engine.call('clock_in', { ...BOOKING, start: '07:30' });
    expect(started.structuredContent).toMatchObject({ started: { start: '2026-11-18T07:30:00+01:00', end: null } });
    const logged = await engine.call('log_time', { ...BOOKING, start: 'yesterday 09:00', end: 'yesterday 10:45' });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    const post = fake.requests.filter((request) => request.method === 'POST').at(-1);
    expect(JSON.parse(post?.body ?? '{}')).toMatchObject({ spent_date: '2026-11-17', hours: 1.75 });
    expect(JSON.parse(post?.body ?? '{}')).not.toHaveProperty('started_time');
  });

  it('start and end times: sent on the person’s wall clock in their Harvest zone, read back as instants', async () => {
    const { fake, engine } = await harvestEngine({ kind: 'timestamps' });
    const ada = fake.state.users.find((user) => user.id === ADA);
    if (ada) Object.assign(ada, { timezone: 'Eastern Time (US & Canada)', zone: 'America/New_York' });
    const logged = await engine.call('log_time', { ...BOOKING, start: '2026-11-17T15:00:00Z', end: '2026-11-17T16:30:00Z' });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    const post = fake.requests.filter((request) => request.method === 'POST').at(-1);
    expect(JSON.parse(post?.body ?? '{}')).toMatchObject({ spent_date: '2026-11-17', started_time: '10:00', ended_time: '11:30' });
    const listed = await engine.call('list_time_entries', { from: '2026-11-17', to: '2026-11-17' });
    expect(JSON.stringify(listed.structuredContent)).toContain('"minutes":90');
  });

  it('start and end times: a span across midnight is refused in words, nothing sent', async () => {
    const { engine, fake, writes } = await harvestEngine({ kind: 'timestamps' });
    const before = fake.requests.length;
    const refused = await engine.call('log_time', { ...BOOKING, start: '2026-11-16T23:00:00+01:00', end: '2026-11-17T01:00:00+01:00' });
    expect(refusalOf(refused)).toEqual({ code: 'harvest_span_over_midnight', facts: {} });
    expect(writes(before)).toEqual([]);
  });

  it("a timer started and stopped now, or switched now, is never refused because Harvest's clock is ahead of this computer's", async () => {
    const { engine } = await harvestEngine({ kind: 'durations', harvestAheadMs: 30_000 });
    for (const step of [
      () => engine.call('clock_in', BOOKING),
      () => engine.call('clock_in', { project: 'Internal', switch: true }),
      () => engine.call('clock_out'),
    ]) {
      const result = await step();
      expect(result.isError, textOf(result)).toBeFalsy();
    }
  });

  for (const restart of ['new_entry', 'same_entry'] as const) {
    it(`start and end times: a timer on today’s booking works whether Harvest’s restart makes a new entry or not (${restart})`, async () => {
      const { engine } = await harvestEngine({ kind: 'timestamps', restartOnTimestamps: restart });
      for (const step of [() => engine.call('clock_in', BOOKING), () => engine.call('clock_out'), () => engine.call('clock_in', BOOKING)]) {
        const result = await step();
        expect(result.isError, textOf(result)).toBeFalsy();
      }
      expect((await engine.call('timer_status')).structuredContent).toMatchObject({ running: { project: 'Website' } });
    });
  }
});

describe("the person's assignments, before anything is sent", () => {
  it('an archived project, one not assigned, and an inactive task are not bookable by name; nothing is written', async () => {
    const { fake, engine, writes } = await harvestEngine();
    addProject(fake, { name: 'Legacy', client: 'Acme', tasks: ['Development'], users: [ADA], isActive: false });
    addProject(fake, { name: 'Secret', client: 'Acme', tasks: ['Development'], users: [BOB] });
    const website = fake.state.assignments.find(
      (assignment) => assignment.userId === ADA && fake.state.projects.find((p) => p.id === assignment.projectId)?.name === 'Website',
    );
    const design = fake.state.tasks.find((task) => task.name === 'Design');
    const designAssignment = website?.tasks.find((task) => task.taskId === design?.id);
    if (designAssignment) designAssignment.isActive = false;
    const before = fake.requests.length;
    for (const args of [{ project: 'Secret' }, { project: 'Legacy' }, { project: 'Website', activity: 'Design' }]) {
      const refused = await engine.call('log_time', { ...args, activity: args.activity ?? 'Development', date: 'yesterday', duration: '1h' });
      expect(refusalOf(refused)?.code, JSON.stringify(args)).toBe('catalog_item_unknown');
    }
    // Website has one open task left (Design is inactive): a booking without one takes it.
    expect((await engine.call('log_time', { project: 'Website', date: 'yesterday', duration: '1h' })).isError).toBeFalsy();
    expect(writes(before).map((request) => request.method)).toEqual(['POST']);
  });

  it('a timer without a project resumes the last booking, refused in words where its project is no longer assigned; nothing is sent', async () => {
    const { fake, engine, writes, development } = await harvestEngine();
    const legacy = addProject(fake, { name: 'Legacy', client: 'Acme', tasks: ['Development'], users: [ADA] });
    addEntry(fake, {
      userId: ADA,
      projectId: legacy.id,
      taskId: development,
      start: Date.parse('2026-11-17T16:00:00+01:00'),
      end: Date.parse('2026-11-17T17:00:00+01:00'),
    });
    legacy.isActive = false;
    const before = fake.requests.length;
    const refused = await engine.call('clock_in', {});
    expect(refusalOf(refused)).toMatchObject({ code: 'harvest_project_not_assigned', facts: { project: legacy.id, examples: ['Internal', 'Website'] } });
    expect(textOf(refused)).toMatch(
      /You are not assigned to project #\d+ in Harvest, or it is archived, so no time can be booked on it; you may book on "Internal", "Website"\. Nothing was sent\./,
    );
    expect(writes(before)).toEqual([]);
  });
});

describe('entries Harvest locked, and colleagues’ entries', () => {
  it('a locked entry is refused with Harvest’s reason, nothing sent; list_time_entries shows the lock and its approval', async () => {
    const { fake, engine, writes, website, development } = await harvestEngine();
    const locked = addEntry(fake, {
      userId: ADA,
      projectId: website,
      taskId: development,
      start: Date.parse('2026-11-10T09:00:00+01:00'),
      end: Date.parse('2026-11-10T11:00:00+01:00'),
      locked: 'Item Approved and Locked for this Time Period',
    });
    const before = fake.requests.length;
    for (const [tool, verb] of [
      ['update_time_entry', 'change'],
      ['delete_time_entry', 'delete'],
    ] as const) {
      const refused = await engine.call(tool, { id: locked.id, ...(tool === 'update_time_entry' ? { description: 'Mine' } : {}) });
      // A change is refused by the tools from the entry's lock, a deletion by the back end: both quote Harvest's reason.
      expect(refusalOf(refused), verb).toEqual(
        verb === 'change'
          ? { code: 'entry_locked', facts: { entry: locked.id, reason: 'Locked in Harvest: "Item Approved and Locked for this Time Period" (approved).' } }
          : { code: 'harvest_entry_locked', facts: { entry: locked.id, verb, reason: 'Item Approved and Locked for this Time Period' } },
      );
      expect(textOf(refused)).toContain('"Item Approved and Locked for this Time Period"');
    }
    expect(writes(before)).toEqual([]);
    const listed = JSON.stringify((await engine.call('list_time_entries', { from: '2026-11-10', to: '2026-11-10' })).structuredContent);
    expect(listed).toContain('Locked in Harvest: \\"Item Approved and Locked for this Time Period\\" (approved).');
  });

  for (const colleagueEntry of [403, 404] as const) {
    it(`a colleague's entry is refused, nothing sent, whether Harvest answers ${colleagueEntry}`, async () => {
      const { fake, engine, writes, website, development } = await harvestEngine({ colleagueEntry });
      const bobs = addEntry(fake, {
        userId: BOB,
        projectId: website,
        taskId: development,
        start: Date.parse('2026-11-16T09:00:00+01:00'),
        end: Date.parse('2026-11-16T10:00:00+01:00'),
      });
      const before = fake.requests.length;
      const refused = await engine.call('delete_time_entry', { id: bobs.id });
      expect(refused.isError).toBe(true);
      expect(refusalOf(refused)?.code).toBe(colleagueEntry === 403 ? 'entry_not_yours' : 'remote_record_missing');
      expect(writes(before)).toEqual([]);
      expect(fake.state.entries).toContain(bobs);
    });
  }

  it("a manager's token lists only the person's own entries (every list names them)", async () => {
    const { fake, engine, website, development } = await harvestEngine();
    const ada = fake.state.users.find((user) => user.id === ADA);
    if (ada) ada.access_roles = ['manager'];
    addEntry(fake, {
      userId: BOB,
      projectId: website,
      taskId: development,
      start: Date.parse('2026-11-17T09:00:00+01:00'),
      end: Date.parse('2026-11-17T10:00:00+01:00'),
    });
    const listed = (await engine.call('list_time_entries', { from: '2026-11-16', to: '2026-11-17' })).structuredContent as { entries: unknown[] };
    expect(listed.entries).toHaveLength(1);
  });
});

describe('the plan and the account', () => {
  it("the weekly target is the person's own weekly capacity, not the company's", async () => {
    const { engine } = await harvestEngine();
    const who = await engine.call('whoami');
    expect(textOf(who)).toContain('weekly capacity in Harvest (40 hours)');
    expect(who.structuredContent).toMatchObject({ plan_source: 'back_end' });
  });

  it('without an account id, several Harvest accounts are refused naming them, and none is guessed', async () => {
    const fake = opened(await startFakeHarvest({ now: clockStartingAt(NOW) }));
    seedAcme(fake, 'durations');
    const side = fake.state.accounts.find((account) => account.id === SIDE);
    if (side) side.product = 'harvest';
    const ada = fake.state.users.find((user) => user.id === ADA);
    ada?.accounts.push(SIDE);
    const dir = makeUserDataDir({ provider: { type: 'harvest', url: fake.url } });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_HARVEST_TOKEN: ADA_TOKEN } }));
    const refused = await engine.call('timer_status');
    expect(refusalOf(refused)).toEqual({
      code: 'harvest_account_choice',
      facts: {
        accounts: [
          { id: String(ACME), name: 'Acme' },
          { id: String(SIDE), name: 'Acme Forecast' },
        ],
      },
    });
    expect(textOf(refused)).toContain(`"Acme" (${ACME}), "Acme Forecast" (${SIDE})`);
    expect(fake.requests.filter((request) => request.path.startsWith('/v2/'))).toEqual([]);
  });
});

describe('failures in words', () => {
  it('a wrong token or none: says where a token comes from, never shows it, and keeps serving', async () => {
    const wrong = 'pat-wrong-ABCDEF123456';
    const { engine, dir } = await harvestEngine({ token: wrong });
    const result = await engine.call('timer_status');
    expect(refusalOf(result)).toMatchObject({ code: 'harvest_token_refused', facts: { account_id: String(ACME) } });
    expect(textOf(result)).toMatch(/^Harvest at 127\.0\.0\.1:\d+ did not accept the Personal Access Token for account 5000001/);
    expect(JSON.stringify(result)).not.toContain(wrong);
    expect(engine.stderr()).not.toContain(wrong);
    for (const file of filesText(dir)) expect(file.text, file.path).not.toContain(wrong);
    const none = await harvestEngine({ token: null });
    expect(refusalOf(await none.engine.call('timer_status'))?.code).toBe('harvest_token_missing');
  });

  for (const errorBodies of ['json', 'text'] as const) {
    it(`a 403 and a 422 are said with Harvest's words (${errorBodies} bodies)`, async () => {
      const { fake, engine } = await harvestEngine({ errorBodies });
      fake.failNext(
        { path: '/v2/users/me' },
        { status: 403, ...(errorBodies === 'json' ? { body: { message: 'Forbidden for you' } } : { raw: 'Forbidden for you' }) },
      );
      const forbidden = await engine.call('timer_status');
      expect(refusalOf(forbidden)).toMatchObject({ code: 'harvest_forbidden', facts: { message: 'Forbidden for you' } });
      fake.failNext({ method: 'POST', path: '/v2/time_entries' }, { status: 422, body: { message: 'Spent date is locked' } });
      const refused = await engine.call('log_time', { ...BOOKING, date: 'yesterday', duration: '1h' });
      expect(refusalOf(refused)).toMatchObject({ code: 'harvest_refused', facts: { message: 'Spent date is locked' } });
    });
  }

  it('a 429 of at most 15 seconds is waited out once; a longer one is its 15-second window, said with when to try again, in the person’s time, where the call has no time for it', async () => {
    // A call of 10 s: the window's 15 s is longer than it may wait.
    const { fake, engine } = await harvestEngine({ env: { PUNCHCARD_CALL_TIMEOUT_MS: '10000' } });
    fake.failNext({ path: '/v2/users/me' }, { status: 429, body: { message: 'Too Many Requests' }, headers: { 'Retry-After': '1' } });
    const waited = await engine.call('timer_status');
    expect(waited.isError, textOf(waited)).toBeFalsy();
    expect(fake.requests.filter((request) => request.path === '/v2/users/me').map((request) => request.status)).toEqual([429, 200]);
    fake.failNext({ path: '/v2/time_entries' }, { status: 429, raw: 'Too Many Requests', headers: { 'Retry-After': '120' } });
    // A range outside the recent days the status just listed, so it is asked afresh.
    const said = await engine.call('list_time_entries', { from: '2026-01-05', to: '2026-01-09' });
    expect(refusalOf(said)).toEqual({ code: 'harvest_rate_limited', facts: { action: 'read your time entries', retry_after_s: 15, at: '08:00' } });
    expect(textOf(said)).toContain('again in 15 seconds, at 08:00');
  });

  it('a 5xx, a timeout and a body that is not JSON are said as such', async () => {
    const { fake, engine } = await harvestEngine({ env: { PUNCHCARD_HARVEST_TIMEOUT_MS: '300' } });
    fake.failNext({ path: '/v2/users/me' }, { status: 503, raw: 'down' });
    expect(refusalOf(await engine.call('timer_status'))?.code).toBe('remote_unavailable');
    fake.failNext({ path: '/v2/users/me' }, { status: 200, raw: '<html>Sign in</html>' });
    expect(refusalOf(await engine.call('timer_status'))).toMatchObject({ code: 'harvest_not_json', facts: { web_page: true } });
    fake.failNext({ path: '/v2/users/me' }, { status: 200, body: {}, delayMs: 2_000 });
    expect(refusalOf(await engine.call('timer_status'))?.code).toBe('remote_timeout');
  });

  it('a next page on another host is not followed: the token goes nowhere else', async () => {
    const { fake, engine, website, development } = await harvestEngine({ pageCap: 1, nextLinkOrigin: 'https://evil.example' });
    addEntry(fake, {
      userId: ADA,
      projectId: website,
      taskId: development,
      start: Date.parse('2026-11-17T09:00:00+01:00'),
      end: Date.parse('2026-11-17T10:00:00+01:00'),
    });
    const refused = await engine.call('list_time_entries', { from: '2026-11-16', to: '2026-11-17' });
    expect(refusalOf(refused)).toMatchObject({ code: 'harvest_next_page_elsewhere', facts: { host: 'evil.example' } });
  });

  it('pages by links.next on the same host, as many as the list has', async () => {
    const { fake, engine, website, development } = await harvestEngine({ pageCap: 1 });
    addEntry(fake, {
      userId: ADA,
      projectId: website,
      taskId: development,
      start: Date.parse('2026-11-17T09:00:00+01:00'),
      end: Date.parse('2026-11-17T10:00:00+01:00'),
    });
    const listed = (await engine.call('list_time_entries', { from: '2026-11-16', to: '2026-11-17' })).structuredContent as { entries: unknown[] };
    expect(listed.entries).toHaveLength(2);
    const pages = fake.requests.filter((request) => request.path === '/v2/time_entries');
    expect(pages.some((request) => new URLSearchParams(request.query).get('ref') === 'next_cursor')).toBe(true);
    for (const page of pages) expect(new URLSearchParams(page.query).get('user_id')).toBe('1001');
  });
});
