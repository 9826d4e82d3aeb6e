// The timer and the person's own time entries: clocking in and out, entries listed, logged, changed and deleted, and
// the spans a report adds up. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { KimaiGrid } from '../context.ts';
import { timesheetsEndpoints, type TimesheetsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { KimaiTimesheets } from './timesheets.ts';

export const code = cellCode<KimaiGrid, TimesheetsEndpoints>({
  endpoints: timesheetsEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => {
    const timesheets = new KimaiTimesheets(context, endpoints, { catalog: built.part('catalog') });
    return { timer: timesheets, entries: timesheets };
  },
});
