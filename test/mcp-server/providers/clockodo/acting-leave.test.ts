// Leave on Clockodo under the owner's key, acting for one person (mcp-server/providers/clockodo/acting.ts,
// absence-reach.ts; docs/back-ends/clockodo.md "Acting for others"), in process against the fake Clockodo, whose request
// log is the evidence. The fake files an absence the owner's key sends without a status as approved at once (its
// assumption for owners and managers), so a request that waits proves the status was sent. Ada and Bob work in
// Development, which Lea leads; Ned is in the Big team and names Lea his absence manager; Kai is in the Big team and is
// nobody's to decide but the owner's and Mia's (a manager who may manage absences generally).
import { describe, expect, it } from 'vitest';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { movableClockStartingAt } from '../../../support/fake-clock.ts';
import { actingTracker, bodyOf, call, line, narrowedApi, partOf, refusalOf } from './acting-support.ts';
import { DEFAULT_USERS, type FakeClockodo, type FakeUser, type RecordedRequest, startFakeClockodo } from './fake-clockodo.ts';

const [ADA, BOB, MIA, OLGA] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser, FakeUser];
const LEA: FakeUser = { ...ADA, id: 10, name: 'Lea Lead', email: 'lea@example.com', apiKey: 'key-lea-0123456789abcdef', teamsId: 1 };
const NED: FakeUser = {
  ...BOB,
  id: 11,
  name: 'Ned Elsewhere',
  email: 'ned@example.com',
  apiKey: 'key-ned-0123456789abcdef',
  teamsId: 3,
  absenceManagers: [10],
};
const KAI: FakeUser = { ...BOB, id: 12, name: 'Kai Other', email: 'kai@example.com', apiKey: 'key-kai-0123456789abcdef', teamsId: 3 };
/** Wednesday, 6 May 2026, 12:00 in Berlin. */
const NOW = '2026-05-06T12:00:00+02:00';
const opened = closeAfterEach();

async function company(): Promise<FakeClockodo> {
  const fake = opened(await startFakeClockodo({ now: movableClockStartingAt(NOW), users: [ADA, BOB, MIA, OLGA, LEA, NED, KAI] }));
  (fake.state.teams.find((team) => team.id === 1) as { leader: number | null }).leader = LEA.id;
  return fake;
}

/** The tracker the team server opens for `person` with the owner's login and key. */
const trackerFor = (fake: FakeClockodo, person: FakeUser): Promise<RemoteTracker> =>
  actingTracker(opened, fake, movableClockStartingAt(NOW), person, 'clockodo-acting-leave');
const narrowed = (fake: FakeClockodo, person: FakeUser) => narrowedApi(opened, fake, person, movableClockStartingAt(NOW));

const namedIn = (request: RecordedRequest) => new URLSearchParams(request.query).getAll('filter[users_id][]').map(Number);
const absenceRequests = (fake: FakeClockodo, from = 0) => fake.requests.slice(from).filter((request) => request.path.startsWith('/api/v4/absences'));
const writes = (fake: FakeClockodo, from = 0) => fake.requests.slice(from).filter((request) => request.method !== 'GET');
const vacation = (firstDay: string, lastDay: string, comment = '') =>
  ({ type: 'vacation', firstDay, lastDay, firstDayPart: 'full', lastDayPart: 'full', days: 1, comment }) as const;

