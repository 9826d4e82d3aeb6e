// The clock and the person's own time entries: listed, logged, changed, deleted, and the spans a report adds up. (docs/back-ends/clockodo.md). What it offers is read before Clockodo's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';

export const TIMESHEETS: Cell<ClockodoGrid> = {
  name: 'timesheets',
  offer: {
    own: () => ['timer', 'entries', 'entries_edit', 'reports'],
    organisation: () => ['timer', 'entries', 'entries_edit', 'reports'],
  },
  code: async () => (await import('./code.ts')).code,
};
