// The person's own absences on Clockodo's absence module, filed, withdrawn, their balance, and the calendar of what they may see. (docs/back-ends/clockodo.md). What it offers is read before Clockodo's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';
import { ABSENCE_MODULE } from '../facts.ts';

export const LEAVE: Cell<ClockodoGrid> = {
  name: 'leave',
  offer: {
    own: (facts) => (facts?.absences !== false ? ABSENCE_MODULE : NONE),
    organisation: (facts) => (facts?.absences !== false ? ABSENCE_MODULE : NONE),
  },
  code: async () => (await import('./code.ts')).code,
};
