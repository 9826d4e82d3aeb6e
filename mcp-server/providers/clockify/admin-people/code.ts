// The workspace's people as an admin administers them (invited, deactivated, given a manager's role), or as a team
// manager lists those of the user groups she manages. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { adminPeopleEndpoints, type AdminPeopleEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyPeople } from './admin-people.ts';

export const code = cellCode<ClockifyGrid, AdminPeopleEndpoints>({
  endpoints: adminPeopleEndpoints,
  underOrganisation,
  // Acting for a person with the organisation's key it makes no part at all: nothing of it is offered there (organisation.ts).
  parts: (context, endpoints, built) => (context.acting ? {} : { adminPeople: new ClockifyPeople(context, endpoints, { catalog: built.part('catalog') }) }),
});
