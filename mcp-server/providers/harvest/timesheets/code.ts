// The person's timer (Harvest's own) and their time entries: listed, logged, changed, deleted, and the spans a report adds up. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { HarvestGrid } from '../context.ts';
import { timesheetsEndpoints, type TimesheetsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { HarvestTimesheets } from './timesheets.ts';

export const code = cellCode<HarvestGrid, TimesheetsEndpoints>({
  endpoints: timesheetsEndpoints,
  underOrganisation,
  parts: (context, endpoints, built) => {
    const timesheets = new HarvestTimesheets(context, endpoints, { catalog: built.part('catalog') });
    return { timer: timesheets, entries: timesheets };
  },
});
