// Leave and the week's close on Kimai under the organisation's account (issue 76): the absence plugin and the
// ApprovalBundle through the narrowed API (providers/kimai/acting.ts), for Ada (a plain user), for Tom (the team
// lead of Mia's team, not of Ada's; he decides Mia's leave, as with his own token) and through a key that may not act
// for Ada (a team lead's). The fake Kimai narrows
// nothing for others itself: an administrator's key files and reads anyone's absences and weeks, and a `?user=` the key
// may not use is ignored without a word. What the fake's request log shows was sent, and what was refused unsent.
import { describe, expect, it } from 'vitest';
import { actingKimaiApi } from './kimai-endpoints.ts';
import { weekId } from '../../../../mcp-server/providers/kimai/mapping.ts';
import { kimaiClientFor } from '../../../../mcp-server/providers/kimai/api.ts';
import { loadKimaiTracker } from '../../../../mcp-server/providers/kimai/tracker.ts';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import type { BackEndError, NewLeaveRequest } from '../../../../mcp-server/providers/time-tracker.ts';
import decideLeaveRequest from '../../../../mcp-server/tools/decide-leave-request.ts';
import decideTimesheet from '../../../../mcp-server/tools/decide-timesheet.ts';
import withdrawTimesheet from '../../../../mcp-server/tools/withdraw-timesheet.ts';
import { MAX_REQUESTS_PER_CALL } from '../../../../mcp-server/domain/call-limits.ts';
import { withRequestBudget } from '../../../../mcp-server/providers/remote/request-budget.ts';
import { movableClockStartingAt } from '../../../support/fake-clock.ts';
import { actingToolRunner } from '../acting-tool-context.ts';
import { closedAfterEach, bodyOf, dataFolder, failureOf, queryOf, said, sentDuring, trackerOptions } from './tracker-support.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeKimaiOptions, type FakeUser, type KimaiRequest, seedCatalog, startFakeKimai } from './fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const [ADA, TOM, ROOT] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser];
const MIA: FakeUser = { id: 4, username: 'mia', alias: 'Mia', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-mia-0123456789' };
const at = (iso: string) => Date.parse(iso);

const opened = closedAfterEach();

/** Ada, Tom, Root and Mia; Tom leads Mia's team, which Ada is not in; each has a record this week and last. */
async function setup(
  options: FakeKimaiOptions & { person?: FakeUser; key?: FakeUser; ownToken?: true } = {},
): Promise<{ fake: FakeKimai; tracker: RemoteTracker }> {
  const clock = movableClockStartingAt(NOW);
  const server = await startFakeKimai({
    users: [...DEFAULT_USERS, MIA],
    now: clock,
    ...options,
    config: { absencePlugin: true, approvalPlugin: true, ...options.config },
  });
  opened.fake = server;
  const { website, design } = seedCatalog(server);
  server.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: MIA.id }]);
  for (const owner of [ADA, TOM, MIA])
    for (const day of ['2026-11-10', '2026-11-17'])
      server.addTimesheet({
        userId: owner.id,
        begin: at(`${day}T09:00:00+01:00`),
        end: at(`${day}T10:00:00+01:00`),
        projectId: website.id,
        activityId: design.id,
      });
  const created = (await loadKimaiTracker())({
    ...trackerOptions(server.url, (options.key ?? ROOT).token, dataFolder(opened, 'kimai-acting-leave'), clock),
    // With `ownToken`, the person's own token and no organisation account (the desktop's way), to compare with.
    ...(options.ownToken ? {} : { actingFor: { userId: String((options.person ?? ADA).id) } }),
    approvalToolsWanted: () => true,
  });
  opened.tracker = created;
  await created.detectFeatures();
  return { fake: server, tracker: created };
}

const plugins = (requests: readonly KimaiRequest[]) => requests.filter((request) => /^\/api\/(absences|approval-bundle)/.test(request.path));

