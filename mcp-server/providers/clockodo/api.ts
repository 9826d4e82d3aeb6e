// Clockodo's REST API as Punchcard uses it (docs/back-ends/clockodo.md): one method per endpoint, with
// its request and answer types and what the request is for in words, over the shared remote client.
// Every request carries the person's login and API key in Clockodo's two headers, and the header in
// which Clockodo asks every integration to name itself and a contact. Nothing here decides which
// requests a call makes; the feature modules do.
import type { Page } from '../remote/paging.ts';
import { createRemoteClient, type QueryValue, type RemoteConnection } from '../remote/remote-client.ts';
import { type RefusalFor, remoteRefusal } from '../remote/remote-error.ts';
import type { CatalogKind } from '../time-tracker.ts';
import { CLOCKODO_WORDS, ClockodoError, describeHttpFailure, describeNotJson, type RequestPurpose } from './errors.ts';
import type {
  ClockodoAbsence,
  ClockodoAccess,
  ClockodoClock,
  ClockodoCustomer,
  ClockodoEntry,
  ClockodoMe,
  ClockodoNonbusinessDay,
  ClockodoPaging,
  ClockodoProject,
  ClockodoService,
  ClockodoServiceAccess,
  ClockodoTargetHours,
  ClockodoTeam,
  ClockodoUser,
  ClockodoUserReport,
} from './wire.ts';

export type { QueryValue };

/** Clockodo's largest page of entries, and of catalog and user lists. */
export const ENTRY_PAGE = 1_000;
export const LIST_PAGE = 5_000;
export const USER_PAGE = 1_000;
/** Requests in flight to Clockodo; the community SDK fetches at most three pages at once too. */
const MAX_PARALLEL_REQUESTS = 4;
/** Clockodo's limit for the application header (the community SDK enforces it too). */
const EXTERNAL_APPLICATION_LIMIT = 50;

const CATALOG_PATHS: Record<CatalogKind, string> = { customer: '/v3/customers', project: '/v4/projects', activity: '/v4/services' };

/** A 404 of a record by its number: Clockodo has no such one (contract/outcomes/remote.ts). */
function missing(record: string, id: number, more: { of_yours?: boolean; any_more?: boolean; caveat?: 'not_yours' } = {}): RefusalFor<'not_found'> {
  return remoteRefusal('remote_record_missing', { service: 'Clockodo', record, id, ...more });
}

/** A customer, project or service as Clockodo returns it from a create or an update. */
export type ClockodoCatalogRecord = ClockodoCustomer & ClockodoProject & ClockodoService;

/** Absence statuses Punchcard sets: 3 is "approval cancelled", 4 "request cancelled". */
export type AbsenceStatusChange = 3 | 4;

/**
 * `name;contact e-mail` of the integration, required on every request. Punchcard has no operator of
 * its own to name: each installation is run by the person using it, so their login is the contact
 * Clockodo would reach (it already has it, in X-ClockodoApiUser). A login too long for the limit
 * names its domain's postmaster, which every mail domain has (RFC 5321 §4.5.1).
 */
export function externalApplication(email: string): string {
  const candidates = [`Punchcard;${email}`, `PC;${email}`, `Punchcard;postmaster@${email.slice(email.indexOf('@') + 1)}`];
  return candidates.find((value) => value.length <= EXTERNAL_APPLICATION_LIMIT) ?? (candidates[2] as string);
}

export interface ClockodoApiOptions {
  /** Where Clockodo is, and the person's API key. */
  connection: RemoteConnection;
  email: string;
  /**
   * The login and key are the company owner's, with which the team server acts for a person (acting-api.ts): a
   * refused or missing key is the organisation's to renew, and the refusal never names the owner's login.
   */
  organisation?: boolean;
}

export type ClockodoApi = ReturnType<typeof createClockodoApi>;

