// Which customers, projects and activities a person reaches in Kimai with their own account (docs/back-ends/kimai.md,
// "Acting for others"): Kimai judges team access against the caller, so an organisation account (an administrator)
// reaches everything, and the person's own reach is computed here from the teams' grants. A customer, project or
// activity granted to no team is open to everyone; one granted to teams is open to their members only; a project
// needs its customer's grants to let the person in too, and an activity its project's. Administrators reach everything.
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
