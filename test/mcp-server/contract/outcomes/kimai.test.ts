// Kimai's refusals as data (contract/outcomes/kimai.ts): each refusal the Kimai tracker answers, met
// as a person would meet it against the fake Kimai (in process), carries its code and the facts its
// words are made of; a few are read as a person reads them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Refusal, refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText, peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { kimaiAbsenceType } from '../../../../mcp-server/providers/kimai/mapping.ts';
import { loadKimaiTracker } from '../../../../mcp-server/providers/kimai/tracker.ts';
import { kimaiBodyTime } from '../../../../mcp-server/providers/kimai/mapping.ts';
import { BackEndError, type NewLeaveRequest } from '../../../../mcp-server/providers/time-tracker.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimaiOptions, type FakeUser, seedCatalog, startFakeKimai } from '../../providers/kimai/fake-kimai.ts';
import { backEndRefusalOf } from './refused.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const [ADA, TOM, ROOT] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser];
const at = (iso: string) => Date.parse(iso);
const opened = closeAfterEach();

const A_DAY_OFF: NewLeaveRequest = {
  type: 'vacation',
  firstDay: '2026-12-01',
  lastDay: '2026-12-01',
  firstDayPart: 'full',
  lastDayPart: 'full',
  days: 1,
  comment: '',
};

/** The fake Kimai with its catalog, and a tracker for `user`. */
async function kimaiAs(user: FakeUser, options: FakeKimaiOptions = {}) {
  const fake = opened(await startFakeKimai({ now: clockStartingAt(NOW), ...options }));
  const { acme, website, design } = seedCatalog(fake);
  const ids = { customer: acme.id, website: website.id, design: design.id };
  const tracker = (await loadKimaiTracker())({
    profile: { type: 'kimai', url: fake.url },
    secret: async () => user.token,
    userDataDir: mkdtempSync(join(tmpdir(), 'punchcard-kimai-refusals-')),
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => '',
    now: clockStartingAt(NOW),
    log: () => {},
  });
  opened({ close: async () => tracker.close() });
  return { fake, tracker, ids };
}

/** A part the tracker has; a test fails in words where it has none. */
function partOf<Part>(part: Part | undefined): Part {
  if (!part) throw new Error('The tracker has no such part.');
  return part;
}

