// The person's projects, read-only (Calamari's administrators set projects up): with Time & Attendance, unless it is
// known to be off (docs/back-ends/calamari.md). What it offers is read before Calamari's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';

export const CATALOG: Cell<CalamariGrid> = {
  name: 'catalog',
  offer: { own: (facts) => (facts?.timeAndAttendance !== false ? ['catalog'] : NONE) },
  code: async () => (await import('./catalog.ts')).code,
};
