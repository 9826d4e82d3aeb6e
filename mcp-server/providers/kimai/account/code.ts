// Who the person is on Kimai and what the server offers them: whoami, the zone, the background check for the absence
// and approval plugins, and the connection test. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { accountEndpoints, type AccountEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { KimaiAccount } from './account.ts';

export const code = cellCode<KimaiGrid, AccountEndpoints>({
  endpoints: accountEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ account: new KimaiAccount(context, endpoints, {}) }),
});
