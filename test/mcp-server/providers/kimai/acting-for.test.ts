// The Kimai tracker acting for one person with the organisation's account (providers/kimai/acting.ts) against
// the fake Kimai that acts for others (fake-kimai-acting.ts), which narrows nothing itself: what the fake's request
// log shows was sent, and what was refused with nothing sent. The key is Root's (a super administrator, UTC); the
// person is Ada (a plain user, Berlin) unless a test says otherwise.
import { describe, expect, it } from 'vitest';
import type { KimaiLockdown } from '../../../../mcp-server/contract/kimai-lockdown.ts';
import { PERSON_LOOK_UP_MS } from '../../../../mcp-server/providers/kimai/acting.ts';
import { actingKimaiApi } from './kimai-endpoints.ts';
import { MAX_REQUESTS_PER_CALL } from '../../../../mcp-server/domain/call-limits.ts';
import { kimaiClientFor } from '../../../../mcp-server/providers/kimai/api.ts';
import { loadKimaiTracker } from '../../../../mcp-server/providers/kimai/tracker.ts';
import { withRequestBudget } from '../../../../mcp-server/providers/remote/request-budget.ts';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';
import { movableClockStartingAt, type MovableClock } from '../../../support/fake-clock.ts';
import { bodyOf, closedAfterEach, dataFolder, failureOf, queryOf, said, sentDuring, trackerOptions, writes } from './tracker-support.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeKimaiOptions, type FakeUser, type KimaiRequest, seedCatalog, startFakeKimai } from './fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const [ADA, TOM, ROOT] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser];
const MIA: FakeUser = { id: 4, username: 'mia', alias: 'Mia', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-mia-0123456789' };
const DAN: FakeUser = { id: 5, username: 'dan', alias: 'Dan', timezone: 'UTC', role: 'ROLE_USER', token: 'token-dan-0123456789', enabled: false };
const BOSS: FakeUser = { id: 6, username: 'boss', alias: 'Boss', timezone: 'Europe/Berlin', role: 'ROLE_ADMIN', token: 'token-boss-0123456789' };
const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

const opened = closedAfterEach();

interface Setup {
  fake: FakeKimai;
  tracker: RemoteTracker;
  clock: MovableClock;
  ids: { website: number; design: number; meeting: number; secret: number; secretWork: number };
}

async function setup(
  options: FakeKimaiOptions & { person?: FakeUser | string; key?: FakeUser; lockdown?: KimaiLockdown; own?: boolean; approvalToolsWanted?: boolean } = {},
): Promise<Setup> {
  const clock = movableClockStartingAt(NOW);
  const server = await startFakeKimai({ users: [...DEFAULT_USERS, MIA, DAN, BOSS], now: clock, ...options });
  opened.fake = server;
  const { website, design, meeting } = seedCatalog(server);
  // A customer granted to a team Ada is not in: its project is Mia's team's only.
  const hidden = server.addCustomer('Hidden Corp');
  const secret = server.addProject('Secret', hidden.id);
  const secretWork = server.addActivity('Secret work', secret.id);
  const team = server.addTeam('Secret team', [{ userId: TOM.id, teamlead: true }, { userId: MIA.id }]);
  team.customers = [hidden.id];
  const person = options.person ?? ADA;
  const key = options.own ? (person as FakeUser) : (options.key ?? ROOT);
  const created = (await loadKimaiTracker())({
    ...trackerOptions(server.url, key.token, dataFolder(opened, 'kimai-acting'), clock),
    profile: { type: 'kimai', url: server.url, ...(options.lockdown ? { lockdown: options.lockdown } : {}) },
    ...(options.own ? {} : { actingFor: { userId: typeof person === 'string' ? person : String(person.id) } }),
    ...(options.approvalToolsWanted ? { approvalToolsWanted: () => true } : {}),
  });
  opened.tracker = created;
  return {
    fake: server,
    tracker: created,
    clock,
    ids: { website: website.id, design: design.id, meeting: meeting.id, secret: secret.id, secretWork: secretWork.id },
  };
}

describe('acting for one person on Kimai', () => {
  it('names the person on every request about their time, never uses /active, /recent or /restart, and leaves the key owner alone', async () => {
    const { fake, tracker, ids } = await setup();
    // Root's own timer runs: nothing done for Ada may stop or read it.
    const rootsTimer = fake.addTimesheet({ userId: ROOT.id, begin: at('2026-11-18T06:00:00Z'), end: null, projectId: ids.website, activityId: ids.design });
    const earlier = fake.addTimesheet({
      userId: ADA.id,
      begin: at('2026-11-17T09:00:00+01:00'),
      end: at('2026-11-17T10:00:00+01:00'),
      projectId: ids.website,
      activityId: ids.meeting,
      description: 'Standup',
    });

    // Clock in without a project: Ada's last project and activity again (Kimai's restart would be Root's).
    const { started } = await tracker.timer.startTimer({ projectId: null, activityId: null, description: '' }, false);
    expect(started).toMatchObject({ end: null, project: { id: ids.website }, activity: { id: ids.meeting }, description: 'Standup' });
    expect(await tracker.timer.runningEntry()).toMatchObject({ id: started.id });
    const switched = await tracker.timer.startTimer({ projectId: ids.website, activityId: ids.design, description: 'Landing page' }, true);
    expect(switched.stopped?.id).toBe(started.id);
    const stopped = await tracker.timer.stopTimer(undefined, 'done');
    expect(stopped).toMatchObject({ id: switched.started.id, description: 'Landing page\ndone' });
    const logged = await tracker.entries.createEntry({
      projectId: ids.website,
      activityId: ids.design,
      description: 'Review',
      start: at('2026-11-16T09:00:00+01:00'),
      end: at('2026-11-16T10:30:00+01:00'),
    });
    const listed = await tracker.entries.listEntries({ from: at('2026-11-16T00:00:00+01:00'), to: at('2026-11-19T00:00:00+01:00'), limit: 50, offset: 0 });
    expect(listed.entries.map((entry) => entry.id).sort()).toEqual([earlier.id, started.id, switched.started.id, logged.id].sort());
    await tracker.entries.updateEntry(logged.id, { description: 'Code review' });
    await tracker.entries.deleteEntry(earlier.id);
    await tracker.entries.workSpans(at('2026-11-16T00:00:00+01:00'), at('2026-11-19T00:00:00+01:00'), at(NOW));

    const sheets = fake.requests.filter((request) => request.path.startsWith('/api/timesheets'));
    expect(sheets.length).toBeGreaterThan(8);
    expect(sheets.filter((request) => /\/(active|recent|restart)$/.test(request.path))).toEqual([]);
    for (const request of sheets) {
      if (request.path === '/api/timesheets') {
        if (request.method === 'GET') expect(queryOf(request).get('user'), request.query).toBe(String(ADA.id));
        else expect(bodyOf(request).user, request.body).toBe(ADA.id);
      } else {
        // By id: only Ada's records, each read (or listed as hers) before it was changed.
        const id = Number(/^\/api\/timesheets\/(\d+)/.exec(request.path)?.[1]);
        expect([earlier.id, started.id, switched.started.id, logged.id]).toContain(id);
      }
    }
    // Everything was Ada's; Root's timer still runs.
    expect(fake.state.timesheets.filter((sheet) => sheet.id !== rootsTimer.id).every((sheet) => sheet.userId === ADA.id)).toBe(true);
    expect(rootsTimer.end).toBeNull();
    expect(fake.state.timesheets.some((sheet) => sheet.id === earlier.id)).toBe(false);
  });

  it("resumes the person's last project at a past start as a record of hers begun then, in the key's zone, never with /restart", async () => {
    const { fake, tracker, ids } = await setup();
    fake.addTimesheet({
      userId: ADA.id,
      begin: at('2026-11-17T09:00:00+01:00'),
      end: at('2026-11-17T10:00:00+01:00'),
      projectId: ids.website,
      activityId: ids.meeting,
    });
    const start = at('2026-11-18T07:30:00+01:00');
    const sent = await sentDuring(fake, async () => {
      const { started } = await tracker.timer.startTimer({ projectId: null, activityId: null, description: '', start }, false);
      expect(started).toMatchObject({ start, end: null, project: { id: ids.website }, activity: { id: ids.meeting } });
    });
    expect(said(sent).filter((line) => line.endsWith('/restart'))).toEqual([]);
    // Root's zone is UTC: 07:30 in Berlin is 06:30 there.
    expect(bodyOf(writes(sent)[0] as KimaiRequest)).toMatchObject({ project: ids.website, activity: ids.meeting, begin: '2026-11-18T06:30:00', user: ADA.id });
    expect(fake.state.timesheets.find((sheet) => sheet.end === null)).toMatchObject({ userId: ADA.id, begin: start });
  });

  it("writes the person's times in the key's zone, as Kimai reads them, so the record lands at the person's moment", async () => {
    const { fake, tracker, ids } = await setup();
    const start = at('2026-11-16T09:00:00+01:00');
    const sent = await sentDuring(fake, () =>
      tracker.entries.createEntry({ projectId: ids.website, activityId: ids.design, description: '', start, end: start + HOUR }),
    );
    // Root's zone is UTC: 09:00 in Berlin is 08:00 there.
    expect(bodyOf(writes(sent)[0] as KimaiRequest)).toMatchObject({ begin: '2026-11-16T08:00:00', end: '2026-11-16T09:00:00', user: ADA.id });
    const kept = fake.state.timesheets.find((sheet) => sheet.userId === ADA.id);
    expect(kept).toMatchObject({ begin: start, end: start + HOUR, timezone: 'Europe/Berlin' });
    const listed = await sentDuring(fake, () =>
      tracker.entries.listEntries({ from: at('2026-11-16T00:00:00+01:00'), to: at('2026-11-17T00:00:00+01:00'), limit: 10, offset: 0 }),
    );
    const query = queryOf(listed.find((request) => request.path === '/api/timesheets') as KimaiRequest);
    expect([query.get('begin'), query.get('end')]).toEqual(['2026-11-15T23:00:00', '2026-11-16T22:59:59']);
  });

  it("refuses an answer that is not the person's (Kimai ignored ?user= without view_other_timesheet) and writes nothing", async () => {
    const { fake, tracker, ids } = await setup({ config: { revoked: { ROLE_SUPER_ADMIN: ['view_other_timesheet'] } } });
    fake.addTimesheet({ userId: ROOT.id, begin: at('2026-11-18T06:00:00Z'), end: null, projectId: ids.website, activityId: ids.design });
    fake.addTimesheet({ userId: ROOT.id, begin: at('2026-11-16T09:00:00Z'), end: at('2026-11-16T10:00:00Z'), projectId: ids.website, activityId: ids.design });
    const range = { from: at('2026-11-16T00:00:00+01:00'), to: at('2026-11-19T00:00:00+01:00'), limit: 50, offset: 0 };
    expect((await failureOf(tracker.entries.listEntries(range))).refusal).toEqual({ code: 'acting_for_answer_not_the_persons', facts: { back_end: 'Kimai' } });
    // The running timer read comes back Root's: neither stopped nor switched.
    const sent = await sentDuring(fake, async () => {
      expect((await failureOf(tracker.timer.stopTimer())).refusal.code).toBe('acting_for_answer_not_the_persons');
      expect((await failureOf(tracker.timer.startTimer({ projectId: ids.website, activityId: ids.design, description: '' }, true))).refusal.code).toBe(
        'acting_for_answer_not_the_persons',
      );
    });
    expect(writes(sent)).toEqual([]);
    expect(fake.state.timesheets.every((sheet) => sheet.userId === ROOT.id)).toBe(true);
  });

  it("refuses to read, change, stop or delete a colleague's record by number, with no write sent", async () => {
    const { fake, tracker, ids } = await setup();
    const hers = fake.addTimesheet({ userId: MIA.id, begin: at('2026-11-17T09:00:00+01:00'), end: null, projectId: ids.website, activityId: ids.design });
    const sent = await sentDuring(fake, async () => {
      expect((await failureOf(tracker.entries.getEntry(hers.id))).refusal).toEqual({ code: 'entry_not_yours', facts: { entry: hers.id } });
      expect((await failureOf(tracker.entries.updateEntry(hers.id, { description: 'mine now' }))).refusal.code).toBe('entry_not_yours');
      expect((await failureOf(tracker.entries.updateEntry(hers.id, { end: at('2026-11-17T10:00:00+01:00') }))).refusal.code).toBe('entry_not_yours');
      expect((await failureOf(tracker.entries.deleteEntry(hers.id))).refusal.code).toBe('entry_not_yours');
    });
    expect(writes(sent)).toEqual([]);
    expect(hers).toMatchObject({ end: null, description: null });
  });

  it('holds a plain person to the lockdown when stopping a timer begun in the locked period, as Kimai validates a stop', async () => {
    const lockdown = { period_start: 'first day of previous month 00:00:00', period_end: 'last day of previous month 23:59:59', timezone: 'Europe/Berlin' };
    const { fake, tracker, ids } = await setup({ lockdown });
    // A timer forgotten since the last evening of October: her own token's stop is validated against the lockdown.
    const forgotten = fake.addTimesheet({ userId: ADA.id, begin: at('2026-10-31T22:00:00+01:00'), end: null, projectId: ids.website, activityId: ids.design });
    const sent = await sentDuring(fake, async () => {
      expect((await failureOf(tracker.timer.stopTimer())).refusal).toEqual({ code: 'kimai_lockdown_holds', facts: { until: '2026-10-31T23:59:59+01:00' } });
    });
    expect(writes(sent)).toEqual([]);
    expect(forgotten.end).toBeNull();
  });

  it('holds a plain person to the lockdown although the key is an administrator, and not an administrator person', async () => {
    const lockdown = { period_start: 'first day of previous month 00:00:00', period_end: 'last day of previous month 23:59:59', timezone: 'Europe/Berlin' };
    const { fake, tracker, ids } = await setup({ lockdown });
    const october = fake.addTimesheet({
      userId: ADA.id,
      begin: at('2026-10-20T09:00:00+02:00'),
      end: at('2026-10-20T10:00:00+02:00'),
      projectId: ids.website,
      activityId: ids.design,
    });
    const november = fake.addTimesheet({
      userId: ADA.id,
      begin: at('2026-11-02T09:00:00+01:00'),
      end: at('2026-11-02T10:00:00+01:00'),
      projectId: ids.website,
      activityId: ids.design,
    });
    const sent = await sentDuring(fake, async () => {
      const refusal = (await failureOf(tracker.entries.updateEntry(october.id, { description: 'late fix' }))).refusal;
      expect(refusal).toEqual({ code: 'kimai_lockdown_holds', facts: { until: '2026-10-31T23:59:59+01:00' } });
      expect((await failureOf(tracker.entries.deleteEntry(october.id))).refusal.code).toBe('kimai_lockdown_holds');
      // Moving a record into the period, or logging one there.
      expect((await failureOf(tracker.entries.updateEntry(november.id, { start: at('2026-10-30T09:00:00+01:00') }))).refusal.code).toBe('kimai_lockdown_holds');
      const logged = tracker.entries.createEntry({
        projectId: ids.website,
        activityId: ids.design,
        description: '',
        start: at('2026-10-29T09:00:00+01:00'),
        end: at('2026-10-29T10:00:00+01:00'),
      });
      expect((await failureOf(logged)).refusal.code).toBe('kimai_lockdown_holds');
    });
    expect(writes(sent)).toEqual([]);
    // After the period the person is free.
    await tracker.entries.updateEntry(november.id, { description: 'fine' });
    expect(november.description).toBe('fine');

    tracker.close();
    await fake.close();
    const admin = await setup({ lockdown, person: BOSS });
    const his = admin.fake.addTimesheet({
      userId: BOSS.id,
      begin: at('2026-10-20T09:00:00+02:00'),
      end: at('2026-10-20T10:00:00+02:00'),
      projectId: admin.ids.website,
      activityId: admin.ids.design,
    });
    await admin.tracker.entries.updateEntry(his.id, { description: 'an administrator may' });
    expect(his.description).toBe('an administrator may');
  });

  it("holds a plain person to the punch-clock tracking mode, which the administrator's key may pass, and not a team lead", async () => {
    const { fake, tracker, ids } = await setup({ config: { trackingMode: 'punch' } });
    const start = at('2026-11-16T09:00:00+01:00');
    const entry = { projectId: ids.website, activityId: ids.design, description: '', start, end: start + HOUR };
    const sent = await sentDuring(fake, async () => {
      expect((await failureOf(tracker.entries.createEntry(entry))).refusal).toEqual({
        code: 'kimai_tracking_mode_times',
        facts: { mode: 'punch', times: 'logged' },
      });
    });
    expect(writes(sent)).toEqual([]);
    // Clocking in now sets no time: it goes.
    await tracker.timer.startTimer({ projectId: ids.website, activityId: ids.design, description: '' }, false);
    tracker.close();
    await fake.close();
    const lead = await setup({ person: TOM, config: { trackingMode: 'punch' } });
    await lead.tracker.entries.createEntry({ ...entry, projectId: lead.ids.website, activityId: lead.ids.design });
    expect(lead.fake.state.timesheets.filter((sheet) => sheet.userId === TOM.id)).toHaveLength(1);
  });

  it("refuses an exported record to a plain person, which the administrator's key could change", async () => {
    const { fake, tracker, ids } = await setup();
    const exported = fake.addTimesheet({
      userId: ADA.id,
      begin: at('2026-11-16T09:00:00+01:00'),
      end: at('2026-11-16T10:00:00+01:00'),
      projectId: ids.website,
      activityId: ids.design,
      exported: true,
    });
    const sent = await sentDuring(fake, async () => {
      expect((await failureOf(tracker.entries.updateEntry(exported.id, { description: 'x' }))).refusal).toEqual({
        code: 'kimai_entry_exported',
        facts: { entry: exported.id },
      });
      expect((await failureOf(tracker.entries.deleteEntry(exported.id))).refusal.code).toBe('kimai_entry_locked');
    });
    expect(writes(sent)).toEqual([]);
  });

  it("holds a plain person to the approval plugin's lock on their submitted and approved weeks, a timer's stop too, which the key's role is not held by", async () => {
    const { fake, tracker, ids } = await setup({ config: { approvalPlugin: true } });
    const tuesday = fake.addTimesheet({
      userId: ADA.id,
      begin: at('2026-11-10T09:00:00+01:00'),
      end: at('2026-11-10T10:00:00+01:00'),
      projectId: ids.website,
      activityId: ids.design,
    });
    // Ada submits her week in Kimai herself.
    const submitted = await fetch(`${fake.url}/api/approval-bundle/add_to_approve?date=2026-11-09`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADA.token}` },
    });
    expect(submitted.status).toBe(200);
    const week = { first_day: '2026-11-09', last_day: '2026-11-15', reopened_by: 'an_administrator', back_end: 'Kimai' };
    const sent = await sentDuring(fake, async () => {
      expect((await failureOf(tracker.entries.updateEntry(tuesday.id, { description: 'after the fact' }))).refusal).toEqual({
        code: 'timesheet_period_locked',
        facts: { ...week, status: 'pending' },
      });
      fake.approvals.decide(ADA.id, '2026-11-09', 'approved');
      const logged = tracker.entries.createEntry({
        projectId: ids.website,
        activityId: ids.design,
        description: '',
        start: at('2026-11-11T09:00:00+01:00'),
        end: at('2026-11-11T10:00:00+01:00'),
      });
      expect((await failureOf(logged)).refusal).toEqual({ code: 'timesheet_period_locked', facts: { ...week, status: 'approved' } });
      expect((await failureOf(tracker.entries.deleteEntry(tuesday.id))).refusal.code).toBe('timesheet_period_locked');
      // A timer she forgot on the Thursday of that week: its stop would end it there, so it is held as a change is.
      fake.addTimesheet({ userId: ADA.id, begin: at('2026-11-12T16:00:00+01:00'), end: null, projectId: ids.website, activityId: ids.design });
      expect((await failureOf(tracker.timer.stopTimer())).refusal).toEqual({ code: 'timesheet_period_locked', facts: { ...week, status: 'approved' } });
      // A week before the first one she submitted: never submitted, held by the plugin's lockdown all the same, and said so.
      const earlier = tracker.entries.createEntry({
        projectId: ids.website,
        activityId: ids.design,
        description: '',
        start: at('2026-11-03T09:00:00+01:00'),
        end: at('2026-11-03T10:00:00+01:00'),
      });
      expect((await failureOf(earlier)).refusal).toEqual({
        code: 'timesheet_period_locked',
        facts: { ...week, first_day: '2026-11-02', last_day: '2026-11-08', status: 'not_submitted' },
      });
    });
    expect(writes(sent)).toEqual([]);
    // Every plugin read named her.
    for (const request of sent.filter((item) => item.path.startsWith('/api/approval-bundle'))) expect(queryOf(request).get('user')).toBe(String(ADA.id));
    expect(fake.state.timesheets.filter((sheet) => sheet.userId === ADA.id && sheet.end === null)).toHaveLength(1);
    // The week after is open.
    await tracker.entries.createEntry({
      projectId: ids.website,
      activityId: ids.design,
      description: '',
      start: at('2026-11-17T09:00:00+01:00'),
      end: at('2026-11-17T10:00:00+01:00'),
    });
    expect(fake.state.timesheets.filter((sheet) => sheet.userId === ADA.id)).toHaveLength(3);
  });

  it("books only where the person's teams reach, and shows them only that catalog", async () => {
    const { fake, tracker, ids } = await setup();
    // A global activity granted to Mia's team only.
    const privateCall = fake.addActivity('Private call', null);
    (fake.state.teams[0] as { activities?: number[] }).activities = [privateCall.id];
    const catalog = await tracker.catalog.catalog(true);
    expect(catalog.projects.map((project) => project.name)).toEqual(['Website']);
    expect(catalog.customers.map((customer) => customer.name)).toEqual(['ACME']);
    expect(catalog.activities.map((activity) => activity.name).sort()).toEqual(['Design', 'Meeting']);
    const sent = await sentDuring(fake, async () => {
      const logged = tracker.entries.createEntry({
        projectId: ids.secret,
        activityId: ids.secretWork,
        description: '',
        start: at('2026-11-16T09:00:00+01:00'),
        end: at('2026-11-16T10:00:00+01:00'),
      });
      expect((await failureOf(logged)).refusal).toEqual({
        code: 'acting_for_booking_not_open',
        facts: { back_end: 'Kimai', project: `project #${ids.secret}` },
      });
      expect((await failureOf(tracker.timer.startTimer({ projectId: ids.secret, activityId: ids.secretWork, description: '' }, false))).refusal.code).toBe(
        'acting_for_booking_not_open',
      );
      expect((await failureOf(tracker.timer.startTimer({ projectId: ids.website, activityId: privateCall.id, description: '' }, false))).refusal).toEqual({
        code: 'acting_for_booking_not_open',
        facts: { back_end: 'Kimai', project: `activity #${privateCall.id}` },
      });
    });
    expect(writes(sent)).toEqual([]);

    tracker.close();
    await fake.close();
    // Mia is in the team the customer is granted to: she books it.
    const member = await setup({ person: MIA });
    expect((await member.tracker.catalog.catalog(true)).projects.map((project) => project.name).sort()).toEqual(['Secret', 'Website']);
    const { started } = await member.tracker.timer.startTimer({ projectId: member.ids.secret, activityId: member.ids.secretWork, description: '' }, false);
    expect(member.fake.state.timesheets.find((sheet) => sheet.id === started.id)?.userId).toBe(MIA.id);
  });

  it("works out a person's reach in a company of sixty teams within one call's requests, reading no team", async () => {
    const { fake, tracker, ids } = await setup();
    // Sixty teams, each granted a project of its own (and the last one a customer); Ada is in two of them.
    const acme = fake.state.customers.find((customer) => customer.name === 'ACME') as { id: number };
    const projects = Array.from({ length: 60 }, (_, index) => fake.addProject(`Project ${String(index).padStart(2, '0')}`, acme.id));
    const walled = fake.addCustomer('Walled');
    const walledProject = fake.addProject('Walled work', walled.id);
    projects.forEach((project, index) => {
      const members = [{ userId: TOM.id, teamlead: true }, ...(index === 7 || index === 42 ? [{ userId: ADA.id }] : [])];
      const team = fake.addTeam(`Team ${index}`, members);
      team.projects = [project.id];
      if (index === 59) team.customers = [walled.id];
    });
    const inBudget = <T>(work: () => Promise<T>) => withRequestBudget(MAX_REQUESTS_PER_CALL, work);

    const cold = await sentDuring(fake, async () => {
      const catalog = await inBudget(() => tracker.catalog.catalog(true));
      expect(catalog.projects.map((project) => project.name).sort()).toEqual(['Project 07', 'Project 42', 'Website']);
      expect(catalog.customers.map((customer) => customer.name)).toEqual(['ACME']);
    });
    // The reach costs the catalog's three lists, whatever the number of teams: no team is read one by one. The cold
    // call is the person (2), the reach (3) and the catalog (3): 8, where reading the 61 teams one by one cost 69.
    expect(cold.filter((request) => request.path.startsWith('/api/teams'))).toEqual([]);
    expect(said(cold).sort()).toEqual(
      ['GET /users', 'GET /users/me', ...['/customers', '/projects', '/activities'].flatMap((list) => [`GET ${list}`, `GET ${list}`])].sort(),
    );
    const booking = await sentDuring(fake, async () => {
      const logged = await inBudget(() =>
        tracker.entries.createEntry({
          projectId: (projects[42] as { id: number }).id,
          activityId: ids.meeting,
          description: '',
          start: at('2026-11-16T09:00:00+01:00'),
          end: at('2026-11-16T10:00:00+01:00'),
        }),
      );
      expect(fake.state.timesheets.find((sheet) => sheet.id === logged.id)?.userId).toBe(ADA.id);
      for (const closed of [projects[8] as { id: number }, walledProject]) {
        const refused = inBudget(() => tracker.timer.startTimer({ projectId: closed.id, activityId: ids.meeting, description: '' }, false));
        expect((await failureOf(refused)).refusal).toEqual({
          code: 'acting_for_booking_not_open',
          facts: { back_end: 'Kimai', project: `project #${closed.id}` },
        });
      }
    });
    expect(writes(booking).map((request) => request.method)).toEqual(['POST']);
    // Warm, within the hour: neither the reach nor the catalog is read again.
    const warm = await sentDuring(fake, () => inBudget(() => tracker.catalog.catalog(true)));
    expect(warm).toEqual([]);
  });

  it('refuses a deactivated or vanished person before anything about them is sent, and sees a deactivation within the hour', async () => {
    const disabled = await setup({ person: DAN });
    const sent = await sentDuring(disabled.fake, async () => {
      expect((await failureOf(disabled.tracker.entries.listEntries({ from: 0, to: at(NOW), limit: 5, offset: 0 }))).refusal).toEqual({
        code: 'acting_for_person_deactivated',
        facts: { back_end: 'Kimai', user_id: String(DAN.id) },
      });
    });
    expect(said(sent).sort()).toEqual(['GET /users', 'GET /users/me']);
    opened.tracker?.close();
    await opened.fake?.close();

    const vanished = await setup({ person: '99' });
    expect((await failureOf(vanished.tracker.timer.runningEntry())).refusal).toEqual({
      code: 'acting_for_person_missing',
      facts: { back_end: 'Kimai', user_id: '99' },
    });
    expect(vanished.fake.requests.filter((request) => request.path.startsWith('/api/timesheets'))).toEqual([]);
    opened.tracker?.close();
    await opened.fake?.close();

    const { fake: server, tracker: later, clock } = await setup();
    await later.timer.runningEntry();
    (server.state.users.find((user) => user.id === ADA.id) as FakeUser).enabled = false;
    // Within the hour the person read at open still holds (one look-up per person per hour)…
    await later.timer.runningEntry();
    expect(server.requests.filter((request) => request.path === '/api/users')).toHaveLength(1);
    // …and past it the next call is refused, nothing about her time sent.
    clock.advance(PERSON_LOOK_UP_MS);
    const after = await sentDuring(server, async () => {
      expect((await failureOf(later.timer.runningEntry())).refusal.code).toBe('acting_for_person_deactivated');
    });
    expect(after.filter((request) => request.path.startsWith('/api/timesheets'))).toEqual([]);
  });

  it("tells the person a token Kimai no longer accepts is the administrator's to renew, not theirs to create", async () => {
    const renewed: FakeUser = { ...ROOT, token: 'token-renewed-0123456789' };
    const { tracker: refused } = await setup({ key: renewed });
    const failure = await failureOf(refused.timer.runningEntry());
    expect(failure.refusal).toEqual({ code: 'organisation_key_refused', facts: { back_end: 'Kimai' } });
    expect(failure.message).toBe(
      "Kimai did not accept your company's account, through which this server acts for you (its key may have been renewed or revoked). Tell your administrator; nothing was done.",
    );
    expect(failure.message).not.toMatch(/Kimai profile|API token|PUNCHCARD_KIMAI_TOKEN/);
  });

  it("offers a team lead the team's hours and projects, narrowed to the people of the teams they lead", async () => {
    const { fake, tracker, ids } = await setup({ person: TOM });
    const monday = at('2026-11-16T09:00:00+01:00');
    for (const owner of [TOM, MIA, ADA, ROOT])
      fake.addTimesheet({ userId: owner.id, begin: monday, end: monday + HOUR, projectId: ids.website, activityId: ids.design });
    const week = { from: at('2026-11-16T00:00:00+01:00'), to: at('2026-11-23T00:00:00+01:00'), offset: 0, limit: 50 };
    const sent = await sentDuring(fake, async () => {
      const work = await tracker.teamHours?.teamWork(week);
      expect(work?.people.map((person) => person.person.name).sort()).toEqual(['Mia', 'Tom Lead']);
      const project = await tracker.teamProjects?.projectWork(ids.website);
      expect(project?.spans.map((span) => span.person).sort()).toEqual(['Mia', 'Tom Lead']);
    });
    // Nobody's time but theirs was asked for, by name.
    const sheets = sent.filter((request) => request.path === '/api/timesheets');
    expect(sheets.length).toBeGreaterThan(1);
    for (const request of sheets) {
      expect(queryOf(request).get('user')).toBeNull();
      expect(queryOf(request).getAll('users[]')).toEqual([String(TOM.id), String(MIA.id)]);
    }
    // A by-id write still reaches only his own records, though he read Mia's.
    const hers = fake.state.timesheets.find((sheet) => sheet.userId === MIA.id) as { id: number };
    expect((await failureOf(tracker.entries.updateEntry(hers.id, { description: 'lead edit' }))).refusal.code).toBe('entry_not_yours');
  });

  it("judges a booking by the person's role as read within the hour: an administrator made a plain user loses everyone's projects then", async () => {
    const { fake, tracker, ids, clock } = await setup({ person: BOSS });
    const secretHour = (day: string) => ({
      projectId: ids.secret,
      activityId: ids.secretWork,
      description: '',
      start: at(`${day}T09:00:00+01:00`),
      end: at(`${day}T10:00:00+01:00`),
    });
    await tracker.account?.whoami();
    // Fifty minutes on, an administrator books on a project of a team she is not in (Kimai lets her own token too).
    clock.advance(50 * 60_000);
    await tracker.entries.createEntry(secretHour('2026-11-16'));
    // She is made a plain user; past the hour the person read at open is read again and holds her.
    (fake.state.users.find((user) => user.id === BOSS.id) as FakeUser).role = 'ROLE_USER';
    clock.advance(11 * 60_000);
    const sent = await sentDuring(fake, async () => {
      expect((await failureOf(tracker.entries.createEntry(secretHour('2026-11-17')))).refusal).toEqual({
        code: 'acting_for_booking_not_open',
        facts: { back_end: 'Kimai', project: `project #${ids.secret}` },
      });
    });
    expect(writes(sent)).toEqual([]);
  });

  it("shows a team lead a project's budget only where Kimai would: on a project of a team they lead, not on an open one", async () => {
    const { fake, tracker, ids } = await setup({ person: TOM });
    // Kimai's budget_teamlead_project: the budget of projects (or customers' projects) assigned to a team the lead leads.
    // Website is granted to no team (open to all, led by nobody); Secret is of the customer granted to Tom's team.
    Object.assign(fake.state.projects.find((project) => project.id === ids.website) as object, { budget: 5000, timeBudget: (100 * HOUR) / 1000 });
    Object.assign(fake.state.projects.find((project) => project.id === ids.secret) as object, { budget: 800, timeBudget: (10 * HOUR) / 1000 });
    const open = await tracker.teamProjects?.projectWork(ids.website);
    expect(open?.budget).toEqual({ hours: null, money: null, currency: null, monthly: false });
    const led = await tracker.teamProjects?.projectWork(ids.secret);
    expect(led?.budget).toMatchObject({ hours: 10, money: 800 });
  });

  it("refuses a team read that holds someone the person does not lead, and never reads everyone's for a plain person", async () => {
    const lead = await setup({ person: TOM, config: { revoked: { ROLE_SUPER_ADMIN: ['view_other_timesheet'] } } });
    lead.fake.addTimesheet({
      userId: ROOT.id,
      begin: at('2026-11-16T09:00:00+01:00'),
      end: at('2026-11-16T10:00:00+01:00'),
      projectId: lead.ids.website,
      activityId: lead.ids.design,
    });
    const week = { from: at('2026-11-16T00:00:00+01:00'), to: at('2026-11-23T00:00:00+01:00'), offset: 0, limit: 50 };
    expect((await failureOf(lead.tracker.teamHours?.teamWork(week) ?? Promise.resolve())).refusal.code).toBe('acting_for_answer_not_the_persons');
    opened.tracker?.close();
    await opened.fake?.close();

    const plain = await setup();
    const sent = await sentDuring(plain.fake, async () => {
      expect((await failureOf(plain.tracker.teamHours?.teamWork(week) ?? Promise.resolve())).refusal.code).toBe('kimai_leads_nobody');
    });
    expect(sent.filter((request) => request.path.startsWith('/api/timesheets'))).toEqual([]);
  });

  it("offers the person's own time tools whatever their role, leave and approvals where the plugins answer, the team's to a lead alone, no admin or new catalog items", async () => {
    for (const person of [ADA, TOM, ROOT]) {
      const { tracker: acting } = await setup({ person, config: { absencePlugin: true, approvalPlugin: true }, approvalToolsWanted: true });
      const own = ['account', 'entries', 'entries_edit', 'reports', 'timer', 'catalog'];
      // Before any check: neither the plugins nor a lead's role are assumed (unknown is no).
      expect([...acting.capabilities].sort(), person.username).toEqual(own.sort());
      await acting.detectFeatures();
      const withPlugins = [...own, 'leave', 'leave_cancel', 'calendar', 'approvals', 'approvals_workflow'];
      expect([...acting.capabilities].sort(), person.username).toEqual(
        (person === TOM ? [...withPlugins, 'team_hours', 'team_projects', 'team_leave'] : withPlugins).sort(),
      );
      expect(await acting.account.whoami()).toMatchObject({
        connection: expect.stringContaining(`as "${person.username}"; through your company's account, which Punchcard narrows to your own time and leave`),
      });
      acting.close();
      await opened.fake?.close();
      opened.fake = opened.tracker = undefined;
    }
    // Without the plugins, nothing of them is offered and the person's leave is not asked for at all.
    const { fake: bare, tracker: acting } = await setup({ approvalToolsWanted: true });
    await acting.detectFeatures();
    expect([...acting.capabilities].sort()).toEqual(['account', 'entries', 'entries_edit', 'reports', 'timer', 'catalog'].sort());
    const sent = await sentDuring(bare, async () => {
      expect(await acting.leave.listLeave({ from: '2026-01-01', to: '2026-12-31' })).toEqual([]);
    });
    expect(sent).toEqual([]);
  });

  it('refuses every method the narrowed API does not narrow, sending nothing (an allow-list)', async () => {
    const { fake } = await setup();
    const api = await actingKimaiApi(kimaiClientFor(trackerOptions(fake.url, ROOT.token, opened.dir as string, Date.now)), {
      userId: String(ADA.id),
      now: Date.now,
    });
    const narrowed = new Set([
      'baseUrl',
      'pager',
      'version',
      'me',
      'timesheetConfig',
      'activeTimesheets',
      'recentTimesheets',
      'timesheetPage',
      'timesheet',
      'createTimesheet',
      'patchTimesheet',
      'stopTimesheet',
      'restartTimesheet',
      'deleteTimesheet',
      'findTags',
      'createTag',
      // The custom-fields plugin's rules, and a meta field of the person's own record (the test beside this one).
      'metaFieldRules',
      'setTimesheetMeta',
      'customers',
      'projects',
      'activities',
      // The plugins, narrowed to the person (acting-for-leave.test.ts).
      'absenceTypes',
      'absences',
      'createAbsence',
      'deleteAbsence',
      // A team lead's decision on the leave of the people they lead (issue 83; acting-for-leave.test.ts).
      'decideAbsence',
      'weekStatus',
      'nextWeek',
      'submitWeek',
      'close',
    ]);
    const others = Object.keys(api).filter((name) => !narrowed.has(name));
    expect(others.length).toBeGreaterThan(15);
    const before = fake.requests.length;
    for (const name of others) {
      const method = (api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[name] as (...args: unknown[]) => Promise<unknown>;
      const error = await method(1, 2, 3).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error, name).toBeInstanceOf(BackEndError);
      expect(['kimai_acting_for_withheld', 'kimai_forbidden'], name).toContain((error as BackEndError).refusal.code);
    }
    expect(fake.requests.slice(before)).toEqual([]);
    api.close();
  });

  it("sets meta fields only on the person's own records: another's is refused before anything is sent", async () => {
    const { fake, tracker, ids } = await setup({ config: { metaFieldsPlugin: true, metaRules: [{ name: 'ticket', required: true }] } });
    const span = { begin: at('2026-11-17T09:00:00+01:00'), end: at('2026-11-17T10:00:00+01:00'), projectId: ids.website, activityId: ids.design };
    const mias = fake.addTimesheet({ userId: MIA.id, ...span });
    const adas = fake.addTimesheet({ userId: ADA.id, ...span });
    expect((await tracker.entryFields?.definitions())?.map((field) => field.name)).toEqual(['ticket']);
    const ticket = [{ id: 'ticket', name: 'ticket', value: 'T-1' }];
    const refused = await sentDuring(fake, async () =>
      expect(await failureOf(tracker.entries.updateEntry(mias.id, { customFields: ticket }))).toBeInstanceOf(BackEndError),
    );
    expect(writes(refused)).toEqual([]);
    const sent = await sentDuring(fake, () => tracker.entries.updateEntry(adas.id, { customFields: ticket }));
    expect(said(writes(sent))).toEqual([`PATCH /timesheets/${adas.id}/meta`]);
    expect(bodyOf(writes(sent)[0] as KimaiRequest)).toEqual({ name: 'ticket', value: 'T-1' });
    expect(fake.state.timesheets.find((sheet) => sheet.id === adas.id)?.meta).toEqual({ ticket: 'T-1' });
    expect(fake.state.timesheets.find((sheet) => sheet.id === mias.id)?.meta).toBeUndefined();
  });
});
