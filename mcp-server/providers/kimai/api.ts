// Kimai's REST API as Punchcard uses it (docs/back-ends/kimai.md): one method per endpoint, with its
// request and answer types and what the request is for in words, over the shared remote client (the
// personal token as a Bearer header). Nothing here decides which requests a call makes; the feature
// modules do.
import { headerNumber } from '../remote/json-http.ts';
import type { Page } from '../remote/paging.ts';
import { createRemoteClient, type QueryValue, type RemoteConnection } from '../remote/remote-client.ts';
import { type RefusalFor, remoteRefusal } from '../remote/remote-error.ts';
import { isObject } from '../remote/wire.ts';
import type { CatalogKind } from '../time-tracker.ts';
import { describeHttpFailure, describeNotJson, KIMAI_WORDS, KimaiError, looksHtml, type RequestPurpose } from './errors.ts';
import type {
  KimaiAbsence,
  KimaiActivity,
  KimaiCatalogDetails,
  KimaiCustomer,
  KimaiInvoice,
  KimaiProject,
  KimaiRate,
  KimaiTag,
  KimaiTeam,
  KimaiMetaFieldRule,
  KimaiTimesheet,
  KimaiTimesheetConfig,
  KimaiUser,
  KimaiUserFull,
} from './wire.ts';

export type { QueryValue };

/** Kimai's largest page (docs/back-ends/kimai.md, "Paging"). */
export const MAX_PAGE_SIZE = 500;
/** Requests in flight to one Kimai: bounds batched work (report pages, leave parts). */
const MAX_PARALLEL_REQUESTS = 4;

const KIND_PATHS: Record<CatalogKind, string> = { customer: '/customers', project: '/projects', activity: '/activities' };

/** A 404 of a record by its number: Kimai has no such one (contract/outcomes/remote.ts). */
function missing(record: string, id: number, more: { any_more?: boolean; caveat?: 'not_yours' | 'not_visible' } = {}): RefusalFor<'not_found'> {
  return remoteRefusal('remote_record_missing', { service: 'Kimai', record, id, ...more });
}

/** Which records a catalog list holds: 1 only visible ones, 3 hidden ones too (their names in old entries). */
export type Visibility = 1 | 3;

/** A customer, project or activity as Kimai returns it from a create or an update. */
export type KimaiCatalogRecord = KimaiCustomer & KimaiProject & KimaiActivity;

export interface KimaiApiOptions {
  /** Where Kimai is, and the person's API token. */
  connection: RemoteConnection;
  /**
   * The token is the organisation's, with which the team server acts for a person (acting-api.ts): a refused or
   * missing token is the administrator's to renew, and the refusal says so instead of sending the person to their
   * Kimai profile.
   */
  organisation?: boolean;
  caFile?: string;
  allowInsecureTls?: boolean;
}

export type KimaiApi = ReturnType<typeof createKimaiApi>;

