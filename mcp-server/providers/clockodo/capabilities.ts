// What Punchcard offers on Clockodo, from what it knows about the login (facts.ts). One place for the
// tracker and for the opening of a connection, which lists the tools before the tracker loads: so
// this module stays free of zod and of the HTTP client.
import type { Capability } from '../time-tracker.ts';
import { clockodoFacts, clockodoFactsKey, type ClockodoFacts } from './facts.ts';

/** Every login may track, list, edit its own entries and report; breaks Clockodo has not. */
const ALWAYS: readonly Capability[] = ['account', 'timer', 'entries', 'entries_edit', 'reports', 'catalog'];
const ABSENCE_MODULE: readonly Capability[] = ['leave', 'leave_cancel', 'calendar'];

/**
 * Creating and archiving customers, projects and services only for a login that may (an owner or a
 * manager, or a worker allowed to add customers and projects); until the role is known, not offered,
 * as a plain worker has no such right. The leave tools unless the company is known not to use the
 * absence module: most do, and a client that reads the list once must see them from the start. The
 * app's "Test connection" learns both before any AI client starts.
 */
export function clockodoCapabilities(facts: ClockodoFacts | undefined): ReadonlySet<Capability> {
  const capabilities = new Set<Capability>(ALWAYS);
  if (facts?.role === 'owner' || facts?.role === 'manager' || facts?.canAddCustomers === true) capabilities.add('catalog_write');
  if (facts?.absences !== false) for (const capability of ABSENCE_MODULE) capabilities.add(capability);
  // Colleagues' hours for a role known to see them (an owner, a manager) and for anyone Clockodo says
  // leads people (a team's leader, someone's boss: a plain worker may be either); deciding leave for
  // one known to manage absences generally or to be named others' absence manager, in a company with
  // the module. Unknown is no.
  if (facts?.role === 'owner' || facts?.role === 'manager' || facts?.leads === true) {
    capabilities.add('team_hours');
    capabilities.add('team_projects');
  }
  if ((facts?.managesAbsences === true || facts?.decidesLeave === true) && facts.absences !== false) capabilities.add('team_leave');
  // People and teams for the company's owner alone, the one role Clockodo gives its administration
  // (docs/back-ends/clockodo.md, "Administration"); a 403 withdraws each (context.ts, refuseAdministration).
  if (facts?.role === 'owner' && facts.peopleRefused !== true) capabilities.add('admin_people');
  if (facts?.role === 'owner' && facts.teamsRefused !== true) capabilities.add('admin_teams');
  // The owner administers (docs/back-ends/clockodo.md, "Administration"): a manager's rights over the
  // catalog and colleagues' entries depend on grants the API does not show, so they are not assumed.
  // Each is withdrawn on its own when Clockodo refuses it (403) under the role learned.
  if (facts?.role === 'owner' && facts.catalogRefused !== true) capabilities.add('admin_catalog');
  if (facts?.role === 'owner' && facts.correctionsRefused !== true) capabilities.add('admin_corrections');
  return capabilities;
}

/**
 * What is offered when the team server acts for a person with the owner's key (acting-api.ts), an allow-list: their
 * own time, reports and what they may book on; their own leave, its withdrawal and the calendar where the company uses
 * the absence module (acting-api.ts files it as waiting and reaches only what their own key would); colleagues' hours
 * and project hours where Clockodo says they lead someone (a team's leader, someone's boss), and leave decisions where
 * it says they decide someone's absences or all absences (acting-api.ts narrows those to the people they lead or
 * decide), whatever their role. Not the administration (it acts for others by nature, with the owner's rights), not
 * catalog writes (made with the owner's rights, not the person's) (docs/back-ends/clockodo.md, "Acting for others").
 * Clockodo has no timesheet approvals, so none are offered.
 */
const ACTING_FOR: readonly Capability[] = ['account', 'timer', 'entries', 'entries_edit', 'reports', 'catalog'];

export function actingForCapabilities(facts: ClockodoFacts | undefined): ReadonlySet<Capability> {
  const capabilities = new Set<Capability>(ACTING_FOR);
  if (facts?.absences !== false) for (const capability of ABSENCE_MODULE) capabilities.add(capability);
  if (facts?.leads === true) {
    capabilities.add('team_hours');
    capabilities.add('team_projects');
  }
  if ((facts?.managesAbsences === true || facts?.decidesLeave === true) && facts.absences !== false) capabilities.add('team_leave');
  return capabilities;
}

/** What is remembered about the account, if anything, and the capabilities that follow. */
export function rememberedClockodoCapabilities(
  userDataDir: string,
  profile: { url: string; email: string },
): { capabilities: ReadonlySet<Capability>; remembered: boolean } {
  const facts = clockodoFacts.read(userDataDir, clockodoFactsKey(profile));
  return { capabilities: clockodoCapabilities(facts), remembered: facts !== undefined };
}
