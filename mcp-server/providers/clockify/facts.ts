// What Punchcard learned about a Clockify workspace that shapes the next start (remote/facts-file.ts):
// the workspace it resolved to (its id and name, so a start needs no list of workspaces), its plan,
// whether time off answers for the person (which decides the leave tools, so the first `tools/list`
// is right without a request), whether its plan has timesheet approvals and by which period it approves,
// whether it has custom fields (so a workspace without them is never asked for their list),
// when that was last asked, and the person's zone. Keyed by address and
// the configured workspace. Never the key, nor who it belongs to: a new key may be another person's,
// so each process asks Clockify whose it is. No zod and no HTTP here: the opening reads it.
import type { ClockifyAdministration } from '../../contract/outcomes/clockify.ts';
import { defined, factsFile, pick } from '../remote/facts-file.ts';

export const CLOCKIFY_FACTS_FILE = 'clockify-accounts.json';

export interface ClockifyFacts {
  workspaceId?: string;
  workspaceName?: string;
  /** The workspace's plan as Clockify names it ('FREE', 'STANDARD_2021'). */
  plan?: string;
  /** Time off answers for the person in this workspace: policies, requests, balances. */
  timeOff?: boolean;
  /** The workspace's plan includes time off (its feature list says TIME_OFF); false explains a missing module. */
  timeOffInPlan?: boolean;
  /** The workspace's plan includes timesheet approvals (its feature list says APPROVAL): the approvals group is offered. */
  approvalInPlan?: boolean;
  /** The workspace's plan includes custom fields (its feature list says CUSTOM_FIELDS); false: their list is never asked for. */
  customFieldsInPlan?: boolean;
  /**
   * The period the workspace approves timesheets by, as Clockify names it ('WEEKLY'), learned from a
   * request's days or from Clockify's refusal of another (approvals/approvals.ts, "rule"): its API shows no setting.
   */
  approvalPeriod?: string;
  /** Periods Clockify refused as not the workspace's, space-separated, while approvalPeriod is not known. */
  approvalPeriodsRefused?: string;
  /** What the workspace requires on every entry, space-separated ('project task description'). */
  requires?: string;
  /** When the workspace and time off were last asked about (ISO time): asked again a day later. */
  checkedAt?: string;
  timezone?: string;
}

export const clockifyFacts = factsFile<ClockifyFacts>(CLOCKIFY_FACTS_FILE, (entry) =>
  defined({
    workspaceId: pick.text(entry.workspaceId),
    workspaceName: pick.text(entry.workspaceName),
    plan: pick.text(entry.plan),
    timeOff: pick.boolean(entry.timeOff),
    timeOffInPlan: pick.boolean(entry.timeOffInPlan),
    approvalInPlan: pick.boolean(entry.approvalInPlan),
    customFieldsInPlan: pick.boolean(entry.customFieldsInPlan),
    approvalPeriod: pick.text(entry.approvalPeriod),
    approvalPeriodsRefused: pick.text(entry.approvalPeriodsRefused),
    requires: typeof entry.requires === 'string' ? entry.requires : undefined,
    checkedAt: pick.text(entry.checkedAt),
    timezone: pick.text(entry.timezone),
  }),
);

/** One configured workspace (or the person's active one) at one address. */
export function clockifyFactsKey(profile: { url: string; workspace?: string | undefined }): string {
  return `${profile.workspace === undefined ? 'the active workspace' : `workspace ${profile.workspace}`} at ${profile.url}`;
}

/**
 * What the person is in the workspace, as far as the team tools go: an admin (the owner counts as
 * one) sees everyone, a team manager the members they manage, a project manager the projects they
 * manage, a member only themselves.
 */
export type TeamRole = 'admin' | 'team_manager' | 'project_manager' | 'member';

/** What an admin may administer, each withdrawn on its own when Clockify refuses it (context.ts, refuseAdministration); its refusal names it. */
export type { ClockifyAdministration };

/**
 * What is known of the account that decides the tools (cells.ts, each cell's offer): what the workspace offers (the
 * facts, remembered), the person's role in it (learned by this process from Clockify: never remembered, as a key may
 * be another person's; unknown is no), and what Clockify refused (403) under that role: an administration, or, until
 * the next start, timesheet approvals.
 */
export interface ClockifyKnown {
  facts: ClockifyFacts | undefined;
  role: TeamRole | undefined;
  refused: ReadonlySet<ClockifyAdministration>;
  approvalsRefused: boolean;
}

/** Time off not known to be off is offered: the first `tools/list` must already be right, and the background check withdraws it live. */
export function timeOffAnswers(facts: ClockifyFacts | undefined): boolean {
  return facts?.timeOff !== false;
}

/**
 * Whether the person administers `kind`: a workspace admin or the owner only (docs/back-ends/clockify.md,
 * "Administration": Clockify's settings name admins alone for the catalog and tags, its invoices are an admin's page,
 * and only admins change user groups and rates), unless Clockify refused it under the role learned.
 */
export function administers(known: ClockifyKnown, kind: ClockifyAdministration): boolean {
  return known.role === 'admin' && !known.refused.has(kind);
}

/** Clockify's roles as its pages name them; a member holds none of the three and is a "regular user" there. */
const ROLE_WORDS: Readonly<Record<TeamRole, string>> = {
  admin: 'admin',
  team_manager: 'team manager',
  project_manager: 'project manager',
  member: 'regular user',
};

/** Each capability the role decides, and the least role that has it (an admin, the owner among them, has them all). */
const ROLE_NEEDS: Readonly<Partial<Record<string, { kind?: ClockifyAdministration; needs: TeamRole }>>> = {
  team_hours: { needs: 'team_manager' },
  team_leave: { needs: 'team_manager' },
  team_projects: { needs: 'project_manager' },
  admin_people: { kind: 'people', needs: 'team_manager' },
  admin_tags: { kind: 'tags', needs: 'admin' },
  admin_invoices: { kind: 'invoices', needs: 'admin' },
  admin_rates: { kind: 'rates', needs: 'admin' },
  admin_teams: { kind: 'teams', needs: 'admin' },
  admin_catalog: { kind: 'catalogChanges', needs: 'admin' },
  admin_corrections: { kind: 'corrections', needs: 'admin' },
  catalog_write: { kind: 'catalog', needs: 'admin' },
};

/** How far each role reaches: a role has what every role below it has, for the capabilities above. */
const RANK: Readonly<Record<TeamRole, number>> = { member: 0, project_manager: 1, team_manager: 2, admin: 3 };

/**
 * The person's role and the one that would have `capability`, where the role Clockify named is why it is not offered;
 * undefined where it is not: no role learned yet, a capability no role decides (approvals: the workspace's plan), the
 * leads' leave where time off does not answer, or one Clockify refused (403) under a role that reaches it, whose tool
 * keeps the generic words.
 */
export function clockifyRoleLacking(known: ClockifyKnown, capability: string): { role: string; needs: string } | undefined {
  const rule = ROLE_NEEDS[capability];
  if (rule === undefined || known.role === undefined || RANK[known.role] >= RANK[rule.needs]) return undefined;
  if (capability === 'team_leave' && !timeOffAnswers(known.facts)) return undefined;
  return { role: ROLE_WORDS[known.role], needs: ROLE_WORDS[rule.needs] };
}
