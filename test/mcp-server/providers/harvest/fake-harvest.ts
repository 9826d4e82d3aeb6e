// A fake Harvest API v2 on loopback that follows docs/back-ends/harvest.md (Harvest's API pages and JoliCode's
// machine copy of them): every request needs a bearer token, the account in `Harvest-Account-Id` and a User-Agent (a
// 400 without one); a refused token or account is the 401 OAuth body; lists are paged by cursor links
// (`links.next`) that keep the request's filters, at most 2000 a page (more is a 422); 100 requests in 15 seconds per
// token, past which a 429 with Retry-After; the person, the company (durations or start and end times), the person's
// project assignments, and time entries with Harvest's own stop and restart, one timer per person, locks, and what a
// member may not see. Harvest ID's list of a token's accounts is served here too (`/api/v2/accounts`), as the
// back end asks it on this computer's server where the API is one.
//
// Where the facts are unknown the fake answers each plausible way, switchable (`FakeHarvestOptions`): the bodies of a
// 403, 404 and 429 (JSON or plain text), a member's request for a colleague's entry (403 or 404), and what a restart
// does on a timestamp account (a new entry, as the documentation's example, or the same one).
//
// What it is not: a database. State lives in plain arrays on `state`, which tests may seed and read.
import { addDays, formatLocalTime, localDate, localDateTimeToEpoch } from '../../../../mcp-server/domain/time.ts';
import { type Failure, Failures, type RecordedRequest as CommonRecordedRequest, type Reply, startFakeServer } from '../../../support/fake-server.ts';
import { type AdminState, adminRoute, type FakeInvoice, type FakeRate, rolesOf, seesEntry } from './fake-harvest-admin.ts';
import { answeredAs, type OptionalAnswer } from '../../../support/optional-answers.ts';

export type { Failure };

export interface FakeUser {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  /** Harvest's own zone name ("Berlin") or an IANA one. */
  timezone: string;
  /** IANA zone the fake reads wall-clock times in (Harvest's name mapped). */
  zone: string;
  /** Seconds a week. */
  weekly_capacity: number;
  access_roles: string[];
  token: string;
  /** The accounts the token reaches: Harvest's, and Forecast's where `product` says so. */
  accounts: number[];
  /** False once archived (PATCH is_active false). */
  is_active?: boolean;
}

export interface FakeAccount {
  id: number;
  name: string;
  product: 'harvest' | 'forecast';
  wants_timestamp_timers: boolean;
  clock: '12h' | '24h';
  weekly_capacity: number;
  /** The company's approval and invoice modules (GET /v2/company); on unless set false. */
  approval_feature?: boolean;
  invoice_feature?: boolean;
}

export interface FakeProject {
  id: number;
  accountId: number;
  name: string;
  clientId: number;
  isActive: boolean;
  isBillable?: boolean;
  billBy?: string;
  /** Harvest's budget_by: project, project_cost, task, task_fees, person, none. */
  budgetBy?: string;
  budget?: number | null;
  costBudget?: number | null;
  budgetIsMonthly?: boolean;
  notes?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  hourlyRate?: number | null;
}

export interface FakeTaskAssignment {
  id: number;
  taskId: number;
  isActive: boolean;
  billable: boolean;
  hourlyRate?: number | null;
}

export interface FakeAssignment {
  id: number;
  userId: number;
  projectId: number;
  isActive: boolean;
  /** The person manages the project (is_project_manager): a manager sees its time and may edit it with the right permissions. */
  isProjectManager?: boolean;
  useDefaultRates?: boolean;
  hourlyRate?: number | null;
  tasks: FakeTaskAssignment[];
}

export interface FakeEntry {
  id: number;
  accountId: number;
  userId: number;
  spentDate: string;
  projectId: number;
  taskId: number;
  notes: string | null;
  /** Hours tracked before the timer last started (duration accounts), or all of them once stopped. */
  hours: number;
  /** When the running timer started (ms), null when stopped. */
  timerStartedAt: number | null;
  /** 'HH:MM' on timestamp accounts; null on duration accounts. */
  startedTime: string | null;
  endedTime: string | null;
  isLocked: boolean;
  lockedReason: string | null;
  approvalStatus: 'unsubmitted' | 'submitted' | 'approved';
  createdAt: number;
  updatedAt: number;
}

