// How Punchcard sends to Harvest's API v2 (docs/back-ends/harvest.md), over the shared remote client: every request
// carries the person's Personal Access Token as a bearer, the Harvest account it is about (`Harvest-Account-Id`) and
// a User-Agent naming Punchcard with a link, which Harvest requires of every integration. Harvest's paths start at
// the host's root (/v2/…). Lists are paged by the links Harvest gives (`links.next`, a cursor), and only where a link
// stays on the address, path and filters asked for. The token's accounts are listed by Harvest ID on its own host,
// derived from the API's address (Harvest's, or a server on this computer), never from a setting. Each capability's
// folder holds the endpoints it alone sends; here are the ones several share.
import { HARVEST_ID_URL, HARVEST_URL } from '../../contract/back-ends/harvest.ts';
import { createRemoteClient, type QueryValue, type RemoteConnection } from '../remote/remote-client.ts';
import { ensureRequests } from '../remote/request-budget.ts';
import { hostOf, remoteRefusal } from '../remote/remote-error.ts';
import { apiUrl } from '../remote/wire.ts';
import {
  describeHttpFailure,
  describeNotJson,
  type FailureContext,
  HARVEST_WORDS,
  HarvestError,
  RATE_WINDOW_MS,
  type RequestPurpose,
  unreadable,
} from './errors.ts';
import { nextPageQuery } from './mapping.ts';
import type {
  HarvestAccounts,
  HarvestClient as HarvestCustomer,
  HarvestCompany,
  HarvestList,
  HarvestProject,
  HarvestProjectAssignment,
  HarvestTask,
  HarvestTimeEntry,
  HarvestUser,
} from './wire.ts';

export type { QueryValue };

/** Harvest's largest page (and its default). */
export const PAGE_SIZE = 2000;
/** Requests in flight to Harvest at once: it allows 100 in 15 seconds, and a call needs a few. */
const MAX_PARALLEL_REQUESTS = 4;
/** The User-Agent Harvest requires: the application's name and a link to it (docs/back-ends/harvest.md, "Every request"). */
export const HARVEST_USER_AGENT = 'Punchcard (https://www.npmjs.com/package/punchcard-mcp)';
/** The setting that names the account, where Harvest ID's list names one no request can carry. */
const ACCOUNT_SETTING = 'provider.account_id';

export interface HarvestApiOptions {
  connection: RemoteConnection;
  /** The Harvest account every request names: the settings', or the only Harvest one the token reaches (resolved before the first request). */
  accountId: () => Promise<string>;
  /** The account id once known, for a refusal's words. */
  knownAccountId: () => string;
  clockAt: FailureContext['clockAt'];
  now: () => number;
}

/** Where Harvest ID is for an API address: Harvest's own for Harvest's API, the same server for one on this computer (a test's). */
export function harvestIdUrl(baseUrl: string): string {
  return new URL(baseUrl).hostname === new URL(HARVEST_URL).hostname ? HARVEST_ID_URL : baseUrl;
}

export type HarvestClient = ReturnType<typeof createHarvestClient>;
export type HarvestApi = HarvestClient['api'];

export function createHarvestClient(options: HarvestApiOptions) {
  const { connection } = options;
  const { baseUrl } = connection;
  let account = '';
  const secretWords = {
    name: 'token',
    unreadable: (reason: string) => new HarvestError('no_token', remoteRefusal('remote_secret_unreadable', { service: 'Harvest', secret: 'token', reason })),
    missing: (action: string) => new HarvestError('no_token', remoteRefusal('harvest_token_missing', { url: baseUrl, action })),
  };
  const failureContext: FailureContext = { baseUrl, accountId: () => account || options.knownAccountId(), clockAt: options.clockAt, now: options.now };
  const common = {
    ...connection,
    words: HARVEST_WORDS,
    maxParallel: MAX_PARALLEL_REQUESTS,
    // A 429 asks for at most the window's rest (HARVEST_WORDS holds it to that): waited out once.
    retryAfterCapMs: RATE_WINDOW_MS,
    secretWords,
    describeFailure: (answer: Parameters<typeof describeHttpFailure>[0], purpose: RequestPurpose) => describeHttpFailure(answer, purpose, failureContext),
    describeNotJson: (answer: Parameters<typeof describeNotJson>[1]) => describeNotJson(baseUrl, answer),
  };
  const client = createRemoteClient<RequestPurpose>({
    ...common,
    root: '',
    // The account id: the settings' (digits only), or the one Harvest ID listed, which could hold anything.
    headerSources: { 'Harvest-Account-Id': { from: 'answer', value: 'account_id', setting: ACCOUNT_SETTING } },
    // The token as a bearer in a header, never in an address; the account by its number; Harvest's required User-Agent.
    authenticate: (token) => ({
      headers: { Authorization: `Bearer ${token}`, 'Harvest-Account-Id': account, 'User-Agent': HARVEST_USER_AGENT },
      secrets: [token],
    }),
  });
  // Harvest ID's list of the token's accounts: no account header (it is what is asked), the same token and User-Agent.
  const idClient = createRemoteClient<RequestPurpose>({
    ...common,
    baseUrl: harvestIdUrl(baseUrl),
    authenticate: (token) => ({ headers: { Authorization: `Bearer ${token}`, 'User-Agent': HARVEST_USER_AGENT }, secrets: [token] }),
  });

  const call = async <T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    purpose: RequestPurpose,
    extra: { query?: Record<string, QueryValue>; body?: unknown } = {},
  ): Promise<T> => {
    // The account is known before anything is sent: every request names it (authenticate reads it).
    if (!account) account = await options.accountId();
    return (await client.request<T>({ method, path, purpose, ...extra })).data;
  };

  /**
   * Every item of a list, page after page by Harvest's `links.next` only, each page held to the call's budget; a link
   * to another address, path or filters stops the list in words, and the token goes nowhere else.
   */
  const list = async <T>(path: string, key: string, filter: Record<string, QueryValue>, action: string): Promise<T[]> => {
    const asked = { ...filter, per_page: PAGE_SIZE };
    const askedUrl = apiUrl(baseUrl, path, asked, '');
    const items: T[] = [];
    let query: Record<string, QueryValue> = asked;
    for (let page = 0; ; page++) {
      if (page > 0) ensureRequests(1, 'Harvest');
      const answer = await call<HarvestList & Record<string, unknown>>('GET', path, { action }, { query });
      const got = answer?.[key];
      if (!Array.isArray(got)) throw unreadable(`a list of ${key.replace(/_/g, ' ')} that is none`);
      items.push(...(got as T[]));
      const next = answer.links?.next;
      if (!next || got.length === 0) return items;
      const nextQuery = nextPageQuery(next, askedUrl);
      if (!nextQuery) throw new HarvestError('wrong_service', remoteRefusal('harvest_next_page_elsewhere', { action, host: linkHost(next) }));
      query = nextQuery;
    }
  };

  const sending = { call, list };
  return {
    ...sending,
    pager: { service: client.service, maxParallel: client.maxParallel },
    api: sharedEndpoints(sending),
    /** Harvest ID's list of the accounts the token reaches (Harvest's and Forecast's). */
    accounts: async () =>
      (await idClient.request<HarvestAccounts>({ method: 'GET', path: '/v2/accounts', purpose: { action: 'list the Harvest accounts your token reaches' } }))
        .data,
    close: () => {
      client.close();
      idClient.close();
    },
  };
}

