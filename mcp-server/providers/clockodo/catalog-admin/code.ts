// What a customer, project or service keeps, changed by the company's owner. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';
import { catalogAdminEndpoints, type CatalogAdminEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockodoCatalogAdmin } from './catalog-admin.ts';

export const code = cellCode<ClockodoGrid, CatalogAdminEndpoints>({
  endpoints: catalogAdminEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => ({ catalogAdmin: new ClockodoCatalogAdmin(context, endpoints, { catalog: built.part('catalog') }) }),
});
