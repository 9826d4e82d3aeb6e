// The person's timer (Harvest's own) and their time entries: listed, logged, changed, deleted, and the spans a report
// adds up (docs/back-ends/harvest.md). What it offers is read before Harvest's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';

export const TIMESHEETS: Cell<HarvestGrid> = {
  name: 'timesheets',
  offer: { own: () => ['timer', 'entries', 'entries_edit', 'reports'] },
  code: async () => (await import('./timesheets.ts')).code,
};
