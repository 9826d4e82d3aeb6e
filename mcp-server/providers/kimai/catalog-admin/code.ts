// What a customer, project or activity keeps (budgets, dates, comment), as an administrator changes it. Its code,
// loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { catalogAdminEndpoints, type CatalogAdminEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { KimaiCatalogAdmin } from './catalog-admin.ts';

export const code = cellCode<KimaiGrid, CatalogAdminEndpoints>({
  endpoints: catalogAdminEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => ({ catalogAdmin: new KimaiCatalogAdmin(context, endpoints, { catalog: built.part('catalog') }) }),
});
