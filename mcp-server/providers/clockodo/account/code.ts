// Who the person is on Clockodo, their zone, the background check of what they may do, and the connection test. Its code, loaded with the tracker (index.ts lists it).
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
