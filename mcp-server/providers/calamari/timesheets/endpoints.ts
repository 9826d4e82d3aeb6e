// What the shifts and breaks send to Calamari (docs/back-ends/calamari.md, "The API terminal", "Shifts"): the
// terminal's clock events at the person's wall time, their break types, their shifts listed and a past one added, each
// naming the person and no other. The endpoints it shares with other capabilities come from the root's api.ts.
import { attendance, type CalamariClient } from '../api.ts';
import type { CalamariNamed, CalamariShift, CalamariTerminalAnswer } from '../wire.ts';

/** The terminal's clock events; `time` is the person's wall clock without zone or fraction. */
export type TerminalEvent = 'clock-in' | 'clock-out' | 'break-start' | 'break-stop';

const TERMINAL_ACTIONS: Record<TerminalEvent, string> = {
  'clock-in': 'start your shift',
  'clock-out': 'end your shift',
  'break-start': 'start your break',
  'break-stop': 'end your break',
};

export function timesheetsEndpoints(client: CalamariClient) {
  const { post, find, email } = client;
  return {
    terminal: (event: TerminalEvent, fields: Record<string, unknown>) =>
      post<CalamariTerminalAnswer>(`/clockin/terminal/v1/${event}`, { person: email, ...fields }, attendance(TERMINAL_ACTIONS[event])),
    breakTypes: () => find<CalamariNamed[]>('/clockin/terminal/v1/get-break-types-for-person', { person: email }, attendance('read your break types')),
    shifts: (from: string, to: string) =>
      find<CalamariShift[]>('/clockin/timesheetentries/v1/find', { from, to, employees: [email] }, attendance('read your shifts')),
    /** A past shift; the answer is not documented (an id, or nothing). */
    createShift: (fields: Record<string, unknown>) =>
      post<{ id?: number } | undefined>('/clockin/timesheetentries/v1/create', { person: email, ...fields }, attendance('add the shift')),
  };
}

export type TimesheetsEndpoints = ReturnType<typeof timesheetsEndpoints>;
