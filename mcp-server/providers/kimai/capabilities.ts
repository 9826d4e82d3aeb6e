// What a Kimai can do, from what Punchcard remembers about it (detection-cache.ts). One place for the
// tracker and for the opening of a connection, which lists the tools before the tracker loads: so
// this module stays free of zod and of the HTTP client.
import { ADMIN_CAPABILITIES, CAPABILITIES, type Capability } from '../../contract/vocabulary.ts';
import { type KimaiDetection, readDetection } from './detection-cache.ts';

/** What the absence plugin adds; Kimai serves everything else Punchcard has a capability for but breaks. */
const ABSENCE_CAPABILITIES: ReadonlySet<Capability> = new Set(['leave', 'leave_cancel', 'calendar']);
/** What a person who leads a team (or administers Kimai) adds; deciding leave needs the plugin too. */
const TEAM_CAPABILITIES: ReadonlySet<Capability> = new Set(['team_hours', 'team_projects', 'team_leave']);
/** What a person may administer: each learned from their role and withdrawn on Kimai's refusal (kimaiAdministers). */
const ADMIN_CAPABILITY_SET: ReadonlySet<Capability> = new Set(ADMIN_CAPABILITIES);
/**
 * Kimai with the absence plugin, for a person who leads nobody: every capability but breaks (Kimai has none), the team's, the
 * admin group's and approvals (the ApprovalBundle plugin's, only where it was found).
 */
export const KIMAI_CAPABILITIES: ReadonlySet<Capability> = new Set(
  CAPABILITIES.filter(
    (capability) => capability !== 'breaks' && capability !== 'approvals' && !TEAM_CAPABILITIES.has(capability) && !ADMIN_CAPABILITY_SET.has(capability),
  ),
);
const WITHOUT_ABSENCES: ReadonlySet<Capability> = new Set([...KIMAI_CAPABILITIES].filter((capability) => !ABSENCE_CAPABILITIES.has(capability)));

/**
 * What a person is offered where the team server acts for them with the organisation's account
 * (docs/back-ends/kimai.md, "Acting for others"): their own timer, entries, catalog and reports, whatever their
 * role. New catalog items and administration are withheld: their reads and writes reach others, or the catalog, with
 * the organisation account's rights.
 */
export const KIMAI_ACTING_CAPABILITIES: ReadonlySet<Capability> = new Set([...WITHOUT_ABSENCES].filter((capability) => capability !== 'catalog_write'));

/**
 * Acting for a person: their own time tools; their own leave where the absence plugin answered (acting-api.ts names
 * them on each of its requests), and their own weeks where the ApprovalBundle was found, both only once a check found
 * them (unknown is no: a team server lists its tools again when a check changes them); and, for a team lead by role who
 * leads a team, the team's hours and projects and, with the plugin, their leave to list and decide (acting-api.ts
 * narrows those reads, and acting-decisions.ts the decisions, to the people of the teams they lead). An administrator
 * person is offered no team tools this way: their own token would reach everyone, which the organisation account is not
 * narrowed to.
 */
export function kimaiActingCapabilities(facts: Pick<KimaiDetection, 'role' | 'leads' | 'absences' | 'approvals'>): ReadonlySet<Capability> {
  const leads = facts.role === 'ROLE_TEAMLEAD' && facts.leads === true;
  const added: Capability[] = [
    ...(leads ? (['team_hours', 'team_projects'] as const) : []),
    ...(facts.absences === true ? [...ABSENCE_CAPABILITIES, ...(leads ? (['team_leave'] as const) : [])] : []),
    ...(facts.approvals === true ? (['approvals'] as const) : []),
  ];
  return added.length === 0 ? KIMAI_ACTING_CAPABILITIES : new Set([...KIMAI_ACTING_CAPABILITIES, ...added]);
}

