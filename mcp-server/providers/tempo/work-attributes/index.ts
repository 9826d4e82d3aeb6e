// Tempo's work attributes as the fields of entries (docs/back-ends/tempo.md, "Work attributes"): the site's
// attributes, their static lists' choices by name, and the values a worklog is written with. What it offers is read
// before Tempo's code loads: nothing of its own (the tools that write entries take `fields` where the part is there).
import { type Cell, NONE } from '../../grid/cell.ts';
import type { TempoGrid } from '../context.ts';

export const WORK_ATTRIBUTES: Cell<TempoGrid> = {
  name: 'work-attributes',
  offer: { own: () => NONE },
  code: async () => (await import('./work-attributes.ts')).code,
};
