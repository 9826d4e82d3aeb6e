// Clockify's cells, in the order its tracker makes them (a part another builds on comes first), and what they offer
// (docs/internals/back-ends.md, "A capability is a folder"). The opening lists tools from these offers before
// Clockify's code loads; the tracker (tracker.ts) loads each cell's code. Adding a capability is its folder and one
// line here. The offers follow what is known (facts.ts, ClockifyKnown): what the workspace offers, remembered between
// starts; the person's role, learned by each process and never remembered (a key may be another person's), unknown
// being no; and what Clockify refused under that role. Time off not known to be off is offered, so the first
// tools/list is already right for most.
import type { Capability } from '../../contract/vocabulary.ts';
import type { Cell } from '../grid/cell.ts';
import { offeredBy } from '../grid/compose.ts';
import { ACCOUNT } from './account/index.ts';
import { ADMIN_PEOPLE } from './admin-people/index.ts';
import { ADMIN_RATES } from './admin-rates/index.ts';
import { ADMIN_TAGS } from './admin-tags/index.ts';
import { ADMIN_TEAMS } from './admin-teams/index.ts';
import { APPROVALS } from './approvals/index.ts';
import { CATALOG } from './catalog/index.ts';
import { CATALOG_ADMIN } from './catalog-admin/index.ts';
import type { ClockifyGrid } from './context.ts';
import { CORRECTIONS } from './corrections/index.ts';
import { ENTRY_FIELDS } from './entry-fields/index.ts';
import { clockifyFacts, clockifyFactsKey, type ClockifyKnown } from './facts.ts';
import { INVOICES } from './invoices/index.ts';
import { LEAVE } from './leave/index.ts';
import { PLAN } from './plan/index.ts';
import { TEAM } from './team/index.ts';
import { TIMESHEETS } from './timesheets/index.ts';

export const CLOCKIFY_CELLS: readonly Cell<ClockifyGrid>[] = [
  CATALOG,
  PLAN,
  ENTRY_FIELDS,
  ACCOUNT,
  TIMESHEETS,
  LEAVE,
  TEAM,
  APPROVALS,
  ADMIN_TAGS,
  INVOICES,
  ADMIN_PEOPLE,
  ADMIN_RATES,
  CATALOG_ADMIN,
  ADMIN_TEAMS,
  CORRECTIONS,
];

/** What Clockify offers on the person's own key. */
export function clockifyCapabilities(known: ClockifyKnown): ReadonlySet<Capability> {
  return offeredBy(CLOCKIFY_CELLS, known, 'own');
}

/**
 * What is offered when the team server acts for a person with the organisation's key (acting.ts): what their own key
 * would reach of their time, leave, timesheet approvals and team, never the administration nor the catalog's writes,
 * which would be made with the key's rights (docs/back-ends/clockify.md, "Acting for others").
 */
export function actingForCapabilities(known: ClockifyKnown): ReadonlySet<Capability> {
  return offeredBy(CLOCKIFY_CELLS, known, 'organisation');
}

/** What is known before this process asked Clockify anything: the facts remembered, no role, nothing refused. */
export function knownFrom(facts: ClockifyKnown['facts']): ClockifyKnown {
  return { facts, role: undefined, refused: new Set(), approvalsRefused: false };
}

/** What is remembered about the workspace, if anything, and the capabilities that follow. */
export function rememberedClockifyCapabilities(
  userDataDir: string,
  profile: { url: string; workspace?: string | undefined },
): { capabilities: ReadonlySet<Capability>; remembered: boolean } {
  const facts = clockifyFacts.read(userDataDir, clockifyFactsKey(profile));
  return { capabilities: clockifyCapabilities(knownFrom(facts)), remembered: facts !== undefined };
}
