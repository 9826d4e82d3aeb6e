// The tag list and the invoices, as an administrator (tags) or a team lead (invoices) administers them
// (docs/back-ends/kimai.md). What it offers is read before Kimai's code loads.
import type { Capability } from '../../../contract/vocabulary.ts';
import { type Cell, NONE } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { roleRank } from '../facts.ts';

/** Tags from an administrator up; invoices (view_invoice) from a team lead up, as Kimai ships its roles. */
const TAGS: readonly Capability[] = ['admin_tags'];
const INVOICES: readonly Capability[] = ['admin_invoices'];

export const ADMIN: Cell<KimaiGrid> = {
  name: 'admin',
  offer: {
    own: (facts) => [
      ...(roleRank(facts) >= 2 && facts?.tagsRefused !== true ? TAGS : NONE),
      ...(roleRank(facts) >= 1 && facts?.invoicesRefused !== true ? INVOICES : NONE),
    ],
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
