// The account on Clockodo, as the composition takes it (tracker.ts): its endpoints, their narrowing under the
// organisation's credential, and its parts.
import { cellCode } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';
import { accountEndpoints, type AccountEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockodoAccount } from './account.ts';

export const code = cellCode<ClockodoGrid, AccountEndpoints>({
  endpoints: accountEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => ({ account: new ClockodoAccount(context, endpoints, { plan: built.part('plan') }) }),
});
