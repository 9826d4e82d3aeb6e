// The meta fields of timesheets (the custom-fields plugin's rules), which the timer and entries hold and write; no
// capability of its own. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { entryFieldsEndpoints, type EntryFieldsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { KimaiEntryFields } from './entry-fields.ts';

export const code = cellCode<KimaiGrid, EntryFieldsEndpoints>({
  endpoints: entryFieldsEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => ({ entryFields: new KimaiEntryFields(context, endpoints, { catalog: built.part('catalog') }) }),
});
