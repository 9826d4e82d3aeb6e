// Who the person is on Clockify and what their workspace offers: whoami, the zone, the background check and the
// connection test. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { accountEndpoints, type AccountEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyAccount } from './account.ts';

export const code = cellCode<ClockifyGrid, AccountEndpoints>({
  endpoints: accountEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => ({ account: new ClockifyAccount(context, endpoints, { plan: built.part('plan') }) }),
});
