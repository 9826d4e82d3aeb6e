// Which customers, projects and activities a person reaches in Kimai with their own account (docs/back-ends/kimai.md,
// "Acting for others"): Kimai judges team access against the caller, so an organisation account (an administrator)
// reaches everything, and the person's own reach is computed here from the teams' grants. A customer, project or
// activity granted to no team is open to everyone; one granted to teams is open to their members only; a project
// needs its customer's grants to let the person in too, and an activity its project's. Administrators reach everything.
// The grants are read from the catalog lists, which carry each item's teams (docs/back-ends/kimai.md, "Acting for
// others"): three requests however many teams the company has, where reading the teams one by one would not fit a call.
import { relationId } from './wire.ts';
import type { KimaiActivity, KimaiProject } from './wire.ts';

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
