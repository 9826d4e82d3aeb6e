// The parts of Clockodo's JSON that Punchcard reads (docs/back-ends/clockodo.md). Names are
// Clockodo's (snake_case); times are 'YYYY-MM-DDTHH:MM:SSZ', days 'YYYY-MM-DD'.

export interface ClockodoUser {
  id: number;
  name: string | null;
  email?: string;
  role?: 'owner' | 'manager' | 'worker';
  timezone?: string;
  can_add_customers?: boolean;
  can_generally_see_absences?: boolean;
  can_generally_manage_absences?: boolean;
  teams_id?: number | null;
  /** The person's team leader's or boss's id: who leads them, whatever that one's role. */
  boss?: number | null;
  /** The people who may decide this person's absences besides the general managers. */
  absence_managers_id?: number[] | null;
  /** A user who left keeps their records; lists show them as inactive. */
  active?: boolean;
  /** The person's edit lock: their entries up to this day (`YYYY-MM-DD`) may not be changed; null where none. */
  edit_lock?: string | null;
  /** A moving edit lock whose unit the API does not describe; null where none. */
  edit_lock_dyn?: number | null;
}

/** A team (GET /v3/teams) and the user who leads it, if anyone does. */
export interface ClockodoTeam {
  id: number;
  name: string;
  leader: number | null;
}

export interface ClockodoCompany {
  id?: number;
  name?: string;
  module_absence?: boolean;
  module_target_hours?: boolean;
  module_user_reports?: boolean;
  allow_entries_for_customers?: boolean;
}

/** GET /v2/aggregates/users/me. */
export interface ClockodoMe {
  user: ClockodoUser;
  company?: ClockodoCompany;
}

export interface ClockodoEntry {
  id: number;
  /** 1 time, 2 lump-sum value, 3 lump-sum service. */
  type?: number;
  users_id: number;
  customers_id: number;
  projects_id: number | null;
  services_id?: number | null;
  text?: string | null;
  billable?: number;
  time_since: string;
  time_until: string | null;
  lumpsum?: number | null;
  /** With enhanced_list=true. */
  customers_name?: string | null;
  projects_name?: string | null;
}

export interface ClockodoPaging {
  items_per_page: number;
  current_page: number;
  count_pages: number;
  count_items: number;
}

export interface ClockodoClock {
  running: ClockodoEntry | null;
  stopped?: ClockodoEntry | null;
}

export interface ClockodoCustomer {
  id: number;
  name: string;
  active: boolean;
  billable_default?: boolean;
  /** Shown to whom manages the catalog. */
  note?: string | null;
}

export interface ClockodoProject {
  id: number;
  name: string;
  customers_id: number;
  active: boolean;
  completed?: boolean;
  billable_default?: boolean;
  /** The project's budget: hours, or money where `monetary` (the company's currency). */
  budget?: { amount: number; monetary: boolean; hard?: boolean } | null;
  note?: string | null;
  /** The project's first day and its end (`YYYY-MM-DD`, or a date-time). */
  start_date?: string | null;
  deadline?: string | null;
}

export interface ClockodoService {
  id: number;
  name: string;
  active: boolean;
  note?: string | null;
}

/** An access map: everything, nothing, or per customer all its projects or some. */
export type AccessMap = boolean | Record<string, boolean | { projects?: Record<string, boolean> }>;

export interface ClockodoAccess {
  add?: AccessMap;
}

export interface ClockodoServiceAccess {
  add?: boolean | Record<string, boolean>;
}

export interface ClockodoAbsence {
  id: number;
  users_id: number;
  date_since: string;
  date_until: string | null;
  status: number;
  /** Only on one's own absences (or with absence-management rights). */
  type?: number | null;
  count_days?: number | null;
  note?: string | null;
  public_note?: string | null;
}

export interface ClockodoTargetHours {
  id: number;
  users_id: number;
  type: 'weekly' | 'monthly';
  date_since: string;
  date_until: string | null;
  monday?: number;
  tuesday?: number;
  wednesday?: number;
  thursday?: number;
  friday?: number;
  saturday?: number;
  sunday?: number;
  monthly_target?: number;
  workday_monday?: boolean;
  workday_tuesday?: boolean;
  workday_wednesday?: boolean;
  workday_thursday?: boolean;
  workday_friday?: boolean;
  workday_saturday?: boolean;
  workday_sunday?: boolean;
}

export interface ClockodoNonbusinessDay {
  name: string;
  half_day: boolean;
  evaluated_date: string;
}

export interface ClockodoUserReport {
  /** Seconds. */
  sum_target?: number | null;
  sum_hours?: number;
  diff?: number;
  overtime_carryover?: number;
  holidays_quota?: number;
  holidays_carry?: number;
}
