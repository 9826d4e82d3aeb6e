// What a client, project or task keeps, as an admin changes it: names, notes, billable marks, clients and budgets. Its
// code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { catalogAdminEndpoints, type CatalogAdminEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyCatalogAdmin } from './catalog-admin.ts';

export const code = cellCode<ClockifyGrid, CatalogAdminEndpoints>({
  endpoints: catalogAdminEndpoints,
  underOrganisation,
  // Acting for a person with the organisation's key it makes no part at all: nothing of it is offered there (organisation.ts).
  parts: (context, endpoints, built) =>
    context.acting ? {} : { catalogAdmin: new ClockifyCatalogAdmin(context, endpoints, { catalog: built.part('catalog') }) },
});
