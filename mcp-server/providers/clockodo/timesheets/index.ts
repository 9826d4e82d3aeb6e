// The timer and the entries on Clockodo (docs/back-ends/clockodo.md): the clock and the person's own entries, listed,
// logged, changed and deleted, and the spans a report adds up. A cell (providers/grid/cell.ts): what it offers under
// each credential, read by the opening before Clockodo's code loads, and where its code is.
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
