// Harvest's API v2 as Punchcard reads it (docs/back-ends/harvest.md): the person, the company, the person's project
// assignments, time entries, a list's paging, and Harvest ID's list of a token's accounts. Only the fields Punchcard
// uses; every one optional where Harvest may leave it out or null, so a reader checks before it trusts.

/** Every list: its items under its own key, and the links Harvest asks clients to page by. */
export interface HarvestList {
  per_page?: number;
  total_pages?: number;
  total_entries?: number;
  page?: number | null;
  links?: { first?: string | null; next?: string | null; previous?: string | null; last?: string | null };
}

export interface HarvestUser {
  id: number;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  /** Harvest's own zone name ("Berlin", "Eastern Time (US & Canada)"), or an IANA name. */
  timezone?: string | null;
  /** The person's weekly capacity, in seconds. */
  weekly_capacity?: number | null;
  access_roles?: string[] | null;
  is_active?: boolean;
}

export interface HarvestCompany {
  name?: string | null;
  /** The account tracks start and end times (true) or durations (false). */
  wants_timestamp_timers?: boolean | null;
  /** '12h' or '24h': how times are written in answers. */
  clock?: string | null;
  week_start_day?: string | null;
  weekly_capacity?: number | null;
  approval_feature?: boolean | null;
}

export interface HarvestTaskAssignment {
  id: number;
  billable?: boolean | null;
  is_active?: boolean | null;
  task?: { id: number; name: string } | null;
}

export interface HarvestProjectAssignment {
  id: number;
  is_active?: boolean | null;
  project?: { id: number; name: string; code?: string | null } | null;
  client?: { id: number; name: string } | null;
  task_assignments?: HarvestTaskAssignment[] | null;
}

export interface HarvestTimeEntry {
  id: number;
  spent_date: string;
  user?: { id: number; name?: string } | null;
  client?: { id: number; name: string } | null;
  project?: { id: number; name: string } | null;
  task?: { id: number; name: string } | null;
  hours?: number | null;
  hours_without_timer?: number | null;
  notes?: string | null;
  is_locked?: boolean | null;
  locked_reason?: string | null;
  approval_status?: string | null;
  is_running?: boolean | null;
  timer_started_at?: string | null;
  /** "8:00am" or "08:00", on timestamp accounts; null on duration accounts. */
  started_time?: string | null;
  ended_time?: string | null;
  billable?: boolean | null;
  created_at?: string | null;
}

/** Harvest ID's answer: whose the token is, and the accounts it reaches (Harvest and Forecast alike). */
export interface HarvestAccounts {
  user?: { id?: number; first_name?: string; last_name?: string; email?: string } | null;
  accounts?: Array<{ id: number; name: string; product?: string }> | null;
}