describe('a person files leave through the owner’s key, and it waits for a decision', () => {
  it('sends the person and the waiting status, reads the request back, and it waits, where the same request unstated is approved at once', async () => {
    const fake = await company();
    // The fake's rule the status guards against: the owner's key, stating no status, files an approved absence.
    const { raw } = await narrowed(fake, ADA);
    const unstated = await raw.createAbsence({ users_id: BOB.id, date_since: '2026-09-01', date_until: '2026-09-01', type: 1 });
    expect(unstated.status).toBe(1);
    const before = fake.requests.length;
    const leave = partOf((await trackerFor(fake, ADA)).leave);
    const filed = await call(() => leave.createLeave(vacation('2026-06-01', '2026-06-03', 'Summer')));
    expect(filed.status).toBe('pending');
    const posts = fake.requests.slice(before).filter((request) => request.method === 'POST');
    expect(posts.map(line)).toEqual(['POST /api/v4/absences']);
    expect(bodyOf(posts[0] as RecordedRequest)).toEqual({
      date_since: '2026-06-01',
      date_until: '2026-06-03',
      type: 1,
      note: 'Summer',
      users_id: ADA.id,
      status: 0,
    });
    // Read back by id, the one request about leave that names nobody.
    expect(absenceRequests(fake, before).map(line).at(-1)).toBe(`GET /api/v4/absences/${filed.id}`);
    const stored = fake.state.absences.find((absence) => absence.id === filed.id);
    expect(stored).toMatchObject({ usersId: ADA.id, status: 0, approvedBy: null });
  });

  it('deletes a request Clockodo stored as approved all the same, and says so', async () => {
    const fake = await company();
    const tracker = await trackerFor(fake, ADA);
    await call(() => partOf(tracker.account).whoami());
    // Clockodo answers the filing with an absence that stands approved (the owner's rights taken over the status sent).
    const approved = fake.addAbsence({ usersId: ADA.id, dateSince: '2026-06-08', dateUntil: '2026-06-08', type: 1, status: 1 });
    fake.failNext({ method: 'POST', path: '/api/v4/absences' }, { status: 200, body: { data: { id: approved.id, users_id: ADA.id, status: 1 } } });
    const before = fake.requests.length;
    const refusal = await refusalOf(call(() => partOf(tracker.leave).createLeave(vacation('2026-06-08', '2026-06-08'))));
    expect(refusal).toEqual({ code: 'clockodo_leave_filed_decided', facts: { absence: approved.id, status: 'approved', removed: true } });
    expect(fake.requests.slice(before).map(line)).toEqual([
      'POST /api/v4/absences',
      `GET /api/v4/absences/${approved.id}`,
      `DELETE /api/v4/absences/${approved.id}`,
    ]);
    expect(fake.state.absences.some((absence) => absence.id === approved.id)).toBe(false);
  });

  it('deletes a request Clockodo filed for someone else, as if it had ignored the person named, and trusts nothing', async () => {
    const fake = await company();
    const tracker = await trackerFor(fake, ADA);
    await call(() => partOf(tracker.account).whoami());
    // The owner's own absence, approved at once: what a filing that lost its users_id would make.
    const owners = fake.addAbsence({ usersId: OLGA.id, dateSince: '2026-06-08', dateUntil: '2026-06-08', type: 1, status: 1 });
    fake.failNext({ method: 'POST', path: '/api/v4/absences' }, { status: 200, body: { data: { id: owners.id, users_id: OLGA.id, status: 1 } } });
    const refusal = await refusalOf(call(() => partOf(tracker.leave).createLeave(vacation('2026-06-08', '2026-06-08'))));
    expect(refusal).toEqual({ code: 'acting_for_answer_not_the_persons', facts: { back_end: 'Clockodo' } });
    expect(fake.state.absences.some((absence) => absence.id === owners.id)).toBe(false);
  });

  it('refuses, sending nothing, a filing that names someone else or a status other than waiting', async () => {
    const fake = await company();
    const { api } = await narrowed(fake, ADA);
    const day = { date_since: '2026-06-01', date_until: '2026-06-01', type: 1 };
    expect((await refusalOf(api.createAbsence({ ...day, users_id: BOB.id }))).code).toBe('clockodo_not_for_others');
    expect((await refusalOf(api.createAbsence({ ...day, status: 1 }))).code).toBe('clockodo_not_for_others');
    expect(fake.requests).toEqual([]);
  });
});

