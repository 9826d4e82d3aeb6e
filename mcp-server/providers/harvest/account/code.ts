// Who the person is on Harvest and how their account keeps time: whoami, the zone, the background check and the connection test. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';
import { accountEndpoints, type AccountEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { HarvestAccount } from './account.ts';

export const code = cellCode<HarvestGrid, AccountEndpoints>({
  endpoints: accountEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => ({ account: new HarvestAccount(context, endpoints, { plan: built.part('plan') }) }),
});
