// The timer and the person's own time entries: clocking in and out, entries listed, logged, changed and deleted, and
// the spans a report adds up (docs/back-ends/kimai.md). What it offers is read before Kimai's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';

export const TIMESHEETS: Cell<KimaiGrid> = {
  name: 'timesheets',
  offer: {
    own: () => ['timer', 'entries', 'entries_edit', 'reports'],
    organisation: () => ['timer', 'entries', 'entries_edit', 'reports'],
  },
  code: async () => (await import('./code.ts')).code,
};
