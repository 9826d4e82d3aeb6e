// A fake Clockify REST API (v1) on loopback, for the Clockify client's end-to-end tests. It follows
// Clockify's published OpenAPI (docs/back-ends/clockify.md lists the operations) and its API
// introduction, not any client: the API below /api/v1, the person's key in X-Api-Key, 1-based `page`
// and `page-size` with the Last-Page header, `{message, code}` error bodies, time entries per user and
// workspace (one running at most), projects and their tasks, clients, and time off (policies,
// requests, balances, holidays), with roles: an admin may read and change colleagues' entries, a
// regular member only their own; a team manager reads the entries and decides the time off of the
// members they manage, a project manager reads the time on the projects they manage. Approval requests
// and the lock of approved periods are in fake-clockify-approvals.ts.
//
// Where the sources stop, the fake makes a choice and says so in a comment starting with "GUESS:".
// Those choices are the documented assumptions of the Clockify client; change one here and the
// client's tests tell you what depends on it.
//
// What it is not: a database. State lives in plain arrays on `state`, which tests may seed and read.
// It shares no code with the engine on purpose: the client must not be able to agree with the fake by
// sharing a bug (time-zone arithmetic included: test/support/wall-clock.ts).
import type http from 'node:http';
import { type Failure, Failures, HttpAnswer, jsonReply, type RecordedRequest, type Reply, startFakeServer } from '../../../support/fake-server.ts';
import { answeredAs, type OptionalAnswer } from '../../../support/optional-answers.ts';
import { localDay, wallTimeToEpoch } from '../../../support/wall-clock.ts';
import { type FakeInvoice, registerAdminRoutes } from './fake-clockify-admin.ts';
import { lockedByApproval, registerApprovalRoutes } from './fake-clockify-approvals.ts';
import { type FakeUserGroup, type MembershipStatus, membershipStatus, registerPeopleRoutes } from './fake-clockify-people.ts';
import { registerCatalogRoutes } from './fake-clockify-catalog.ts';
import { registerCorrectionRoutes } from './fake-clockify-corrections.ts';
import { emptyRates, type FakeRates, projectRatesJson, registerRateRoutes } from './fake-clockify-rates.ts';
import { registerTeamRoutes } from './fake-clockify-teams.ts';
import { lockedForCaller, projectMatches, registerActingRoutes } from './fake-clockify-acting.ts';
import { type FakeCustomField, newEntryValues, refuseMissingRequired, registerFieldRoutes, sentValues, valuesJson } from './fake-clockify-fields.ts';

export type { Failure, FakeCustomField, FakeInvoice, FakeUserGroup, RecordedRequest };

export type Role = 'OWNER' | 'ADMIN' | 'REGULAR';
export type DayName = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

export interface FakeUser {
  id: string;
  name: string;
  email: string;
  key: string;
  timeZone: string;
  activeWorkspace: string;
  workspaces: string[];
  /** Per workspace; a workspace not listed is REGULAR. */
  roles: Record<string, Role>;
  workCapacity: string | null;
  workingDays: DayName[];
  /** The workspace membership's status per workspace (fake-clockify-people.ts); ACTIVE where not set. */
  statuses?: Record<string, MembershipStatus>;
}
export interface FakeWorkspace {
  id: string;
  name: string;
  plan: string;
  /** What the plan includes (the OpenAPI's `Feature`): TIME_OFF, APPROVAL, CUSTOM_FIELDS decide routes here. */
  features: string[];
  /** false: the workspace's answers carry no `features` (the OpenAPI marks none of its fields required; a client must cope without). */
  featuresShown?: boolean;
  /** An admin can switch time off off in a plan that has it. */
  timeOffOn: boolean;
  /** lockTimeEntries: entries before this instant are locked (WorkspaceSettingsDtoV1; fake-clockify-corrections.ts). */
  settings: { forceProjects: boolean; forceTasks: boolean; forceDescription: boolean; onlyAdminsCreateTag?: boolean; lockTimeEntries?: string };
  /** Team managers may add time for the members they manage (a workspace permission no API shows; fake-clockify-acting.ts); no where left out. */
  teamManagersTrackForOthers?: boolean;
}
export interface FakeClient {
  id: string;
  workspaceId: string;
  name: string;
  archived: boolean;
  /** The client's note (ClientDtoV1); none where left out. */
  note?: string;
}
export interface FakeProject {
  id: string;
  workspaceId: string;
  name: string;
  clientId: string | null;
  archived: boolean;
  billable: boolean;
  public: boolean;
  memberIds: string[];
  /** The time estimate in milliseconds, and when Clockify resets it (TimeEstimateDto); none where left out. */
  timeEstimate?: { ms: number; resetOption: 'WEEKLY' | 'MONTHLY' | 'YEARLY' | null };
  /** The budget estimate, an amount in cents (EstimateWithOptionsDto; GUESS: cents, as rates are). */
  budgetEstimate?: number;
  /** The project's note, and when its budget estimate resets (EstimateWithOptionsDto.resetOption); none where left out. */
  note?: string;
  budgetReset?: 'WEEKLY' | 'MONTHLY' | 'YEARLY' | null;
  /** The user groups among its members (addUsersToProject's userGroups, fake-clockify-teams.ts). */
  groupIds?: string[];
}
export interface FakeTask {
  id: string;
  projectId: string;
  name: string;
  status: 'ACTIVE' | 'DONE';
  billable: boolean;
  /** The task's time estimate in milliseconds and its budget estimate in cents (TaskDtoV1); none where left out. */
  estimateMs?: number;
  budgetEstimate?: number;
}
export interface FakeEntry {
  id: string;
  workspaceId: string;
  userId: string;
  projectId: string | null;
  taskId: string | null;
  description: string;
  billable: boolean;
  tagIds: string[];
  start: number;
  end: number | null;
  type: 'REGULAR' | 'BREAK' | 'HOLIDAY' | 'TIME_OFF';
  isLocked: boolean;
  /** Custom field values by field id (fake-clockify-fields.ts); none where left out. */
  customFieldValues?: Record<string, unknown>;
}
export interface FakePolicy {
  id: string;
  workspaceId: string;
  name: string;
  timeUnit: 'DAYS' | 'HOURS';
  allowHalfDay: boolean;
  allowNegativeBalance: boolean;
  requiresApproval: boolean;
  archived: boolean;
  everyoneIncludingNew: boolean;
  userIds: string[];
  /** The user groups whose members it is for (PolicyDtoV1 userGroupIds); none unless said. */
  userGroupIds?: string[];
  /** PolicyApprovalDto: the requester's team managers approve; default no. */
  teamManagersApprove?: boolean;
  /** PolicyApprovalDto: members named to approve (specificMembers). */
  approverIds?: string[];
}
export interface FakeBalance {
  workspaceId: string;
  policyId: string;
  userId: string;
  total: number;
}
export interface FakeTimeOff {
  id: string;
  workspaceId: string;
  policyId: string;
  userId: string;
  /** 'YYYY-MM-DD', both included. */
  start: string;
  end: string;
  halfDay: boolean;
  halfDayPeriod: 'FIRST_HALF' | 'SECOND_HALF' | null;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  note: string;
  createdAt: number;
  /** The note of the last status change (StatusTimeOffRequestV1Request.note) and who made it. */
  statusNote?: string | null;
  changedBy?: string | null;
  /** Who filed it (TimeOffRequestFullV1Dto.requesterUserId): the key's user where an admin filed it for another; else the requester. */
  requesterId?: string;
}
/** A team manager and one member they manage (a user's managers: getManagersOfUser). */
export interface FakeTeamManager {
  workspaceId: string;
  managerId: string;
  memberId: string;
}
/** A project manager and a project they manage. */
export interface FakeProjectManager {
  workspaceId: string;
  managerId: string;
  projectId: string;
}
export interface FakeHoliday {
  id: string;
  workspaceId: string;
  name: string;
  startDate: string;
  endDate: string;
  userIds: string[] | 'everyone';
}

export interface FakeClockifyState {
  users: FakeUser[];
  workspaces: FakeWorkspace[];
  clients: FakeClient[];
  projects: FakeProject[];
  tasks: FakeTask[];
  entries: FakeEntry[];
  policies: FakePolicy[];
  balances: FakeBalance[];
  timeOff: FakeTimeOff[];
  holidays: FakeHoliday[];
  teamManagers: FakeTeamManager[];
  projectManagers: FakeProjectManager[];
  tags: FakeTag[];
  invoices: FakeInvoice[];
  userGroups: FakeUserGroup[];
  /** Hourly and cost rates in cents (fake-clockify-rates.ts). */
  rates: FakeRates;
  /** The workspaces' custom fields (fake-clockify-fields.ts). */
  customFields: FakeCustomField[];
}

/** A workspace's tag (TagDtoV1); entries name it by id. */
export interface FakeTag {
  id: string;
  workspaceId: string;
  name: string;
  archived: boolean;
}

export interface FakeClockifyOptions {
  now?: () => number;
  /**
   * The largest page the fake answers; a larger `page-size` gets this many. GUESS: the OpenAPI sets
   * no largest page for these lists; 1000 is what it documents for the running entries.
   */
  maxPageSize?: number;
  /** false: no Last-Page header (the introduction promises it on every paged answer; a client must cope without). */
  lastPageHeader?: boolean;
  /**
   * false: `hydrated=true` adds nothing (the OpenAPI gives the parameter, not the hydrated shape).
   * 'objects': a hydrated entry carries its project, task and tags only as objects, without the id
   * fields (the shape a third-party client models for it; a client must keep them either way).
   */
  hydrated?: boolean | 'objects';
  /** false: the time-off search ignores `users` and answers with everyone's (a careless server; a client must not take them for the person's). */
  usersFilter?: boolean;
  /** Requests per second per key and workspace before 429 "Too many requests"; off unless set. */
  rateLimit?: { perSecond: number; retryAfterSeconds?: number };
  /**
   * GUESS: whether a regular member may read the list of policies (some workspaces show them to admins
   * only); default yes.
   */
  policiesForEveryone?: boolean;
  /** GUESS: whether a regular member may list colleagues' time off; default no (admins may). */
  teamTimeOffForEveryone?: boolean;
  /**
   * GUESS (docs/back-ends/clockify.md, "Acting for others": Clockify documents no rule): true, a request an admin files
   * for another (createTimeOffRequestForOther) on a policy that needs approval starts APPROVED, the admin's own
   * decision; default false, it waits as the person's own would.
   */
  filedForOthersApproved?: boolean;
  /**
   * GUESS (docs/back-ends/clockify.md, "Custom fields": undocumented): how the custom-field lists answer in a workspace
   * whose plan lacks CUSTOM_FIELDS. 404 in JSON (default: what issue 83 reports), 403 with words of the plan, or 402.
   */
  customFieldsOffPlan?: 402 | 403 | 404;
}

