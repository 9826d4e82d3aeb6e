// How Punchcard sends to Clockify's REST API (v1; docs/back-ends/clockify.md), over the shared remote client: every
// request carries the API key in X-Api-Key, and requests are spaced to stay below Clockify's limit per second. Each
// capability's folder holds the endpoints it alone sends (<capability>/endpoints.ts); here are the ones several
// capabilities, or the person acted for and the context they share, send: one method per endpoint, with its request
// and answer types and what the request is for in words. Nothing here decides which requests a call makes; the parts do.
import type { OpenPage, Page, Pager } from '../remote/paging.ts';
import { type Pacer, pacer } from '../remote/pacing.ts';
import { createRemoteClient, type HttpAnswer, type QueryValue, type RemoteConnection } from '../remote/remote-client.ts';
import { type RefusalFor, remoteRefusal } from '../remote/remote-error.ts';
import { CLOCKIFY_WORDS, ClockifyError, describeHttpFailure, describeNotJson, type RequestPurpose } from './errors.ts';
import { withIds } from './mapping.ts';
import type {
  ClockifyApprovalDetails,
  ClockifyBalances,
  ClockifyCustomField,
  ClockifyMember,
  ClockifyMemberProfile,
  ClockifyPolicy,
  ClockifyProject,
  ClockifyRole,
  ClockifyTag,
  ClockifyTask,
  ClockifyTimeEntry,
  ClockifyTimeOffRequests,
  ClockifyUser,
  ClockifyUserGroup,
  ClockifyWorkspace,
  ListedApprovalState,
  RoleRequest,
} from './wire.ts';
import { quotedLine } from '../../contract/outcomes/quoted-line.ts';

export type { QueryValue };

/** Items per page asked for: Clockify documents no largest page for these lists (it may keep fewer; the answers say when a page is the last). */
export const LIST_PAGE = 1_000;
/** Managers per page of one member's managers: a first page holds them all. */
const ROLE_PAGE = 50;
/** The largest page of policies, balances and time-off requests (documented: 200). */
export const TIME_OFF_PAGE = 200;
/** People per page asked for: Clockify's default is 50 and it names no largest; 200 reads most workspaces in one request. */
export const PEOPLE_PAGE = 200;
/** Projects per page asked for when listing a group's: 200 reads most groups' in one request. */
const GROUP_PROJECTS_PAGE = 200;
/** Timesheet approval requests per page of their list: Clockify's default. Each carries its entries inline, so a page is not made larger. */
export const APPROVAL_PAGE = 50;
/** Requests in flight to Clockify at once. */
const MAX_PARALLEL_REQUESTS = 4;
/** Clockify's documented limit is 10 requests a second per key (50 for add-ons); Punchcard keeps to it. */
export const MAX_REQUESTS_PER_SECOND = 10;

/** A 404 of a record by its number: Clockify has no such one (contract/outcomes/remote.ts). */
export function missing(
  record: string,
  id: number,
  more: { of_yours?: boolean; any_more?: boolean; visible_only?: boolean; caveat?: 'not_yours' | 'withdrawn' },
): RefusalFor<'not_found'> {
  return remoteRefusal('remote_record_missing', { service: 'Clockify', record, id, ...more });
}

/** A request about time tracking. */
export const tracking = (action: string, notFound?: RefusalFor<'not_found'>): RequestPurpose => ({
  action,
  area: 'tracking',
  ...(notFound ? { notFound } : {}),
});
/** A request about time off: its refusal speaks of one policy or one request. */
export const timeOff = (action: string, notFound?: RefusalFor<'not_found'>): RequestPurpose => ({ action, area: 'timeOff', ...(notFound ? { notFound } : {}) });
/** A time-off read every person with time off may make: its refusal means time off is not theirs. */
const timeOffAtAll = (action: string): RequestPurpose => ({ action, area: 'timeOff', decidesTimeOff: true });
/** A read Punchcard can do without (a workspace may show it to admins only), or an administration's request: its refusal says nothing about time off. */
export const account = (action: string, notFound?: RefusalFor<'not_found'>): RequestPurpose => ({ action, area: 'account', ...(notFound ? { notFound } : {}) });
/** A 404 of a time entry by its number: not the person's, or gone. */
export const entryNotFound = (number: number) => missing('time entry', number, { any_more: true, caveat: 'not_yours' });
/** The path of a workspace. */
export const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;
/** An id in a path. */
export const id = encodeURIComponent;
/** A time entry as answered, with its ids read; a body that is no entry at all is left for the caller, which says so in its words. */
export const entryOf = (entry: ClockifyTimeEntry): ClockifyTimeEntry => (entry && typeof entry === 'object' ? withIds(entry) : entry);

