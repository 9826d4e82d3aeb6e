// Clockify's REST API (v1) as Punchcard uses it (docs/back-ends/clockify.md): one method per
// endpoint, with its request and answer types and what the request is for in words, over the shared
// remote client. Every request carries the person's own API key in X-Api-Key. Clockify counts
// requests per second, so requests are spaced to stay below its limit. Nothing here decides which
// requests a call makes; the feature modules do.
import type { OpenPage } from '../remote/paging.ts';
import { createRemoteClient, type HttpAnswer, type QueryValue, type RemoteConnection } from '../remote/remote-client.ts';
import { type RefusalFor, remoteRefusal } from '../remote/remote-error.ts';
import { clockifyPeopleEndpoints } from './people-api.ts';
import { clockifyAdminEndpoints } from './admin-api.ts';
import { clockifyRateEndpoints } from './rates-api.ts';
import { clockifyCatalogEndpoints } from './catalog-api.ts';
import { clockifyGroupEndpoints } from './groups-api.ts';
import { clockifyCorrectionEndpoints } from './corrections-api.ts';
import { clockifyApprovalEndpoints } from './approvals-api.ts';
import { CLOCKIFY_WORDS, ClockifyError, describeHttpFailure, describeNotJson, type RequestPurpose } from './errors.ts';
import { withIds } from './mapping.ts';
import type {
  ClockifyBalances,
  ClockifyClient,
  ClockifyCustomField,
  ClockifyHoliday,
  ClockifyMemberProfile,
  ClockifyPolicy,
  ClockifyProject,
  ClockifyRole,
  ClockifyTag,
  ClockifyTask,
  ClockifyTimeEntry,
  ClockifyTimeOffRequest,
  ClockifyTimeOffRequests,
  ClockifyUser,
  ClockifyWorkspace,
} from './wire.ts';

/** Items per page asked for: Clockify documents no largest page for these lists (it may keep fewer; the answers say when a page is the last). */
export const LIST_PAGE = 1_000;
/** Managers per page of one member's managers: a first page holds them all. */
const ROLE_PAGE = 50;
/** The largest page of policies, balances and time-off requests (documented: 200). */
export const TIME_OFF_PAGE = 200;
/** Requests in flight to Clockify at once. */
const MAX_PARALLEL_REQUESTS = 4;
/** Clockify's documented limit is 10 requests a second per key (50 for add-ons); Punchcard keeps to it. */
export const MAX_REQUESTS_PER_SECOND = 10;

/** A 404 of a record by its number: Clockify has no such one (contract/outcomes/remote.ts). */
function missing(
  record: string,
  id: number,
  more: { of_yours?: boolean; any_more?: boolean; visible_only?: boolean; caveat?: 'not_yours' | 'withdrawn' },
): RefusalFor<'not_found'> {
  return remoteRefusal('remote_record_missing', { service: 'Clockify', record, id, ...more });
}

export interface ClockifyApiOptions {
  /** Where Clockify is, and the person's API key. */
  connection: RemoteConnection;
  /** Clockify refused a request (401: the key; 403 on a read that decides time off: the module is off or not the person's). */
  onRefused: (status: 401 | 403, purpose: RequestPurpose) => void;
  /**
   * The key is the organisation's, with which the team server acts for a person (acting-api.ts): a refused or missing
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

export type ClockifyApi = ReturnType<typeof createClockifyApi>;

export function createClockifyApi(options: ClockifyApiOptions) {
  const { connection } = options;
  const { baseUrl } = connection;
  const client = createRemoteClient<RequestPurpose>({
    ...connection,
    words: CLOCKIFY_WORDS,
    maxParallel: MAX_PARALLEL_REQUESTS,
    maxPerSecond: connection.perSecond ?? MAX_REQUESTS_PER_SECOND,
    secretWords: {
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
  type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const answer = <T>(method: Method, path: string, purpose: RequestPurpose, extra: { query?: Record<string, QueryValue>; body?: unknown } = {}) =>
    client.request<T>({ method, path: `/v1${path}`, purpose, ...extra });
  const call = async <T>(method: Method, path: string, purpose: RequestPurpose, extra: { query?: Record<string, QueryValue>; body?: unknown } = {}) =>
    (await answer<T>(method, path, purpose, extra)).data;
  /** A page of a list with `page` and `page-size`, as its Last-Page header describes it. */
  const listPage = async <T>(
    path: string,
    purpose: RequestPurpose,
    query: Record<string, QueryValue>,
    page: number,
    size = LIST_PAGE,
  ): Promise<OpenPage<T>> => {
    const got = await answer<T[]>('GET', path, purpose, { query: { ...query, page, 'page-size': size } });
    return { items: listOf(got.data, purpose), last: lastPage(got.headers) };
  };
  /** A list answer, or no answer at all (204); anything else is not Clockify's list. */
  const list = async <T>(path: string, purpose: RequestPurpose, extra: { query?: Record<string, QueryValue> } = {}) =>
    listOf((await answer<T[]>('GET', path, purpose, extra)).data, purpose);
  // A body that is no entry at all is left for the caller, which says so in its words.
  const entryOf = (entry: ClockifyTimeEntry): ClockifyTimeEntry => (entry && typeof entry === 'object' ? withIds(entry) : entry);
  const tracking = (action: string, notFound?: RefusalFor<'not_found'>): RequestPurpose => ({ action, area: 'tracking', ...(notFound ? { notFound } : {}) });
  const timeOff = (action: string, notFound?: RefusalFor<'not_found'>): RequestPurpose => ({ action, area: 'timeOff', ...(notFound ? { notFound } : {}) });
  const timeOffAtAll = (action: string): RequestPurpose => ({ action, area: 'timeOff', decidesTimeOff: true });
  /** A read Punchcard can do without (a workspace may show it to admins only): its refusal says nothing about time off. */
  const account = (action: string): RequestPurpose => ({ action, area: 'account' });
  const entryNotFound = (number: number) => missing('time entry', number, { any_more: true, caveat: 'not_yours' });
  const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;
  const id = encodeURIComponent;

