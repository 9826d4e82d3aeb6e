// Who the person is on Toggl Track: whoami, the zone, the background check and the connection test. Its code, loaded
// with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';
import { TogglAccount } from './account.ts';
import { accountEndpoints, type AccountEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';

export const code = cellCode<TogglGrid, AccountEndpoints>({
  endpoints: accountEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ account: new TogglAccount(context, endpoints, {}) }),
});