/** A request as the fake saw it, with its headers in lower case. */
export interface RecordedRequest extends CommonRecordedRequest {
  headers: Record<string, string | undefined>;
}

export interface FakeHarvestOptions {
  now?: () => number;
  /** The bodies of the errors Harvest does not document (403, 404, 429): JSON `{message}` (default) or plain text. */
  errorBodies?: 'json' | 'text';
  /**
   * What a member's request for a colleague's entry answers, undocumented in v2: 403 (default: v2 lists 403 for what
   * the token's user may not do) or 404 (v1 answered 404 for what a person could not see in the web app).
   */
  colleagueEntry?: 403 | 404;
  /** What a restart does on a timestamp account: a new entry (the documentation's example, default) or the same one. */
  restartOnTimestamps?: 'new_entry' | 'same_entry';
  /** The most items a page holds whatever `per_page` asks, as a server may keep a size of its own. */
  pageCap?: number;
  /** The host a `links.next` names instead of the fake's own (a hostile or broken answer). */
  nextLinkOrigin?: string;
  /** Requests a token may make in 15 seconds (Harvest's 100). */
  ratePer15s?: number;
  /**
   * Whom a manager's GET /v2/users lists, undocumented beyond "a manager with assigned teammates": her teammates
   * (default) or also everyone on the projects she manages, herself either way; or nobody, answered 403 (`forbidden`)
   * or a JSON 404 (`not_found`), as a route not hers.
   */
  managerUsers?: 'teammates' | 'project_people' | 'forbidden' | 'not_found';
}

export interface FakeHarvest {
  readonly url: string;
  readonly state: {
    users: FakeUser[];
    accounts: FakeAccount[];
    clients: Array<{ id: number; name: string; isActive?: boolean; currency?: string }>;
    tasks: Array<{ id: number; name: string; isActive?: boolean; billableByDefault?: boolean; defaultHourlyRate?: number | null }>;
    projects: FakeProject[];
    assignments: FakeAssignment[];
    entries: FakeEntry[];
    /** Who manages whom (PATCH /v2/users/{id}/teammates): a manager with any gets people_manager. */
    teammates: Array<{ managerId: number; userId: number }>;
    billableRates: FakeRate[];
    costRates: FakeRate[];
    invoices: FakeInvoice[];
  };
  readonly requests: RecordedRequest[];
  readonly options: FakeHarvestOptions;
  failNext(match: { method?: string; path: string | RegExp }, failure: Failure): void;
  newId(): number;
  close(): Promise<void>;
}

export const ACME = 5_000_001;
export const SIDE = 5_000_002;
export const ADA_TOKEN = 'pat-ada-0123456789abcdef';
export const BOB_TOKEN = 'pat-bob-0123456789abcdef';
export const USER_AGENT_REQUIRED = 'Please include a User-Agent header naming your application and a link or e-mail.';

/** Ada, a member of Acme (durations, 12-hour clock); Bob, Acme's administrator. */
export function defaultState(): FakeHarvest['state'] {
  return {
    users: [
      {
        id: 1_001,
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: 'ada@example.com',
        timezone: 'Berlin',
        zone: 'Europe/Berlin',
        weekly_capacity: 144_000,
        access_roles: ['member'],
        token: ADA_TOKEN,
        accounts: [ACME],
      },
      {
        id: 1_002,
        first_name: 'Bob',
        last_name: 'Builder',
        email: 'bob@example.com',
        timezone: 'Berlin',
        zone: 'Europe/Berlin',
        weekly_capacity: 126_000,
        access_roles: ['administrator'],
        token: BOB_TOKEN,
        accounts: [ACME],
      },
    ],
    accounts: [
      { id: ACME, name: 'Acme', product: 'harvest', wants_timestamp_timers: false, clock: '12h', weekly_capacity: 126_000 },
      { id: SIDE, name: 'Acme Forecast', product: 'forecast', wants_timestamp_timers: false, clock: '24h', weekly_capacity: 126_000 },
    ],
    clients: [],
    tasks: [],
    projects: [],
    assignments: [],
    entries: [],
    teammates: [],
    billableRates: [],
    costRates: [],
    invoices: [],
  };
}

