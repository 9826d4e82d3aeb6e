// The team group on Clockodo, through the engine in process as the admin files open it, with the team
// group on instead (test/support/clockodo-admin.ts), against the fake Clockodo: a manager who manages
// absences (Mia), one who does not (Max), a worker (Ada), the owner (Olga) and a worker who leads a
// team (Lea, learned in the background once she switched the team tools on). What each may see and
// decide, refusals in words before anything is sent, colleagues' absences by name only, a 300-person
// company in windows within the call's budget, and the question before a decision in both eras.
import { describe, expect, it } from 'vitest';
import { MAX_REQUESTS_PER_CALL } from '../../../mcp-server/domain/call-limits.ts';
import { offeredOf } from '../../support/admin-engine.ts';
import { ADA, BOB, clockodoAdmin, MIA, OLGA } from '../../support/clockodo-admin.ts';
import { type Era, type InProcessEngineHandle, refusalOf, textOf } from '../../support/engine.ts';
import { bigTeam, DEFAULT_USERS, type FakeUser, seedCompany } from '../providers/clockodo/fake-clockodo.ts';

const MAX: FakeUser = { ...MIA, id: 5, name: 'Max Manager', email: 'max@example.com', apiKey: 'key-max-0123456789abcdef', canManageAbsences: false };
/** A plain worker who leads Development, Ada's and Bob's team: leading is not a role in Clockodo. */
const LEA: FakeUser = { ...ADA, id: 6, name: 'Lea Lead', email: 'lea@example.com', apiKey: 'key-lea-0123456789abcdef', canSeeAbsences: false };
const TEAM_TOOLS = ['team_report', 'project_status', 'list_pending_leave', 'decide_leave_request'];
const at = (iso: string) => Date.parse(iso);
// On the admin tests' clock: Thursday 19 November 2026, 15:00 in Berlin.
const { startClockodo, connect } = clockodoAdmin({ decide_leave_request: true }, { group: 'team' });

async function company(users: FakeUser[] = [...DEFAULT_USERS, MAX]) {
  const fake = await startClockodo(users);
  const ids = seedCompany(fake);
  const website = ids.projects.website as number;
  Object.assign(fake.state.projects.find((project) => project.id === website) ?? {}, {
    budget: { amount: 20, monetary: false, hard: false, from_subprojects: false },
  });
  const entry = (user: FakeUser, start: string, hours: number) =>
    fake.addEntry({
      usersId: user.id,
      customersId: ids.customers.acme as number,
      projectsId: website,
      servicesId: ids.services.development as number,
      timeSince: at(start),
      timeUntil: at(start) + hours * 3_600_000,
      text: `${user.name}'s private note`,
    });
  entry(ADA, '2026-11-16T09:00:00+01:00', 8);
  entry(BOB, '2026-11-17T09:00:00+01:00', 2);
  const adaPending = fake.addAbsence({ usersId: ADA.id, dateSince: '2026-12-07', dateUntil: '2026-12-11', type: 1, status: 0, note: 'Family visit' });
  fake.addAbsence({ usersId: BOB.id, dateSince: '2026-12-09', dateUntil: '2026-12-09', type: 2, status: 1, note: 'Doctor: private', sickNote: true });
  const miaPending = fake.addAbsence({ usersId: MIA.id, dateSince: '2026-12-14', dateUntil: '2026-12-14', type: 1, status: 0 });
  return { fake, ids, adaPending, miaPending };
}

const teamToolsOf = (engine: InProcessEngineHandle) => offeredOf(engine, TEAM_TOOLS);

