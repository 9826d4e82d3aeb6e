// How Punchcard sends to Tempo Timesheets on Jira Cloud (docs/back-ends/tempo.md), over the shared remote client: two
// services, two clients, two secrets. Tempo's REST API v4 at `tempoUrl` (/4/…) takes the Tempo API token as a bearer
// and nothing else; the Jira site at `url` (/rest/api/3/…) takes the Atlassian e-mail and the Jira API token as HTTP
// Basic and nothing else. Neither secret goes to the other's host, and neither client follows a link its answers name:
// Tempo's lists are paged by `offset` on the configured host until a page is short (its `metadata.count` below its
// own `metadata.limit`), never by `metadata.next`; Jira's search by its `nextPageToken`, on the site. Tempo counts 5
// requests a second: each tracker's Tempo client keeps that pace across its calls. Each capability's folder holds the
// endpoints it alone sends; here are the ones several share.
import type { Pacer } from '../remote/pacing.ts';
import { createRemoteClient, type QueryValue, type RemoteConnection } from '../remote/remote-client.ts';
import { ensureRequests } from '../remote/request-budget.ts';
import { hostOf, remoteRefusal } from '../remote/remote-error.ts';
import {
  describeJiraFailure,
  describeNotJson,
  describeTempoFailure,
  type FailureContext,
  JIRA_WORDS,
  type RequestPurpose,
  TEMPO_WORDS,
  TempoError,
  type TempoScope,
  unreadable,
} from './errors.ts';
import type { JiraIssue, JiraSearch, JiraServerInfo, JiraUser, JiraUsers, TempoPage, TempoWorklog } from './wire.ts';

export type { QueryValue };

/** Rows a page of Tempo's is asked for: its API allows 5000, and 1000 is what its own advice calls safe. */
export const TEMPO_PAGE = 1000;
/** Tempo's limit: 5 requests a second for a token (docs/back-ends/tempo.md, "Limits"). */
export const TEMPO_PER_SECOND = 5;
/** Requests in flight at once, to either service. */
const MAX_PARALLEL_REQUESTS = 3;
/** Issues a page of Jira's search holds. */
export const JIRA_PAGE = 100;
/** People one read of Jira's bulk user list names (its own maximum is 200 a page; an address stays short). */
export const JIRA_USERS_PAGE = 50;

export interface TempoApiOptions {
  /** Tempo's API (`tempoUrl`): where the Tempo token goes. */
  tempo: RemoteConnection;
  /** The Jira site (`url`): where the e-mail and the Jira API token go. */
  jira: RemoteConnection;
  /** The Atlassian login the Jira API token belongs to. */
  email: string;
  /** Tempo's pace, shared by the trackers of this process on one token where given. */
  pace?: Pacer;
}

/** A Tempo path with its query written as Tempo reads lists: the same name repeated, never `name[]`. */
function withRepeated(path: string, name: string, values: readonly string[]): string {
  return `${path}?${values.map((value) => `${name}=${encodeURIComponent(value)}`).join('&')}`;
}

export type TempoClient = ReturnType<typeof createTempoClient>;
export type TempoApi = TempoClient['api'];