export function createClockodoApi(options: ClockodoApiOptions) {
  const { connection, email } = options;
  const { baseUrl } = connection;
  const application = externalApplication(email);
  const client = createRemoteClient<RequestPurpose>({
    ...connection,
    words: CLOCKODO_WORDS,
    maxParallel: MAX_PARALLEL_REQUESTS,
    secretWords: {
      unreadable: (reason) => new ClockodoError('no_token', remoteRefusal('remote_secret_unreadable', { service: 'Clockodo', secret: 'API key', reason })),
      missing: (action) =>
        new ClockodoError(
          'no_token',
          options.organisation ? remoteRefusal('organisation_key_refused', { back_end: 'Clockodo' }) : remoteRefusal('clockodo_key_missing', { email, action }),
        ),
    },
    authenticate: (key) => ({
      headers: {
        'X-ClockodoApiUser': email,
        'X-ClockodoApiKey': key,
        'X-Clockodo-External-Application': application,
        // Legacy endpoints (/targethours, /userreports) answer ISO UTC times only when asked to.
        'X-ClockodoEnableIsoUtcDateTimes': '1',
        'Accept-Language': 'en',
      },
      secrets: [key],
    }),
    describeFailure: (answer, purpose) => describeHttpFailure(answer, purpose, baseUrl, options.organisation ? null : email),
    describeNotJson: (answer) => describeNotJson(baseUrl, answer),
  });
  const call = async <T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    purpose: RequestPurpose,
    extra: { query?: Record<string, QueryValue>; body?: unknown } = {},
  ) => (await client.request<T>({ method, path, purpose, ...extra })).data;
  const teamGone = (id: number) => missing('team', id, { any_more: true });
  const entryNotFound = (id: number) => missing('time entry', id, { caveat: 'not_yours' });
  const noun = (kind: CatalogKind) => (kind === 'activity' ? 'service' : kind);
  /** One page of a v3/v4 list (`{ paging, data }`). */
  const listPage = async <T>(path: string, action: string, query: Record<string, QueryValue>, page: number, size: number): Promise<Page<T>> => {
    const answer = await call<{ data: T[]; paging?: ClockodoPaging }>('GET', path, { action }, { query: { ...query, page, items_per_page: size } });
    return pageOf(answer.data, answer.paging);
  };

  return {
    /** Who pages through lists (providers/remote/paging.ts). */
    pager: { service: client.service, maxParallel: client.maxParallel },

    /** The person and the company in one answer (deprecated by Clockodo; /v4/users/me is the person alone). */
    usersMeAggregate: () => call<ClockodoMe>('GET', '/v2/aggregates/users/me', { action: 'read your Clockodo account' }),
    usersMe: async () => (await call<{ data: ClockodoUser }>('GET', '/v4/users/me', { action: 'read your Clockodo account' })).data,
    usersPage: (scope: string | undefined, page: number, size: number, action = "read your colleagues' names") =>
      listPage<ClockodoUser>('/v3/users', action, { scope }, page, size),
    /** The company's teams, each with its leader's id (a team leader may hold any role). */
    teamsPage: (page: number) => listPage<ClockodoTeam>('/v3/teams', 'read which teams you lead', {}, page, USER_PAGE),

    /** The running clock: the caller's, or with `usersId` that user's (acting-api.ts names the person so). */
    clock: (action = 'read the running timer', usersId?: number) =>
      call<ClockodoClock>('GET', '/v2/clock', { action }, usersId === undefined ? {} : { query: { users_id: usersId } }),
    startClock: (body: Record<string, unknown>) => call<ClockodoClock>('POST', '/v2/clock', { action: 'start the timer' }, { body }),
    stopClock: (id: number, timeUntil?: string, usersId?: number) =>
      call<ClockodoClock>(
        'DELETE',
        `/v2/clock/${id}`,
        { action: 'stop the timer', notFound: remoteRefusal('clockodo_running_timer_gone', { entry: id }) },
        timeUntil === undefined && usersId === undefined
          ? {}
          : { query: { ...(timeUntil === undefined ? {} : { time_until: timeUntil }), ...(usersId === undefined ? {} : { users_id: usersId }) } },
      ),

    async entryPage(filter: Record<string, QueryValue>, page: number, size: number, action = 'read your time entries'): Promise<Page<ClockodoEntry>> {
      const answer = await call<{ entries: ClockodoEntry[]; paging?: ClockodoPaging }>(
        'GET',
        '/v2/entries',
        { action },
        { query: { ...filter, page, items_per_page: size } },
      );
      return pageOf(answer.entries, answer.paging);
    },
    entry: async (id: number) =>
      (await call<{ entry: ClockodoEntry }>('GET', `/v2/entries/${id}`, { action: `read time entry #${id}`, notFound: entryNotFound(id) })).entry,
    createEntry: async (body: Record<string, unknown>) =>
      (await call<{ entry: ClockodoEntry }>('POST', '/v2/entries', { action: 'log the time' }, { body })).entry,
    changeEntry: async (id: number, body: Record<string, unknown>, action: string) =>
      (await call<{ entry: ClockodoEntry }>('PUT', `/v2/entries/${id}`, { action, notFound: entryNotFound(id) }, { body })).entry,
    deleteEntry: (id: number) => call<undefined>('DELETE', `/v2/entries/${id}`, { action: `delete time entry #${id}`, notFound: entryNotFound(id) }),

    customersPage: (page: number) => listPage<ClockodoCustomer>(CATALOG_PATHS.customer, 'list customers', {}, page, LIST_PAGE),
    projectsPage: (page: number) => listPage<ClockodoProject>(CATALOG_PATHS.project, 'list projects', {}, page, LIST_PAGE),
    servicesPage: (page: number) => listPage<ClockodoService>(CATALOG_PATHS.activity, 'list services', {}, page, LIST_PAGE),
    createCatalogItem: async (kind: CatalogKind, body: Record<string, unknown>, name: string) =>
      (await call<{ data: ClockodoCatalogRecord }>('POST', CATALOG_PATHS[kind], { action: `add the ${noun(kind)} "${name}"` }, { body })).data,
    setActive: async (kind: CatalogKind, id: number, active: boolean) =>
      (
        await call<{ data: ClockodoCatalogRecord }>(
          'PUT',
          `${CATALOG_PATHS[kind]}/${id}`,
          { action: `${active ? 'restore' : 'archive'} ${noun(kind)} #${id}`, notFound: missing(noun(kind), id) },
          { body: { active } },
        )
      ).data,
    /** One customer, project or service as Clockodo keeps it (update_catalog_item reads it before a change). */
    catalogItem: async (kind: CatalogKind, id: number) =>
      (
        await call<{ data: ClockodoCatalogRecord }>('GET', `${CATALOG_PATHS[kind]}/${id}`, {
          action: `read the ${noun(kind)} #${id}`,
          notFound: missing(noun(kind), id, { any_more: true }),
        })
      ).data,
    /** Sends the fields given alone (`PUT` changes only what it is sent). */
    updateCatalogItem: async (kind: CatalogKind, id: number, body: Record<string, unknown>, action: string) =>
      (
        await call<{ data: ClockodoCatalogRecord }>(
          'PUT',
          `${CATALOG_PATHS[kind]}/${id}`,
          { action, notFound: missing(noun(kind), id, { any_more: true }) },
          { body },
        )
      ).data,
    access: (userId: number) => call<ClockodoAccess>('GET', `/v2/users/${userId}/access/customers-projects`, { action: 'read what you may book on' }),
    serviceAccess: (userId: number) =>
      call<ClockodoServiceAccess>('GET', `/v2/users/${userId}/access/services`, { action: 'read which services you may book on' }),

    /** Absences of the given years: the person's own with a user filter, all this login may see without. */
    absences: async (years: readonly number[], userId?: number) =>
      (
        await call<{ data: ClockodoAbsence[] }>(
          'GET',
          '/v4/absences',
          { action: userId === undefined ? "read your colleagues' absences" : 'list your absences' },
          {
            query: { ...(userId === undefined ? {} : { 'filter[users_id]': [userId] }), 'filter[year]': years },
          },
        )
      ).data,
    /** Absences of the given years of the people named (acting-api.ts names the people a person reaches so). */
    absencesOf: async (years: readonly number[], userIds: readonly number[], action: string) =>
      (await call<{ data: ClockodoAbsence[] }>('GET', '/v4/absences', { action }, { query: { 'filter[users_id]': userIds, 'filter[year]': years } })).data,
    absence: async (id: number) =>
      (
        await call<{ data: ClockodoAbsence }>('GET', `/v4/absences/${id}`, {
          action: `read absence #${id}`,
          notFound: missing('absence', id, { of_yours: true }),
        })
      ).data,
    /** The absences of the given years the person may decide (`scope=manageableAbsences`). */
    manageableAbsences: async (years: readonly number[]) =>
      (
        await call<{ data: ClockodoAbsence[] }>(
          'GET',
          '/v4/absences',
          { action: 'read the absences you manage' },
          {
            query: { scope: 'manageableAbsences', 'filter[year]': years },
          },
        )
      ).data,
    /**
     * Approves (1) or declines (2) an absence: a status change, which needs absence-management rights. A `note` replaces
     * the absence's note (acting-api.ts sends the person's own with a line after it).
     */
    decideAbsence: async (id: number, status: 1 | 2, note?: string) =>
      (
        await call<{ data: ClockodoAbsence }>(
          'PUT',
          `/v4/absences/${id}`,
          { action: `${status === 1 ? 'approve' : 'decline'} absence #${id}`, notFound: missing('absence', id, { any_more: true }) },
          { body: note === undefined ? { status } : { status, note } },
        )
      ).data,
    createAbsence: async (body: Record<string, unknown>) =>
      (await call<{ data: ClockodoAbsence }>('POST', '/v4/absences', { action: 'file the leave request' }, { body })).data,
    setAbsenceStatus: (id: number, status: AbsenceStatusChange) =>
      call<unknown>(
        'PUT',
        `/v4/absences/${id}`,
        {
          action: status === 3 ? `cancel the approval of absence #${id}` : `withdraw absence #${id}`,
          notFound: missing('absence', id, { of_yours: true }),
        },
        { body: { status } },
      ),
    deleteAbsence: (id: number) =>
      call<undefined>('DELETE', `/v4/absences/${id}`, { action: `withdraw absence #${id}`, notFound: missing('absence', id, { of_yours: true }) }),

    holidaysQuota: async (userId: number, year: number) =>
      (
        await call<{ data: Array<{ users_id?: number; year_since: number; year_until: number | null; count: number }> }>(
          'GET',
          '/v2/holidaysQuota',
          { action: 'read your vacation entitlement' },
          { query: { users_id: userId, year } },
        )
      ).data,
    holidaysCarry: async (userId: number, year: number) =>
      (
        await call<{ data: Array<{ users_id?: number; year: number; count: number }> }>(
          'GET',
          '/v3/holidaysCarry',
          { action: 'read your carried-over vacation' },
          { query: { users_id: userId, year } },
        )
      ).data,
    targetHours: async (userId: number) =>
      (await call<{ targethours: ClockodoTargetHours[] }>('GET', '/targethours', { action: 'read your target hours' }, { query: { users_id: userId } }))
        .targethours,
    nonbusinessDays: async (userId: number, year: number) =>
      (
        await call<{ data: Array<{ users_id: number; days: ClockodoNonbusinessDay[] }> }>(
          'GET',
          '/v2/usersNonbusinessDays',
          { action: 'read your non-business days' },
          {
            query: { year, 'filter[users_id]': [userId] },
          },
        )
      ).data,
    userReport: async (userId: number, year: number) =>
      (await call<{ userreport: ClockodoUserReport }>('GET', `/userreports/${userId}`, { action: 'read your time account' }, { query: { year, type: 0 } }))
        .userreport,

    /** A page of the users with Clockodo's own filters (`filter[active]`), as an owner administers them. */
    userListPage: (query: Record<string, QueryValue>, page: number, size: number, action: string) =>
      listPage<ClockodoUser>('/v3/users', action, query, page, size),
    /** One user, as an owner administers them (admin-people.ts). */
    user: async (id: number, action: string) => (await call<{ data: ClockodoUser }>('GET', `/v3/users/${id}`, { action, notFound: missing('user', id) })).data,
    /** Creates a user at once: Clockodo has no invitation step. */
    createUser: async (body: Record<string, unknown>, action: string) => (await call<{ data: ClockodoUser }>('POST', '/v3/users', { action }, { body })).data,
    /** Sends only the fields given (name, email, role, active, teams_id). */
    updateUser: async (id: number, body: Record<string, unknown>, action: string) =>
      (await call<{ data: ClockodoUser }>('PUT', `/v3/users/${id}`, { action, notFound: missing('user', id, { any_more: true }) }, { body })).data,

    /** Makes a team: its `name`, and its `leader` where one is named. */
    createTeam: async (body: { name: string; leader?: number }, action: string) =>
      (await call<{ data: ClockodoTeam }>('POST', '/v3/teams', { action }, { body })).data,
    /** Sends only the fields given (`name`, `leader`; a leader of null leaves the team without one). */
    updateTeam: async (id: number, body: { name?: string; leader?: number | null }, action: string) =>
      (await call<{ data: ClockodoTeam }>('PUT', `/v3/teams/${id}`, { action, notFound: teamGone(id) }, { body })).data,
    deleteTeam: (id: number, action: string) => call<unknown>('DELETE', `/v3/teams/${id}`, { action, notFound: teamGone(id) }),

    close: () => client.close(),
  };
}

/** A page as Clockodo's `paging` describes it; an answer without one is the whole list. */
function pageOf<T>(items: T[], paging: ClockodoPaging | undefined): Page<T> {
  if (!paging) return { items, pages: 1, total: items.length, size: 0 };
  return { items, pages: paging.count_pages, total: paging.count_items, size: paging.items_per_page };
}
