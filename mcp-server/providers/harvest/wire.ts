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
  /** administrator, manager or member, and a manager's extra permissions (people_manager where she has teammates). */
  access_roles?: string[] | null;
  is_active?: boolean;
  /** The person's current billable and cost rates, as /v2/users shows them where the reader may see money. */
  default_hourly_rate?: number | null;
  cost_rate?: number | null;
}

export interface HarvestCompany {
  name?: string | null;
  /** The account tracks start and end times (true) or durations (false). */
  wants_timestamp_timers?: boolean | null;
  /** '12h' or '24h': how times are written in answers. */
  clock?: string | null;
  week_start_day?: string | null;
  weekly_capacity?: number | null;
  /** The company's timesheet approvals are on (submitted and approved in Harvest itself: its API has no route for them). */
  approval_feature?: boolean | null;
  /** The company's invoices module is on. */
  invoice_feature?: boolean | null;
}

export interface HarvestTaskAssignment {
  id: number;
  billable?: boolean | null;
  is_active?: boolean | null;
  hourly_rate?: number | null;
  task?: { id: number; name: string } | null;
  /** On the account's list of task assignments (/v2/task_assignments), the project it is on. */
  project?: { id: number; name: string } | null;
}

export interface HarvestProjectAssignment {
  id: number;
  is_active?: boolean | null;
  /** The person manages the project: its time and budget are theirs to see. */
  is_project_manager?: boolean | null;
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

/** A client, as /v2/clients answers it (customers, in Punchcard's words). */
export interface HarvestClient {
  id: number;
  name: string;
  is_active?: boolean | null;
  currency?: string | null;
}

/** An account-wide task (an activity); a project's task assignment decides whether it may be booked there. */
export interface HarvestTask {
  id: number;
  name: string;
  is_active?: boolean | null;
  billable_by_default?: boolean | null;
  default_hourly_rate?: number | null;
}

/** A project as /v2/projects answers it: its budget, by what it is budgeted, and how it bills. */
export interface HarvestProject {
  id: number;
  name: string;
  client?: { id: number; name: string; currency?: string | null } | null;
  is_active?: boolean | null;
  is_billable?: boolean | null;
  bill_by?: string | null;
  hourly_rate?: number | null;
  /** project (hours), project_cost (money), task, task_fees, person (on the assignments), none. */
  budget_by?: string | null;
  budget_is_monthly?: boolean | null;
  /** Hours, where budgeted by time. */
  budget?: number | null;
  /** Money, where budgeted by money. */
  cost_budget?: number | null;
  notes?: string | null;
  starts_on?: string | null;
  ends_on?: string | null;
}

/** A person on a project: their rate there where it is not their own default. */
export interface HarvestUserAssignment {
  id: number;
  user?: { id: number; name?: string } | null;
  is_active?: boolean | null;
  is_project_manager?: boolean | null;
  use_default_rates?: boolean | null;
  hourly_rate?: number | null;
}

/** A person's dated billable or cost rate. */
export interface HarvestRate {
  id: number;
  amount?: number | null;
  start_date?: string | null;
  end_date?: string | null;
}

/** An invoice, as /v2/invoices lists it. */
export interface HarvestInvoice {
  id: number;
  number?: string | null;
  amount?: number | null;
  currency?: string | null;
  /** draft, open, paid, closed. */
  state?: string | null;
  issue_date?: string | null;
  client?: { id: number; name: string } | null;
}
