// Harvest as a Punchcard back end (docs/back-ends/harvest.md): the TimeTracker over Harvest's API v2, for the person
// whose Personal Access Token it is, in one Harvest account, made of its cells (cells.ts: the person's assignments,
// their plan, the account, the timer and entries, and leave withheld) over one client (api.ts). Harvest's ids are
// numbers, so entries keep theirs. Harvest has no tags: an AI agent's own time is marked at the start of the entry's
// notes, which only record_agent_time writes.
import { composeParts, loadCells } from '../grid/compose.ts';
import { assembleTracker, type RemoteTracker } from '../remote-tracker.ts';
import { HARVEST_CELLS, harvestCapabilities } from './cells.ts';
import { HarvestContext, type HarvestGrid, type HarvestTrackerOptions } from './context.ts';
import { roleLacking } from './rights.ts';

export type { HarvestTrackerOptions };

/** Harvest's tracker factory, once its cells' code has loaded (the engine side's `tracker`). */
export async function loadHarvestTracker(): Promise<(options: HarvestTrackerOptions) => RemoteTracker> {
  const cells = await loadCells<HarvestGrid>(HARVEST_CELLS);
  return (options) => {
    const context = new HarvestContext(options, harvestCapabilities);
    // No person to narrow to: the token is the person's own (cells.ts).
    const parts = composeParts(cells, { client: context.client, person: undefined, context });
    const account = options.profile.account_id ? `, account ${options.profile.account_id}` : '';
    return assembleTracker({
      type: 'harvest',
      label: `Harvest (${new URL(options.profile.url).host}${account})`,
      agentLabel: 'description-prefix',
      facts: context.facts,
      roleLacks: (capability) => roleLacking(context.facts.current, capability),
      ...parts,
      close: () => context.close(),
    });
  };
}
