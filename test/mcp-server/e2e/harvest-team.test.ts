// The team group on Harvest, through the engine in process against the fake Harvest, on each person's own token
// (test/support/harvest-roles.ts): Bob the administrator, Lea a manager with teammates (Ada and Max), Max the manager
// of Website with no teammates, Ada a member. Each is offered what their role, read from their own profile and
// assignments, allows; every list of entries names whom (user_id) or what (project_id) it is about; a role's
// limits are said before anything is sent, and Harvest never answers 403.
import { describe, expect, it } from 'vitest';
import { refusalOf, textOf } from '../../support/engine.ts';
import { ADA, BOB, harvestRoles, LEA, MAX, requestsOf } from '../../support/harvest-roles.ts';

const TEAM_TOOLS = ['project_status', 'team_report'];
const { company, connect } = harvestRoles({ team: true });

type Report = {
  people: Array<{ id: number; name: string; minutes: number; target_minutes: number | null }>;
  total_people: number;
  covers: string;
  next_offset: number | null;
};

describe('the team group on Harvest', () => {
  it("offers each role what Harvest lets it see: an administrator both tools, a manager of people their hours, a project's manager its status, a member none", async () => {
    const { fake } = await company();
    await connect(fake, BOB, { tools: TEAM_TOOLS, offered: TEAM_TOOLS });
    await connect(fake, LEA, { tools: TEAM_TOOLS, offered: ['team_report'] });
    await connect(fake, MAX, { tools: TEAM_TOOLS, offered: ['project_status'] });
    const ada = await connect(fake, ADA);
    // Ada's role is read too (her profile and assignments), and offers nothing of the team's.
    await expect.poll(() => requestsOf(fake, ADA).some((request) => request.path === '/v2/users/me/project_assignments')).toBe(true);
    expect((await ada.client.listTools()).tools.map((tool) => tool.name).filter((name) => TEAM_TOOLS.includes(name))).toEqual([]);
    expect(fake.requests.filter((request) => request.status === 403)).toEqual([]);
  });

  it("gives an administrator everyone's hours, each person's entries read by user_id", async () => {
    const { fake } = await company();
    const bob = await connect(fake, BOB, { tools: TEAM_TOOLS, offered: TEAM_TOOLS });
    const result = await bob.call('team_report', { from: '2026-11-16', to: '2026-11-17' });
    const report = result.structuredContent as Report;
    expect(report.people.map((person) => [person.name, person.minutes])).toEqual([
      ['Ada Lovelace', 480],
      ['Bob Builder', 120],
      ['Lea Lead', 180],
      ['Max Manager', 60],
    ]);
    expect(report.total_people).toBe(4);
    expect(report.covers).toMatch(/everyone active/);
    // Ada's weekly capacity (40 h) over two working days.
    expect(report.people[0]?.target_minutes).toBe(960);
    const entries = requestsOf(fake, BOB).filter((request) => request.path === '/v2/time_entries');
    expect(entries).toHaveLength(4);
    for (const request of entries) expect(new URLSearchParams(request.query).get('user_id')).toMatch(/^\d+$/);
  });

  it('gives a manager of people her teammates and herself, as Harvest lists them to her, and nothing Harvest refuses', async () => {
    const { fake } = await company();
    const lea = await connect(fake, LEA, { tools: TEAM_TOOLS, offered: ['team_report'] });
    const report = (await lea.call('team_report', { from: '2026-11-16', to: '2026-11-17' })).structuredContent as Report;
    // Each named by their Harvest user id, as manage_people names them.
    expect(report.people.map((person) => [person.id, person.name])).toEqual([
      [ADA, 'Ada Lovelace'],
      [LEA, 'Lea Lead'],
      [MAX, 'Max Manager'],
    ]);
    expect(report.covers).toMatch(/teammates/);
    expect(requestsOf(fake, LEA).filter((request) => request.path.includes('/teammates'))).toEqual([]);
    expect(fake.requests.filter((request) => request.status === 403)).toEqual([]);
  });

  it('reads at most twenty people a call, the next window at next_offset', async () => {
    const { fake } = await company();
    for (let index = 0; index < 22; index++) {
      fake.state.users.push({
        ...(fake.state.users[0] as (typeof fake.state.users)[number]),
        id: 2_000 + index,
        first_name: 'Zed',
        last_name: `Z${String(index).padStart(2, '0')}`,
        token: `pat-z${index}`,
      });
    }
    const bob = await connect(fake, BOB, { tools: TEAM_TOOLS, offered: TEAM_TOOLS });
    const before = requestsOf(fake, BOB).length;
    const report = (await bob.call('team_report', { from: '2026-11-16', to: '2026-11-17', limit: 50 })).structuredContent as Report;
    expect(report.people).toHaveLength(20);
    expect(report.next_offset).toBe(20);
    expect(report.total_people).toBe(26);
    expect(
      requestsOf(fake, BOB)
        .slice(before)
        .filter((request) => request.path === '/v2/time_entries'),
    ).toHaveLength(20);
  });

  it("shows a project's manager its time against its budget, read by project_id, and no project she does not manage", async () => {
    const { fake, website, internal } = await company();
    Object.assign(fake.state.projects.find((project) => project.id === website) ?? {}, { budgetBy: 'project', budget: 20 });
    const max = await connect(fake, MAX, { tools: TEAM_TOOLS, offered: ['project_status'] });
    const status = (await max.call('project_status', { project: 'Website' })).structuredContent as {
      budget_hours: number | null;
      by_person: Array<{ person: string; total_minutes: number }>;
    };
    expect(status.budget_hours).toBe(20);
    expect(status.by_person.map((row) => [row.person, row.total_minutes])).toEqual([
      ['Ada Lovelace', 480],
      ['Bob Builder', 120],
    ]);
    const entries = requestsOf(fake, MAX).filter((request) => request.path === '/v2/time_entries');
    for (const request of entries) expect(new URLSearchParams(request.query).get('project_id')).toBe(String(website));

    const sent = requestsOf(fake, MAX).length;
    const refused = await max.call('project_status', { project: 'Internal' });
    expect(refusalOf(refused)).toEqual({ code: 'harvest_project_not_managed', facts: { project: { id: internal, name: 'Internal' } } });
    expect(
      requestsOf(fake, MAX)
        .slice(sent)
        .filter((request) => request.path !== '/v2/users/me' && request.path !== '/v2/users/me/project_assignments'),
    ).toEqual([]);
  });

  it('sends, warm, one request a person for team_report and two for project_status', async () => {
    const { fake, website } = await company();
    const bob = await connect(fake, BOB, { tools: TEAM_TOOLS, offered: TEAM_TOOLS });
    await bob.call('team_report', { from: '2026-11-16', to: '2026-11-17' });
    await bob.call('project_status', { project: 'Website' });
    const sent = requestsOf(fake, BOB).length;
    await bob.call('team_report', { from: '2026-11-16', to: '2026-11-17' });
    const report = requestsOf(fake, BOB).slice(sent);
    expect(report.map((request) => request.path)).toEqual(Array(4).fill('/v2/time_entries'));
    const before = requestsOf(fake, BOB).length;
    await bob.call('project_status', { project: 'Website' });
    expect(
      requestsOf(fake, BOB)
        .slice(before)
        .map((request) => request.path)
        .sort(),
    ).toEqual([`/v2/projects/${website}`, '/v2/time_entries']);
  });
  it("withdraws team_report when Harvest takes a manager's teammates away: the tools list changes, and the sentence says which right it needed", async () => {
    const { fake } = await company();
    let changes = 0;
    const lea = await connect(fake, LEA, { tools: TEAM_TOOLS, offered: ['team_report'] }, undefined, () => changes++);
    const settled = changes;
    // An administrator takes Lea's teammates away in Harvest: her profile, kept five minutes, still says people_manager,
    // and Harvest now answers her GET /v2/users with 403.
    fake.state.teammates = fake.state.teammates.filter((pair) => pair.managerId !== LEA);
    const refused = await lea.call('team_report', { from: '2026-11-16', to: '2026-11-17' });
    expect(refusalOf(refused)).toMatchObject({ code: 'harvest_forbidden', facts: { needs: 'an administrator, or a manager with teammates' } });
    expect(textOf(refused)).toMatch(/that needs an administrator, or a manager with teammates, and the tool is switched off until your role changes/);
    expect(
      requestsOf(fake, LEA)
        .filter((request) => request.status === 403)
        .map((request) => request.path),
    ).toEqual(['/v2/users']);
    await expect.poll(() => changes).toBeGreaterThan(settled);
    expect((await lea.client.listTools()).tools.map((tool) => tool.name)).not.toContain('team_report');
    // The everyday tools go on.
    expect((await lea.call('timer_status')).isError).toBeFalsy();
  });
  // How Harvest answers a manager's GET /v2/users is documented only for "a manager with assigned teammates": the fake
  // answers each plausible way, and Lea's engine holds on each (docs/back-ends/harvest.md, "For leads").
  it.each([
    ['her teammates alone', 'teammates', 200],
    ['403', 'forbidden', 403],
    ['a JSON 404', 'not_found', 404],
  ] as const)("survives a manager's people list answered with %s: her hours, or the tool withdrawn in words", async (_way, managerUsers, status) => {
    const { fake } = await company({ managerUsers });
    let changes = 0;
    const lea = await connect(fake, LEA, { tools: TEAM_TOOLS, offered: ['team_report'] }, undefined, () => changes++);
    const settled = changes;
    const result = await lea.call('team_report', { from: '2026-11-16', to: '2026-11-17' });
    expect(
      requestsOf(fake, LEA)
        .filter((request) => request.path === '/v2/users')
        .map((request) => request.status),
    ).toEqual([status]);
    if (status === 200) {
      expect((result.structuredContent as Report).people.map((person) => person.name)).toEqual(['Ada Lovelace', 'Lea Lead', 'Max Manager']);
    } else {
      expect(refusalOf(result)).toMatchObject({ code: 'harvest_forbidden', facts: { needs: 'an administrator, or a manager with teammates' } });
      expect(textOf(result)).toMatch(/the tool is switched off until your role changes/);
      await expect.poll(() => changes).toBeGreaterThan(settled);
      expect((await lea.client.listTools()).tools.map((tool) => tool.name)).not.toContain('team_report');
      // Nothing more is asked of the list once it was refused.
      await lea.call('team_report', { from: '2026-11-16', to: '2026-11-17' });
      expect(requestsOf(fake, LEA).filter((request) => request.path === '/v2/users')).toHaveLength(1);
    }
    expect((await lea.call('timer_status')).isError).toBeFalsy();
    expect((await lea.call('list_time_entries', { from: '2026-11-16', to: '2026-11-17' })).isError).toBeFalsy();
  });
});
