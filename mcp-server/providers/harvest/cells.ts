// Harvest's cells, in the order its tracker makes them (a part another builds on comes first), and what they offer
// (docs/internals/back-ends.md, "A capability is a folder"). The opening lists tools from these offers before
// Harvest's code loads; the tracker (tracker.ts) loads each cell's code. To everyone: the timer and the entries on both
// kinds of account, the person's assignments as the catalog, their weekly capacity as the plan. By the person's role,
// remembered from their own profile and assignments (rights.ts): the team's hours and projects, the people, the
// rates, the invoices, the catalog's writes and changes, and the approvals' list. Never leave, the approvals' workflow, custom fields or breaks,
// which its API does not have (their tools are withheld in words: docs/back-ends/harvest.md, "What Harvest does not
// have").
//
// Harvest has no organisation account that acts for people: each person connects their own token (on the team server
// at sign-in, as for Clockify). Its grid says so (HarvestGrid in context.ts), and no cell says anything of it.
import type { Capability } from '../../contract/vocabulary.ts';
import type { Cell } from '../grid/cell.ts';
import { offeredBy } from '../grid/compose.ts';
import { ACCOUNT } from './account/index.ts';
import { ADMIN_PEOPLE } from './admin-people/index.ts';
import { ADMIN_RATES } from './admin-rates/index.ts';
import { APPROVALS } from './approvals/index.ts';
import { CATALOG } from './catalog/index.ts';
import { CATALOG_ADMIN } from './catalog-admin/index.ts';
import { INVOICES } from './invoices/index.ts';
import type { HarvestGrid } from './context.ts';
import { harvestFacts, harvestFactsKey, type HarvestFacts } from './facts.ts';
import { LEAVE } from './leave/index.ts';
import { PLAN } from './plan/index.ts';
import { TEAM } from './team/index.ts';
import { TIMESHEETS } from './timesheets/index.ts';

export const HARVEST_CELLS: readonly Cell<HarvestGrid>[] = [
  CATALOG,
  PLAN,
  ACCOUNT,
  TIMESHEETS,
  LEAVE,
  TEAM,
  ADMIN_PEOPLE,
  ADMIN_RATES,
  INVOICES,
  CATALOG_ADMIN,
  APPROVALS,
];

/** What Harvest offers on the person's own token. */
export function harvestCapabilities(facts: HarvestFacts | undefined): ReadonlySet<Capability> {
  return offeredBy(HARVEST_CELLS, facts, 'own');
}

/** What is remembered about the account, if anything, and the capabilities that follow. */
export function rememberedHarvestCapabilities(
  userDataDir: string,
  profile: { url: string; account_id?: string | undefined },
): { capabilities: ReadonlySet<Capability>; remembered: boolean } {
  const facts = harvestFacts.read(userDataDir, harvestFactsKey(profile));
  return { capabilities: harvestCapabilities(facts), remembered: facts !== undefined };
}
