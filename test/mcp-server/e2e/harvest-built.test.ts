// A lead's and an administrator's tools on Harvest through the built server (dist/, `npm run build`) spawned over
// stdio against the fake Harvest, on each person's own token (test/support/harvest-roles.ts): the role read from their
// own profile and assignments offers Lea, a manager with teammates, team_report over them and herself, and Bob, the
// administrator, manage_people over everyone, each person named by their Harvest user id; Harvest never answers 403.
import { describe, expect, it } from 'vitest';
import { ADA, BOB, harvestRoles, LEA, MAX } from '../../support/harvest-roles.ts';

const { company, connectBuilt } = harvestRoles({ team: true, admin: true });

describe('leads and administrators on Harvest, through the built server', () => {
  it("gives a manager her teammates' hours and an administrator everyone to administer", async () => {
    const { fake } = await company();
    const lea = await connectBuilt(fake, LEA, { tools: ['team_report', 'project_status', 'manage_rates'], offered: ['team_report'] });
    const report = (await lea.call('team_report', { from: '2026-11-16', to: '2026-11-17' })).structuredContent as {
      people: Array<{ name: string; minutes: number }>;
    };
    expect(report.people.map((person) => [person.name, person.minutes])).toEqual([
      ['Ada Lovelace', 480],
      ['Lea Lead', 180],
      ['Max Manager', 60],
    ]);

    const bob = await connectBuilt(fake, BOB, { tools: ['manage_people', 'manage_rates'], offered: ['manage_people', 'manage_rates'] });
    const people = (await bob.call('manage_people', { action: 'list' })).structuredContent as { people: Array<{ id: number; role: string | null }> };
    expect(people.people.map((person) => [person.id, person.role])).toEqual([
      [ADA, 'member'],
      [BOB, 'administrator'],
      [LEA, 'manager'],
      [MAX, 'manager'],
    ]);
    expect(fake.requests.filter((request) => request.status === 403)).toEqual([]);
  });
});