export function createTempoClient(options: TempoApiOptions) {
  const tempoUrl = options.tempo.baseUrl;
  const site = options.jira.baseUrl;
  const context: FailureContext = { tempoUrl, site, email: options.email };
  const tempo = createRemoteClient<RequestPurpose>({
    ...options.tempo,
    root: '',
    words: TEMPO_WORDS,
    maxParallel: MAX_PARALLEL_REQUESTS,
    ...(options.pace ? { pace: options.pace } : { maxPerSecond: options.tempo.perSecond ?? TEMPO_PER_SECOND }),
    secretWords: {
      name: 'Tempo API token',
      unreadable: (reason) => new TempoError('no_token', remoteRefusal('remote_secret_unreadable', { service: 'Tempo', secret: 'token', reason })),
      missing: (action) => new TempoError('no_token', remoteRefusal('tempo_token_missing', { site: hostOf(site), action })),
    },
    // The Tempo token as a bearer, to Tempo's host alone.
    authenticate: (token) => ({ headers: { Authorization: `Bearer ${token}` }, secrets: [token] }),
    describeFailure: (answer, purpose) => describeTempoFailure(answer, purpose, context),
    describeNotJson: (answer) => describeNotJson(tempoUrl, answer, 'Tempo'),
  });
  const jira = createRemoteClient<RequestPurpose>({
    ...options.jira,
    root: '',
    words: JIRA_WORDS,
    maxParallel: MAX_PARALLEL_REQUESTS,
    // The login is the settings' e-mail address: one beyond Latin-1 is still sent, base64 inside Basic.
    secretWords: {
      name: 'Jira API token',
      unreadable: (reason) => new TempoError('no_token', remoteRefusal('remote_secret_unreadable', { service: 'Jira', secret: 'token', reason })),
      missing: (action) => new TempoError('no_token', remoteRefusal('jira_token_missing', { site: hostOf(site), email: options.email, action })),
    },
    // The e-mail and the Jira API token as HTTP Basic, to the Jira site alone.
    authenticate: (token) => {
      const pair = `${options.email}:${token}`;
      return { headers: { Authorization: `Basic ${Buffer.from(pair).toString('base64')}` }, secrets: [token, pair] };
    },
    describeFailure: (answer, purpose) => describeJiraFailure(answer, purpose, context),
    describeNotJson: (answer) => describeNotJson(site, answer, 'Jira'),
  });

  type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
  const tempoCall = async <T>(method: Method, path: string, purpose: RequestPurpose, extra: { query?: Record<string, QueryValue>; body?: unknown } = {}) =>
    (await tempo.request<T>({ method, path, purpose, ...extra })).data;
  const jiraCall = async <T>(method: Method, path: string, purpose: RequestPurpose, extra: { query?: Record<string, QueryValue>; body?: unknown } = {}) =>
    (await jira.request<T>({ method, path, purpose, ...extra })).data;

  /**
   * Every row of a Tempo list, page after page by `offset` on Tempo's own host, until a page is short: fewer rows
   * than the page's own limit (Tempo may keep a smaller limit than asked). `metadata.next` is never followed: it is
   * an absolute address, and the token goes nowhere a link names. Each page past the first is held to the call's budget.
   */
  const tempoList = async <T>(path: string, query: Record<string, QueryValue>, purpose: RequestPurpose): Promise<T[]> => {
    const rows: T[] = [];
    for (let offset = 0, page = 0; ; page++) {
      if (page > 0) ensureRequests(1, 'Tempo');
      const answer = await tempoCall<TempoPage<T>>('GET', path, purpose, { query: { ...query, offset, limit: TEMPO_PAGE } });
      const results = answer?.results;
      if (!Array.isArray(results)) throw unreadable('Tempo', `a list that is none (trying to ${purpose.action})`);
      rows.push(...results);
      const count = typeof answer.metadata?.count === 'number' ? answer.metadata.count : results.length;
      const limit = typeof answer.metadata?.limit === 'number' && answer.metadata.limit > 0 ? answer.metadata.limit : TEMPO_PAGE;
      if (results.length === 0 || count < limit) return rows;
      offset += results.length;
    }
  };

  /** Every issue a JQL search finds, with the fields asked, page after page by Jira's token, on the site. */
  const jiraSearch = async (jql: string, fields: readonly string[], action: string, max = Number.POSITIVE_INFINITY): Promise<JiraIssue[]> => {
    const issues: JiraIssue[] = [];
    let token: string | undefined;
    for (let page = 0; ; page++) {
      if (page > 0) ensureRequests(1, 'Jira');
      const body = { jql, fields, maxResults: JIRA_PAGE, ...(token ? { nextPageToken: token } : {}) };
      const answer = await jiraCall<JiraSearch>('POST', '/rest/api/3/search/jql', { action, onlyReads: true }, { body });
      if (!Array.isArray(answer?.issues)) throw unreadable('Jira', `a search answer without its issues (trying to ${action})`);
      issues.push(...answer.issues);
      token = typeof answer.nextPageToken === 'string' && answer.nextPageToken !== '' ? answer.nextPageToken : undefined;
      if (answer.isLast === true || token === undefined || answer.issues.length === 0 || issues.length >= max) return issues;
    }
  };

  const sending = { tempoCall, jiraCall, tempoList, jiraSearch };
  return {
    ...sending,
    tempoPager: { service: 'Tempo', maxParallel: MAX_PARALLEL_REQUESTS },
    api: sharedEndpoints(sending),
    close: () => {
      tempo.close();
      jira.close();
    },
  };
}

