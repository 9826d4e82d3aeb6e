// The person's running entry and their own time entries. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { TogglGrid } from '../context.ts';
import { timesheetsEndpoints, type TimesheetsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { TogglTimesheets } from './timesheets.ts';

export const code = cellCode<TogglGrid, TimesheetsEndpoints>({
  endpoints: timesheetsEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => {
    const timesheets = new TogglTimesheets(context, endpoints, { catalog: built.part('catalog') });
    return { timer: timesheets, entries: timesheets };
  },
});
