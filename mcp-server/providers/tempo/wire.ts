// Tempo's REST API v4 and the Jira Cloud REST API v3 as Punchcard reads them (docs/back-ends/tempo.md): only the
// fields Punchcard uses, every one optional where the service may leave it out, so a reader checks before it trusts.
// Tempo knows issues by Jira's numeric id and people by their Atlassian accountId only; Jira has the keys, summaries
// and names. Tempo's days and times are wall-clock values without a zone.

/** Every Tempo list: its rows, and the page it is (`count` rows of at most `limit` from `offset`). */
export interface TempoPage<T> {
  self?: string;
  metadata?: { count?: number; offset?: number; limit?: number; next?: string; previous?: string } | null;
  results?: T[] | null;
}

/** A worklog (GET/POST/PUT /4/worklogs…). */
export interface TempoWorklog {
  tempoWorklogId: number;
  issue?: { id?: number; self?: string } | null;
  author?: { accountId?: string } | null;
  /** 'YYYY-MM-DD', the author's wall clock. */
  startDate: string;
  /** 'HH:mm:ss', the author's wall clock; absent where no start time was kept. */
  startTime?: string | null;
  timeSpentSeconds?: number | null;
  billableSeconds?: number | null;
  description?: string | null;
  attributes?: { values?: Array<{ key?: string; value?: string }> | null } | null;
  createdAt?: string | null;
  updatedAt?: string | null;
}

/** What a worklog is written as (POST /4/worklogs, PUT /4/worklogs/{id}: the whole of it). */
export interface TempoWorklogInput {
  authorAccountId: string;
  issueId: number;
  startDate: string;
  /** 'HH:mm:ss'; left out only where the worklog keeps no start time and the change does not give one. */
  startTime?: string;
  timeSpentSeconds: number;
  billableSeconds?: number;
  description: string;
  attributes: Array<{ key: string; value: string }>;
}

/** A work attribute (GET /4/work-attributes): static lists store a value and show a name. */
export interface TempoWorkAttribute {
  key: string;
  name?: string | null;
  type?: string | null;
  required?: boolean | null;
  values?: string[] | null;
  /** The name shown for each stored value of a static list. */
  names?: Record<string, string> | null;
}

/** A Tempo account (GET /4/accounts): the choices of an ACCOUNT attribute, by key. */
export interface TempoAccount {
  key?: string;
  name?: string;
  status?: string;
}

/** A day of a person's schedule (GET /4/user-schedule). */
export interface TempoScheduleDay {
  date: string;
  requiredSeconds?: number | null;
  type?: string | null;
  holiday?: { name?: string | null; description?: string | null; durationSeconds?: number | null } | null;
}

/** GET /4/globalconfiguration: the approval period and where weeks start (1 Monday … 7 Sunday). */
export interface TempoGlobalConfiguration {
  approvalPeriod?: string | null;
  approvalWeekStart?: number | null;
  weekStart?: number | null;
}

/** A timesheet approval of one person's period (GET /4/timesheet-approvals/user/{accountId}). */
export interface TempoApproval {
  period?: { from?: string; to?: string } | null;
  requiredSeconds?: number | null;
  timeSpentSeconds?: number | null;
  status?: { key?: string | null; comment?: string | null; actor?: { accountId?: string } | null; updatedAt?: string | null } | null;
  user?: { accountId?: string } | null;
  reviewer?: { accountId?: string } | null;
  actions?: Record<string, unknown> | null;
}

/** A Tempo team (GET /4/teams), led by `lead`. */
export interface TempoTeam {
  id: number;
  name?: string | null;
  lead?: { accountId?: string } | null;
}

/** A team's membership (GET /4/team-memberships/team/{id}). */
export interface TempoMembership {
  member?: { accountId?: string } | null;
  from?: string | null;
  to?: string | null;
}

/** A person as Jira shows them (GET /rest/api/3/myself, /user/bulk). */
export interface JiraUser {
  accountId: string;
  displayName?: string | null;
  emailAddress?: string | null;
  /** IANA zone of their profile. */
  timeZone?: string | null;
  active?: boolean | null;
}

/** GET /rest/api/3/serverInfo: the site's title and address. */
export interface JiraServerInfo {
  baseUrl?: string | null;
  serverTitle?: string | null;
  deploymentType?: string | null;
}

/** An issue (GET /rest/api/3/issue/{key}, search/jql): its id is a string here, a number in Tempo. */
export interface JiraIssue {
  id: string;
  key: string;
  fields?: {
    summary?: string | null;
    project?: { id?: string; key?: string; name?: string } | null;
    status?: { statusCategory?: { key?: string } | null } | null;
  } | null;
}

/** POST /rest/api/3/search/jql: a page of issues, the next one by its token. */
export interface JiraSearch {
  issues?: JiraIssue[] | null;
  nextPageToken?: string | null;
  isLast?: boolean | null;
}

/** GET /rest/api/3/user/bulk. */
export interface JiraUsers {
  values?: JiraUser[] | null;
  isLast?: boolean | null;
}
