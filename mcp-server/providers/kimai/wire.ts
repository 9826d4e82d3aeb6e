// The parts of Kimai's JSON that Punchcard reads (docs/back-ends/kimai.md). Relations arrive as ids
// in plain responses and as objects from `full=true`, /active and /recent (docs/back-ends/kimai.md,
// "Relations"), so both are typed.

export interface KimaiNamed {
  id: number;
  name: string;
}

export interface KimaiTimesheet {
  id: number;
  /** '2026-05-04T09:00:00+0200', in the record's own zone. */
  begin: string;
  end: string | null;
  description: string | null;
  project: number | (KimaiNamed & { customer?: number | KimaiNamed }) | null;
  activity: number | KimaiNamed | null;
  /** Whose record it is: an id, or the user (`full=true`); read for a team's records. */
  user?: number | KimaiUserShort;
  /** Exported (billed, handed to payroll): Kimai refuses changes to it from anyone without edit_exported_timesheet. */
  exported?: boolean;
  /** Billable; Kimai derives it from the customer, project and activity unless someone set it. */
  billable?: boolean;
  /** Tag names; an AI agent's own time carries `ai-<agent>` (domain/agents.ts). */
  tags?: string[];
  /** The record's meta fields Kimai shows (the visible ones only; docs/back-ends/kimai.md, "Meta fields"). */
  metaFields?: Array<{ name?: string | null; value?: unknown }> | null;
}

/**
 * One rule of the custom-fields plugin as `GET /api/metafields?entity=timesheet` lists it (MetaFieldRule,
 * from a generated client of an instance with the plugin: docs/back-ends/kimai.md, "Meta fields"). The
 * customer, project and activity limit the rule to entries there; each is an id or the record (GUESS: either).
 */
export interface KimaiMetaFieldRule {
  id?: number;
  name: string;
  label?: string | null;
  help?: string | null;
  /** The default; for a choice list, its choices: `value|Title` pairs separated by commas, a leading comma an empty first one. */
  value?: string | null;
  type?: string | null;
  visible?: boolean | null;
  required?: boolean | null;
  entityType?: string | null;
  customer?: number | { id?: number } | null;
  project?: number | { id?: number } | null;
  activity?: number | { id?: number } | null;
  /**
   * The permission or role the rule is kept to (MetaFieldRule.permission; the plugin defines the field only for a
   * caller granted it). GUESS: the list carries it as the entity names it.
   */
  permission?: string | null;
}

export interface KimaiTag {
  id: number;
  name: string;
  color?: string | null;
  visible?: boolean;
}

/** An invoice as `GET /api/invoices` lists it (docs/back-ends/kimai.md, "Administration"). */
export interface KimaiInvoice {
  id: number;
  invoiceNumber: string;
  customer?: { id: number; name: string } | number | null;
  /** `2026-05-04T09:15:00+0200`. */
  createdAt: string;
  total: number;
  currency: string;
  status: string;
}

export interface KimaiCustomer {
  id: number;
  name: string;
  visible: boolean;
  /** ISO 4217: what the customer's rates and invoices are in. */
  currency?: string;
  /** The teams granted it (team access), in lists and single reads: person-reach.ts reads a person's reach from these. */
  teams?: unknown;
}

/** A rate of a customer, project or activity (docs/back-ends/kimai.md, "Administration"); `user` null is everyone's. */
export interface KimaiRate {
  id: number;
  user?: (KimaiUserShort & { email?: string | null }) | null;
  rate: number;
  internalRate?: number | null;
  isFixed: boolean;
}

export interface KimaiProject {
  id: number;
  name: string;
  customer: number | KimaiNamed | null;
  parentTitle?: string | null;
  visible: boolean;
  globalActivities?: boolean;
  /** Money budget and time budget (seconds), in lists from 2.66 and only with the budget permissions. */
  budget?: number | null;
  timeBudget?: number | null;
  /** 'month' for a budget per month; empty or null for one over the whole project. */
  budgetType?: string | null;
  /** The teams granted it (team access), as customers carry them. */
  teams?: unknown;
}

export interface KimaiActivity {
  id: number;
  name: string;
  project: number | KimaiNamed | null;
  parentTitle?: string | null;
  visible: boolean;
  /** The teams granted it (team access), as customers carry them. */
  teams?: unknown;
}

export interface KimaiUser {
  id: number;
  username: string;
  alias: string | null;
  timezone: string;
  roles?: string[];
  /** The account's e-mail (the team server names a person by it in its audit log). */
  email?: string | null;
  /** The teams the person belongs to, and whether they lead each (the team tools read whom they lead). */
  memberships?: Array<{ team: KimaiNamed; teamlead: boolean }>;
}

/** An account as `GET /api/users?full=true` and `GET /api/users/{id}` show it (docs/back-ends/kimai.md, "Administration"). */
export interface KimaiUserFull extends KimaiUserShort {
  email?: string | null;
  enabled?: boolean;
  roles?: string[];
  teams?: KimaiNamed[];
  /** The zone of the account's profile. */
  timezone?: string;
  /** The account's teams, and whether it leads each (as `/api/users/me` shows them). */
  memberships?: Array<{ team: KimaiNamed; teamlead: boolean }>;
}

/** A user as lists and relations show one. */
export interface KimaiUserShort {
  id: number;
  username: string;
  alias: string | null;
}

/** A team with its members (`GET /api/teams/{id}`). */
export interface KimaiTeam {
  id: number;
  name: string;
  members?: Array<{ user: KimaiUserShort; teamlead: boolean }>;
}

export interface KimaiTimesheetConfig {
  /** 'default', 'punch', 'duration_fixed_begin', or a mode a later Kimai adds (shown by its name). */
  trackingMode: string;
  activeEntriesHardLimit?: number;
}

/** An absence of the (paid, closed-source) absence plugin; shapes are from third-party clients [T]. */
export interface KimaiAbsence {
  id: number;
  date: string;
  endDate?: string | null;
  type: string;
  status?: string;
  halfDay?: boolean;
  comment?: string | null;
  /** Whose absence it is: an id or the user. */
  user?: number | KimaiUserShort;
}

/**
 * A customer, project or activity as its own read (`GET /api/projects/{id}`) and a change answer it:
 * everything update_catalog_item may change (docs/back-ends/kimai.md, "Administration"). The budget
 * fields come only with Kimai's budget permissions; `timeBudget` is seconds, the dates `Y-m-d`.
 */
export interface KimaiCatalogDetails {
  id: number;
  name: string;
  visible: boolean;
  comment?: string | null;
  billable?: boolean;
  budget?: number | null;
  timeBudget?: number | null;
  budgetType?: string | null;
  /** A project's customer. */
  customer?: number | KimaiNamed | null;
  parentTitle?: string | null;
  start?: string | null;
  end?: string | null;
}

export function relationId(value: number | KimaiNamed | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : value.id;
}
