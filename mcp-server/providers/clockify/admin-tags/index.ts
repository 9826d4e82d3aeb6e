// The workspace's tags as an admin administers them: listed, renamed, archived and made (docs/back-ends/clockify.md,
// "Administration"). What it offers is read before Clockify's code loads.
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { administers } from '../facts.ts';

export const ADMIN_TAGS: Cell<ClockifyGrid> = {
  name: 'admin-tags',
  offer: {
    own: (known) => (administers(known, 'tags') ? ['admin_tags'] : NONE),
    organisation: () => NONE,
  },
  code: async () => (await import('./code.ts')).code,
};
