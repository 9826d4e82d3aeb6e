// Calamari's cells, in the order its tracker makes them (a part another builds on comes first), and what they offer
// (docs/internals/back-ends.md, "A capability is a folder"). The opening lists tools from these offers before
// Calamari's code loads; the tracker (tracker.ts) loads each cell's code. Adding a capability is its folder and one
// line here. The offers follow the modules remembered in use (facts.ts): the timer, breaks, shifts, reports and the
// person's projects with Time & Attendance; leave and the calendar with Time Off; their reports' hours where Calamari
// names people they manage; the employee list where the key was seen to read it. A module not known to be off is
// offered: the first `tools/list` must already be right, and most organisations use what they pay for; the background
// check (or the app's "Test connection") learns the truth and withdraws a module's tools live. Calamari's API cannot
// change or delete a shift, create projects or cancel a leave request, so those tools are never offered.
//
// Calamari has no organisation account that acts for people: its key is the organisation's by nature, every request
// names the configured person, and the team server opens it with that key as the person's own credential, never with
// `actingFor` (docs/back-ends/calamari.md, "Acting for one person"). So what it offers there is what `own` says; its
// grid says it has no organisation account (CalamariGrid in context.ts), and no cell says anything of it.
import type { Capability } from '../../contract/vocabulary.ts';
import type { Cell } from '../grid/cell.ts';
import { offeredBy } from '../grid/compose.ts';
import { ACCOUNT } from './account/index.ts';
import { ADMIN_PEOPLE } from './admin-people/index.ts';
import { CATALOG } from './catalog/index.ts';
import type { CalamariGrid } from './context.ts';
import { calamariFacts, calamariFactsKey, type CalamariFacts } from './facts.ts';
import { LEAVE } from './leave/index.ts';
import { PLAN } from './plan/index.ts';
import { TEAM } from './team/index.ts';
import { TIMESHEETS } from './timesheets/index.ts';

/** In the order the tools are offered too (whoami lists them so): the plan, which offers none, first, as others build on it. */
export const CALAMARI_CELLS: readonly Cell<CalamariGrid>[] = [PLAN, ACCOUNT, TIMESHEETS, CATALOG, LEAVE, TEAM, ADMIN_PEOPLE];

/** What Calamari offers with the organisation's key, for the person the profile names (the app's and the team server's alike). */
export function calamariCapabilities(facts: CalamariFacts | undefined): ReadonlySet<Capability> {
  return offeredBy(CALAMARI_CELLS, facts, 'own');
}

/** What is remembered about the account, if anything, and the capabilities that follow. */
export function rememberedCalamariCapabilities(
  userDataDir: string,
  profile: { url: string; email: string },
): { capabilities: ReadonlySet<Capability>; remembered: boolean } {
  const facts = calamariFacts.read(userDataDir, calamariFactsKey(profile));
  return { capabilities: calamariCapabilities(facts), remembered: facts !== undefined };
}
