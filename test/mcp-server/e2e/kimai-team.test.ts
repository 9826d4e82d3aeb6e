// The team group on Kimai, through the engine in process as the admin files open it, with the team
// group on instead (test/support/kimai-admin.ts), against the fake Kimai: a team lead (Tom, leading the
// team Web with Ada, and Nia, who recorded nothing), a worker (Ada) and an administrator (root), with a
// second team (Ops: Cleo leading Bea) the lead may not see. The lead as Kimai ships (no view_team: no
// team's member list, only the timesheets and absences of the people they lead) and one whose role an
// administrator granted view_team. What each may see and decide, refusals in words before anything is
// sent, colleagues' absences by name only, a 300-person team in windows within the call's budget, the
// question before a decision in both eras, and the group off by default and denied by a policy.
import type { ElicitRequestFormParams } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { MAX_REQUESTS_PER_CALL } from '../../../mcp-server/domain/call-limits.ts';
import { readDetection } from '../../../mcp-server/providers/kimai/facts.ts';
import { accept, type Answer, offeredOf } from '../../support/admin-engine.ts';
import { type Era, type InProcessEngineHandle, textOf } from '../../support/engine.ts';
import { ADA, kimaiAdmin, ROOT, TOM } from '../../support/kimai-admin.ts';
import { DEFAULT_USERS, type FakeKimaiConfig, type FakeUser, seedBigTeam, seedCatalog } from '../providers/kimai/fake-kimai.ts';

const CLEO: FakeUser = { id: 4, username: 'cleo', alias: 'Cleo Ops', timezone: 'Europe/Berlin', role: 'ROLE_TEAMLEAD', token: 'token-cleo-0123456789' };
const BEA: FakeUser = { id: 5, username: 'bea', alias: 'Bea Private', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-bea-0123456789' };
const NIA: FakeUser = { id: 6, username: 'nia', alias: 'Nia New', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-nia-0123456789' };
/** A Kimai whose administrator granted the Teamlead role view_team (Roles and permissions). */
const VIEW_TEAM: FakeKimaiConfig['granted'] = { ROLE_TEAMLEAD: ['view_team'] };
const TEAM_TOOLS = ['team_report', 'project_status', 'list_pending_leave', 'decide_leave_request'];
const at = (iso: string) => Date.parse(iso);
// On the admin tests' clock (Thursday 19 November 2026, 15:00 in Berlin); every fake here has the absence plugin, and each engine remembers so.
const { startKimai, connect } = kimaiAdmin('decide_leave_request', { group: 'team', absencePlugin: true });

async function kimaiWithTeams(granted: FakeKimaiConfig['granted'] = {}) {
  const fake = await startKimai({ config: { absencePlugin: true, granted }, users: [...DEFAULT_USERS, CLEO, BEA, NIA] });
  const { website, design, meeting } = seedCatalog(fake);
  Object.assign(fake.state.projects.find((project) => project.id === website.id) ?? {}, { timeBudget: 10 * 3600, budget: 5000 });
  fake.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }, { userId: NIA.id }]);
  fake.addTeam('Ops', [{ userId: CLEO.id, teamlead: true }, { userId: BEA.id }]);
  const hour = (user: FakeUser, start: string, hours: number, activityId = design.id) =>
    fake.addTimesheet({
      userId: user.id,
      begin: at(start),
      end: at(start) + hours * 3_600_000,
      projectId: website.id,
      activityId,
      description: `${user.username}'s private note`,
    });
  hour(ADA, '2026-11-16T09:00:00+01:00', 8);
  hour(ADA, '2026-11-18T09:00:00+01:00', 4, meeting.id);
  hour(TOM, '2026-11-17T09:00:00+01:00', 2);
  hour(BEA, '2026-11-16T09:00:00+01:00', 3);
  // Ada's timer runs since 13:00 today.
  fake.addTimesheet({ userId: ADA.id, begin: at('2026-11-19T13:00:00+01:00'), end: null, projectId: website.id, activityId: design.id });
  const adaPending = fake.addAbsence({ userId: ADA.id, date: '2026-12-07', endDate: '2026-12-11', type: 'holiday', status: 'new', comment: 'Family visit' });
  fake.addAbsence({ userId: TOM.id, date: '2026-12-09', endDate: '2026-12-09', type: 'sickness', status: 'approved', comment: 'Doctor: private' });
  const tomPending = fake.addAbsence({ userId: TOM.id, date: '2026-12-14', endDate: '2026-12-14', type: 'holiday', status: 'new' });
  const beaPending = fake.addAbsence({
    userId: BEA.id,
    date: '2026-12-08',
    endDate: '2026-12-08',
    type: 'holiday',
    status: 'new',
    comment: 'Bea private comment',
  });
  return { fake, website, adaPending, tomPending, beaPending };
}

