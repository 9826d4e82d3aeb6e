// The admin group on Harvest, through the engine in process against the fake Harvest, on each person's own token
// (test/support/harvest-roles.ts): Bob the administrator administers people and their dated rates; Lea, a
// manager with teammates, lists them and renames them and nothing more; Max and Ada are offered none of it. Every
// change is asked first; what a role may not do, and what Harvest does not keep, is said before anything is sent.
import { describe, expect, it } from 'vitest';
import { accept } from '../../support/admin-engine.ts';
import { refusalOf } from '../../support/engine.ts';
import { ADA, BOB, harvestRoles, LEA, MAX, requestsOf } from '../../support/harvest-roles.ts';
import type { FakeHarvest } from '../providers/harvest/fake-harvest.ts';

const ADMIN_TOOLS = ['manage_people', 'manage_rates'];
const { company, connect } = harvestRoles({ admin: true });

type Person = { id: number; name: string; email: string; role: string | null; active: boolean; teams: string[] };
const writesOf = (fake: FakeHarvest, userId: number) =>
  requestsOf(fake, userId)
    .filter((request) => request.method !== 'GET')
    .map((request) => `${request.method} ${request.path} ${request.body}`);

describe('the admin group on Harvest', () => {
  it('offers an administrator people and rates, a manager of people her people alone, and nobody else either', async () => {
    const { fake } = await company();
    await connect(fake, BOB, { tools: ADMIN_TOOLS, offered: ADMIN_TOOLS });
    await connect(fake, LEA, { tools: ADMIN_TOOLS, offered: ['manage_people'] });
    await connect(fake, MAX, { tools: ADMIN_TOOLS, offered: [] });
    await connect(fake, ADA, { tools: ADMIN_TOOLS, offered: [] });
    expect(fake.requests.filter((request) => request.status === 403)).toEqual([]);
  });

  it('lets an administrator list everyone by their Harvest id and role, invite, and deactivate, each asked first; never herself', async () => {
    const { fake } = await company();
    const asked: string[] = [];
    const bob = await connect(fake, BOB, { tools: ADMIN_TOOLS, offered: ADMIN_TOOLS }, (params) => (asked.push(params.message), accept(params)));
    const listed = (await bob.call('manage_people', { action: 'list' })).structuredContent as { people: Person[] };
    expect(listed.people.map((person) => [person.id, person.name, person.role, person.teams])).toEqual([
      [ADA, 'Ada Lovelace', 'member', []],
      [BOB, 'Bob Builder', 'administrator', []],
      [LEA, 'Lea Lead', 'manager', []],
      [MAX, 'Max Manager', 'manager', []],
    ]);

    await bob.call('manage_people', { action: 'invite', name: 'Grace Hopper', email: 'grace@example.com' });
    await bob.call('manage_people', { action: 'deactivate', person: 'Ada Lovelace' });
    expect(asked).toHaveLength(2);
    const writes = writesOf(fake, BOB);
    expect(writes[0]).toMatch(/^POST \/v2\/users \{"first_name":"Grace","last_name":"Hopper","email":"grace@example.com"/);
    expect(writes[1]).toBe(`PATCH /v2/users/${ADA} {"is_active":false}`);

    const self = await bob.call('manage_people', { action: 'deactivate', person: 'Bob Builder' });
    expect(refusalOf(self)?.code).toBe('person_deactivate_self');
    expect(writesOf(fake, BOB)).toHaveLength(2);
  });

  it("lets a manager rename a teammate, and refuses her a teammate's e-mail or role before anything is sent", async () => {
    const { fake } = await company();
    const lea = await connect(fake, LEA, { tools: ADMIN_TOOLS, offered: ['manage_people'] }, accept);
    const listed = (await lea.call('manage_people', { action: 'list' })).structuredContent as { people: Person[] };
    expect(listed.people.map((person) => person.id)).toEqual([ADA, LEA, MAX]);

    await lea.call('manage_people', { action: 'update', person: 'Ada Lovelace', name: 'Ada King' });
    expect(writesOf(fake, LEA)).toEqual([`PATCH /v2/users/${ADA} {"first_name":"Ada","last_name":"King"}`]);

    const email = await lea.call('manage_people', { action: 'update', person: 'Max Manager', email: 'max@elsewhere.example' });
    expect(refusalOf(email)).toMatchObject({ code: 'role_lacks', facts: { back_end: 'Harvest', role: 'manager (people_manager)', needs: 'an administrator' } });
    const role = await lea.call('manage_people', { action: 'update', person: 'Max Manager', role: 'administrator' });
    expect(refusalOf(role)?.code).toBe('role_lacks');
    expect(writesOf(fake, LEA)).toHaveLength(1);
    expect(fake.requests.filter((request) => request.status === 403)).toEqual([]);
  });

  it("sets a person's billable and cost rates dated today, and refuses what Harvest does not keep before anything is sent", async () => {
    const { fake } = await company();
    const bob = await connect(fake, BOB, { tools: ADMIN_TOOLS, offered: ADMIN_TOOLS }, accept);
    await bob.call('manage_rates', { action: 'set', kind: 'workspace', item: 'Acme', person: 'Ada Lovelace', hourly: 90 });
    await bob.call('manage_rates', { action: 'set', kind: 'workspace', item: 'Acme', person: 'Ada Lovelace', internal: 40 });
    expect(writesOf(fake, BOB)).toEqual([
      `POST /v2/users/${ADA}/billable_rates {"amount":90,"start_date":"2026-11-18"}`,
      `POST /v2/users/${ADA}/cost_rates {"amount":40,"start_date":"2026-11-18"}`,
    ]);

    const removed = await bob.call('manage_rates', { action: 'remove', kind: 'workspace', item: 'Acme', person: 'Ada Lovelace' });
    expect(refusalOf(removed)?.code).toBe('harvest_rate_not_removable');
    const nobody = await bob.call('manage_rates', { action: 'set', kind: 'workspace', item: 'Acme', hourly: 90 });
    expect(refusalOf(nobody)?.code).toBe('harvest_rate_needs_person');
    const fixed = await bob.call('manage_rates', { action: 'set', kind: 'project', item: 'Website', fixed: 50 });
    expect(refusalOf(fixed)?.code).toBe('harvest_rate_not_fixed');
    expect(writesOf(fake, BOB)).toHaveLength(2);
  });

  it("sets a project's rate, a person's rate on it and a task's rate there, each a PATCH of the rate alone", async () => {
    const { fake, website, internal } = await company();
    const bob = await connect(fake, BOB, { tools: ADMIN_TOOLS, offered: ADMIN_TOOLS }, accept);
    await bob.call('manage_rates', { action: 'set', kind: 'project', item: 'Website', hourly: 100 });
    await bob.call('manage_rates', { action: 'set', kind: 'project', item: 'Website', person: 'Ada Lovelace', hourly: 110 });
    // Development is on both projects: named with its project.
    await bob.call('manage_rates', { action: 'set', kind: 'activity', item: 'Development (Internal)', hourly: 80 });
    const adas = fake.state.assignments.find((assignment) => assignment.userId === ADA && assignment.projectId === website);
    const writes = writesOf(fake, BOB);
    expect(writes[0]).toBe(`PATCH /v2/projects/${website} {"hourly_rate":100}`);
    expect(writes[1]).toBe(`PATCH /v2/projects/${website}/user_assignments/${adas?.id} {"use_default_rates":false,"hourly_rate":110}`);
    expect(writes[2]).toMatch(new RegExp(`^PATCH /v2/projects/${internal}/task_assignments/\\d+ \\{"hourly_rate":80\\}$`));
    expect(writes).toHaveLength(3);

    const onTask = await bob.call('manage_rates', { action: 'set', kind: 'activity', item: 'Development (Internal)', person: 'Ada Lovelace', hourly: 90 });
    expect(refusalOf(onTask)?.code).toBe('harvest_rate_not_kept');
    const costOnProject = await bob.call('manage_rates', { action: 'set', kind: 'project', item: 'Website', internal: 40 });
    expect(refusalOf(costOnProject)?.code).toBe('harvest_rate_internal_per_person');
    expect(writesOf(fake, BOB)).toHaveLength(3);
  });

  it("lets a billable-rates manager set her teammates' billable rates, and refuses her a cost rate before anything is sent", async () => {
    const { fake } = await company();
    (fake.state.users.find((user) => user.id === LEA) as { access_roles: string[] }).access_roles.push('billable_rates_manager');
    const lea = await connect(fake, LEA, { tools: ADMIN_TOOLS, offered: ADMIN_TOOLS }, accept);
    await lea.call('manage_rates', { action: 'set', kind: 'workspace', item: 'Acme', person: 'Ada Lovelace', hourly: 85 });
    expect(writesOf(fake, LEA)).toEqual([`POST /v2/users/${ADA}/billable_rates {"amount":85,"start_date":"2026-11-18"}`]);
    const cost = await lea.call('manage_rates', { action: 'set', kind: 'workspace', item: 'Acme', person: 'Ada Lovelace', internal: 40 });
    expect(refusalOf(cost)).toMatchObject({ code: 'role_lacks', facts: { needs: 'an administrator' } });
    expect(writesOf(fake, LEA)).toHaveLength(1);
    expect(fake.requests.filter((request) => request.status === 403)).toEqual([]);
  });
});
