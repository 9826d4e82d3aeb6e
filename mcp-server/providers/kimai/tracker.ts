// Kimai as a Punchcard back end (docs/back-ends/kimai.md): the TimeTracker over Kimai's REST API, made of its cells
// (cells.ts: the account, the timer and entries, the catalog, the meta fields, leave on the absence plugin, what a team
// lead may see and decide, the weeks the ApprovalBundle plugin approves, and what an administrator may administer),
// acting with the person's own token, or for the team server with the organisation's, narrowed to the person
// (acting.ts).
import { composeParts, loadCells } from '../grid/compose.ts';
import { assembleTracker, type RemoteTracker } from '../remote-tracker.ts';
import { KIMAI_CELLS, kimaiActingCapabilities, kimaiCapabilities } from './cells.ts';
import { KimaiContext, type KimaiGrid, type KimaiTrackerOptions } from './context.ts';
import { kimaiRoleLacking } from './facts.ts';

export type { KimaiTrackerOptions };

/** Kimai's tracker factory, once its cells' code has loaded (the engine side's `tracker`). */
export async function loadKimaiTracker(): Promise<(options: KimaiTrackerOptions) => RemoteTracker> {
  const cells = await loadCells<KimaiGrid>(KIMAI_CELLS);
  return (options) => {
    const context = new KimaiContext(options, options.actingFor ? kimaiActingCapabilities : kimaiCapabilities);
    const parts = composeParts(cells, { client: context.client, person: context.acting, context });
    return assembleTracker({
      type: 'kimai',
      label: `Kimai (${options.profile.url})`,
      agentLabel: 'tag',
      facts: context.facts,
      roleLacks: (capability) => kimaiRoleLacking(context.facts.current, capability),
      ...parts,
      close: () => context.close(),
    });
  };
}
