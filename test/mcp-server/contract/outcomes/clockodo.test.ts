// Clockodo's refusals as data (contract/outcomes/clockodo.ts): each refusal the Clockodo tracker
// answers, met as a person would meet it against the fake Clockodo (in process), carries its code and
// the facts its words are made of; a few are read as a person reads them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Refusal, refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText, peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { loadClockodoTracker } from '../../../../mcp-server/providers/clockodo/tracker.ts';
import type { NewLeaveRequest } from '../../../../mcp-server/providers/time-tracker.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { clockStartingAt } from '../../../support/fake-clock.ts';
import { DEFAULT_USERS, type FakeClockodo, type FakeUser, seedCompany, startFakeClockodo } from '../../providers/clockodo/fake-clockodo.ts';
import { backEndRefusalOf } from './refused.ts';

// Wednesday morning, 08:00 in Berlin.
const NOW = '2026-11-18T08:00:00+01:00';
const [ADA, BOB, MIA, OLGA] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser, FakeUser];
const at = (iso: string) => Date.parse(iso);
const opened = closeAfterEach();

const LEAVE: NewLeaveRequest = {
  type: 'vacation',
  firstDay: '2026-12-03',
  lastDay: '2026-12-03',
  firstDayPart: 'full',
  lastDayPart: 'full',
  days: 1,
  comment: '',
};

/** The seeded company, and a tracker for `user`. */
async function clockodoAs(user: FakeUser, fake?: FakeClockodo) {
  const server = fake ?? opened(await startFakeClockodo({ now: clockStartingAt(NOW) }));
  const ids = fake ? undefined : seedCompany(server);
  const tracker = (await loadClockodoTracker())({
    profile: { type: 'clockodo', email: user.email, url: server.url } as never,
    secret: async () => user.apiKey,
    userDataDir: mkdtempSync(join(tmpdir(), 'punchcard-clockodo-refusals-')),
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => 'Europe/Berlin',
    now: clockStartingAt(NOW),
    log: () => {},
  });
  opened({ close: async () => tracker.close() });
  return { fake: server, tracker, ids: ids as ReturnType<typeof seedCompany> };
}

function partOf<Part>(part: Part | undefined): Part {
  if (!part) throw new Error('The tracker has no such part.');
  return part;
}

const span = { start: at('2026-11-17T09:00:00+01:00'), end: at('2026-11-17T10:00:00+01:00'), description: '' };

