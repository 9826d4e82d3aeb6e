// The person's project assignments and their active tasks, read-only. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';
import { catalogEndpoints, type CatalogEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { HarvestCatalog } from './catalog.ts';

export const code = cellCode<HarvestGrid, CatalogEndpoints>({
  endpoints: catalogEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ catalog: new HarvestCatalog(context, endpoints, {}) }),
});