const paces = new Map<string, Pacer>();

/**
 * The pace every request on the organisation's key to the Clockify at `baseUrl` passes, in this process (`perSecond`:
 * RemoteConnection's). Clockify counts requests per second per key: on the team server acting for people with the
 * organisation's key, every person's tracker and the organisation account send on that one key, so they keep to one
 * pace per Clockify address, where each person's own key would keep its own. Instances of the team server on one store
 * do not share it (each keeps the limit alone).
 */
export function organisationPace(baseUrl: string, perSecond = MAX_REQUESTS_PER_SECOND): Pacer {
  const key = `${perSecond} ${baseUrl}`;
  let pace = paces.get(key);
  if (!pace) {
    pace = pacer(perSecond);
    paces.set(key, pace);
  }
  return pace;
}

export interface ClockifyApiOptions {
  /** Where Clockify is, and the person's API key. */
  connection: RemoteConnection;
  /** Clockify refused a request (401: the key; 403 on a read that decides time off: the module is off or not the person's). */
  onRefused: (status: 401 | 403, purpose: RequestPurpose) => void;
  /**
   * The key is the organisation's, with which the team server acts for a person (acting.ts): a refused or missing
   * key is the administrator's to renew, and the refusal says so instead of sending the person to their profile.
   */
  organisation?: boolean;
}

