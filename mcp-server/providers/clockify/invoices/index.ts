// The workspace's invoices, as an admin lists them (docs/back-ends/clockify.md, "Administration"). What it offers is read before Clockify's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { administers } from '../facts.ts';

export const INVOICES: Cell<ClockifyGrid> = {
  name: 'invoices',
  offer: {
    own: (known) => (administers(known, 'invoices') ? ['admin_invoices'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
