// The person's Jira issues as the catalog: their open issues listed, any issue by its key (docs/back-ends/tempo.md,
// "Issues"). What it offers is read before Tempo's code loads.
import type { Cell } from '../../grid/cell.ts';
import type { TempoGrid } from '../context.ts';

export const CATALOG: Cell<TempoGrid> = {
  name: 'catalog',
  offer: { own: () => ['catalog'] },
  code: async () => (await import('./catalog.ts')).code,
};
