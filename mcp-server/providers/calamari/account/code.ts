// Who the person is, which modules answer for the key, and the connection test. Its code, loaded with the tracker
// (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';
import { CalamariAccount } from './account.ts';
import { accountEndpoints, type AccountEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';

export const code = cellCode<CalamariGrid, AccountEndpoints>({
  endpoints: accountEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => ({ account: new CalamariAccount(context, endpoints, { plan: built.part('plan') }) }),
});
