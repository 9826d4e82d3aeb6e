// The workspace's tags as an admin administers them: listed, renamed, archived and made. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { adminTagsEndpoints, type AdminTagsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyAdminTags } from './admin-tags.ts';

export const code = cellCode<ClockifyGrid, AdminTagsEndpoints>({
  endpoints: adminTagsEndpoints,
  underOrganisation,
  // Acting for a person with the organisation's key it makes no part at all: nothing of it is offered there (organisation.ts).
  parts: (context, endpoints) => (context.acting ? {} : { adminTags: new ClockifyAdminTags(context, endpoints, {}) }),
});