const LEAVE: NewLeaveRequest = {
  type: 'vacation',
  firstDay: '2026-12-01',
  lastDay: '2026-12-02',
  firstDayPart: 'full',
  lastDayPart: 'full',
  days: 2,
  comment: 'Trip',
};

describe("a person's leave on Kimai's absence plugin, through the organisation's account", () => {
  it('files, lists and cancels her own absence, every request naming her, and the filing read back pending', async () => {
    const { fake, tracker } = await setup();
    fake.addAbsence({ userId: MIA.id, date: '2026-12-01', type: 'holiday', status: 'new' });
    const sent = await sentDuring(fake, async () => {
      const filed = await tracker.leave.createLeave(LEAVE);
      expect(filed).toMatchObject({ status: 'pending', person: 'Ada Lovelace', firstDay: '2026-12-01', lastDay: '2026-12-02' });
      const listed = await tracker.leave.listLeave({ from: '2026-12-01', to: '2026-12-31' });
      expect(listed.map((request) => [request.id, request.status])).toEqual([[filed.id, 'pending']]);
      expect(await tracker.leave.cancelLeave(filed.id)).toMatchObject({ status: 'cancelled' });
    });
    // Her days listed first: leave over her own waiting or approved leave is refused before anything is filed.
    expect(said(plugins(sent))).toEqual([
      'GET /absences',
      'POST /absences',
      'GET /absences',
      'GET /absences',
      expect.stringMatching(/^DELETE \/absences\/\d+$/),
    ]);
    expect(bodyOf(plugins(sent)[1] as KimaiRequest)).toMatchObject({ user: ADA.id, type: 'holiday', date: '2026-12-01', end: '2026-12-02' });
    for (const request of plugins(sent).filter((item) => item.method === 'GET')) expect(queryOf(request).get('user')).toBe(String(ADA.id));
    // Hers was filed as hers and is gone; Mia's, on the same days, is untouched.
    expect(fake.state.absences.map((absence) => [absence.userId, absence.status])).toEqual([[MIA.id, 'new']]);
  });

  it('takes back an absence the plugin approved at once with the administrator’s rights, and says so; sickness, approved for everyone, stays', async () => {
    const { fake, tracker } = await setup({ config: { absenceStatusFiledForOthers: 'approved' } });
    let refusal: BackEndError | undefined;
    const sent = await sentDuring(fake, async () => {
      refusal = await failureOf(tracker.leave.createLeave(LEAVE));
    });
    expect(refusal?.refusal).toEqual({ code: 'kimai_absence_approved_at_once', facts: { first_day: '2026-12-01', last_day: '2026-12-02', taken_back: true } });
    expect(refusal?.message).toContain('so this server took it back: a request filed for you waits for a decision as your own would');
    expect(said(plugins(sent))).toEqual(['GET /absences', 'POST /absences', 'GET /absences', expect.stringMatching(/^DELETE \/absences\/\d+$/)]);
    expect(fake.state.absences).toEqual([]);
    // Sickness is approved at once whoever files it (the plugin's documentation): her own token would have had it so.
    const sick = await tracker.leave.createLeave({ ...LEAVE, type: 'sick', firstDay: '2026-12-07', lastDay: '2026-12-07', days: 1 });
    expect(sick.id).toBeGreaterThan(0);
    expect(fake.state.absences.map((absence) => [absence.userId, absence.type, absence.status])).toEqual([[ADA.id, 'sickness', 'approved']]);
  });

  it('takes back an absence whose read back failed: its status unknown, it is not left standing', async () => {
    const { fake, tracker } = await setup({ config: { absenceStatusFiledForOthers: 'approved' } });
    // As request_leave files it: the year's absences listed first in the call (the balance), which the overlap is weighed on.
    const sent = await sentDuring(fake, () =>
      withRequestBudget(MAX_REQUESTS_PER_CALL, async () => {
        await tracker.leave.listLeave({ from: '2026-01-01', to: '2026-12-31' });
        fake.failNext({ method: 'GET', path: '/api/absences' }, { status: 500, body: { code: 500, message: 'Internal Server Error' } });
        await expect(tracker.leave.createLeave(LEAVE)).rejects.toThrow();
      }),
    );
    expect(said(plugins(sent))).toEqual(['GET /absences', 'POST /absences', 'GET /absences', expect.stringMatching(/^DELETE \/absences\/\d+$/)]);
    expect(fake.state.absences).toEqual([]);
  });

  it("refuses to cancel Mia's absence by its number: only a listing naming Ada is read, and nothing is deleted", async () => {
    const { fake, tracker } = await setup();
    const mias = fake.addAbsence({ userId: MIA.id, date: '2026-12-01', type: 'holiday', status: 'new' });
    const sent = await sentDuring(fake, async () => {
      expect((await failureOf(tracker.leave.cancelLeave(mias.id))).refusal).toEqual({ code: 'kimai_absence_not_found', facts: { absence: mias.id } });
    });
    expect(said(sent)).toEqual(['GET /absences']);
    expect(queryOf(sent[0] as KimaiRequest).get('user')).toBe(String(ADA.id));
    expect(fake.state.absences).toHaveLength(1);
  });

  it("refuses a listing Kimai answered with the key's own absences (a `user` the key may not use is ignored), and files nothing on it", async () => {
    // The key is Tom's, a team lead granted view_user: Ada is in no team he leads, so the plugin ignores user=Ada.
    const { fake, tracker } = await setup({ key: TOM, config: { granted: { ROLE_TEAMLEAD: ['view_user'] } } });
    fake.addAbsence({ userId: TOM.id, date: '2026-12-01', type: 'holiday', status: 'new' });
    const sent = await sentDuring(fake, async () => {
      expect((await failureOf(tracker.leave.listLeave({ from: '2026-12-01', to: '2026-12-31' }))).refusal.code).toBe('acting_for_answer_not_the_persons');
    });
    expect(sent.filter((request) => request.method !== 'GET')).toEqual([]);
  });
});

