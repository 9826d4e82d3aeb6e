// The Clockify tracker acting for one person with an admin's key (time-off-reach.ts, and the organisation.ts of leave/,
// team/ and approvals/): her own leave and timesheet submissions, and a lead's decisions on the people she leads by
// her own role, against the fake Clockify. Bob (an admin of Acme) holds the organisation's key; Ada and Cleo are
// members Mia manages (the vacation policy has team managers approve); Wes is a member of nobody's team. The fake's
// request log shows whom every request names, and nothing sent after a refusal.
import { describe, expect, it } from 'vitest';
import type { IdAliases } from '../../../../mcp-server/providers/id-aliases.ts';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { type MovableClock, movableClockStartingAt } from '../../../support/fake-clock.ts';
import { actingTracker, call, line, narrowedApi, refusal } from './acting-support.ts';
import { approvalRequestsOf } from './fake-clockify-approvals.ts';
import { addMembers, addTimeOff, type FakeClockify, SEED, seedTeam, seedWorkspace, startFakeClockify, TEAM } from './fake-clockify.ts';

const NOW = '2026-11-18T09:00:00+01:00';
const WS = SEED.workspaces.acme;
const { ada, bob, cleo } = SEED.users;
const { mia, wes } = TEAM.users;
const VACATION = SEED.policies.vacation;
const opened = closeAfterEach();

interface Setup {
  fake: FakeClockify;
  tracker: RemoteTracker;
  aliases: IdAliases;
  clock: MovableClock;
}

async function setUp(actingFor: string, before?: (fake: FakeClockify) => void): Promise<Setup> {
  const clock = movableClockStartingAt(NOW);
  const fake = opened(await startFakeClockify({ now: clock }));
  seedWorkspace(fake);
  seedTeam(fake);
  before?.(fake);
  const { tracker, aliases } = await actingTracker(opened, fake, clock, 'clockify-acting-leave', { actingFor });
  return { fake, tracker, aliases, clock };
}

const writes = (fake: FakeClockify, mark = 0) =>
  fake.requests
    .slice(mark)
    .filter((request) => request.method !== 'GET' && !request.path.endsWith('/time-off/requests') && !request.path.endsWith('/users/info'))
    .map(line);

const approvals = (tracker: RemoteTracker) => tracker.approvals as NonNullable<RemoteTracker['approvals']>;
const teamLeaveOf = (tracker: RemoteTracker) => tracker.teamLeave as NonNullable<RemoteTracker['teamLeave']>;
const calendarOf = (tracker: RemoteTracker) => (from: string, to: string) =>
  (tracker.leave as Required<Pick<RemoteTracker['leave'], 'teamAbsences'>>).teamAbsences(from, to);
/** The bodies of the time-off searches sent since `mark` (getTimeOffRequest is a POST that reads). */
const searches = (fake: FakeClockify, mark = 0) =>
  fake.requests
    .slice(mark)
    .filter((request) => request.method === 'POST' && request.path.endsWith('/time-off/requests'))
    .map((request) => JSON.parse(request.body) as { users?: unknown });
const vacation = (firstDay: string, lastDay = firstDay) =>
  ({ type: 'vacation', firstDay, lastDay, firstDayPart: 'full', lastDayPart: 'full', days: 0, comment: 'Family' }) as const;

