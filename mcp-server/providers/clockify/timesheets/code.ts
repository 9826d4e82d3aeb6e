// The person's running entry and their own time entries: listed, logged, replaced, deleted, and the spans a report adds
// up. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { timesheetsEndpoints, type TimesheetsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyTimesheets } from './timesheets.ts';

export const code = cellCode<ClockifyGrid, TimesheetsEndpoints>({
  endpoints: timesheetsEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => {
    const timesheets = new ClockifyTimesheets(context, endpoints, { catalog: built.part('catalog'), fields: built.part('entryFields') });
    return { timer: timesheets, entries: timesheets };
  },
});