describe("a lead's leave decisions on Kimai, through the organisation's account", () => {
  it('lists the pending leave of the people Tom leads, one request per person naming them, and decides Mia’s: her listing read, then the confirm', async () => {
    const { fake, tracker } = await setup({ person: TOM });
    const mias = fake.addAbsence({ userId: MIA.id, date: '2026-12-01', type: 'holiday', status: 'new' });
    fake.addAbsence({ userId: ADA.id, date: '2026-12-02', type: 'holiday', status: 'new' });
    const sent = await sentDuring(fake, async () => {
      const page = await tracker.teamLeave?.pendingLeave({ offset: 0, limit: 20 });
      expect(page?.requests.map((request) => [request.id, request.person])).toEqual([[mias.id, 'Mia']]);
    });
    // Mia's and his own (who else is away): never Ada's, whom he does not lead.
    expect(
      plugins(sent)
        .map((request) => queryOf(request).get('user'))
        .sort(),
    ).toEqual([String(TOM.id), String(MIA.id)]);
    const { run } = actingToolRunner(tracker, () => at(NOW), 'Europe/Berlin');
    const decided = await sentDuring(fake, async () => {
      const outcome = await run(decideLeaveRequest, { id: mias.id, decision: 'approve', reason: 'Enjoy' });
      expect(outcome.data).toMatchObject({ request: { id: mias.id, person: 'Mia', status: 'approved' }, reason_kept: false });
      expect(outcome.text).toContain('keeps no reason with a decision');
    });
    // Whose it is read first, through the listing naming Mia (the confirm names nobody), then decided with the key.
    expect(said(plugins(decided))).toEqual(['GET /absences', `PATCH /absences/${mias.id}/confirm`]);
    expect(queryOf(plugins(decided)[0] as KimaiRequest).get('user')).toBe(String(MIA.id));
    expect(decided.every((request) => request.headers.authorization === `Bearer ${ROOT.token}`)).toBe(true);
    expect(mias.status).toBe('approved');
  });

  it("refuses Tom his own absence, Ada's (of another team) and one decided meanwhile, at the tool and below it, sending no decision", async () => {
    const { fake, tracker } = await setup({ person: TOM });
    const toms = fake.addAbsence({ userId: TOM.id, date: '2026-12-03', type: 'holiday', status: 'new' });
    const adas = fake.addAbsence({ userId: ADA.id, date: '2026-12-02', type: 'holiday', status: 'new' });
    const mias = fake.addAbsence({ userId: MIA.id, date: '2026-12-01', type: 'holiday', status: 'new' });
    await tracker.teamLeave?.pendingLeave({ offset: 0, limit: 20 });
    const { run } = actingToolRunner(tracker, () => at(NOW), 'Europe/Berlin');
    const refused = await sentDuring(fake, async () => {
      for (const [id, code] of [
        // His own, which his listing read (for who else is away), is refused as his own.
        [toms.id, 'leave_request_own'],
        [adas.id, 'kimai_leave_request_not_listed'],
      ] as const) {
        const outcome = await run(decideLeaveRequest, { id, decision: 'approve' }).catch((error: unknown) => error);
        expect((outcome as BackEndError).refusal?.code, `#${id}`).toBe(code);
      }
    });
    expect(refused).toEqual([]);
    // Below the tools, the PATCH by id names nobody: his own (his listing showed it his) and Ada's (no listing of hers
    // is his to read) are refused before it.
    const api = await actingKimaiApi(kimaiClientFor(trackerOptions(fake.url, ROOT.token, opened.dir as string, () => at(NOW))), {
      userId: String(TOM.id),
      now: () => at(NOW),
    });
    const year = { begin: '2026-01-01T00:00:00', end: '2026-12-31T23:59:59', status: 'all' };
    await api.absences({ ...year, user: TOM.id });
    await api.absences({ ...year, user: MIA.id });
    const below = await sentDuring(fake, async () => {
      expect((await failureOf(api.decideAbsence(toms.id, 'confirm'))).refusal).toEqual({ code: 'leave_request_own', facts: { request: toms.id } });
      expect((await failureOf(api.decideAbsence(adas.id, 'reject'))).refusal).toEqual({ code: 'kimai_leave_request_not_listed', facts: { request: adas.id } });
    });
    expect(below).toEqual([]);
    // Decided by someone else in Kimai meanwhile: read again and said so, nothing sent but the read.
    mias.status = 'rejected';
    const clock = { at: at(NOW) };
    const later = await actingKimaiApi(kimaiClientFor(trackerOptions(fake.url, ROOT.token, opened.dir as string, () => clock.at)), {
      userId: String(TOM.id),
      now: () => clock.at,
    });
    await later.absences({ ...year, user: MIA.id });
    clock.at += 60_000;
    const meanwhile = await sentDuring(fake, async () => {
      expect((await failureOf(later.decideAbsence(mias.id, 'confirm'))).refusal).toEqual({
        code: 'leave_request_decided',
        facts: { request: mias.id, person: 'Mia', status: 'rejected' },
      });
    });
    expect(said(meanwhile)).toEqual(['GET /absences']);
    expect([toms.status, adas.status, mias.status]).toEqual(['new', 'new', 'rejected']);
    api.close();
    later.close();
  });

  it('decides as Tom’s own token does: the same tool answer, the same plugin requests, the same record left in Kimai', async () => {
    const outcomes = [];
    for (const ownToken of [true, false]) {
      const { fake, tracker } = await setup({ person: TOM, key: ownToken ? TOM : ROOT, ...(ownToken ? { ownToken } : {}) });
      const mias = fake.addAbsence({ userId: MIA.id, date: '2026-12-01', type: 'holiday', status: 'new', comment: 'Trip' });
      await tracker.teamLeave?.pendingLeave({ offset: 0, limit: 20 });
      const { run } = actingToolRunner(tracker, () => at(NOW), 'Europe/Berlin');
      const sent = await sentDuring(fake, async () => {
        outcomes.push((await run(decideLeaveRequest, { id: mias.id, decision: 'reject', reason: 'Busy' })).data);
      });
      outcomes.push(said(plugins(sent)).map((item) => item.replace(String(mias.id), '{id}')));
      const record = await fetch(`${fake.url}/api/absences?user=${MIA.id}&status=all`, { headers: { Authorization: `Bearer ${ROOT.token}` } });
      outcomes.push(await record.json());
      tracker.close?.();
      await fake.close();
    }
    const [own, ownSent, ownRecord, organisation, organisationSent, organisationRecord] = outcomes;
    expect(organisation).toEqual(own);
    expect(organisationSent).toEqual(ownSent);
    expect(ownSent).toEqual(['GET /absences', 'PATCH /absences/{id}/reject']);
    // The plugin's absence names no decider, whoever decided: Kimai keeps the same record.
    expect(organisationRecord).toEqual(ownRecord);
    expect(JSON.stringify(ownRecord)).not.toMatch(/decided|approver|approved_by|changed/i);
  });

  it('refuses a lead the leave or weeks of someone outside the teams he leads, and anyone a filing or submission for another, unsent', async () => {
    const { fake } = await setup({ person: TOM });
    const api = await actingKimaiApi(kimaiClientFor(trackerOptions(fake.url, ROOT.token, opened.dir as string, () => at(NOW))), {
      userId: String(TOM.id),
      now: () => at(NOW),
    });
    await api.me();
    const year = { begin: '2026-01-01T00:00:00', end: '2026-12-31T23:59:59', status: 'all' };
    const sent = await sentDuring(fake, async () => {
      for (const [name, call] of [
        ['absences of Ada', () => api.absences({ ...year, user: ADA.id })],
        ['absences of Root', () => api.absences({ ...year, user: ROOT.id })],
        ["Ada's week", () => api.weekStatus({ date: '2026-11-09', user: ADA.id })],
        ["Ada's next week", () => api.nextWeek(ADA.id)],
        ["Mia's week submitted by her lead", () => api.submitWeek('2026-11-09', MIA.id)],
        ['an absence for Mia', () => api.createAbsence({ type: 'holiday', date: '2026-12-01', user: MIA.id })],
        ['an absence filed approved', () => api.createAbsence({ type: 'holiday', date: '2026-12-01', status: 'approved' })],
      ] as const)
        expect((await failureOf(call())).refusal.code, name).toBe('kimai_acting_for_withheld');
      // A decision by a number no listing naming one of his people showed: whose it is cannot be known, so it is not sent.
      expect((await failureOf(api.decideAbsence(1, 'confirm'))).refusal).toEqual({ code: 'kimai_leave_request_not_listed', facts: { request: 1 } });
    });
    expect(sent).toEqual([]);
    api.close();
  });

  it('refuses any decision to a person who leads nobody, whatever absence it names, sending nothing', async () => {
    const { fake } = await setup();
    const mias = fake.addAbsence({ userId: MIA.id, date: '2026-12-01', type: 'holiday', status: 'new' });
    const api = await actingKimaiApi(kimaiClientFor(trackerOptions(fake.url, ROOT.token, opened.dir as string, () => at(NOW))), {
      userId: String(ADA.id),
      now: () => at(NOW),
    });
    await api.me();
    const sent = await sentDuring(fake, async () => {
      expect((await failureOf(api.decideAbsence(mias.id, 'confirm'))).refusal).toEqual({
        code: 'kimai_acting_for_withheld',
        facts: { what: 'decide absences' },
      });
    });
    expect(sent).toEqual([]);
    expect(mias.status).toBe('new');
    api.close();
  });
});