describe('acting for Ada on Clockify: her own leave', () => {
  it('files her request for her (the path names her), pending as her own would be, the key named as requester', async () => {
    const { fake, tracker } = await setUp(ada);
    const filed = await call(() => tracker.leave.createLeave(vacation('2026-12-01', '2026-12-02')));
    expect(filed).toMatchObject({ status: 'pending', person: 'Ada Lovelace', firstDay: '2026-12-01', lastDay: '2026-12-02', kind: 'Vacation' });
    expect(fake.state.timeOff.filter((request) => request.userId === ada)).toEqual([
      expect.objectContaining({ start: '2026-12-01', end: '2026-12-02', status: 'PENDING', requesterId: bob }),
    ]);
    expect(writes(fake)).toEqual([`POST /workspaces/${WS}/time-off/policies/${VACATION}/users/${ada}/requests`]);
    // Every search is of her requests alone; the key's own filing path is never used.
    for (const search of fake.requests.filter((request) => request.path.endsWith('/time-off/requests')))
      expect(JSON.parse(search.body)).toMatchObject({ users: [ada] });
  });

  it('withdraws a request Clockify approved at once on a policy that needs an approver, and says so; a policy without one stays approved', async () => {
    const { fake, tracker } = await setUp(ada, (server) => {
      server.options.filedForOthersApproved = true;
    });
    expect(await refusal(call(() => tracker.leave.createLeave(vacation('2026-12-01'))))).toEqual({
      code: 'clockify_time_off_approved_at_once',
      facts: { policy: 'Vacation', withdrawn: true },
    });
    expect(fake.state.timeOff.filter((request) => request.userId === ada)).toEqual([]);
    expect(writes(fake)).toEqual([
      `POST /workspaces/${WS}/time-off/policies/${VACATION}/users/${ada}/requests`,
      expect.stringMatching(new RegExp(`^DELETE /workspaces/${WS}/time-off/policies/${VACATION}/requests/`)),
    ]);
    // Sick leave needs nobody's decision: approved for her own key too, and kept.
    const sick = await call(() => tracker.leave.createLeave({ ...vacation('2026-12-03'), type: 'sick' }));
    expect(sick).toMatchObject({ status: 'approved', kind: 'Sick leave' });
  });

  it('says a request Clockify approved at once stands approved where it could not be withdrawn again', async () => {
    const { fake, tracker } = await setUp(ada, (server) => {
      server.options.filedForOthersApproved = true;
    });
    fake.failNext({ method: 'DELETE', path: /\/time-off\/policies\/[^/]+\/requests\// }, { status: 500, body: { message: 'Internal error', code: 500 } });
    expect(await refusal(call(() => tracker.leave.createLeave(vacation('2026-12-01'))))).toEqual({
      code: 'clockify_time_off_approved_at_once',
      facts: { policy: 'Vacation', withdrawn: false },
    });
    expect(fake.state.timeOff.filter((request) => request.userId === ada)).toEqual([expect.objectContaining({ status: 'APPROVED', requesterId: bob })]);
  });

  it('lists her requests and her balance by requests naming her alone', async () => {
    const { fake, tracker } = await setUp(cleo);
    const listed = await call(() => tracker.leave.listLeave({ from: '2026-11-01', to: '2026-12-31' }));
    expect(listed.map((request) => [request.person, request.firstDay, request.status])).toEqual([
      ['Cleo Patra', '2026-11-24', 'pending'],
      ['Cleo Patra', '2026-12-14', 'approved'],
    ]);
    const balance = await call(() => (tracker.leave.leaveBalance as NonNullable<RemoteTracker['leave']['leaveBalance']>)(2026));
    expect(balance).toMatchObject({ entitlement: 20 });
    const balanceReads = fake.requests.filter((request) => request.path.includes('/time-off/balance/'));
    expect(balanceReads.map(line)).toEqual(balanceReads.map(() => `GET /workspaces/${WS}/time-off/balance/user/${cleo}`));
  });

  it("withdraws her own pending request, and refuses a colleague's by its number with nothing sent, at the tool and below it", async () => {
    const { fake, tracker, aliases } = await setUp(ada);
    const own = addTimeOff(fake, { userId: ada, start: '2026-12-07', end: '2026-12-08' });
    const number = await aliases.number('timeOff', own.id);
    await call(() => tracker.leave.listLeave({ from: '2026-12-01', to: '2026-12-31' }));
    const cancelled = await call(() => tracker.leave.cancelLeave(number));
    expect(cancelled.status).toBe('cancelled');
    expect(writes(fake)).toEqual([`DELETE /workspaces/${WS}/time-off/policies/${VACATION}/requests/${own.id}`]);

    const cleos = '64c777ddd3fcab07cfbb4002';
    const theirs = await aliases.number('timeOff', cleos);
    const mark = fake.requests.length;
    expect(await refusal(call(() => tracker.leave.cancelLeave(theirs)))).toEqual({ code: 'clockify_time_off_gone', facts: { request: theirs } });
    // Below the tools, the DELETE by id names nobody: the owner is read first through the search naming Ada.
    const api = await narrowedApi(opened, fake, ada);
    expect(await refusal(api.deleteTimeOff(WS, VACATION, cleos, theirs))).toEqual({ code: 'clockify_time_off_gone', facts: { request: theirs } });
    expect(writes(fake, mark)).toEqual([]);
    expect(fake.state.timeOff.some((request) => request.id === cleos)).toBe(true);
  });

  it("shows her calendar with her own leave only, every search naming her alone, though the key could read everyone's", async () => {
    const { fake, tracker } = await setUp(ada, (server) => {
      addTimeOff(server, { userId: ada, start: '2026-11-26', end: '2026-11-26', status: 'APPROVED' });
    });
    const absences = await call(() => calendarOf(tracker)('2026-11-16', '2026-12-31'));
    expect(absences.map((absence) => absence.person)).toEqual(['Ada Lovelace']);
    // She leads nobody and approves no policy: the colleagues' search names her too, and reads nobody else's.
    expect(searches(fake).map((body) => body.users)).toEqual(searches(fake).map(() => [ada]));
    expect(fake.timeOffRead.flatMap((read) => read.owners).filter((owner) => owner !== ada)).toEqual([]);
  });
});

describe('acting for a lead on Clockify: her people’s leave', () => {
  const teamLeave = (tracker: RemoteTracker) => tracker.teamLeave as NonNullable<RemoteTracker['teamLeave']>;

  it("shows Mia's calendar the approved time off of the people she manages, not Wes's, asking Clockify whom she manages", async () => {
    const { tracker } = await setUp(mia, (fake) => {
      addTimeOff(fake, { userId: wes, start: '2026-12-15', end: '2026-12-15', status: 'APPROVED' });
    });
    const absences = await call(() => (tracker.leave.teamAbsences as NonNullable<RemoteTracker['leave']['teamAbsences']>)('2026-12-01', '2026-12-31'));
    expect(absences.map((absence) => [absence.person, absence.firstDay])).toEqual([['Cleo Patra', '2026-12-14']]);
  });

  it("lists and decides the leave of the people Mia manages, never Wes's nor her own; the note names her", async () => {
    const { fake, tracker, aliases } = await setUp(mia, (server) => {
      addTimeOff(server, { userId: wes, start: '2026-12-09', end: '2026-12-09' });
      addTimeOff(server, { userId: mia, start: '2026-12-10', end: '2026-12-10' });
    });
    await tracker.detectFeatures();
    expect(tracker.capabilities.has('team_leave')).toBe(true);
    const page = await call(() => teamLeave(tracker).pendingLeave({ offset: 0, limit: 20 }));
    expect(page.requests.map((request) => [request.person, request.firstDay])).toEqual([['Cleo Patra', '2026-11-24']]);

    const cleos = await aliases.number('timeOff', '64c777ddd3fcab07cfbb4002');
    const mark = fake.requests.length;
    const decided = await call(async () => teamLeave(tracker).decideLeave(await teamLeave(tracker).findPendingLeave(cleos), 'approve', 'Enjoy'));
    expect(decided.request.status).toBe('approved');
    const patch = fake.requests.slice(mark).filter((request) => request.method === 'PATCH');
    expect(patch.map(line)).toEqual([`PATCH /workspaces/${WS}/time-off/policies/${VACATION}/requests/64c777ddd3fcab07cfbb4002`]);
    expect(JSON.parse(patch[0]?.body ?? '{}')).toEqual({ status: 'APPROVED', note: 'Decided by Mia Manager via Punchcard: Enjoy' });
    // Clockify's record names the key's user as the one who decided.
    expect(fake.state.timeOff.find((request) => request.id === '64c777ddd3fcab07cfbb4002')).toMatchObject({ status: 'APPROVED', changedBy: bob });

    const wesRequest = fake.state.timeOff.find((request) => request.userId === wes) as { id: string };
    const miaRequest = fake.state.timeOff.find((request) => request.userId === mia) as { id: string };
    const before = fake.requests.length;
    expect((await refusal(call(() => teamLeave(tracker).findPendingLeave(999)))).code).toBe('clockify_number_unknown');
    const wesNumber = await aliases.number('timeOff', wesRequest.id);
    const miaNumber = await aliases.number('timeOff', miaRequest.id);
    expect((await refusal(call(() => teamLeave(tracker).findPendingLeave(wesNumber)))).code).toBe('clockify_leave_request_not_shown');
    expect((await refusal(call(() => teamLeave(tracker).findPendingLeave(miaNumber)))).code).toBe('leave_request_own');
    // Below the tools, the PATCH by id: Wes's is not among what the search naming her people reads, her own never decided.
    const api = await narrowedApi(opened, fake, mia);
    expect(await refusal(api.decideTimeOff(WS, VACATION, wesRequest.id, wesNumber, 'APPROVED', undefined))).toEqual({
      code: 'clockify_leave_request_not_shown',
      facts: { request: wesNumber },
    });
    expect(await refusal(api.decideTimeOff(WS, VACATION, miaRequest.id, miaNumber, 'APPROVED', undefined))).toEqual({
      code: 'leave_request_own',
      facts: { request: miaNumber },
    });
    expect(writes(fake, before)).toEqual([]);
  });

  it('offers a member of nobody’s team no leave decisions, and refuses one below the tools with nothing sent', async () => {
    const { fake, tracker } = await setUp(wes);
    await tracker.detectFeatures();
    expect(tracker.capabilities.has('team_leave')).toBe(false);
    expect(await refusal(call(() => (tracker.teamLeave as NonNullable<RemoteTracker['teamLeave']>).pendingLeave({ offset: 0, limit: 5 })))).toMatchObject({
      code: 'clockify_not_leading',
    });
    const mark = fake.requests.length;
    const api = await narrowedApi(opened, fake, wes);
    // Cleo's request is not read for him: the search names the people he may see, himself alone.
    expect((await refusal(api.decideTimeOff(WS, VACATION, '64c777ddd3fcab07cfbb4002', 4, 'REJECTED', 'no'))).code).toBe('clockify_leave_request_not_shown');
    expect(searches(fake, mark).map((body) => body.users)).toEqual([[wes]]);
    expect(writes(fake, mark)).toEqual([]);
  });
});

describe("acting on Clockify: every search of colleagues' time off names the people it is for", () => {
  /** Checks that each search since the marks named some of `people` (never nobody, which is everyone) and read only theirs. */
  const namesOnly = (fake: FakeClockify, people: readonly string[], marks: { requests: number; reads: number }) => {
    const sent = searches(fake, marks.requests);
    expect(sent.length).toBeGreaterThan(0);
    for (const body of sent) {
      expect(Array.isArray(body.users) && body.users.length > 0, JSON.stringify(body)).toBe(true);
      for (const id of body.users as string[]) expect(people, 'named').toContain(id);
    }
    for (const read of fake.timeOffRead.slice(marks.reads)) for (const owner of read.owners) expect(people, 'read').toContain(owner);
  };
  const marksOf = (fake: FakeClockify) => ({ requests: fake.requests.length, reads: fake.timeOffRead.length });

  it("names Mia and the people she manages in her calendar's, her pending list's and her decision's searches, and reads nobody else's", async () => {
    const { fake, tracker, aliases } = await setUp(mia, (server) => {
      addTimeOff(server, { userId: wes, start: '2026-12-15', end: '2026-12-15', status: 'APPROVED' });
      addTimeOff(server, { userId: wes, start: '2026-12-09', end: '2026-12-09' });
      addTimeOff(server, { userId: bob, start: '2026-12-10', end: '2026-12-10' });
    });
    await tracker.detectFeatures();
    const marks = marksOf(fake);
    const absences = await call(() => calendarOf(tracker)('2026-12-01', '2026-12-31'));
    expect(absences.map((absence) => absence.person)).toEqual(['Cleo Patra']);
    const page = await call(() => teamLeaveOf(tracker).pendingLeave({ offset: 0, limit: 20 }));
    expect(page.requests.map((request) => request.person)).toEqual(['Cleo Patra']);
    // A decision below the tools, whose owner is read afresh (no listing of that call): the search names her people again.
    const cleos = await aliases.number('timeOff', '64c777ddd3fcab07cfbb4002');
    const api = await narrowedApi(opened, fake, mia);
    await call(() => api.decideTimeOff(WS, VACATION, '64c777ddd3fcab07cfbb4002', cleos, 'APPROVED', undefined));
    expect(fake.state.timeOff.find((request) => request.id === '64c777ddd3fcab07cfbb4002')?.status).toBe('APPROVED');
    namesOnly(fake, [mia, ada, cleo], marks);
  });

  it('names everyone in the workspace for an admin, in searches of at most 500 people each, and lists a pending request of the last of them', async () => {
    const { olga } = TEAM.users;
    let last = '';
    const { fake, tracker } = await setUp(olga, (server) => {
      const added = addMembers(server, 620);
      last = (added.at(-1) as { id: string }).id;
      addTimeOff(server, { userId: last, start: '2026-12-21', end: '2026-12-21' });
    });
    await tracker.detectFeatures();
    const marks = marksOf(fake);
    const page = await call(() => teamLeaveOf(tracker).pendingLeave({ offset: 0, limit: 50 }));
    expect(page.requests.map((request) => request.person)).toEqual(['Cleo Patra', 'Member 620']);
    const everyone = fake.state.users.filter((user) => user.workspaces.includes(WS)).map((user) => user.id);
    namesOnly(fake, everyone, marks);
    const named = searches(fake, marks.requests).flatMap((body) => body.users as string[]);
    for (const body of searches(fake, marks.requests)) expect((body.users as string[]).length).toBeLessThanOrEqual(500);
    expect(new Set(named)).toEqual(new Set(everyone));
    expect(named.length).toBe(everyone.length);
  });

  it("names a policy's approver the people the policy is for (its user group's), and shows her only that policy's requests", async () => {
    const { fake, tracker } = await setUp(wes, (server) => {
      server.state.userGroups.push({ id: '64c777ddd3fcab07cfbb7001', workspaceId: WS, name: 'Night shift', userIds: [cleo], managerIds: [] });
      const unpaid = server.state.policies.find((policy) => policy.id === SEED.policies.unpaid);
      Object.assign(unpaid ?? {}, { everyoneIncludingNew: false, userIds: [], userGroupIds: ['64c777ddd3fcab07cfbb7001'], approverIds: [wes] });
      addTimeOff(server, { userId: cleo, start: '2026-12-21', end: '2026-12-21', status: 'APPROVED', policyId: SEED.policies.unpaid });
    });
    const marks = marksOf(fake);
    const absences = await call(() => calendarOf(tracker)('2026-12-01', '2026-12-31'));
    // Cleo's unpaid day, which Wes approves; not her vacation (the 14th to 16th), whose policy does not name him.
    expect(absences.map((absence) => [absence.person, absence.firstDay])).toEqual([['Cleo Patra', '2026-12-21']]);
    namesOnly(fake, [wes, cleo], marks);
  });

  it('keeps to the people named where Clockify answers a colleagues’ search with everyone’s (it ignored `users`)', async () => {
    const { fake } = await setUp(mia, (server) => {
      server.options.usersFilter = false;
      addTimeOff(server, { userId: wes, start: '2026-12-15', end: '2026-12-15', status: 'APPROVED' });
    });
    const api = await narrowedApi(opened, fake, mia);
    const answer = await call(() => api.timeOffRequests(WS, { statuses: ['APPROVED'] }, 1, false));
    expect(fake.timeOffRead.some((read) => read.owners.includes(wes))).toBe(true);
    expect((answer?.requests ?? []).map((request) => request.userName)).toEqual(['Cleo Patra']);
  });
});

describe('acting on Clockify: timesheet submissions', () => {
  const week = { firstDay: '2026-11-09', lastDay: '2026-11-15' };
  const submittedBy = (fake: FakeClockify, owner: string, start = '2026-11-09') =>
    approvalRequestsOf(fake.state).push({
      id: `64c777ddd3fcab07cfbb9${owner.slice(-3)}`,
      workspaceId: WS,
      ownerId: owner,
      creatorId: owner,
      start,
      end: '2026-11-15',
      state: 'PENDING',
      note: '',
      updatedAt: 0,
      updatedBy: owner,
    });

  it('submits her week for her, lists hers alone from the workspace-wide list, and withdraws it; a colleague’s is refused unsent', async () => {
    const { fake, tracker } = await setUp(ada, (server) => submittedBy(server, cleo));
    await tracker.detectFeatures();
    expect(tracker.capabilities.has('approvals')).toBe(true);
    const submitted = await call(() => approvals(tracker).submit(week, 'week'));
    expect(submitted).toMatchObject({ personId: ada, status: 'pending', firstDay: '2026-11-09' });
    expect(approvalRequestsOf(fake.state).find((request) => request.ownerId === ada)).toMatchObject({ creatorId: bob, state: 'PENDING' });
    expect(writes(fake)).toEqual([`POST /workspaces/${WS}/approval-requests/users/${ada}`]);

    const own = await call(() => approvals(tracker).own(week));
    expect(own.map((item) => item.personId)).toEqual([ada]);
    const withdrawn = await call(async () => approvals(tracker).withdraw((await approvals(tracker).own(week))[0] as never, 'owner'));
    expect(withdrawn.status).toBe('withdrawn');
    expect(approvalRequestsOf(fake.state).map((request) => request.ownerId)).toEqual([cleo]);

    const mark = fake.requests.length;
    const api = await narrowedApi(opened, fake, ada);
    const cleos = approvalRequestsOf(fake.state)[0]?.id as string;
    expect(await refusal(api.changeApproval(WS, cleos, 'WITHDRAWN_SUBMISSION', undefined, 'withdraw'))).toEqual({
      code: 'timesheet_not_your_decision',
      facts: { person: 'Cleo Patra', back_end: 'Clockify' },
    });
    expect(await refusal(api.changeApproval(WS, cleos, 'APPROVED', undefined, 'approve'))).toMatchObject({ code: 'timesheet_not_your_decision' });
    expect(writes(fake, mark)).toEqual([]);
    // Each list read was the workspace's whole list (it has no user filter), one page of 50 a state.
    const lists = fake.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/approval-requests'));
    expect(lists.length).toBeGreaterThan(0);
    for (const list of lists) expect(list.query).toContain('page=1&');
  });

  it("lets Mia decide the weeks of the people she manages, never Wes's nor her own; the note names her", async () => {
    const { fake, tracker } = await setUp(mia, (server) => {
      submittedBy(server, cleo);
      submittedBy(server, wes);
      submittedBy(server, mia);
    });
    const listed = await call(() => approvals(tracker).toDecide({ span: week, status: undefined, person: undefined, limit: 20 }));
    expect(listed.map((item) => item.person)).toEqual(['Cleo Patra']);
    const mark = fake.requests.length;
    const cleos = listed[0]?.id as string;
    const decided = await call(async () => approvals(tracker).decide(await approvals(tracker).findForDecision(cleos), 'approve', 'Fine'));
    expect(decided.submission).toMatchObject({ status: 'approved', decidedBy: 'Mia Manager', note: 'Decided by Mia Manager via Punchcard: Fine' });
    const patch = fake.requests.slice(mark).filter((request) => request.method === 'PATCH');
    expect(JSON.parse(patch[0]?.body ?? '{}')).toEqual({ state: 'APPROVED', note: 'Decided by Mia Manager via Punchcard: Fine' });
    expect(approvalRequestsOf(fake.state).find((request) => request.id === cleos)).toMatchObject({ state: 'APPROVED', updatedBy: bob });

    const before = fake.requests.length;
    const wesId = approvalRequestsOf(fake.state).find((request) => request.ownerId === wes)?.id as string;
    const miaId = approvalRequestsOf(fake.state).find((request) => request.ownerId === mia)?.id as string;
    expect((await refusal(call(() => approvals(tracker).findForDecision(wesId)))).code).toBe('timesheet_submission_not_found');
    expect((await refusal(call(() => approvals(tracker).findForDecision(miaId)))).code).toBe('timesheet_own_submission');
    const api = await narrowedApi(opened, fake, mia);
    expect((await refusal(api.changeApproval(WS, wesId, 'APPROVED', undefined, 'approve'))).code).toBe('timesheet_not_your_decision');
    expect((await refusal(api.changeApproval(WS, miaId, 'APPROVED', undefined, 'approve'))).code).toBe('timesheet_own_submission');
    expect(writes(fake, before)).toEqual([]);
  });
});

describe('acting on Clockify: what leave and the week’s close send', () => {
  /** The requests one call sends (sorted: a call may send some at once), with the workspace left out of each path. */
  async function sent(setup: Setup, clock: { advance: (ms: number) => void }, work: () => Promise<unknown>): Promise<string[]> {
    clock.advance(6_000);
    const mark = setup.fake.requests.length;
    await call(work);
    return setup.fake.requests
      .slice(mark)
      .map((request) => line(request).replace(`/workspaces/${WS}`, ''))
      .sort();
  }

  it("costs a lead's view of colleagues' time off the people it names: the members, whom she manages (hourly), a search", async () => {
    const managers = (lines: readonly string[]) => lines.map((item) => item.replace(/\/users\/[0-9a-f]{24}\/managers$/, '/users/{member}/managers'));
    const setup = await setUp(mia);
    await setup.tracker.detectFeatures();
    const calendar = () => calendarOf(setup.tracker)('2026-12-01', '2026-12-31');
    // Cold: every member of the workspace (a page of 200), whether Clockify names her the manager of each of the six
    // active others, her role and the policies (hourly), her own search and the one naming her people.
    expect(managers(await sent(setup, setup.clock, calendar))).toEqual([
      'GET /time-off/policies',
      'GET /users',
      ...Array.from({ length: 6 }, () => 'GET /users/{member}/managers'),
      'POST /time-off/requests',
      'POST /time-off/requests',
      'POST /users/info',
      'POST /users/info',
    ]);
    // Warm: the search naming her people alone (her own requests are kept a moment), one request, as before.
    expect(await sent(setup, setup.clock, calendar)).toEqual(['POST /time-off/requests']);
    // An admin's: every member named, in searches of 500; the members' list once in ten minutes.
    const admin = await setUp(TEAM.users.olga);
    await admin.tracker.detectFeatures();
    const adminCalendar = () => calendarOf(admin.tracker)('2026-12-01', '2026-12-31');
    expect(await sent(admin, admin.clock, adminCalendar)).toEqual(['GET /users', 'POST /time-off/requests', 'POST /time-off/requests', 'POST /users/info']);
    expect(await sent(admin, admin.clock, adminCalendar)).toEqual(['POST /time-off/requests']);
    admin.clock.advance(10 * 60_000);
    expect(await sent(admin, admin.clock, adminCalendar)).toEqual(['GET /users', 'POST /time-off/requests']);
  });

  it("costs Ada's warm calls what her own key costs, one more to read a filing back, and her week's lists three", async () => {
    const setup = await setUp(ada);
    const { tracker, fake, aliases } = setup;
    const clock = setup.clock;
    await tracker.detectFeatures();
    await call(() => tracker.leave.createLeave(vacation('2026-12-01')));
    const filedOn = `POST /time-off/policies/${VACATION}/users/${ada}/requests`;
    // What her own key sends (her balances and requests, for the policy and overlaps; the filing), and the read-back.
    expect(await sent(setup, clock, () => tracker.leave.createLeave(vacation('2026-12-08')))).toEqual([
      `GET /time-off/balance/user/${ada}`,
      filedOn,
      'POST /time-off/requests',
      'POST /time-off/requests',
    ]);
    const latest = fake.state.timeOff.filter((request) => request.userId === ada).at(-1) as { id: string };
    const number = await aliases.number('timeOff', latest.id);
    // Her requests read once (the owner's check reuses the tool's own reading of a moment ago), then the DELETE.
    expect(await sent(setup, clock, () => tracker.leave.cancelLeave(number))).toEqual([
      `DELETE /time-off/policies/${VACATION}/requests/${latest.id}`,
      'POST /time-off/requests',
    ]);
    // As with her own key: her balances, her plan (her profile and holidays) and her requests, each on her path or naming her.
    expect(await sent(setup, clock, () => (tracker.leave.leaveBalance as NonNullable<RemoteTracker['leave']['leaveBalance']>)(2026))).toEqual([
      'GET /holidays/in-period',
      `GET /member-profile/${ada}`,
      `GET /time-off/balance/user/${ada}`,
      'POST /time-off/requests',
    ]);
    const week = { firstDay: '2026-11-09', lastDay: '2026-11-15' };
    expect(await sent(setup, clock, () => approvals(tracker).submit(week, 'week'))).toEqual([`POST /approval-requests/users/${ada}`]);
    // The workspace's whole list of each listed state (no user filter), a page of 50 each: three requests.
    expect(await sent(setup, clock, () => approvals(tracker).own(week))).toEqual([
      'GET /approval-requests',
      'GET /approval-requests',
      'GET /approval-requests',
    ]);
    const withdrawal = await sent(setup, clock, async () => approvals(tracker).withdraw((await approvals(tracker).own(week))[0] as never, 'owner'));
    expect(withdrawal).toEqual([
      'GET /approval-requests',
      'GET /approval-requests',
      'GET /approval-requests',
      expect.stringMatching(/^PATCH \/approval-requests\//),
    ]);
  });
});
