// What the team tools send to Calamari (docs/back-ends/calamari.md, "Teams"): the shifts, holidays and leave of the
// people Calamari's own data says this person manages, each naming them, never an empty list of people. Whom the
// person manages is the root's (context.ts, reports), from the employee list and the teams.
import { attendance, type CalamariClient, people, timeOff } from '../api.ts';
import type { CalamariHoliday, CalamariRequest, CalamariShift } from '../wire.ts';

export function teamEndpoints(client: CalamariClient) {
  const { find } = client;
  return {
    /** The shifts of the people the person manages (never an empty list: that would be the whole organisation). */
    reportsShifts: (from: string, to: string, reports: readonly string[]) =>
      find<CalamariShift[]>('/clockin/timesheetentries/v1/find', { from, to, employees: nonEmpty(reports) }, attendance("read your reports' shifts")),
    /** The holiday calendar one of the person's reports follows, named by that report. */
    holidaysOf: (report: string, from: string, to: string) =>
      find<CalamariHoliday[]>('/holiday/v1/find', { employee: report, from, to }, people("read your reports' public holidays")),
    reportsRequests: (from: string, to: string, reports: readonly string[]) =>
      find<CalamariRequest[]>('/leave/request/v1/find-advanced', { from, to, employees: nonEmpty(reports) }, timeOff("read your reports' leave")),
  };
}

export type TeamEndpoints = ReturnType<typeof teamEndpoints>;

/** A filter of people that is never empty: Calamari reads an empty filter as everyone. */
function nonEmpty(people: readonly string[]): readonly string[] {
  if (people.length === 0) throw new Error('A read of no one would read the whole organisation.');
  return people;
}