describe("Clockodo's refusals carry their facts", () => {
  it('of the clock, the entries and what they book on', async () => {
    const { fake, tracker, ids } = await clockodoAs(ADA);
    // This company books every entry on a project.
    fake.state.company.allowEntriesForCustomers = false;
    const { website, legacy, rocket } = ids.projects as { website: number; legacy: number; rocket: number };
    const { development, meeting } = ids.services as { development: number; meeting: number };
    expect(await backEndRefusalOf(tracker.timer.startTimer({ projectId: null, activityId: null, description: '' }, false))).toEqual({
      code: 'clockodo_nothing_to_resume',
      facts: { examples: ['Website'] },
    });
    expect(await backEndRefusalOf(tracker.entries.createEntry({ ...span, projectId: null, activityId: development }))).toEqual({
      code: 'clockodo_project_needed',
      facts: { examples: ['Website'] },
    });
    const notBookable = await backEndRefusalOf(tracker.entries.createEntry({ ...span, projectId: rocket, activityId: development }));
    expect(notBookable).toEqual({ code: 'clockodo_project_not_bookable', facts: { project: rocket } });
    expect(peopleText(refusalSentence(notBookable as Refusal))).toBe('You may not book on this project in Clockodo.');
    expect(await backEndRefusalOf(tracker.entries.createEntry({ ...span, projectId: legacy, activityId: development }))).toEqual({
      code: 'clockodo_project_closed',
      facts: { name: 'Legacy', completed: true },
    });
    expect(await backEndRefusalOf(tracker.entries.createEntry({ ...span, projectId: website, activityId: meeting }))).toEqual({
      code: 'clockodo_service_not_bookable',
      facts: { service: meeting },
    });
    const own = fake.addEntry({
      usersId: ADA.id,
      customersId: ids.customers.acme as number,
      projectsId: website,
      servicesId: development,
      timeSince: span.start,
      timeUntil: span.end,
    });
    expect(await backEndRefusalOf(tracker.entries.updateEntry(own.id, { activityId: null }))).toEqual({ code: 'clockodo_entry_needs_service', facts: {} });
    expect(await backEndRefusalOf(tracker.entries.updateEntry(own.id, { projectId: null }))).toEqual({ code: 'clockodo_entry_needs_project', facts: {} });
    const lumpSum = fake.addEntry({
      usersId: ADA.id,
      customersId: ids.customers.acme as number,
      projectsId: website,
      servicesId: development,
      timeSince: span.start,
      timeUntil: span.start,
      type: 2,
      lumpsum: 50,
    });
    expect(await backEndRefusalOf(tracker.entries.deleteEntry(lumpSum.id))).toEqual({
      code: 'clockodo_lump_sum',
      facts: { entry: lumpSum.id, verb: 'delete' },
    });
  });

  it('of the catalog', async () => {
    const { tracker, ids } = await clockodoAs(MIA);
    const { website } = ids.projects as { website: number };
    const { travel } = ids.services as { travel: number };
    expect(await backEndRefusalOf(tracker.catalog.createCatalogItem({ kind: 'activity', name: 'Review', projectId: website }))).toEqual({
      code: 'clockodo_service_has_no_project',
      facts: {},
    });
    expect(await backEndRefusalOf(tracker.catalog.createCatalogItem({ kind: 'project', name: 'Orphan' }))).toEqual({
      code: 'clockodo_project_needs_customer',
      facts: {},
    });
    expect(await backEndRefusalOf(tracker.entries.createEntry({ ...span, projectId: website, activityId: null }))).toEqual({
      code: 'clockodo_service_needed',
      facts: { examples: ['Development', 'Meeting'] },
    });
    expect(await backEndRefusalOf(tracker.entries.createEntry({ ...span, projectId: website, activityId: travel }))).toEqual({
      code: 'clockodo_service_archived',
      facts: { name: 'Travel' },
    });
  });

  it('of leave', async () => {
    const { fake, tracker } = await clockodoAs(ADA);
    expect(await backEndRefusalOf(tracker.leave.createLeave({ ...LEAVE, type: 'other', kind: 'Reduction of overtime' }))).toEqual({
      code: 'clockodo_overtime_in_hours',
      facts: {},
    });
    const unknown = await backEndRefusalOf(tracker.leave.createLeave({ ...LEAVE, kind: 'Sabbatical' }));
    expect(unknown?.code).toBe('clockodo_leave_type_unknown');
    expect(unknown?.facts).toMatchObject({ kind: 'Sabbatical' });
    expect((unknown?.facts as { types: string[] }).types).toHaveLength(14);
    expect((unknown?.facts as { types: string[] }).types).not.toContain('Reduction of overtime');
    expect((await backEndRefusalOf(tracker.leave.createLeave({ ...LEAVE, type: 'other' })))?.code).toBe('clockodo_leave_type_other');

    const pending = fake.addAbsence({ usersId: ADA.id, dateSince: '2026-12-01', dateUntil: '2026-12-04', type: 1, status: 0 });
    const overlap = await backEndRefusalOf(tracker.leave.createLeave(LEAVE));
    expect(overlap).toEqual({
      code: 'clockodo_absence_overlap',
      facts: { absences: [{ id: pending.id, first_day: '2026-12-01', last_day: '2026-12-04', status: 'pending' }] },
    });
    expect(peopleText(refusalSentence(overlap as Refusal), { locale: 'en-US' })).toBe(
      'That overlaps your absence (Dec 1, 2026 to Dec 4, 2026, pending). Nothing was filed; change the dates or cancel the other request first.',
    );
    const approved = fake.addAbsence({ usersId: ADA.id, dateSince: '2026-12-14', dateUntil: '2026-12-14', type: 1, status: 1 });
    expect(await backEndRefusalOf(tracker.leave.cancelLeave(approved.id))).toEqual({ code: 'clockodo_absence_approved', facts: { absence: approved.id } });
    const declined = fake.addAbsence({ usersId: ADA.id, dateSince: '2026-12-15', dateUntil: '2026-12-15', type: 1, status: 2 });
    expect(await backEndRefusalOf(tracker.leave.cancelLeave(declined.id))).toEqual({
      code: 'clockodo_absence_decided',
      facts: { absence: declined.id, status: 'rejected' },
    });

    const bobs = fake.addAbsence({ usersId: BOB.id, dateSince: '2026-12-21', dateUntil: '2026-12-21', type: 1, status: 0 });
    const mia = await clockodoAs(MIA, fake);
    expect(await backEndRefusalOf(mia.tracker.leave.cancelLeave(bobs.id))).toEqual({ code: 'clockodo_absence_not_yours', facts: { absence: bobs.id } });
  });

  it("of the team's time and leave", async () => {
    const { fake, tracker } = await clockodoAs(ADA);
    const week = { from: at('2026-11-16T00:00:00+01:00'), to: at(NOW), offset: 0, limit: 10 };
    expect(await backEndRefusalOf(partOf(tracker.teamHours).teamWork(week))).toEqual({ code: 'clockodo_leads_nobody', facts: {} });
    expect(await backEndRefusalOf(partOf(tracker.teamLeave).pendingLeave({ offset: 0, limit: 10 }))).toEqual({ code: 'clockodo_decides_no_leave', facts: {} });

    const mia = await clockodoAs(MIA, fake);
    expect(await backEndRefusalOf(partOf(mia.tracker.teamProjects).projectWork(404))).toEqual({
      code: 'project_not_visible',
      facts: { project: 404, back_end: 'Clockodo' },
    });
    const leave = partOf(mia.tracker.teamLeave);
    expect(await backEndRefusalOf(leave.findPendingLeave(404))).toEqual({ code: 'clockodo_leave_request_not_managed', facts: { request: 404 } });
    const decided = fake.addAbsence({ usersId: BOB.id, dateSince: '2026-12-01', dateUntil: '2026-12-01', type: 1, status: 1 });
    expect(await backEndRefusalOf(leave.findPendingLeave(decided.id))).toEqual({
      code: 'leave_request_decided',
      facts: { request: decided.id, person: 'Bob Colleague', status: 'approved' },
    });
  });

  it("of the owner's administration", async () => {
    const { fake, tracker, ids } = await clockodoAs(ADA);
    const refused = await backEndRefusalOf(partOf(tracker.adminPeople).invite({ name: 'Grace Hopper', email: 'grace@example.com' }));
    expect(refused).toEqual({ code: 'clockodo_owner_denied', facts: { action: 'add_coworker', email: 'grace@example.com', tool: 'manage_people' } });
    expect(peopleText(refusalSentence(refused as Refusal))).toBe(
      "Clockodo did not let you add the co-worker grace@example.com (403 Forbidden): administering co-workers and their teams is the company owner's right, which your account does not hold. Nothing was changed; Punchcard no longer offers this.",
    );
    const { website } = ids.projects as { website: number };
    // A manager may change a project's name, not its note: that is the owner's.
    const catalogAdmin = partOf((await clockodoAs(MIA, fake)).tracker.catalogAdmin);
    const item = await catalogAdmin.catalogItem('project', website);
    expect(await backEndRefusalOf(catalogAdmin.updateCatalogItem(item, { comment: 'Mine now' }))).toEqual({
      code: 'clockodo_catalog_denied',
      facts: { action: 'change', kind: 'project', item: website, name: 'Website' },
    });
    const bobs = fake.addEntry({
      usersId: BOB.id,
      customersId: ids.customers.acme as number,
      projectsId: website,
      servicesId: ids.services.development as number,
      timeSince: span.start,
      timeUntil: span.end,
    });
    const subject = {
      id: bobs.id,
      start: span.start,
      end: span.end,
      personId: BOB.id,
      person: BOB.name,
      login: BOB.email,
      projectId: website,
      activityId: ids.services.development as number,
      billable: true,
      exported: false,
      tags: [],
    };
    expect(await backEndRefusalOf(partOf(tracker.corrections).correct(subject, { billable: false }))).toEqual({
      code: 'clockodo_correction_denied',
      facts: { entry: bobs.id },
    });

    const owner = await clockodoAs(OLGA, fake);
    const teams = partOf(owner.tracker.adminTeams);
    expect(await backEndRefusalOf(teams.read(404))).toEqual({ code: 'clockodo_team_gone', facts: { team: 404 } });
    expect(await backEndRefusalOf(teams.people(['Grace']))).toEqual({ code: 'clockodo_coworker_unknown', facts: { text: 'Grace', close: [] } });
    const development = await teams.read(1);
    const two = [
      { id: ADA.id, name: ADA.name },
      { id: BOB.id, name: BOB.name },
    ];
    expect(await backEndRefusalOf(teams.setLeads(development, two))).toEqual({ code: 'clockodo_team_one_leader', facts: {} });
    expect(await backEndRefusalOf(teams.grant(development, 'project', { id: website, name: 'Website' }))).toEqual({
      code: 'clockodo_team_access_read_only',
      facts: { action: 'grant' },
    });
  });
});

