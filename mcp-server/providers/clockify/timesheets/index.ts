// The person's running entry and their own time entries: listed, logged, replaced, deleted, and the spans a report adds
// up (docs/back-ends/clockify.md). What it offers is read before Clockify's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';

export const TIMESHEETS: Cell<ClockifyGrid> = {
  name: 'timesheets',
  offer: {
    own: () => ['timer', 'entries', 'entries_edit', 'reports'],
    organisation: () => ['timer', 'entries', 'entries_edit', 'reports'],
  },
  code: async () => (await import('./code.ts')).code,
};
