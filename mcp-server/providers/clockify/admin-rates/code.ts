// Hourly and cost rates as an admin sets them: the workspace's, a member's, a project's and a member's in a project.
// Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { adminRatesEndpoints, type AdminRatesEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyRates } from './admin-rates.ts';

export const code = cellCode<ClockifyGrid, AdminRatesEndpoints>({
  endpoints: adminRatesEndpoints,
  underOrganisation,
  // Acting for a person with the organisation's key it makes no part at all: nothing of it is offered there (organisation.ts).
  parts: (context, endpoints) => (context.acting ? {} : { adminRates: new ClockifyRates(context, endpoints, {}) }),
});