export interface FakeClockify {
  /** e.g. http://127.0.0.1:PORT — the API lives under `${url}/api/v1/...`. */
  readonly url: string;
  readonly options: Required<
    Pick<
      FakeClockifyOptions,
      | 'maxPageSize'
      | 'lastPageHeader'
      | 'hydrated'
      | 'usersFilter'
      | 'policiesForEveryone'
      | 'teamTimeOffForEveryone'
      | 'filedForOthersApproved'
      | 'customFieldsOffPlan'
    >
  > & { rateLimit: FakeClockifyOptions['rateLimit'] | null };
  readonly state: FakeClockifyState;
  readonly requests: RecordedRequest[];
  /** Every write that reached the fake's state (method, path, the user who made it), for "nothing was written" checks. */
  readonly writes: Array<{ method: string; path: string; userId: string }>;
  /** Every time-off search answered: the people its body named (`users`, empty for none), and whose requests the answer held. */
  readonly timeOffRead: Array<{ users: string[]; owners: string[] }>;
  failNext(match: { method?: string; path: string | RegExp }, failure: Failure): void;
  /**
   * Runs `action` when the next request that matches arrives, before the fake answers it: what someone else does in
   * Clockify at that moment (an approver's approval landing between two of a client's requests).
   */
  beforeNext(match: { method?: string; path: string | RegExp }, action: () => void): void;
  close(): Promise<void>;
}

// -------------------------------------------------------------------------------------------------
// Ids and days

let idCounter = 0x100;
/** A new id as Clockify's look: 24 hex digits, unique per process. */
export function newId(kind: number): string {
  idCounter += 1;
  return `${kind.toString(16).padStart(8, '6')}${idCounter.toString(16).padStart(16, '0')}`;
}

const MS_PER_DAY = 86_400_000;
const DAY_NAMES: DayName[] = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
const dayName = (date: string): DayName => DAY_NAMES[new Date(`${date}T00:00:00Z`).getUTCDay()] as DayName;
const isDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Clockify's instants: 'yyyy-MM-ddThh:mm:ssZ' (GUESS: answers carry no fraction; readers should not care). */
export function utc(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** An instant as the OpenAPI's date-time: with an offset or Z, fractions allowed. Undefined otherwise. */
function readInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** ISO 8601 duration of a span, as time intervals carry it ('PT1H30M'). */
function isoDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

// -------------------------------------------------------------------------------------------------
// Answers

/** Thrown by validation deep in a handler; the dispatcher answers with it. */
class Refusal extends Error {
  readonly answer: HttpAnswer;
  constructor(status: number, message: string, code = status) {
    super(message);
    // `{message, code}`: the shape seen in Clockify's own issue tracker (docs/back-ends/clockify.md, "Errors").
    this.answer = new HttpAnswer(status, { message, code });
  }
}

const refuse = (status: number, message: string, code?: number) => new Refusal(status, message, code);
const UNAUTHORIZED = 'Full authentication is required to access this resource';

/**
 * Clockify's answer `answer` to a read of an optional feature (test/support/optional-answers.ts), in its own shape,
 * `{message, code}`: a feature outside the plan 402 or 403 in words of the plan, a workspace without it a 404 in JSON
 * (what issue 83 met for the custom fields), a key it does not take its 401. GUESS: the 402's words and the 500's body,
 * which no source shows.
 */
export function optionalAnswer(answer: OptionalAnswer): Failure {
  return answeredAs(answer, (own) => {
    if (own === 'payment_required') return { status: 402, body: { message: 'This feature is not available on your subscription plan.', code: 402 } };
    if (own === 'forbidden') return { status: 403, body: { message: 'Feature not available on your subscription plan. Upgrade to use it.', code: 403 } };
    if (own === 'not_found') return { status: 404, body: { message: 'Not found', code: 501 } };
    if (own === 'token_refused') return { status: 401, body: { message: UNAUTHORIZED, code: 1000 } };
    return { status: 500, body: { message: 'Internal server error', code: 500 } };
  });
}

export type Body = Record<string, unknown>;
export interface Call {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Body;
  user: FakeUser;
}
interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: (call: Call) => unknown;
}

// -------------------------------------------------------------------------------------------------
// The server

