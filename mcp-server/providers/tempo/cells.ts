// Tempo Timesheets' cells, in the order its tracker makes them (a part another builds on comes first), and what they
// offer (docs/internals/back-ends.md, "A capability is a folder"). The opening lists tools from these offers before
// Tempo's code loads; the tracker (tracker.ts) loads each cell's code. The timer (Punchcard's own), the worklogs, the
// person's Jira issues as the catalog, the work attributes as the fields of entries, the schedule as the plan with its
// holidays in the calendar, and the timesheet approvals, always; the team report where the person leads a Tempo team
// (learned once the team tools are on); never leave, breaks or the administration, which are withheld in words
// (docs/back-ends/tempo.md, "Not offered").
//
// Tempo has no organisation account that acts for people: each person connects their own two tokens (on the team
// server at sign-in, as for Clockify). Its grid says so (TempoGrid in context.ts), and no cell says anything of it.
import type { Capability } from '../../contract/vocabulary.ts';
import type { Cell } from '../grid/cell.ts';
import { offeredBy } from '../grid/compose.ts';
import { ACCOUNT } from './account/index.ts';
import { APPROVALS } from './approvals/index.ts';
import { CATALOG } from './catalog/index.ts';
import type { TempoGrid } from './context.ts';
import { tempoFacts, tempoFactsKey, type TempoFacts } from './facts.ts';
import { LEAVE } from './leave/index.ts';
import { PLAN } from './plan/index.ts';
import { TEAM } from './team/index.ts';
import { TIMESHEETS } from './timesheets/index.ts';
import { WORK_ATTRIBUTES } from './work-attributes/index.ts';

export const TEMPO_CELLS: readonly Cell<TempoGrid>[] = [CATALOG, WORK_ATTRIBUTES, PLAN, ACCOUNT, TIMESHEETS, APPROVALS, TEAM, LEAVE];

/** What Tempo offers on the person's own tokens. */
export function tempoCapabilities(facts: TempoFacts | undefined): ReadonlySet<Capability> {
  return offeredBy(TEMPO_CELLS, facts, 'own');
}

/** What is remembered about the site, if anything, and the capabilities that follow. */
export function rememberedTempoCapabilities(
  userDataDir: string,
  profile: { url: string; email: string },
): { capabilities: ReadonlySet<Capability>; remembered: boolean } {
  const facts = tempoFacts.read(userDataDir, tempoFactsKey(profile));
  return { capabilities: tempoCapabilities(facts), remembered: facts !== undefined };
}
