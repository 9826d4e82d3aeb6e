// What Punchcard offers on Clockify, from what it knows about the workspace (facts.ts): the timer, the
// person's own entries (listed, logged, changed, deleted), reports and the catalog always; leave, its
// withdrawal and the calendar unless time off is known not to answer for the person (the module off,
// the plan without it, or no access); timesheet approvals where the plan has them. The team tools, and for a workspace admin or the owner the
// catalog's writes and the admin group's tags, invoices, people and user groups, only for a role this process learned from
// Clockify (context.ts, teamRole): never remembered, as a key may be another person's, and unknown is
// no; a 403 under that role withdraws what it refused. One place for the tracker and for the
// opening of a connection, which lists the tools before the tracker loads: free of zod and of HTTP.
import type { Capability } from '../time-tracker.ts';
import { clockifyFacts, clockifyFactsKey, type ClockifyFacts } from './facts.ts';
import type { ClockifyAdministration } from '../../contract/outcomes/clockify.ts';

const ALWAYS: readonly Capability[] = ['account', 'timer', 'entries', 'entries_edit', 'reports', 'catalog'];
const TIME_OFF: readonly Capability[] = ['leave', 'leave_cancel', 'calendar'];

/**
 * What the person is in the workspace, as far as the team tools go: an admin (the owner counts as
 * one) sees everyone, a team manager the members they manage, a project manager the projects they
 * manage, a member only themselves.
 */
export type TeamRole = 'admin' | 'team_manager' | 'project_manager' | 'member';

/** What an admin may administer, each withdrawn on its own when Clockify refuses it (context.ts, refuseAdministration); its refusal names it. */
export type { ClockifyAdministration };
const ADMINISTRATION: Readonly<Record<ClockifyAdministration, Capability>> = {
  catalog: 'catalog_write',
  tags: 'admin_tags',
  invoices: 'admin_invoices',
  people: 'admin_people',
  rates: 'admin_rates',
  catalogChanges: 'admin_catalog',
  teams: 'admin_teams',
  corrections: 'admin_corrections',
};

/**
 * Time off not known to be off is offered: the first `tools/list` must already be right, and a
 * client that reads the list once must see the leave tools from the start. The background check (or
 * the app's "Test connection") learns the truth and withdraws them live.
 */
export function clockifyCapabilities(
  facts: ClockifyFacts | undefined,
  role?: TeamRole,
  refused: ReadonlySet<ClockifyAdministration> = new Set(),
  approvalsRefused = false,
): ReadonlySet<Capability> {
  const capabilities = new Set<Capability>(ALWAYS);
  if (facts?.timeOff !== false) for (const capability of TIME_OFF) capabilities.add(capability);
  // Timesheet approvals where the workspace's plan has them (Standard and up; its feature list says
  // APPROVAL), for every role: a member submits, an approver decides. Unknown is no (the group is off
  // by default, and the background check learns the plan); a 403 of an approval route withdraws it.
  if (facts?.approvalInPlan === true && !approvalsRefused) capabilities.add('approvals');
  // Colleagues' hours for those Clockify shows them to; a project manager their projects' hours;
  // decisions on leave only where time off answers at all.
  if (role === 'admin' || role === 'team_manager') {
    capabilities.add('team_hours');
    capabilities.add('team_projects');
    if (facts?.timeOff !== false) capabilities.add('team_leave');
  }
  if (role === 'project_manager') capabilities.add('team_projects');
  // Clockify's workspace settings name admins alone (onlyAdminsCreateProject, …Task, …Tag) and its
  // invoices are an admin's page, and only admins change user groups: the catalog (its writes and changes), tags, invoices,
  // rates, people and teams for an admin or the owner only
  // (docs/back-ends/clockify.md, "Administration").
  if (role === 'admin') {
    for (const [kind, capability] of Object.entries(ADMINISTRATION)) if (!refused.has(kind as ClockifyAdministration)) capabilities.add(capability);
  }
  // A team manager lists and shows the people of the user groups she manages (admin-people.ts): the
  // members and groups lists Clockify answers her too; a 403 withdraws it as it does an admin's.
  if (role === 'team_manager' && !refused.has('people')) capabilities.add('admin_people');
  return capabilities;
}

/**
 * Acting for one person with the organisation's key (acting-api.ts): the timer, their entries, reports and the catalog
 * open to them; their own leave, its withdrawal and the calendar unless time off is known not to answer for them, and
 * timesheet approvals where the plan has them (their own submissions; a lead's decisions on the people they lead); and
 * colleagues' hours and projects' time and leave decisions where the PERSON's own role leads people (an admin, a team
 * manager), narrowed to those they lead. Not offered (docs/back-ends/clockify.md, "Acting for others"): the admin
 * group (its writes act for others by nature) and a project manager's project time (the projects they manage are not
 * narrowed).
 */
export function actingForCapabilities(role?: TeamRole, facts?: ClockifyFacts, approvalsRefused = false): ReadonlySet<Capability> {
  const capabilities = new Set<Capability>(ALWAYS);
  if (facts?.timeOff !== false) for (const capability of TIME_OFF) capabilities.add(capability);
  if (facts?.approvalInPlan === true && !approvalsRefused) capabilities.add('approvals');
  if (role === 'admin' || role === 'team_manager') {
    capabilities.add('team_hours');
    capabilities.add('team_projects');
    if (facts?.timeOff !== false) capabilities.add('team_leave');
  }
  return capabilities;
}

export function rememberedClockifyCapabilities(
  userDataDir: string,
  profile: { url: string; workspace?: string | undefined },
): { capabilities: ReadonlySet<Capability>; remembered: boolean } {
  const facts = clockifyFacts.read(userDataDir, clockifyFactsKey(profile));
  return { capabilities: clockifyCapabilities(facts), remembered: facts !== undefined };
}
