// The rates of customers, projects and activities, as an administrator sets them. Its code, loaded with the tracker
// (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { adminRatesEndpoints, type AdminRatesEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { KimaiRates } from './admin-rates.ts';

export const code = cellCode<KimaiGrid, AdminRatesEndpoints>({
  endpoints: adminRatesEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => ({ adminRates: new KimaiRates(context, endpoints, { catalog: built.part('catalog') }) }),
});
