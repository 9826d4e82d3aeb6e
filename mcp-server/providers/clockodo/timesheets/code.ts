// The clock and the person's own time entries: listed, logged, changed, deleted, and the spans a report adds up. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockodoGrid } from '../context.ts';
import { timesheetsEndpoints, type TimesheetsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockodoTimesheets } from './timesheets.ts';

export const code = cellCode<ClockodoGrid, TimesheetsEndpoints>({
  endpoints: timesheetsEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => {
    const timesheets = new ClockodoTimesheets(context, endpoints, { catalog: built.part('catalog') });
    return { timer: timesheets, entries: timesheets };
  },
});
