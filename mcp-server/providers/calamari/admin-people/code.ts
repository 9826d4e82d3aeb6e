// Calamari's employee list for manage_people, read-only. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';
import { CalamariPeople } from './admin-people.ts';
import { adminPeopleEndpoints, type AdminPeopleEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';

export const code = cellCode<CalamariGrid, AdminPeopleEndpoints>({
  endpoints: adminPeopleEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ adminPeople: new CalamariPeople(context, endpoints, {}) }),
});
