// The person's projects, read-only. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';
import { CalamariCatalog } from './catalog.ts';
import { catalogEndpoints, type CatalogEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';

export const code = cellCode<CalamariGrid, CatalogEndpoints>({
  endpoints: catalogEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ catalog: new CalamariCatalog(context, endpoints, {}) }),
});
