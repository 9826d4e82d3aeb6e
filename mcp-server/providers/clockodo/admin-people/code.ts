// The people on Clockodo, as the composition takes it (tracker.ts): its endpoints, their narrowing under the
// organisation's credential, and its parts.
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