describe("a person's week on Kimai's ApprovalBundle, through the organisation's account", () => {
  it('submits her week naming her, lists it as hers, and the plugin keeps the administrator’s account as its submitter', async () => {
    const { fake, tracker } = await setup();
    const week = { firstDay: '2026-11-09', lastDay: '2026-11-15' };
    const sent = await sentDuring(fake, async () => {
      await tracker.approvals?.checkSubmittable?.(week);
      expect(await tracker.approvals?.submit(week, 'week')).toMatchObject({ id: weekId(ADA.id, '2026-11-09'), status: 'pending', personId: String(ADA.id) });
      expect((await tracker.approvals?.own({ firstDay: '2026-11-02', lastDay: '2026-11-22' }))?.map((item) => [item.firstDay, item.status])).toEqual([
        ['2026-11-09', 'pending'],
      ]);
    });
    expect(plugins(sent).length).toBeGreaterThan(2);
    for (const request of plugins(sent)) expect(queryOf(request).get('user'), request.path).toBe(String(ADA.id));
    expect(said(sent.filter((request) => request.method === 'POST'))).toEqual(['POST /approval-bundle/add_to_approve']);
    expect(fake.approvals.status(ADA.id, '2026-11-09')).toBe('submitted');
    expect(fake.approvals.history(ADA.id, '2026-11-09')).toEqual([{ status: 'submitted', by: ROOT.id }]);
  });

  it('refuses to withdraw or decide a week, in words naming the plugin’s pages, sending nothing', async () => {
    const { fake, tracker } = await setup({ person: TOM });
    await fetch(`${fake.url}/api/approval-bundle/add_to_approve?date=2026-11-09`, { method: 'POST', headers: { Authorization: `Bearer ${MIA.token}` } });
    const { run } = actingToolRunner(tracker, () => at(NOW), 'Europe/Berlin');
    const sent = await sentDuring(fake, async () => {
      const decided = await run(decideTimesheet, { id: weekId(MIA.id, '2026-11-09'), decision: 'approve' }).catch((error: unknown) => error);
      expect((decided as BackEndError).refusal).toEqual({
        code: 'timesheet_decided_in_pages',
        facts: { back_end: `Kimai (${fake.url})`, page: `${fake.url}/en/approval/to_approve` },
      });
      const withdrawn = await run(withdrawTimesheet, { id: weekId(TOM.id, '2026-11-09') }).catch((error: unknown) => error);
      expect((withdrawn as BackEndError).refusal.code).toBe('timesheet_withdrawn_in_pages');
    });
    expect(sent).toEqual([]);
    expect(fake.approvals.status(MIA.id, '2026-11-09')).toBe('submitted');
  });

  it("lists the weeks of the people Tom leads, each read naming one of them, and never Ada's, whom he does not lead", async () => {
    const { fake, tracker } = await setup({ person: TOM });
    for (const person of [MIA, ADA])
      await fetch(`${fake.url}/api/approval-bundle/add_to_approve?date=2026-11-09`, { method: 'POST', headers: { Authorization: `Bearer ${person.token}` } });
    const span = { firstDay: '2026-11-02', lastDay: '2026-11-22' };
    const sent = await sentDuring(fake, async () => {
      const found = await tracker.approvals?.toDecide({ span, status: undefined, person: undefined, limit: 10 });
      expect(found?.map((item) => [item.person, item.firstDay, item.status])).toEqual([['Mia', '2026-11-09', 'pending']]);
      // Ada's week by its id: not among his people, refused before her week is asked for.
      expect((await failureOf(tracker.approvals?.findForDecision(weekId(ADA.id, '2026-11-09')))).refusal.code).toBe('timesheet_submission_not_found');
      // The week's entries of Mia, as a lead reads them to decide: one listing naming her.
      const mias = await tracker.approvals?.findForDecision(weekId(MIA.id, '2026-11-09'));
      expect((await tracker.approvals?.entriesOf(mias as never, 10))?.length).toBe(1);
    });
    for (const request of plugins(sent)) expect(queryOf(request).get('user'), request.path).toBe(String(MIA.id));
    expect(sent.filter((request) => queryOf(request).get('user') === String(ADA.id))).toEqual([]);
    expect(sent.filter((request) => request.method !== 'GET')).toEqual([]);
  });
});
