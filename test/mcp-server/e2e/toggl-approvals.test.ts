// Timesheet approvals on Toggl Track (docs/back-ends/toggl.md, "Timesheet approvals"), on Premium, through the engine:
// who takes part read from the timesheet setups naming the person (by their own id), never probed; what each tool sends,
// warm and cold, request by request; each refusal before anything is sent; the lock of a submitted or approved period
// before a write, and Toggl's own "Cannot change locked time entry." quoted where it comes anyway; and the story right
// under every reading of what Toggl leaves undocumented (the fake's switches: the list's bounds and form, the status
// words' case, open periods listed or not, which periods lock and whether Toggl says so).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import {
  ADA_TOKEN,
  addEntry,
  addSetup,
  BOB_TOKEN,
  type FakeToggl,
  type FakeTogglOptions,
  type FakeTogglSetup,
  type RecordedRequest,
  SEED,
  seedWorld,
  startFakeToggl,
} from '../providers/toggl/fake-toggl.ts';

const NOW = '2026-11-18T12:00:00+01:00';
const LEA = { id: 9_100_003, token: 'c0ffee0c0ffee0c0ffee0c0ffee0c0f', fullname: 'Lea Lead' };
const ADA = SEED.users.ada;
const BOB = SEED.users.bob;
const LAST_WEEK = { first_day: '2026-11-09', last_day: '2026-11-15' };
const THIS_WEEK = { first_day: '2026-11-16', last_day: '2026-11-22' };
const APPROVALS = { approvals: true };

interface World {
  fake: FakeToggl;
  ada: FakeTogglSetup;
  lea: FakeTogglSetup | undefined;
}

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
});

/**
 * Acme on Premium: Ada's weekly timesheets under a setup Lea approves, Lea's under one Bob approves (unless `leasSetup` is
 * false), Ada's two hours on Tuesday 10 November. Lea is a member ('user'), Bob the workspace admin.
 */
async function world(options: FakeTogglOptions = {}, more: { leasSetup?: boolean } = {}): Promise<World> {
  const fake = await startFakeToggl({ now: clockStartingAt(NOW), quotas: { user: 10_000, organisation: 10_000 }, ...options });
  opened.push(fake);
  seedWorld(fake);
  fake.state.users.push({ ...LEA, email: 'lea@acme.example', timezone: 'Europe/Berlin', defaultWorkspaceId: SEED.workspaces.acme });
  const acme = fake.state.workspaces.find((workspace) => workspace.id === SEED.workspaces.acme);
  if (!acme) throw new Error('no Acme');
  Object.assign(acme, { business: true, members: [...acme.members, LEA.id] });
  const ada = addSetup(fake, { memberId: ADA, approverIds: [LEA.id] });
  const lea = more.leasSetup === false ? undefined : addSetup(fake, { memberId: LEA.id, approverIds: [BOB] });
  addEntry(fake, { userId: ADA, start: Date.parse('2026-11-10T09:00:00+01:00'), stop: Date.parse('2026-11-10T11:00:00+01:00') });
  return { fake, ada, lea };
}

interface Engine {
  engine: InProcessEngineHandle;
  userDataDir: string;
  /** The requests sent since the last call of `sent`. */
  sent(): RecordedRequest[];
}

/** An engine of the person whose token it is, with the approvals group on; waits until `offers` is listed, where given. */
async function engineOf(fake: FakeToggl, token: string, options: { userDataDir?: string; offers?: string } = {}): Promise<Engine> {
  const userDataDir =
    options.userDataDir ?? makeUserDataDir({ provider: { type: 'toggl', url: fake.url }, timezone: 'Europe/Berlin', tools: { groups: APPROVALS } });
  let seen = fake.requests.length;
  const engine = await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TOGGL_TOKEN: token, PUNCHCARD_TOGGL_PER_SECOND: '1000' } });
  opened.push(engine);
  if (options.offers) await offered(engine, options.offers);
  return {
    engine,
    userDataDir,
    sent() {
      const since = fake.requests.slice(seen);
      seen = fake.requests.length;
      return since;
    },
  };
}

