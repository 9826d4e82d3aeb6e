// How Punchcard sends to Clockodo's REST API (docs/back-ends/clockodo.md), over the shared remote client: every
// request carries the person's login and API key in Clockodo's two headers, and the header in which Clockodo asks
// every integration to name itself and a contact. Each capability's folder holds the endpoints it alone sends
// (<capability>/endpoints.ts); here are the ones several capabilities, or the person and the account they share,
// send: one method per endpoint, with its request and answer types and what it is for in words. Nothing here
// decides which requests a call makes; the parts do.
import type { Page, Pager } from '../remote/paging.ts';
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
  ClockodoPaging,
  ClockodoProject,
  ClockodoService,
  ClockodoServiceAccess,
  ClockodoTeam,
  ClockodoUser,
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

export const CATALOG_PATHS: Record<CatalogKind, string> = { customer: '/v3/customers', project: '/v4/projects', activity: '/v4/services' };

/** A 404 of a record by its number: Clockodo has no such one (contract/outcomes/remote.ts). */
export function missing(record: string, id: number, more: { of_yours?: boolean; any_more?: boolean; caveat?: 'not_yours' } = {}): RefusalFor<'not_found'> {
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
   * The login and key are the company owner's, with which the team server acts for a person (acting.ts): a
   * refused or missing key is the organisation's to renew, and the refusal never names the owner's login.
   */
  organisation?: boolean;
}

/** The endpoints the capabilities share, as sent (narrowed to the person under an organisation credential: acting.ts). */
export type ClockodoApi = ReturnType<typeof sharedEndpoints>;

