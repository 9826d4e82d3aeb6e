// A fake Toggl Track API (v9) on loopback, for the Toggl back end's tests. It follows Toggl's published API
// (docs/back-ends/toggl.md lists the operations and where each fact comes from), not any client: the API below
// /api/v9, HTTP Basic with `<token>:api_token`, a token it does not take answered 403 with an empty body, error
// bodies as plain text (a sentence and a newline), the person's entries listed by their start without paging (running
// ones with a negative duration), projects and tasks paged with the count of all, and the hourly quotas answered 402:
// the person's own quota (30 an hour on every plan) for the /me requests, the organisation's (30, 240 or 600 by plan)
// for the workspace's.
//
// Where the sources stop, the fake makes a choice and says so in a comment starting with "GUESS:", and where a fact
// is unknown it can answer each plausible way (the options: whether /me/time_entries counts on the person's quota,
// the 402's body and headers, a JSON-quoted error body, the running entry's duration in the older form; of timesheet
// approvals, the list's bounds and form, the status words' case, whether open periods are listed, which periods lock
// and whether a timesheet says so).
//
// State lives in plain arrays on `state`, which tests may seed and read. It shares no code with the engine.
import { type Failure, Failures, type RecordedRequest, type Reply, startFakeServer } from '../../../support/fake-server.ts';
import { answeredAs, type OptionalAnswer } from '../../../support/optional-answers.ts';

export type { RecordedRequest };

export interface FakeTogglUser {
  id: number;
  email: string;
  fullname: string;
  timezone: string;
  token: string;
  defaultWorkspaceId: number | null;
  /** Their workspace user's working_hours_in_minutes ("Paid feature"), where set; GUESS: a day's, as the workspace's 480 reads. */
  workingHoursInMinutes?: number | null;
}

export interface FakeTogglWorkspace {
  id: number;
  organizationId: number;
  name: string;
  /** Starter or above. */
  premium: boolean;
  /** Premium or above. */
  business: boolean;
  members: number[];
  admins: number[];
  onlyAdminsMayCreateTags: boolean;
  constraints: { description: boolean; project: boolean; tag: boolean; task: boolean } | null;
  /** report_locked_at, or null. */
  lockedAt: string | null;
  /** Members' roles beside `admins` (Toggl's words: 'projectlead', 'teamlead'); anyone else a 'user'. */
  roles?: Record<number, 'projectlead' | 'teamlead'>;
  /** Members an admin deactivated (a workspace user's `inactive`). */
  inactive?: number[];
  /** The workspace's working_hours_in_minutes (Toggl's default 480). */
  workingHoursInMinutes?: number | null;
  /** Its user groups, each with its members' user ids (a workspace user's `group_ids`). */
  groups?: Array<{ id: number; name: string; members: number[] }>;
}

export interface FakeTogglProject {
  id: number;
  workspaceId: number;
  clientId: number | null;
  name: string;
  active: boolean;
  isPrivate: boolean;
  billable: boolean;
  /** Who may track on a private project. */
  members: number[];
  /** Members who manage it (a project user's `manager`). */
  managers?: number[];
  /** estimated_hours (a Premium feature), or null. */
  estimatedHours?: number | null;
  /** start_date (YYYY-MM-DD). */
  startDate?: string;
  /** end_date (YYYY-MM-DD), or none. */
  endDate?: string | null;
}

export interface FakeTogglTask {
  id: number;
  workspaceId: number;
  projectId: number;
  name: string;
  active: boolean;
  /** estimated_seconds, or none. */
  estimatedSeconds?: number | null;
}

export interface FakeTogglClient {
  id: number;
  workspaceId: number;
  name: string;
  archived: boolean;
  notes?: string | null;
}

/** A rate as Toggl keeps it: dated (the current one without an end), at one level, of one type. */
export interface FakeTogglRate {
  id: number;
  workspaceId: number;
  level: 'workspace' | 'workspace_user' | 'project' | 'project_user' | 'task';
  levelId: number;
  type: 'billable_rates' | 'labor_rates';
  amount: number;
  /** YYYY-MM-DD. */
  start: string;
  end: string | null;
}

export interface FakeTogglTag {
  id: number;
  workspaceId: number;
  name: string;
}

export interface FakeTogglEntry {
  id: number;
  workspaceId: number;
  userId: number;
  projectId: number | null;
  taskId: number | null;
  description: string;
  start: number;
  /** null while it runs. */
  stop: number | null;
  billable: boolean;
  tags: string[];
  createdWith: string;
  deletedAt: number | null;
}

/** A timesheet setup (Premium's approvals): one member's periods, their approvers. */
export interface FakeTogglSetup {
  id: number;
  workspaceId: number;
  memberId: number;
  approverIds: number[];
  /** GUESS: 'weekly' or 'monthly' (a reimplementation's words; Toggl's are not documented). */
  periodicity: string;
  /** YYYY-MM-DD: the first period starts here; weeks step from it, months from its day of the month. */
  startDate: string;
  endDate?: string | null;
}

/** A timesheet's stored status; a period without one is open. GUESS: the words, as a reimplementation uses them. */
export type FakeTimesheetStatus = 'open' | 'submitted' | 'approved' | 'rejected' | 'reopened';

export interface FakeTogglTimesheet {
  setupId: number;
  /** The period's first day. */
  startDate: string;
  status: FakeTimesheetStatus;
  rejectionComment: string;
  /** Who last approved, rejected or reopened it. */
  decidedBy: number | null;
}

/** An organization: its admins (and owner) invite people into its workspaces. */
export interface FakeTogglOrganization {
  id: number;
  name: string;
  admins: number[];
  owner: number | null;
}

/** An invitation an organization admin sent (POST /organizations/{oid}/invitations), one per e-mail and workspace. */
export interface FakeTogglInvitation {
  id: number;
  organizationId: number;
  email: string;
  workspaceId: number;
  role: string;
  senderId: number;
}

export interface FakeTogglState {
  users: FakeTogglUser[];
  organizations: FakeTogglOrganization[];
  invitations: FakeTogglInvitation[];
  workspaces: FakeTogglWorkspace[];
  projects: FakeTogglProject[];
  tasks: FakeTogglTask[];
  clients: FakeTogglClient[];
  tags: FakeTogglTag[];
  entries: FakeTogglEntry[];
  timesheetSetups: FakeTogglSetup[];
  timesheets: FakeTogglTimesheet[];
  rates: FakeTogglRate[];
}

/** Quotas an hour, per person: their own (the /me requests) and per organisation (Free 30, Starter 240, Premium 600). */
export interface FakeQuotas {
  user: number;
  organisation: number;
}

export interface FakeTogglOptions {
  now?: () => number;
  /** Hourly quotas; default a Free organisation's (30 and 30). Infinity counts nothing. */
  quotas?: FakeQuotas;
  /** Whether /me/time_entries (and …/current, …/{id}) count on the person's own quota (default) or on the organisation's. */
  meEntriesOnUserQuota?: boolean;
  /** The quota 402's body: Toggl's sentence with the seconds (default), a JSON-quoted one, or none. */
  quotaBody?: 'words' | 'json' | 'empty';
  /** Whether answers carry X-Toggl-Quota-Remaining and X-Toggl-Quota-Resets-In (default true). */
  quotaHeaders?: boolean;
  /** Error bodies as plain text (default) or as a JSON string. */
  errorBodies?: 'text' | 'json';
  /** A running entry's duration: -1 (default, as v9 documents it) or the older form, the negated epoch seconds of its start. */
  runningDuration?: 'minus_one' | 'epoch';
  /** The most projects a page holds, whatever is asked (Toggl: 200). */
  maxPerPage?: number;
  /**
   * How far back /me/time_entries reaches, in days (null: without limit, the default). Other clients say it reaches
   * about three months back and send older ranges to the Reports API; how Toggl answers an older start_date is not
   * documented. GUESS: a 400 in words naming the earliest date.
   */
  entriesReachDays?: number | null;
  /**
   * Whether a Team Lead may list the workspace users (GET …/workspace_users). Toggl documents it for admins only; a
   * Team Lead "views project users" and rates (forum). GUESS: allowed (true, the default); false answers them 403.
   */
  teamLeadReadsWorkspaceUsers?: boolean;
  /**
   * Whether the timesheets list's `after` and `before` ("Timesheets starting after/before this date") leave out the day
   * named ('exclusive', the default, as the words read) or take it in ('inclusive'). GUESS either way: not documented.
   */
  timesheetBounds?: 'exclusive' | 'inclusive';
  /** The status words timesheets are answered with: lower case (default, a reimplementation's) or upper case. GUESS. */
  timesheetStatusCase?: 'lower' | 'upper';
  /**
   * The timesheets list's answer: one page `{data, page, per_page, total_count}` (default, the reference's), an array of
   * such pages (the swagger's schema), or a bare array of timesheets. GUESS which Toggl sends.
   */
  timesheetsListForm?: 'page' | 'pages' | 'array';
  /** Which timesheets Toggl marks `period_locked`: approved ones (default) or submitted ones too. GUESS: not stated. */
  periodLockedOn?: 'approved' | 'submitted';
  /** Whether the list holds periods never submitted (status open), as a reimplementation answers (default), or only stored ones. GUESS. */
  openTimesheetsListed?: boolean;
  /** Whether a timesheet says `period_locked` at all (default) or leaves it out. GUESS. */
  periodLockedSaid?: boolean;
  /**
   * How Toggl refuses a client's archive below Premium ("Archives a workspace client and related projects. Only for
   * premium workspaces"): the swagger lists 403 and 404 for it, no 402. GUESS: 403 in those words (the default), or a
   * 402 as Toggl answers other features a plan lacks.
   */
  clientArchiveBelowPremium?: 403 | 402;
  /** Whether a project made without `is_private` is private (Toggl's v8 documents: "default true"; the default) or public. */
  projectsPrivateByDefault?: boolean;
}