  return {
    /** Who pages through lists (providers/remote/paging.ts). */
    pager: { service: client.service, maxParallel: client.maxParallel },

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

    /** The person's running entry: a list of none or one. */
    runningEntries: async (workspaceId: string, userId: string) =>
      (
        await list<ClockifyTimeEntry>(`${ws(workspaceId)}/user/${id(userId)}/time-entries`, tracking('read the running timer'), {
          query: { 'in-progress': 'true', hydrated: true, page: 1, 'page-size': 1 },
        })
      ).map(withIds),
    entriesPage: async (workspaceId: string, userId: string, filter: EntryFilter, page: number) => {
      const got = await listPage<ClockifyTimeEntry>(
        `${ws(workspaceId)}/user/${id(userId)}/time-entries`,
        tracking('read your time entries'),
        { ...filter, hydrated: true },
        page,
      );
      return { ...got, items: got.items.map(withIds) };
    },
    entry: async (workspaceId: string, entryId: string, number: number) =>
      entryOf(
        await call<ClockifyTimeEntry>('GET', `${ws(workspaceId)}/time-entries/${id(entryId)}`, tracking(`read time entry #${number}`, entryNotFound(number)), {
          query: { hydrated: true },
        }),
      ),
    createEntry: async (workspaceId: string, body: Record<string, unknown>, action: string) =>
      entryOf(await call<ClockifyTimeEntry>('POST', `${ws(workspaceId)}/time-entries`, tracking(action), { body })),
    /**
     * Adds an entry for another member (createForOthers): the team server acting for one person with the
     * organisation's key (acting-api.ts), never the desktop.
     */
    createEntryFor: async (workspaceId: string, userId: string, body: Record<string, unknown>, action: string) =>
      entryOf(await call<ClockifyTimeEntry>('POST', `${ws(workspaceId)}/user/${id(userId)}/time-entries`, tracking(action), { body })),
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
    deleteEntry: (workspaceId: string, entryId: string, number: number) =>
      call<undefined>('DELETE', `${ws(workspaceId)}/time-entries/${id(entryId)}`, tracking(`delete time entry #${number}`, entryNotFound(number))),
    /**
     * The workspace's custom fields of time entries (getCustomFieldsOfWorkspace). Clockify ignores `page-size`
     * and answers the whole list without a Last-Page header, so it is asked once, unpaged.
     */
    customFields: (workspaceId: string) =>
      list<ClockifyCustomField>(`${ws(workspaceId)}/custom-fields`, tracking('read the custom fields of time entries'), {
        query: { 'entity-type': 'TIMEENTRY' },
      }),
    /** The project's own settings of the custom fields (getCustomFieldsOfProject): those whose status or default it changed. */
    projectCustomFields: (workspaceId: string, projectId: string) =>
      list<ClockifyCustomField>(`${ws(workspaceId)}/projects/${id(projectId)}/custom-fields`, tracking("read the project's custom fields")),
    /** Stops the person's running timer at `end`. */
    stopRunning: async (workspaceId: string, userId: string, end: string) =>
      entryOf(
        await call<ClockifyTimeEntry>(
          'PATCH',
          `${ws(workspaceId)}/user/${id(userId)}/time-entries`,
          tracking('stop the timer', remoteRefusal('clockify_running_timer_gone', {})),
          { body: { end } },
        ),
      ),

    /** Archived projects and active ones alike (`archived` left out), for the names of old entries. */
    projectsPage: (workspaceId: string, page: number) => listPage<ClockifyProject>(`${ws(workspaceId)}/projects`, tracking('list projects'), {}, page),
    tasksPage: (workspaceId: string, projectId: string, projectName: string, page: number) =>
      listPage<ClockifyTask>(`${ws(workspaceId)}/projects/${id(projectId)}/tasks`, tracking(`list the tasks of "${projectName}"`), {}, page),
    clientsPage: (workspaceId: string, page: number) => listPage<ClockifyClient>(`${ws(workspaceId)}/clients`, tracking('list clients'), {}, page),

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
    createTimeOff: (workspaceId: string, policyId: string, body: Record<string, unknown>) =>
      call<ClockifyTimeOffRequest>('POST', `${ws(workspaceId)}/time-off/policies/${id(policyId)}/requests`, timeOff('file the time-off request'), { body }),
    /**
     * Files a request for another member (createTimeOffRequestForOther): the team server acting for one person with
     * the organisation's key (acting-api.ts), never the desktop. Clockify names the key's user as its requester.
     */
    createTimeOffFor: (workspaceId: string, policyId: string, userId: string, body: Record<string, unknown>) =>
      call<ClockifyTimeOffRequest>(
        'POST',
        `${ws(workspaceId)}/time-off/policies/${id(policyId)}/users/${id(userId)}/requests`,
        timeOff('file the time-off request'),
        {
          body,
        },
      ),
    /** Withdraws (deletes) a request; Clockify answers with the request as it was. */
    deleteTimeOff: (workspaceId: string, policyId: string, requestId: string, number: number) =>
      call<ClockifyTimeOffRequest | undefined>(
        'DELETE',
        `${ws(workspaceId)}/time-off/policies/${id(policyId)}/requests/${id(requestId)}`,
        timeOff(`withdraw time-off request #${number}`, missing('time-off request', number, { of_yours: true, any_more: true })),
      ),
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
    /** Approves or rejects a request (changeTimeOffRequestStatus), with the note kept with the decision. */
    decideTimeOff: (workspaceId: string, policyId: string, requestId: string, number: number, status: 'APPROVED' | 'REJECTED', note: string | undefined) =>
      call<ClockifyTimeOffRequest>(
        'PATCH',
        `${ws(workspaceId)}/time-off/policies/${id(policyId)}/requests/${id(requestId)}`,
        // Not `timeOff`: a refused decision says the person is no approver, not that time off is off.
        {
          ...account(`${status === 'APPROVED' ? 'approve' : 'reject'} time-off request #${number}`),
          notFound: missing('time-off request', number, { any_more: true, caveat: 'withdrawn' }),
        },
        { body: { status, ...(note ? { note } : {}) } },
      ),
    holidaysInPeriod: (workspaceId: string, userId: string, start: string, end: string) =>
      list<ClockifyHoliday>(`${ws(workspaceId)}/holidays/in-period`, account('read your holidays'), { query: { 'assigned-to': userId, start, end } }),

    /** What a workspace admin administers through Punchcard (admin-api.ts). */
    admin: clockifyAdminEndpoints({ call, listPage }),
    /** The workspace's people as manage_people administers them (people-api.ts). */
    people: clockifyPeopleEndpoints({ call, listPage }),
    /** Hourly and cost rates (rates-api.ts). */
    rates: clockifyRateEndpoints({ call }),
    /** Changes of what a client, project or task keeps (catalog-api.ts). */
    catalogChanges: clockifyCatalogEndpoints({ call }),
    /** The user groups as manage_teams administers them (groups-api.ts). */
    groups: clockifyGroupEndpoints({ call, listPage }),
    /** The workspace's lock and the invoiced mark, for bulk corrections (corrections-api.ts). */
    corrections: clockifyCorrectionEndpoints({ call }),
    /** Timesheet approval requests (approvals-api.ts). */
    approvals: clockifyApprovalEndpoints({ call }),

    close: () => client.close(),
  };
}

/** A list Clockify answered: an array, none for an empty answer; anything else is refused in words. */
function listOf<T>(data: T[] | undefined, purpose: RequestPurpose): T[] {
  if (data === undefined) return [];
  if (!Array.isArray(data)) throw new ClockifyError('wrong_service', remoteRefusal('clockify_not_a_list', { action: purpose.action }));
  return data;
}

/** Clockify's Last-Page header: true on the last page, false before it, undefined where absent. */
export function lastPage(headers: HttpAnswer['headers']): boolean | undefined {
  const value = headers['last-page'];
  const text = (Array.isArray(value) ? value[0] : value)?.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}
