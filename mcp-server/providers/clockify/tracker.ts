// Clockify as a Punchcard back end (docs/back-ends/clockify.md): the TimeTracker over Clockify's REST API, for the
// person whose API key it is, in one workspace, made of its cells (cells.ts: the account, the timer and entries, the
// catalog with its clients, projects and tasks and their custom fields, time off, the person's plan, what an admin or
// a manager may see and decide, timesheet approvals, and what an admin administers), or for the team server with the
// organisation's key, narrowed to the person (acting.ts). Clockify's ids are strings; Punchcard numbers them
// (id-aliases.ts). Its tasks live inside projects, so an activity is named with its project.
import { composeParts, loadCells } from '../grid/compose.ts';
import { assembleTracker, type RemoteTracker } from '../remote-tracker.ts';
import { actingForCapabilities, CLOCKIFY_CELLS, clockifyCapabilities } from './cells.ts';
import { ClockifyContext, type ClockifyGrid, type ClockifyTrackerOptions } from './context.ts';

export type { ClockifyTrackerOptions };

/** Clockify's tracker factory, once its cells' code has loaded (the engine side's `tracker`). */
export async function loadClockifyTracker(): Promise<(options: ClockifyTrackerOptions) => RemoteTracker> {
  const cells = await loadCells<ClockifyGrid>(CLOCKIFY_CELLS);
  return (options) => {
    const context = new ClockifyContext(options, options.actingFor ? actingForCapabilities : clockifyCapabilities);
    const parts = composeParts(cells, { client: context.client, person: context.acting, context });
    const workspace = options.profile.workspace ? `, ${options.profile.workspace}` : '';
    return assembleTracker({
      type: 'clockify',
      label: `Clockify (${new URL(options.profile.url).host}${workspace})`,
      agentLabel: 'tag',
      facts: context.facts,
      roleLacks: (capability) => context.roleLacking(capability),
      ...parts,
      close: () => context.close(),
    });
  };
}
