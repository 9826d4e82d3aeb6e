// How Punchcard sends to Toggl Track's API v9 (docs/back-ends/toggl.md), over the shared remote client: HTTP Basic
// with the person's token as the user and the literal `api_token` as the password, below /api/v9 (the Reports API
// v3, which the team tools read, below /reports/api/v3 on the same host). Toggl counts
// requests by the hour (quota.ts): a request on a quota Toggl said is used up is not sent until it resets, and said
// in words with when. A token Toggl refuses (403 with no body) is read afresh on the next request, as the app may
// have saved a new one. Each capability's folder holds the endpoints it alone sends; here are the ones the context
// and several capabilities share, one method an endpoint, with what the request is for in words.
import { createRemoteClient, type QueryValue, type RemoteClient, type RemoteConnection } from '../remote/remote-client.ts';
import { type RefusalFor, remoteRefusal } from '../remote/remote-error.ts';
import { type Clock, describeHttpFailure, describeNotJson, type RequestPurpose, resetsAt, TOGGL_WORDS, TogglError } from './errors.ts';
import { QuotaHolds, QuotaLeft, type TogglQuota, UNSAID_HOLD_MS } from './quota.ts';
import type {
  TogglClient,
  TogglOrganization,
  TogglPreferences,
  TogglProject,
  TogglProjectUser,
  TogglSimpleUser,
  TogglTask,
  TogglTimesheetSetup,
  TogglUser,
  TogglWorkspace,
  TogglWorkspaceUser,
} from './wire.ts';

export type { QueryValue };

/** Requests in flight at once: the catalog's three lists. */
const MAX_PARALLEL_REQUESTS = 3;
/** Toggl's older limit: "a safe window will be 1 request per second"; a moment's burst of a call's few requests is let through. */
const MAX_REQUESTS_PER_SECOND = 3;

/** A request on the person's own quota (the /me requests). */
export const mine = (action: string, notFound?: RefusalFor<'not_found'>): RequestPurpose => ({ action, quota: 'user', ...(notFound ? { notFound } : {}) });
/** A request about a workspace, on the organisation's quota. */
export const workspaceRequest = (action: string, notFound?: RefusalFor<'not_found'>, conflict?: RefusalFor<'not_found'>): RequestPurpose => ({
  action,
  quota: 'organisation',
  ...(notFound ? { notFound } : {}),
  ...(conflict ? { conflict } : {}),
});
/** The path of a workspace. */
export const ws = (workspaceId: number) => `/workspaces/${workspaceId}`;
/** A 404 of a catalog item by its id: gone, or (a private project) not the person's to see. */
export const catalogItemMissing = (record: 'customer' | 'project' | 'activity', id: number) =>
  remoteRefusal('remote_record_missing', { service: 'Toggl Track', record, id, any_more: true });
/** A 404 of a time entry by its number: not the person's, or gone. */
export const entryNotFound = (number: number) =>
  remoteRefusal('remote_record_missing', { service: 'Toggl Track', record: 'time entry', id: number, any_more: true, caveat: 'not_yours' });

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TogglApiOptions {
  connection: RemoteConnection;
  /** The person's wall clock, for when a quota resets. */
  clock: Clock;
  /** Toggl refused the token: whose it is is asked again. */
  onTokenRefused: () => void;
}

/** What the endpoints send with. */
export interface TogglSending {
  call<T>(method: Method, path: string, purpose: RequestPurpose, extra?: { query?: Record<string, QueryValue>; body?: unknown }): Promise<T>;
  /** A Reports API v3 request (`path` below /reports/api/v3), with the answer's headers: its pages are announced there. */
  report<T>(path: string, purpose: RequestPurpose, body: unknown): Promise<{ data: T; headers: Record<string, string | string[] | undefined> }>;
}

export type TogglApiClient = ReturnType<typeof createTogglApiClient>;
export type TogglApi = TogglApiClient['api'];

export function createTogglApiClient(options: TogglApiOptions) {
  const { connection, clock } = options;
  const { baseUrl } = connection;
  const holds = new QuotaHolds();
  const left = new QuotaLeft();
  const client: RemoteClient<RequestPurpose> = createRemoteClient<RequestPurpose>({
    ...connection,
    words: TOGGL_WORDS,
    // From the host's root: the API v9 below /api/v9, the Reports API v3 below /reports/api/v3.
    root: '',
    maxParallel: MAX_PARALLEL_REQUESTS,
    maxPerSecond: connection.perSecond ?? MAX_REQUESTS_PER_SECOND,
    secretWords: {
      name: 'token',
      unreadable: (reason) => new TogglError('no_token', remoteRefusal('remote_secret_unreadable', { service: 'Toggl Track', secret: 'token', reason })),
      missing: (action) => new TogglError('no_token', remoteRefusal('toggl_token_missing', { url: baseUrl, action })),
    },
    authenticate: (token) => {
      const pair = `${token}:api_token`;
      return { headers: { Authorization: `Basic ${Buffer.from(pair).toString('base64')}` }, secrets: [token, pair] };
    },
    describeFailure: (answer, purpose) => describeHttpFailure(answer, purpose, baseUrl, clock),
    describeNotJson: (answer) => describeNotJson(baseUrl, answer),
  });

  const held = (quota: TogglQuota, action: string): TogglError | undefined => {
    const until = holds.heldUntil(quota, clock.now());
    if (until === undefined) return undefined;
    const seconds = Math.ceil((until - clock.now()) / 1_000);
    return new TogglError(
      'rate_limited',
      remoteRefusal('toggl_quota_used', { quota, action, resets_in_s: seconds, resets_at: resetsAt(seconds, clock), sent: false }),
      402,
    );
  };

  const send = async <T>(method: Method, path: string, purpose: RequestPurpose, extra: { query?: Record<string, QueryValue>; body?: unknown } = {}) => {
    const refused = held(purpose.quota, purpose.action);
    if (refused) throw refused;
    try {
      const answer = await client.request<T>({ method, path, purpose, ...extra });
      left.note(purpose.quota, answer.headers, clock.now());
      return answer;
    } catch (error) {
      if (error instanceof TogglError && error.quota) {
        const { which, resetsInS } = error.quota;
        holds.hold(which, clock.now() + (resetsInS === null ? UNSAID_HOLD_MS : resetsInS * 1_000));
      }
      // The shared client reads the token afresh on its own (the app may have saved a new one since); whose it is is
      // asked again too. Nothing is closed: another call's request in flight on these connections is answered.
      if (error instanceof TogglError && error.failure === 'bad_token') options.onTokenRefused();
      throw error;
    }
  };
  const sending: TogglSending = {
    call: async <T>(method: Method, path: string, purpose: RequestPurpose, extra: { query?: Record<string, QueryValue>; body?: unknown } = {}) =>
      (await send<T>(method, `/api/v9${path}`, purpose, extra)).data,
    report: async <T>(path: string, purpose: RequestPurpose, body: unknown) => {
      const { data, headers } = await send<T>('POST', `/reports/api/v3${path}`, purpose, { body });
      return { data, headers };
    },
  };
  return {
    ...sending,
    api: sharedEndpoints(sending),
    /** What the last answer said is left of the quota, until it resets. */
    quotaLeft: (quota: TogglQuota) => left.left(quota, clock.now()),
    close: () => client.close(),
  };
}