export interface FakeToggl {
  url: string;
  state: FakeTogglState;
  options: Required<FakeTogglOptions>;
  requests: RecordedRequest[];
  failures: Failures;
  /** Answers the next matching request (or the next `times`) with `failure`, before anything else; as the other fakes. */
  failNext(match: { method?: string; path: string | RegExp }, failure: Failure): void;
  /** Requests counted on each quota this hour, by key ('user 1', 'organisation 7'). */
  counted: Map<string, { since: number; count: number }>;
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/**
 * Toggl's answer `answer` to a read of an optional feature (test/support/optional-answers.ts), in its own forms: its
 * errors a sentence of plain text, a feature the plan lacks a 402 in the words the reference quotes for reports ("Workspace
 * needs to have this feature enabled"), a route that is not there Go's own "404 page not found", a token it does not
 * take a 403 with nothing in the body (Toggl never answers 401). GUESS: a 500's body, which no source shows.
 */
export function optionalAnswer(answer: OptionalAnswer): Failure {
  const text = (status: number, message: string): Failure => ({
    status,
    raw: message === '' ? '' : `${message}\n`,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
  return answeredAs(answer, (own) => {
    if (own === 'payment_required') return text(402, 'Workspace needs to have this feature enabled');
    if (own === 'forbidden') return text(403, 'User does not have access to this resource.');
    if (own === 'not_found') return text(404, '404 page not found');
    if (own === 'token_refused') return { status: 403, raw: '', headers: {} };
    return text(500, 'Internal Server Error');
  });
}
let nextId = 4_000_000_001;
export const newId = (): number => nextId++;

/** An instant as Toggl writes it: UTC with +00:00. */
export function togglUtc(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}

export async function startFakeToggl(options: FakeTogglOptions = {}): Promise<FakeToggl> {
  const settings: Required<FakeTogglOptions> = {
    now: options.now ?? Date.now,
    quotas: options.quotas ?? { user: 30, organisation: 30 },
    meEntriesOnUserQuota: options.meEntriesOnUserQuota ?? true,
    quotaBody: options.quotaBody ?? 'words',
    quotaHeaders: options.quotaHeaders ?? true,
    errorBodies: options.errorBodies ?? 'text',
    runningDuration: options.runningDuration ?? 'minus_one',
    maxPerPage: options.maxPerPage ?? 200,
    entriesReachDays: options.entriesReachDays ?? null,
    teamLeadReadsWorkspaceUsers: options.teamLeadReadsWorkspaceUsers ?? true,
    timesheetBounds: options.timesheetBounds ?? 'exclusive',
    timesheetStatusCase: options.timesheetStatusCase ?? 'lower',
    timesheetsListForm: options.timesheetsListForm ?? 'page',
    periodLockedOn: options.periodLockedOn ?? 'approved',
    openTimesheetsListed: options.openTimesheetsListed ?? true,
    periodLockedSaid: options.periodLockedSaid ?? true,
    clientArchiveBelowPremium: options.clientArchiveBelowPremium ?? 403,
    projectsPrivateByDefault: options.projectsPrivateByDefault ?? true,
  };
  const state: FakeTogglState = {
    users: [],
    organizations: [],
    invitations: [],
    workspaces: [],
    projects: [],
    tasks: [],
    clients: [],
    tags: [],
    entries: [],
    timesheetSetups: [],
    timesheets: [],
    rates: [],
  };
  const requests: RecordedRequest[] = [];
  const failures = new Failures();
  const counted = new Map<string, { since: number; count: number }>();
  const now = () => settings.now();

  const text = (status: number, message: string, headers: Record<string, string> = {}): Reply =>
    settings.errorBodies === 'json'
      ? { status, body: JSON.stringify(message), headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } }
      : { status, body: `${message}\n`, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } };
  const json = (body: unknown, headers: Record<string, string> = {}): Reply => ({
    status: 200,
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });

  const userOf = (authorization: string | undefined): FakeTogglUser | undefined => {
    const match = /^Basic (.+)$/.exec(authorization ?? '');
    if (!match) return undefined;
    const [token, password] = Buffer.from(match[1] as string, 'base64')
      .toString('utf8')
      .split(':');
    return password === 'api_token' ? state.users.find((user) => user.token === token) : undefined;
  };

  /** Counts the request on its quota; a 402 once it is used up (the window: an hour from its first request). */
  const spend = (key: string, limit: number): { reply?: Reply; headers: Record<string, string> } => {
    const at = now();
    let window = counted.get(key);
    if (!window || at - window.since >= HOUR_MS) {
      window = { since: at, count: 0 };
      counted.set(key, window);
    }
    const resetsIn = Math.ceil((window.since + HOUR_MS - at) / 1000);
    if (window.count >= limit) {
      const headers: Record<string, string> = settings.quotaHeaders ? { 'X-Toggl-Quota-Remaining': '0', 'X-Toggl-Quota-Resets-In': String(resetsIn) } : {};
      const words = `You have hit your hourly limit for API calls. The quota will reset in ${resetsIn} seconds.`;
      if (settings.quotaBody === 'empty') return { reply: { status: 402, body: '', headers }, headers };
      if (settings.quotaBody === 'json')
        return { reply: { status: 402, body: JSON.stringify(words), headers: { 'Content-Type': 'application/json', ...headers } }, headers };
      return { reply: text(402, words, headers), headers };
    }
    window.count++;
    const headers: Record<string, string> = settings.quotaHeaders
      ? { 'X-Toggl-Quota-Remaining': String(Number.isFinite(limit) ? limit - window.count : 9_999), 'X-Toggl-Quota-Resets-In': String(resetsIn) }
      : {};
    return { headers };
  };

  const entryJson = (entry: FakeTogglEntry, meta: boolean) => {
    const { stop } = entry;
    const running = stop === null;
    const duration = running ? (settings.runningDuration === 'epoch' ? -Math.floor(entry.start / 1000) : -1) : Math.round((stop - entry.start) / 1000);
    const project = state.projects.find((item) => item.id === entry.projectId);
    return {
      id: entry.id,
      workspace_id: entry.workspaceId,
      wid: entry.workspaceId,
      project_id: entry.projectId,
      pid: entry.projectId,
      task_id: entry.taskId,
      tid: entry.taskId,
      user_id: entry.userId,
      uid: entry.userId,
      description: entry.description,
      start: togglUtc(entry.start),
      stop: running ? null : togglUtc(stop),
      duration,
      billable: entry.billable,
      tags: entry.tags,
      tag_ids: entry.tags.map((name) => state.tags.find((tag) => tag.workspaceId === entry.workspaceId && tag.name === name)?.id ?? 0),
      duronly: true,
      at: new Date(now()).toISOString(),
      server_deleted_at: entry.deletedAt === null ? null : togglUtc(entry.deletedAt),
      ...(meta
        ? {
            project_name: project?.name ?? null,
            task_name: state.tasks.find((task) => task.id === entry.taskId)?.name ?? null,
            client_name: state.clients.find((client) => client.id === project?.clientId)?.name ?? null,
          }
        : {}),
    };
  };

  const workspaceJson = (workspace: FakeTogglWorkspace, user: FakeTogglUser) => ({
    id: workspace.id,
    organization_id: workspace.organizationId,
    name: workspace.name,
    premium: workspace.premium,
    business_ws: workspace.business,
    admin: workspace.admins.includes(user.id),
    role: roleOf(workspace, user.id),
    only_admins_may_create_projects: true,
    only_admins_may_create_tags: workspace.onlyAdminsMayCreateTags,
    projects_billable_by_default: true,
    working_hours_in_minutes: workspace.workingHoursInMinutes ?? null,
    te_constraints: workspace.constraints
      ? {
          description_present: workspace.constraints.description,
          project_present: workspace.constraints.project,
          tag_present: workspace.constraints.tag,
          task_present: workspace.constraints.task,
          time_entry_constraints_enabled: true,
        }
      : { description_present: false, project_present: false, tag_present: false, task_present: false, time_entry_constraints_enabled: false },
    api_token: user.token,
  });

  /** A member's role in the workspace, in Toggl's words. */
  const roleOf = (workspace: FakeTogglWorkspace, userId: number): string =>
    workspace.admins.includes(userId) ? 'admin' : (workspace.roles?.[userId] ?? 'user');
  /** Each member's workspace user has an id of its own, apart from the user's (Toggl's WorkspaceUser `id` and `uid`). */
  const workspaceUserIds = new Map<string, number>();
  const workspaceUserId = (workspace: FakeTogglWorkspace, userId: number): number => {
    const key = `${workspace.id}/${userId}`;
    if (!workspaceUserIds.has(key)) workspaceUserIds.set(key, newId());
    return workspaceUserIds.get(key) as number;
  };
  /** A member as a WorkspaceUser: `id` the workspace user's own, `uid` the user's. */
  const workspaceUserJson = (workspace: FakeTogglWorkspace, uid: number) => {
    const member = state.users.find((item) => item.id === uid);
    return {
      id: workspaceUserId(workspace, uid),
      uid,
      wid: workspace.id,
      name: member?.fullname ?? '',
      email: member?.email ?? '',
      role: roleOf(workspace, uid),
      admin: workspace.admins.includes(uid),
      active: true,
      inactive: workspace.inactive?.includes(uid) === true,
      group_ids: (workspace.groups ?? []).filter((group) => group.members.includes(uid)).map((group) => group.id),
      rate: currentRate(workspace.id, 'workspace_user', workspaceUserId(workspace, uid), 'billable_rates'),
      labor_cost: currentRate(workspace.id, 'workspace_user', workspaceUserId(workspace, uid), 'labor_rates'),
      working_hours_in_minutes: member?.workingHoursInMinutes ?? null,
      timezone: member?.timezone ?? 'UTC',
      is_direct: true,
    };
  };
  /** The amount of the rate in force today at a level, of a type (the one without an end), or null. */
  const currentRate = (workspaceId: number, level: FakeTogglRate['level'], levelId: number, type: FakeTogglRate['type']): number | null =>
    state.rates.find((rate) => rate.workspaceId === workspaceId && rate.level === level && rate.levelId === levelId && rate.type === type && rate.end === null)
      ?.amount ?? null;
  /** A project user's own id (Toggl's ProjectUser `id`). */
  const projectUserId = (project: FakeTogglProject, uid: number) => project.id * 10 + (uid % 10);
  const projectJson = (project: FakeTogglProject, workspace: FakeTogglWorkspace, user: FakeTogglUser) => ({
    id: project.id,
    workspace_id: workspace.id,
    wid: workspace.id,
    client_id: project.clientId,
    cid: project.clientId,
    name: project.name,
    active: project.active,
    status: project.active ? 'active' : 'archived',
    is_private: project.isPrivate,
    billable: workspace.premium ? project.billable : null,
    can_track_time: sees(user, project),
    estimated_hours: workspace.business ? (project.estimatedHours ?? null) : null,
    estimated_seconds: workspace.business && project.estimatedHours ? project.estimatedHours * 3600 : null,
    rate: currentRate(workspace.id, 'project', project.id, 'billable_rates'),
    fixed_fee: null,
    start_date: project.startDate ?? '2026-01-01',
    end_date: project.endDate ?? null,
  });
  const taskJson = (task: FakeTogglTask, workspace: FakeTogglWorkspace) => ({
    id: task.id,
    name: task.name,
    project_id: task.projectId,
    workspace_id: workspace.id,
    active: task.active,
    estimated_seconds: task.estimatedSeconds ?? null,
  });
  const clientJson = (client: FakeTogglClient) => ({
    id: client.id,
    wid: client.workspaceId,
    name: client.name,
    archived: client.archived,
    notes: client.notes ?? null,
  });
  const sees = (user: FakeTogglUser, project: FakeTogglProject) => !project.isPrivate || project.members.includes(user.id);
  const isAdmin = (user: FakeTogglUser, workspace: FakeTogglWorkspace) => workspace.admins.includes(user.id);

  const respond = (method: string, url: URL, headers: Record<string, string | string[] | undefined>, body: string): Reply => {
    const user = userOf(typeof headers.authorization === 'string' ? headers.authorization : undefined);
    // A token Toggl does not take: 403 with nothing in the body.
    if (!user) return { status: 403, body: '', headers: {} };
    const path = url.pathname;
    const reportMatch = /^\/reports\/api\/v3\/workspace\/(\d+)\/search\/time_entries$/.exec(path);
    if (reportMatch) return detailedReport(user, Number(reportMatch[1]), method, body);
    if (!path.startsWith('/api/v9/')) return text(404, '404 page not found');
    const route = path.slice('/api/v9'.length);
    const workspaceMatch = /^\/workspaces\/(\d+)(\/.*)?$/.exec(route);
    const onUserQuota = route.startsWith('/me') && (settings.meEntriesOnUserQuota || !route.startsWith('/me/time_entries'));
    const organisation = workspaceMatch
      ? state.workspaces.find((item) => item.id === Number(workspaceMatch[1]))?.organizationId
      : state.workspaces.find((item) => item.id === user.defaultWorkspaceId)?.organizationId;
    const quota = onUserQuota
      ? spend(`user ${user.id}`, settings.quotas.user)
      : spend(`organisation ${organisation} user ${user.id}`, settings.quotas.organisation);
    if (quota.reply) return quota.reply;
    const ok = (value: unknown) => json(value, quota.headers);
    const fail = (status: number, message: string) => text(status, message, quota.headers);
    let sent: Record<string, unknown> = {};
    if (body.trim() !== '') {
      try {
        sent = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return fail(400, 'Invalid JSON input');
      }
    }

    if (method === 'GET' && route === '/me') {
      const me = {
        id: user.id,
        api_token: user.token,
        email: user.email,
        fullname: user.fullname,
        timezone: user.timezone,
        default_workspace_id: user.defaultWorkspaceId,
        beginning_of_week: 1,
        has_password: true,
        at: new Date(now()).toISOString(),
      };
      if (url.searchParams.get('with_related_data') === 'true') {
        return ok({ ...me, workspaces: state.workspaces.filter((item) => item.members.includes(user.id)).map((item) => workspaceJson(item, user)) });
      }
      return ok(me);
    }
    if (method === 'GET' && route === '/me/organizations') {
      // The organizations of the workspaces the person is in, each saying whether they administer or own it (swagger: admin, owner).
      const theirs = new Set(state.workspaces.filter((item) => item.members.includes(user.id)).map((item) => item.organizationId));
      return ok(
        state.organizations
          .filter((organization) => theirs.has(organization.id))
          .map((organization) => ({
            id: organization.id,
            name: organization.name,
            admin: organization.admins.includes(user.id),
            owner: organization.owner === user.id,
            at: new Date(now()).toISOString(),
          })),
      );
    }
    const invitationRoute = /^\/organizations\/(\d+)\/invitations$/.exec(route);
    if (method === 'POST' && invitationRoute) return invite(user, Number(invitationRoute[1]), sent, ok, fail);
    if (method === 'GET' && route === '/me/workspaces')
      return ok(state.workspaces.filter((item) => item.members.includes(user.id)).map((item) => workspaceJson(item, user)));
    if (method === 'GET' && route === '/me/time_entries/current') {
      const running = state.entries.find((entry) => entry.userId === user.id && entry.stop === null && entry.deletedAt === null);
      return ok(running ? entryJson(running, false) : null);
    }
    const byId = /^\/me\/time_entries\/(\d+)$/.exec(route);
    if (method === 'GET' && byId) {
      const entry = state.entries.find((item) => item.id === Number(byId[1]) && item.deletedAt === null);
      if (!entry || entry.userId !== user.id) return fail(404, 'Time entry not found');
      return ok(entryJson(entry, url.searchParams.get('meta') === 'true'));
    }
    if (method === 'GET' && route === '/me/time_entries') return listEntries(user, url, ok, fail);
    if (!workspaceMatch) return fail(404, '404 page not found');

    const workspace = state.workspaces.find((item) => item.id === Number(workspaceMatch[1]));
    if (!workspace || !workspace.members.includes(user.id)) return fail(403, 'User does not have access to this resource.');
    const rest = workspaceMatch[2] ?? '';
    if (method === 'GET' && rest === '') return ok(workspaceJson(workspace, user));
    if (method === 'GET' && rest === '/preferences') return ok({ hide_start_end_times: false, report_locked_at: workspace.lockedAt ?? '' });
    if (method === 'GET' && rest === '/clients') {
      const status = url.searchParams.get('status') ?? 'active';
      return ok(
        state.clients
          .filter((client) => client.workspaceId === workspace.id && (status === 'both' || client.archived === (status === 'archived')))
          .map(clientJson),
      );
    }
    if (method === 'GET' && rest === '/projects') {
      const active = url.searchParams.get('active') ?? 'true';
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 151), 200, settings.maxPerPage);
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
      const all = state.projects.filter(
        (project) =>
          project.workspaceId === workspace.id &&
          (active === 'both' || project.active === (active === 'true')) &&
          (sees(user, project) || isAdmin(user, workspace)),
      );
      return ok(all.slice((page - 1) * perPage, page * perPage).map((project) => ({ ...projectJson(project, workspace, user), total_count: all.length })));
    }
    if (method === 'GET' && rest === '/tasks') {
      // GUESS: tasks are a paid plan's; a Free workspace's list is refused as a feature it lacks.
      if (!workspace.premium) return fail(402, 'Workspace needs to have this feature enabled');
      const active = url.searchParams.get('active') ?? 'true';
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 50), 200, settings.maxPerPage);
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
      const all = state.tasks.filter((task) => task.workspaceId === workspace.id && (active === 'both' || task.active === (active === 'true')));
      return ok({
        data: all.slice((page - 1) * perPage, page * perPage).map((task) => taskJson(task, workspace)),
        page,
        per_page: perPage,
        sort_field: 'name',
        sort_order: 'ASC',
        total_count: all.length,
      });
    }
    if (method === 'GET' && rest === '/groups') {
      // The workspace's user groups (swagger models.Group). GUESS: an admin's list, 403 to anyone else in the words
      // the workspace users answer; who may read it is not documented.
      if (roleOf(workspace, user.id) !== 'admin') return fail(403, 'User does not have access to this resource.');
      return ok(
        (workspace.groups ?? []).map((group) => ({
          id: group.id,
          name: group.name,
          workspace_id: workspace.id,
          at: new Date(now()).toISOString(),
          has_users: group.members.length > 0,
          permissions: null,
        })),
      );
    }
    if (method === 'GET' && rest === '/users') {
      // The lighter list (SimpleWorkspaceUser: `id` the user's own, no working hours). GUESS: any member reads it, as
      // Toggl documents no role for it.
      return ok(
        workspace.members.map((uid) => {
          const member = state.users.find((item) => item.id === uid);
          const inactive = workspace.inactive?.includes(uid) === true;
          return { id: uid, fullname: member?.fullname ?? '', email: member?.email ?? '', role: roleOf(workspace, uid), inactive, is_active: !inactive };
        }),
      );
    }
    if (method === 'GET' && rest === '/workspace_users') {
      // Admins' (swagger); a Team Lead's as the switch says (GUESS); anyone else 403 in the words the swagger lists.
      const role = roleOf(workspace, user.id);
      if (role !== 'admin' && !(role === 'teamlead' && settings.teamLeadReadsWorkspaceUsers)) return fail(403, 'User does not have access to this resource.');
      return ok(workspace.members.map((uid) => workspaceUserJson(workspace, uid)));
    }
    const workspaceUserRoute = /^\/workspace_users\/(\d+)$/.exec(rest);
    if (method === 'PUT' && workspaceUserRoute) {
      // An admin's (swagger: workspace_user.Payload); by the workspace user's own id, never the user's.
      if (roleOf(workspace, user.id) !== 'admin') return fail(403, 'User does not have access to this resource.');
      const uid = workspace.members.find((member) => workspaceUserId(workspace, member) === Number(workspaceUserRoute[1]));
      if (uid === undefined) return fail(404, 'Workspace user not found');
      if ('role' in sent) {
        const role = sent.role;
        // GUESS: the words of a role Toggl does not know, and of a Lead role below Premium.
        if (role !== 'admin' && role !== 'user' && role !== 'projectlead' && role !== 'teamlead') return fail(400, 'Invalid role');
        if ((role === 'projectlead' || role === 'teamlead') && !workspace.business) return fail(402, 'Workspace needs to have this feature enabled');
        workspace.admins = workspace.admins.filter((id) => id !== uid);
        const roles = Object.fromEntries(Object.entries(workspace.roles ?? {}).filter(([id]) => Number(id) !== uid)) as Record<
          number,
          'projectlead' | 'teamlead'
        >;
        if (role === 'admin') workspace.admins.push(uid);
        else if (role !== 'user') roles[uid] = role;
        workspace.roles = roles;
      }
      if (typeof sent.inactive === 'boolean') {
        const inactive = (workspace.inactive ?? []).filter((id) => id !== uid);
        workspace.inactive = sent.inactive ? [...inactive, uid] : inactive;
      }
      return ok(workspaceUserJson(workspace, uid));
    }
    if (method === 'GET' && rest === '/project_users') {
      // GUESS: a member may list their own project users (user_id = their own); the whole list is admins'.
      const userId = url.searchParams.get('user_id');
      if (userId !== String(user.id) && roleOf(workspace, user.id) !== 'admin') return fail(403, 'User does not have access to this resource.');
      const wanted = userId === null ? undefined : Number(userId);
      const projectIds = url.searchParams.get('project_ids');
      const onProjects = projectIds === null ? undefined : new Set(projectIds.split(',').map(Number));
      return ok(
        state.projects
          .filter((project) => project.workspaceId === workspace.id && (onProjects === undefined || onProjects.has(project.id)))
          .flatMap((project) =>
            [...new Set([...project.members, ...(project.managers ?? [])])]
              .filter((uid) => wanted === undefined || uid === wanted)
              .map((uid) => ({
                id: projectUserId(project, uid),
                project_id: project.id,
                user_id: uid,
                workspace_id: workspace.id,
                manager: project.managers?.includes(uid) === true,
                rate: currentRate(workspace.id, 'project_user', projectUserId(project, uid), 'billable_rates'),
                labor_cost: currentRate(workspace.id, 'project_user', projectUserId(project, uid), 'labor_rates'),
                group_id: null,
              })),
          ),
      );
    }
    const projectRoute = /^\/projects\/(\d+)$/.exec(rest);
    if (method === 'GET' && projectRoute) {
      const project = state.projects.find((item) => item.id === Number(projectRoute[1]) && item.workspaceId === workspace.id);
      // GUESS: a private project the person may not see is answered as one that is not there.
      if (!project || !(sees(user, project) || roleOf(workspace, user.id) !== 'user' || project.managers?.includes(user.id)))
        return fail(404, 'Project not found');
      return ok({ ...projectJson(project, workspace, user), billable: project.billable });
    }
    if (rest === '/timesheet_setups' || rest === '/timesheets' || rest.startsWith('/timesheets/'))
      return approvals(user, workspace, method, rest, url, sent, ok, fail);
    const catalogWrite = catalogWrites(user, workspace, method, rest, sent, url, ok, fail, quota.headers);
    if (catalogWrite) return catalogWrite;
    if (method === 'POST' && rest === '/time_entries') return createEntry(user, workspace, sent, ok, fail);
    const entryRoute = /^\/time_entries\/(\d+)(\/stop)?$/.exec(rest);
    if (entryRoute) {
      const entry = state.entries.find((item) => item.id === Number(entryRoute[1]) && item.deletedAt === null && item.workspaceId === workspace.id);
      if (!entry) return fail(404, 'Time entry not found');
      if (entry.userId !== user.id) return fail(403, 'User does not have access to this resource.');
      if (method === 'PATCH' && entryRoute[2]) {
        if (entry.stop !== null) return fail(409, 'Time entry already stopped');
        entry.stop = Math.max(entry.start, Math.floor(now() / 1000) * 1000);
        return ok(entryJson(entry, false));
      }
      if (method === 'DELETE' && !entryRoute[2]) {
        if (locked(workspace, entry.start)) return fail(400, "Entries can't be added or edited in this period");
        if (periodLocked(workspace, user.id, entry.start)) return fail(400, 'Cannot change locked time entry.');
        entry.deletedAt = now();
        return { status: 200, body: '', headers: quota.headers };
      }
      if (method === 'PUT' && !entryRoute[2]) return updateEntry(user, workspace, entry, sent, ok, fail);
    }
    return fail(404, '404 page not found');
  };

  /** A day in a zone, YYYY-MM-DD. */
  const dateIn = (epochMs: number, zone: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(epochMs));

  /**
   * Reports API v3's detailed report (POST /reports/api/v3/workspace/{wid}/search/time_entries): finished entries only,
   * each day read in its creator's profile zone, the end date included; what the caller sees follows their role (an
   * admin or Team Lead everyone's, a project manager their projects', anyone their own); rows of entries alike (person,
   * project, task, description, billable, tags), `page_size` a page (50 by default), the next page announced by
   * X-Next-Row-Number (with X-Next-ID and X-Next-Timestamp) and asked for by first_row_number. On the organisation's quota.
   */
  function detailedReport(user: FakeTogglUser, workspaceId: number, method: string, body: string): Reply {
    const workspace = state.workspaces.find((item) => item.id === workspaceId);
    const quota = spend(`organisation ${workspace?.organizationId} user ${user.id}`, settings.quotas.organisation);
    if (quota.reply) return quota.reply;
    const fail = (status: number, message: string) => text(status, message, quota.headers);
    if (method !== 'POST') return fail(404, '404 page not found');
    if (!workspace || !workspace.members.includes(user.id)) return fail(403, 'Workspace not found/accessible');
    let sent: Record<string, unknown>;
    try {
      sent = JSON.parse(body === '' ? '{}' : body) as Record<string, unknown>;
    } catch {
      return fail(400, 'Invalid JSON input');
    }
    const isDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    // GUESS: the words of a missing date's 400.
    if (!isDate(sent.start_date) || !isDate(sent.end_date)) return fail(400, 'start_date and end_date are required');
    const ids = (value: unknown) => (Array.isArray(value) ? new Set(value.filter((item): item is number => typeof item === 'number')) : undefined);
    const userIds = ids(sent.user_ids);
    const projectIds = ids(sent.project_ids);
    const role = roleOf(workspace, user.id);
    const visible = (entry: FakeTogglEntry) =>
      role === 'admin' ||
      role === 'teamlead' ||
      entry.userId === user.id ||
      state.projects.some((project) => project.id === entry.projectId && project.managers?.includes(user.id));
    const zoneOf = (userId: number) => state.users.find((item) => item.id === userId)?.timezone ?? 'UTC';
    const nameOf = (userId: number) => state.users.find((item) => item.id === userId)?.fullname ?? '';
    const entries = state.entries.filter((entry) => {
      if (entry.workspaceId !== workspace.id || entry.deletedAt !== null || entry.stop === null || !visible(entry)) return false;
      if (userIds && userIds.size > 0 && !userIds.has(entry.userId)) return false;
      if (projectIds && projectIds.size > 0 && (entry.projectId === null || !projectIds.has(entry.projectId))) return false;
      const day = dateIn(entry.start, zoneOf(entry.userId));
      return day >= (sent.start_date as string) && day <= (sent.end_date as string);
    });
    const rows = new Map<string, FakeTogglEntry[]>();
    for (const entry of entries.sort((a, b) => a.start - b.start)) {
      const key = JSON.stringify([entry.userId, entry.projectId, entry.taskId, entry.description, entry.billable, entry.tags]);
      rows.set(key, [...(rows.get(key) ?? []), entry]);
    }
    const ordered = [...rows.values()];
    // GUESS: order_by 'user' orders rows by the user's name, then by their first start; any other by the first start.
    if (sent.order_by === 'user')
      ordered.sort((a, b) => nameOf(a[0]?.userId ?? 0).localeCompare(nameOf(b[0]?.userId ?? 0)) || (a[0]?.start ?? 0) - (b[0]?.start ?? 0));
    const pageSize = typeof sent.page_size === 'number' && sent.page_size > 0 ? sent.page_size : 50;
    const first = typeof sent.first_row_number === 'number' && sent.first_row_number > 0 ? sent.first_row_number : 1;
    const page = ordered.slice(first - 1, first - 1 + pageSize);
    const next = ordered[first - 1 + pageSize]?.[0];
    const nextHeaders: Record<string, string> = next
      ? { 'X-Next-Row-Number': String(first + pageSize), 'X-Next-ID': String(next.id), 'X-Next-Timestamp': String(Math.floor(next.start / 1000)) }
      : {};
    return json(
      page.map((row, index) => {
        const head = row[0] as FakeTogglEntry;
        return {
          user_id: head.userId,
          username: nameOf(head.userId),
          project_id: head.projectId,
          task_id: head.taskId,
          description: head.description,
          billable: head.billable,
          tag_ids: head.tags.map((name) => state.tags.find((tag) => tag.workspaceId === workspace.id && tag.name === name)?.id ?? 0),
          time_entries: row.map((entry) => ({
            id: entry.id,
            seconds: Math.round(((entry.stop as number) - entry.start) / 1000),
            start: togglUtc(entry.start),
            stop: togglUtc(entry.stop as number),
            at: new Date(now()).toISOString(),
          })),
          row_number: first + index,
        };
      }),
      { ...quota.headers, ...nextHeaders },
    );
  }

  const locked = (workspace: FakeTogglWorkspace, start: number) => workspace.lockedAt !== null && start < Date.parse(workspace.lockedAt);

  // Timesheet approvals (a Premium feature: every operation answers 402 "Approvals are a premium feature" below it).
  // A setup governs one member's periods (weeks stepped from its first day, or months from its day of the month); a
  // period's timesheet is stored once its status changes, and is open before. Who sees a timesheet: its member, its
  // approvers, a workspace admin. GUESS beyond the swagger: the status words and their transitions (a
  // reimplementation's reading: open, submitted, approved, rejected, reopened), which periods lock (periodLockedOn), the
  // list's bounds and form (the switches), the words of a refused transition ("Invalid timesheet transition", listed).

  const addDaysUtc = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const addMonthsUtc = (day: string, n: number) => {
    const [year, month, date] = day.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(year, month - 1 + n, date)).toISOString().slice(0, 10);
  };
  const periodStarts = (setup: FakeTogglSetup, until: string): string[] => {
    const starts: string[] = [];
    for (let index = 0, start = setup.startDate; start <= until && index < 5_000; index++) {
      if (setup.endDate && start > setup.endDate) break;
      starts.push(start);
      start = setup.periodicity === 'monthly' ? addMonthsUtc(setup.startDate, index + 1) : addDaysUtc(setup.startDate, 7 * (index + 1));
    }
    return starts;
  };
  const periodEndOf = (setup: FakeTogglSetup, start: string) =>
    setup.periodicity === 'monthly' ? addDaysUtc(addMonthsUtc(start, 1), -1) : addDaysUtc(start, 6);
  const storedTimesheet = (setup: FakeTogglSetup, start: string) => state.timesheets.find((item) => item.setupId === setup.id && item.startDate === start);
  const statusOfPeriod = (setup: FakeTogglSetup, start: string): FakeTimesheetStatus => storedTimesheet(setup, start)?.status ?? 'open';
  const isPeriodLocked = (status: FakeTimesheetStatus) => status === 'approved' || (status === 'submitted' && settings.periodLockedOn === 'submitted');
  /** Whether the user's time at `instant` lies in a period their setup keeps locked (dated in their profile's zone). */
  const periodLocked = (workspace: FakeTogglWorkspace, userId: number, instant: number): boolean => {
    const zone = state.users.find((item) => item.id === userId)?.timezone ?? 'UTC';
    const day = dateIn(instant, zone);
    return state.timesheetSetups.some(
      (setup) =>
        setup.workspaceId === workspace.id &&
        setup.memberId === userId &&
        periodStarts(setup, day).some((start) => start <= day && day <= periodEndOf(setup, start) && isPeriodLocked(statusOfPeriod(setup, start))),
    );
  };
  const nameOfUser = (userId: number | null) => (userId === null ? null : (state.users.find((item) => item.id === userId)?.fullname ?? null));
  const word = (status: FakeTimesheetStatus) => (settings.timesheetStatusCase === 'upper' ? status.toUpperCase() : status);
  const timesheetJson = (setup: FakeTogglSetup, start: string) => {
    const stored = storedTimesheet(setup, start);
    const status = stored?.status ?? 'open';
    const end = periodEndOf(setup, start);
    const approvers = setup.approverIds.map((id) => ({ user_id: id, name: nameOfUser(id) ?? '', active: true, deleted: false, avatar_url: '' }));
    return {
      timesheet_setup_id: setup.id,
      workspace_id: setup.workspaceId,
      member_id: setup.memberId,
      member_name: nameOfUser(setup.memberId) ?? '',
      approver_id: setup.approverIds[0] ?? null,
      approver_name: nameOfUser(setup.approverIds[0] ?? null) ?? '',
      approvers,
      approvers_layers: { '1': approvers },
      review_layer: 1,
      reviews: [],
      status: word(status),
      start_date: start,
      end_date: end,
      period_start: start,
      period_end: end,
      ...(settings.periodLockedSaid ? { period_locked: isPeriodLocked(status) } : {}),
      period_editable: !isPeriodLocked(status),
      periodicity: setup.periodicity,
      rejection_comment: stored?.rejectionComment ?? '',
      approved_or_rejected_id: stored?.decidedBy ?? null,
      approved_or_rejected_name: nameOfUser(stored?.decidedBy ?? null) ?? '',
      working_hours_in_minutes: 2_400,
      timezone: state.users.find((item) => item.id === setup.memberId)?.timezone ?? 'UTC',
      permissions: [],
    };
  };
  const setupJson = (setup: FakeTogglSetup) => ({
    id: setup.id,
    workspace_id: setup.workspaceId,
    member_id: setup.memberId,
    member_name: nameOfUser(setup.memberId) ?? '',
    approver_id: setup.approverIds[0] ?? null,
    approver_name: nameOfUser(setup.approverIds[0] ?? null) ?? '',
    approvers: setup.approverIds.map((id) => ({ user_id: id, name: nameOfUser(id) ?? '', active: true, deleted: false, avatar_url: '' })),
    periodicity: setup.periodicity,
    start_date: setup.startDate,
    end_date: setup.endDate ?? null,
    reminder_day: 5,
    reminder_time: '17:00',
    email_reminder_enabled: false,
    slack_reminder_enabled: false,
    permissions: [],
  });
  const idsOf = (value: string | null) =>
    value === null
      ? undefined
      : new Set(
          value
            .split(',')
            .map((item) => Number(item.trim()))
            .filter((item) => Number.isInteger(item)),
        );

  function approvals(
    user: FakeTogglUser,
    workspace: FakeTogglWorkspace,
    method: string,
    rest: string,
    url: URL,
    sent: Record<string, unknown>,
    ok: (value: unknown) => Reply,
    fail: (status: number, message: string) => Reply,
  ): Reply {
    if (!workspace.business) return fail(402, 'Approvals are a premium feature');
    const admin = roleOf(workspace, user.id) === 'admin';
    const involved = (setup: FakeTogglSetup) => admin || setup.memberId === user.id || setup.approverIds.includes(user.id);
    const members = idsOf(url.searchParams.get('member_ids'));
    const approvers = idsOf(url.searchParams.get('approver_ids'));
    const setupIds = idsOf(url.searchParams.get('timesheet_setup_ids'));
    const filtered = state.timesheetSetups.filter(
      (setup) =>
        setup.workspaceId === workspace.id &&
        involved(setup) &&
        (!members || members.has(setup.memberId)) &&
        (!approvers || setup.approverIds.some((id) => approvers.has(id))) &&
        (!setupIds || setupIds.has(setup.id)),
    );
    if (method === 'GET' && rest === '/timesheet_setups') return ok({ data: filtered.map(setupJson) });
    if (method === 'GET' && rest === '/timesheets') {
      const isDay = (value: string | null) => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);
      const after = url.searchParams.get('after');
      const before = url.searchParams.get('before');
      if ((after !== null && !isDay(after)) || (before !== null && !isDay(before))) return fail(400, 'Invalid date');
      const today = dateIn(now(), 'UTC');
      const inclusive = settings.timesheetBounds === 'inclusive';
      const fits = (start: string) =>
        (after === null || (inclusive ? start >= after : start > after)) && (before === null || (inclusive ? start <= before : start < before));
      const statuses = url.searchParams
        .get('statuses')
        ?.split(',')
        .map((item) => item.trim().toLowerCase());
      const all = filtered
        .flatMap((setup) =>
          periodStarts(setup, before ?? today)
            .filter(fits)
            .filter((start) => settings.openTimesheetsListed || storedTimesheet(setup, start) !== undefined)
            .filter((start) => !statuses || statuses.includes(statusOfPeriod(setup, start)))
            .map((start) => timesheetJson(setup, start)),
        )
        .sort((a, b) => a.start_date.localeCompare(b.start_date) || a.member_id - b.member_id);
      const asked = Number(url.searchParams.get('per_page') ?? 20);
      const perPage = Number.isInteger(asked) && asked > 0 && asked <= 1000 ? asked : 20;
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
      const data = all.slice((page - 1) * perPage, page * perPage);
      const paged = { data, page, per_page: perPage, total_count: all.length };
      if (settings.timesheetsListForm === 'pages') return ok([paged]);
      if (settings.timesheetsListForm === 'array') return ok(data);
      return ok(paged);
    }
    const one = /^\/timesheets\/(\d+)\/(\d{4}-\d{2}-\d{2})(\/time_entries)?$/.exec(rest);
    if (!one) return fail(404, '404 page not found');
    const setup = state.timesheetSetups.find((item) => item.id === Number(one[1]) && item.workspaceId === workspace.id);
    if (!setup || !involved(setup)) return fail(404, 'Timesheet setup not found');
    const start = one[2] as string;
    if (!periodStarts(setup, start).includes(start)) return fail(400, 'Invalid date');
    if (method === 'GET' && one[3]) {
      const end = periodEndOf(setup, start);
      const zone = state.users.find((item) => item.id === setup.memberId)?.timezone ?? 'UTC';
      return ok(
        state.entries
          .filter((entry) => entry.userId === setup.memberId && entry.workspaceId === workspace.id && entry.deletedAt === null)
          .filter((entry) => {
            const day = dateIn(entry.start, zone);
            return day >= start && day <= end;
          })
          .map((entry) => entryJson(entry, false)),
      );
    }
    if (method !== 'PUT' || one[3]) return fail(404, '404 page not found');
    const wanted = typeof sent.status === 'string' ? sent.status.trim().toLowerCase() : '';
    if (!['open', 'submitted', 'approved', 'rejected', 'reopened'].includes(wanted)) return fail(400, 'Invalid status');
    const status = wanted as FakeTimesheetStatus;
    if (typeof sent.rejection_comment === 'string' && sent.rejection_comment !== '' && status !== 'rejected')
      return fail(400, 'Invalid status for rejection comment');
    const from = statusOfPeriod(setup, start);
    const member = setup.memberId === user.id;
    const approver = setup.approverIds.includes(user.id) || admin;
    const moves: Record<FakeTimesheetStatus, FakeTimesheetStatus[]> = {
      open: member ? ['submitted'] : [],
      reopened: member ? ['submitted'] : [],
      rejected: member ? ['submitted'] : [],
      submitted: [...(member ? (['open'] as const) : []), ...(approver && !member ? (['approved', 'rejected'] as const) : [])],
      approved: approver && !member ? ['reopened'] : [],
    };
    if (!member && !approver) return fail(403, 'User does not have access to this resource');
    if (!moves[from].includes(status)) return fail(400, 'Invalid timesheet transition');
    const stored = storedTimesheet(setup, start) ?? { setupId: setup.id, startDate: start, status: 'open', rejectionComment: '', decidedBy: null };
    if (!state.timesheets.includes(stored)) state.timesheets.push(stored);
    stored.status = status;
    if (status === 'rejected') stored.rejectionComment = typeof sent.rejection_comment === 'string' ? sent.rejection_comment : '';
    if (status === 'submitted') stored.rejectionComment = '';
    if (status === 'approved' || status === 'rejected' || status === 'reopened') stored.decidedBy = user.id;
    return ok(timesheetJson(setup, start));
  }

  /**
   * A workspace admin's changes of the catalog and the rates (the swagger's operations; docs/back-ends/toggl.md,
   * "Administration"): clients, projects and tasks added and changed with only the fields sent (`active` archives a
   * project and marks a task done); a client's own archive (its projects too; Premium alone) and restore; rates added
   * from a day and read by level and type. Admins alone here: the fake's workspaces let only admins create projects and clients
   * (`only_admins_may_create_projects`), and a Team Lead "cannot … create, edit, or delete projects, edit billable
   * rates or labor costs, create, edit, or delete clients" (Toggl's forum copy of its help). Undefined: not a route of these.
   */
  /**
   * An organization's invitation (swagger invitation.Post): an organization admin's, else 403 (GUESS: the words, in the
   * form of the organization operations' "User is not authorized to …"); 400 in the swagger's words for no e-mail, no
   * workspace or an e-mail it cannot read. Answers `{data: [{email, invitation_id, organization_id, recipient_id,
   * sender_id}], messages}` (the fields as a client's model reads them; GUESS: `recipient_id` the user's id where the
   * e-mail has an account, else null).
   */
  function invite(
    user: FakeTogglUser,
    organizationId: number,
    sent: Record<string, unknown>,
    ok: (value: unknown) => Reply,
    fail: (status: number, message: string) => Reply,
  ): Reply {
    const organization = state.organizations.find((item) => item.id === organizationId);
    if (!organization || !(organization.admins.includes(user.id) || organization.owner === user.id))
      return fail(403, 'User is not authorized to invite users to the organization');
    const emails = Array.isArray(sent.emails) ? sent.emails : [];
    const workspaces = Array.isArray(sent.workspaces) ? (sent.workspaces as Array<{ workspace_id?: unknown; role?: unknown }>) : [];
    if (emails.length === 0) return fail(400, 'at least one email is required');
    if (workspaces.length === 0) return fail(400, 'at least one workspace is required');
    for (const email of emails)
      if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return fail(400, `Invalid e-mail: '${String(email)}'`);
    for (const wanted of workspaces) {
      const workspace = state.workspaces.find((item) => item.id === wanted.workspace_id && item.organizationId === organization.id);
      if (!workspace) return fail(400, 'Invalid workspace');
      const role = wanted.role ?? 'user';
      if (role !== 'admin' && role !== 'user' && role !== 'projectlead' && role !== 'teamlead') return fail(400, 'Invalid role');
      if ((role === 'projectlead' || role === 'teamlead') && !workspace.business) return fail(402, 'Workspace needs to have this feature enabled');
    }
    const data = (emails as string[]).flatMap((email) =>
      workspaces.map((wanted) => {
        const invitation: FakeTogglInvitation = {
          id: newId(),
          organizationId: organization.id,
          email,
          workspaceId: wanted.workspace_id as number,
          role: typeof wanted.role === 'string' ? wanted.role : 'user',
          senderId: user.id,
        };
        state.invitations.push(invitation);
        const recipient = state.users.find((item) => item.email.toLowerCase() === email.toLowerCase());
        return { email, invitation_id: invitation.id, organization_id: organization.id, recipient_id: recipient?.id ?? null, sender_id: user.id };
      }),
    );
    return ok({ data, messages: [] });
  }

  function catalogWrites(
    user: FakeTogglUser,
    workspace: FakeTogglWorkspace,
    method: string,
    rest: string,
    sent: Record<string, unknown>,
    url: URL,
    ok: (value: unknown) => Reply,
    fail: (status: number, message: string) => Reply,
    headers: Record<string, string>,
  ): Reply | undefined {
    const admin = roleOf(workspace, user.id) === 'admin';
    const created = (value: unknown): Reply => ({ ...ok(value), status: 201 });
    const name = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
    const clientRoute = /^\/clients\/(\d+)(\/archive|\/restore)?$/.exec(rest);
    const projectRoute = /^\/projects\/(\d+)$/.exec(rest);
    const tasksRoute = /^\/projects\/(\d+)\/tasks(?:\/(\d+))?$/.exec(rest);
    const ratesRoute = /^\/rates\/([a-z_]+)\/(\d+)$/.exec(rest);
    const writes =
      (method === 'POST' && (rest === '/clients' || rest === '/projects' || rest === '/rates')) ||
      (method !== 'GET' && (clientRoute || projectRoute || tasksRoute));
    if (!writes && !(method === 'GET' && ratesRoute)) return undefined;

    if (rest === '/rates' || ratesRoute) {
      // Rates: an admin's to change; a Team Lead reads them ("can view … Billable Rates, Labor Costs"). A paid plan's.
      const role = roleOf(workspace, user.id);
      if (!admin && !(method === 'GET' && role === 'teamlead')) return fail(403, 'User cannot access billable rate(s).');
      if (!workspace.premium) return fail(402, 'Billable rates are available for Starter and higher plans.');
      if (ratesRoute) {
        const [, level, levelId] = ratesRoute;
        // The GET's levels (its path's) and types; the labor rates are `labor_costs` there.
        if (!['workspace', 'project', 'task', 'user'].includes(level as string)) return fail(400, 'Invalid level');
        const type = url.searchParams.get('type');
        if (type !== 'billable_rates' && type !== 'labor_costs') return fail(400, 'Invalid type');
        const stored = type === 'labor_costs' ? 'labor_rates' : 'billable_rates';
        return ok(
          state.rates
            .filter((rate) => rate.workspaceId === workspace.id && rate.level === level && rate.levelId === Number(levelId) && rate.type === stored)
            .map(rateJson),
        );
      }
      const { level, level_id: levelId, type, amount, mode, start } = sent;
      // GUESS: the words of each 400 (the swagger names the fields, not its refusals).
      if (typeof amount !== 'number' || !(amount > 0)) return fail(400, 'Amount must be greater than 0');
      if (typeof level !== 'string' || !['workspace', 'workspace_user', 'project', 'project_user', 'task'].includes(level)) return fail(400, 'Invalid level');
      if (typeof levelId !== 'number') return fail(400, 'Invalid level_id');
      if (type !== 'billable_rates' && type !== 'labor_rates') return fail(400, 'Invalid type');
      if (mode === undefined && start === undefined) return fail(400, 'Mode is required if start is not informed');
      if (mode !== undefined && mode !== 'start-today' && mode !== 'override-current' && mode !== 'override-all') return fail(400, 'Invalid mode');
      const today = new Date(now()).toISOString().slice(0, 10);
      const yesterday = new Date(now() - 86_400_000).toISOString().slice(0, 10);
      const same = (rate: FakeTogglRate) => rate.workspaceId === workspace.id && rate.level === level && rate.levelId === levelId && rate.type === type;
      if (mode === 'override-all') state.rates = state.rates.filter((rate) => !same(rate));
      else if (mode === 'override-current') state.rates = state.rates.filter((rate) => !(same(rate) && rate.end === null));
      else for (const rate of state.rates) if (same(rate) && rate.end === null) rate.end = yesterday;
      const rate: FakeTogglRate = {
        id: newId(),
        workspaceId: workspace.id,
        level: level as FakeTogglRate['level'],
        levelId,
        type,
        amount,
        start: today,
        end: null,
      };
      state.rates.push(rate);
      return created(rateJson(rate));
    }

    if (!admin) return fail(403, 'Only admins may create projects in this workspace');
    if (method === 'POST' && rest === '/clients') {
      if (name(sent.name) === '') return fail(400, 'Client name cannot be empty');
      const client: FakeTogglClient = { id: newId(), workspaceId: workspace.id, name: name(sent.name), archived: false, notes: null };
      state.clients.push(client);
      return ok(clientJson(client));
    }
    if (clientRoute) {
      const client = state.clients.find((item) => item.id === Number(clientRoute[1]) && item.workspaceId === workspace.id);
      if (!client) return fail(404, 'Client not found');
      if (method === 'PUT' && !clientRoute[2]) {
        if ('name' in sent && name(sent.name) === '') return fail(400, 'Client name cannot be empty');
        if ('name' in sent) client.name = name(sent.name);
        if ('notes' in sent) client.notes = typeof sent.notes === 'string' ? sent.notes : null;
        return ok(clientJson(client));
      }
      if (method === 'POST' && clientRoute[2]) {
        if (!workspace.business) return fail(settings.clientArchiveBelowPremium, 'Only for premium workspaces');
        const theirs = state.projects.filter((project) => project.clientId === client.id);
        if (clientRoute[2] === '/archive') {
          client.archived = true;
          const archived = theirs.filter((project) => project.active).map((project) => project.id);
          for (const project of theirs) project.active = false;
          return ok(archived);
        }
        client.archived = false;
        const restore = Array.isArray(sent.projects) ? new Set(sent.projects) : new Set();
        for (const project of theirs) if (sent.restore_all_projects === true || restore.has(project.id)) project.active = true;
        return ok(clientJson(client));
      }
    }
    const fields = (project: FakeTogglProject): Reply | undefined => {
      if ('billable' in sent && !workspace.premium) return fail(402, 'Billable is a premium feature');
      if ('estimated_hours' in sent && sent.estimated_hours !== null) {
        // GUESS: what a plan without estimates answers ("do not include fields that aren't available for current workspace subscription level").
        if (!workspace.business) return fail(402, 'Workspace needs to have this feature enabled');
        if (typeof sent.estimated_hours !== 'number' || !Number.isInteger(sent.estimated_hours)) return fail(400, 'estimated_hours must be an integer');
      }
      if (
        'client_id' in sent &&
        sent.client_id !== null &&
        !state.clients.some((client) => client.id === sent.client_id && client.workspaceId === workspace.id)
      )
        return fail(400, 'Client with the ID was not found');
      if ('name' in sent) project.name = name(sent.name);
      if (typeof sent.active === 'boolean') project.active = sent.active;
      if (typeof sent.is_private === 'boolean') project.isPrivate = sent.is_private;
      if (typeof sent.billable === 'boolean') project.billable = sent.billable;
      if ('client_id' in sent) project.clientId = typeof sent.client_id === 'number' ? sent.client_id : null;
      if ('estimated_hours' in sent) project.estimatedHours = typeof sent.estimated_hours === 'number' ? sent.estimated_hours : null;
      if (typeof sent.start_date === 'string') project.startDate = sent.start_date;
      if ('end_date' in sent) project.endDate = typeof sent.end_date === 'string' ? sent.end_date : null;
      return undefined;
    };
    if (method === 'POST' && rest === '/projects') {
      if (name(sent.name) === '') return fail(400, 'Project name must not be empty');
      const project: FakeTogglProject = {
        id: newId(),
        workspaceId: workspace.id,
        clientId: null,
        name: name(sent.name),
        active: true,
        isPrivate: settings.projectsPrivateByDefault,
        billable: false,
        members: [user.id],
        managers: [user.id],
      };
      const refused = fields(project);
      if (refused) return refused;
      state.projects.push(project);
      return ok(projectJson(project, workspace, user));
    }
    if (projectRoute && method === 'PUT') {
      const project = state.projects.find((item) => item.id === Number(projectRoute[1]) && item.workspaceId === workspace.id);
      if (!project) return fail(404, 'Project not found');
      return fields(project) ?? ok(projectJson(project, workspace, user));
    }
    if (tasksRoute) {
      const project = state.projects.find((item) => item.id === Number(tasksRoute[1]) && item.workspaceId === workspace.id);
      if (!project) return fail(404, 'Project not found');
      // GUESS: tasks are a paid plan's, refused on Free as their list is.
      if (!workspace.premium) return fail(402, 'Workspace needs to have this feature enabled');
      if (!project.active) return fail(400, 'Can not change tasks of archived project');
      if ('estimated_seconds' in sent && sent.estimated_seconds !== null && !workspace.business)
        return fail(402, 'Workspace needs to have this feature enabled');
      if (method === 'POST' && !tasksRoute[2]) {
        if (name(sent.name) === '') return fail(400, 'Task name must not be empty');
        const task: FakeTogglTask = {
          id: newId(),
          workspaceId: workspace.id,
          projectId: project.id,
          name: name(sent.name),
          active: true,
          estimatedSeconds: null,
        };
        state.tasks.push(task);
        return ok(taskJson(task, workspace));
      }
      const task = state.tasks.find((item) => item.id === Number(tasksRoute[2]) && item.projectId === project.id);
      if (method === 'PUT' && tasksRoute[2]) {
        if (!task) return fail(404, 'Task not found');
        if ('name' in sent) task.name = name(sent.name);
        if (typeof sent.active === 'boolean') task.active = sent.active;
        if ('estimated_seconds' in sent) task.estimatedSeconds = typeof sent.estimated_seconds === 'number' ? sent.estimated_seconds : null;
        return ok(taskJson(task, workspace));
      }
    }
    return { ...fail(404, '404 page not found'), headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } };
  }

  const rateJson = (rate: FakeTogglRate) => ({
    id: rate.id,
    amount: rate.amount,
    start: `${rate.start}T00:00:00Z`,
    end: rate.end === null ? null : `${rate.end}T23:59:59Z`,
    workspace_id: rate.workspaceId,
    workspace_user_id: rate.level === 'workspace_user' ? rate.levelId : null,
    project_id: rate.level === 'project' ? rate.levelId : null,
    project_user_id: rate.level === 'project_user' ? rate.levelId : null,
    planned_task_id: rate.level === 'task' ? rate.levelId : null,
  });

  function listEntries(user: FakeTogglUser, url: URL, ok: (value: unknown) => Reply, fail: (status: number, message: string) => Reply): Reply {
    const startDate = url.searchParams.get('start_date');
    const endDate = url.searchParams.get('end_date');
    if ((startDate === null) !== (endDate === null)) return fail(400, 'Both start_date and end_date must be provided');
    const read = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value));
    const from = startDate === null ? now() - 9 * 86_400_000 : read(startDate);
    const to = endDate === null ? Number.POSITIVE_INFINITY : read(endDate);
    if (Number.isNaN(from) || Number.isNaN(to)) return fail(400, 'Invalid start_date or end_date');
    if (settings.entriesReachDays !== null) {
      const earliest = new Date(now() - settings.entriesReachDays * 86_400_000).toISOString().slice(0, 10);
      if (from < Date.parse(`${earliest}T00:00:00Z`)) return fail(400, `start_date must not be earlier than ${earliest}`);
    }
    const meta = url.searchParams.get('meta') === 'true';
    return ok(
      state.entries
        .filter((entry) => entry.userId === user.id && entry.deletedAt === null && entry.start >= from && entry.start < to)
        .sort((a, b) => b.start - a.start)
        .map((entry) => entryJson(entry, meta)),
    );
  }

  /** The project and task a write names, or Toggl's refusal of them. */
  function booking(user: FakeTogglUser, workspace: FakeTogglWorkspace, projectId: unknown, taskId: unknown): string | undefined {
    if (projectId !== null && projectId !== undefined) {
      const project = state.projects.find((item) => item.id === projectId && item.workspaceId === workspace.id);
      // GUESS: an archived project is refused like one the person may not reach.
      if (!project || !project.active || !sees(user, project)) return 'User cannot access the selected project';
    }
    if (taskId !== null && taskId !== undefined) {
      const task = state.tasks.find((item) => item.id === taskId && item.workspaceId === workspace.id);
      if (!task || task.projectId !== projectId || !task.active) return 'User cannot access selected task';
    }
    return undefined;
  }

  /** Names of tags for the entry: made where missing, unless only admins make tags here. */
  function tagsFor(user: FakeTogglUser, workspace: FakeTogglWorkspace, names: unknown): string[] | 'refused' {
    if (!Array.isArray(names)) return [];
    for (const name of names) {
      if (typeof name !== 'string') continue;
      if (state.tags.some((tag) => tag.workspaceId === workspace.id && tag.name === name)) continue;
      if (workspace.onlyAdminsMayCreateTags && !isAdmin(user, workspace)) return 'refused';
      state.tags.push({ id: newId(), workspaceId: workspace.id, name });
    }
    return names.filter((name): name is string => typeof name === 'string');
  }

  function constraintsBroken(workspace: FakeTogglWorkspace, entry: Pick<FakeTogglEntry, 'description' | 'projectId' | 'taskId' | 'tags'>): string | undefined {
    const required = workspace.constraints;
    // GUESS: the words of a required field's refusal.
    if (required?.project && entry.projectId === null) return 'Project is required';
    if (required?.task && entry.taskId === null) return 'Task is required';
    if (required?.description && entry.description.trim() === '') return 'Description is required';
    if (required?.tag && entry.tags.length === 0) return 'Tag is required';
    return undefined;
  }

  function createEntry(
    user: FakeTogglUser,
    workspace: FakeTogglWorkspace,
    sent: Record<string, unknown>,
    ok: (value: unknown) => Reply,
    fail: (status: number, message: string) => Reply,
  ): Reply {
    if (typeof sent.created_with !== 'string' || sent.created_with === '') return fail(400, 'created_with needs to be provided an a valid string');
    if (sent.workspace_id !== workspace.id) return fail(400, 'Workspace ID mismatch');
    const start = typeof sent.start === 'string' ? Date.parse(sent.start) : Number.NaN;
    if (Number.isNaN(start)) return fail(400, 'Invalid start date');
    const duration = typeof sent.duration === 'number' ? sent.duration : undefined;
    const stopSent = typeof sent.stop === 'string' ? Date.parse(sent.stop) : undefined;
    if (stopSent !== undefined && Number.isNaN(stopSent)) return fail(400, 'Invalid stop date');
    const running = (duration !== undefined && duration < 0) || (duration === undefined && stopSent === undefined);
    const stop = running ? null : (stopSent ?? start + (duration ?? 0) * 1000);
    if (stop !== null && duration !== undefined && stopSent !== undefined && Math.round((stopSent - start) / 1000) !== duration)
      return fail(400, 'Stop and duration do not match');
    if (stop !== null && stop < start) return fail(400, 'Stop time must be after start time');
    if (sent.billable === true && !workspace.premium) return fail(402, 'Billable is a premium feature');
    const refused = booking(user, workspace, sent.project_id ?? null, sent.task_id ?? null);
    if (refused) return fail(403, refused);
    if (locked(workspace, start)) return fail(400, "Entries can't be added or edited in this period");
    if (periodLocked(workspace, user.id, start)) return fail(400, 'Cannot change locked time entry.');
    const tags = tagsFor(user, workspace, sent.tags);
    if (tags === 'refused') return fail(403, 'Only organization or workspace administrators may manage tags in this workspace.');
    const entry: FakeTogglEntry = {
      id: newId(),
      workspaceId: workspace.id,
      userId: user.id,
      projectId: typeof sent.project_id === 'number' ? sent.project_id : null,
      taskId: typeof sent.task_id === 'number' ? sent.task_id : null,
      description: typeof sent.description === 'string' ? sent.description : '',
      start,
      stop,
      billable: sent.billable === true,
      tags,
      createdWith: sent.created_with,
      deletedAt: null,
    };
    const broken = constraintsBroken(workspace, entry);
    if (broken) return fail(400, broken);
    if (running) {
      // One running entry per person across every workspace: a new one stops the old one now.
      for (const other of state.entries)
        if (other.userId === user.id && other.stop === null && other.deletedAt === null) other.stop = Math.max(other.start, now());
    }
    state.entries.push(entry);
    return ok(entryJson(entry, false));
  }

  function updateEntry(
    user: FakeTogglUser,
    workspace: FakeTogglWorkspace,
    entry: FakeTogglEntry,
    sent: Record<string, unknown>,
    ok: (value: unknown) => Reply,
    fail: (status: number, message: string) => Reply,
  ): Reply {
    const start = typeof sent.start === 'string' ? Date.parse(sent.start) : entry.start;
    if (Number.isNaN(start)) return fail(400, 'Invalid start date');
    let stop = entry.stop;
    if (typeof sent.stop === 'string') stop = Date.parse(sent.stop);
    else if (typeof sent.duration === 'number' && sent.duration >= 0) stop = start + sent.duration * 1000;
    else if (entry.stop !== null && sent.start !== undefined) stop = start + (entry.stop - entry.start);
    if (stop !== null && Number.isNaN(stop)) return fail(400, 'Invalid stop date');
    if (typeof sent.stop === 'string' && typeof sent.duration === 'number' && Math.round(((stop ?? 0) - start) / 1000) !== sent.duration)
      return fail(400, 'Stop and duration do not match');
    if (stop !== null && stop < start) return fail(400, 'Stop time must be after start time');
    if (locked(workspace, entry.start) || locked(workspace, start)) return fail(400, "Entries can't be added or edited in this period");
    if (periodLocked(workspace, user.id, entry.start) || periodLocked(workspace, user.id, start)) return fail(400, 'Cannot change locked time entry.');
    const projectId = 'project_id' in sent ? ((sent.project_id as number | null) ?? null) : entry.projectId;
    const taskId = 'task_id' in sent ? ((sent.task_id as number | null) ?? null) : entry.taskId;
    if ('project_id' in sent || 'task_id' in sent) {
      const refused = booking(user, workspace, projectId, taskId);
      if (refused) return fail(403, refused);
    }
    if (sent.billable === true && !workspace.premium) return fail(402, 'Billable is a premium feature');
    const changed = {
      description: typeof sent.description === 'string' ? sent.description : entry.description,
      projectId,
      taskId,
      tags: entry.tags,
    };
    const broken = constraintsBroken(workspace, changed);
    if (broken) return fail(400, broken);
    Object.assign(entry, changed, { start, stop, ...(typeof sent.billable === 'boolean' ? { billable: sent.billable } : {}) });
    return ok(entryJson(entry, false));
  }

  const server = await startFakeServer<RecordedRequest>({
    requests,
    record: (common) => common,
    respond: (method, url, headers, body) => respond(method, url, headers, body),
    failures,
  });
  return {
    url: server.url,
    state,
    options: settings,
    requests,
    failures,
    failNext: (match, failure) => failures.add(match, failure),
    counted,
    close: () => server.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// A seeded world: Ada, a member of the Starter workspace Acme (her default), with its client, projects and tasks.

export const ADA_TOKEN = '1971800d4d82861d8f2c1651fea4d212';
export const BOB_TOKEN = '8ef2bb3c3d5b4a1e9f0a7c6d5e4f3a2b';

export const SEED = {
  organisation: 700_001,
  workspaces: { acme: 4_567_890, side: 4_567_891 },
  users: { ada: 9_100_001, bob: 9_100_002 },
} as const;

export function seedWorld(fake: FakeToggl): void {
  const { state } = fake;
  state.users.push(
    {
      id: SEED.users.ada,
      email: 'ada@acme.example',
      fullname: 'Ada Lovelace',
      timezone: 'Europe/Berlin',
      token: ADA_TOKEN,
      defaultWorkspaceId: SEED.workspaces.acme,
    },
    {
      id: SEED.users.bob,
      email: 'bob@acme.example',
      fullname: 'Bob Builder',
      timezone: 'Europe/Berlin',
      token: BOB_TOKEN,
      defaultWorkspaceId: SEED.workspaces.acme,
    },
  );
  const workspace = (id: number, name: string): FakeTogglWorkspace => ({
    id,
    organizationId: SEED.organisation,
    name,
    premium: true,
    business: false,
    members: [SEED.users.ada, SEED.users.bob],
    admins: [SEED.users.bob],
    onlyAdminsMayCreateTags: false,
    constraints: null,
    lockedAt: null,
  });
  state.workspaces.push(workspace(SEED.workspaces.acme, 'Acme'), workspace(SEED.workspaces.side, 'Side projects'));
  // Bob owns and administers the organization; Ada is its member.
  state.organizations.push({ id: SEED.organisation, name: 'Acme Inc', admins: [SEED.users.bob], owner: SEED.users.bob });
}

/** Adds the world's catalog to Acme: the client, projects with a task each, and returns the ids by name. */
export function seedCatalog(
  fake: FakeToggl,
  catalog: { customer: string; projects: Array<{ name: string; active?: boolean; isPrivate?: boolean; members?: number[] }>; task: string },
): Record<string, number> {
  const ids: Record<string, number> = {};
  const workspaceId = SEED.workspaces.acme;
  const client = { id: newId(), workspaceId, name: catalog.customer, archived: false };
  fake.state.clients.push(client);
  ids[catalog.customer] = client.id;
  for (const item of catalog.projects) {
    const project = {
      id: newId(),
      workspaceId,
      clientId: client.id,
      name: item.name,
      active: item.active ?? true,
      isPrivate: item.isPrivate ?? false,
      billable: true,
      members: item.members ?? [],
    };
    fake.state.projects.push(project);
    ids[item.name] = project.id;
    const task = { id: newId(), workspaceId, projectId: project.id, name: catalog.task, active: true };
    fake.state.tasks.push(task);
    ids[`${item.name}/${catalog.task}`] = task.id;
  }
  return ids;
}

export function addEntry(fake: FakeToggl, entry: Partial<FakeTogglEntry> & Pick<FakeTogglEntry, 'userId' | 'start'>): FakeTogglEntry {
  const full: FakeTogglEntry = {
    id: newId(),
    workspaceId: SEED.workspaces.acme,
    projectId: null,
    taskId: null,
    description: '',
    stop: null,
    billable: false,
    tags: [],
    createdWith: 'Toggl Track',
    deletedAt: null,
    ...entry,
  };
  fake.state.entries.push(full);
  return full;
}

/** A timesheet setup in Acme (Premium's approvals): `memberId`'s periods, weekly from `startDate` unless said, decided by `approverIds`. */
export function addSetup(fake: FakeToggl, setup: Partial<FakeTogglSetup> & Pick<FakeTogglSetup, 'memberId' | 'approverIds'>): FakeTogglSetup {
  const full: FakeTogglSetup = { id: newId(), workspaceId: SEED.workspaces.acme, periodicity: 'weekly', startDate: '2026-01-05', endDate: null, ...setup };
  fake.state.timesheetSetups.push(full);
  return full;
}