const MAX_PAGE = 2000;
const WINDOW_MS = 15_000;
const HOUR_MS = 3_600_000;
const INVALID_TOKEN = {
  error: 'invalid_token',
  error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
};

/**
 * Harvest's answer `answer` to a read of an optional feature (test/support/optional-answers.ts), in its own forms:
 * its errors JSON `{message}` (the fake's default for what Harvest does not document), a token it does not take the
 * 401 OAuth body. GUESS: the words of the 402, the 403 and the 500, which no source shows.
 */
export function optionalAnswer(answer: OptionalAnswer): Failure {
  return answeredAs(answer, (own) => {
    if (own === 'payment_required') return { status: 402, body: { message: 'Your plan does not include this feature.' } };
    if (own === 'forbidden') return { status: 403, body: { message: 'You do not have permission to perform that action.' } };
    if (own === 'not_found') return { status: 404, body: { message: 'Not found' } };
    if (own === 'token_refused') return { status: 401, body: INVALID_TOKEN };
    return { status: 500, body: { message: 'Internal Server Error' } };
  });
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };
const ok = (body: unknown, status = 200): Answer => ({ status, body });

/** Harvest's time as the account's clock writes it: "2:59pm" (12h) or "14:59". */
export function clockText(time: string, clock: '12h' | '24h'): string {
  if (clock === '24h') return time;
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return `${((hour + 11) % 12) + 1}:${String(minute).padStart(2, '0')}${hour < 12 ? 'am' : 'pm'}`;
}

