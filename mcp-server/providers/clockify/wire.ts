// The parts of Clockify's JSON that Punchcard reads (docs/back-ends/clockify.md). Names are Clockify's
// (camelCase); ids are strings; instants are ISO 8601 in UTC ('2026-11-18T08:00:00Z'), days
// 'YYYY-MM-DD'. Every field is optional unless Punchcard cannot do without it: Clockify's OpenAPI
// marks almost nothing as required, and answers may carry more.

/** GET /v1/user (getLoggedUser). */
export interface ClockifyUser {
  id: string;
  name?: string | null;
  email?: string | null;
  activeWorkspace?: string | null;
  defaultWorkspace?: string | null;
  settings?: { timeZone?: string | null; weekStart?: string | null } | null;
}

/** GET /v1/workspaces (getWorkspacesOfUser): the workspaces the key's person belongs to. */
export interface ClockifyWorkspace {
  id: string;
  name: string;
  /** What the workspace's plan includes ('TIME_OFF', …). */
  features?: string[] | null;
  /** The plan, a name such as 'FREE' or 'STANDARD_2021' (the OpenAPI shows a string as its example). */
  featureSubscriptionType?: unknown;
  workspaceSettings?: ClockifyWorkspaceSettings | null;
}

export interface ClockifyWorkspaceSettings {
  forceProjects?: boolean;
  forceTasks?: boolean;
  forceDescription?: boolean;
  forceTags?: boolean;
  /** Entries before this instant are locked ('lockTimeEntries'), where the workspace locks any. */
  lockTimeEntries?: string | null;
  /** Only admins may create tags. */
  onlyAdminsCreateTag?: boolean;
}

/** GET /v1/workspaces/{ws}/member-profile/{userId} (getMemberProfile). */
export interface ClockifyMemberProfile {
  name?: string | null;
  email?: string | null;
  /** ISO 8601 duration per working day: 'PT8H', 'PT7H30M'. */
  workCapacity?: string | null;
  /** Day names; the OpenAPI types it a string and shows an array as its example, so both are read. */
  workingDays?: string[] | string | null;
  weekStart?: string | null;
}

export interface ClockifyTimeInterval {
  start: string;
  /** null while the timer runs. */
  end?: string | null;
  duration?: string | null;
}

/** A workspace's tag (TagDtoV1). */
export interface ClockifyTag {
  id: string;
  name: string;
  archived?: boolean;
}

/** A time entry (TimeEntryDtoImplV1, TimeEntryWithRatesDtoV1); with `hydrated=true` also its project and task. */
export interface ClockifyTimeEntry {
  id: string;
  userId: string;
  workspaceId?: string;
  projectId?: string | null;
  taskId?: string | null;
  description?: string | null;
  billable?: boolean;
  tagIds?: string[] | null;
  /** REGULAR work, or a BREAK, HOLIDAY or TIME_OFF entry Clockify made. */
  type?: string | null;
  isLocked?: boolean;
  timeInterval: ClockifyTimeInterval;
  project?: { id?: string; name?: string | null } | null;
  task?: { id?: string; name?: string | null } | null;
  /** Hydrated, the tags as objects: a hydrated answer may carry these instead of the ids. */
  tags?: Array<{ id?: string; name?: string }> | null;
  /**
   * The entry's custom field values (CustomFieldValueDtoV1), the READ key: a write names them `customFields`
   * (UpdateCustomFieldRequest); a create that sends this key is taken and the values dropped (docs/back-ends/clockify.md).
   */
  customFieldValues?: ClockifyFieldValue[] | null;
}

/** A custom field's value on an entry (CustomFieldValueDtoV1). */
export interface ClockifyFieldValue {
  customFieldId?: string | null;
  timeEntryId?: string | null;
  name?: string | null;
  type?: string | null;
  value?: unknown;
}

/** TXT, NUMBER, DROPDOWN_SINGLE, DROPDOWN_MULTIPLE, CHECKBOX or LINK (CustomFieldDtoV1.type). */
export type ClockifyFieldType = 'TXT' | 'NUMBER' | 'DROPDOWN_SINGLE' | 'DROPDOWN_MULTIPLE' | 'CHECKBOX' | 'LINK';

/**
 * GET /v1/workspaces/{ws}/custom-fields (CustomFieldDtoV1), and the project's view of the same
 * (GET …/projects/{id}/custom-fields): its status and default for that project in `projectDefaultValues`.
 */
