// What the person's Toggl Track role lets them see of others (docs/back-ends/toggl.md, "Roles"), read from what Toggl
// tells them about themselves: their role in the workspace (`role` of the workspace as they read it: admin, user,
// projectlead, teamlead; Leads exist on Premium only) and whether they manage a project (`manager` on one of their own
// project users). Never probed by trying what the role may not do. Pure: no request, no zod, so the cells' offers read
// it before Toggl's code loads.
import { APPROVALS_WITH_WORKFLOW, type Capability } from '../../contract/vocabulary.ts';
import { offeredUnderRole, roleWords } from '../remote/remembered-role.ts';
import type { TogglFacts } from './facts.ts';

/** The word Punchcard keeps beside the workspace role for a person who manages at least one project. */
export const PROJECT_MANAGER = 'project_manager';
/** The word kept for a person whose own timesheets a setup governs (its `member_id`: they submit). */
export const TIMESHEET_MEMBER = 'timesheet_member';
/** The word kept for a person a setup names as an approver (they decide its member's timesheets). */
export const TIMESHEET_APPROVER = 'timesheet_approver';
/**
 * The word kept once Toggl answered the setups naming the person: their part in approvals (none included) is known. A
 * role read without them (the approvals off, or Toggl refusing them as unavailable) lacks it, so nothing is said of that part.
 */
export const TIMESHEETS_READ = 'timesheet_setups_read';
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
  /** Toggl answered the setups naming them: the two above are known, not taken as none. */
  timesheetsRead?: boolean;
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
    timesheetsRead: words.has(TIMESHEETS_READ),
    organizationAdmin: words.has(ORGANIZATION_ADMIN),
  };
}

/** The person's place in timesheet setups: member, approver, and whether Toggl answered the setups at all. */
export interface TimesheetPart {
  member: boolean;
  approver: boolean;
  read: boolean;
}

/**
 * The words remembered for the rights: the workspace role, PROJECT_MANAGER where they manage a project, their place in
 * timesheet setups (TIMESHEETS_READ where Toggl answered them), and ORGANIZATION_ADMIN where they administer the organization.
 */
export function wordsOf(
  role: TogglRole,
  managesProjects: boolean,
  timesheets: TimesheetPart = { member: false, approver: false, read: false },
  organizationAdmin = false,
): string[] {
  return [
    role,
    ...(managesProjects ? [PROJECT_MANAGER] : []),
    ...(timesheets.member ? [TIMESHEET_MEMBER] : []),
    ...(timesheets.approver ? [TIMESHEET_APPROVER] : []),
    ...(timesheets.read ? [TIMESHEETS_READ] : []),
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

/** The least part in approvals that has them, as a refusal says it (a workspace admin is above it). */
export const APPROVALS_NEEDS = "a timesheet setup's member or approver";

/**
 * Where the person's role is why a capability is not offered (the engine's withheld reason `role`): what a workspace
 * admin alone has, for anyone else whose role was read; and on Premium the approvals, for someone whose setups Toggl
 * answered naming them nowhere, who is no admin ("member, in no timesheet setup": a workspace admin names them in one).
 * A role not read yet, setups Toggl did not answer, a plan below Premium (the descriptor's words: "a Premium feature"),
 * and a capability Toggl refused (403, 402) under a role that has it keep why `back_end`; so do the team's tools,
 * withheld from a member in the back end's own words.
 */
export function roleLacking(facts: TogglFacts | undefined, capability: Capability): { role: string; needs: string } | undefined {
  const rights = knownRights(facts);
  if (rights === undefined) return undefined;
  if (ADMINISTERED.includes(capability)) return administers(rights) ? undefined : { role: roleName(rights), needs: ADMIN_NEEDS };
  if (!APPROVALS_WITH_WORKFLOW.includes(capability) || facts?.plan !== 'premium' || rights.timesheetsRead !== true) return undefined;
  return takesPartInApprovals(rights) ? undefined : { role: `${roleName(rights)}, in no timesheet setup`, needs: APPROVALS_NEEDS };
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