describe("the person's balance and withdrawals", () => {
  it('reads the quota and carry-over with the person named, and refuses an answer naming a colleague', async () => {
    const fake = await company();
    fake.state.holidaysQuota.push(
      { id: 1, usersId: ADA.id, yearSince: 2026, yearUntil: null, count: 28 },
      { id: 2, usersId: BOB.id, yearSince: 2026, yearUntil: null, count: 30 },
    );
    fake.state.holidaysCarry.push({ id: 3, usersId: ADA.id, year: 2026, count: 2 });
    const leave = partOf((await trackerFor(fake, ADA)).leave);
    const balance = await call(() => partOf(leave.leaveBalance).call(leave, 2026));
    expect(balance).toMatchObject({ entitlement: 30, carryOver: 2 });
    const quotas = fake.requests.filter((request) => /holidays/.test(request.path));
    expect(quotas.map((request) => [request.path, new URLSearchParams(request.query).get('users_id')])).toEqual([
      ['/api/v2/holidaysQuota', String(ADA.id)],
      ['/api/v3/holidaysCarry', String(ADA.id)],
    ]);
    fake.failNext(
      { method: 'GET', path: '/api/v2/holidaysQuota' },
      { status: 200, body: { data: [{ id: 2, users_id: BOB.id, year_since: 2027, year_until: null, count: 30 }] } },
    );
    expect((await refusalOf(call(() => partOf(leave.leaveBalance).call(leave, 2027)))).code).toBe('acting_for_answer_not_the_persons');
  });

  it("withdraws the person's waiting request as her own key would: the status refused to the owner's key, the request deleted", async () => {
    const fake = await company();
    const waiting = fake.addAbsence({ usersId: ADA.id, dateSince: '2026-06-01', dateUntil: '2026-06-01', type: 1, status: 0 });
    const leave = partOf((await trackerFor(fake, ADA)).leave);
    await call(() => leave.listLeave({ from: '2026-06-01', to: '2026-06-30' }));
    const before = fake.requests.length;
    expect((await call(() => leave.cancelLeave(waiting.id))).status).toBe('cancelled');
    expect(absenceRequests(fake, before).map(line)).toEqual([
      `GET /api/v4/absences/${waiting.id}`,
      `PUT /api/v4/absences/${waiting.id}`,
      `DELETE /api/v4/absences/${waiting.id}`,
    ]);
    expect(fake.state.absences.some((absence) => absence.id === waiting.id)).toBe(false);
  });

  it("refuses a colleague's absence after reading it by id, and her own approved one, sending no write", async () => {
    const fake = await company();
    const bobs = fake.addAbsence({ usersId: BOB.id, dateSince: '2026-06-01', dateUntil: '2026-06-01', type: 1, status: 0 });
    const approved = fake.addAbsence({ usersId: ADA.id, dateSince: '2026-06-02', dateUntil: '2026-06-02', type: 1, status: 1 });
    const leave = partOf((await trackerFor(fake, ADA)).leave);
    await call(async () => partOf((await trackerFor(fake, ADA)).account).whoami());
    const before = fake.requests.length;
    expect(await refusalOf(call(() => leave.cancelLeave(bobs.id)))).toEqual({ code: 'clockodo_absence_not_yours', facts: { absence: bobs.id } });
    expect(await refusalOf(call(() => leave.cancelLeave(approved.id)))).toEqual({ code: 'clockodo_absence_approved', facts: { absence: approved.id } });
    expect(absenceRequests(fake, before).map(line)).toEqual([`GET /api/v4/absences/${bobs.id}`, `GET /api/v4/absences/${approved.id}`]);
    expect(writes(fake, before)).toEqual([]);
    // The narrowed API holds the same lines to a caller that skips leave.ts: nothing written, each absence read first.
    const { api } = await narrowed(fake, ADA);
    const direct = fake.requests.length;
    expect((await refusalOf(api.setAbsenceStatus(bobs.id, 4))).code).toBe('clockodo_absence_not_yours');
    expect((await refusalOf(api.deleteAbsence(approved.id))).code).toBe('clockodo_absence_approved');
    expect((await refusalOf(api.setAbsenceStatus(approved.id, 3))).code).toBe('clockodo_absence_approved');
    expect(writes(fake, direct)).toEqual([]);
    expect(fake.state.absences.map((absence) => [absence.id, absence.status])).toEqual([
      [bobs.id, 0],
      [approved.id, 1],
    ]);
  });

  it('cancels the approval of her own absence for a manager who manages absences, as her own key would', async () => {
    const fake = await company();
    const approved = fake.addAbsence({ usersId: MIA.id, dateSince: '2026-06-02', dateUntil: '2026-06-02', type: 1, status: 1 });
    const leave = partOf((await trackerFor(fake, MIA)).leave);
    expect((await call(() => leave.cancelLeave(approved.id))).status).toBe('cancelled');
    expect(fake.state.absences.find((absence) => absence.id === approved.id)?.status).toBe(3);
  });
});

