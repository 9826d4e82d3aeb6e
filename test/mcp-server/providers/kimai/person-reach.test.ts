// Which customers, projects and activities a person reaches in Kimai by their teams (providers/kimai/person-reach.ts),
// the rule the fake Kimai judges a caller by (fake-kimai-acting.ts, reachesProject), with activities' grants too.
import { describe, expect, it } from 'vitest';
import { grantsFromCatalog, personReach, REACHES_ALL } from '../../../../mcp-server/providers/kimai/person-reach.ts';

const GRANTS = [
  { id: 10, customers: [1], projects: [], activities: [] },
  { id: 11, customers: [], projects: [21], activities: [31] },
];
const projects = new Map([
  [20, { id: 20, customer: 1 }],
  [21, { id: 21, customer: 2 }],
  [22, { id: 22, customer: { id: 2, name: 'Open' } }],
]);

describe("a person's reach by their teams", () => {
  it('opens what no team was granted, and what is granted to one of their teams, to them alone', () => {
    const outsider = personReach(GRANTS, new Set());
    expect([outsider.customer(1), outsider.customer(2)]).toEqual([false, true]);
    expect([20, 21, 22].map((id) => outsider.project(projects.get(id) as { id: number; customer: number }))).toEqual([false, false, true]);
    const member = personReach(GRANTS, new Set([10, 11]));
    expect([20, 21, 22].map((id) => member.project(projects.get(id) as { id: number; customer: number }))).toEqual([true, true, true]);
  });

  it("needs the customer's grants to let them in as well as the project's", () => {
    const onlyProjectTeam = personReach(
      [
        { id: 10, customers: [1], projects: [20], activities: [] },
        { id: 12, customers: [], projects: [20], activities: [] },
      ],
      new Set([12]),
    );
    expect(onlyProjectTeam.project({ id: 20, customer: 1 })).toBe(false);
  });

  it("needs an activity's own grants, and its project's reach where it belongs to one", () => {
    const outsider = personReach(GRANTS, new Set());
    const projectOf = (id: number) => projects.get(id);
    expect(outsider.activity({ id: 30, project: null }, projectOf)).toBe(true);
    expect(outsider.activity({ id: 31, project: null }, projectOf)).toBe(false);
    expect(outsider.activity({ id: 32, project: 20 }, projectOf)).toBe(false);
    expect(outsider.activity({ id: 33, project: 22 }, projectOf)).toBe(true);
    // An activity of a project the list does not hold is closed.
    expect(outsider.activity({ id: 34, project: 99 }, projectOf)).toBe(false);
    expect(personReach(GRANTS, new Set([11])).activity({ id: 31, project: null }, projectOf)).toBe(true);
  });

  it('reaches everything for an administrator', () => {
    expect([REACHES_ALL.customer(1), REACHES_ALL.project({ id: 21, customer: 2 }), REACHES_ALL.activity({ id: 31, project: null }, () => undefined)]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("reads the teams' grants from the catalog lists, and closes an item whose teams it cannot read", () => {
    const team = (id: number) => ({ id, name: `Team ${id}`, color: null, 'color-safe': '#03A9F4' });
    const grants = grantsFromCatalog({
      customers: [
        { id: 1, teams: [team(10)] },
        { id: 2, teams: [] },
      ],
      projects: [{ id: 21, teams: [team(11), team(12)] }, { id: 23 }, { id: 24, teams: [{ name: 'no id' }] }],
      activities: [{ id: 31, teams: [team(11)] }],
    });
    expect(grants.find((grant) => grant.id === 11)).toEqual({ id: 11, customers: [], projects: [21], activities: [31] });
    const member = personReach(grants, new Set([10, 11, 12]));
    expect([1, 2].map((id) => member.customer(id))).toEqual([true, true]);
    // A project listed without teams, or with teams that are not teams, is nobody's: closed even to every team's member.
    expect([21, 23, 24].map((id) => member.project({ id, customer: 2 }))).toEqual([true, false, false]);
    expect(personReach(grants, new Set([12])).activity({ id: 31, project: null }, () => undefined)).toBe(false);
  });
});