describe('the team group on Clockodo', () => {
  it('offers a manager who manages absences every team tool, and one who does not no leave decisions', async () => {
    const { fake } = await company();
    expect(await teamToolsOf(await connect(fake, MIA))).toEqual(TEAM_TOOLS);
    expect(await teamToolsOf(await connect(fake, MAX))).toEqual(['team_report', 'project_status']);
  });

  it("offers a worker who leads a team every team tool, learned once she switched them on: her team's hours and leave, nobody else's", async () => {
    const { fake, adaPending } = await company([...DEFAULT_USERS, MAX, LEA]);
    (fake.state.teams.find((team) => team.id === 1) as { leader: number | null }).leader = LEA.id;
    const lea = await connect(fake, LEA);
    await expect.poll(() => teamToolsOf(lea)).toEqual(TEAM_TOOLS);
    const report = await lea.call('team_report');
    expect((report.structuredContent?.people as Array<{ name: string }>).map((person) => person.name)).toEqual(['Ada Worker', 'Bob Colleague', 'Lea Lead']);
    expect(report.structuredContent?.covers).toBe('the members of the teams you lead in Clockodo ("Development") and those whose boss you are, and yourself');
    const status = await lea.call('project_status', { project: 'Website' });
    expect(status.structuredContent?.note).toMatch(/Only your own time and that of the people you lead/);
    const pending = await lea.call('list_pending_leave');
    expect((pending.structuredContent?.requests as Array<{ id: number }>).map((request) => request.id)).toEqual([adaPending.id]);
    expect(JSON.stringify([report, pending])).not.toMatch(/Mia|Olga|private note/);
  });

  it('reports the hours of everyone Clockodo shows a manager, without their notes', async () => {
    const { fake } = await company();
    const mia = await connect(fake, MIA);
    const report = await mia.call('team_report');
    expect(report.isError, textOf(report)).toBeFalsy();
    const people = report.structuredContent?.people as Array<{ name: string; minutes: number; by_project: unknown[]; missing_days: string[] }>;
    expect(people.map((person) => person.name)).toEqual(['Ada Worker', 'Bob Colleague', 'Max Manager', 'Mia Manager', 'Olga Owner']);
    expect(people[0]).toMatchObject({
      minutes: 480,
      by_project: [{ project: 'Website', activity: 'Development', minutes: 480 }],
      missing_days: ['2026-11-17', '2026-11-18'],
    });
    expect(report.structuredContent?.covers).toBe('everyone Clockodo shows you as a manager');
    expect(JSON.stringify(report)).not.toMatch(/private note/);
  });

  it("gives the owner a project's hours against its hours budget", async () => {
    const { fake } = await company();
    const olga = await connect(fake, OLGA);
    const status = await olga.call('project_status', { project: 'Website' });
    expect(status.isError, textOf(status)).toBeFalsy();
    expect(status.structuredContent).toMatchObject({
      project: 'Website',
      customer: 'ACME',
      week_minutes: 600,
      total_minutes: 600,
      budget_hours: 20,
      used_share: 0.5,
    });
    expect((status.structuredContent?.by_person as Array<{ person: string }>).map((row) => row.person)).toEqual(['Ada Worker', 'Bob Colleague']);
  });

  it('lists the requests the manager may decide, counted by Clockodo, with who else is away by name only', async () => {
    const { fake, adaPending } = await company();
    const mia = await connect(fake, MIA);
    const pending = await mia.call('list_pending_leave');
    expect(pending.isError, textOf(pending)).toBeFalsy();
    const requests = pending.structuredContent?.requests as Array<Record<string, unknown>>;
    expect(requests.map((request) => request.id)).toEqual([adaPending.id]);
    expect(requests[0]).toMatchObject({
      person: 'Ada Worker',
      type: 'vacation',
      first_day: '2026-12-07',
      last_day: '2026-12-11',
      comment: 'Family visit',
      also_away: ['Bob Colleague'],
    });
    expect(JSON.stringify(pending)).not.toMatch(/Doctor|sick/);
  });

  it("refuses in words, before anything is sent, the manager's own request and one a manager without the rights may not decide", async () => {
    const { fake, adaPending, miaPending } = await company();
    const mia = await connect(fake, MIA);
    const own = await mia.call('decide_leave_request', { id: miaPending.id, decision: 'approve' });
    expect(textOf(own)).toBe(`Leave request #${miaPending.id} is your own; somebody else decides it. Nothing was sent.`);
    const max = await connect(fake, MAX);
    // Max is offered no decisions; a client calling anyway is refused by the engine, as any tool not offered.
    expect(refusalOf(await max.call('decide_leave_request', { id: adaPending.id, decision: 'approve' }))).toMatchObject({
      code: 'tool_withheld',
      facts: { tool: 'decide_leave_request', why: 'back_end' },
    });
    expect(fake.requests.filter((request) => request.method === 'PUT')).toEqual([]);
    expect(fake.state.absences.find((absence) => absence.id === adaPending.id)?.status).toBe(0);
  });

  it("says Clockodo's own refusal in words where Punchcard could not tell, and changes nothing", async () => {
    const { fake, adaPending } = await company();
    const mia = await connect(fake, MIA);
    fake.failNext(
      { method: 'PUT', path: /\/v4\/absences\// },
      {
        status: 422,
        body: { errors: [{ error: { type: 'UserIsNotManageable', message: 'You may not manage absences of this user.', details: null, path: null } }] },
      },
    );
    const refused = await mia.call('decide_leave_request', { id: adaPending.id, decision: 'reject' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(new RegExp(`^Clockodo did not let you decline "Ada Worker"'s leave request #${adaPending.id}: .*Nothing was changed\\.$`));
    expect(fake.state.absences.find((absence) => absence.id === adaPending.id)?.status).toBe(0);
  });

  it("pages a 300-person company within the call's budget of requests", async () => {
    const workers = bigTeam(300);
    const { fake, ids } = await company([...DEFAULT_USERS, ...workers]);
    for (const worker of workers) {
      fake.addEntry({
        usersId: worker.id,
        customersId: ids.customers.acme as number,
        projectsId: ids.projects.website as number,
        servicesId: ids.services.development as number,
        timeSince: at('2026-11-16T09:00:00+01:00'),
        timeUntil: at('2026-11-16T10:00:00+01:00'),
      });
    }
    const olga = await connect(fake, OLGA);
    const seen = new Set<string>();
    let offset: number | null = 0;
    while (offset !== null) {
      const before = fake.requests.length;
      const page = await olga.call('team_report', { offset, limit: 50 });
      expect(page.isError, textOf(page)).toBeFalsy();
      expect(fake.requests.length - before).toBeLessThanOrEqual(MAX_REQUESTS_PER_CALL);
      for (const person of page.structuredContent?.people as Array<{ name: string; minutes: number }>) seen.add(person.name);
      expect(page.structuredContent?.total_people).toBe(304);
      offset = page.structuredContent?.next_offset as number | null;
    }
    expect(seen.size).toBe(304);
  });
});

describe.each<Era>(['legacy', 'modern'])('a decision on Clockodo, asked first (%s era)', (era) => {
  it('shows who, what and when, then approves; no reason is sent, and the answer says so', async () => {
    const { fake, adaPending } = await company();
    const asked: string[] = [];
    const mia = await connect(fake, MIA, { era, elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const decided = await mia.call('decide_leave_request', { id: adaPending.id, decision: 'approve', reason: 'Enjoy' });
    expect(decided.isError, textOf(decided)).toBeFalsy();
    expect(asked).toEqual([`Approve "Ada Worker"'s vacation 2026-12-07 to 2026-12-11 (${adaPending.countDays} working days)? Reason: Enjoy`]);
    expect(decided.structuredContent).toMatchObject({ request: { id: adaPending.id, status: 'approved' }, reason_kept: false });
    const put = fake.requests.filter((request) => request.method === 'PUT');
    expect(put.map((request) => [request.path, JSON.parse(request.body ?? '{}')])).toEqual([[`/api/v4/absences/${adaPending.id}`, { status: 1 }]]);
    expect(fake.state.absences.find((absence) => absence.id === adaPending.id)?.status).toBe(1);
  });

  it('sends nothing when the manager says no', async () => {
    const { fake, adaPending } = await company();
    const mia = await connect(fake, MIA, { era, elicitation: () => ({ action: 'decline' }) });
    const refused = await mia.call('decide_leave_request', { id: adaPending.id, decision: 'reject' });
    expect(textOf(refused)).toMatch(new RegExp(`^Leave request #${adaPending.id} was not rejected: you said no when asked\\. Nothing was changed\\.`));
    expect(fake.requests.filter((request) => request.method === 'PUT')).toEqual([]);
  });
});
