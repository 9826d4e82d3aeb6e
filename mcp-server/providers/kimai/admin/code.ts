// The tag list and the invoices, as an administrator (tags) or a team lead (invoices) administers them. Its code,
// loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { adminEndpoints, type AdminEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { KimaiAdmin } from './admin.ts';

export const code = cellCode<KimaiGrid, AdminEndpoints>({
  endpoints: adminEndpoints,
  underOrganisation,
  parts: (context, endpoints) => {
    const admin = new KimaiAdmin(context, endpoints, {});
    return { adminTags: admin, invoices: admin };
  },
});