export interface ClockifyCustomField {
  id: string;
  name: string;
  type?: string | null;
  allowedValues?: string[] | null;
  description?: string | null;
  /** TIMEENTRY or USER. */
  entityType?: string | null;
  onlyAdminCanEdit?: boolean | null;
  placeholder?: string | null;
  projectDefaultValues?: Array<{ projectId?: string | null; status?: string | null; value?: unknown }> | null;
  required?: boolean | null;
  /** INACTIVE, VISIBLE or INVISIBLE. */
  status?: string | null;
  workspaceDefaultValue?: unknown;
  workspaceId?: string | null;
}

/** GET /v1/workspaces/{ws}/projects (ProjectDtoV1; clientId and clientName as on ProjectDtoImplV1). */
export interface ClockifyProject {
  id: string;
  name: string;
  archived?: boolean;
  billable?: boolean;
  clientId?: string | null;
  clientName?: string | null;
  /** Private projects list their people here (MembershipDtoV1); a public one is open to everyone. */
  public?: boolean;
  memberships?: Array<{ userId?: string | null; membershipType?: string | null; membershipStatus?: string | null }> | null;
  /** The time estimate (TimeEstimateDto): `estimate` is said to be milliseconds but typed a string; an ISO 8601 duration is read too. */
  timeEstimate?: { active?: boolean | null; estimate?: string | number | null; resetOption?: string | null } | null;
  /** The budget estimate (EstimateWithOptionsDto): an amount as an integer (in cents, like Clockify's rates: assumed). */
  budgetEstimate?: { active?: boolean | null; estimate?: number | null; resetOption?: string | null } | null;
  /** The older manual estimate (EstimateDtoV1): an ISO 8601 duration. */
  estimate?: { estimate?: string | null; type?: string | null } | null;
}

/** GET /v1/workspaces/{ws}/projects/{projectId}/tasks (TaskDtoV1). */
export interface ClockifyTask {
  id: string;
  name: string;
  projectId?: string;
  /** 'ACTIVE' or 'DONE' (a done task is Clockify's archived one). */
  status?: string | null;
  billable?: boolean;
}

/** GET /v1/workspaces/{ws}/clients (ClientWithCurrencyDtoV1). */
export interface ClockifyClient {
  id: string;
  name: string;
  archived?: boolean;
}

/** GET /v1/workspaces/{ws}/time-off/policies (PolicyDtoV1). */
export interface ClockifyPolicy {
  id: string;
  name: string;
  archived?: boolean;
  allowHalfDay?: boolean;
  timeUnit?: string | null;
  everyoneIncludingNew?: boolean;
  userIds?: string[] | null;
  /** The user groups whose members it is for, besides `userIds`. */
  userGroupIds?: string[] | null;
  /** Who approves its requests (PolicyApprovalDto): the requester's team managers, and/or the members named. */
  approve?: { requiresApproval?: boolean | null; teamManagers?: boolean | null; specificMembers?: boolean | null; userIds?: string[] | null } | null;
}

/** GET /v1/workspaces/{ws}/time-off/balance/user/{userId} (BalanceDtoV1, in BalancesWithCountDtoV1). */
export interface ClockifyBalance {
  policyId: string;
  policyName?: string | null;
  policyTimeUnit?: string | null;
  policyArchived?: boolean;
  balance?: number | null;
  used?: number | null;
  total?: number | null;
  userId?: string;
}

export interface ClockifyBalances {
  balances?: ClockifyBalance[] | null;
  count?: number | null;
}

/** A time-off request (TimeOffRequestFullV1Dto; the delete answers TimeOffRequestV1Dto, a part of it). */
export interface ClockifyTimeOffRequest {
  id: string;
  userId: string;
  userName?: string | null;
  userTimeZone?: string | null;
  policyId: string;
  policyName?: string | null;
  note?: string | null;
  balanceDiff?: number | null;
  timeUnit?: string | null;
  status?: { statusType?: string | null; note?: string | null } | null;
  timeOffPeriod?: {
    period?: { start?: string | null; end?: string | null } | null;
    halfDay?: boolean | null;
    halfDayPeriod?: string | null;
  } | null;
}

/** POST /v1/workspaces/{ws}/time-off/requests (TimeOffRequestsWithCountV1Dto). */
export interface ClockifyTimeOffRequests {
  count?: number | null;
  requests?: ClockifyTimeOffRequest[] | null;
}