const teamToolsOf = (engine: InProcessEngineHandle) => offeredOf(engine, TEAM_TOOLS);

describe('the team group on Kimai', () => {
  it('is offered to a team lead who switched it on, not by default nor against the policy; a worker is remembered as leading nobody', async () => {
    const { fake: server } = await kimaiWithTeams();
    const lead = await connect(server, TOM);
    await expect.poll(() => teamToolsOf(lead)).toEqual(expect.arrayContaining(TEAM_TOOLS));
    await lead.close();
    const unswitched = await connect(server, TOM, { tools: { groups: {}, enabled: {} } });
    expect(await teamToolsOf(unswitched)).not.toEqual(expect.arrayContaining(['team_report']));
    await unswitched.close();
    const worker = await connect(server, ADA);
    // A worker's profile taught the next start too: nothing to offer before anything is asked.
    expect(readDetection(worker.userDataDir, server.url)?.leads).toBe(false);
    await worker.close();
    const denied = await connect(server, TOM, { policy: { schemaVersion: 1, ai: { deniedGroups: ['team'] } } });
    expect(await teamToolsOf(denied)).toEqual([]);
  });

  it("reports a team lead's team as Kimai ships it (no view_team): who recorded time, and in words who cannot be shown and why", async () => {
    const { fake: server } = await kimaiWithTeams();
    const lead = await connect(server, TOM);
    const report = await lead.call('team_report');
    const data = report.structuredContent as {
      people: Array<{ name: string; minutes: number; target_minutes: number | null; missing_days: string[]; running: string | null }>;
      total_people: number;
      covers: string;
    };
    // Nia recorded nothing: without view_team, Kimai names her nowhere a team lead may read.
    expect(data.people.map((person) => person.name)).toEqual(['Ada Lovelace', 'Tom Lead']);
    expect(data.total_people).toBe(2);
    expect(data.covers).toMatch(
      /^the teams you lead in Kimai \("Web"\), those who recorded time then \(Kimai lists a team's members only to an account with the permission view_team, which your Kimai administrator can grant the Teamlead role .*anyone who recorded nothing is not shown\)$/,
    );
    expect(data.people[0]).toMatchObject({ minutes: 8 * 60 + 4 * 60 + 120, target_minutes: null, missing_days: ['2026-11-17'], running: 'Website · Design' });
    expect(data.people[1]).toMatchObject({ minutes: 120, missing_days: ['2026-11-16', '2026-11-18'], running: null });
    expect(JSON.stringify(report)).not.toMatch(/Bea|private note/);
    // Kimai refused the team's members once (403), and is believed: the next report does not ask again.
    await lead.call('team_report', { from: '2026-11-09', to: '2026-11-13' });
    expect(server.requests.filter((request) => request.path.startsWith('/api/teams'))).toHaveLength(1);
  });

  it("reports the team's members, those who recorded nothing too, to a team lead granted view_team", async () => {
    const { fake: server } = await kimaiWithTeams(VIEW_TEAM);
    const lead = await connect(server, TOM);
    const report = await lead.call('team_report');
    expect(report.isError, textOf(report)).toBeFalsy();
    const data = report.structuredContent as { people: Array<{ name: string; minutes: number; missing_days: string[] }>; total_people: number; covers: string };
    expect(data.total_people).toBe(3);
    expect(data.covers).toBe('the teams you lead in Kimai ("Web")');
    expect(data.people.map((person) => person.name)).toEqual(['Ada Lovelace', 'Nia New', 'Tom Lead']);
    expect(data.people[1]).toMatchObject({ minutes: 0, missing_days: ['2026-11-16', '2026-11-17', '2026-11-18'] });
    expect(JSON.stringify(report)).not.toMatch(/Bea|private note/);
    // Nobody outside the lead's teams was asked for.
    expect(server.requests.filter((request) => request.path === '/api/timesheets').every((request) => !/users%5B%5D=5/.test(request.query ?? ''))).toBe(true);
  });

  it("shows an administrator everyone, and a project's hours against its budget", async () => {
    const { fake: server } = await kimaiWithTeams();
    const admin = await connect(server, ROOT);
    const report = await admin.call('team_report');
    expect((report.structuredContent?.people as Array<{ name: string }>).map((person) => person.name)).toEqual([
      'Ada Lovelace',
      'Bea Private',
      'Cleo Ops',
      'Nia New',
      'Tom Lead',
    ]);
    const status = await admin.call('project_status', { project: 'Website' });
    expect(status.isError, textOf(status)).toBeFalsy();
    expect(status.structuredContent).toMatchObject({
      project: 'Website',
      customer: 'ACME',
      week_minutes: (8 + 4 + 2 + 3 + 2) * 60,
      budget_hours: 10,
      budget_money: 5000,
      budget_monthly: false,
      used_share: 1.9,
    });
    expect(status.structuredContent?.note).toBeUndefined();
  });

  it("gives a team lead the project's hours of their own team only, and says so", async () => {
    const { fake: server } = await kimaiWithTeams();
    const lead = await connect(server, TOM);
    const status = await lead.call('project_status', { project: 'Website' });
    expect((status.structuredContent?.by_person as Array<{ person: string }>).map((row) => row.person)).toEqual(['Ada Lovelace', 'Tom Lead']);
    expect(status.structuredContent?.note).toMatch(/Only your own time and that of the teams you lead/);
  });

  describe.each([
    [
      'as Kimai ships (no view_team)',
      {},
      /^the one person in the teams you lead in Kimai \("Web"\), among those who recorded time since 2026-11-05 \(Kimai lists a team's members only/,
    ],
    ['granted view_team', VIEW_TEAM, /^people 1–2 of the 2 in the teams you lead in Kimai \("Web"\)$/],
  ] as const)('a team lead %s', (_kind, granted, covers) => {
    it('lists the requests waiting for them, with working days and who else is away by name only', async () => {
      const { fake: server, adaPending } = await kimaiWithTeams(granted);
      const lead = await connect(server, TOM);
      const pending = await lead.call('list_pending_leave');
      expect(pending.structuredContent?.requests).toEqual([
        {
          id: adaPending.id,
          person: 'Ada Lovelace',
          type: 'vacation',
          first_day: '2026-12-07',
          last_day: '2026-12-11',
          first_day_part: 'full',
          last_day_part: 'full',
          days: 5,
          comment: 'Family visit',
          also_away: ['Tom Lead'],
        },
      ]);
      expect(pending.structuredContent?.covers).toMatch(covers);
      // Tom's own request is not his to decide; Bea is not in his team; Tom's sick note never shows.
      expect(JSON.stringify(pending)).not.toMatch(/Bea|Doctor|sick/);
    });

    it("refuses in words, before anything is sent, a request of another team, one not listed and the lead's own", async () => {
      const { fake: server, beaPending, tomPending, adaPending } = await kimaiWithTeams(granted);
      const lead = await connect(server, TOM);
      await lead.call('list_pending_leave');
      const other = await lead.call('decide_leave_request', { id: beaPending.id, decision: 'approve' });
      expect(other.isError).toBe(true);
      expect(textOf(other)).toMatch(
        new RegExp(`Leave request #${beaPending.id} is not among the requests Punchcard listed as waiting for your decision.*Nothing was sent\\.`),
      );
      const own = await lead.call('decide_leave_request', { id: tomPending.id, decision: 'approve' });
      expect(textOf(own)).toBe(`Leave request #${tomPending.id} is your own; somebody else decides it. Nothing was sent.`);
      expect(server.requests.filter((request) => request.method === 'PATCH')).toEqual([]);
      expect(server.state.absences.find((absence) => absence.id === adaPending.id)?.status).toBe('new');
    });

    it("refuses a request of someone who left the lead's teams since it was listed, before anything is sent", async () => {
      const { fake: server, adaPending } = await kimaiWithTeams(granted);
      const lead = await connect(server, TOM);
      await lead.call('list_pending_leave');
      // Kimai now sees Ada in no team of Tom's: Punchcard reads the team again and refuses first.
      server.state.teams[0]?.members.splice(1, 1);
      const refused = await lead.call('decide_leave_request', { id: adaPending.id, decision: 'approve' });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(
        /(not in|whom Kimai no longer shows you in) the teams you lead in Kimai \("Web"\).*; it is not yours to decide\. Nothing was sent\.$/,
      );
      expect(server.requests.filter((request) => request.method === 'PATCH')).toEqual([]);
    });
  });

  it("says Kimai's own refusal in words (403 Forbidden) where Punchcard could not tell, and changes nothing", async () => {
    const { fake: server, adaPending } = await kimaiWithTeams();
    const lead = await connect(server, TOM);
    await lead.call('list_pending_leave');
    server.failNext({ method: 'PATCH', path: /\/confirm$/ }, { status: 403, body: { code: 403, message: 'Forbidden' } });
    const refused = await lead.call('decide_leave_request', { id: adaPending.id, decision: 'approve' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(new RegExp(`Kimai did not let you approve "Ada Lovelace"'s leave request #${adaPending.id} \\(403 Forbidden\\)`));
    expect(server.state.absences.find((absence) => absence.id === adaPending.id)?.status).toBe('new');
  });

  it.each([
    // Tom recorded nothing himself: without view_team only the 300 who did are shown.
    ['as Kimai ships', {}, 300, 'people 1–30 of the 300 in the teams you lead in Kimai ("Big team"), among those who recorded time since 2026-11-05'],
    ['granted view_team', VIEW_TEAM, 301, 'people 1–30 of the 300 in the teams you lead in Kimai ("Big team")'],
  ] as const)("pages a 300-person team within the call's budget of requests, for a lead %s", async (_kind, granted, total, covers) => {
    const fake = await startKimai({ config: { absencePlugin: true, granted } });
    const { website, design } = seedCatalog(fake);
    seedBigTeam(fake, TOM, 300, { projectId: website.id, activityId: design.id });
    const lead = await connect(fake, TOM);
    const names: string[] = [];
    let offset: number | null = 0;
    let calls = 0;
    while (offset !== null) {
      const before = fake.requests.length;
      const page = await lead.call('team_report', { offset, limit: 50 });
      expect(page.isError, textOf(page)).toBeFalsy();
      expect(fake.requests.length - before).toBeLessThanOrEqual(MAX_REQUESTS_PER_CALL);
      names.push(...(page.structuredContent?.people as Array<{ name: string }>).map((person) => person.name));
      expect(page.structuredContent?.total_people).toBe(total);
      offset = page.structuredContent?.next_offset as number | null;
      calls++;
    }
    expect(calls).toBe(Math.ceil(total / 50));
    expect(new Set(names).size).toBe(total);
    const pending = await lead.call('list_pending_leave', { limit: 30 });
    expect(pending.structuredContent).toMatchObject({ next_offset: 30 });
    expect(pending.structuredContent?.covers).toMatch(new RegExp(`^${covers.replace(/[()]/g, '\\$&')}`));
    const last = await lead.call('list_pending_leave', { offset: 270, limit: 30 });
    expect(last.structuredContent?.next_offset).toBeNull();
  });

  it('gives a lead of ten teams smaller windows of pending leave rather than a refusal, each within the budget', async () => {
    // Ten teams are ten requests before any absence: a window of 30 people and the lead's own list
    // would need 41. Found by the heaviest team calls (test/support/heaviest-team-calls.ts). Only a
    // lead granted view_team reads the teams, so only they know the 300 who recorded nothing.
    const fake = await startKimai({ config: { absencePlugin: true, granted: VIEW_TEAM } });
    let id = 1000;
    for (let team = 1; team <= 10; team++) {
      const members: FakeUser[] = Array.from({ length: 30 }, () => ({
        id,
        username: `worker${id}`,
        alias: `Worker ${id}`,
        timezone: 'Europe/Berlin',
        role: 'ROLE_USER',
        token: `token-worker-${id++}-0123456789`,
      }));
      fake.state.users.push(...members);
      fake.addTeam(`Team ${team}`, [{ userId: TOM.id, teamlead: true }, ...members.map((member) => ({ userId: member.id }))]);
      for (const member of members) fake.addAbsence({ userId: member.id, date: '2026-12-07', endDate: '2026-12-11', type: 'holiday', status: 'new' });
    }
    const lead = await connect(fake, TOM);
    const seen = new Set<number>();
    let offset: number | null = 0;
    while (offset !== null) {
      const before = fake.requests.length;
      const page = await lead.call('list_pending_leave', { offset, limit: 30 });
      expect(page.isError, textOf(page)).toBeFalsy();
      expect(fake.requests.length - before).toBeLessThanOrEqual(MAX_REQUESTS_PER_CALL);
      if (offset === 0)
        expect(page.structuredContent).toMatchObject({
          next_offset: 29,
          covers: expect.stringMatching(/^people 1–29 of the 300 in the teams you lead in Kimai/),
        });
      for (const request of page.structuredContent?.requests as Array<{ id: number }>) seen.add(request.id);
      offset = page.structuredContent?.next_offset as number | null;
    }
    expect(seen.size).toBe(300);
  });
});

describe.each<Era>(['legacy', 'modern'])('a decision on Kimai, asked first (%s era)', (era) => {
  const decline: Answer = () => ({ action: 'decline' });

  it('shows who, what and when, and approves once confirmed; the reason stays with the lead, said so', async () => {
    const { fake: server, adaPending } = await kimaiWithTeams();
    const asked: ElicitRequestFormParams[] = [];
    const lead = await connect(server, TOM, { era, elicitation: (params) => (asked.push(params), accept(params)) });
    await lead.call('list_pending_leave');
    const decided = await lead.call('decide_leave_request', { id: adaPending.id, decision: 'approve', reason: 'Enjoy' });
    expect(decided.isError, textOf(decided)).toBeFalsy();
    expect(asked.map((question) => question.message)).toEqual([`Approve "Ada Lovelace"'s vacation 2026-12-07 to 2026-12-11 (5 working days)? Reason: Enjoy`]);
    expect(decided.structuredContent).toMatchObject({ request: { id: adaPending.id, status: 'approved' }, reason_kept: false });
    expect(textOf(decided)).toMatch(/keeps no reason with a decision; tell "Ada Lovelace" yourself/);
    expect(server.state.absences.find((absence) => absence.id === adaPending.id)?.status).toBe('approved');
    expect(server.requests.filter((request) => request.method === 'PATCH').map((request) => request.path)).toEqual([`/api/absences/${adaPending.id}/confirm`]);
  });

  it('sends nothing when the lead says no', async () => {
    const { fake: server, adaPending } = await kimaiWithTeams();
    const lead = await connect(server, TOM, { era, elicitation: decline });
    await lead.call('list_pending_leave');
    const refused = await lead.call('decide_leave_request', { id: adaPending.id, decision: 'reject' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(new RegExp(`^Leave request #${adaPending.id} was not rejected: you said no when asked\\. Nothing was changed\\.`));
    expect(server.requests.filter((request) => request.method === 'PATCH')).toEqual([]);
  });
});