/**
 * The endpoints the context reads (the person, their workspaces, one workspace and its preferences, their own project
 * users, the workspace's people, their timesheet setups), and the catalog's changes two capabilities send (its writes,
 * update_catalog_item).
 */
function sharedEndpoints({ call }: TogglSending) {
  return {
    /** The person the token belongs to (its answer carries the token too: read for its fields, never kept). */
    me: () => call<TogglUser>('GET', '/me', mine('read your Toggl Track profile')),
    /** The person and their workspaces in one request on their quota: for a workspace named by name. */
    meWithWorkspaces: () =>
      call<TogglUser & { workspaces?: TogglWorkspace[] | null }>('GET', '/me', mine('read your Toggl Track profile and workspaces'), {
        query: { with_related_data: true },
      }),
    /** The person's organizations, each with whether they administer it (`admin`, `owner`): on their own quota, as /me. */
    myOrganizations: () => call<TogglOrganization[] | null>('GET', '/me/organizations', mine('read your Toggl Track organizations')),
    workspace: (workspaceId: number) => call<TogglWorkspace>('GET', ws(workspaceId), workspaceRequest('read your Toggl Track workspace'), {}),
    /** The person's own project users (`user_id` their own): which projects they manage. */
    projectUsers: (workspaceId: number, userId: number) =>
      call<TogglProjectUser[] | null>('GET', `${ws(workspaceId)}/project_users`, workspaceRequest('read which projects you manage'), {
        query: { user_id: userId },
      }),
    /** The workspace's people: role, deactivation, working hours; each named by their user id (`uid`) and their workspace user's own `id`. */
    workspaceUsers: (workspaceId: number) =>
      call<TogglWorkspaceUser[] | null>('GET', `${ws(workspaceId)}/workspace_users`, workspaceRequest("list the workspace's people")),
    /** The workspace's lighter list of people (each by their user id, no working hours): a Team Lead's where the workspace users are refused them. */
    workspaceSimpleUsers: (workspaceId: number) =>
      call<TogglSimpleUser[] | null>('GET', `${ws(workspaceId)}/users`, workspaceRequest("list the workspace's people")),
    /**
     * The timesheet setups naming the person (a Premium feature), as the member they govern or as an approver: always
     * by their own id, never the workspace's whole list.
     */
    timesheetSetups: (workspaceId: number, whose: { member_ids: number } | { approver_ids: number }) =>
      call<{ data?: TogglTimesheetSetup[] | null } | TogglTimesheetSetup[] | null>(
        'GET',
        `${ws(workspaceId)}/timesheet_setups`,
        workspaceRequest('member_ids' in whose ? 'read your timesheet setup' : 'read whose timesheets you approve'),
        { query: whose },
      ),
    /** A project changed with only what differs (`active` archives or restores it): the catalog's writes and update_catalog_item's. */
    updateProject: (workspaceId: number, projectId: number, body: Record<string, unknown>, action: string) =>
      call<TogglProject>('PUT', `${ws(workspaceId)}/projects/${projectId}`, workspaceRequest(action, catalogItemMissing('project', projectId)), { body }),
    /** A task changed, addressed through its project (`active: false` marks it done). */
    updateTask: (workspaceId: number, projectId: number, taskId: number, body: Record<string, unknown>, action: string) =>
      call<TogglTask>('PUT', `${ws(workspaceId)}/projects/${projectId}/tasks/${taskId}`, workspaceRequest(action, catalogItemMissing('activity', taskId)), {
        body,
      }),
    updateClient: (workspaceId: number, clientId: number, body: Record<string, unknown>, action: string) =>
      call<TogglClient>('PUT', `${ws(workspaceId)}/clients/${clientId}`, workspaceRequest(action, catalogItemMissing('customer', clientId)), { body }),
    preferences: (workspaceId: number) =>
      call<TogglPreferences>('GET', `${ws(workspaceId)}/preferences`, workspaceRequest("read your workspace's lock of older entries")),
  };
}