/** The time entries a listing asks for: Clockify's start/end filter and an optional project. */
export interface EntryFilter {
  start: string;
  end: string;
  project?: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the endpoints send with: one request, one page of a list, a whole list, and who pages. */
export interface ClockifySending {
  call<T>(method: Method, path: string, purpose: RequestPurpose, extra?: { query?: Record<string, QueryValue>; body?: unknown }): Promise<T>;
  /** A page of a list with `page` and `page-size`, as its Last-Page header describes it. */
  listPage<T>(path: string, purpose: RequestPurpose, query: Record<string, QueryValue>, page: number, size?: number): Promise<OpenPage<T>>;
  /** A list answer, or no answer at all (204); anything else is not Clockify's list. */
  list<T>(path: string, purpose: RequestPurpose, extra?: { query?: Record<string, QueryValue> }): Promise<T[]>;
  readonly pager: Pager;
}

/** The endpoints the capabilities share, as sent (narrowed to the person under an organisation credential: acting.ts). */
export type ClockifyApi = ReturnType<typeof sharedEndpoints>;

/** The client: what the endpoints send with, the endpoints the capabilities share (`api`), and its end. */
export type ClockifyApiClient = ReturnType<typeof createClockifyApiClient>;

/** The client the endpoints send with, and the endpoints the capabilities share. */
export function createClockifyApiClient(options: ClockifyApiOptions) {
  const { connection } = options;
  const { baseUrl } = connection;
  const client = createRemoteClient<RequestPurpose>({
    ...connection,
    words: CLOCKIFY_WORDS,
    maxParallel: MAX_PARALLEL_REQUESTS,
    maxPerSecond: connection.perSecond ?? MAX_REQUESTS_PER_SECOND,
    secretWords: {
      name: 'API key',
      unreadable: (reason) => new ClockifyError('no_token', remoteRefusal('remote_secret_unreadable', { service: 'Clockify', secret: 'API key', reason })),
      missing: (action) =>
        new ClockifyError(
          'no_token',
          options.organisation
            ? remoteRefusal('organisation_key_refused', { back_end: 'Clockify' })
            : remoteRefusal('clockify_key_missing', { url: baseUrl, action }),
        ),
    },
    authenticate: (key) => ({ headers: { 'X-Api-Key': key }, secrets: [key] }),
    describeFailure: (answer, purpose) => {
      if (answer.status === 401 || answer.status === 403) options.onRefused(answer.status, purpose);
      return describeHttpFailure(answer, purpose, baseUrl, options.organisation);
    },
    describeNotJson: (answer) => describeNotJson(baseUrl, answer),
  });
  const answer = <T>(method: Method, path: string, purpose: RequestPurpose, extra: { query?: Record<string, QueryValue>; body?: unknown } = {}) =>
    client.request<T>({ method, path: `/v1${path}`, purpose, ...extra });
  const sending: ClockifySending = {
    call: async <T>(method: Method, path: string, purpose: RequestPurpose, extra: { query?: Record<string, QueryValue>; body?: unknown } = {}) =>
      (await answer<T>(method, path, purpose, extra)).data,
    listPage: async <T>(path: string, purpose: RequestPurpose, query: Record<string, QueryValue>, page: number, size = LIST_PAGE) => {
      const got = await answer<T[]>('GET', path, purpose, { query: { ...query, page, 'page-size': size } });
      return { items: listOf(got.data, purpose), last: lastPage(got.headers) };
    },
    list: async <T>(path: string, purpose: RequestPurpose, extra: { query?: Record<string, QueryValue> } = {}) =>
      listOf((await answer<T[]>('GET', path, purpose, extra)).data, purpose),
    /** Who pages through lists (providers/remote/paging.ts). */
    pager: { service: client.service, maxParallel: client.maxParallel },
  };
  return { ...sending, api: sharedEndpoints(sending), close: () => client.close() };
}

/**
 * The endpoints several capabilities send, or the person acted for and the context they share: the person and their
 * workspaces, their plan's profile, time off's balances, policies and search, a time entry read and replaced, the tags, the
 * custom fields, the projects and their tasks, the members, whom they lead and their time, the people and user groups
 * the person acted for is found among, and the timesheet approval requests.
 */
function sharedEndpoints(sending: ClockifySending) {
  return { ...personEndpoints(sending), ...timeEndpoints(sending), ...timeOffEndpoints(sending), ...teamEndpoints(sending), ...peopleEndpoints(sending) };
}

/** The person the key belongs to, their workspaces and roles, their member profile. */
function personEndpoints({ call, list }: ClockifySending) {
  return {
    /** The person the key belongs to, their active and default workspace and their zone. */
    user: () => call<ClockifyUser>('GET', '/user', account('read your Clockify account')),
    workspaces: () => list<ClockifyWorkspace>('/workspaces', account('list your Clockify workspaces')),
    /**
     * The person's own workspaces in which they hold any of `roles` (getWorkspacesOfUser's filter):
     * a question about themselves, which any member may ask. The list goes comma-separated in the one
     * parameter, as a Spring server reads a list.
     */
    workspacesWithRoles: (roles: readonly ClockifyRole[]) =>
      list<ClockifyWorkspace>('/workspaces', account('read your role in the workspace'), { query: { roles: roles.join(',') } }),
    memberProfile: (workspaceId: string, userId: string) =>
      call<ClockifyMemberProfile>('GET', `${ws(workspaceId)}/member-profile/${id(userId)}`, account('read your work capacity and working days')),
  };
}

/** A time entry read and replaced, the tags, the custom fields, the projects and their tasks. */
function timeEndpoints({ call, list, listPage }: ClockifySending) {
  return {
    entry: async (workspaceId: string, entryId: string, number: number) =>
      entryOf(
        await call<ClockifyTimeEntry>('GET', `${ws(workspaceId)}/time-entries/${id(entryId)}`, tracking(`read time entry #${number}`, entryNotFound(number)), {
          query: { hydrated: true },
        }),
      ),
    /** PUT replaces the entry: `body` carries every field to keep (start is required). */
    replaceEntry: async (workspaceId: string, entryId: string, number: number, body: Record<string, unknown>, action: string) =>
      entryOf(await call<ClockifyTimeEntry>('PUT', `${ws(workspaceId)}/time-entries/${id(entryId)}`, tracking(action, entryNotFound(number)), { body })),
    /**
     * The workspace's tags whose name holds `name` (getTags; `exact`: the whole name), up to 200: the
     * tags of AI agents' own time (domain/agents.ts), which entries name by id only.
     */
    tags: (workspaceId: string, name: string, exact: boolean) =>
      list<ClockifyTag>(`${ws(workspaceId)}/tags`, tracking(`look for the tag ${name}`), {
        query: { name, 'strict-name-search': exact, page: 1, 'page-size': 200 },
      }),
    createTag: (workspaceId: string, name: string) =>
      call<ClockifyTag>('POST', `${ws(workspaceId)}/tags`, tracking(`create the tag ${name}`), { body: { name } }),
    /**
     * The workspace's custom fields of time entries (getCustomFieldsOfWorkspace). Clockify ignores `page-size`
     * and answers the whole list without a Last-Page header, so it is asked once, unpaged.
     */
    customFields: (workspaceId: string) =>
      list<ClockifyCustomField>(`${ws(workspaceId)}/custom-fields`, tracking('read the custom fields of time entries'), {
        query: { 'entity-type': 'TIMEENTRY' },
      }),
    /** Archived projects and active ones alike (`archived` left out), for the names of old entries. */
    projectsPage: (workspaceId: string, page: number) => listPage<ClockifyProject>(`${ws(workspaceId)}/projects`, tracking('list projects'), {}, page),
    tasksPage: (workspaceId: string, projectId: string, projectName: string, page: number) =>
      listPage<ClockifyTask>(`${ws(workspaceId)}/projects/${id(projectId)}/tasks`, tracking(`list the tasks of ${quotedLine(projectName)}`), {}, page),
  };
}

/** Time off's policies, the person's balances, and the search of requests. */
function timeOffEndpoints({ call, listPage }: ClockifySending) {
  return {
    policiesPage: (workspaceId: string, page: number) =>
      listPage<ClockifyPolicy>(`${ws(workspaceId)}/time-off/policies`, account('read the time-off policies'), { status: 'ACTIVE' }, page, TIME_OFF_PAGE),
    balances: (workspaceId: string, userId: string, page: number, size = TIME_OFF_PAGE) =>
      call<ClockifyBalances>('GET', `${ws(workspaceId)}/time-off/balance/user/${id(userId)}`, timeOffAtAll('read your time-off balances'), {
        query: { page, 'page-size': size },
      }),
    /**
     * Time-off requests by the filter's users, statuses and period; a page of up to 200 with the count
     * of all. The person's own (`own`) are theirs to read wherever time off is on; colleagues' only
     * where Clockify shows them to this person.
     */
    timeOffRequests: (workspaceId: string, filter: Record<string, unknown>, page: number, own: boolean) =>
      call<ClockifyTimeOffRequests>(
        'POST',
        `${ws(workspaceId)}/time-off/requests`,
        { ...(own ? timeOffAtAll('list your time-off requests') : account("read your colleagues' time off")), onlyReads: true },
        {
          body: { ...filter, page, pageSize: TIME_OFF_PAGE },
        },
      ),
  };
}

/** The active members, whom they lead, a project, and a colleague's time. */
function teamEndpoints({ call, list, listPage }: ClockifySending) {
  return {
    /** The workspace's active members by name (getUsersOfWorkspace); Clockify shows the list to admins and managers. */
    membersPage: (workspaceId: string, page: number) =>
      listPage<ClockifyUser>(
        `${ws(workspaceId)}/users`,
        account('list the people in your workspace'),
        { status: 'ACTIVE', 'sort-column': 'NAME', 'sort-order': 'ASCENDING', 'include-roles': 'false' },
        page,
      ),
    /** The team managers of one member (getManagersOfUser). */
    managersOf: (workspaceId: string, userId: string, name: string) =>
      list<ClockifyUser>(`${ws(workspaceId)}/users/${id(userId)}/managers`, account(`read who manages ${name}`), {
        query: { page: 1, 'page-size': ROLE_PAGE },
      }),
    /** One project with its estimates and memberships (getProject). */
    project: (workspaceId: string, projectId: string, number: number) =>
      call<ClockifyProject>(
        'GET',
        `${ws(workspaceId)}/projects/${id(projectId)}`,
        tracking(`read project #${number}`, missing('project', number, { visible_only: true })),
      ),
    /** A page of a colleague's entries (getTimeEntries on their id), which admins and their managers may read. */
    memberEntriesPage: async (workspaceId: string, userId: string, name: string, filter: EntryFilter, page: number) => {
      const got = await listPage<ClockifyTimeEntry>(
        `${ws(workspaceId)}/user/${id(userId)}/time-entries`,
        account(`read ${name}'s time entries`),
        { ...filter, hydrated: true },
        page,
      );
      return { ...got, items: got.items.map(withIds) };
    },
  };
}

/** The members with their membership, who holds a role, the user groups and their projects, a role given; the approval requests. */
function peopleEndpoints({ call, listPage }: ClockifySending) {
  return {
    /** A page of the members with their workspace membership, all of them or the active ones, by name. */
    peoplePage: (workspaceId: string, everyone: boolean, page: number, email?: string) =>
      listPage<ClockifyMember>(
        `${ws(workspaceId)}/users`,
        account('list the people in your workspace'),
        {
          status: everyone ? 'ALL' : 'ACTIVE',
          memberships: 'WORKSPACE',
          'sort-column': 'NAME',
          'sort-order': 'ASCENDING',
          'include-roles': 'false',
          ...(email ? { email } : {}),
        },
        page,
        PEOPLE_PAGE,
      ),
    /**
     * The members whose e-mail holds `email` (a part, as Clockify matches it) and who hold any of `roles`
     * (filterUsersOfWorkspace): one member's role, asked by an admin's key, the first page only.
     */
    holdersWithEmail: async (workspaceId: string, roles: readonly ClockifyRole[], email: string): Promise<ClockifyUser[]> => {
      const items = await call<ClockifyUser[]>(
        'POST',
        `${ws(workspaceId)}/users/info`,
        { ...account("read a member's role in your workspace"), onlyReads: true },
        { body: { email, roles, status: 'ALL', page: 1, pageSize: PEOPLE_PAGE } },
      );
      return Array.isArray(items) ? items : [];
    },
    /** A page of the user groups with their team managers (getUserGroups). */
    groupsPage: (workspaceId: string, page: number) =>
      listPage<ClockifyUserGroup>(
        `${ws(workspaceId)}/user-groups`,
        account('list the user groups'),
        { includeTeamManagers: true, 'sort-column': 'NAME', 'sort-order': 'ASCENDING' },
        page,
        PEOPLE_PAGE,
      ),
    /** A page of the projects the group is on, archived ones too (getProjects' `userGroups` with `contains-group`). */
    groupProjectsPage: (workspaceId: string, groupId: string, group: string, page: number) =>
      listPage<ClockifyProject>(
        `${ws(workspaceId)}/projects`,
        account(`list the projects of the user group ${quotedLine(group)}`),
        { userGroups: groupId, 'contains-group': true, 'sort-column': 'NAME', 'sort-order': 'ASCENDING' },
        page,
        GROUP_PROJECTS_PAGE,
      ),
    /** Gives a member a manager role over one user, project, user group or the workspace (createUserRole). */
    giveRole: (workspaceId: string, userId: string, name: string, role: RoleRequest) =>
      call<unknown>(
        'POST',
        `${ws(workspaceId)}/users/${id(userId)}/roles`,
        account(`make ${name} ${role.role}`, remoteRefusal('clockify_role_target_gone', { name })),
        { body: role },
      ),
    /**
     * A page of the timesheet approval requests in one state that the key may see (its person's own; an approver's also
     * those they decide), latest period first (getApprovalRequests: a bare array, sorted and paged).
     */
    approvalsPage: (workspaceId: string, state: ListedApprovalState, page: number) =>
      call<ClockifyApprovalDetails[]>('GET', `${ws(workspaceId)}/approval-requests`, account('list timesheet approval requests'), {
        query: { status: state, 'sort-column': 'START', 'sort-order': 'DESCENDING', page, 'page-size': APPROVAL_PAGE },
      }),
  };
}

/** A list Clockify answered: an array, none for an empty answer; anything else is refused in words. */
function listOf<T>(data: T[] | undefined, purpose: RequestPurpose): T[] {
  if (data === undefined) return [];
  if (!Array.isArray(data)) throw new ClockifyError('wrong_service', remoteRefusal('clockify_not_a_list', { action: purpose.action }));
  return data;
}

/**
 * A page of a list Clockify counts: its pages at the size Punchcard asks for, or at the size the
 * first page shows where Clockify keeps fewer (a first page shorter than the count says).
 */
export function countedPage<T>(items: T[], count: number | null | undefined): Page<T> {
  const total = typeof count === 'number' && Number.isFinite(count) ? count : items.length;
  const size = items.length > 0 && items.length < TIME_OFF_PAGE && total > items.length ? items.length : TIME_OFF_PAGE;
  return { items, pages: Math.max(1, Math.ceil(total / size)), total, size };
}

/** Clockify's Last-Page header: true on the last page, false before it, undefined where absent. */
export function lastPage(headers: HttpAnswer['headers']): boolean | undefined {
  const value = headers['last-page'];
  const text = (Array.isArray(value) ? value[0] : value)?.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}
