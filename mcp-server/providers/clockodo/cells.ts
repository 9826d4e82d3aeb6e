// Clockodo's cells, in the order its tracker makes them (a part another builds on comes first), and what they offer
// (docs/internals/back-ends.md, "A capability is a folder"). The opening lists tools from these offers before
// Clockodo's code loads; the tracker (tracker.ts) loads each cell's code. Adding a capability is its folder and one
// line here. The offers follow what is known of the login (facts.ts): its role and rights, the absence module, whom it
// leads; a capability not known to be there is offered only where most logins have it (the leave tools), so the first
// tools/list is already right for most.
import type { Capability } from '../../contract/vocabulary.ts';
import type { Cell } from '../grid/cell.ts';
import { offeredBy } from '../grid/compose.ts';
import { ACCOUNT } from './account/index.ts';
import { ADMIN_PEOPLE } from './admin-people/index.ts';
import { ADMIN_TEAMS } from './admin-teams/index.ts';
import { CATALOG } from './catalog/index.ts';
import { CATALOG_ADMIN } from './catalog-admin/index.ts';
import type { ClockodoGrid } from './context.ts';
import { CORRECTIONS } from './corrections/index.ts';
import { clockodoFacts, clockodoFactsKey, type ClockodoFacts } from './facts.ts';
import { LEAVE } from './leave/index.ts';
import { PLAN } from './plan/index.ts';
import { TEAM } from './team/index.ts';
import { TIMESHEETS } from './timesheets/index.ts';

export const CLOCKODO_CELLS: readonly Cell<ClockodoGrid>[] = [
  CATALOG,
  PLAN,
  ACCOUNT,
  TIMESHEETS,
  LEAVE,
  TEAM,
  ADMIN_PEOPLE,
  ADMIN_TEAMS,
  CATALOG_ADMIN,
  CORRECTIONS,
];

/** What Clockodo offers on the person's own login and key. */
export function clockodoCapabilities(facts: ClockodoFacts | undefined): ReadonlySet<Capability> {
  return offeredBy(CLOCKODO_CELLS, facts, 'own');
}

/**
 * What is offered when the team server acts for a person with the owner's key (acting.ts): what their own login would
 * reach of their time, leave and team, never the administration nor catalog writes, which would be made with the
 * owner's rights (docs/back-ends/clockodo.md, "Acting for others"). Clockodo has no timesheet approvals.
 */
export function actingForCapabilities(facts: ClockodoFacts | undefined): ReadonlySet<Capability> {
  return offeredBy(CLOCKODO_CELLS, facts, 'organisation');
}

/** What is remembered about the account, if anything, and the capabilities that follow. */
export function rememberedClockodoCapabilities(
  userDataDir: string,
  profile: { url: string; email: string },
): { capabilities: ReadonlySet<Capability>; remembered: boolean } {
  const facts = clockodoFacts.read(userDataDir, clockodoFactsKey(profile));
  return { capabilities: clockodoCapabilities(facts), remembered: facts !== undefined };
}
