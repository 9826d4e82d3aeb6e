// How Punchcard sends to Kimai's REST API (docs/back-ends/kimai.md), over the shared remote client: the personal token
// (or the organisation's, under actingFor) as a Bearer header. Each capability's folder holds the endpoints it alone
// sends (<capability>/endpoints.ts); here are the ones several capabilities, or the person and the account they share,
// send: one method per endpoint, with its request and answer types and what it is for in words. Nothing here decides
// which requests a call makes; the parts do.
import type { ProfileOf } from '../../contract/back-end-descriptor.ts';
import type { KIMAI } from '../../contract/back-ends/kimai.ts';
import { headerNumber } from '../remote/json-http.ts';
import type { Page, Pager } from '../remote/paging.ts';
import { createRemoteClient, type QueryValue, type RemoteAnswer, type RemoteConnection } from '../remote/remote-client.ts';
import { type RefusalFor, remoteRefusal } from '../remote/remote-error.ts';
import { remoteConnection, type RemoteTrackerOptions } from '../remote-tracker.ts';
import type { CatalogKind } from '../time-tracker.ts';
import { describeHttpFailure, describeNotJson, KIMAI_WORDS, KimaiError, looksHtml, type RequestPurpose } from './errors.ts';
import type {
  KimaiAbsence,
  KimaiActivity,
  KimaiCustomer,
  KimaiMetaFieldRule,
  KimaiProject,
  KimaiTag,
  KimaiTeam,
  KimaiTimesheet,
  KimaiTimesheetConfig,
  KimaiUser,
  KimaiUserFull,
} from './wire.ts';

export type { QueryValue };

/** A Kimai account's settings, with the lockdown its API does not publish where the settings name it (contract/kimai-lockdown.ts). */
export type KimaiProfile = ProfileOf<typeof KIMAI>;

/** Kimai's largest page (docs/back-ends/kimai.md, "Paging"). */
export const MAX_PAGE_SIZE = 500;
/** Requests in flight to one Kimai: bounds batched work (report pages, leave parts). */
const MAX_PARALLEL_REQUESTS = 4;

export const KIND_PATHS: Record<CatalogKind, string> = { customer: '/customers', project: '/projects', activity: '/activities' };

/** A 404 of a record by its number: Kimai has no such one (contract/outcomes/remote.ts). */
export function missing(record: string, id: number, more: { any_more?: boolean; caveat?: 'not_yours' | 'not_visible' } = {}): RefusalFor<'not_found'> {
  return remoteRefusal('remote_record_missing', { service: 'Kimai', record, id, ...more });
}

/** A 404 of a time entry: not the person's, or gone. */
export const entryNotFound = (id: number) => missing('time entry', id, { caveat: 'not_yours' });

/** Which records a catalog list holds: 1 only visible ones, 3 hidden ones too (their names in old entries). */
export type Visibility = 1 | 3;

/** A customer, project or activity as Kimai returns it from a create or an update. */
export type KimaiCatalogRecord = KimaiCustomer & KimaiProject & KimaiActivity;

export interface KimaiApiOptions {
  /** Where Kimai is, and the person's API token. */
  connection: RemoteConnection;
  /**
   * The token is the organisation's, with which the team server acts for a person (acting.ts): a refused or
   * missing token is the administrator's to renew, and the refusal says so instead of sending the person to their
   * Kimai profile.
   */
  organisation?: boolean;
  caFile?: string;
  allowInsecureTls?: boolean;
}

/** The client at the profile's address with the options' secret (the person's token, or the organisation's under actingFor). */
export function kimaiClientFor(options: RemoteTrackerOptions<KimaiProfile>): KimaiClient {
  const { profile } = options;
  return createKimaiClient({
    connection: remoteConnection(options),
    ...(options.actingFor ? { organisation: true } : {}),
    ...(profile.caFile === undefined ? {} : { caFile: profile.caFile }),
    ...(profile.allowInsecureTls === undefined ? {} : { allowInsecureTls: profile.allowInsecureTls }),
  });
}

