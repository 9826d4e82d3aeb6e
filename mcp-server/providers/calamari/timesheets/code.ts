// Shifts and breaks through Calamari's API terminal, listed as entries and a report's spans. Its code, loaded with the
// tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { CalamariGrid } from '../context.ts';
import { CalamariShifts } from './shifts.ts';
import { timesheetsEndpoints, type TimesheetsEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';

export const code = cellCode<CalamariGrid, TimesheetsEndpoints>({
  endpoints: timesheetsEndpoints,
  underOrganisation,
  parts: (context, endpoints) => {
    const shifts = new CalamariShifts(context, endpoints, {});
    return { timer: shifts, entries: shifts, breaks: shifts };
  },
});
