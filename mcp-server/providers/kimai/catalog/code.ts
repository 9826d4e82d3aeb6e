// Customers, projects and activities: listed (to the person's teams' reach under the organisation's credential), and,
// on the person's own token, created, hidden and shown again. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { catalogEndpoints, type CatalogEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { KimaiCatalog } from './catalog.ts';

export const code = cellCode<KimaiGrid, CatalogEndpoints>({
  endpoints: catalogEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ catalog: new KimaiCatalog(context, endpoints, {}) }),
});
