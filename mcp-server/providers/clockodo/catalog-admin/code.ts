// The catalog's fields on Clockodo, as the composition takes it (tracker.ts): its endpoints, their narrowing under the
// organisation's credential, and its parts.
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
