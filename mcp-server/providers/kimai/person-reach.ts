// Which customers, projects and activities a person reaches in Kimai with their own account (docs/back-ends/kimai.md,
// "Acting for others"): Kimai judges team access against the caller, so an organisation account (an administrator)
// reaches everything, and the person's own reach is computed here from the teams' grants. A customer, project or
// activity granted to no team is open to everyone; one granted to teams is open to their members only; a project
// needs its customer's grants to let the person in too, and an activity its project's. Administrators reach everything.
// The grants are read from the catalog lists, which carry each item's teams (docs/back-ends/kimai.md, "Acting for
// others"): three requests however many teams the company has, where reading the teams one by one would not fit a call.
import { highestRole } from './facts.ts';
import { relationId } from './wire.ts';
import type { KimaiActivity, KimaiCustomer, KimaiProject, KimaiUserFull } from './wire.ts';

/** What the teams grant: for each team, the ids of the catalog items granted to it. */
export interface TeamGrants {
  id: number;
  customers: readonly number[];
  projects: readonly number[];
  activities: readonly number[];
}

export interface PersonReach {
  customer(id: number): boolean;
  project(project: Pick<KimaiProject, 'id' | 'customer'>): boolean;
  activity(activity: Pick<KimaiActivity, 'id' | 'project'>, projectOf: (id: number) => Pick<KimaiProject, 'id' | 'customer'> | undefined): boolean;
}

/** A team no person is in: an item whose answer shows no readable list of teams is taken as granted to it alone. */
export const UNKNOWN_TEAM = -1;

/** A customer, project or activity as Kimai lists it, with the teams granted it. */
export interface TeamGranted {
  id: number;
  teams?: unknown;
}

/**
 * Every team's grants, turned round from the catalog: Kimai lists each customer, project and activity with `teams`,
 * the teams granted it, so no team need be read. An item whose `teams` is not a list of teams is closed to the person
 * (granted to UNKNOWN_TEAM), never opened by a field that is missing or unreadable.
 */
export function grantsFromCatalog(catalog: Record<'customers' | 'projects' | 'activities', readonly TeamGranted[]>): TeamGrants[] {
  const byTeam = new Map<number, { id: number; customers: number[]; projects: number[]; activities: number[] }>();
  for (const kind of ['customers', 'projects', 'activities'] as const) {
    for (const item of catalog[kind]) {
      for (const team of teamIdsOf(item.teams) ?? [UNKNOWN_TEAM]) {
        const grants = byTeam.get(team) ?? { id: team, customers: [], projects: [], activities: [] };
        byTeam.set(team, grants);
        grants[kind].push(item.id);
      }
    }
  }
  return [...byTeam.values()];
}

/** The ids of a list of teams (`[{id, name, …}]`), or undefined where it is not one. */
function teamIdsOf(teams: unknown): number[] | undefined {
  if (!Array.isArray(teams)) return undefined;
  const ids = teams.map((team: unknown) =>
    typeof team === 'object' && team !== null && Number.isInteger((team as { id?: unknown }).id) && (team as { id: number }).id > 0
      ? (team as { id: number }).id
      : undefined,
  );
  return ids.every((id) => id !== undefined) ? (ids as number[]) : undefined;
}

/** Everything: an administrator's reach (Kimai's "can see all data"). */
export const REACHES_ALL: PersonReach = { customer: () => true, project: () => true, activity: () => true };

/** The reach of a person in the teams `memberOf`, under `grants` (every team's). */
export function personReach(grants: readonly TeamGrants[], memberOf: ReadonlySet<number>): PersonReach {
  const open = (kind: 'customers' | 'projects' | 'activities', id: number) => {
    const granted = grants.filter((team) => team[kind].includes(id));
    return granted.length === 0 || granted.some((team) => memberOf.has(team.id));
  };
  const customer = (id: number) => open('customers', id);
  const project = (item: Pick<KimaiProject, 'id' | 'customer'>) => {
    const customerId = relationId(item.customer);
    return (customerId === null || customer(customerId)) && open('projects', item.id);
  };
  return {
    customer,
    project,
    activity: (item, projectOf) => {
      const projectId = relationId(item.project);
      if (projectId !== null) {
        const owner = projectOf(projectId);
        if (!owner || !project(owner)) return false;
      }
      return open('activities', item.id);
    },
  };
}

/** What the person's teams reach, with the whole project list it was judged on. */
export interface Reach {
  reach: PersonReach;
  /**
   * Whether Kimai would show the person a project's budget: an administrator every one, a team lead those of the
   * teams they lead (budget_teamlead_project: the team is granted the project or its customer), anyone else none.
   */
  budgetShown: (project: KimaiProject) => boolean;
  projects: ReadonlyMap<number, KimaiProject>;
  /** Every activity, for a person whose teams decide (undefined for an administrator, who reaches all). */
  activities?: ReadonlyMap<number, KimaiActivity>;
}

/** An administrator's reach: everything, every budget shown (the project list alone is read). */
export function administratorsReach(projects: readonly KimaiProject[]): Reach {
  return { reach: REACHES_ALL, budgetShown: () => true, projects: new Map(projects.map((project) => [project.id, project])) };
}

/**
 * The reach of `person`, not an administrator, from the three catalog lists as the organisation's account reads them
 * (each item with the teams granted it): their teams' grants, and the budgets of the teams they lead.
 */
export function teamsReach(
  person: KimaiUserFull,
  lists: { customers: readonly KimaiCustomer[]; projects: readonly KimaiProject[]; activities: readonly KimaiActivity[] },
): Reach {
  const { customers, projects, activities } = lists;
  // A customer the key does not list, named by a project, has grants nobody can read: listed without teams, closed.
  const listed = new Set(customers.map((customer) => customer.id));
  const unlisted = projects.map((project) => relationId(project.customer)).filter((id): id is number => id !== null && !listed.has(id));
  const grants = grantsFromCatalog({ customers: [...customers, ...[...new Set(unlisted)].map((id) => ({ id }))], projects, activities });
  const byId = new Map(projects.map((project) => [project.id, project]));
  const teamIds = [...(person.teams ?? []).map((team) => team.id), ...(person.memberships ?? []).map((membership) => membership.team.id)];
  const memberOf = new Set(teamIds.filter((id) => id !== UNKNOWN_TEAM));
  const leads = new Set((person.memberships ?? []).filter((membership) => membership.teamlead).map((membership) => membership.team.id));
  const ledGrants = highestRole(person.roles) === 'ROLE_TEAMLEAD' ? grants.filter((team) => leads.has(team.id)) : [];
  const budgetShown = (project: KimaiProject) => {
    const customerId = relationId(project.customer);
    return ledGrants.some((team) => team.projects.includes(project.id) || (customerId !== null && team.customers.includes(customerId)));
  };
  return { reach: personReach(grants, memberOf), budgetShown, projects: byId, activities: new Map(activities.map((activity) => [activity.id, activity])) };
}

/** A project without its budget fields, as Kimai lists it to whom its budget is not shown. */
export function withoutBudget(project: KimaiProject): KimaiProject {
  const { budget: _money, timeBudget: _time, budgetType: _type, ...rest } = project;
  return rest;
}
