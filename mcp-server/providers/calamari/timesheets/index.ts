// Shifts and breaks through Calamari's API terminal, past shifts added, shifts listed as entries and as a report's
// spans: with Time & Attendance, unless it is known to be off (docs/back-ends/calamari.md). What it offers is read
// before Calamari's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';

export const TIMESHEETS: Cell<CalamariGrid> = {
  name: 'timesheets',
  offer: { own: (facts) => (facts?.timeAndAttendance !== false ? ['timer', 'breaks', 'entries', 'reports'] : NONE) },
  code: async () => (await import('./shifts.ts')).code,
};