/** The client the endpoints send with, and the endpoints the capabilities share. */
export function createKimaiClient(options: KimaiApiOptions) {
  const { connection } = options;
  const { baseUrl } = connection;
  const client = createRemoteClient<RequestPurpose>({
    ...connection,
    words: KIMAI_WORDS,
    maxParallel: MAX_PARALLEL_REQUESTS,
    secretWords: {
      name: 'token',
      unreadable: (reason) => new KimaiError('no_token', remoteRefusal('remote_secret_unreadable', { service: 'Kimai', secret: 'token', reason })),
      missing: (action) =>
        new KimaiError(
          'no_token',
          options.organisation
            ? remoteRefusal('organisation_key_refused', { back_end: 'Kimai' })
            : remoteRefusal('kimai_token_missing', { url: baseUrl, action }),
        ),
    },
    authenticate: (token) => ({ headers: { Authorization: `Bearer ${token}` }, secrets: [token] }),
    // An HTML 404 page at /api/… is a web server that is not Kimai (or a Kimai below another path).
    describeFailure: (answer, purpose) =>
      answer.status === 404 && looksHtml(answer.text) ? describeNotJson(baseUrl, answer) : describeHttpFailure(answer, purpose, baseUrl, options.organisation),
    describeNotJson: (answer) => describeNotJson(baseUrl, answer),
    ...(options.caFile
      ? {
          ca: {
            file: options.caFile,
            unreadable: (file: string, problem: string, purpose: RequestPurpose) =>
              new KimaiError('config', remoteRefusal('kimai_ca_file_unusable', { file, problem, action: purpose.action })),
          },
        }
      : {}),
    ...(options.allowInsecureTls ? { allowInsecureTls: true } : {}),
    insecureWarning:
      `WARNING: TLS certificate checks are OFF for ${baseUrl} (allowInsecureTls). Anyone on the network path ` +
      "can read your Kimai token and data. Use caFile with your Kimai's CA certificate instead.",
  });
  const get = async <T>(path: string, purpose: RequestPurpose, query?: Record<string, QueryValue>) =>
    (await client.request<T>({ method: 'GET', path, purpose, ...(query ? { query } : {}) })).data;
  const send = async <T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, purpose: RequestPurpose, body?: unknown, query?: Record<string, QueryValue>) =>
    (await client.request<T>({ method, path, purpose, ...(body === undefined ? {} : { body }), ...(query ? { query } : {}) })).data;
  /** One page of a paged list with Kimai's paging headers; a page past the last one is undefined (Kimai answers 404 there). */
  const pageOf = async <T>(path: string, query: Record<string, QueryValue>, page: number, purpose: RequestPurpose): Promise<Page<T> | undefined> => {
    try {
      const answer = await client.request<T[]>({ method: 'GET', path, query, purpose });
      return {
        items: answer.data,
        total: headerNumber(answer.headers, 'X-Total-Count') ?? answer.data.length,
        pages: headerNumber(answer.headers, 'X-Total-Pages') ?? 1,
        size: headerNumber(answer.headers, 'X-Per-Page') ?? 0,
      };
    } catch (error) {
      if (error instanceof KimaiError && error.failure === 'not_found' && page > 1) return undefined;
      throw error;
    }
  };
  const sending: KimaiSending = {
    baseUrl,
    get,
    send,
    pageOf,
    answer: (path, purpose) => client.request({ method: 'GET', path, purpose }),
    /** Who pages through lists (providers/remote/paging.ts). */
    pager: { service: client.service, maxParallel: client.maxParallel },
  };
  return { ...sending, api: sharedEndpoints(sending), close: () => client.close() };
}

/** What the endpoints send with: a read, a write, one page of a paged list, a read with its whole answer, and who pages. */
export interface KimaiSending {
  readonly baseUrl: string;
  get<T>(path: string, purpose: RequestPurpose, query?: Record<string, QueryValue>): Promise<T>;
  send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, purpose: RequestPurpose, body?: unknown, query?: Record<string, QueryValue>): Promise<T>;
  pageOf<T>(path: string, query: Record<string, QueryValue>, page: number, purpose: RequestPurpose): Promise<Page<T> | undefined>;
  answer<T>(path: string, purpose: RequestPurpose): Promise<RemoteAnswer<T>>;
  readonly pager: Pager;
}

/** The client: what the endpoints send with, the endpoints the capabilities share (`api`), and its end. */
export type KimaiClient = ReturnType<typeof createKimaiClient>;

/** The endpoints the capabilities share, as sent (narrowed to the person under an organisation credential: acting.ts). */
export type KimaiApi = ReturnType<typeof sharedEndpoints>;

/**
 * The endpoints several capabilities send, or the person and the account they share: the profile and the settings,
 * timesheets read and changed, tags, the catalog's lists, the custom-fields plugin's rules, the ApprovalBundle's weeks,
 * absences listed, the teams and the directory.
 */