describe("Kimai's refusals carry their facts", () => {
  it('of the timer and the entries', async () => {
    const { fake, tracker, ids } = await kimaiAs(ADA);
    const span = { start: at('2026-11-17T09:00:00+01:00'), end: at('2026-11-17T10:00:00+01:00'), description: '' };
    expect(await backEndRefusalOf(tracker.timer.startTimer({ projectId: null, activityId: null, description: '' }, false))).toEqual({
      code: 'kimai_nothing_to_resume',
      facts: {},
    });
    expect(await backEndRefusalOf(tracker.entries.createEntry({ ...span, projectId: null, activityId: ids.design }))).toEqual({
      code: 'kimai_entry_needs_project',
      facts: {},
    });
    expect(await backEndRefusalOf(tracker.entries.createEntry({ ...span, projectId: ids.website, activityId: null }))).toEqual({
      code: 'kimai_entry_needs_activity',
      facts: {},
    });
    const sheet = fake.addTimesheet({ userId: ADA.id, projectId: ids.website, activityId: ids.design, begin: span.start, end: span.end });
    expect(await backEndRefusalOf(tracker.entries.updateEntry(sheet.id, { activityId: null }))).toEqual({
      code: 'kimai_entry_keeps_project_and_activity',
      facts: {},
    });
    expect(await backEndRefusalOf(tracker.entries.updateEntry(sheet.id, { end: null }))).toEqual({ code: 'kimai_entry_cannot_reopen', facts: {} });
    const exported = fake.addTimesheet({ userId: ADA.id, projectId: ids.website, activityId: ids.design, begin: span.start, end: span.end, exported: true });
    expect(await backEndRefusalOf(tracker.entries.deleteEntry(exported.id))).toEqual({
      code: 'kimai_entry_locked',
      facts: { entry: exported.id, reason: 'It is exported in Kimai, and only an administrator may change exported records.' },
    });
  });

  it('of a tracking mode that takes no times, and of a time the clocks say twice', async () => {
    const { tracker, ids } = await kimaiAs(ADA, { config: { trackingMode: 'punch' } });
    const refusal = await backEndRefusalOf(
      tracker.timer.startTimer({ projectId: ids.website, activityId: ids.design, description: '', start: at('2026-11-18T07:00:00+01:00') }, false),
    );
    expect(refusal).toEqual({ code: 'kimai_tracking_mode_times', facts: { mode: 'punch', times: 'start' } });
    expect(peopleText(refusalSentence(refusal as Refusal))).toBe(
      'Your Kimai uses the punch-clock tracking mode, so it does not accept a start time: time is recorded by clocking in and out now. Clock in and out without times, or ask your Kimai administrator.',
    );
    // 02:30 on 25 October 2026 happens twice in Berlin; the second time, Kimai would store as the first.
    let twice: unknown;
    try {
      kimaiBodyTime(at('2026-10-25T02:30:00+01:00'), 'Europe/Berlin', 'end');
    } catch (error) {
      twice = error;
    }
    expect((twice as BackEndError).refusal).toEqual({
      code: 'kimai_time_repeats',
      facts: { field: 'end', time: '2026-10-25T02:30:00+01:00', timezone: 'Europe/Berlin' },
    });
  });

  it('of the catalog', async () => {
    const { tracker } = await kimaiAs({ ...ADA, role: 'ROLE_ADMIN' });
    expect(await backEndRefusalOf(tracker.catalog.createCatalogItem({ kind: 'project', name: 'Orphan' }))).toEqual({
      code: 'kimai_project_needs_customer',
      facts: {},
    });
  });

  it('of leave on the absence plugin', async () => {
    expect(() => kimaiAbsenceType('vacation', 'sabbatical')).toThrow(BackEndError);
    try {
      kimaiAbsenceType('vacation', 'sabbatical');
    } catch (error) {
      expect((error as BackEndError).refusal).toEqual({
        code: 'kimai_absence_type_unknown',
        facts: { kind: 'sabbatical', types: ['holiday', 'sickness', 'sickness_child', 'time_off', 'parental', 'unpaid_vacation', 'other'] },
      });
    }
    const without = await kimaiAs(ADA);
    expect(await backEndRefusalOf(without.tracker.leave.createLeave(A_DAY_OFF))).toEqual({
      code: 'kimai_absence_plugin_missing',
      facts: { need: 'own_leave' },
    });
    const withPlugin = await kimaiAs(ADA, { config: { absencePlugin: true } });
    const refusal = await backEndRefusalOf(withPlugin.tracker.leave.cancelLeave(404));
    expect(refusal).toEqual({ code: 'kimai_absence_not_found', facts: { absence: 404 } });
    expect(peopleText(refusalSentence(refusal as Refusal))).toBe('There is no such absence of yours in Kimai from last year on.');
  });

  it("of the team's time and leave", async () => {
    const plain = await kimaiAs(ADA);
    expect(
      await backEndRefusalOf(partOf(plain.tracker.teamHours).teamWork({ from: at('2026-11-16T00:00:00+01:00'), to: at(NOW), offset: 0, limit: 10 })),
    ).toEqual({
      code: 'kimai_leads_nobody',
      facts: {},
    });

    const { fake, tracker } = await kimaiAs(TOM, { config: { absencePlugin: true, granted: { ROLE_TEAMLEAD: ['view_team'] } } });
    const web = fake.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }]);
    expect(await backEndRefusalOf(partOf(tracker.teamProjects).projectWork(404))).toEqual({
      code: 'project_not_visible',
      facts: { project: 404, back_end: 'Kimai' },
    });
    const leave = partOf(tracker.teamLeave);
    expect(await backEndRefusalOf(leave.findPendingLeave(404))).toEqual({ code: 'kimai_leave_request_not_listed', facts: { request: 404 } });

    const decided = fake.addAbsence({ userId: ADA.id, date: '2026-12-01', type: 'holiday', status: 'new' });
    const withdrawn = fake.addAbsence({ userId: ADA.id, date: '2026-12-08', type: 'holiday', status: 'new' });
    const left = fake.addAbsence({ userId: ADA.id, date: '2026-12-15', type: 'holiday', status: 'new' });
    expect((await leave.pendingLeave({ offset: 0, limit: 10 })).requests.map((request) => request.id)).toEqual([decided.id, withdrawn.id, left.id]);
    decided.status = 'approved';
    expect(await backEndRefusalOf(leave.findPendingLeave(decided.id))).toEqual({
      code: 'leave_request_decided',
      facts: { request: decided.id, person: 'Ada Lovelace', status: 'approved' },
    });
    fake.state.absences.splice(fake.state.absences.indexOf(withdrawn), 1);
    expect(await backEndRefusalOf(leave.findPendingLeave(withdrawn.id))).toEqual({
      code: 'kimai_leave_request_gone',
      facts: { request: withdrawn.id, person: 'Ada Lovelace' },
    });
    web.members = web.members.filter((member) => member.userId !== ADA.id);
    const notLed = await backEndRefusalOf(leave.findPendingLeave(left.id));
    expect(notLed).toEqual({
      code: 'kimai_leave_request_not_led',
      facts: { request: left.id, person: 'Ada Lovelace', covers: 'the teams you lead in Kimai ("Web")', complete: true },
    });
    expect(peopleText(refusalSentence(notLed as Refusal))).toBe(
      'This leave request is "Ada Lovelace"\'s, who is not in the teams you lead in Kimai ("Web") any more; it is not yours to decide. Nothing was sent.',
    );
  });

  it('of tags and invoices, withdrawing what Kimai refused', async () => {
    const { tracker } = await kimaiAs(ROOT, { config: { revoked: { ROLE_SUPER_ADMIN: ['create_tag', 'view_invoice'] } } });
    await tracker.account.whoami();
    expect(tracker.capabilities.has('admin_tags') && tracker.capabilities.has('admin_invoices')).toBe(true);
    const tags = partOf(tracker.adminTags);
    expect(await backEndRefusalOf(tags.createTag('urgent', undefined))).toEqual({ code: 'kimai_tag_create_denied', facts: { tag: 'urgent' } });
    const invoices = partOf(tracker.invoices);
    const query = { from: at('2026-11-01T00:00:00+01:00'), to: at(NOW), statuses: [], page: 1 };
    expect(await backEndRefusalOf(invoices.invoices(query))).toEqual({ code: 'kimai_invoices_denied', facts: {} });
    expect(tracker.capabilities.has('admin_tags')).toBe(false);
    expect(tracker.capabilities.has('admin_invoices')).toBe(false);

    const allowed = await kimaiAs(ROOT);
    expect(await backEndRefusalOf(partOf(allowed.tracker.invoices).invoices({ ...query, page: 5 }))).toEqual({
      code: 'kimai_invoice_page_missing',
      facts: { page: 5 },
    });
  });

  it('of rates', async () => {
    const { tracker, ids } = await kimaiAs(ROOT, { config: { revoked: { ROLE_SUPER_ADMIN: ['edit_project'] } } });
    const website = (await tracker.catalog.catalog(true)).projects.find((project) => project.id === ids.website);
    const rates = partOf(tracker.adminRates);
    expect(await backEndRefusalOf(rates.rates({ ...(website as NonNullable<typeof website>), kind: 'project' }))).toEqual({
      code: 'kimai_rates_denied',
      facts: { verb: 'read', kind: 'project', name: 'Website', permission: 'edit_project' },
    });
    const workspace = { target: { kind: 'workspace' as const, id: 1, name: 'Workspace', currency: null }, rates: [] };
    expect(await backEndRefusalOf(rates.setRate(workspace, null, { amount: 80, fixed: false, internal: null }, undefined))).toEqual({
      code: 'kimai_no_workspace_rates',
      facts: {},
    });
  });

  it("of the teams' administration", async () => {
    const SAM_A: FakeUser = { ...ADA, id: 7, username: 'sam.a', alias: 'Sam', token: 'token-sam-a-0123456789' };
    const SAM_B: FakeUser = { ...ADA, id: 8, username: 'sam.b', alias: 'Sam', token: 'token-sam-b-0123456789' };
    const { fake, tracker } = await kimaiAs(ROOT, { users: [ADA, TOM, ROOT, SAM_A, SAM_B], config: { revoked: { ROLE_SUPER_ADMIN: ['edit_team'] } } });
    const teams = partOf(tracker.adminTeams);
    expect(await backEndRefusalOf(teams.people(['Sam']))).toEqual({
      code: 'person_named_ambiguously',
      facts: {
        text: 'Sam',
        people: [
          { id: SAM_A.id, name: 'Sam' },
          { id: SAM_B.id, name: 'Sam' },
        ],
        back_end: 'Kimai',
      },
    });
    expect(await backEndRefusalOf(teams.people(['Grace']))).toEqual({
      code: 'kimai_team_person_unknown',
      facts: { text: 'Grace', email: false, everyone: true, days: 30, close: [] },
    });
    expect(await backEndRefusalOf(teams.setLeads({ id: 9, name: 'Ghost' }, []))).toEqual({ code: 'kimai_team_read_without_members', facts: { team: 'Ghost' } });
    const web = fake.addTeam('Web', [{ userId: TOM.id, teamlead: true }]);
    expect(tracker.capabilities.has('admin_teams')).toBe(true);
    expect(await backEndRefusalOf(teams.rename({ id: web.id, name: 'Web' }, 'Frontend'))).toEqual({
      code: 'kimai_teams_denied',
      facts: { action: 'rename', team: web.id },
    });
    expect(tracker.capabilities.has('admin_teams')).toBe(false);
  });

  it("of the catalog's and the people's administration", async () => {
    const admin: FakeUser = { ...ADA, role: 'ROLE_ADMIN' };
    const { tracker, ids } = await kimaiAs(admin, { users: [admin], config: { revoked: { ROLE_ADMIN: ['view_project'] } } });
    const refused = await backEndRefusalOf(partOf(tracker.catalogAdmin).catalogItem('project', ids.website));
    expect(refused).toEqual({ code: 'kimai_catalog_denied', facts: { action: 'read', kind: 'project', item: ids.website } });
    expect(peopleText(refusalSentence(refused as Refusal))).toBe(
      'Kimai did not let you read the project (403 Forbidden): your account lacks the permission view_project. Nothing was changed; Punchcard no longer offers this.',
    );
    // Listing every account is a super administrator's right.
    expect(await backEndRefusalOf(partOf(tracker.adminPeople).people(false, 1))).toEqual({ code: 'kimai_people_denied', facts: { action: 'list' } });
  });

  it("of corrections to others' entries", async () => {
    const { fake, tracker, ids } = await kimaiAs(TOM, {
      config: { lockdown: { start: at('2026-10-01T00:00:00+02:00'), end: at('2026-10-31T23:59:59+01:00') } },
    });
    fake.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }]);
    const sheet = fake.addTimesheet({
      userId: ADA.id,
      projectId: ids.website,
      activityId: ids.design,
      begin: at('2026-10-20T09:00:00+02:00'),
      end: at('2026-10-20T10:00:00+02:00'),
    });
    const corrections = partOf(tracker.corrections);
    const world = await corrections.correctionWorld({ from: at('2026-10-01T00:00:00+02:00'), to: at(NOW) });
    const subject = world.entries.find((entry) => entry.id === sheet.id);
    expect(await backEndRefusalOf(corrections.correct(subject as NonNullable<typeof subject>, { billable: false }))).toEqual({
      code: 'kimai_correction_denied',
      facts: { entry: sheet.id, permission: 'edit_team_timesheet' },
    });
  });
});

describe("Kimai's refusals worded from their facts", () => {
  it('say the same to a model as before the codes, and leave record numbers and tools out for a person', () => {
    const refusal = {
      code: 'kimai_team_members_partly_changed',
      facts: { change: 'add', done: ['Ada Lovelace'], cause: { code: 'kimai_teams_denied', facts: { action: 'add', team: 3, person: 'Sam' } } },
    } as Refusal;
    expect(modelText(refusalSentence(refusal))).toBe(
      'Added "Ada Lovelace"; then: Kimai did not let you add "Sam" to team #3 (403 Forbidden): your account lacks the permission edit_team. Nothing was changed; manage_teams is switched off. The others were not added.',
    );
    expect(peopleText(refusalSentence(refusal))).toBe(
      'Added "Ada Lovelace"; then: Kimai did not let you add "Sam" to this team (403 Forbidden): your account lacks the permission edit_team. Nothing was changed; Punchcard no longer offers this. The others were not added.',
    );
  });
});