/**
 * `absences` is whether the plugin answered the last time anyone asked; `undefined` when nobody has.
 * Unknown counts as present: the first `tools/list` must already be right, and clients that read it
 * only once (Claude Desktop) would otherwise never see the leave tools on a Kimai that has the
 * plugin. On one without it, the leave tools answer in words that the plugin is missing, and the
 * check in the background withdraws them (a clear error beats a feature that silently never shows).
 * The app's "Test connection" asks and remembers before any AI client starts.
 *
 * The ApprovalBundle plugin is the other way round: `approvals` only once a check found it. Where it is
 * offered, every write of time first asks the plugin for the locked weeks (tools/approval-lock.ts), so
 * assuming it on a Kimai without it would fail every write, not just the approvals tools.
 */
export function kimaiCapabilities(absences: boolean | undefined, leads?: boolean, admin: AdminFacts = {}): ReadonlySet<Capability> {
  const plain = absences === false ? WITHOUT_ABSENCES : KIMAI_CAPABILITIES;
  const base = admin.approvals === true ? new Set([...plain, 'approvals' as const]) : plain;
  const administers = kimaiAdministers(admin);
  // The team tools only once a profile read said so: unknown is no, as a worker's token is the common case.
  if (leads !== true) return administers.length === 0 ? base : new Set([...base, ...administers]);
  return new Set([...base, 'team_hours', 'team_projects', ...(absences === false ? [] : (['team_leave'] as const)), ...administers]);
}

type AdminFacts = Pick<
  KimaiDetection,
  'approvals' | 'role' | 'tagsRefused' | 'invoicesRefused' | 'correctionsRefused' | 'ratesRefused' | 'teamsRefused' | 'catalogRefused' | 'peopleRefused'
>;

/** Roles as Kimai ranks them; a role this list does not know counts as a plain user's. */
const ROLE_RANK: Readonly<Record<string, number>> = { ROLE_TEAMLEAD: 1, ROLE_ADMIN: 2, ROLE_SUPER_ADMIN: 3 };

/** The highest of a profile's roles, `ROLE_USER` where it names none Kimai ships above it. */
export function highestRole(roles: readonly string[] | undefined): string {
  return (roles ?? []).reduce((best, role) => ((ROLE_RANK[role] ?? 0) > (ROLE_RANK[best] ?? 0) ? role : best), 'ROLE_USER');
}

/**
 * What the person may administer on Kimai (docs/back-ends/kimai.md, "Administration"), from the role
 * a profile read named and what Kimai refused under it, as Kimai ships its roles: invoices and bulk
 * corrections of other people's entries from a team lead up (view_invoice; a team lead's reach only
 * their teams' members); tags, rates, teams and changes to the catalog for an administrator (edit_team
 * and the edit rights on customers, projects and activities are in no lower role's map; what a team
 * lead may edit is not known, so it is not assumed); people for a super administrator alone (view_user,
 * create_user and edit_other_profile are in no other role's map). Unknown (no profile read yet) is nothing.
 */
export function kimaiAdministers(facts: AdminFacts): Capability[] {
  const rank = facts.role === undefined ? -1 : (ROLE_RANK[facts.role] ?? 0);
  const administers: Capability[] = [];
  if (rank >= 2 && facts.tagsRefused !== true) administers.push('admin_tags');
  if (rank >= 1 && facts.invoicesRefused !== true) administers.push('admin_invoices');
  // Other people's entries: edit_other_timesheet for an administrator, edit_team_timesheet (its team members) for a team lead.
  if (rank >= 1 && facts.correctionsRefused !== true) administers.push('admin_corrections');
  // Rates need edit rights on the customer, project or activity, which Kimai ships to administrators (a team lead's GET is a 403 too).
  if (rank >= 2 && facts.ratesRefused !== true) administers.push('admin_rates');
  if (rank >= 2 && facts.teamsRefused !== true) administers.push('admin_teams');
  if (rank >= 2 && facts.catalogRefused !== true) administers.push('admin_catalog');
  if (rank >= 3 && facts.peopleRefused !== true) administers.push('admin_people');
  return administers;
}

/** What is remembered about the Kimai at `url`, if anything, and the capabilities that follow. */
export function rememberedKimaiCapabilities(userDataDir: string, url: string): { capabilities: ReadonlySet<Capability>; remembered: boolean } {
  const detection = readDetection(userDataDir, url);
  return { capabilities: kimaiCapabilities(detection?.absences, detection?.leads, detection ?? {}), remembered: detection !== undefined };
}
