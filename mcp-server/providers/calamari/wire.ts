// The parts of Calamari's JSON that Punchcard reads (docs/back-ends/calamari.md). Calamari
// documents that answers may gain fields at any time: only these are read, the rest ignored.

export interface CalamariPerson {
  firstName?: string;
  lastName?: string;
  email?: string;
}

export interface CalamariEmployee extends CalamariPerson {
  id: number;
  email: string;
  archived?: boolean;
  /** The person's zone: spelt `timeZone` as on Calamari's other objects; `timezone` is read too. */
  timeZone?: string | null;
  timezone?: string | null;
  teams?: Array<{ id: number; name: string }>;
  workingWeek?: { id: number; name?: string } | null;
  /** Who the person reports to; the team tools read it to find the people someone manages. */
  directManager?: { id?: number | null; email?: string | null } | null;
  /** The public holiday calendar the person's days follow. */
  holidaysCalendar?: { id: number; name?: string } | null;
}

/** A team as teams/v1/all answers it; `managers` (employee ids) where Calamari includes them. */
export interface CalamariTeam {
  id: number;
  name: string;
  managers?: number[] | null;
}

export interface CalamariEmployeePage {
  employees: CalamariEmployee[];
  totalPages?: number;
}

export interface CalamariWorkingWeek {
  id: number;
  name?: string;
  workingDays: Array<{ dayName: string; isWorkingDay?: boolean; duration: number | null }>;
}

export interface CalamariBreak {
  /** UTC, '2026-09-24T10:26:24+0000'. */
  from: string;
  to: string | null;
  breakType?: { id: number; name: string } | null;
}

export interface CalamariShift {
  id: number;
  started: string;
  finished: string | null;
  /** The zone Calamari took the shift's wall times in (the person's, as Calamari knows it). */
  startedTimeZone?: string | null;
  person?: CalamariPerson;
  breaks?: CalamariBreak[];
  projects?: Array<{ project?: { id: number; name: string } | null; id?: number; name?: string }>;
  description?: string | null;
}

/** clockin/shift/status/v1/get-current: `STOPPED` here where the terminal says `FINISHED`. */
export interface CalamariShiftStatus {
  status?: 'STARTED' | 'STOPPED' | 'BREAK' | string;
  /** The employee Calamari took the person named in the request for (context.ts, checkNamed). */
  person?: CalamariPerson | null;
}

export interface CalamariTerminalAnswer {
  shiftStatus?: 'STARTED' | 'FINISHED';
  breakStatus?: 'STARTED' | 'FINISHED';
}

export interface CalamariNamed {
  id: number;
  name: string;
}

export interface CalamariAbsenceType extends CalamariNamed {
  durationUnit?: 'DAYS' | 'HOURS';
  externalId?: string | null;
}

export interface CalamariRequest {
  id: number;
  from: string;
  to: string;
  absenceTypeName?: string;
  absenceTypeId?: number;
  absenceCategory?: 'TIMEOFF' | 'WORK' | string;
  status: string;
  entitlementAmount?: number | null;
  amountFirstDay?: number | null;
  amountLastDay?: number | null;
  reason?: string | null;
  comment?: string | null;
  /** find-advanced only. */
  employeeEmail?: string;
}

export interface CalamariHoliday {
  name: string;
  start: string;
  end: string;
  halfDay?: boolean;
}

export interface CalamariBalance {
  unlimited?: boolean;
  amount?: number;
}