describe("Clockodo's refusals worded from their facts", () => {
  it('say the same to a model as before the codes, and leave record numbers out for a person', () => {
    const refusal = {
      code: 'clockodo_team_partly_created',
      facts: {
        team: { id: 4, name: 'Web' },
        moved: [{ id: 1, name: 'Ada Worker' }],
        rest: [{ id: 2, name: 'Bob Colleague' }],
        cause: { code: 'clockodo_owner_denied', facts: { tool: 'manage_teams', action: 'join_team', person: 'Bob Colleague', team: 'Web' } },
      },
    } as Refusal;
    expect(modelText(refusalSentence(refusal))).toBe(
      'Created the team "Web" (#4) and moved "Ada Worker" (#1) into it; then: Clockodo did not let you add "Bob Colleague" to the team "Web" (403 Forbidden): ' +
        "administering co-workers and their teams is the company owner's right, which your account does not hold. Nothing was changed; manage_teams is switched off. " +
        'Not moved: "Bob Colleague" (#2).',
    );
    expect(peopleText(refusalSentence(refusal))).toBe(
      'Created the team "Web" and moved "Ada Worker" into it; then: Clockodo did not let you add "Bob Colleague" to the team "Web" (403 Forbidden): ' +
        "administering co-workers and their teams is the company owner's right, which your account does not hold. Nothing was changed; Punchcard no longer offers this. " +
        'Not moved: "Bob Colleague".',
    );
  });

  it('say what became of a leave request filed as waiting that Clockodo stored decided, and what the person can do', () => {
    const removed = { code: 'clockodo_leave_filed_decided', facts: { absence: 31, status: 'approved', removed: true } } as Refusal;
    expect(modelText(refusalSentence(removed))).toBe(
      'Clockodo stored your leave request #31 as approved at once, though this server sent it as waiting for a decision; it was deleted again, ' +
        'so nothing stands in your name. Request it in Clockodo yourself, or ask whoever decides your leave.',
    );
    const kept = { code: 'clockodo_leave_filed_decided', facts: { absence: 31, status: 'approved', removed: false } } as Refusal;
    expect(peopleText(refusalSentence(kept))).toBe(
      'Clockodo stored your leave request as approved at once, though this server sent it as waiting for a decision, and did not let it be ' +
        'deleted again. Tell whoever decides your leave, so they can set it right in Clockodo.',
    );
  });
});
