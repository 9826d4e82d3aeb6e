// Kimai's people as its super administrator administers them. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { adminPeopleEndpoints, type AdminPeopleEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { KimaiPeople } from './admin-people.ts';

export const code = cellCode<KimaiGrid, AdminPeopleEndpoints>({
  endpoints: adminPeopleEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ adminPeople: new KimaiPeople(context, endpoints, {}) }),
});