/** The client the endpoints send with, and the endpoints the capabilities share. */
export function createClockodoClient(options: ClockodoApiOptions) {
  const { connection, email } = options;
  const { baseUrl } = connection;
  const application = externalApplication(email);
  const client = createRemoteClient<RequestPurpose>({
    ...connection,
    words: CLOCKODO_WORDS,
    maxParallel: MAX_PARALLEL_REQUESTS,
    secretWords: {
      name: 'API key',
      unreadable: (reason) => new ClockodoError('no_token', remoteRefusal('remote_secret_unreadable', { service: 'Clockodo', secret: 'API key', reason })),
      missing: (action) =>
        new ClockodoError(
          'no_token',
          options.organisation ? remoteRefusal('organisation_key_refused', { back_end: 'Clockodo' }) : remoteRefusal('clockodo_key_missing', { email, action }),
        ),
    },
    // The login is the settings' e-mail address: one beyond Latin-1 (an address in another script) is no header's.
    headerSources: {
      'X-ClockodoApiUser': { from: 'settings', name: 'e-mail address' },
      'X-Clockodo-External-Application': { from: 'settings', name: 'e-mail address' },
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
  /** One page of a v3/v4 list (`{ paging, data }`). */
  const listPage = async <T>(path: string, action: string, query: Record<string, QueryValue>, page: number, size: number): Promise<Page<T>> => {
    const answer = await call<{ data: T[]; paging?: ClockodoPaging }>('GET', path, { action }, { query: { ...query, page, items_per_page: size } });
    return pageOf(answer.data, answer.paging);
  };
  const sending: ClockodoSending = {
    call,
    listPage,
    /** Who pages through lists (providers/remote/paging.ts). */
    pager: { service: client.service, maxParallel: client.maxParallel },
  };
  return { ...sending, api: sharedEndpoints(sending), close: () => client.close() };
}

/** What the endpoints send with: one request, one page of a v3/v4 list, and who pages. */
export interface ClockodoSending {
  call<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    purpose: RequestPurpose,
    extra?: { query?: Record<string, QueryValue>; body?: unknown },
  ): Promise<T>;
  listPage<T>(path: string, action: string, query: Record<string, QueryValue>, page: number, size: number): Promise<Page<T>>;
  readonly pager: Pager;
}

/** The client: what the endpoints send with, the endpoints the capabilities share (`api`), and its end. */
export type ClockodoClient = ReturnType<typeof createClockodoClient>;

/** A 404 of a time entry: not the person's, or gone. */
export const entryNotFound = (id: number) => missing('time entry', id, { caveat: 'not_yours' });
/** A 404 of a team. */
export const teamGone = (id: number) => missing('team', id, { any_more: true });
/** Clockodo's word for a kind of catalog item. */
export const catalogNoun = (kind: CatalogKind) => (kind === 'activity' ? 'service' : kind);

/**
 * The endpoints several capabilities send, or the person and the account they share: the identity, the directory,
 * the clock and the entries, the catalog's lists and access maps, absences, and the people an owner administers.
 */
function sharedEndpoints({ call, listPage }: ClockodoSending) {
  return {
    /** The person and the company in one answer (deprecated by Clockodo; /v4/users/me is the person alone). */
    usersMeAggregate: () => call<ClockodoMe>('GET', '/v2/aggregates/users/me', { action: 'read your Clockodo account' }),
    usersMe: async () => (await call<{ data: ClockodoUser }>('GET', '/v4/users/me', { action: 'read your Clockodo account' })).data,
    usersPage: (scope: string | undefined, page: number, size: number, action = "read your colleagues' names") =>
      listPage<ClockodoUser>('/v3/users', action, { scope }, page, size),
    /** The company's teams, each with its leader's id (a team leader may hold any role). */
    teamsPage: (page: number) => listPage<ClockodoTeam>('/v3/teams', 'read which teams you lead', {}, page, USER_PAGE),
    /** One user, as an owner administers them (admin-people.ts). */
    user: async (id: number, action: string) => (await call<{ data: ClockodoUser }>('GET', `/v3/users/${id}`, { action, notFound: missing('user', id) })).data,
    /** The running clock: the caller's, or with `usersId` that user's (acting.ts names the person so). */
    clock: (action = 'read the running timer', usersId?: number) =>
      call<ClockodoClock>('GET', '/v2/clock', { action }, usersId === undefined ? {} : { query: { users_id: usersId } }),
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
    changeEntry: async (id: number, body: Record<string, unknown>, action: string) =>
      (await call<{ entry: ClockodoEntry }>('PUT', `/v2/entries/${id}`, { action, notFound: entryNotFound(id) }, { body })).entry,
    customersPage: (page: number) => listPage<ClockodoCustomer>(CATALOG_PATHS.customer, 'list customers', {}, page, LIST_PAGE),
    projectsPage: (page: number) => listPage<ClockodoProject>(CATALOG_PATHS.project, 'list projects', {}, page, LIST_PAGE),
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
    /** Absences of the given years of the people named (acting.ts names the people a person reaches so). */
    absencesOf: async (years: readonly number[], userIds: readonly number[], action: string) =>
      (await call<{ data: ClockodoAbsence[] }>('GET', '/v4/absences', { action }, { query: { 'filter[users_id]': userIds, 'filter[year]': years } })).data,
    absence: async (id: number) =>
      (
        await call<{ data: ClockodoAbsence }>('GET', `/v4/absences/${id}`, {
          action: `read absence #${id}`,
          notFound: missing('absence', id, { of_yours: true }),
        })
      ).data,
    /** A page of the users with Clockodo's own filters (`filter[active]`), as an owner administers them. */
    userListPage: (query: Record<string, QueryValue>, page: number, size: number, action: string) =>
      listPage<ClockodoUser>('/v3/users', action, query, page, size),
    /** Sends only the fields given (name, email, role, active, teams_id). */
    updateUser: async (id: number, body: Record<string, unknown>, action: string) =>
      (await call<{ data: ClockodoUser }>('PUT', `/v3/users/${id}`, { action, notFound: missing('user', id, { any_more: true }) }, { body })).data,
  };
}

/** A page as Clockodo's `paging` describes it; an answer without one is the whole list. */
function pageOf<T>(items: T[], paging: ClockodoPaging | undefined): Page<T> {
  if (!paging) return { items, pages: 1, total: items.length, size: 0 };
  return { items, pages: paging.count_pages, total: paging.count_items, size: paging.items_per_page };
}
