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
// the 402's body and headers, a JSON-quoted error body, the running entry's duration in the older form).
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
}

export interface FakeTogglTask {
  id: number;
  workspaceId: number;
  projectId: number;
  name: string;
  active: boolean;
}

export interface FakeTogglClient {
  id: number;
  workspaceId: number;
  name: string;
  archived: boolean;
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

export interface FakeTogglState {
  users: FakeTogglUser[];
  workspaces: FakeTogglWorkspace[];
  projects: FakeTogglProject[];
  tasks: FakeTogglTask[];
  clients: FakeTogglClient[];
  tags: FakeTogglTag[];
  entries: FakeTogglEntry[];
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
  };
  const state: FakeTogglState = { users: [], workspaces: [], projects: [], tasks: [], clients: [], tags: [], entries: [] };
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
    role: workspace.admins.includes(user.id) ? 'admin' : 'user',
    only_admins_may_create_projects: true,
    only_admins_may_create_tags: workspace.onlyAdminsMayCreateTags,
    projects_billable_by_default: true,
    working_hours_in_minutes: null,
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

  const sees = (user: FakeTogglUser, project: FakeTogglProject) => !project.isPrivate || project.members.includes(user.id);
  const isAdmin = (user: FakeTogglUser, workspace: FakeTogglWorkspace) => workspace.admins.includes(user.id);

  const respond = (method: string, url: URL, headers: Record<string, string | string[] | undefined>, body: string): Reply => {
    const user = userOf(typeof headers.authorization === 'string' ? headers.authorization : undefined);
    // A token Toggl does not take: 403 with nothing in the body.
    if (!user) return { status: 403, body: '', headers: {} };
    const path = url.pathname;
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
          .map((client) => ({ id: client.id, wid: workspace.id, name: client.name, archived: client.archived })),
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
      return ok(
        all.slice((page - 1) * perPage, page * perPage).map((project) => ({
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
          total_count: all.length,
        })),
      );
    }
    if (method === 'GET' && rest === '/tasks') {
      // GUESS: tasks are a paid plan's; a Free workspace's list is refused as a feature it lacks.
      if (!workspace.premium) return fail(402, 'Workspace needs to have this feature enabled');
      const active = url.searchParams.get('active') ?? 'true';
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 50), 200, settings.maxPerPage);
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
      const all = state.tasks.filter((task) => task.workspaceId === workspace.id && (active === 'both' || task.active === (active === 'true')));
      return ok({
        data: all
          .slice((page - 1) * perPage, page * perPage)
          .map((task) => ({ id: task.id, name: task.name, project_id: task.projectId, workspace_id: workspace.id, active: task.active })),
        page,
        per_page: perPage,
        sort_field: 'name',
        sort_order: 'ASC',
        total_count: all.length,
      });
    }
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
        entry.deletedAt = now();
        return { status: 200, body: '', headers: quota.headers };
      }
      if (method === 'PUT' && !entryRoute[2]) return updateEntry(user, workspace, entry, sent, ok, fail);
    }
    return fail(404, '404 page not found');
  };

  const locked = (workspace: FakeTogglWorkspace, start: number) => workspace.lockedAt !== null && start < Date.parse(workspace.lockedAt);

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
