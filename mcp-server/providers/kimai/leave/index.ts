// The person's own absences on the absence plugin: listed, filed, cancelled, and the calendar
// (docs/back-ends/kimai.md). What it offers is read before Kimai's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { ABSENCE_CAPABILITIES } from '../facts.ts';

export const LEAVE: Cell<KimaiGrid> = {
  name: 'leave',
  offer: {
    own: (facts) => (facts?.absences === false ? NONE : ABSENCE_CAPABILITIES),
    organisation: (facts) => (facts?.absences === true ? ABSENCE_CAPABILITIES : NONE),
  },
  code: async () => (await import('./code.ts')).code,
};
