// The company's people as its owner administers them. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';
import { adminPeopleEndpoints, type AdminPeopleEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockodoPeople } from './admin-people.ts';

export const code = cellCode<ClockodoGrid, AdminPeopleEndpoints>({
  endpoints: adminPeopleEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ adminPeople: new ClockodoPeople(context, endpoints, {}) }),
});
