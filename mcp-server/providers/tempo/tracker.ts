// Tempo Timesheets on Jira Cloud as a Punchcard back end (docs/back-ends/tempo.md): the TimeTracker over Tempo's REST
// API v4 and the Jira site, for the person whose tokens they are, made of its cells (cells.ts) over one pair of
// clients (api.ts). Worklogs keep Tempo's numbers, issues Jira's; the running timer is Punchcard's own. Tempo has no
// tags: an AI agent's own time is marked at the start of the worklog's description, which only record_agent_time writes.
import { composeParts, loadCells } from '../grid/compose.ts';
import { assembleTracker, type RemoteTracker } from '../remote-tracker.ts';
import { TEMPO_CELLS, tempoCapabilities } from './cells.ts';
import { TempoContext, type TempoGrid, type TempoTrackerOptions } from './context.ts';

export type { TempoTrackerOptions };

/** Tempo's tracker factory, once its cells' code has loaded (the engine side's `tracker`). */
export async function loadTempoTracker(): Promise<(options: TempoTrackerOptions) => RemoteTracker> {
  const cells = await loadCells<TempoGrid>(TEMPO_CELLS);
  return (options) => {
    const context = new TempoContext(options, tempoCapabilities);
    // No person to narrow to: the tokens are the person's own (cells.ts).
    const parts = composeParts(cells, { client: context.client, person: undefined, context });
    return assembleTracker({
      type: 'tempo',
      label: `Tempo Timesheets (${new URL(options.profile.url).host})`,
      agentLabel: 'description-prefix',
      facts: context.facts,
      ...parts,
      close: () => context.close(),
    });
  };
}
