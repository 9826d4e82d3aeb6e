// The fixed words the tools' schemas offer and every layer uses: leave types and statuses, parts of
// a day, catalog kinds, weekdays and the capabilities a back end may have. They live here, at the
// bottom, so the tool contracts (contract/tools/) can name them without loading the domain or the
// back ends; domain/ and providers/ re-export them.

export const LEAVE_TYPES = ['vacation', 'sick', 'personal', 'parental', 'unpaid', 'other'] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];

export const LEAVE_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

/** A whole day, or the half a leave request starts or ends with. */
export const DAY_PARTS = ['full', 'morning', 'afternoon'] as const;
export type DayPart = (typeof DAY_PARTS)[number];

export const CATALOG_KINDS = ['customer', 'project', 'activity'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

/** An invoice's state, in Kimai's words (which Punchcard's list_invoices takes for every back end). */
export const INVOICE_STATUSES = ['new', 'pending', 'paid', 'canceled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const TAG_ACTIONS = ['list', 'create', 'rename', 'archive', 'restore'] as const;
export type TagAction = (typeof TAG_ACTIONS)[number];

export const RATE_ACTIONS = ['list', 'set', 'remove'] as const;
export type RateAction = (typeof RATE_ACTIONS)[number];
/** What a rate is kept on: a back end that keeps rates on more (Clockify's workspace) adds its kind here, and one without a kind refuses it in words. */
export const RATE_KINDS = ['customer', 'project', 'activity', 'workspace'] as const;
export type RateKind = (typeof RATE_KINDS)[number];
/** What a catalog item's budget covers: the whole of it, or each month (Kimai's budgetType "month"). */
export const BUDGET_PERIODS = ['total', 'month'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];
export const PEOPLE_ACTIONS = ['list', 'show', 'invite', 'update', 'deactivate', 'reactivate'] as const;
export type PeopleAction = (typeof PEOPLE_ACTIONS)[number];

/** A timesheet submission's state (submit_timesheet and the tools after it): Clockify's and Kimai's ApprovalBundle's, in one set of words. */
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
/** The span a timesheet is submitted for: Clockify's WEEKLY, SEMI_MONTHLY, MONTHLY (Kimai's plugin: weeks only). */
export const APPROVAL_PERIODS = ['week', 'semi_month', 'month'] as const;
export type ApprovalPeriod = (typeof APPROVAL_PERIODS)[number];
/**
 * Why a period's time is kept as it is: its submission waits (`pending`) or is approved, or it was not
 * submitted at all but comes before the next period the back end takes, which Kimai's ApprovalBundle
 * locks all the same (`not_submitted`; it takes weeks in order).
 */
export const PERIOD_LOCK_STATUSES = ['pending', 'approved', 'not_submitted'] as const;
export type PeriodLockStatus = (typeof PERIOD_LOCK_STATUSES)[number];

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/**
 * What a back end can do; a tool whose capability is missing is not listed.
 * - `account`: whoami; every back end has it.
 * - `entries` lists and logs time, `entries_edit` changes and deletes it (Calamari's shifts cannot be).
 * - `breaks`: start and end a break within the running shift (Calamari).
 * - `leave_cancel`: withdraw a leave request (not every API can).
 * - `team_hours`, `team_projects`, `team_leave`: colleagues' hours, a project's hours against its
 *   budget, and leave requests waiting for the person's decision; each only where the back end said
 *   this person's own account may (learned, never assumed: docs/decisions.md, "The team group").
 * - `admin_*`: what the person may administer, one kind each (`admin_tags`, `admin_invoices`; the
 *   catalog, teams, rates and people follow as `admin_catalog`, `admin_teams`, `admin_rates`,
 *   `admin_people`), each only where the back end said so (docs/decisions.md, "The admin group").
 * - `approvals`: list timesheet submissions and their status, and keep a write out of a locked period,
 *   where the back end shows approvals this account may read (Clockify's plan, Kimai's ApprovalBundle,
 *   Harvest's entries' approval status; learned).
 * - `approvals_workflow`: submit a timesheet period, withdraw it and decide submissions, where the back
 *   end's API drives the workflow too (Clockify, Kimai's plugin); Harvest's shows the status only.
 */
export const CAPABILITIES = [
  'account',
  'timer',
  'breaks',
  'entries',
  'entries_edit',
  'reports',
  'catalog',
  'catalog_write',
  'leave',
  'leave_cancel',
  'calendar',
  'team_hours',
  'team_projects',
  'team_leave',
  'admin_tags',
  'admin_invoices',
  'admin_corrections',
  'admin_rates',
  'admin_teams',
  'admin_catalog',
  'admin_people',
  'approvals',
  'approvals_workflow',
] as const;
export type Capability = (typeof CAPABILITIES)[number];
const KNOWN_CAPABILITIES: ReadonlySet<string> = new Set(CAPABILITIES);
/** Whether a text (read from a file) names a capability. */
export function isCapability(value: string): value is Capability {
  return KNOWN_CAPABILITIES.has(value);
}
/** What a back end offers where its API drives the approval workflow (Clockify, Kimai's plugin): the list and the workflow's tools. */
export const APPROVALS_WITH_WORKFLOW: readonly Capability[] = ['approvals', 'approvals_workflow'];
/** The admin group's capabilities: each one kind of thing a person may administer, never assumed. */
export const ADMIN_CAPABILITIES: readonly Capability[] = CAPABILITIES.filter((capability) => capability.startsWith('admin_'));