describe('the calendar shows what the person could see with her own key', () => {
  it("names only her team (she may see absences) and leaves out a colleague's type and note", async () => {
    const fake = await company();
    fake.addAbsence({ usersId: BOB.id, dateSince: '2026-05-11', dateUntil: '2026-05-11', type: 4, status: 1, note: 'Flu' });
    fake.addAbsence({ usersId: KAI.id, dateSince: '2026-05-11', dateUntil: '2026-05-11', type: 1, status: 1 });
    fake.addAbsence({ usersId: MIA.id, dateSince: '2026-05-12', dateUntil: '2026-05-12', type: 1, status: 1 });
    const leave = partOf((await trackerFor(fake, ADA)).leave);
    const calendar = await call(() => partOf(leave.teamAbsences).call(leave, '2026-05-01', '2026-05-31'));
    expect(calendar.map((absence) => [absence.person, absence.type, absence.own])).toEqual([['Bob Colleague', null, false]]);
    const listings = absenceRequests(fake).filter((request) => request.path === '/api/v4/absences');
    expect(listings.length).toBeGreaterThan(0);
    for (const listing of listings) expect(namedIn(listing).sort()).toEqual([ADA.id, BOB.id, LEA.id].sort());
    expect(JSON.stringify(calendar)).not.toContain('Flu');
  });

  it('names a hundred people to a listing for the owner, who sees everyone’s, and nobody twice', async () => {
    const many = Array.from(
      { length: 150 },
      (_, index): FakeUser => ({ ...BOB, id: 1000 + index, email: `p${index}@example.com`, apiKey: `key-p${index}-0123456789abcdef` }),
    );
    const fake = opened(await startFakeClockodo({ now: movableClockStartingAt(NOW), users: [ADA, BOB, MIA, OLGA, ...many] }));
    const leave = partOf((await trackerFor(fake, OLGA)).leave);
    await call(() => partOf(leave.teamAbsences).call(leave, '2026-05-01', '2026-05-31'));
    const named = absenceRequests(fake)
      .filter((request) => request.path === '/api/v4/absences')
      .map(namedIn);
    expect(named.map((people) => people.length)).toEqual([100, 54]);
    expect(new Set(named.flat()).size).toBe(154);
  });

  it('shows Bob, who may not see absences, his own alone', async () => {
    const fake = await company();
    fake.addAbsence({ usersId: ADA.id, dateSince: '2026-05-11', dateUntil: '2026-05-11', type: 1, status: 1 });
    const leave = partOf((await trackerFor(fake, BOB)).leave);
    expect(await call(() => partOf(leave.teamAbsences).call(leave, '2026-05-01', '2026-05-31'))).toEqual([]);
    for (const listing of absenceRequests(fake).filter((request) => request.path === '/api/v4/absences')) expect(namedIn(listing)).toEqual([BOB.id]);
  });
});