/** GET /v1/workspaces/{ws}/holidays/in-period (HolidayDtoV1). */
export interface ClockifyHoliday {
  id?: string;
  name: string;
  datePeriod: { startDate: string; endDate?: string | null };
}

/** A role a workspace member may hold, as `getWorkspacesOfUser` filters by them (owners are not counted as admins). */
export type ClockifyRole = 'WORKSPACE_ADMIN' | 'OWNER' | 'TEAM_MANAGER' | 'PROJECT_MANAGER';

/** One invoice as getInvoicesInfo lists it (InvoiceInfoV1): amounts in cents, as Clockify keeps money. */
export interface ClockifyInvoice {
  id: string;
  number?: string | null;
  clientId?: string | null;
  clientName?: string | null;
  currency?: string | null;
  /** 'yyyy-MM-ddThh:mm:ssZ'. */
  issuedDate?: string | null;
  /** UNSENT, SENT, PAID, PARTIALLY_PAID, VOID or OVERDUE. */
  status?: string | null;
  /** The invoice's amount in cents. */
  amount?: number | null;
}

/** POST /v1/workspaces/{ws}/invoices/info (InvoiceInfoResponseDtoV1): a page and the count of all. */
export interface ClockifyInvoices {
  invoices?: ClockifyInvoice[] | null;
  total?: number | null;
}

/** A member's workspace membership as getUsersOfWorkspace shows it with `memberships=WORKSPACE` (MembershipDtoV1). */
export type MembershipStatus = 'PENDING' | 'ACTIVE' | 'DECLINED' | 'INACTIVE';

export type ClockifyMember = ClockifyUser & {
  memberships?: Array<{ membershipType?: string | null; membershipStatus?: string | null; targetId?: string | null }> | null;
};

/** A user group (UserGroupDtoV1): its members' ids and, where asked for, its team managers. */
export interface ClockifyUserGroup {
  id: string;
  name: string;
  userIds?: string[] | null;
  teamManagers?: Array<{ id: string; name?: string | null }> | null;
}

/** A manager role as createUserRole takes it (RoleRequestV1): whom or what it is over, a user group where `sourceType` says so. */
export interface RoleRequest {
  role: Exclude<ClockifyRole, 'OWNER'>;
  entityId: string;
  sourceType?: 'USER_GROUP';
}

/** An amount in cents and its currency (RateDtoV1, HourlyRateDtoV1); null where none is set. */
export type ClockifyRate = { amount?: number | null; currency?: string | null } | null | undefined;

/** A member's own rates in a workspace or a project (MembershipDtoV1). */
export interface ClockifyRatedMembership {
  userId?: string | null;
  membershipType?: string | null;
  membershipStatus?: string | null;
  hourlyRate?: ClockifyRate;
  costRate?: ClockifyRate;
}

/** A project as getProject answers it, with its rates (ProjectDtoImplV1). */
export type ClockifyRatedProject = Omit<ClockifyProject, 'memberships'> & {
  hourlyRate?: ClockifyRate;
  costRate?: ClockifyRate;
  memberships?: ClockifyRatedMembership[] | null;
  note?: string | null;
  color?: string | null;
};

/** The states the list of timesheet approval requests can be filtered by: a rejected request, or one whose submission was withdrawn, is listed no more. */
export type ListedApprovalState = 'PENDING' | 'APPROVED' | 'WITHDRAWN_APPROVAL';

/** ApprovalRequestDtoV1, as far as Punchcard reads it. */
export interface ClockifyApprovalRequest {
  id: string;
  workspaceId?: string;
  /** Instants ('2026-11-16T00:00:00Z'): the period's first moment and its last. */
  dateRange?: { start?: string | null; end?: string | null } | null;
  creator?: { userId?: string | null; userName?: string | null } | null;
  owner?: { userId?: string | null; userName?: string | null; timeZone?: string | null; startOfWeek?: string | null } | null;
  status?: { state?: string | null; note?: string | null; updatedAt?: string | null; updatedBy?: string | null; updatedByUserName?: string | null } | null;
}

/** ApprovalDetailsDtoV1: the request, its totals as ISO 8601 durations, and its entries and expenses inline (heavy). */
export interface ClockifyApprovalDetails {
  approvalRequest?: ClockifyApprovalRequest | null;
  trackedTime?: string | null;
  entries?: ClockifyTimeEntry[] | null;
}
