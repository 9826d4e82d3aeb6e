// Kimai's cells, in the order its tracker makes them (a part another builds on comes first), and what they offer
// (docs/internals/back-ends.md, "A capability is a folder"). The opening lists tools from these offers before Kimai's
// code loads; the tracker (tracker.ts) loads each cell's code. Adding a capability is its folder and one line here.
// The offers follow what is remembered of the server and the person (facts.ts): the absence plugin, the
// ApprovalBundle, whether they lead a team, their role and what Kimai refused under it.
//
// The absence plugin counts as present while unknown: the first `tools/list` must already be right, and clients that
// read it only once (Claude Desktop) would otherwise never see the leave tools on a Kimai that has the plugin. On one
// without it, the leave tools answer in words that the plugin is missing, and the check in the background withdraws
// them (a clear error beats a feature that silently never shows). The app's "Test connection" asks and remembers
// before any AI client starts. The ApprovalBundle is the other way round: offered only once a check found it. Where
// it is offered, every write of time first asks the plugin for the locked weeks (tools/approval-lock.ts), so assuming
// it on a Kimai without it would fail every write, not just the approvals tools. The team tools only once a profile
// read said so (unknown is no: a worker's token is the common case); what a person may administer comes from the
// role a profile read named, each withdrawn on Kimai's refusal (unknown is nothing).
//
// Acting for a person with the organisation's account (docs/back-ends/kimai.md, "Acting for others"), what is offered
// is what their own token would reach of their time, catalog, leave and weeks, the last two only once a check found
// the plugins (unknown is no: a team server lists its tools again when a check changes them); a team lead by role who
// leads a team gets the team's hours and projects and, with the plugin, their leave to decide. New catalog items and
// administration are never offered this way: their reads and writes reach others, or the catalog, with the
// organisation account's rights; nor the team tools to an administrator person, whose own token would reach everyone.
import type { Capability } from '../../contract/vocabulary.ts';
import type { Cell } from '../grid/cell.ts';
import { offeredBy } from '../grid/compose.ts';
import { ACCOUNT } from './account/index.ts';
import { ADMIN } from './admin/index.ts';
import { ADMIN_PEOPLE } from './admin-people/index.ts';
import { ADMIN_RATES } from './admin-rates/index.ts';
import { ADMIN_TEAMS } from './admin-teams/index.ts';
import { APPROVALS } from './approvals/index.ts';
import { CATALOG } from './catalog/index.ts';
import { CATALOG_ADMIN } from './catalog-admin/index.ts';
import type { KimaiGrid } from './context.ts';
import { CORRECTIONS } from './corrections/index.ts';
import { ENTRY_FIELDS } from './entry-fields/index.ts';
import { type KimaiDetection, readDetection } from './facts.ts';
import { LEAVE } from './leave/index.ts';
import { TEAM } from './team/index.ts';
import { TIMESHEETS } from './timesheets/index.ts';

export const KIMAI_CELLS: readonly Cell<KimaiGrid>[] = [
  CATALOG,
  ACCOUNT,
  TIMESHEETS,
  ENTRY_FIELDS,
  LEAVE,
  TEAM,
  APPROVALS,
  ADMIN,
  CORRECTIONS,
  ADMIN_RATES,
  ADMIN_TEAMS,
  CATALOG_ADMIN,
  ADMIN_PEOPLE,
];

/** What Kimai offers on the person's own token, from what is remembered of the server and the person. */
export function kimaiCapabilities(facts: KimaiDetection | undefined): ReadonlySet<Capability> {
  return offeredBy(KIMAI_CELLS, facts, 'own');
}

/** What is offered where the team server acts for a person with the organisation's account. */
export function kimaiActingCapabilities(facts: KimaiDetection | undefined): ReadonlySet<Capability> {
  return offeredBy(KIMAI_CELLS, facts, 'organisation');
}

/** Kimai with the absence plugin (or not yet known without it), for a person who leads nobody and administers nothing. */
export const KIMAI_CAPABILITIES: ReadonlySet<Capability> = kimaiCapabilities(undefined);

/** What is remembered about the Kimai at `url`, if anything, and the capabilities that follow. */
export function rememberedKimaiCapabilities(userDataDir: string, url: string): { capabilities: ReadonlySet<Capability>; remembered: boolean } {
  const detection = readDetection(userDataDir, url);
  return { capabilities: kimaiCapabilities(detection), remembered: detection !== undefined };
}
