// Toggl Track as a Punchcard back end (docs/back-ends/toggl.md): the TimeTracker over Toggl's API v9, for the person
// whose API token it is, in one workspace, made of its cells (cells.ts: the account, the timer and entries, the
// catalog, and leave, which Toggl's API has none of). Toggl counts requests by the hour (30 an hour on the person's
// own quota on every plan), so whose the token is is asked once per process, the workspace is remembered for a day,
// the catalog is kept a quarter of an hour, and one listing of the recent weeks serves the timer, today and the week.
import { composeParts, loadCells } from '../grid/compose.ts';
import { assembleTracker, type RemoteTracker } from '../remote-tracker.ts';
import { TOGGL_CELLS, togglCapabilities } from './cells.ts';
import { TogglContext, type TogglGrid, type TogglTrackerOptions } from './context.ts';
import { roleLacking } from './rights.ts';

export type { TogglTrackerOptions };

/** Toggl's tracker factory, once its cells' code has loaded (the engine side's `tracker`). */
export async function loadTogglTracker(): Promise<(options: TogglTrackerOptions) => RemoteTracker> {
  const cells = await loadCells<TogglGrid>(TOGGL_CELLS);
  return (options) => {
    const context = new TogglContext(options, togglCapabilities);
    // No person to narrow to: the token is always the person's own (cells.ts).
    const parts = composeParts(cells, { client: context.client, person: undefined, context });
    const workspace = options.profile.workspace ? `, ${options.profile.workspace}` : '';
    return assembleTracker({
      type: 'toggl',
      label: `Toggl Track (${new URL(options.profile.url).host}${workspace})`,
      agentLabel: 'tag',
      facts: context.facts,
      roleLacks: (capability) => roleLacking(context.facts.current, capability),
      ...parts,
      close: () => context.close(),
    });
  };
}