describe("a lead decides her people's leave, and nobody else's", () => {
  async function waiting(fake: FakeClockodo) {
    return {
      ada: fake.addAbsence({ usersId: ADA.id, dateSince: '2026-06-01', dateUntil: '2026-06-01', type: 1, status: 0, note: 'Family visit' }),
      ned: fake.addAbsence({ usersId: NED.id, dateSince: '2026-06-02', dateUntil: '2026-06-02', type: 1, status: 0 }),
      kai: fake.addAbsence({ usersId: KAI.id, dateSince: '2026-06-03', dateUntil: '2026-06-03', type: 1, status: 0 }),
      lea: fake.addAbsence({ usersId: LEA.id, dateSince: '2026-06-04', dateUntil: '2026-06-04', type: 1, status: 0 }),
    };
  }

  it('lists the waiting requests of those she leads and of whom she is absence manager, never her own or another team’s', async () => {
    const fake = await company();
    const ids = await waiting(fake);
    const tracker = await trackerFor(fake, LEA);
    await tracker.detectFeatures?.();
    expect(tracker.capabilities.has('team_leave')).toBe(true);
    const page = await call(() => partOf(tracker.teamLeave).pendingLeave({ offset: 0, limit: 10 }));
    expect(page.requests.map((request) => [request.id, request.person])).toEqual([
      [ids.ada.id, 'Ada Worker'],
      [ids.ned.id, 'Ned Elsewhere'],
    ]);
    // Every listing of absences names people, and only hers to decide or see; Kai is never named.
    const listings = absenceRequests(fake).filter((request) => request.path === '/api/v4/absences');
    expect(listings.every((request) => namedIn(request).length > 0 && !namedIn(request).includes(KAI.id))).toBe(true);
    expect(fake.requests.some((request) => new URLSearchParams(request.query).get('scope') === 'manageableAbsences')).toBe(false);
  });

  it("approves Ada's request after reading it, the note naming Lea after Ada's own words, while Clockodo names the owner", async () => {
    const fake = await company();
    const ids = await waiting(fake);
    const team = partOf((await trackerFor(fake, LEA)).teamLeave);
    const found = await call(() => team.findPendingLeave(ids.ada.id));
    const before = fake.requests.length;
    const decided = await call(() => team.decideLeave(found, 'approve', 'Enjoy'));
    expect(decided.request.status).toBe('approved');
    expect(decided.reasonKept).toBe(false);
    expect(absenceRequests(fake, before).map(line)).toEqual([`GET /api/v4/absences/${ids.ada.id}`, `PUT /api/v4/absences/${ids.ada.id}`]);
    expect(bodyOf(writes(fake, before)[0] as RecordedRequest)).toEqual({
      status: 1,
      note: "Family visit\nApproved by Lea Lead through Punchcard (Clockodo names the company's account).",
    });
    expect(fake.state.absences.find((absence) => absence.id === ids.ada.id)).toMatchObject({ status: 1, approvedBy: OLGA.id });
  });

  it("refuses Kai's request, her own and a decided one, with no write sent", async () => {
    const fake = await company();
    const ids = await waiting(fake);
    const done = fake.addAbsence({ usersId: BOB.id, dateSince: '2026-06-05', dateUntil: '2026-06-05', type: 1, status: 2 });
    const team = partOf((await trackerFor(fake, LEA)).teamLeave);
    expect(await refusalOf(call(() => team.findPendingLeave(ids.kai.id)))).toEqual({
      code: 'clockodo_leave_request_not_managed',
      facts: { request: ids.kai.id },
    });
    expect(await refusalOf(call(() => team.findPendingLeave(ids.lea.id)))).toEqual({ code: 'leave_request_own', facts: { request: ids.lea.id } });
    // A caller past the tool's look-up meets the narrowed API's own read of the absence.
    const { api } = await narrowed(fake, LEA);
    const before = fake.requests.length;
    expect(await refusalOf(api.decideAbsence(ids.kai.id, 1))).toEqual({ code: 'clockodo_leave_request_not_managed', facts: { request: ids.kai.id } });
    expect(await refusalOf(api.decideAbsence(ids.lea.id, 1))).toEqual({ code: 'leave_request_own', facts: { request: ids.lea.id } });
    expect(await refusalOf(api.decideAbsence(done.id, 1))).toEqual({
      code: 'leave_request_decided',
      facts: { request: done.id, person: 'Bob Colleague', status: 'rejected' },
    });
    expect(writes(fake)).toEqual([]);
    expect(
      absenceRequests(fake, before)
        .filter((request) => request.path.startsWith('/api/v4/absences/'))
        .map(line),
    ).toEqual([`GET /api/v4/absences/${ids.kai.id}`, `GET /api/v4/absences/${ids.lea.id}`, `GET /api/v4/absences/${done.id}`]);
    expect(fake.state.absences.filter((absence) => absence.status !== 0).map((absence) => absence.id)).toEqual([done.id]);
  });

  it('refuses a person who decides nobody before reading any absence', async () => {
    const fake = await company();
    await waiting(fake);
    const tracker = await trackerFor(fake, ADA);
    await tracker.detectFeatures?.();
    expect(tracker.capabilities.has('team_leave')).toBe(false);
    expect((await refusalOf(call(() => partOf(tracker.teamLeave).pendingLeave({ offset: 0, limit: 10 })))).code).toBe('clockodo_decides_no_leave');
    expect(absenceRequests(fake)).toEqual([]);
  });

  it("lets a manager who manages absences generally decide Kai's, as Clockodo would let her own key", async () => {
    const fake = await company();
    const ids = await waiting(fake);
    const team = partOf((await trackerFor(fake, MIA)).teamLeave);
    const page = await call(() => team.pendingLeave({ offset: 0, limit: 10 }));
    expect(page.requests.map((request) => request.id)).toEqual([ids.ada.id, ids.ned.id, ids.kai.id, ids.lea.id]);
    await call(async () => team.decideLeave(await team.findPendingLeave(ids.kai.id), 'reject', undefined));
    expect(fake.state.absences.find((absence) => absence.id === ids.kai.id)).toMatchObject({
      status: 2,
      note: "Declined by Mia Manager through Punchcard (Clockodo names the company's account).",
    });
  });
});
