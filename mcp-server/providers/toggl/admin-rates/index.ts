// Rates on Toggl Track as a workspace admin sets them (manage_rates; docs/back-ends/toggl.md, "Administration"): the
// workspace's and a person's in it, a project's and a person's on it, a task's. Billable rates are a paid plan's
// ("Billable rates are available for Starter and higher plans"): not offered on Free. What it offers is read before
// Toggl's code loads, from the role and plan remembered (rights.ts, facts.ts).
import type { Cell } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';
import { administers, offeredFor } from '../rights.ts';

export const ADMIN_RATES: Cell<TogglGrid> = {
  name: 'admin-rates',
  offer: { own: (known) => (known?.plan === 'free' ? [] : offeredFor(known, administers, ['admin_rates'])) },
  code: async () => (await import('./admin-rates.ts')).code,
};
