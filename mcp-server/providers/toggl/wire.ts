// Toggl Track's records as its API v9 answers them (docs/back-ends/toggl.md): only the fields Punchcard reads, each
// optional where Toggl may leave it out. Ids are numbers (64-bit in Toggl, well inside what JSON numbers hold today).
// Instants are RFC 3339 text in UTC; a duration is seconds, negative while the entry runs.

/** The person the token belongs to (GET /me). Its answer also carries the token itself: never kept as it came. */
export interface TogglUser {
  id: number;
  email?: string;
  fullname?: string;
  /** IANA zone of the person's profile. */
  timezone?: string;
  default_workspace_id?: number | null;
  /** 0 = Sunday. */
  beginning_of_week?: number;
}

/** What the workspace requires on every entry (Required fields): each `*_present` true where it is required. */
export interface TogglConstraints {
  description_present?: boolean;
  project_present?: boolean;
  tag_present?: boolean;
  task_present?: boolean;
  time_entry_constraints_enabled?: boolean;
}

/** A workspace (GET /me/workspaces, GET /workspaces/{id}). */
export interface TogglWorkspace {
  id: number;
  organization_id?: number;
  name: string;
  /** A paid plan (Starter or above). */
  premium?: boolean;
  /** Premium or above (business_ws). */
  business_ws?: boolean;
  role?: string;
  admin?: boolean;
  only_admins_may_create_tags?: boolean;
  working_hours_in_minutes?: number | null;
  te_constraints?: TogglConstraints | null;
}

/** One of the person's organizations (GET /me/organizations): whether they administer it. */
export interface TogglOrganization {
  id: number;
  name?: string | null;
  admin?: boolean | null;
  owner?: boolean | null;
}

/** One invitation as Toggl answers it (`data` of POST /organizations/{oid}/invitations; seen in a client's model). */
export interface TogglInvitation {
  email?: string | null;
  invitation_id?: number | null;
  organization_id?: number | null;
  /** The invitee's user id where the e-mail has an account already. */
  recipient_id?: number | null;
  sender_id?: number | null;
}

/** The workspace's preferences (GET /workspaces/{id}/preferences): its lock of older entries. */
export interface TogglPreferences {
  /** Entries before this instant may not be added or edited (Lock Time Entries); absent or empty where none. */
  report_locked_at?: string | null;
}

/** A time entry. */
export interface TogglTimeEntry {
  id: number;
  workspace_id?: number;
  wid?: number;
  project_id?: number | null;
  pid?: number | null;
  task_id?: number | null;
  tid?: number | null;
  user_id?: number;
  uid?: number;
  description?: string | null;
  start?: string;
  stop?: string | null;
  /** Seconds; negative while it runs (-1 now; -epoch seconds of its start from the older API), so never the running time. */
  duration?: number;
  billable?: boolean;
  tags?: string[] | null;
  tag_ids?: number[] | null;
  at?: string;
  server_deleted_at?: string | null;
  /** With `meta=true`: the names of its project, task and client, so naming it costs no catalog. */
  project_name?: string | null;
  task_name?: string | null;
  client_name?: string | null;
}

/** A project (GET /workspaces/{id}/projects). */
export interface TogglProject {
  id: number;
  workspace_id?: number;
  client_id?: number | null;
  cid?: number | null;
  name: string;
  active?: boolean;
  is_private?: boolean;
  billable?: boolean | null;
  /** Whether the person may track time on it: false on a private project they are not a member of (where Toggl says). */
  can_track_time?: boolean;
  /** The estimate in whole hours (a Premium feature; Toggl's Project carries it in the list as read alone). */
  estimated_hours?: number | null;
  start_date?: string | null;
  end_date?: string | null;
  /** Every item of a page carries the count of all. */
  total_count?: number;
}

/** A task (GET /workspaces/{id}/tasks: a page of them). */
export interface TogglTask {
  id: number;
  name: string;
  project_id: number;
  workspace_id?: number;
  active?: boolean;
  /** The task's estimate, in seconds. */
  estimated_seconds?: number | null;
}

export interface TogglTaskPage {
  data?: TogglTask[] | null;
  page?: number;
  per_page?: number;
  total_count?: number;
}

