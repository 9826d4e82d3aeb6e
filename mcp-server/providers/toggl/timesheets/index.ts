// The person's running entry and their own time entries in the workspace: listed, logged, changed, deleted, and the
// spans a report adds up (docs/back-ends/toggl.md). What it offers is read before Toggl's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';

export const TIMESHEETS: Cell<TogglGrid> = {
  name: 'timesheets',
  offer: { own: () => ['timer', 'entries', 'entries_edit', 'reports'] },
  code: async () => (await import('./timesheets.ts')).code,
};
