// Leave on Clockodo (docs/back-ends/clockodo.md): the person's own absences on the absence module: filed, withdrawn,
// their balance, and the calendar of what they may see. A cell (providers/grid/cell.ts): what it offers under each
// credential, read by the opening before Clockodo's code loads, and where its code is.
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