/** A client (GET /workspaces/{id}/clients). */
export interface TogglClient {
  id: number;
  name: string;
  archived?: boolean;
  /** The client's notes (Punchcard's comment). */
  notes?: string | null;
}

/** A member of the workspace as admins list them (GET /workspaces/{id}/workspace_users): `id` is the workspace user's own, `uid` the user's. */
export interface TogglWorkspaceUser {
  id: number;
  uid: number;
  name?: string | null;
  email?: string | null;
  /** 'admin', 'user', 'projectlead' or 'teamlead'. */
  role?: string | null;
  /** Deactivated by an admin of the workspace. */
  inactive?: boolean;
  /** Minutes (a paid plan's); read as a day's, as the workspace's default of 480 reads. */
  working_hours_in_minutes?: number | null;
  timezone?: string | null;
  /** Their billable rate and labor cost in the workspace (the current ones), where Toggl shows them. */
  rate?: number | null;
  labor_cost?: number | null;
  /** The user groups they belong to (GET /workspaces/{id}/groups names them). */
  group_ids?: number[] | null;
}

/** A user group of the workspace (GET /workspaces/{id}/groups): its members are the workspace users' `group_ids`. */
export interface TogglGroup {
  id: number;
  name?: string | null;
  workspace_id?: number | null;
}

/** Someone of the workspace as its lighter list shows them (GET /workspaces/{id}/users, SimpleWorkspaceUser): `id` is the user's own. */
export interface TogglSimpleUser {
  id: number;
  fullname?: string | null;
  email?: string | null;
  role?: string | null;
  inactive?: boolean | null;
}

/** A person's membership of a project (GET /workspaces/{id}/project_users). */
export interface TogglProjectUser {
  id: number;
  project_id: number;
  user_id: number;
  manager?: boolean;
  /** Their billable rate and labor cost on the project, where set. */
  rate?: number | null;
  labor_cost?: number | null;
}

/** A rate as Toggl keeps it (GET /workspaces/{id}/rates/{level}/{level_id}): dated, the current one without an end. */
export interface TogglRate {
  id: number;
  amount?: number | null;
  start?: string | null;
  end?: string | null;
  workspace_user_id?: number | null;
  project_user_id?: number | null;
}

/** A timesheet setup (GET /workspaces/{id}/timesheet_setups, a Premium feature): one member's, naming their approvers. */
export interface TogglTimesheetSetup {
  id: number;
  member_id?: number;
  member_name?: string | null;
  approver_id?: number | null;
  approvers?: Array<{ user_id?: number; name?: string | null }> | null;
  /** Not enumerated in Toggl's documents: read in timesheet-readings.ts. */
  periodicity?: string | null;
  /** YYYY-MM-DD: the first period starts here. */
  start_date?: string | null;
  end_date?: string | null;
}

/** A timesheet (GET /workspaces/{id}/timesheets): one member's period under a setup, addressed by the setup and its start. */
export interface TogglTimesheet {
  timesheet_setup_id?: number;
  member_id?: number;
  member_name?: string | null;
  /** Not enumerated in Toggl's documents: read in timesheet-readings.ts. */
  status?: string | null;
  start_date?: string | null;
  end_date?: string | null;
  period_start?: string | null;
  period_end?: string | null;
  period_locked?: boolean | null;
  rejection_comment?: string | null;
  approved_or_rejected_name?: string | null;
  approved_or_rejected_id?: number | null;
  periodicity?: string | null;
}

/** One project read alone (GET /workspaces/{id}/projects/{pid}), with what its status needs. */
export interface TogglProjectDetail extends TogglProject {
  /** A price, not a budget of time. */
  fixed_fee?: number | null;
  created_at?: string | null;
}

/** A row of the Reports API v3 detailed report: one person's entries alike (project, task, description, billable, tags). */
export interface TogglReportRow {
  user_id?: number;
  username?: string | null;
  project_id?: number | null;
  task_id?: number | null;
  description?: string | null;
  time_entries?: Array<{ id?: number; seconds?: number; start?: string; stop?: string | null }> | null;
  row_number?: number;
}