export function createKimaiApi(options: KimaiApiOptions) {
  const { connection } = options;
  const { baseUrl } = connection;
  const client = createRemoteClient<RequestPurpose>({
    ...connection,
    words: KIMAI_WORDS,
    maxParallel: MAX_PARALLEL_REQUESTS,
    secretWords: {
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
  const entryNotFound = (id: number) => missing('time entry', id, { caveat: 'not_yours' });
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

  return {
    baseUrl,
    /** Who pages through lists (providers/remote/paging.ts). */
    pager: { service: client.service, maxParallel: client.maxParallel },

    /**
     * Kimai's version. /version needs valid credentials, so this one request tells a Kimai with a bad
     * token (401) from a server that is not Kimai (HTML, a 404 of its own, or other JSON).
     */
    async version(): Promise<string> {
      const notKimai = (status: number) => new KimaiError('wrong_service', remoteRefusal('kimai_not_kimai', { url: baseUrl }), status);
      const answer = await client
        .request<unknown>({ method: 'GET', path: '/version', purpose: { action: 'read the Kimai version' } })
        .catch((error: unknown) => {
          // A 404 of its own at /api/version: a server, but not a Kimai (the connection test's verdict is a wrong URL either way).
          throw error instanceof KimaiError && error.failure === 'not_found' ? notKimai(404) : error;
        });
      if (isObject(answer.data) && typeof answer.data.version === 'string') return answer.data.version;
      throw notKimai(answer.status);
    },
    /** The person behind the token: id, name, roles and the zone of their Kimai profile. */
    me: () => get<KimaiUser>('/users/me', { action: 'read your Kimai profile' }),
    /** How this Kimai records time (the tracking mode, the running-timer limit). */
    timesheetConfig: () => get<KimaiTimesheetConfig>('/config/timesheet', { action: 'read the timesheet settings' }),

    activeTimesheets: () => get<KimaiTimesheet[]>('/timesheets/active', { action: 'read the running timer' }),
    recentTimesheets: (size: number) => get<KimaiTimesheet[]>('/timesheets/recent', { action: 'find your last project' }, { size }),
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
    createTimesheet: (body: Record<string, unknown>, purpose: RequestPurpose) => send<KimaiTimesheet>('POST', '/timesheets', purpose, body, { full: 'true' }),
    patchTimesheet: (id: number, body: Record<string, unknown>, purpose: RequestPurpose) =>
      send<KimaiTimesheet>('PATCH', `/timesheets/${id}`, { ...purpose, notFound: entryNotFound(id) }, body),
    stopTimesheet: (id: number) =>
      send<KimaiTimesheet>('PATCH', `/timesheets/${id}/stop`, {
        action: 'stop the timer',
        notFound: remoteRefusal('kimai_running_timer_gone', { entry: id }),
      }),
    /** Starts a timer like an earlier one (Kimai's restart); `copy: all` keeps its description. */
    restartTimesheet: (id: number, body: Record<string, unknown>) =>
      send<KimaiTimesheet>('PATCH', `/timesheets/${id}/restart`, { action: 'resume your last timer' }, body),
    /**
     * The custom-fields plugin's rules for timesheets (docs/back-ends/kimai.md, "Meta fields"); null without the
     * plugin, whose route is then not there (404).
     */
    metaFieldRules: async (): Promise<KimaiMetaFieldRule[] | null> => {
      try {
        const rules = await get<unknown>('/metafields', { action: 'read the custom fields of timesheets' }, { entity: 'timesheet' });
        return Array.isArray(rules) ? (rules as KimaiMetaFieldRule[]) : [];
      } catch (error) {
        if (error instanceof KimaiError && error.failure === 'not_found') return null;
        throw error;
      }
    },
    /** One meta field of a timesheet (Kimai takes them one request each, never in the timesheet's own body); 404 for a name it does not know. */
    setTimesheetMeta: (id: number, name: string, value: string) =>
      send<KimaiTimesheet>('PATCH', `/timesheets/${id}/meta`, { action: `set the field ${name} of time entry #${id}` }, { name, value }),
    /** Visible tags whose name holds `name` (docs/back-ends/kimai.md, "Tags"). */
    findTags: (name: string) => get<KimaiTag[]>('/tags/find', { action: `look for the tag ${name}` }, { name }),
    /** A visible tag: without `visible: true` Kimai makes a hidden one, which a timesheet cannot name. */
    createTag: (name: string, color?: string) =>
      send<KimaiTag>('POST', '/tags', { action: `create the tag ${name}` }, { name, ...(color === undefined ? {} : { color }), visible: true }),
    /**
     * One page of invoices (view_invoice: team leads and administrators as Kimai ships); a page past
     * the last one is undefined (Kimai answers 404 there), as for timesheets.
     */
    invoicePage: (filter: Record<string, QueryValue>, page: number, size: number) =>
      pageOf<KimaiInvoice>('/invoices', { ...filter, page, size }, page, { action: 'list invoices' }),
    deleteTimesheet: (id: number) => send<undefined>('DELETE', `/timesheets/${id}`, { action: `delete time entry #${id}`, notFound: entryNotFound(id) }),

    customers: (visible: Visibility) => get<KimaiCustomer[]>('/customers', { action: 'list customers' }, { visible }),
    /** ignoreDates: a project outside its date range is still bookable by id, and listed. */
    projects: (visible: Visibility) => get<KimaiProject[]>('/projects', { action: 'list projects' }, { visible, ignoreDates: 1 }),
    activities: (visible: Visibility) => get<KimaiActivity[]>('/activities', { action: 'list activities' }, { visible }),
    createCatalogItem: (kind: CatalogKind, body: Record<string, unknown>) =>
      send<KimaiCatalogRecord>('POST', KIND_PATHS[kind], { action: `create ${kind === 'activity' ? 'an' : 'a'} ${kind}` }, body),
    /** Kimai has no archive; hiding is its equivalent (deleting would take the entries with it). */
    setVisible: (kind: CatalogKind, id: number, visible: boolean) =>
      send<KimaiCatalogRecord>(
        'PATCH',
        `${KIND_PATHS[kind]}/${id}`,
        { action: `${visible ? 'restore' : 'archive'} the ${kind}`, notFound: missing(kind, id) },
        { visible },
      ),

    /** The absence plugin's type list: cheap, and 404 where the plugin is not installed. */
    absenceTypes: () => get<unknown>('/absences/types', { action: 'look for the absence plugin' }),
    absences: (query: Record<string, QueryValue>, purpose: RequestPurpose = { action: 'list your absences' }) =>
      get<KimaiAbsence[]>('/absences', purpose, query),
    /** Approves or rejects an absence (the plugin's confirm and reject); neither takes a comment. */
    decideAbsence: (id: number, decision: 'confirm' | 'reject') =>
      send<unknown>('PATCH', `/absences/${id}/${decision}`, {
        action: `${decision === 'confirm' ? 'approve' : 'reject'} absence #${id}`,
        notFound: missing('absence', id, { any_more: true, caveat: 'not_visible' }),
      }),

    // The ApprovalBundle plugin (docs/back-ends/kimai.md, "Timesheet approvals"): each answer is a bare JSON
    // string (a week's status, translated; a Monday; a page's URL); `user` left out is the caller.
    /** The status of the week holding `date`, in the words of the caller's language. */
    weekStatus: (query: { date: string; user?: number }, action = 'read the approval status of a week') =>
      get<unknown>('/approval-bundle/week-status', { action }, query),
    /** The Monday of the first week still to submit; a 404 where the person has no weeks at all. */
    nextWeek: (user?: number) => get<unknown>('/approval-bundle/next-week', { action: 'read the next week to submit' }, user === undefined ? {} : { user }),
    /** Submits the week starting `monday` of the caller (or of `user`, with the right); answers the URL of the week's page. */
    submitWeek: (monday: string, user?: number) =>
      send<unknown>('POST', '/approval-bundle/add_to_approve', { action: `submit the week of ${monday}` }, undefined, {
        ...(user === undefined ? {} : { user }),
        date: monday,
      }),

    /** Every team (view_team: administrators). */
    teams: () => get<KimaiTeam[]>('/teams', { action: 'list the teams' }),
    /** A team with its members: administrators, and the team's own leads. */
    team: (id: number) => get<KimaiTeam>(`/teams/${id}`, { action: `read the members of team #${id}`, notFound: missing('team', id) }),
    createAbsence: (body: Record<string, unknown>) => send<KimaiAbsence[] | KimaiAbsence>('POST', '/absences', { action: 'request the absence' }, body),
    deleteAbsence: (id: number) =>
      send<undefined>('DELETE', `/absences/${id}`, { action: `cancel absence #${id}`, notFound: missing('absence', id, { caveat: 'not_yours' }) }),

    /** The rates of a customer, project or activity (edit rights on it, GET included: docs/back-ends/kimai.md, "Administration"). */
    rates: (kind: CatalogKind, id: number) =>
      get<KimaiRate[]>(`${KIND_PATHS[kind]}/${id}/rates`, { action: `read the rates of ${kind} #${id}`, notFound: missing(kind, id) }),
    /** One rate per person (or everyone, `user` left out) and item: a second is a 400 on `user`. */
    createRate: (kind: CatalogKind, id: number, body: { user?: number; rate: number; internalRate?: number; isFixed: boolean }) =>
      send<KimaiRate>('POST', `${KIND_PATHS[kind]}/${id}/rates`, { action: `set a rate on ${kind} #${id}`, notFound: missing(kind, id) }, body),
    deleteRate: (kind: CatalogKind, id: number, rateId: number) =>
      send<undefined>('DELETE', `${KIND_PATHS[kind]}/${id}/rates/${rateId}`, {
        action: `remove rate #${rateId} of ${kind} #${id}`,
        notFound: remoteRefusal('kimai_rate_gone', { rate: rateId, kind, id }),
      }),
    // Teams as an administrator changes them (docs/back-ends/kimai.md, "Administration"): create_team,
    // edit_team and delete_team; each answers the team as it is afterwards (a delete, nothing).
    createTeam: (body: Record<string, unknown>) => send<KimaiTeam>('POST', '/teams', { action: 'create the team' }, body),
    /** Name and the whole member list at once: `members` replaces every membership Kimai holds. */
    updateTeam: (id: number, body: Record<string, unknown>, action: string) =>
      send<KimaiTeam>('PATCH', `/teams/${id}`, { action, notFound: missing('team', id, { any_more: true }) }, body),
    deleteTeam: (id: number) => send<undefined>('DELETE', `/teams/${id}`, { action: `delete team #${id}`, notFound: missing('team', id, { any_more: true }) }),
    /** Adds or removes one member, or grants or revokes one catalog item: `sub` is `members/5`, `projects/12`… */
    changeTeam: (method: 'POST' | 'DELETE', id: number, sub: string, action: string, notFound: RefusalFor<'not_found'>) =>
      send<KimaiTeam>(method, `/teams/${id}/${sub}`, { action, notFound }, undefined),
    /** One customer, project or activity with all it keeps (view_customer, view_project, view_activity: administrators). */
    catalogDetails: (kind: CatalogKind, id: number) =>
      get<KimaiCatalogDetails>(`${KIND_PATHS[kind]}/${id}`, { action: `read the ${kind} #${id}`, notFound: missing(kind, id) }),
    /** Changes the fields of `body` alone: a PATCH leaves the others as they are. */
    patchCatalogItem: (kind: CatalogKind, id: number, body: Record<string, unknown>, purpose: RequestPurpose) =>
      send<KimaiCatalogDetails>('PATCH', `${KIND_PATHS[kind]}/${id}`, purpose, body),
    /** Every account (view_user: super administrators as Kimai ships); `visible` 1 enabled, 2 disabled, 3 all; not paged. */
    users: (visible: 1 | 2 | 3) => get<KimaiUserFull[]>('/users', { action: 'list the people' }, { visible, full: 'true', orderBy: 'alias' }),
    /** One account with its roles and teams (another's needs view_other_profile). */
    user: (id: number) => get<KimaiUserFull>(`/users/${id}`, { action: `read person #${id}`, notFound: missing('person', id) }),
    /** A new account (create_user); the body carries `enabled: true`, or Kimai makes it disabled. */
    createUser: (body: Record<string, unknown>) => send<KimaiUserFull>('POST', '/users', { action: 'create the account' }, body),
    /** Changes an account (edit_other_profile): alias, email, roles, enabled. */
    updateUser: (id: number, body: Record<string, unknown>, action: string) =>
      send<KimaiUserFull>('PATCH', `/users/${id}`, { action, notFound: missing('person', id) }, body),

    close: () => client.close(),
  };
}