export async function startFakeClockify(options: FakeClockifyOptions = {}): Promise<FakeClockify> {
  const now = options.now ?? Date.now;
  const settings: FakeClockify['options'] = {
    maxPageSize: options.maxPageSize ?? 1000,
    lastPageHeader: options.lastPageHeader ?? true,
    hydrated: options.hydrated ?? true,
    usersFilter: options.usersFilter ?? true,
    rateLimit: options.rateLimit ?? null,
    policiesForEveryone: options.policiesForEveryone ?? true,
    teamTimeOffForEveryone: options.teamTimeOffForEveryone ?? false,
    filedForOthersApproved: options.filedForOthersApproved ?? false,
    customFieldsOffPlan: options.customFieldsOffPlan ?? 404,
  };
  const state: FakeClockifyState = {
    users: [],
    workspaces: [],
    clients: [],
    projects: [],
    tasks: [],
    entries: [],
    policies: [],
    balances: [],
    timeOff: [],
    holidays: [],
    teamManagers: [],
    projectManagers: [],
    tags: [],
    invoices: [],
    userGroups: [],
    rates: emptyRates(),
    customFields: [],
  };
  const requests: RecordedRequest[] = [];
  const writes: FakeClockify['writes'] = [];
  const timeOffRead: FakeClockify['timeOffRead'] = [];
  const failures = new Failures();
  const sent = new Map<string, number[]>();

  // ---------------------------------------------------------------------------------------------
  // Who may do what

  const roleIn = (user: FakeUser, workspaceId: string): Role => user.roles[workspaceId] ?? 'REGULAR';
  const isAdmin = (user: FakeUser, workspaceId: string) => roleIn(user, workspaceId) !== 'REGULAR';
  const manages = (user: FakeUser, memberId: string, workspaceId: string) =>
    state.teamManagers.some((item) => item.workspaceId === workspaceId && item.managerId === user.id && item.memberId === memberId);
  const managesProject = (user: FakeUser, projectId: string, workspaceId: string) =>
    state.projectManagers.some((item) => item.workspaceId === workspaceId && item.managerId === user.id && item.projectId === projectId);
  const isTeamManager = (user: FakeUser, workspaceId: string) =>
    state.teamManagers.some((item) => item.workspaceId === workspaceId && item.managerId === user.id) ||
    state.userGroups.some((group) => group.workspaceId === workspaceId && group.managerIds.includes(user.id));
  const isProjectManager = (user: FakeUser, workspaceId: string) =>
    state.projectManagers.some((item) => item.workspaceId === workspaceId && item.managerId === user.id);
  /** GUESS: admins and managers of either kind see the workspace's people; a regular member is refused the list. */
  const seesPeople = (user: FakeUser, workspaceId: string) =>
    isAdmin(user, workspaceId) || isTeamManager(user, workspaceId) || isProjectManager(user, workspaceId);
  /** The roles a member holds, as filterUsersOfWorkspace filters by them: owners count as admins. */
  const holdsRole = (user: FakeUser, workspaceId: string, role: string) => {
    const own = roleIn(user, workspaceId);
    if (role === 'OWNER') return own === 'OWNER';
    if (role === 'WORKSPACE_ADMIN') return own === 'OWNER' || own === 'ADMIN';
    if (role === 'TEAM_MANAGER') return isTeamManager(user, workspaceId);
    if (role === 'PROJECT_MANAGER') return isProjectManager(user, workspaceId);
    return false;
  };

  function workspaceOf(call: Call): FakeWorkspace {
    const workspace = state.workspaces.find((item) => item.id === call.params.workspaceId);
    // GUESS: an unknown workspace and one the person is not in answer alike, 403.
    if (!workspace || !call.user.workspaces.includes(workspace.id)) throw refuse(403, 'Access Denied');
    return workspace;
  }

  /** Time off is in the plan and switched on; otherwise the 403 the fake chooses for each (GUESS: wording). */
  function timeOffWorkspace(call: Call): FakeWorkspace {
    const workspace = workspaceOf(call);
    if (!workspace.features.includes('TIME_OFF')) throw refuse(403, 'Time off is not available on your subscription plan. Upgrade to use it.', 4031);
    if (!workspace.timeOffOn) throw refuse(403, 'Time off is disabled in this workspace.', 4032);
    return workspace;
  }

  /** The user a path names, if the caller may act for them: themselves, or anyone as an admin. */
  function subject(call: Call, workspace: FakeWorkspace): FakeUser {
    const user = state.users.find((item) => item.id === call.params.userId && item.workspaces.includes(workspace.id));
    if (!user) throw refuse(404, 'User not found', 501);
    if (user.id !== call.user.id && !isAdmin(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    return user;
  }

  const projectVisible = (project: FakeProject, user: FakeUser) =>
    project.public ||
    project.memberIds.includes(user.id) ||
    isAdmin(user, project.workspaceId) ||
    state.userGroups.some((group) => project.groupIds?.includes(group.id) && group.userIds.includes(user.id));

  function paged<T>(call: Call, items: T[], maxSize = settings.maxPageSize, defaultSize = 50): HttpAnswer {
    const page = Math.max(1, Number(call.query.get('page') ?? 1) || 1);
    const size = Math.min(maxSize, settings.maxPageSize, Math.max(1, Number(call.query.get('page-size') ?? defaultSize) || defaultSize));
    const slice = items.slice((page - 1) * size, page * size);
    const last = page * size >= items.length;
    return new HttpAnswer(200, slice, settings.lastPageHeader ? { 'Last-Page': String(last) } : {});
  }

  // ---------------------------------------------------------------------------------------------
  // Presentation

  function entryJson(entry: FakeEntry, hydrated: boolean) {
    const project = state.projects.find((item) => item.id === entry.projectId);
    const task = state.tasks.find((item) => item.id === entry.taskId);
    const objectsOnly = hydrated && settings.hydrated === 'objects';
    return {
      id: entry.id,
      description: entry.description,
      ...(objectsOnly
        ? { tags: entry.tagIds.map((id) => ({ id, name: state.tags.find((tag) => tag.id === id)?.name ?? `Tag ${id.slice(-3)}` })) }
        : { tagIds: entry.tagIds.length > 0 ? entry.tagIds : null, taskId: entry.taskId, projectId: entry.projectId }),
      userId: entry.userId,
      billable: entry.billable,
      workspaceId: entry.workspaceId,
      timeInterval: {
        start: utc(entry.start),
        end: entry.end === null ? null : utc(entry.end),
        duration: entry.end === null ? null : isoDuration(entry.end - entry.start),
      },
      // The READ key of the values (a write names them customFields).
      customFieldValues: valuesJson(entry, state),
      type: entry.type,
      kioskId: null,
      isLocked: entry.isLocked || lockedByApproval(state, entry),
      // GUESS: the hydrated shape (the OpenAPI documents the parameter only): the project and task by id and name.
      ...(hydrated && settings.hydrated
        ? {
            project: project ? { id: project.id, name: project.name, clientId: project.clientId, billable: project.billable } : null,
            task: task ? { id: task.id, name: task.name } : null,
          }
        : {}),
    };
  }

  const clientName = (id: string | null) => state.clients.find((client) => client.id === id)?.name ?? null;
  const projectJson = (project: FakeProject) => ({
    id: project.id,
    name: project.name,
    clientId: project.clientId,
    clientName: clientName(project.clientId),
    workspaceId: project.workspaceId,
    billable: project.billable,
    archived: project.archived,
    public: project.public,
    color: '#03A9F4',
    // memberships: with their rates (fake-clockify-rates.ts).
    // TimeEstimateDto: the estimate "in milliseconds", typed a string. GUESS: digits.
    timeEstimate: project.timeEstimate
      ? { estimate: String(project.timeEstimate.ms), type: 'MANUAL', resetOption: project.timeEstimate.resetOption, active: true, includeNonBillable: true }
      : { estimate: '0', type: 'AUTO', resetOption: null, active: false, includeNonBillable: true },
    budgetEstimate:
      project.budgetEstimate === undefined
        ? null
        : { estimate: project.budgetEstimate, type: 'MANUAL', resetOption: project.budgetReset ?? null, active: true, includeExpenses: false },
    duration: 'PT0S',
    note: project.note ?? '',
    template: false,
    ...projectRatesJson(state.rates, project),
  });
  const taskJson = (task: FakeTask) => ({
    id: task.id,
    name: task.name,
    projectId: task.projectId,
    status: task.status,
    billable: task.billable,
    assigneeIds: [],
    estimate: isoDuration(task.estimateMs ?? 0),
    budgetEstimate: task.budgetEstimate ?? 0,
    duration: 'PT0S',
  });

  /** Days a request costs: the user's working days less holidays; a half day is half. GUESS: Clockify's own count is not documented. */
  function requestDays(request: Pick<FakeTimeOff, 'workspaceId' | 'userId' | 'start' | 'end' | 'halfDay'>): number {
    const user = state.users.find((item) => item.id === request.userId);
    const holidays = new Set(holidaysOf(request.workspaceId, request.userId).flatMap((holiday) => eachDay(holiday.startDate, holiday.endDate)));
    const working = eachDay(request.start, request.end).filter((day) => (user?.workingDays ?? []).includes(dayName(day)) && !holidays.has(day)).length;
    return request.halfDay ? working / 2 : working;
  }

  /**
   * A request as TimeOffRequestFullV1Dto. GUESS: its period is given as instants: the first day's
   * local midnight and the last day's local end (23:59:59.999) in the requester's zone, in UTC.
   */
  function timeOffJson(request: FakeTimeOff) {
    const user = state.users.find((item) => item.id === request.userId);
    const policy = state.policies.find((item) => item.id === request.policyId);
    const zone = user?.timeZone ?? 'UTC';
    const start = wallTimeToEpoch(request.start, '00:00', zone);
    const end = wallTimeToEpoch(addDays(request.end, 1), '00:00', zone) - 1;
    return {
      id: request.id,
      workspaceId: request.workspaceId,
      policyId: request.policyId,
      policyName: policy?.name ?? null,
      userId: request.userId,
      userName: user?.name ?? null,
      userEmail: user?.email ?? null,
      userTimeZone: zone,
      requesterUserId: request.requesterId ?? request.userId,
      requesterUserName: state.users.find((item) => item.id === (request.requesterId ?? request.userId))?.name ?? null,
      note: request.note,
      createdAt: new Date(request.createdAt).toISOString().replace('Z', '000Z'),
      timeUnit: policy?.timeUnit ?? 'DAYS',
      balanceDiff: -requestDays(request),
      status: {
        statusType: request.status,
        changedAt: null,
        changedByUserId: request.changedBy ?? null,
        changedByUserName: state.users.find((item) => item.id === request.changedBy)?.name ?? null,
        note: request.statusNote ?? null,
      },
      timeOffPeriod: {
        period: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
        halfDay: request.halfDay,
        halfDayPeriod: request.halfDayPeriod ?? 'NOT_DEFINED',
        halfDayHours: null,
      },
    };
  }

  const holidaysOf = (workspaceId: string, userId: string) =>
    state.holidays.filter((holiday) => holiday.workspaceId === workspaceId && (holiday.userIds === 'everyone' || holiday.userIds.includes(userId)));

  /** Days used of a balance: approved and pending requests of the policy (GUESS: Clockify counts pending ones too). */
  const usedDays = (balance: FakeBalance) =>
    state.timeOff
      .filter(
        (request) =>
          request.policyId === balance.policyId && request.userId === balance.userId && (request.status === 'APPROVED' || request.status === 'PENDING'),
      )
      .reduce((sum, request) => sum + requestDays(request), 0);

  const policyOpenTo = (policy: FakePolicy, user: FakeUser) =>
    !policy.archived &&
    (policy.everyoneIncludingNew ||
      policy.userIds.includes(user.id) ||
      state.userGroups.some((group) => policy.userGroupIds?.includes(group.id) && group.userIds.includes(user.id)) ||
      state.balances.some((balance) => balance.policyId === policy.id && balance.userId === user.id));

  // ---------------------------------------------------------------------------------------------
  // Time entries

  function entryInWorkspace(call: Call, workspace: FakeWorkspace): FakeEntry {
    const entry = state.entries.find((item) => item.id === call.params.id && item.workspaceId === workspace.id);
    if (!entry) throw refuse(404, 'Time entry not found', 501);
    // GUESS: a regular member is refused colleagues' entries (403); an admin reaches them.
    if (entry.userId !== call.user.id && !isAdmin(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    return entry;
  }

  /** The booking fields of a create or replace, checked as Clockify would (GUESS: wordings). */
  function booking(body: Body, workspace: FakeWorkspace, user: FakeUser): Pick<FakeEntry, 'projectId' | 'taskId' | 'description' | 'billable' | 'tagIds'> {
    let projectId: string | null = null;
    if (body.projectId !== undefined && body.projectId !== null && body.projectId !== '') {
      const project = state.projects.find((item) => item.id === body.projectId && item.workspaceId === workspace.id && projectVisible(item, user));
      if (!project) throw refuse(400, 'Project not found', 501);
      if (project.archived) throw refuse(400, 'Cannot add time to an archived project', 501);
      projectId = project.id;
    }
    let taskId: string | null = null;
    if (body.taskId !== undefined && body.taskId !== null && body.taskId !== '') {
      const task = state.tasks.find((item) => item.id === body.taskId && item.projectId === projectId);
      if (!task) throw refuse(400, 'Task does not belong to the project', 501);
      if (task.status === 'DONE') throw refuse(400, 'Task is done', 501);
      taskId = task.id;
    }
    const description = typeof body.description === 'string' ? body.description : '';
    if (description.length > 3000) throw refuse(400, 'Description is too long');
    if (workspace.settings.forceProjects && !projectId) throw refuse(400, 'Project is required', 501);
    if (workspace.settings.forceTasks && !taskId) throw refuse(400, 'Task is required', 501);
    if (workspace.settings.forceDescription && description.trim() === '') throw refuse(400, 'Description is required', 501);
    const tagIds = Array.isArray(body.tagIds) ? body.tagIds.filter((tag): tag is string => typeof tag === 'string') : [];
    // The OpenAPI's default for billable is false.
    return { projectId, taskId, description, billable: body.billable === true, tagIds };
  }

  /** start (required, GUESS: Clockify's words) and end of a create or replace. */
  function times(body: Body): { start: number; end: number | null } {
    const start = readInstant(body.start);
    if (start === undefined) throw refuse(400, 'start: must be a valid date-time');
    if (body.end === undefined || body.end === null) return { start, end: null };
    const end = readInstant(body.end);
    if (end === undefined) throw refuse(400, 'end: must be a valid date-time');
    if (end < start) throw refuse(400, 'End time must be after start time', 501);
    return { start, end };
  }

  const running = (workspaceId: string, userId: string) =>
    state.entries.find((entry) => entry.workspaceId === workspaceId && entry.userId === userId && entry.end === null);

  // ---------------------------------------------------------------------------------------------
  // Routes

  const routes: Route[] = [];
  const route = (method: string, path: string, handler: Route['handler']) => {
    const names: string[] = [];
    const pattern = new RegExp(
      `^/api/v1${path.replace(/:(\w+)/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    routes.push({ method, pattern, names, handler });
  };

  route('GET', '/user', ({ user }) => ({
    id: user.id,
    name: user.name,
    email: user.email,
    activeWorkspace: user.activeWorkspace,
    defaultWorkspace: user.workspaces[0] ?? null,
    status: 'ACTIVE',
    profilePicture: null,
    memberships: [],
    customFields: [],
    settings: { timeZone: user.timeZone, weekStart: 'MONDAY', dateFormat: 'YYYY-MM-DD', timeFormat: 'HOUR24', lang: 'EN' },
  }));

  /**
   * getWorkspacesOfUser's `roles`: the person's workspaces where they hold any of those named. Owners
   * are not counted as admins by this filter (the OpenAPI says so). GUESS: the list comes as one
   * comma-separated value or repeated, as a Spring server reads either; an unknown role is a 400.
   */
  const rolesAsked = (query: URLSearchParams): string[] | undefined => {
    const asked = query
      .getAll('roles')
      .flatMap((value) => value.split(','))
      .map((role) => role.trim())
      .filter(Boolean);
    if (asked.some((role) => !['WORKSPACE_ADMIN', 'OWNER', 'TEAM_MANAGER', 'PROJECT_MANAGER'].includes(role))) throw refuse(400, 'roles: unknown role');
    return asked.length > 0 ? asked : undefined;
  };
  const holdsOwnRole = (user: FakeUser, workspaceId: string, role: string) =>
    role === 'WORKSPACE_ADMIN' ? roleIn(user, workspaceId) === 'ADMIN' : holdsRole(user, workspaceId, role);
  route('GET', '/workspaces', ({ user, query }) => {
    const roles = rolesAsked(query);
    return state.workspaces
      .filter((workspace) => user.workspaces.includes(workspace.id))
      .filter((workspace) => roles === undefined || roles.some((role) => holdsOwnRole(user, workspace.id, role)))
      .map((workspace) => ({
        id: workspace.id,
        name: workspace.name,
        // GUESS: the plan as the OpenAPI's example shows it, a name.
        featureSubscriptionType: workspace.plan,
        ...(workspace.featuresShown === false ? {} : { features: workspace.features }),
        imageUrl: '',
        memberships: [{ userId: user.id, targetId: workspace.id, membershipType: 'WORKSPACE', membershipStatus: 'ACTIVE' }],
        workspaceSettings: { ...workspace.settings, timeTrackingMode: 'DEFAULT', onlyAdminsCreateProject: true },
      }));
  });

  route('GET', '/workspaces/:workspaceId/member-profile/:userId', (call) => {
    const member = subject(call, workspaceOf(call));
    return {
      name: member.name,
      email: member.email,
      weekStart: 'MONDAY',
      workCapacity: member.workCapacity,
      workingDays: member.workingDays,
      workspaceNumber: member.workspaces.length,
      hasPassword: true,
    };
  });

  route('GET', '/workspaces/:workspaceId/user/:userId/time-entries', (call) => {
    const workspace = workspaceOf(call);
    const project = call.query.get('project');
    // GUESS: a team manager reads the entries of the members they manage; a project manager anyone's
    // on a project they manage, asked for by that project; everyone else as `subject` says.
    const listed = state.users.find((item) => item.id === call.params.userId && item.workspaces.includes(workspace.id));
    const asManager =
      listed !== undefined && (manages(call.user, listed.id, workspace.id) || (project !== null && managesProject(call.user, project, workspace.id)));
    const member = asManager ? listed : subject(call, workspace);
    const hydrated = call.query.get('hydrated') === 'true';
    let entries = state.entries.filter((entry) => entry.workspaceId === workspace.id && entry.userId === member.id);
    if (call.query.get('in-progress') === 'true') entries = entries.filter((entry) => entry.end === null);
    const start = call.query.get('start');
    const end = call.query.get('end');
    const from = start === null ? undefined : readInstant(start);
    const to = end === null ? undefined : readInstant(end);
    if ((start !== null && from === undefined) || (end !== null && to === undefined)) throw refuse(400, 'Invalid date format; use yyyy-MM-ddThh:mm:ssZ');
    // GUESS: start and end select entries by their start; the OpenAPI does not say.
    entries = entries.filter((entry) => (from === undefined || entry.start >= from) && (to === undefined || entry.start <= to));
    if (project) entries = entries.filter((entry) => entry.projectId === project);
    // GUESS: newest first, as Clockify's own lists are.
    return paged(
      call,
      entries.sort((a, b) => b.start - a.start).map((entry) => entryJson(entry, hydrated)),
    );
  });

  route('POST', '/workspaces/:workspaceId/time-entries', (call) => {
    const workspace = workspaceOf(call);
    const { start, end } = times(call.body);
    const fields = booking(call.body, workspace, call.user);
    if (lockedForCaller(workspace, start, isAdmin(call.user, workspace.id))) throw refuse(400, 'Time entry is locked', 501);
    // `customFields` is the write key; the read key `customFieldValues` is taken and dropped (fake-clockify-fields.ts).
    const customFieldValues = newEntryValues(
      sentValues(call.body, workspace, isAdmin(call.user, workspace.id), state, refuse),
      workspace,
      fields.projectId,
      state,
    );
    // A timer starts without its required fields; a finished entry does not.
    if (end !== null) refuseMissingRequired(customFieldValues, workspace, fields.projectId, state, refuse, 'created', isAdmin(call.user, workspace.id));
    // A new entry inside an approved period is taken: the approval locks the period's entries, not the period
    // (fake-clockify-approvals.ts, lockedByApproval).
    if (end === null) {
      // GUESS: a new running entry stops the person's running one where it starts (one timer per person).
      const current = running(workspace.id, call.user.id);
      if (current) current.end = Math.max(current.start, start);
    }
    const entry: FakeEntry = {
      id: newId(0x65),
      workspaceId: workspace.id,
      userId: call.user.id,
      ...fields,
      start,
      end,
      type: call.body.type === 'BREAK' ? 'BREAK' : 'REGULAR',
      isLocked: false,
      customFieldValues,
    };
    state.entries.push(entry);
    return new HttpAnswer(201, entryJson(entry, false));
  });

  route('GET', '/workspaces/:workspaceId/time-entries/:id', (call) =>
    entryJson(entryInWorkspace(call, workspaceOf(call)), call.query.get('hydrated') === 'true'),
  );

  route('PUT', '/workspaces/:workspaceId/time-entries/:id', (call) => {
    const workspace = workspaceOf(call);
    const entry = entryInWorkspace(call, workspace);
    // An approved period locks its entries for everyone, admins included (fake-clockify-approvals.ts).
    if ((entry.isLocked && !isAdmin(call.user, workspace.id)) || lockedByApproval(state, entry)) throw refuse(400, 'Time entry is locked', 501);
    const owner = state.users.find((user) => user.id === entry.userId) ?? call.user;
    const { start, end } = times(call.body);
    // The workspace's lock binds all but admins, for the entry where it is and where it would go (fake-clockify-acting.ts).
    if ([entry.start, start].some((at) => lockedForCaller(workspace, at, isAdmin(call.user, workspace.id)))) throw refuse(400, 'Time entry is locked', 501);
    // GUESS: PUT replaces: a field left out is cleared (tags, task, project, custom field values), billable falls back to false.
    const replaced = booking(call.body, workspace, owner);
    const customFieldValues = sentValues(call.body, workspace, isAdmin(call.user, workspace.id), state, refuse, entry.customFieldValues);
    if (end !== null)
      refuseMissingRequired(
        customFieldValues,
        workspace,
        replaced.projectId,
        state,
        refuse,
        entry.end === null ? 'stopped' : 'updated',
        isAdmin(call.user, workspace.id),
      );
    Object.assign(entry, replaced, { start, end, customFieldValues });
    return entryJson(entry, false);
  });

  route('DELETE', '/workspaces/:workspaceId/time-entries/:id', (call) => {
    const workspace = workspaceOf(call);
    const entry = entryInWorkspace(call, workspace);
    // An approved period locks its entries for everyone, admins included (fake-clockify-approvals.ts).
    if ((entry.isLocked && !isAdmin(call.user, workspace.id)) || lockedByApproval(state, entry)) throw refuse(400, 'Time entry is locked', 501);
    if (lockedForCaller(workspace, entry.start, isAdmin(call.user, workspace.id))) throw refuse(400, 'Time entry is locked', 501);
    state.entries.splice(state.entries.indexOf(entry), 1);
    return new HttpAnswer(204, undefined);
  });

  route('PATCH', '/workspaces/:workspaceId/user/:userId/time-entries', (call) => {
    const workspace = workspaceOf(call);
    const member = subject(call, workspace);
    const end = readInstant(call.body.end);
    if (end === undefined) throw refuse(400, 'end: must be a valid date-time');
    const current = running(workspace.id, member.id);
    // GUESS: no running entry is 404.
    if (!current) throw refuse(404, 'No running time entry', 501);
    if (end < current.start) throw refuse(400, 'End time must be after start time', 501);
    // Clockify holds a timer's required fields when it stops (fake-clockify-fields.ts).
    refuseMissingRequired(current.customFieldValues ?? {}, workspace, current.projectId, state, refuse, 'stopped', isAdmin(call.user, workspace.id));
    current.end = end;
    return entryJson(current, false);
  });

  // Tags (tag.yml): getTags filters by a part of the name (strict-name-search: the whole name, GUESS:
  // without case either way) and leaves archived tags out unless archived=true; createNewTag answers
  // 201 with the tag. GUESS: a second tag of the same name is refused (400), and a workspace that lets
  // only admins make tags refuses a member (403).
  route('GET', '/workspaces/:workspaceId/tags', (call) => {
    const workspace = workspaceOf(call);
    const name = (call.query.get('name') ?? '').toLowerCase();
    const strict = call.query.get('strict-name-search') === 'true';
    const archived = call.query.get('archived') === 'true';
    const found = state.tags.filter(
      (tag) =>
        tag.workspaceId === workspace.id &&
        tag.archived === archived &&
        (name === '' || (strict ? tag.name.toLowerCase() === name : tag.name.toLowerCase().includes(name))),
    );
    return paged(
      call,
      found.map((tag) => ({ id: tag.id, name: tag.name, workspaceId: tag.workspaceId, archived: tag.archived })),
    );
  });
  route('POST', '/workspaces/:workspaceId/tags', (call) => {
    const workspace = workspaceOf(call);
    if (workspace.settings.onlyAdminsCreateTag && !isAdmin(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    const name = typeof call.body.name === 'string' ? call.body.name.trim() : '';
    if (name === '' || name.length > 100) throw refuse(400, 'name: size must be between 1 and 100');
    if (state.tags.some((tag) => tag.workspaceId === workspace.id && tag.name.toLowerCase() === name.toLowerCase())) {
      throw refuse(400, 'Tag with that name already exists', 501);
    }
    const tag: FakeTag = { id: newId(0x74), workspaceId: workspace.id, name, archived: false };
    state.tags.push(tag);
    return new HttpAnswer(201, { id: tag.id, name: tag.name, workspaceId: tag.workspaceId, archived: false });
  });

  route('GET', '/workspaces/:workspaceId/projects', (call) => {
    const workspace = workspaceOf(call);
    const archived = call.query.get('archived');
    // Documented: archived=true only archived ones; left out, both. GUESS: archived=false only active ones.
    const projects = state.projects
      .filter((project) => project.workspaceId === workspace.id && projectVisible(project, call.user))
      .filter((project) => (archived === 'true' ? project.archived : archived === 'false' ? !project.archived : true))
      // `users` with `contains-user`, and `access` (fake-clockify-acting.ts).
      .filter((project) => projectMatches(call.query, project))
      // `userGroups` with `contains-group` (true unless said): the projects that have (or lack) any of those groups among their members.
      .filter((project) => {
        const groups = call.query.getAll('userGroups').flatMap((ids) => ids.split(','));
        if (groups.length === 0) return true;
        return groups.some((id) => project.groupIds?.includes(id)) === (call.query.get('contains-group') !== 'false');
      });
    return paged(call, projects.map(projectJson));
  });

  route('GET', '/workspaces/:workspaceId/projects/:projectId/tasks', (call) => {
    const workspace = workspaceOf(call);
    const project = state.projects.find((item) => item.id === call.params.projectId && item.workspaceId === workspace.id && projectVisible(item, call.user));
    if (!project) throw refuse(404, 'Project not found', 501);
    return paged(call, state.tasks.filter((task) => task.projectId === project.id).map(taskJson));
  });

  route('GET', '/workspaces/:workspaceId/clients', (call) => {
    const workspace = workspaceOf(call);
    const archived = call.query.get('archived');
    const clients = state.clients.filter((client) => client.workspaceId === workspace.id && (archived === null || String(client.archived) === archived));
    return paged(
      call,
      clients.map((client) => ({
        id: client.id,
        name: client.name,
        archived: client.archived,
        workspaceId: client.workspaceId,
        address: null,
        note: null,
        currencyId: null,
      })),
    );
  });

  // What a workspace admin administers: tags' changes, invoices, the catalog's writes (fake-clockify-admin.ts).
  registerAdminRoutes({ route, state, workspaceOf, isAdmin, paged, refuse, projectJson, taskJson });
  // The people's invitations, status and roles, and the user groups (fake-clockify-people.ts).
  registerPeopleRoutes({ route, state, workspaceOf, isAdmin, isTeamManager, paged, refuse });
  registerRateRoutes({ route, state, workspaceOf, isAdmin, refuse, projectJson });
  registerCatalogRoutes({ route, state, workspaceOf, isAdmin, refuse, projectJson });
  registerFieldRoutes({ route, state, workspaceOf, refuse, offPlan: settings.customFieldsOffPlan });
  // The user groups' changes and their projects (fake-clockify-teams.ts).
  registerTeamRoutes({ route, state, workspaceOf, isAdmin, refuse, projectJson });
  registerCorrectionRoutes({ route, state, workspaceOf, isAdmin, refuse });
  // Booking for another person (fake-clockify-acting.ts).
  registerActingRoutes({ route, state, workspaceOf, isAdmin, manages, refuse, times, booking, running, entryJson: (entry) => entryJson(entry, false) });
  registerApprovalRoutes({ route, state, now, workspaceOf, isAdmin, refuse, entryJson: (entry) => entryJson(entry, false) });

  // --- Time off ----------------------------------------------------------------------------------

  route('GET', '/workspaces/:workspaceId/time-off/policies', (call) => {
    const workspace = timeOffWorkspace(call);
    if (!settings.policiesForEveryone && !isAdmin(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    const status = call.query.get('status') ?? 'ACTIVE';
    const policies = state.policies
      .filter((policy) => policy.workspaceId === workspace.id)
      .filter((policy) => (status === 'ALL' ? true : status === 'ARCHIVED' ? policy.archived : !policy.archived));
    return paged(
      call,
      policies.map((policy) => ({
        id: policy.id,
        name: policy.name,
        workspaceId: policy.workspaceId,
        timeUnit: policy.timeUnit,
        allowHalfDay: policy.allowHalfDay,
        allowNegativeBalance: policy.allowNegativeBalance,
        archived: policy.archived,
        everyoneIncludingNew: policy.everyoneIncludingNew,
        userIds: policy.userIds,
        userGroupIds: policy.userGroupIds ?? [],
        approve: {
          requiresApproval: policy.requiresApproval,
          teamManagers: policy.teamManagersApprove === true,
          specificMembers: (policy.approverIds ?? []).length > 0,
          userIds: policy.approverIds ?? [],
        },
        automaticAccrual: null,
        negativeBalance: null,
      })),
      200,
    );
  });

  route('GET', '/workspaces/:workspaceId/time-off/balance/user/:userId', (call) => {
    const workspace = timeOffWorkspace(call);
    const member = subject(call, workspace);
    const balances = state.balances
      .filter((balance) => balance.workspaceId === workspace.id && balance.userId === member.id)
      .map((balance) => {
        const policy = state.policies.find((item) => item.id === balance.policyId);
        const used = usedDays(balance);
        return {
          id: `${balance.policyId}-${balance.userId}`,
          policyId: balance.policyId,
          policyName: policy?.name ?? null,
          policyTimeUnit: policy?.timeUnit ?? 'DAYS',
          policyArchived: policy?.archived ?? false,
          userId: member.id,
          userName: member.name,
          workspaceId: workspace.id,
          total: balance.total,
          used,
          balance: balance.total - used,
          negativeBalanceAmount: 0,
          negativeBalanceLimit: policy?.allowNegativeBalance ?? false,
        };
      });
    const page = Math.max(1, Number(call.query.get('page') ?? 1) || 1);
    const size = Math.min(200, Math.max(1, Number(call.query.get('page-size') ?? 50) || 50));
    return { balances: balances.slice((page - 1) * size, page * size), count: balances.length };
  });

  route('POST', '/workspaces/:workspaceId/time-off/requests', (call) => {
    const workspace = timeOffWorkspace(call);
    const users = Array.isArray(call.body.users) ? call.body.users.filter((id): id is string => typeof id === 'string') : [];
    // Documented: `users` holds unique items (uniqueItems). GUESS: a list naming someone twice is a 400.
    if (new Set(users).size !== users.length) throw refuse(400, 'users: must not contain duplicate elements');
    const onlyOwn = users.length > 0 && users.every((id) => id === call.user.id);
    // GUESS: a regular member may list their own requests only; a team manager theirs and those of the
    // members they manage (others are left out, not refused).
    const teamManager = isTeamManager(call.user, workspace.id);
    if (!onlyOwn && !isAdmin(call.user, workspace.id) && !settings.teamTimeOffForEveryone && !teamManager) throw refuse(403, 'Access Denied');
    const visible = (request: FakeTimeOff) =>
      isAdmin(call.user, workspace.id) ||
      settings.teamTimeOffForEveryone ||
      request.userId === call.user.id ||
      manages(call.user, request.userId, workspace.id);
    const statuses = Array.isArray(call.body.statuses) ? call.body.statuses.filter((status): status is string => typeof status === 'string') : [];
    const wanted = (status: string) => statuses.length === 0 || statuses.includes('ALL') || statuses.includes(status);
    const from = readInstant(call.body.start);
    const to = readInstant(call.body.end);
    if ((call.body.start !== undefined && from === undefined) || (call.body.end !== undefined && to === undefined)) throw refuse(400, 'Invalid date format');
    const pageSize = Number(call.body.pageSize ?? 50);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) throw refuse(400, 'pageSize must be between 1 and 200');
    const page = Math.max(1, Number(call.body.page ?? 1) || 1);
    const matching = state.timeOff
      .filter(
        (request) =>
          request.workspaceId === workspace.id &&
          visible(request) &&
          (users.length === 0 || !settings.usersFilter || users.includes(request.userId)) &&
          wanted(request.status),
      )
      // Documented: start and end select requests created after and before them.
      .filter((request) => (from === undefined || request.createdAt >= from) && (to === undefined || request.createdAt <= to))
      .sort((a, b) => a.createdAt - b.createdAt);
    const answered = matching.slice((page - 1) * pageSize, page * pageSize);
    timeOffRead.push({ users, owners: answered.map((request) => request.userId) });
    return { count: matching.length, requests: answered.map(timeOffJson) };
  });

  /** Files a request of `owner`'s on the policy the path names: their own, or one an admin files for them. */
  const fileTimeOff = (call: Call, workspace: FakeWorkspace, owner: FakeUser) => {
    const policy = state.policies.find((item) => item.id === call.params.policyId && item.workspaceId === workspace.id);
    if (!policy || !policyOpenTo(policy, owner)) throw refuse(404, 'Policy not found', 501);
    const forOther = owner.id !== call.user.id && isAdmin(call.user, workspace.id);
    const period = (call.body.timeOffPeriod as Body | undefined)?.period as Body | undefined;
    const start = period?.start;
    const end = period?.end ?? start;
    // Documented: the period's start and end are 'YYYY-MM-DD'.
    if (!isDate(start) || !isDate(end) || end < start)
      throw refuse(400, 'timeOffPeriod.period: start and end must be dates in YYYY-MM-DD format, end not before start');
    const timeOffPeriod = call.body.timeOffPeriod as Body;
    const halfDay = timeOffPeriod.isHalfDay === true;
    if (halfDay && !policy.allowHalfDay) throw refuse(400, 'Policy does not allow half days', 501);
    // GUESS: a half day is one day; which half is said by halfDayPeriod.
    if (halfDay && start !== end) throw refuse(400, 'Half day time off must be a single day', 501);
    const half = timeOffPeriod.halfDayPeriod;
    if (halfDay && half !== 'FIRST_HALF' && half !== 'SECOND_HALF') throw refuse(400, 'halfDayPeriod must be FIRST_HALF or SECOND_HALF for a half day');
    const overlapping = state.timeOff.some(
      (request) =>
        request.userId === owner.id && request.workspaceId === workspace.id && request.status !== 'REJECTED' && request.start <= end && request.end >= start,
    );
    // GUESS: wording; Clockify refuses overlapping time off.
    if (overlapping) throw refuse(400, 'Time off request overlaps with an existing request', 501);
    const request: FakeTimeOff = {
      id: newId(0x6f),
      workspaceId: workspace.id,
      policyId: policy.id,
      userId: owner.id,
      start,
      end,
      halfDay,
      halfDayPeriod: halfDay ? (half as FakeTimeOff['halfDayPeriod']) : null,
      status: !policy.requiresApproval || (forOther && settings.filedForOthersApproved) ? 'APPROVED' : 'PENDING',
      ...(forOther ? { requesterId: call.user.id } : {}),
      ...(forOther && policy.requiresApproval && settings.filedForOthersApproved ? { changedBy: call.user.id } : {}),
      note: typeof call.body.note === 'string' ? call.body.note : '',
      createdAt: now(),
    };
    // A request beyond the policy's balance is refused unless the policy allows a negative balance
    // (PolicyDtoV1.allowNegativeBalance). GUESS: the status, message and code of the refusal.
    const balance = state.balances.find((item) => item.policyId === policy.id && item.userId === owner.id);
    if (!policy.allowNegativeBalance && (balance ? balance.total - usedDays(balance) : 0) < requestDays(request))
      throw refuse(400, 'Insufficient time off balance', 501);
    state.timeOff.push(request);
    return timeOffJson(request);
  };

  route('POST', '/workspaces/:workspaceId/time-off/policies/:policyId/requests', (call) => fileTimeOff(call, timeOffWorkspace(call), call.user));

  // createTimeOffRequestForOther: the user in the path, the key's user its requester. GUESS: who may (an admin, or the
  // user's team manager) and that a manager's filing waits as the user's own would.
  route('POST', '/workspaces/:workspaceId/time-off/policies/:policyId/users/:userId/requests', (call) => {
    const workspace = timeOffWorkspace(call);
    const owner = state.users.find((item) => item.id === call.params.userId && item.workspaces.includes(workspace.id));
    if (!owner) throw refuse(404, 'User not found', 501);
    if (owner.id !== call.user.id && !isAdmin(call.user, workspace.id) && !manages(call.user, owner.id, workspace.id)) throw refuse(403, 'Access Denied');
    return fileTimeOff(call, workspace, owner);
  });

  route('DELETE', '/workspaces/:workspaceId/time-off/policies/:policyId/requests/:requestId', (call) => {
    const workspace = timeOffWorkspace(call);
    const request = state.timeOff.find(
      (item) => item.id === call.params.requestId && item.policyId === call.params.policyId && item.workspaceId === workspace.id,
    );
    if (!request) throw refuse(404, 'Time off request not found', 501);
    const admin = isAdmin(call.user, workspace.id);
    if (request.userId !== call.user.id && !admin) throw refuse(403, 'Access Denied');
    // GUESS: a member withdraws their pending requests only.
    if (request.status !== 'PENDING' && !admin) throw refuse(400, 'Only pending time off requests can be withdrawn', 501);
    state.timeOff.splice(state.timeOff.indexOf(request), 1);
    const { userName: _u, userEmail: _e, policyName: _p, ...dto } = timeOffJson(request);
    return dto;
  });

  route('PATCH', '/workspaces/:workspaceId/time-off/policies/:policyId/requests/:requestId', (call) => {
    const workspace = timeOffWorkspace(call);
    const request = state.timeOff.find(
      (item) => item.id === call.params.requestId && item.policyId === call.params.policyId && item.workspaceId === workspace.id,
    );
    if (!request) throw refuse(404, 'Time off request not found', 501);
    const policy = state.policies.find((item) => item.id === request.policyId);
    // GUESS: who may decide: an admin, the requester's team manager where the policy has team managers
    // approve, and the members the policy names; nobody their own request. The wordings are guesses too.
    if (request.userId === call.user.id) throw refuse(403, 'You cannot approve or reject your own time off request', 403);
    const approver =
      isAdmin(call.user, workspace.id) ||
      (policy?.teamManagersApprove === true && manages(call.user, request.userId, workspace.id)) ||
      (policy?.approverIds ?? []).includes(call.user.id);
    if (!approver) throw refuse(403, 'Access Denied');
    const status = call.body.status;
    if (status !== 'APPROVED' && status !== 'REJECTED') throw refuse(400, 'status: must be APPROVED or REJECTED');
    if (request.status !== 'PENDING') throw refuse(400, 'Time off request is not pending', 501);
    request.status = status;
    request.statusNote = typeof call.body.note === 'string' ? call.body.note : null;
    request.changedBy = call.user.id;
    const {
      userName: _u,
      userEmail: _e,
      policyName: _p,
      userTimeZone: _z,
      requesterUserId: _r,
      requesterUserName: _n,
      timeUnit: _t,
      ...dto
    } = timeOffJson(request);
    return dto;
  });

  // --- People --------------------------------------------------------------------------------------

  const memberJson = (member: FakeUser, workspaceId?: string) => ({
    id: member.id,
    name: member.name,
    email: member.email,
    status: 'ACTIVE',
    activeWorkspace: member.activeWorkspace,
    defaultWorkspace: member.workspaces[0] ?? null,
    profilePicture: null,
    memberships: [],
    customFields: [],
    settings: { timeZone: member.timeZone, weekStart: 'MONDAY', dateFormat: 'YYYY-MM-DD', timeFormat: 'HOUR24' },
    // getUsersOfWorkspace's `memberships=WORKSPACE`: the member's workspace membership and its status.
    ...(workspaceId
      ? { memberships: [{ userId: member.id, targetId: workspaceId, membershipType: 'WORKSPACE', membershipStatus: membershipStatus(member, workspaceId) }] }
      : {}),
  });
  const peopleOf = (workspace: FakeWorkspace) =>
    state.users
      .filter((member) => member.workspaces.includes(workspace.id))
      .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id));

  route('GET', '/workspaces/:workspaceId/users', (call) => {
    const workspace = workspaceOf(call);
    if (!seesPeople(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    // The OpenAPI marks include-roles as required. GUESS: left out, 400.
    if (call.query.get('include-roles') === null) throw refuse(400, "Required request parameter 'include-roles' is not present");
    const email = call.query.get('email')?.toLowerCase();
    // `status`: the members of that membership status, ALL any; left out, any. `memberships`: WORKSPACE or ALL adds each one's.
    const status = call.query.get('status') ?? 'ALL';
    if (!['PENDING', 'ACTIVE', 'DECLINED', 'INACTIVE', 'ALL'].includes(status)) throw refuse(400, 'status: unknown status');
    const withMemberships = ['WORKSPACE', 'ALL'].includes(call.query.get('memberships') ?? 'NONE');
    return paged(
      call,
      peopleOf(workspace)
        .filter((member) => !email || member.email.toLowerCase().includes(email))
        .filter((member) => status === 'ALL' || membershipStatus(member, workspace.id) === status)
        .map((member) => memberJson(member, withMemberships ? workspace.id : undefined)),
    );
  });

  route('POST', '/workspaces/:workspaceId/users/info', (call) => {
    const workspace = workspaceOf(call);
    // GUESS: filtering the workspace's members is an admin's tool; a manager of either kind is refused
    // it too (the OpenAPI says nothing of who may), the strictest reading a client must survive.
    if (!isAdmin(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    const email = typeof call.body.email === 'string' ? call.body.email.toLowerCase() : '';
    const roles = Array.isArray(call.body.roles) ? call.body.roles.filter((role): role is string => typeof role === 'string') : [];
    const known = ['WORKSPACE_ADMIN', 'OWNER', 'TEAM_MANAGER', 'PROJECT_MANAGER'];
    if (roles.some((role) => !known.includes(role))) throw refuse(400, 'roles: unknown role');
    const pageSize = Number(call.body.pageSize ?? 50);
    const page = Math.max(1, Number(call.body.page ?? 1) || 1);
    if (!Number.isInteger(pageSize) || pageSize < 1) throw refuse(400, 'pageSize: must be at least 1');
    const matching = peopleOf(workspace).filter(
      (member) => member.email.toLowerCase().includes(email) && (roles.length === 0 || roles.some((role) => holdsRole(member, workspace.id, role))),
    );
    const size = Math.min(pageSize, settings.maxPageSize);
    const last = page * size >= matching.length;
    return new HttpAnswer(
      200,
      matching.slice((page - 1) * size, page * size).map((member) => memberJson(member)),
      settings.lastPageHeader ? { 'Last-Page': String(last) } : {},
    );
  });

  route('GET', '/workspaces/:workspaceId/users/:userId/managers', (call) => {
    const workspace = workspaceOf(call);
    const member = state.users.find((item) => item.id === call.params.userId && item.workspaces.includes(workspace.id));
    if (!member) throw refuse(404, 'User not found', 501);
    if (member.id !== call.user.id && !seesPeople(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    const managers = state.teamManagers
      .filter((item) => item.workspaceId === workspace.id && item.memberId === member.id)
      .map((item) => state.users.find((user) => user.id === item.managerId))
      .filter((user): user is FakeUser => user !== undefined);
    return paged(
      call,
      managers.map((member) => memberJson(member)),
    );
  });

  route('GET', '/workspaces/:workspaceId/projects/:projectId', (call) => {
    const workspace = workspaceOf(call);
    const project = state.projects.find((item) => item.id === call.params.projectId && item.workspaceId === workspace.id && projectVisible(item, call.user));
    if (!project) throw refuse(404, 'Project not found', 501);
    return projectJson(project);
  });

  route('GET', '/workspaces/:workspaceId/holidays/in-period', (call) => {
    const workspace = workspaceOf(call);
    const assigned = call.query.get('assigned-to');
    const from = readInstant(call.query.get('start'));
    const to = readInstant(call.query.get('end'));
    if (!assigned || from === undefined || to === undefined) throw refuse(400, 'assigned-to, start and end are required');
    if (assigned !== call.user.id && !isAdmin(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    const first = new Date(from).toISOString().slice(0, 10);
    const last = new Date(to).toISOString().slice(0, 10);
    return holidaysOf(workspace.id, assigned)
      .filter((holiday) => holiday.endDate >= first && holiday.startDate <= last)
      .map((holiday) => ({
        id: holiday.id,
        name: holiday.name,
        workspaceId: holiday.workspaceId,
        datePeriod: { startDate: holiday.startDate, endDate: holiday.endDate },
        occursAnnually: false,
        everyoneIncludingNew: holiday.userIds === 'everyone',
        userIds: holiday.userIds === 'everyone' ? [] : holiday.userIds,
        userGroupIds: [],
      }));
  });

  // ---------------------------------------------------------------------------------------------
  // Dispatch

  /** Over the rate: the documented "Too many requests". GUESS: counted per key and workspace over the last second; no Retry-After unless set. */
  function overRate(user: FakeUser, path: string): HttpAnswer | undefined {
    if (!settings.rateLimit) return undefined;
    const key = `${user.key} ${/\/workspaces\/([^/]+)/.exec(path)?.[1] ?? ''}`;
    const at = performance.now();
    const recent = (sent.get(key) ?? []).filter((time) => at - time < 1_000);
    recent.push(at);
    sent.set(key, recent);
    if (recent.length <= settings.rateLimit.perSecond) return undefined;
    const retry = settings.rateLimit.retryAfterSeconds;
    return new HttpAnswer(429, { message: 'Too many requests', code: 429 }, retry === undefined ? {} : { 'Retry-After': String(retry) });
  }

  /** The order of checks: the key (401), the route (404), the rate (429), the body (400), then the endpoint's own. GUESS: the real order is unknown. */
  function answer(method: string, url: URL, headers: http.IncomingHttpHeaders, text: string): HttpAnswer {
    const key = headers['x-api-key'];
    const user = typeof key === 'string' ? state.users.find((item) => item.key === key) : undefined;
    if (!user) return new HttpAnswer(401, { message: UNAUTHORIZED, code: 1000 });
    let found: { route: Route; params: Record<string, string> } | undefined;
    let pathKnown = false;
    for (const candidate of routes) {
      const match = candidate.pattern.exec(url.pathname);
      if (!match) continue;
      pathKnown = true;
      if (candidate.method !== method) continue;
      found = { route: candidate, params: Object.fromEntries(candidate.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')])) };
      break;
    }
    // GUESS: Spring's own answers for an unknown path and a wrong method.
    if (!found)
      return pathKnown
        ? new HttpAnswer(405, { message: `Request method '${method}' is not supported`, code: 405 })
        : new HttpAnswer(404, { message: 'No static resource found', code: 404 });
    const limited = overRate(user, url.pathname);
    if (limited) return limited;
    let body: Body = {};
    if (text.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          return new HttpAnswer(400, { message: 'Malformed JSON request', code: 400 });
        body = parsed as Body;
      } catch {
        return new HttpAnswer(400, { message: 'Malformed JSON request', code: 400 });
      }
    }
    try {
      const result = found.route.handler({ method, params: found.params, query: url.searchParams, body, user });
      const reply = result instanceof HttpAnswer ? result : new HttpAnswer(200, result);
      // The searches sent as POST (time-off requests, members by filter, invoices) read only.
      const search =
        method === 'POST' && (url.pathname.endsWith('/time-off/requests') || url.pathname.endsWith('/users/info') || url.pathname.endsWith('/invoices/info'));
      if (method !== 'GET' && !search && reply.status < 300) writes.push({ method, path: url.pathname, userId: user.id });
      return reply;
    } catch (error) {
      if (error instanceof Refusal) return error.answer;
      // A bug in the fake: visible as a 500 rather than a hung request.
      return new HttpAnswer(500, { message: String(error), code: 500 });
    }
  }

  /** What happens elsewhere in Clockify when a matching request arrives (beforeNext): each runs once. */
  const meanwhile: Array<{ method?: string | undefined; path: string | RegExp; action: () => void }> = [];
  const server = await startFakeServer({
    requests,
    record: (common) => common,
    respond: (method, url, headers, text): Reply => {
      const due = meanwhile.findIndex(
        (item) =>
          (item.method === undefined || item.method === method) && (typeof item.path === 'string' ? url.pathname === item.path : item.path.test(url.pathname)),
      );
      if (due >= 0) meanwhile.splice(due, 1)[0]?.action();
      const result = answer(method, url, headers, text);
      return jsonReply(result.status, result.body, result.headers);
    },
    failures,
  });

  return {
    url: server.url,
    options: settings,
    state,
    requests,
    writes,
    timeOffRead,
    failNext(match, failure) {
      failures.add(match, failure);
    },
    beforeNext(match, action) {
      meanwhile.push({ method: match.method, path: match.path, action });
    },
    close: () => server.close(),
  };
}

// -------------------------------------------------------------------------------------------------
// A realistic workspace

/** Keys of the seeded people. */
export const ADA_KEY = 'clockify-key-ada-0123456789';
export const BOB_KEY = 'clockify-key-bob-9876543210';
export const CLEO_KEY = 'clockify-key-cleo-5555555555';

/** Ids of what seedWorkspace adds, for tests to name. */
export const SEED = {
  workspaces: { acme: '64a687e29ae1f428e7ebe303', side: '64a687e29ae1f428e7ebe404' },
  users: { ada: '5a0ab5acb07987125438b60f', bob: '5a0ab5acb07987125438b610', cleo: '5a0ab5acb07987125438b611' },
  clients: { acme: '64c777ddd3fcab07cfbb0001' },
  projects: {
    website: '5b641568b07987035750505e',
    internal: '5b641568b07987035750505f',
    legacy: '5b641568b079870357505060',
    secret: '5b641568b079870357505061',
  },
  tasks: {
    design: '64c777ddd3fcab07cfbb1001',
    development: '64c777ddd3fcab07cfbb1002',
    meeting: '64c777ddd3fcab07cfbb1003',
    oldTask: '64c777ddd3fcab07cfbb1004',
  },
  policies: {
    vacation: '64c777ddd3fcab07cfbb2001',
    sick: '64c777ddd3fcab07cfbb2002',
    unpaid: '64c777ddd3fcab07cfbb2003',
    overtime: '64c777ddd3fcab07cfbb2004',
  },
} as const;

const WEEKDAYS: DayName[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];

/** German public holidays of 2026 and 2027 as Acme's Clockify holidays, for everyone. */
function holidays(): FakeHoliday[] {
  const days: Array<[string, string]> = [
    ["New Year's Day", '2026-01-01'],
    ['Good Friday', '2026-04-03'],
    ['Easter Monday', '2026-04-06'],
    ['Labour Day', '2026-05-01'],
    ['Day of German Unity', '2026-10-03'],
    ['Christmas Day', '2026-12-25'],
    ["St. Stephen's Day", '2026-12-26'],
    ["New Year's Day", '2027-01-01'],
    ['Good Friday', '2027-03-26'],
    ['Easter Monday', '2027-03-29'],
    ['Labour Day', '2027-05-01'],
    ['Christmas Day', '2027-12-25'],
  ];
  return days.map(([name, date], index) => ({
    id: `64c777ddd3fcab07cfbb3${String(index).padStart(3, '0')}`,
    workspaceId: SEED.workspaces.acme,
    name,
    startDate: date,
    endDate: date,
    userIds: 'everyone',
  }));
}

/**
 * Seeds two workspaces: Acme (STANDARD plan with time off) where Ada is a regular member (8 h on
 * Mon–Fri, Europe/Berlin), Bob an admin and Cleo a member; and Ada's "Side project" (FREE plan, no
 * time off). Acme has a client, projects (Website: billable, with Design and Development; Internal:
 * not billable, with Meeting and a done task; Legacy: archived; Secret: Bob's only), policies
 * (Vacation with half days, Sick leave without approval nor half days, Unpaid leave without a limit, Overtime in
 * hours), Ada's balances (25 vacation days, 10 sick days), holidays, and time off of Bob's and Cleo's.
 */
export function seedWorkspace(fake: FakeClockify): void {
  const { state } = fake;
  const { workspaces: ws, users: u, projects: p, tasks: t, policies: pol } = SEED;
  state.workspaces.push(
    {
      id: ws.acme,
      name: 'Acme',
      plan: 'STANDARD',
      features: ['TIME_OFF', 'TIME_TRACKING', 'APPROVAL', 'CUSTOM_FIELDS'],
      timeOffOn: true,
      settings: { forceProjects: false, forceTasks: false, forceDescription: false },
    },
    {
      id: ws.side,
      name: 'Side project',
      plan: 'FREE',
      features: ['TIME_TRACKING'],
      timeOffOn: true,
      settings: { forceProjects: false, forceTasks: false, forceDescription: false },
    },
  );
  state.users.push(
    {
      id: u.ada,
      name: 'Ada Lovelace',
      email: 'ada@acme.example',
      key: ADA_KEY,
      timeZone: 'Europe/Berlin',
      activeWorkspace: ws.acme,
      workspaces: [ws.acme, ws.side],
      roles: { [ws.side]: 'OWNER' },
      workCapacity: 'PT8H',
      workingDays: WEEKDAYS,
    },
    {
      id: u.bob,
      name: 'Bob Builder',
      email: 'bob@acme.example',
      key: BOB_KEY,
      timeZone: 'Europe/Berlin',
      activeWorkspace: ws.acme,
      workspaces: [ws.acme],
      roles: { [ws.acme]: 'ADMIN' },
      workCapacity: 'PT8H',
      workingDays: WEEKDAYS,
    },
    {
      id: u.cleo,
      name: 'Cleo Patra',
      email: 'cleo@acme.example',
      key: CLEO_KEY,
      timeZone: 'Europe/London',
      activeWorkspace: ws.acme,
      workspaces: [ws.acme],
      roles: {},
      workCapacity: 'PT6H',
      workingDays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY'],
    },
  );
  state.clients.push({ id: SEED.clients.acme, workspaceId: ws.acme, name: 'Acme Corp', archived: false });
  state.projects.push(
    { id: p.website, workspaceId: ws.acme, name: 'Website', clientId: SEED.clients.acme, archived: false, billable: true, public: true, memberIds: [] },
    { id: p.internal, workspaceId: ws.acme, name: 'Internal', clientId: null, archived: false, billable: false, public: true, memberIds: [] },
    { id: p.legacy, workspaceId: ws.acme, name: 'Legacy', clientId: SEED.clients.acme, archived: true, billable: true, public: true, memberIds: [] },
    { id: p.secret, workspaceId: ws.acme, name: 'Secret', clientId: null, archived: false, billable: false, public: false, memberIds: [u.bob] },
  );
  state.tasks.push(
    { id: t.design, projectId: p.website, name: 'Design', status: 'ACTIVE', billable: true },
    { id: t.development, projectId: p.website, name: 'Development', status: 'ACTIVE', billable: true },
    { id: t.meeting, projectId: p.internal, name: 'Meeting', status: 'ACTIVE', billable: false },
    { id: t.oldTask, projectId: p.internal, name: 'Old task', status: 'DONE', billable: false },
  );
  const policy = (id: string, name: string, extra: Partial<FakePolicy> = {}): FakePolicy => ({
    id,
    workspaceId: ws.acme,
    name,
    timeUnit: 'DAYS',
    allowHalfDay: false,
    allowNegativeBalance: false,
    requiresApproval: true,
    archived: false,
    everyoneIncludingNew: true,
    userIds: [],
    ...extra,
  });
  state.policies.push(
    policy(pol.vacation, 'Vacation', { allowHalfDay: true }),
    policy(pol.sick, 'Sick leave', { requiresApproval: false }),
    policy(pol.unpaid, 'Unpaid leave', { allowNegativeBalance: true, allowHalfDay: true }),
    policy(pol.overtime, 'Overtime hours', { timeUnit: 'HOURS' }),
  );
  state.balances.push(
    { workspaceId: ws.acme, policyId: pol.vacation, userId: u.ada, total: 25 },
    { workspaceId: ws.acme, policyId: pol.sick, userId: u.ada, total: 10 },
    { workspaceId: ws.acme, policyId: pol.unpaid, userId: u.ada, total: 0 },
    { workspaceId: ws.acme, policyId: pol.vacation, userId: u.bob, total: 28 },
    { workspaceId: ws.acme, policyId: pol.vacation, userId: u.cleo, total: 20 },
  );
  state.holidays.push(...holidays());
  const created = Date.parse('2026-10-01T09:00:00Z');
  const request = (id: string, userId: string, start: string, end: string, status: FakeTimeOff['status']): FakeTimeOff => ({
    id,
    workspaceId: ws.acme,
    policyId: pol.vacation,
    userId,
    start,
    end,
    halfDay: false,
    halfDayPeriod: null,
    status,
    note: 'private note',
    createdAt: created,
  });
  state.timeOff.push(
    request('64c777ddd3fcab07cfbb4001', u.bob, '2026-11-23', '2026-11-27', 'APPROVED'),
    request('64c777ddd3fcab07cfbb4002', u.cleo, '2026-11-24', '2026-11-24', 'PENDING'),
    request('64c777ddd3fcab07cfbb4003', u.cleo, '2026-12-14', '2026-12-16', 'APPROVED'),
  );
}

/** Ada's key, workspace and id, for the usual session. */
export const ADA = { key: ADA_KEY, id: SEED.users.ada, workspace: SEED.workspaces.acme } as const;

/** An entry of the person's in the fake's state. */
export function addEntry(fake: FakeClockify, entry: Partial<FakeEntry> & Pick<FakeEntry, 'userId' | 'start'>): FakeEntry {
  const full: FakeEntry = {
    id: newId(0x65),
    workspaceId: SEED.workspaces.acme,
    projectId: null,
    taskId: null,
    description: '',
    billable: false,
    tagIds: [],
    end: null,
    type: 'REGULAR',
    isLocked: false,
    ...entry,
  };
  fake.state.entries.push(full);
  return full;
}

/** A whole-day vacation request of the person's in Acme (pending unless said), made on 10 November 2026. */
export function addTimeOff(fake: FakeClockify, request: Pick<FakeTimeOff, 'userId' | 'start' | 'end'> & Partial<FakeTimeOff>): FakeTimeOff {
  const full: FakeTimeOff = {
    id: newId(0x6f),
    workspaceId: SEED.workspaces.acme,
    policyId: SEED.policies.vacation,
    halfDay: false,
    halfDayPeriod: null,
    status: 'PENDING',
    note: '',
    createdAt: at('2026-11-10', '10:00'),
    ...request,
  };
  fake.state.timeOff.push(full);
  return full;
}

/** The wall time as an instant, for seeding in a person's zone. */
export function at(date: string, time: string, zone = 'Europe/Berlin'): number {
  return wallTimeToEpoch(date, time, zone);
}

/** The local day of an instant, for reading the state. */
export function dayIn(epochMs: number, zone = 'Europe/Berlin'): string {
  return localDay(epochMs, zone);
}

// -------------------------------------------------------------------------------------------------
// A team in Acme

export const MIA_KEY = 'clockify-key-mia-manager-0001';
export const WES_KEY = 'clockify-key-wes-worker-00002';
export const OLGA_KEY = 'clockify-key-olga-owner-00003';
export const PIA_KEY = 'clockify-key-pia-projects-004';

/** Ids of what seedTeam adds. */
export const TEAM = {
  users: { mia: '5a0ab5acb07987125438c001', wes: '5a0ab5acb07987125438c002', olga: '5a0ab5acb07987125438c003', pia: '5a0ab5acb07987125438c004' },
} as const;

/**
 * Adds to seedWorkspace's Acme a team manager (Mia, managing Ada and Cleo), a worker nobody there
 * manages (Wes), the owner (Olga) and a project manager of Website (Pia); the vacation policy has
 * team managers approve.
 */
export function seedTeam(fake: FakeClockify): void {
  const { state } = fake;
  const ws = SEED.workspaces.acme;
  const person = (id: string, name: string, email: string, key: string, roles: Record<string, Role> = {}): FakeUser => ({
    id,
    name,
    email,
    key,
    timeZone: 'Europe/Berlin',
    activeWorkspace: ws,
    workspaces: [ws],
    roles,
    workCapacity: 'PT8H',
    workingDays: WEEKDAYS,
  });
  state.users.push(
    person(TEAM.users.mia, 'Mia Manager', 'mia@acme.example', MIA_KEY),
    person(TEAM.users.wes, 'Wes Worker', 'wes@acme.example', WES_KEY),
    person(TEAM.users.olga, 'Olga Owner', 'olga@acme.example', OLGA_KEY, { [ws]: 'OWNER' }),
    person(TEAM.users.pia, 'Pia Projects', 'pia@acme.example', PIA_KEY),
  );
  state.teamManagers.push(
    { workspaceId: ws, managerId: TEAM.users.mia, memberId: SEED.users.ada },
    { workspaceId: ws, managerId: TEAM.users.mia, memberId: SEED.users.cleo },
  );
  state.projectManagers.push({ workspaceId: ws, managerId: TEAM.users.pia, projectId: SEED.projects.website });
  const vacation = state.policies.find((policy) => policy.id === SEED.policies.vacation);
  if (vacation) vacation.teamManagersApprove = true;
}

/** `count` more regular members of Acme, named "Member 001" and on, each with a key of their own. */
export function addMembers(fake: FakeClockify, count: number): FakeUser[] {
  const added = Array.from({ length: count }, (_, index): FakeUser => {
    const number = String(index + 1).padStart(3, '0');
    return {
      id: `5a0ab5acb07987125439${number.padStart(4, '0')}`,
      name: `Member ${number}`,
      email: `member${number}@acme.example`,
      key: `clockify-key-member-${number}-000000`,
      timeZone: 'Europe/Berlin',
      activeWorkspace: SEED.workspaces.acme,
      workspaces: [SEED.workspaces.acme],
      roles: {},
      workCapacity: 'PT8H',
      workingDays: WEEKDAYS,
    };
  });
  fake.state.users.push(...added);
  return added;
}