function sharedEndpoints({ get, send, pageOf }: KimaiSending) {
  return {
    /** The person behind the token: id, name, roles and the zone of their Kimai profile. */
    me: () => get<KimaiUser>('/users/me', { action: 'read your Kimai profile' }),
    /** How this Kimai records time (the tracking mode, the running-timer limit). */
    timesheetConfig: () => get<KimaiTimesheetConfig>('/config/timesheet', { action: 'read the timesheet settings' }),
    /** One page of timesheets; a page past the last one is undefined (Kimai answers 404 there). */
    timesheetPage(
      filter: Record<string, QueryValue>,
      page: number,
      size: number,
      orderBy: 'begin' | 'end',
      order: 'ASC' | 'DESC',
      purpose: RequestPurpose = { action: 'read your time entries' },
    ): Promise<Page<KimaiTimesheet> | undefined> {
      return pageOf<KimaiTimesheet>('/timesheets', { ...filter, page, size, orderBy, order }, page, purpose);
    },
    timesheet: (id: number) => get<KimaiTimesheet>(`/timesheets/${id}`, { action: `read time entry #${id}`, notFound: entryNotFound(id) }),
    patchTimesheet: (id: number, body: Record<string, unknown>, purpose: RequestPurpose) =>
      send<KimaiTimesheet>('PATCH', `/timesheets/${id}`, { ...purpose, notFound: entryNotFound(id) }, body),
    /** Visible tags whose name holds `name` (docs/back-ends/kimai.md, "Tags"). */
    findTags: (name: string) => get<KimaiTag[]>('/tags/find', { action: `look for the tag ${name}` }, { name }),
    /** A visible tag: without `visible: true` Kimai makes a hidden one, which a timesheet cannot name. */
    createTag: (name: string, color?: string) =>
      send<KimaiTag>('POST', '/tags', { action: `create the tag ${name}` }, { name, ...(color === undefined ? {} : { color }), visible: true }),
    customers: (visible: Visibility) => get<KimaiCustomer[]>('/customers', { action: 'list customers' }, { visible }),
    /** ignoreDates: a project outside its date range is still bookable by id, and listed. */
    projects: (visible: Visibility) => get<KimaiProject[]>('/projects', { action: 'list projects' }, { visible, ignoreDates: 1 }),
    activities: (visible: Visibility) => get<KimaiActivity[]>('/activities', { action: 'list activities' }, { visible }),
    /**
     * The custom-fields plugin's rules for timesheets (docs/back-ends/kimai.md, "Meta fields"). Without the plugin its
     * route is not there (404): an optional read (entry-fields/entry-fields.ts), no fields then.
     */
    metaFieldRules: async (): Promise<KimaiMetaFieldRule[]> => {
      const rules = await get<unknown>('/metafields', { action: 'read the custom fields of timesheets' }, { entity: 'timesheet' });
      return Array.isArray(rules) ? (rules as KimaiMetaFieldRule[]) : [];
    },
    // The ApprovalBundle plugin (docs/back-ends/kimai.md, "Timesheet approvals"): each answer is a bare JSON
    // string (a week's status, translated; a Monday; a page's URL); `user` left out is the caller.
    /** The status of the week holding `date`, in the words of the caller's language. */
    weekStatus: (query: { date: string; user?: number }, action = 'read the approval status of a week') =>
      get<unknown>('/approval-bundle/week-status', { action }, query),
    /** The Monday of the first week still to submit; a 404 where the person has no weeks at all. */
    nextWeek: (user?: number) => get<unknown>('/approval-bundle/next-week', { action: 'read the next week to submit' }, user === undefined ? {} : { user }),
    absences: (query: Record<string, QueryValue>, purpose: RequestPurpose = { action: 'list your absences' }) =>
      get<KimaiAbsence[]>('/absences', purpose, query),
    /** Every team (view_team: administrators). */
    teams: () => get<KimaiTeam[]>('/teams', { action: 'list the teams' }),
    /** A team with its members: administrators, and the team's own leads. */
    team: (id: number) => get<KimaiTeam>(`/teams/${id}`, { action: `read the members of team #${id}`, notFound: missing('team', id) }),
    /** Every account (view_user: super administrators as Kimai ships); `visible` 1 enabled, 2 disabled, 3 all; not paged. */
    users: (visible: 1 | 2 | 3) => get<KimaiUserFull[]>('/users', { action: 'list the people' }, { visible, full: 'true', orderBy: 'alias' }),
  };
}