export interface HarvestSending {
  call<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    purpose: RequestPurpose,
    extra?: { query?: Record<string, QueryValue>; body?: unknown },
  ): Promise<T>;
  list<T>(path: string, key: string, filter: Record<string, QueryValue>, action: string): Promise<T[]>;
}

function linkHost(link: string): string {
  try {
    return hostOf(link);
  } catch {
    return 'an address Punchcard cannot read';
  }
}

/** A 404 of a time entry by its number: gone, or never the person's. */
export const entryNotFound = (id: number) => remoteRefusal('remote_record_missing', { service: 'Harvest', record: 'time entry', id, caveat: 'not_yours' });

/** A filter of a project's entries: always with the project (every list names whom or what it is about). */
export interface ProjectEntryFilter {
  project_id: number;
  from?: string;
  to?: string;
}

/** A filter of the person's entries: always with their id (a manager's token would list everyone's). */
export interface EntryFilter {
  user_id: number;
  from?: string;
  to?: string;
  is_running?: boolean;
  project_id?: number;
}

function sharedEndpoints({ call, list }: HarvestSending) {
  return {
    usersMe: () => call<HarvestUser>('GET', '/v2/users/me', { action: 'read your Harvest profile' }),
    company: () => call<HarvestCompany>('GET', '/v2/company', { action: 'read your Harvest account' }),
    /** The person's active project assignments, each with its task assignments: what they may book on. */
    assignments: () => list<HarvestProjectAssignment>('/v2/users/me/project_assignments', 'project_assignments', {}, 'list the projects you are assigned to'),
    /** The person's entries: every filter names them. */
    entries: (filter: EntryFilter, action = 'read your time entries') => list<HarvestTimeEntry>('/v2/time_entries', 'time_entries', { ...filter }, action),
    /** A project's entries the person may see (an administrator's any, a manager's her own projects'): named by project_id, never by nobody. */
    projectEntries: (filter: ProjectEntryFilter, action: string) => list<HarvestTimeEntry>('/v2/time_entries', 'time_entries', { ...filter }, action),
    entry: (id: number, action = `read time entry #${id}`) => call<HarvestTimeEntry>('GET', `/v2/time_entries/${id}`, { action, notFound: entryNotFound(id) }),
    /**
     * The people Harvest lists to the person (an administrator everyone, a manager with teammates them: its role rules
     * decide), the active ones unless `inactive` is asked too; the team, the people's administration, the rates and the
     * approvals read it.
     */
    users: (filter: { is_active?: boolean }, action = 'list the people Harvest shows you') => list<HarvestUser>('/v2/users', 'users', { ...filter }, action),
    /** One project with its budget and rates (the team's status, the catalog's changes, the rates read it). */
    project: (id: number, action = `read project #${id}`) =>
      call<HarvestProject>('GET', `/v2/projects/${id}`, {
        action,
        notFound: remoteRefusal('remote_record_missing', { service: 'Harvest', record: 'project', id }),
      }),
    /** Changes what a client, project or task keeps: only the fields `body` names (archiving is is_active false, never a deletion). */
    updateClient: (id: number, body: Record<string, unknown>, action: string) =>
      call<HarvestCustomer>(
        'PATCH',
        `/v2/clients/${id}`,
        { action, notFound: remoteRefusal('remote_record_missing', { service: 'Harvest', record: 'customer', id }) },
        { body },
      ),
    updateProject: (id: number, body: Record<string, unknown>, action: string) =>
      call<HarvestProject>(
        'PATCH',
        `/v2/projects/${id}`,
        { action, notFound: remoteRefusal('remote_record_missing', { service: 'Harvest', record: 'project', id }) },
        { body },
      ),
    updateTask: (id: number, body: Record<string, unknown>, action: string) =>
      call<HarvestTask>(
        'PATCH',
        `/v2/tasks/${id}`,
        { action, notFound: remoteRefusal('remote_record_missing', { service: 'Harvest', record: 'activity', id }) },
        { body },
      ),
  };
}
