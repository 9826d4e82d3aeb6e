// Toggl Track's cells, in the order its tracker makes them (a part another builds on comes first), and what they offer
// (docs/internals/back-ends.md, "A capability is a folder"). The opening lists tools from these offers before Toggl's
// code loads; the tracker (tracker.ts) loads each cell's code. To everyone: the account, the timer and the entries, the
// catalog, and the absence calendar from the settings' holidays. By the person's role, remembered from what Toggl tells
// them about themselves (rights.ts): the team's hours and projects, a workspace admin's people, rates and catalog (its
// writes with the catalog's cell), and on Premium the timesheet approvals of those a setup names and of admins. Its API
// has no time off, no custom fields on entries and no breaks, so the leave tools are withheld (tool_withheld, why
// back_end); its tags, teams, corrections and invoices are not served yet (docs/back-ends/toggl.md, "Not offered").
//
// Toggl has no organisation account that acts for people: each person connects their own token, on the team server
// too, never with `actingFor`. Its grid says so (TogglGrid in context.ts), and no cell says anything of it.
import type { Capability } from '../../contract/vocabulary.ts';
import type { Cell } from '../grid/cell.ts';
import { offeredBy } from '../grid/compose.ts';
import { ACCOUNT } from './account/index.ts';
import { ADMIN_PEOPLE } from './admin-people/index.ts';
import { ADMIN_RATES } from './admin-rates/index.ts';
import { APPROVALS } from './approvals/index.ts';
import { CATALOG } from './catalog/index.ts';
import { CATALOG_ADMIN } from './catalog-admin/index.ts';
import type { TogglGrid } from './context.ts';
import { togglFacts, togglFactsKey, type TogglFacts } from './facts.ts';
import { LEAVE } from './leave/index.ts';
import { TEAM } from './team/index.ts';
import { TIMESHEETS } from './timesheets/index.ts';

export const TOGGL_CELLS: readonly Cell<TogglGrid>[] = [CATALOG, ACCOUNT, TIMESHEETS, LEAVE, TEAM, ADMIN_PEOPLE, CATALOG_ADMIN, ADMIN_RATES, APPROVALS];

/** What Toggl offers on the person's own token. */
export function togglCapabilities(facts: TogglFacts | undefined): ReadonlySet<Capability> {
  return offeredBy(TOGGL_CELLS, facts, 'own');
}

/** What is remembered about the workspace, if anything, and the capabilities that follow. */
export function rememberedTogglCapabilities(
  userDataDir: string,
  profile: { url: string; workspace?: string | undefined },
): { capabilities: ReadonlySet<Capability>; remembered: boolean } {
  const facts = togglFacts.read(userDataDir, togglFactsKey(profile));
  return { capabilities: togglCapabilities(facts), remembered: facts !== undefined };
}
