// Customers, projects and services the person may book on (their access maps), and, for a login that may, adding and archiving them. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';
import { catalogEndpoints, type CatalogEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockodoCatalog } from './catalog.ts';

export const code = cellCode<ClockodoGrid, CatalogEndpoints>({
  endpoints: catalogEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ catalog: new ClockodoCatalog(context, endpoints, {}) }),
});
