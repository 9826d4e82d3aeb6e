// How the fake Kimai lets one account act for others (docs/back-ends/kimai.md, "Acting for others"): the
// permissions that decide it, held by role as Kimai ships them and changed by a test through
// `config.granted` / `config.revoked`, and team access to a project, judged against the CALLER. Kimai
// narrows nothing to the person named in a request: an account that may see everything books anyone
// on any project, and an account without view_other_timesheet has its `?user=` filter ignored. The
// fake keeps both, so a test proves the narrowing Punchcard does, not one the fake would do for it.
import type { FakeCustomer, FakeKimaiConfig, FakeProject, FakeTeam, FakeUser, Role } from './fake-kimai.ts';

/** The permissions that let an account act for others; each one revocable from a role, view_user also grantable. */
export type ActingPermission = 'view_other_timesheet' | 'create_other_timesheet' | 'edit_other_timesheet' | 'delete_other_timesheet' | 'view_user';

const LEADS_AND_UP: readonly Role[] = ['ROLE_TEAMLEAD', 'ROLE_ADMIN', 'ROLE_SUPER_ADMIN'];
/** Kimai 2.66's role maps for these permissions (docs/back-ends/kimai.md, "Roles and permissions"). */
const SHIPPED: Record<ActingPermission, readonly Role[]> = {
  view_other_timesheet: LEADS_AND_UP,
  create_other_timesheet: LEADS_AND_UP,
  edit_other_timesheet: LEADS_AND_UP,
  delete_other_timesheet: LEADS_AND_UP,
  view_user: ['ROLE_SUPER_ADMIN'],
};

/** Whether `user` holds `permission`: shipped with their role and not taken away, or granted to it. */
export function holds(config: Pick<FakeKimaiConfig, 'granted' | 'revoked'>, user: FakeUser, permission: ActingPermission): boolean {
  const granted = (config.granted[user.role] ?? []) as readonly string[];
  const revoked = (config.revoked[user.role] ?? []) as readonly string[];
  if (granted.includes(permission)) return true;
  return SHIPPED[permission].includes(user.role) && !revoked.includes(permission);
}

/** Kimai's "can see all data": administrators skip team access altogether. */
export const seesAllData = (user: FakeUser) => user.role === 'ROLE_ADMIN' || user.role === 'ROLE_SUPER_ADMIN';

/**
 * Team access to a project, as Kimai's project lists and forms judge it for the caller: a customer or
 * project granted to no team is open to everyone; one granted to teams is open to their members only;
 * both the customer's and the project's grants must let the caller in. Administrators see everything.
 */
export function reachesProject(teams: readonly FakeTeam[], customers: readonly FakeCustomer[], user: FakeUser, project: FakeProject): boolean {
  if (seesAllData(user)) return true;
  const open = (granted: FakeTeam[]) => granted.length === 0 || granted.some((team) => team.members.some((member) => member.userId === user.id));
  const customer = customers.find((item) => item.id === project.customerId);
  const customerTeams = customer ? teams.filter((team) => (team.customers ?? []).includes(customer.id)) : [];
  return open(customerTeams) && open(teams.filter((team) => (team.projects ?? []).includes(project.id)));
}