const listed = async (engine: InProcessEngineHandle) => (await engine.client.listTools()).tools.map((tool) => tool.name);
const offered = (engine: InProcessEngineHandle, tool: string) =>
  vi.waitFor(async () => expect(await listed(engine)).toContain(tool), { timeout: 5_000, interval: 20 });
const line = (request: RecordedRequest) => `${request.method} ${request.path.replace(/\d{7,}/g, '{id}')}`;
const queryOf = (request: RecordedRequest | undefined) => Object.fromEntries(new URLSearchParams(request?.query ?? ''));
const bodyOf = (request: RecordedRequest | undefined): unknown => (request?.body ? JSON.parse(request.body) : null);
type Submission = { id: string; person: string; first_day: string; last_day: string; status: string; note: string | null; decided_by: string | null };
const submissionsOf = (result: Awaited<ReturnType<InProcessEngineHandle['call']>>) => (result.structuredContent as { submissions: Submission[] }).submissions;

describe('Toggl Track timesheet approvals: roles and requests', () => {
  it("reads Ada's part from the setups naming her, by her own id; her own list is one request warm, two more cold", async () => {
    const { fake } = await world();
    const ada = await engineOf(fake, ADA_TOKEN, { offers: 'submit_timesheet' });
    const learning = ada.sent();
    const setups = learning.filter((request) => request.path.endsWith('/timesheet_setups'));
    // Both at once, in either order.
    expect(setups.map(queryOf)).toHaveLength(2);
    expect(setups.map(queryOf)).toEqual(expect.arrayContaining([{ member_ids: String(ADA) }, { approver_ids: String(ADA) }]));
    expect(await listed(ada.engine)).toEqual(expect.arrayContaining(['list_timesheet_approvals', 'withdraw_timesheet', 'decide_timesheet']));

    const warm = await ada.engine.call('list_timesheet_approvals', { from: LAST_WEEK.first_day, to: THIS_WEEK.last_day });
    expect(warm.isError, textOf(warm)).toBeFalsy();
    expect(submissionsOf(warm)).toEqual([]);
    const asked = ada.sent();
    expect(asked.map(line)).toEqual(['GET /api/v9/workspaces/{id}/timesheets']);
    // Named by her own id, a day wider each side of the weeks' starts.
    expect(queryOf(asked[0])).toEqual({ member_ids: String(ADA), after: '2026-11-08', before: '2026-11-17', per_page: '20' });

    // Cold: a new process whose role is remembered (no background read) reads her setups first.
    await ada.engine.close();
    const again = await engineOf(fake, ADA_TOKEN, { userDataDir: ada.userDataDir, offers: 'submit_timesheet' });
    again.sent();
    await again.engine.call('list_timesheet_approvals', { from: LAST_WEEK.first_day, to: THIS_WEEK.last_day });
    // /me once a process (the person's own quota), then the setups (two of the organisation's) and the list.
    expect(again.sent().map(line)).toEqual([
      'GET /api/v9/me',
      'GET /api/v9/workspaces/{id}/timesheet_setups',
      'GET /api/v9/workspaces/{id}/timesheet_setups',
      'GET /api/v9/workspaces/{id}/timesheets',
    ]);
  });

  it('submit_timesheet reads the period and sends its status: two requests of the workspace warm (and the hours from her own entries)', async () => {
    const { fake, ada: setup } = await world();
    const ada = await engineOf(fake, ADA_TOKEN, { offers: 'submit_timesheet' });
    ada.sent();
    const submitted = await ada.engine.call('submit_timesheet', { period_start: LAST_WEEK.first_day });
    expect(submitted.isError, textOf(submitted)).toBeFalsy();
    expect(submitted.structuredContent).toMatchObject({
      submission: { id: `${setup.id}:2026-11-09`, person: 'Ada Lovelace', period: 'week', ...LAST_WEEK, status: 'pending' },
    });
    const requests = ada.sent();
    // The period's hours for the question come from her own entries (her own quota); the rest is the workspace's.
    expect(requests.map(line)).toEqual([
      'GET /api/v9/workspaces/{id}/timesheets',
      'GET /api/v9/me/time_entries',
      `PUT /api/v9/workspaces/{id}/timesheets/{id}/2026-11-09`,
    ]);
    expect(bodyOf(requests.at(-1))).toEqual({ status: 'submitted' });
    expect(fake.state.timesheets).toEqual([expect.objectContaining({ setupId: setup.id, startDate: '2026-11-09', status: 'submitted' })]);

    // Withdrawn by its period: the period read, then its status open again.
    const withdrawn = await ada.engine.call('withdraw_timesheet', { period_start: LAST_WEEK.first_day });
    expect(withdrawn.structuredContent).toMatchObject({ submission: { ...LAST_WEEK, status: 'withdrawn' }, status_before: 'pending' });
    const withdrawing = ada.sent();
    expect(withdrawing.map(line)).toEqual(['GET /api/v9/workspaces/{id}/timesheets', 'PUT /api/v9/workspaces/{id}/timesheets/{id}/2026-11-09']);
    expect(bodyOf(withdrawing.at(-1))).toEqual({ status: 'open' });
  });

  it("Lea decides what waits in her queue (approver_ids): list one request, a decision two, an approval's withdrawal two", async () => {
    const { fake, ada: setup } = await world();
    const ada = await engineOf(fake, ADA_TOKEN, { offers: 'submit_timesheet' });
    await ada.engine.call('submit_timesheet', { period_start: LAST_WEEK.first_day });
    const lea = await engineOf(fake, LEA.token, { offers: 'decide_timesheet' });
    lea.sent();

    const queue = await lea.engine.call('list_timesheet_approvals', { person: '*' });
    expect(submissionsOf(queue).map((item) => [item.person, item.first_day, item.status])).toEqual([['Ada Lovelace', '2026-11-09', 'pending']]);
    const listing = lea.sent();
    expect(listing.map(line)).toEqual(['GET /api/v9/workspaces/{id}/timesheets']);
    expect(queryOf(listing[0])).toMatchObject({ approver_ids: String(LEA.id) });

    const id = `${setup.id}:2026-11-09`;
    const approved = await lea.engine.call('decide_timesheet', { id, decision: 'approve' });
    expect(approved.structuredContent).toMatchObject({ submission: { status: 'approved', decided_by: 'Lea Lead' }, status_before: 'pending' });
    const deciding = lea.sent();
    expect(deciding.map(line)).toEqual(['GET /api/v9/workspaces/{id}/timesheets', 'PUT /api/v9/workspaces/{id}/timesheets/{id}/2026-11-09']);
    expect(queryOf(deciding[0])).toMatchObject({ approver_ids: String(LEA.id), timesheet_setup_ids: String(setup.id) });
    expect(bodyOf(deciding[1])).toEqual({ status: 'approved' });

    const reopened = await lea.engine.call('withdraw_timesheet', { id });
    expect(reopened.structuredContent).toMatchObject({ submission: { status: 'withdrawn' }, status_before: 'approved' });
    expect(lea.sent().map(bodyOf)).toEqual([null, { status: 'reopened' }]);

    // Submitted again and rejected with a note, which Ada reads with her own list.
    await ada.engine.call('submit_timesheet', { period_start: LAST_WEEK.first_day });
    const rejected = await lea.engine.call('decide_timesheet', { id, decision: 'reject', note: 'Tuesday is missing its project' });
    expect(rejected.structuredContent).toMatchObject({ submission: { status: 'rejected', note: 'Tuesday is missing its project' }, note_kept: true });
    expect(bodyOf(lea.sent().at(-1))).toEqual({ status: 'rejected', rejection_comment: 'Tuesday is missing its project' });
    const hers = await ada.engine.call('list_timesheet_approvals', { from: LAST_WEEK.first_day, to: LAST_WEEK.last_day });
    expect(submissionsOf(hers)).toEqual([expect.objectContaining({ status: 'rejected', note: 'Tuesday is missing its project', decided_by: 'Lea Lead' })]);
  });

  it("a decision and an approval's withdrawal cold: the setups first, then the queue and the change", async () => {
    const { fake, ada: setup } = await world();
    const ada = await engineOf(fake, ADA_TOKEN, { offers: 'submit_timesheet' });
    await ada.engine.call('submit_timesheet', { period_start: LAST_WEEK.first_day });
    const first = await engineOf(fake, LEA.token, { offers: 'decide_timesheet' });
    await first.engine.close();
    // Lea's role is remembered: a new process of hers reads no role in the background, and its first call reads her setups.
    const lea = await engineOf(fake, LEA.token, { userDataDir: first.userDataDir, offers: 'decide_timesheet' });
    lea.sent();
    const id = `${setup.id}:2026-11-09`;
    expect((await lea.engine.call('decide_timesheet', { id, decision: 'approve' })).isError).toBeFalsy();
    expect(lea.sent().map(line)).toEqual([
      'GET /api/v9/me',
      'GET /api/v9/workspaces/{id}/timesheet_setups',
      'GET /api/v9/workspaces/{id}/timesheet_setups',
      'GET /api/v9/workspaces/{id}/timesheets',
      'PUT /api/v9/workspaces/{id}/timesheets/{id}/2026-11-09',
    ]);
    // Warm now: the queue and the change.
    expect((await lea.engine.call('withdraw_timesheet', { id })).isError).toBeFalsy();
    expect(lea.sent().map(line)).toEqual(['GET /api/v9/workspaces/{id}/timesheets', 'PUT /api/v9/workspaces/{id}/timesheets/{id}/2026-11-09']);
  });

  it('refuses before anything is sent: her own, not hers to decide, no such submission, a rejection without a note, one decided already', async () => {
    const { fake, ada: adas, lea: leas } = await world();
    const ada = await engineOf(fake, ADA_TOKEN, { offers: 'submit_timesheet' });
    await ada.engine.call('submit_timesheet', { period_start: LAST_WEEK.first_day });
    const lea = await engineOf(fake, LEA.token, { offers: 'decide_timesheet' });
    lea.sent();
    ada.sent();
    const refused = async (who: Engine, tool: string, args: Record<string, unknown>) => {
      const result = await who.engine.call(tool, args);
      expect(result.isError, textOf(result)).toBe(true);
      return refusalOf(result);
    };
    expect(await refused(lea, 'decide_timesheet', { id: `${leas?.id}:2026-11-09`, decision: 'approve' })).toMatchObject({ code: 'timesheet_own_submission' });
    expect(await refused(lea, 'decide_timesheet', { id: `${adas.id}:2026-11-09`, decision: 'reject' })).toMatchObject({
      code: 'timesheet_rejection_needs_note',
    });
    expect(await refused(lea, 'decide_timesheet', { id: '65f0c1a2b3', decision: 'approve' })).toMatchObject({ code: 'timesheet_submission_not_found' });
    expect(await refused(lea, 'decide_timesheet', { id: '424242:2026-11-09', decision: 'approve' })).toMatchObject({
      code: 'timesheet_submission_not_found',
    });
    expect(lea.sent()).toEqual([]);
    expect(await refused(ada, 'decide_timesheet', { id: `${adas.id}:2026-11-09`, decision: 'approve' })).toMatchObject({
      code: 'timesheet_own_submission',
    });
    expect(await refused(ada, 'decide_timesheet', { id: `${leas?.id}:2026-11-09`, decision: 'approve' })).toMatchObject({
      code: 'timesheet_not_your_decision',
      facts: { person: null, back_end: 'Toggl Track' },
    });
    expect(ada.sent()).toEqual([]);

    await lea.engine.call('decide_timesheet', { id: `${adas.id}:2026-11-09`, decision: 'approve' });
    lea.sent();
    expect(await refused(lea, 'decide_timesheet', { id: `${adas.id}:2026-11-09`, decision: 'approve' })).toMatchObject({
      code: 'timesheet_already_decided',
      facts: { person: 'Ada Lovelace', status: 'approved' },
    });
    // The queue read, nothing changed.
    expect(lea.sent().map((request) => request.method)).toEqual(['GET']);
  });

  it("a workspace admin approving nobody lists the active people's timesheets by their ids (member_ids)", async () => {
    const { fake } = await world({}, { leasSetup: false });
    const ada = await engineOf(fake, ADA_TOKEN, { offers: 'submit_timesheet' });
    await ada.engine.call('submit_timesheet', { period_start: LAST_WEEK.first_day });
    const bob = await engineOf(fake, BOB_TOKEN, { offers: 'decide_timesheet' });
    bob.sent();
    const queue = await bob.engine.call('list_timesheet_approvals', { person: '*' });
    expect(submissionsOf(queue).map((item) => [item.person, item.status])).toEqual([['Ada Lovelace', 'pending']]);
    const requests = bob.sent();
    expect(requests.map(line)).toEqual(['GET /api/v9/workspaces/{id}/workspace_users', 'GET /api/v9/workspaces/{id}/timesheets']);
    expect(queryOf(requests[1]).member_ids?.split(',').map(Number).sort()).toEqual([ADA, LEA.id].sort());
  });

  it('offers nothing to someone no setup names on Premium: withheld in words, nothing sent', async () => {
    const { fake } = await world({}, { leasSetup: false });
    fake.state.timesheetSetups = [];
    const lea = await engineOf(fake, LEA.token);
    await vi.waitFor(() => expect(fake.requests.filter((request) => request.path.endsWith('/timesheet_setups'))).toHaveLength(2), {
      timeout: 5_000,
      interval: 20,
    });
    lea.sent();
    const result = await lea.engine.call('list_timesheet_approvals', {});
    expect(refusalOf(result)).toMatchObject({ code: 'tool_withheld', facts: { tool: 'list_timesheet_approvals', why: 'back_end' } });
    expect(textOf(result)).toContain('a timesheet setup names');
    expect(lea.sent()).toEqual([]);
  });

  it("Toggl's 402 of approvals switches them off as unavailable; a 403 withdraws them in Toggl's words", async () => {
    const { fake } = await world();
    const ada = await engineOf(fake, ADA_TOKEN, { offers: 'submit_timesheet' });
    fake.failNext(
      { method: 'GET', path: /\/timesheets$/ },
      { status: 402, raw: 'Approvals are a premium feature\n', headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
    );
    const unavailable = await ada.engine.call('list_timesheet_approvals', {});
    expect(refusalOf(unavailable)).toMatchObject({ code: 'timesheet_approvals_unavailable', facts: { back_end: 'Toggl Track' } });
    await vi.waitFor(async () => expect(await listed(ada.engine)).not.toContain('list_timesheet_approvals'), { timeout: 5_000, interval: 20 });

    const other = await world();
    const lea = await engineOf(other.fake, LEA.token, { offers: 'decide_timesheet' });
    other.fake.failNext(
      { method: 'GET', path: /\/timesheets$/ },
      { status: 403, raw: 'User does not have access to this resource\n', headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
    );
    const forbidden = await lea.engine.call('list_timesheet_approvals', { person: '*' });
    expect(refusalOf(forbidden)).toMatchObject({ code: 'toggl_forbidden', facts: { message: 'User does not have access to this resource' } });
    await vi.waitFor(async () => expect(await listed(lea.engine)).not.toContain('decide_timesheet'), { timeout: 5_000, interval: 20 });
  });

  it('a status word Punchcard does not know is said as such, never guessed', async () => {
    const { fake, ada: setup } = await world();
    const ada = await engineOf(fake, ADA_TOKEN, { offers: 'submit_timesheet' });
    const strange = { timesheet_setup_id: setup.id, member_id: ADA, status: 'awaiting_review', start_date: '2026-11-09', end_date: '2026-11-15' };
    fake.failNext({ method: 'GET', path: /\/timesheets$/ }, { status: 200, body: { data: [strange], page: 1, per_page: 20, total_count: 1 } });
    const result = await ada.engine.call('list_timesheet_approvals', { from: LAST_WEEK.first_day, to: LAST_WEEK.last_day });
    expect(refusalOf(result)).toMatchObject({ code: 'timesheet_status_unknown', facts: { status: 'awaiting_review', back_end: 'Toggl Track' } });
  });
});

describe('Toggl Track: approved time is kept', () => {
  it('a write into an approved period before the current one reads its timesheet (one request) and is refused, nothing written', async () => {
    const { fake, ada: setup } = await world();
    const ada = await engineOf(fake, ADA_TOKEN, { offers: 'submit_timesheet' });
    await ada.engine.call('submit_timesheet', { period_start: LAST_WEEK.first_day });
    const lea = await engineOf(fake, LEA.token, { offers: 'decide_timesheet' });
    await lea.engine.call('decide_timesheet', { id: `${setup.id}:2026-11-09`, decision: 'approve' });
    ada.sent();
    const entries = fake.state.entries.length;
    const refused = await ada.engine.call('log_time', { date: '2026-11-11', duration: '1h' });
    expect(refusalOf(refused)).toEqual({
      code: 'timesheet_period_locked',
      facts: { ...LAST_WEEK, status: 'approved', reopened_by: 'an_approver', back_end: expect.stringMatching(/^Toggl Track/) },
    });
    expect(ada.sent().filter((request) => request.method !== 'GET')).toEqual([]);
    expect(fake.state.entries.length).toBe(entries);
    // Today's time, in the current period, asks nothing of the timesheets and goes through.
    const today = await ada.engine.call('log_time', { date: '2026-11-18', duration: '1h' });
    expect(today.isError, textOf(today)).toBeFalsy();
    expect(ada.sent().filter((request) => request.path.includes('timesheet'))).toEqual([]);
  });

  it('where Toggl locks a submitted period, a write into it is refused as submitted, for her to withdraw; where not, it goes through', async () => {
    const locking = await world({ periodLockedOn: 'submitted' });
    const ada = await engineOf(locking.fake, ADA_TOKEN, { offers: 'submit_timesheet' });
    await ada.engine.call('submit_timesheet', { period_start: LAST_WEEK.first_day });
    const refused = await ada.engine.call('log_time', { date: '2026-11-11', duration: '1h' });
    expect(refusalOf(refused)).toMatchObject({ code: 'timesheet_period_locked', facts: { ...LAST_WEEK, status: 'pending', reopened_by: 'the_person' } });

    const open = await world({ periodLockedOn: 'approved' });
    const hers = await engineOf(open.fake, ADA_TOKEN, { offers: 'submit_timesheet' });
    await hers.engine.call('submit_timesheet', { period_start: LAST_WEEK.first_day });
    const logged = await hers.engine.call('log_time', { date: '2026-11-11', duration: '1h' });
    expect(logged.isError, textOf(logged)).toBeFalsy();
  });

  it("the current period submitted here is held with nothing asked; submitted elsewhere, Toggl's own words are quoted", async () => {
    const { fake } = await world({ periodLockedOn: 'submitted' });
    const ada = await engineOf(fake, ADA_TOKEN, { offers: 'submit_timesheet' });
    await ada.engine.call('submit_timesheet', { period_start: THIS_WEEK.first_day });
    ada.sent();
    const held = await ada.engine.call('log_time', { date: '2026-11-18', duration: '1h' });
    expect(refusalOf(held)).toMatchObject({ code: 'timesheet_period_locked', facts: { ...THIS_WEEK, status: 'pending' } });
    expect(ada.sent().filter((request) => request.method !== 'GET' || request.path.includes('timesheet'))).toEqual([]);

    // Another process, which has not seen it: Toggl refuses the write itself, in its words.
    const other = await engineOf(fake, ADA_TOKEN, { offers: 'submit_timesheet' });
    other.sent();
    const entries = fake.state.entries.length;
    const refused = await other.engine.call('log_time', { date: '2026-11-18', duration: '1h' });
    expect(refusalOf(refused)).toMatchObject({ code: 'toggl_refused', facts: { message: 'Cannot change locked time entry.' } });
    expect(textOf(refused)).toContain('Cannot change locked time entry.');
    expect(fake.state.entries.length).toBe(entries);
  });
});

/** Each reading of what Toggl leaves undocumented, as the fake can answer it; every value of each switch at least once. */
const READINGS: Array<[string, FakeTogglOptions]> = [
  ['as the reference reads it', {}],
  [
    'inclusive bounds, an array of pages, upper-case words, no open periods, no period_locked',
    { timesheetBounds: 'inclusive', timesheetsListForm: 'pages', timesheetStatusCase: 'upper', openTimesheetsListed: false, periodLockedSaid: false },
  ],
  ['inclusive bounds, a bare array, submitted periods locked', { timesheetBounds: 'inclusive', timesheetsListForm: 'array', periodLockedOn: 'submitted' }],
  [
    'exclusive bounds, a bare array, upper-case words, no open periods',
    { timesheetsListForm: 'array', timesheetStatusCase: 'upper', openTimesheetsListed: false },
  ],
];

describe.each(READINGS)('Toggl Track approvals read right: %s', (_name, options) => {
  it('Ada submits last week, Lea approves it from her queue, and a write into it is refused', async () => {
    const { fake, ada: setup } = await world(options);
    // A week of hers submitted before: listed beside last week, never twice, whatever the bounds.
    fake.state.timesheets.push({ setupId: setup.id, startDate: '2026-11-02', status: 'approved', rejectionComment: '', decidedBy: LEA.id });
    const ada = await engineOf(fake, ADA_TOKEN, { offers: 'submit_timesheet' });
    const submitted = await ada.engine.call('submit_timesheet', { period_start: LAST_WEEK.first_day });
    expect(submitted.isError, textOf(submitted)).toBeFalsy();
    const mine = await ada.engine.call('list_timesheet_approvals', { from: '2026-11-02', to: LAST_WEEK.last_day });
    expect(submissionsOf(mine).map((item) => [item.first_day, item.status])).toEqual([
      ['2026-11-02', 'approved'],
      ['2026-11-09', 'pending'],
    ]);

    const lea = await engineOf(fake, LEA.token, { offers: 'decide_timesheet' });
    const queue = submissionsOf(await lea.engine.call('list_timesheet_approvals', { person: '*', status: 'pending' }));
    expect(queue.map((item) => [item.person, item.first_day])).toEqual([['Ada Lovelace', '2026-11-09']]);
    const decided = await lea.engine.call('decide_timesheet', { id: queue[0]?.id, decision: 'approve' });
    expect(decided.isError, textOf(decided)).toBeFalsy();

    const after = submissionsOf(await ada.engine.call('list_timesheet_approvals', { from: LAST_WEEK.first_day, to: LAST_WEEK.last_day }));
    expect(after).toEqual([expect.objectContaining({ ...LAST_WEEK, status: 'approved', decided_by: 'Lea Lead' })]);
    const entries = fake.state.entries.length;
    const refused = await ada.engine.call('log_time', { date: '2026-11-11', duration: '1h' });
    expect(refusalOf(refused)).toMatchObject({ code: 'timesheet_period_locked', facts: { ...LAST_WEEK, status: 'approved' } });
    expect(fake.state.entries.length).toBe(entries);
  });
});
