// The custom fields of time entries a workspace keeps, and which of them apply to an entry by its project. Its code,
// loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { entryFieldsEndpoints, type EntryFieldsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyEntryFields } from './entry-fields.ts';

export const code = cellCode<ClockifyGrid, EntryFieldsEndpoints>({
  endpoints: entryFieldsEndpoints,
  underOrganisation,
  parts: (context, endpoints) => ({ entryFields: new ClockifyEntryFields(context, endpoints, {}) }),
});