/** "8:00am", "14:59" → 'HH:MM'; undefined when neither. */
function readTime(text: unknown): string | undefined {
  const match = typeof text === 'string' ? /^(\d{1,2}):(\d{2})\s*([ap]m)?$/i.exec(text.trim()) : null;
  if (!match) return undefined;
  let hour = Number(match[1]);
  if (match[3]) hour = (hour % 12) + (match[3].toLowerCase() === 'pm' ? 12 : 0);
  if (hour > 23 || Number(match[2]) > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${match[2]}`;
}

const round2 = (hours: number) => Math.round(hours * 100) / 100;

export async function startFakeHarvest(options: FakeHarvestOptions = {}, seed: FakeHarvest['state'] = defaultState()): Promise<FakeHarvest> {
  const now = options.now ?? Date.now;
  const state = seed;
  const requests: RecordedRequest[] = [];
  const failures = new Failures();
  let nextId = 7_000_000;
  const newId = () => ++nextId;
  /** Each token's requests in the current windows, by the fake's clock. */
  const spent = new Map<string, number[]>();
  let baseUrl = '';

  const errorBody = (message: string) => (options.errorBodies === 'text' ? message : { message });
  const fail = (status: number, message: string, headers?: Record<string, string>): Answer => ({
    status,
    body: status === 422 ? { message } : errorBody(message),
    ...(headers ? { headers } : {}),
  });

  const accountOf = (id: number) => state.accounts.find((account) => account.id === id) as FakeAccount;
  const admin = state as unknown as AdminState;
  /** Whose entries a user may change: their own; an administrator's anyone's; a manager with time_and_expenses_manager those she sees. */
  const changesEntry = (user: FakeUser, entry: FakeEntry) =>
    entry.userId === user.id ||
    user.access_roles.includes('administrator') ||
    (user.access_roles.includes('time_and_expenses_manager') && seesEntry(admin, user, entry));

  function hoursOf(entry: FakeEntry, account: FakeAccount): number {
    if (entry.startedTime && account.wants_timestamp_timers) {
      const user = state.users.find((candidate) => candidate.id === entry.userId) as FakeUser;
      const start = localDateTimeToEpoch(entry.spentDate, entry.startedTime, user.zone);
      const end = entry.endedTime ? localDateTimeToEpoch(entry.spentDate, entry.endedTime, user.zone) : now();
      return round2(Math.max(0, end - start) / HOUR_MS);
    }
    return round2(entry.hours + (entry.timerStartedAt === null ? 0 : (now() - entry.timerStartedAt) / HOUR_MS));
  }

  function entryJson(entry: FakeEntry): unknown {
    const account = accountOf(entry.accountId);
    const user = state.users.find((candidate) => candidate.id === entry.userId) as FakeUser;
    const project = state.projects.find((candidate) => candidate.id === entry.projectId) as FakeProject;
    const client = state.clients.find((candidate) => candidate.id === project.clientId);
    const task = state.tasks.find((candidate) => candidate.id === entry.taskId);
    const running = entry.timerStartedAt !== null;
    return {
      id: entry.id,
      spent_date: entry.spentDate,
      user: { id: user.id, name: `${user.first_name} ${user.last_name}` },
      client: client ? { id: client.id, name: client.name, currency: 'EUR' } : null,
      project: { id: project.id, name: project.name, code: null },
      task: task ? { id: task.id, name: task.name } : null,
      hours: hoursOf(entry, account),
      hours_without_timer: round2(entry.hours),
      rounded_hours: hoursOf(entry, account),
      notes: entry.notes,
      is_locked: entry.isLocked,
      locked_reason: entry.lockedReason,
      is_closed: entry.approvalStatus === 'approved',
      approval_status: entry.approvalStatus,
      is_billed: false,
      timer_started_at: running ? new Date(entry.timerStartedAt as number).toISOString().replace(/\.\d+Z$/, 'Z') : null,
      started_time: entry.startedTime ? clockText(entry.startedTime, account.clock) : null,
      ended_time: entry.endedTime ? clockText(entry.endedTime, account.clock) : null,
      is_running: running,
      billable: true,
      budgeted: false,
      created_at: new Date(entry.createdAt).toISOString().replace(/\.\d+Z$/, 'Z'),
      updated_at: new Date(entry.updatedAt).toISOString().replace(/\.\d+Z$/, 'Z'),
    };
  }

  /** One page of a list by cursor (an offset here), with Harvest's fields and links that keep the filters. */
  function page(url: URL, key: string, items: unknown[]): Answer {
    const asked = url.searchParams.get('per_page');
    const perPage = asked === null ? MAX_PAGE : Number(asked);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PAGE) return fail(422, `per_page must be between 1 and ${MAX_PAGE}`);
    const size = Math.min(perPage, options.pageCap ?? MAX_PAGE);
    // A cursor from a link; else Harvest's page number, still taken (and the only way to jump to a page of invoices).
    const pageAsked = Number(url.searchParams.get('page') ?? 1);
    const cursor = url.searchParams.has('cursor')
      ? Number(url.searchParams.get('cursor'))
      : Math.max(0, (Number.isInteger(pageAsked) ? pageAsked - 1 : 0) * size);
    const slice = items.slice(cursor, cursor + size);
    const link = (at: number) => {
      const next = new URL(url.pathname, options.nextLinkOrigin ?? baseUrl);
      for (const [name, value] of url.searchParams) if (name !== 'cursor' && name !== 'ref' && name !== 'page') next.searchParams.set(name, value);
      next.searchParams.set('cursor', String(at));
      next.searchParams.set('ref', 'next_cursor');
      return next.toString();
    };
    const more = cursor + size < items.length;
    return ok({
      [key]: slice,
      per_page: size,
      total_pages: Math.max(1, Math.ceil(items.length / size)),
      total_entries: items.length,
      next_page: null,
      previous_page: null,
      page: cursor === 0 ? 1 : null,
      links: { first: link(0), next: more ? link(cursor + size) : null, previous: null, last: null },
    });
  }

  function assignmentsJson(user: FakeUser, accountId: number): unknown[] {
    return state.assignments
      .filter((assignment) => assignment.userId === user.id && assignment.isActive)
      .filter((assignment) => state.projects.some((project) => project.id === assignment.projectId && project.accountId === accountId && project.isActive))
      .reverse()
      .map((assignment) => {
        const project = state.projects.find((candidate) => candidate.id === assignment.projectId) as FakeProject;
        const client = state.clients.find((candidate) => candidate.id === project.clientId);
        return {
          id: assignment.id,
          is_active: true,
          is_project_manager: assignment.isProjectManager === true,
          project: { id: project.id, name: project.name, code: null },
          client: client ? { id: client.id, name: client.name, currency: 'EUR' } : null,
          task_assignments: assignment.tasks.map((task) => ({
            id: task.id,
            billable: task.billable,
            is_active: task.isActive,
            task: { id: task.taskId, name: state.tasks.find((candidate) => candidate.id === task.taskId)?.name ?? '' },
          })),
        };
      });
  }

  /** Checks a booking as Harvest would: the project active and assigned to the person, the task assigned and active. */
  function bookable(user: FakeUser, accountId: number, projectId: unknown, taskId: unknown): string | undefined {
    const project = state.projects.find((candidate) => candidate.id === projectId && candidate.accountId === accountId);
    if (!project) return 'Project not found';
    if (!project.isActive) return 'Project is archived';
    const assignment = state.assignments.find((candidate) => candidate.userId === user.id && candidate.projectId === project.id && candidate.isActive);
    if (!assignment) return 'Project is not assigned to user';
    const task = assignment.tasks.find((candidate) => candidate.taskId === taskId);
    if (!task || !task.isActive) return 'Task is not assigned to project';
    return undefined;
  }

  function stop(entry: FakeEntry, account: FakeAccount, user: FakeUser): void {
    if (entry.timerStartedAt === null) return;
    if (account.wants_timestamp_timers && entry.startedTime) entry.endedTime = formatLocalTime(now(), user.zone);
    else entry.hours = round2(entry.hours + (now() - entry.timerStartedAt) / HOUR_MS);
    entry.timerStartedAt = null;
    entry.updatedAt = now();
  }

  /** One timer per person: a new one stops whatever runs. */
  function stopRunningOf(user: FakeUser, account: FakeAccount): void {
    for (const entry of state.entries) if (entry.userId === user.id && entry.accountId === account.id) stop(entry, account, user);
  }

  function createEntry(user: FakeUser, account: FakeAccount, body: Record<string, unknown>): Answer {
    const problem = bookable(user, account.id, body.project_id, body.task_id);
    if (problem) return fail(422, problem);
    if (typeof body.spent_date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(body.spent_date)) return fail(422, 'Spent date is required');
    const stamp = now();
    const entry: FakeEntry = {
      id: newId(),
      accountId: account.id,
      userId: user.id,
      spentDate: body.spent_date,
      projectId: body.project_id as number,
      taskId: body.task_id as number,
      notes: typeof body.notes === 'string' ? body.notes : null,
      hours: 0,
      timerStartedAt: null,
      startedTime: null,
      endedTime: null,
      isLocked: false,
      lockedReason: null,
      approvalStatus: 'unsubmitted',
      createdAt: stamp,
      updatedAt: stamp,
    };
    if (account.wants_timestamp_timers) {
      // Start and end times: started_time defaults to now; without ended_time the entry runs.
      const started = body.started_time === undefined ? formatLocalTime(stamp, user.zone) : readTime(body.started_time);
      if (!started) return fail(422, 'Started time is invalid');
      entry.startedTime = started;
      if (body.ended_time !== undefined && body.ended_time !== null) {
        const ended = readTime(body.ended_time);
        if (!ended || ended < started) return fail(422, 'Ended time is invalid');
        entry.endedTime = ended;
      } else {
        stopRunningOf(user, account);
        entry.timerStartedAt = stamp;
      }
    } else if (typeof body.hours === 'number') {
      entry.hours = round2(body.hours);
    } else {
      // Durations: without hours, hours are 0 and the timer runs.
      stopRunningOf(user, account);
      entry.timerStartedAt = stamp;
    }
    state.entries.push(entry);
    return ok(entryJson(entry), 201);
  }

  function updateEntry(user: FakeUser, account: FakeAccount, entry: FakeEntry, body: Record<string, unknown>): Answer {
    if (entry.isLocked) return fail(403, entry.lockedReason ?? 'Entry is locked');
    const projectId = body.project_id ?? entry.projectId;
    const taskId = body.task_id ?? entry.taskId;
    if (body.project_id !== undefined || body.task_id !== undefined) {
      const problem = bookable(user, account.id, projectId, taskId);
      if (problem) return fail(422, problem);
    }
    entry.projectId = projectId as number;
    entry.taskId = taskId as number;
    if (typeof body.spent_date === 'string') entry.spentDate = body.spent_date;
    if (body.notes !== undefined) entry.notes = typeof body.notes === 'string' ? body.notes : null;
    if (account.wants_timestamp_timers) {
      if (body.started_time !== undefined) entry.startedTime = readTime(body.started_time) ?? entry.startedTime;
      if (body.ended_time !== undefined) entry.endedTime = readTime(body.ended_time) ?? entry.endedTime;
    } else if (typeof body.hours === 'number') {
      entry.hours = round2(body.hours);
      if (entry.timerStartedAt !== null) entry.timerStartedAt = now();
    }
    entry.updatedAt = now();
    return ok(entryJson(entry));
  }

  function timeEntries(method: string, url: URL, user: FakeUser, account: FakeAccount, body: Record<string, unknown>): Answer {
    const path = url.pathname;
    if (path === '/v2/time_entries' && method === 'GET') {
      const query = url.searchParams;
      const userId = query.get('user_id');
      // A member sees their own entries only; a manager hers, her teammates' and her projects'; an administrator everyone's.
      const visible = state.entries
        .filter((entry) => entry.accountId === account.id)
        .filter((entry) => seesEntry(admin, user, entry))
        .filter((entry) => userId === null || entry.userId === Number(userId))
        .filter((entry) => query.get('from') === null || entry.spentDate >= (query.get('from') as string))
        .filter((entry) => query.get('to') === null || entry.spentDate <= (query.get('to') as string))
        .filter((entry) => query.get('project_id') === null || entry.projectId === Number(query.get('project_id')))
        .filter((entry) => query.get('is_running') === null || (entry.timerStartedAt !== null) === (query.get('is_running') === 'true'))
        .sort((a, b) => b.spentDate.localeCompare(a.spentDate) || b.createdAt - a.createdAt || b.id - a.id);
      return page(url, 'time_entries', visible.map(entryJson));
    }
    if (path === '/v2/time_entries' && method === 'POST') return createEntry(user, account, body);
    const match = /^\/v2\/time_entries\/(\d+)(?:\/(stop|restart))?$/.exec(path);
    if (!match) return fail(404, 'Not found');
    const entry = state.entries.find((candidate) => candidate.id === Number(match[1]) && candidate.accountId === account.id);
    if (!entry) return fail(404, 'Not found');
    if (!seesEntry(admin, user, entry) || (method !== 'GET' && !changesEntry(user, entry))) {
      return fail(options.colleagueEntry ?? 403, options.colleagueEntry === 404 ? 'Not found' : 'Forbidden');
    }
    const owner = state.users.find((candidate) => candidate.id === entry.userId) as FakeUser;
    if (match[2] === 'stop' && method === 'PATCH') {
      if (entry.timerStartedAt === null) return fail(422, 'Only running time entries can be stopped');
      stop(entry, account, owner);
      return ok(entryJson(entry));
    }
    if (match[2] === 'restart' && method === 'PATCH') {
      if (entry.timerStartedAt !== null) return fail(422, 'Only stopped time entries can be restarted');
      stopRunningOf(owner, account);
      if (account.wants_timestamp_timers && options.restartOnTimestamps !== 'same_entry') {
        return createEntry(owner, account, {
          project_id: entry.projectId,
          task_id: entry.taskId,
          notes: entry.notes,
          spent_date: localDate(now(), owner.zone),
        });
      }
      entry.timerStartedAt = now();
      if (account.wants_timestamp_timers) {
        entry.startedTime = formatLocalTime(now(), owner.zone);
        entry.endedTime = null;
      }
      entry.updatedAt = now();
      return ok(entryJson(entry));
    }
    if (match[2]) return fail(404, 'Not found');
    if (method === 'GET') return ok(entryJson(entry));
    if (method === 'PATCH') return updateEntry(owner, account, entry, body);
    if (method === 'DELETE') {
      if (entry.isLocked && !user.access_roles.includes('administrator')) return fail(403, entry.lockedReason ?? 'Entry is locked');
      state.entries.splice(state.entries.indexOf(entry), 1);
      return { status: 200, body: '' };
    }
    return fail(404, 'Not found');
  }

  function respondTo(method: string, url: URL, headers: Record<string, string | undefined>, text: string): Answer {
    if (!headers['user-agent']) return fail(400, USER_AGENT_REQUIRED);
    const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
    const user = state.users.find((candidate) => candidate.token === bearer);
    if (!user) return { status: 401, body: INVALID_TOKEN };
    // Harvest ID: the token's accounts, no account header needed.
    if (url.pathname === '/api/v2/accounts' && method === 'GET') {
      return ok({
        user: { id: user.id, first_name: user.first_name, last_name: user.last_name, email: user.email },
        accounts: user.accounts.map((id) => {
          const account = accountOf(id);
          return { id: account.id, name: account.name, product: account.product };
        }),
      });
    }
    const account = state.accounts.find((candidate) => String(candidate.id) === headers['harvest-account-id'] && user.accounts.includes(candidate.id));
    if (!account || account.product !== 'harvest') return { status: 401, body: INVALID_TOKEN };
    const limit = limited(user.token);
    if (limit) return limit;
    let body: Record<string, unknown> = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return fail(400, 'Invalid JSON');
      }
    }
    if (url.pathname === '/v2/users/me' && method === 'GET') {
      const { token: _token, accounts: _accounts, zone: _zone, ...shown } = user;
      return ok({ ...shown, access_roles: rolesOf(admin, user), is_active: user.is_active !== false, is_contractor: false, roles: [] });
    }
    if (url.pathname === '/v2/company' && method === 'GET') {
      return ok({
        name: account.name,
        is_active: true,
        week_start_day: 'Monday',
        wants_timestamp_timers: account.wants_timestamp_timers,
        clock: account.clock,
        weekly_capacity: account.weekly_capacity,
        approval_feature: account.approval_feature !== false,
        invoice_feature: account.invoice_feature !== false,
      });
    }
    if (url.pathname === '/v2/users/me/project_assignments' && method === 'GET') return page(url, 'project_assignments', assignmentsJson(user, account.id));
    if (url.pathname.startsWith('/v2/time_entries')) return timeEntries(method, url, user, account, body);
    const world = { state: admin, now, newId, managerUsers: options.managerUsers ?? 'teammates', ok, fail, page } as const;
    if (url.pathname === '/v2/invoices' && account.invoice_feature === false) return fail(403, 'The invoices module is off for this account.');
    return adminRoute(world, method, url, user, account.id, body) ?? fail(404, 'Not found');
  }

  /** 100 requests in 15 seconds per token, by the fake's clock; past it a 429 with the seconds until one frees. */
  function limited(token: string): Answer | undefined {
    const at = now();
    const recent = (spent.get(token) ?? []).filter((stamp) => at - stamp < WINDOW_MS);
    if (recent.length >= (options.ratePer15s ?? 100)) {
      spent.set(token, recent);
      const wait = Math.max(1, Math.ceil((WINDOW_MS - (at - (recent[0] as number))) / 1000));
      return fail(429, 'Too Many Requests', { 'Retry-After': String(wait) });
    }
    recent.push(at);
    spent.set(token, recent);
    return undefined;
  }

  const server = await startFakeServer<RecordedRequest>({
    requests,
    failures,
    record: (common, request) => ({
      ...common,
      headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value])),
    }),
    respond: (method, url, headers, text): Reply => {
      const flat = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
      const answer = respondTo(method, url, flat, text);
      const raw = typeof answer.body === 'string';
      return {
        status: answer.status,
        body: raw ? (answer.body as string) : JSON.stringify(answer.body),
        headers: { 'Content-Type': raw ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8', ...answer.headers },
      };
    },
  });
  baseUrl = server.url;
  return {
    url: server.url,
    state,
    requests,
    options,
    failNext: (match, failure) => failures.add(match, failure),
    newId,
    close: () => server.close(),
  };
}

/** Adds a client, a project of it assigned to the users named with the tasks named (each its own task assignment). */
export function addProject(
  fake: FakeHarvest,
  project: { name: string; client: string; tasks: string[]; users: number[]; isActive?: boolean; accountId?: number; managers?: number[] },
): FakeProject {
  const { state } = fake;
  const client = state.clients.find((candidate) => candidate.name === project.client) ?? { id: fake.newId(), name: project.client };
  if (!state.clients.includes(client)) state.clients.push(client);
  const made: FakeProject = {
    id: fake.newId(),
    accountId: project.accountId ?? ACME,
    name: project.name,
    clientId: client.id,
    isActive: project.isActive ?? true,
  };
  state.projects.push(made);
  const taskIds = project.tasks.map((name) => {
    const task = state.tasks.find((candidate) => candidate.name === name) ?? { id: fake.newId(), name };
    if (!state.tasks.includes(task)) state.tasks.push(task);
    return task.id;
  });
  for (const userId of project.users) {
    state.assignments.push({
      id: fake.newId(),
      userId,
      projectId: made.id,
      isActive: true,
      isProjectManager: project.managers?.includes(userId) === true,
      tasks: taskIds.map((taskId) => ({ id: fake.newId(), taskId, isActive: true, billable: true })),
    });
  }
  return made;
}

/** Adds a stopped entry: with times on a timestamp account (in the user's zone), with hours on a duration one. */
export function addEntry(
  fake: FakeHarvest,
  entry: {
    userId: number;
    projectId: number;
    taskId: number;
    start: number;
    end: number;
    notes?: string;
    locked?: string;
    approval?: FakeEntry['approvalStatus'];
  },
): FakeEntry {
  const user = fake.state.users.find((candidate) => candidate.id === entry.userId) as FakeUser;
  const project = fake.state.projects.find((candidate) => candidate.id === entry.projectId) as FakeProject;
  const account = fake.state.accounts.find((candidate) => candidate.id === project.accountId) as FakeAccount;
  const made: FakeEntry = {
    id: fake.newId(),
    accountId: account.id,
    userId: user.id,
    spentDate: localDate(entry.start, user.zone),
    projectId: entry.projectId,
    taskId: entry.taskId,
    notes: entry.notes ?? null,
    hours: round2((entry.end - entry.start) / HOUR_MS),
    timerStartedAt: null,
    startedTime: account.wants_timestamp_timers ? formatLocalTime(entry.start, user.zone) : null,
    endedTime: account.wants_timestamp_timers ? formatLocalTime(entry.end, user.zone) : null,
    isLocked: entry.locked !== undefined,
    lockedReason: entry.locked ?? null,
    approvalStatus: entry.approval ?? (entry.locked ? 'approved' : 'unsubmitted'),
    createdAt: entry.start,
    updatedAt: entry.end,
  };
  fake.state.entries.push(made);
  return made;
}

/** The day after `date`, for seeds. */
export const nextDay = (date: string) => addDays(date, 1);

/** Makes `managerId` the manager of `userIds` (Harvest's PATCH /v2/users/{id}/teammates), which gives her people_manager. */
export function addTeammates(fake: FakeHarvest, managerId: number, userIds: readonly number[]): void {
  for (const userId of userIds) fake.state.teammates.push({ managerId, userId });
}
