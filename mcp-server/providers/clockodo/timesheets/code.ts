// The timer and the entries on Clockodo, as the composition takes it (tracker.ts): its endpoints, their narrowing
// under the organisation's credential, and its parts.
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
