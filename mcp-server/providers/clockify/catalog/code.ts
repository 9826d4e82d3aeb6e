// The clients, projects and tasks the person may book on, and, for a workspace admin or owner, clients, projects and
// tasks created and archived. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { catalogEndpoints, type CatalogEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyCatalog } from './catalog.ts';

export const code = cellCode<ClockifyGrid, CatalogEndpoints>({
  endpoints: catalogEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ catalog: new ClockifyCatalog(context, endpoints, {}) }),
});
