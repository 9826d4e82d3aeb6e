// Leave, which Tempo Timesheets does not keep: never offered, so its tools are withheld in words; the absence
// calendar is offered, with the holidays of the person's Tempo schedule (docs/back-ends/tempo.md, "Not offered").
// What it offers is read before Tempo's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { TempoGrid } from '../context.ts';

export const LEAVE: Cell<TempoGrid> = {
  name: 'leave',
  offer: { own: () => ['calendar'] },
  code: async () => (await import('./leave.ts')).code,
};
