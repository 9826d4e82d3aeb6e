// The workspace's clients, projects and tasks. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';
import { TogglCatalog } from './catalog.ts';
import { catalogEndpoints, type CatalogEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';

export const code = cellCode<TogglGrid, CatalogEndpoints>({
  endpoints: catalogEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ catalog: new TogglCatalog(context, endpoints, {}) }),
});