export interface TempoSending {
  tempoCall<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    purpose: RequestPurpose,
    extra?: { query?: Record<string, QueryValue>; body?: unknown },
  ): Promise<T>;
  jiraCall<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    purpose: RequestPurpose,
    extra?: { query?: Record<string, QueryValue>; body?: unknown },
  ): Promise<T>;
  tempoList<T>(path: string, query: Record<string, QueryValue>, purpose: RequestPurpose): Promise<T[]>;
  jiraSearch(jql: string, fields: readonly string[], action: string, max?: number): Promise<JiraIssue[]>;
}

/** Tempo's and Jira's ids in a path: Tempo's worklog and team numbers, Atlassian account ids (letters, digits, `:` and `-`). */
export const segment = (value: string | number) => encodeURIComponent(String(value));

/** A 404 of a worklog by its number: gone, or never the person's. */
export const worklogNotFound = (id: number) => remoteRefusal('remote_record_missing', { service: 'Tempo', record: 'worklog', id, caveat: 'not_yours' });

/** The fields an issue is read with: its key, summary, project and status. */
export const ISSUE_FIELDS = ['summary', 'project', 'status'] as const;

function sharedEndpoints({ tempoCall, jiraCall, tempoList, jiraSearch }: TempoSending) {
  const scope = (name: TempoScope) => ({ scope: name });
  return {
    /** The person the Jira token answers for: their accountId, name and zone (never an e-mail search). */
    myself: () => jiraCall<JiraUser>('GET', '/rest/api/3/myself', { action: 'read your Jira profile' }),
    /** The site's title and address. */
    serverInfo: () => jiraCall<JiraServerInfo>('GET', '/rest/api/3/serverInfo', { action: "read the Jira site's name" }),
    /** One issue by its key (any case; a moved issue's old key answers with its new one) or its id. */
    issue: (keyOrId: string) =>
      jiraCall<JiraIssue>(
        'GET',
        `/rest/api/3/issue/${segment(keyOrId)}`,
        { action: `read the issue ${keyOrId}`, notFound: remoteRefusal('tempo_issue_unknown', { key: keyOrId }) },
        { query: { fields: ISSUE_FIELDS.join(',') } },
      ),
    /** Issues by JQL with their key, summary, project and status. */
    search: (jql: string, action: string, max?: number) => jiraSearch(jql, ISSUE_FIELDS, action, max),
    /** Names of people by their account ids, at most JIRA_USERS_PAGE in one request. */
    users: (accountIds: readonly string[]) =>
      jiraCall<JiraUsers>(
        'GET',
        withRepeated('/rest/api/3/user/bulk', 'accountId', accountIds),
        { action: 'read the names of the people' },
        {
          query: { maxResults: JIRA_USERS_PAGE },
        },
      ),
    /** One person's worklogs whose day is in [from, to], always by their account id: a lead's token sees colleagues' too. */
    worklogsOf: (accountId: string, from: string, to: string, action = 'read your worklogs') =>
      tempoList<TempoWorklog>(`/4/worklogs/user/${segment(accountId)}`, { from, to }, { action, ...scope('Worklogs') }),
    /** One worklog by its number (Tempo's own, whoever's it is: the caller checks it is the person's). */
    worklog: (id: number, action = `read worklog #${id}`) =>
      tempoCall<TempoWorklog>('GET', `/4/worklogs/${segment(id)}`, { action, notFound: worklogNotFound(id), ...scope('Worklogs') }),
  };
}
