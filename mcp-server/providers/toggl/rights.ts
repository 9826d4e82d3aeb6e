// What the person's Toggl Track role lets them see of others (docs/back-ends/toggl.md, "Roles"), read from what Toggl
// tells them about themselves: their role in the workspace (`role` of the workspace as they read it: admin, user,
// projectlead, teamlead; Leads exist on Premium only) and whether they manage a project (`manager` on one of their own
// project users). Never probed by trying what the role may not do. Pure: no request, no zod, so the cells' offers read
// it before Toggl's code loads.
import type { Capability } from '../../contract/vocabulary.ts';
import { offeredUnderRole, roleWords } from '../remote/remembered-role.ts';
import type { TogglFacts } from './facts.ts';

/** The word Punchcard keeps beside the workspace role for a person who manages at least one project. */
export const PROJECT_MANAGER = 'project_manager';
/** The word kept for a person whose own timesheets a setup governs (its `member_id`: they submit). */
export const TIMESHEET_MEMBER = 'timesheet_member';
/** The word kept for a person a setup names as an approver (they decide its member's timesheets). */
export const TIMESHEET_APPROVER = 'timesheet_approver';
/** The word kept for an admin of the workspace's organization (`admin` in their own organizations): they invite people. */
export const ORGANIZATION_ADMIN = 'organization_admin';

/** The workspace roles in Toggl's words (workspace_user.Payload `role`). */
export type TogglRole = 'admin' | 'teamlead' | 'projectlead' | 'user';
const ROLES: readonly TogglRole[] = ['admin', 'teamlead', 'projectlead', 'user'];

export interface TogglRights {
  role: TogglRole;
  /** They manage at least one project (a project user's `manager`). */
  managesProjects: boolean;
  /** A timesheet setup governs their own timesheets (Premium's approvals: they submit). */
  timesheetMember?: boolean;
  /** A timesheet setup names them an approver (they decide its member's timesheets). */
  timesheetApprover?: boolean;
  /** They administer the workspace's organization (`admin` of it in their own organizations): invitations are theirs. */
  organizationAdmin?: boolean;
}

/** The role of a workspace as the person reads it: its `role` where Toggl names one Punchcard knows, else its `admin` flag. */
export function workspaceRoleOf(workspace: { role?: string | null; admin?: boolean | null }): TogglRole {
  const named = ROLES.find((role) => role === workspace.role);
  return named ?? (workspace.admin === true ? 'admin' : 'user');
}

/** The rights the remembered words name. */
export function rightsOf(words: ReadonlySet<string>): TogglRights {
  const role = ROLES.find((candidate) => words.has(candidate)) ?? 'user';
  return {
    role,
    managesProjects: words.has(PROJECT_MANAGER),
    timesheetMember: words.has(TIMESHEET_MEMBER),
    timesheetApprover: words.has(TIMESHEET_APPROVER),
    organizationAdmin: words.has(ORGANIZATION_ADMIN),
  };
}

/**
 * The words remembered for the rights: the workspace role, PROJECT_MANAGER where they manage a project, their place in
 * timesheet setups, and ORGANIZATION_ADMIN where they administer the organization.
 */
export function wordsOf(
  role: TogglRole,
  managesProjects: boolean,
  timesheets: { member: boolean; approver: boolean } = { member: false, approver: false },
  organizationAdmin = false,
): string[] {
  return [
    role,
    ...(managesProjects ? [PROJECT_MANAGER] : []),
    ...(timesheets.member ? [TIMESHEET_MEMBER] : []),
    ...(timesheets.approver ? [TIMESHEET_APPROVER] : []),
    ...(organizationAdmin ? [ORGANIZATION_ADMIN] : []),
  ];
}

/** Everyone's hours: a workspace admin's and a Team Lead's ("can view all Time Entries"). */
export const leadsPeople = (rights: TogglRights) => rights.role === 'admin' || rights.role === 'teamlead';
/** Every project's time: the same two roles. */
export const seesEveryProject = leadsPeople;
/** A project's time: theirs who see every project, and a project manager's (a Project Lead's too) of the projects they manage. */
export const overseesProjects = (rights: TogglRights) => seesEveryProject(rights) || rights.managesProjects;

/**
 * The workspace's people, its rates and its catalog: a workspace admin's ("edit members' rates, workspace settings",
 * "edit all projects and clients"). A Team Lead "cannot … create, edit, or delete projects, edit billable rates or
 * labor costs, create, edit, or delete clients"; a Project Lead's edits are not documented, so not offered.
 */
export const administers = (rights: TogglRights) => rights.role === 'admin';

/**
 * Timesheet approvals (Premium's): a member a setup governs submits and withdraws their own, an approver a setup names
 * decides its member's, a workspace admin decides anyone's. The plan is the caller's to check (the cell's offer).
 */
export const takesPartInApprovals = (rights: TogglRights) => rights.timesheetMember === true || decidesTimesheets(rights);
/** Deciding others' timesheets: an approver a setup names, or a workspace admin. */
export const decidesTimesheets = (rights: TogglRights) => rights.timesheetApprover === true || rights.role === 'admin';

/**
 * Inviting people: Toggl's invitations are the organization's (`POST /organizations/{oid}/invitations`), an
 * organization admin's; Punchcard invites into the configured workspace, so a workspace admin who administers the
 * organization too.
 */
export const invites = (rights: TogglRights) => administers(rights) && rights.organizationAdmin === true;
/** The least role that invites, as a refusal says it. */
export const INVITE_NEEDS = 'an organization admin';

/** What a workspace admin alone is offered: the people, the rates, the catalog's changes and its writes. */
export const ADMINISTERED: readonly Capability[] = ['admin_people', 'admin_rates', 'admin_catalog', 'catalog_write'];
/** The least role that has them, as a refusal says it. */
export const ADMIN_NEEDS = 'a workspace admin';

/**
 * Where the person's role is why a capability is not offered (the engine's withheld reason `role`): what a workspace
 * admin alone has, for anyone else whose role was read. A role not read yet, and a capability Toggl refused (403) under
 * an admin's role, keep why `back_end`; so do the team's tools, withheld from a member in the back end's own words.
 */
export function roleLacking(facts: TogglFacts | undefined, capability: Capability): { role: string; needs: string } | undefined {
  const rights = knownRights(facts);
  if (rights === undefined || !ADMINISTERED.includes(capability) || administers(rights)) return undefined;
  return { role: roleName(rights), needs: ADMIN_NEEDS };
}

/** `capabilities` where the role remembered allows them and Toggl did not refuse them under it. */
export function offeredFor(
  facts: TogglFacts | undefined,
  allowed: (rights: TogglRights) => boolean,
  capabilities: readonly Capability[],
): readonly Capability[] {
  return offeredUnderRole(facts, rightsOf, allowed, capabilities);
}

/** The rights remembered, or undefined where none were read. */
export function knownRights(facts: TogglFacts | undefined): TogglRights | undefined {
  const words = roleWords(facts);
  return words === undefined ? undefined : rightsOf(words);
}

const ROLE_NAMES: Record<TogglRole, string> = { admin: 'workspace admin', teamlead: 'Team Lead', projectlead: 'Project Lead', user: 'member' };

/**
 * The role as a refusal says it, in the words of Toggl's own help: "member", "Team Lead", "member, project manager".
 * The one place a Toggl role becomes words (the engine's withheld reason `role` takes it from here).
 */
export function roleName(rights: TogglRights): string {
  return `${ROLE_NAMES[rights.role]}${rights.managesProjects ? ', project manager' : ''}`;
}
