// Colleagues' time entries corrected in bulk by an admin: moved, rebooked, marked invoiced, within the workspace's lock
// (docs/back-ends/clockify.md, "Administration"). What it offers is read before Clockify's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { administers } from '../facts.ts';

export const CORRECTIONS: Cell<ClockifyGrid> = {
  name: 'corrections',
  offer: {
    own: (known) => (administers(known, 'corrections') ? ['admin_corrections'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
