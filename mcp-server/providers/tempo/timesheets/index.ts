// Punchcard's own timer on Tempo and the person's worklogs: listed, booked, changed (the whole worklog re-sent),
// deleted, and the spans a report adds up (docs/back-ends/tempo.md). What it offers is read before Tempo's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { TempoGrid } from '../context.ts';

export const TIMESHEETS: Cell<TempoGrid> = {
  name: 'timesheets',
  offer: { own: () => ['timer', 'entries', 'entries_edit', 'reports'] },
  code: async () => (await import('./timesheets.ts')).code,
};
