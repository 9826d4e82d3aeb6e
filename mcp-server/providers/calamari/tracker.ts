// Calamari as a Punchcard back end (docs/back-ends/calamari.md): the TimeTracker over Calamari's REST
// API, for exactly one person, made of its cells (cells.ts: the person's plan, the account, shifts and
// breaks, the person's projects, leave, their reports' hours and the employee list) over one client
// (api.ts). Calamari's keys belong to the organisation and any call can name any employee; Punchcard
// names only the configured e-mail, reaches colleagues only by team, for the absence calendar, and
// names others only where Calamari's own data says the person manages them, for their hours
// (context.ts, reports). Calamari's limit is counted per hour (as low as 720 for a whole
// organisation), so what changes rarely is cached for an hour, the modules and the person's zone are
// remembered between starts, and nothing is asked while nobody asks Punchcard.
import { composeParts, loadCells } from '../grid/compose.ts';
import { assembleTracker, type RemoteTracker } from '../remote-tracker.ts';
import { CALAMARI_CELLS, calamariCapabilities } from './cells.ts';
import { CalamariContext, type CalamariGrid, type CalamariTrackerOptions } from './context.ts';

export type { CalamariTrackerOptions };

/** Calamari's tracker factory, once its cells' code has loaded (the engine side's `tracker`). */
export async function loadCalamariTracker(): Promise<(options: CalamariTrackerOptions) => RemoteTracker> {
  const cells = await loadCells<CalamariGrid>(CALAMARI_CELLS);
  return (options) => {
    const context = new CalamariContext(options, calamariCapabilities);
    // No person to narrow to: the key is the organisation's, and every request names the profile's person (cells.ts).
    const parts = composeParts(cells, { client: context.client, person: undefined, context });
    return assembleTracker({
      type: 'calamari',
      label: `Calamari (${new URL(options.profile.url).host}, ${options.profile.email})`,
      agentLabel: 'description-prefix',
      facts: context.facts,
      ...parts,
      close: () => context.close(),
    });
  };
}
