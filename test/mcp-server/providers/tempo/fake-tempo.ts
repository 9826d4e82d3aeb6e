// A fake Tempo Timesheets on Jira Cloud, as two servers on loopback (docs/back-ends/tempo.md): Tempo's REST API v4
// (/4/…, a bearer token per person, each with its scopes) and a Jira site (/rest/api/3/…, HTTP Basic with the
// Atlassian e-mail and the Jira API token). Each checks only its own secret, so a test sees which secret reached
// which host. Tempo: the person's worklogs by accountId, paged by offset and limit with `metadata {count, offset,
// limit, next}` (`next` an absolute address), the general /4/worklogs that shows a lead colleagues' worklogs too,
// one worklog by its number, a worklog booked, replaced whole (PUT: what it does not carry is gone) and deleted (204,
// no body), work attributes (required ones and static lists' values checked on every write), accounts, schedules
// with holidays, the global configuration, timesheet approvals by period (submit, approve, reject, reopen; no writes
// into a submitted or an approved period; nobody decides their own), teams and memberships, 5 requests a second per
// token. Its 401 and 403 are web pages (text/html), its 400s carry `errors` as a list of `{message}` (what clients
// quote) or as one `{message}` (what Tempo's documentation shows). Jira: /myself, /serverInfo, an issue by its key
// (any case; a moved issue's old key answers with the new one) or number, search/jql (only the JQL Punchcard
// sends), the retired /search (410), and the bulk list of users.
//
// Where the reference is unsure the fake answers each plausible way, switchable (FakeTempoOptions): the shape of a
// 400's errors, a submitted period's status key, a page size of Tempo's own, a next link on another host, a member
// asking for a colleague's worklog, a JQL list naming an issue Jira does not show (400 or the rest alone), the 429's
// Retry-After.
//
// What it is not: a database. State lives in plain arrays on `state`, which tests may seed and read.
import { addDays, eachDate, isoWeekday, localDate } from '../../../../mcp-server/domain/time.ts';
import { type Failure, Failures, type RecordedRequest as CommonRecordedRequest, type Reply, startFakeServer } from '../../../support/fake-server.ts';
import { answeredAs, type OptionalAnswer } from '../../../support/optional-answers.ts';

export type { Failure };

export type TempoScope = 'Worklogs' | 'Schemes' | 'Approvals' | 'Teams' | 'Accounts';
export const ALL_SCOPES: readonly TempoScope[] = ['Worklogs', 'Schemes', 'Approvals', 'Teams', 'Accounts'];

export interface FakeUser {
  accountId: string;
  displayName: string;
  email: string;
  timeZone: string;
  tempoToken: string;
  jiraToken: string;
  scopes: TempoScope[];
  /** Required seconds a weekday, Monday first. */
  week: [number, number, number, number, number, number, number];
  /** A Tempo administrator: books and sees anyone's worklogs. */
  admin?: boolean;
}

export interface FakeIssue {
  id: number;
  key: string;
  summary: string;
  projectId: number;
  assignee: string | null;
  done: boolean;
  /** Keys it had before it moved: Jira answers to them with its new key. */
  oldKeys?: string[];
  /** Updated order for the person's listing (newer first). */
  updated: number;
}

export interface FakeWorklog {
  tempoWorklogId: number;
  issueId: number;
  authorAccountId: string;
  startDate: string;
  startTime?: string;
  timeSpentSeconds: number;
  billableSeconds?: number;
  description: string;
  attributes: Array<{ key: string; value: string }>;
  createdAt: string;
  updatedAt: string;
}

export interface FakeAttribute {
  key: string;
  name: string;
  type: 'STATIC_LIST' | 'INPUT_FIELD' | 'INPUT_NUMERIC' | 'CHECKBOX' | 'ACCOUNT';
  required: boolean;
  /** A static list's stored values and the names shown for them. */
  names?: Record<string, string>;
}

export interface FakeApproval {
  accountId: string;
  from: string;
  to: string;
  /** OPEN, IN_REVIEW (or the submittedKey option), APPROVED. */
  status: string;
  comment: string | null;
  actor: string | null;
  reviewer: string | null;
}

export interface FakeTeam {
  id: number;
  name: string;
  lead: string;
  members: string[];
}

/** A request as the fake saw it, with its headers in lower case and the service it reached. */
export interface RecordedRequest extends CommonRecordedRequest {
  service: 'tempo' | 'jira';
  headers: Record<string, string | undefined>;
}

export interface FakeTempoOptions {
  now?: () => number;
  /** How a 400 carries Tempo's words: a list of `{message}` (as clients quote real answers, default) or one `{message}` (as its documentation shows). */
  errorShape?: 'list' | 'object';
  /** The status key of a submitted period, which Tempo does not list: IN_REVIEW (default) or another a site shows. */
  submittedKey?: string;
  /** The most rows a Tempo page holds whatever `limit` asks, as Tempo may keep a size of its own. */
  pageCap?: number;
  /** The origin `metadata.next` names instead of Tempo's own (a hostile or broken answer). */
  nextLinkOrigin?: string;
  /** Requests a token may make in a second (Tempo's 5); null: no limit (the suite's fakes). */
  perSecond?: number | null;
  /** The Retry-After (seconds) a 429 carries; none by default (Tempo does not document one). */
  retryAfter?: number;
  /** What a member's token answers for a colleague's worklog by its number: 200 (default: Tempo shows what the person may browse), 403 or 404. */
  colleagueWorklog?: 200 | 403 | 404;
  /** What Jira answers to a JQL list (`key in`, `id in`) naming an issue it does not show: 400 (default) or the rest alone. */
  unknownInJql?: 400 | 'skip';
}

export interface FakeTempo {
  /** Tempo's API origin (tempoUrl) and the Jira site (url). */
  readonly tempoUrl: string;
  readonly siteUrl: string;
  readonly state: {
    users: FakeUser[];
    projects: Array<{ id: number; key: string; name: string }>;
    issues: FakeIssue[];
    worklogs: FakeWorklog[];
    attributes: FakeAttribute[];
    accounts: Array<{ key: string; name: string; status: 'OPEN' | 'CLOSED' | 'ARCHIVED' }>;
    holidays: Array<{ date: string; name: string }>;
    configuration: { approvalPeriod: 'WEEK' | 'MONTH'; approvalWeekStart: number; weekStart: number };
    approvals: FakeApproval[];
    reviewers: Record<string, string[]>;
    teams: FakeTeam[];
  };
  /** Both services' requests, in the order they arrived. */
  readonly requests: RecordedRequest[];
  readonly options: FakeTempoOptions;
  failNext(service: 'tempo' | 'jira', match: { method?: string; path: string | RegExp }, failure: Failure): void;
  newId(): number;
  close(): Promise<void>;
}

export const ADA = '557058:ada-0000-4000-8000-000000000001';
export const BOB = '557058:bob-0000-4000-8000-000000000002';
export const LEA = '557058:lea-0000-4000-8000-000000000003';
export const TOKENS = {
  ada: { tempo: 'tempo-ada-0123456789abcdef', jira: 'jira-ada-ATATT3xFfGF0' },
  bob: { tempo: 'tempo-bob-0123456789abcdef', jira: 'jira-bob-ATATT3xFfGF0' },
  lea: { tempo: 'tempo-lea-0123456789abcdef', jira: 'jira-lea-ATATT3xFfGF0' },
} as const;

const EIGHT_HOURS: FakeUser['week'] = [28_800, 28_800, 28_800, 28_800, 28_800, 0, 0];

/** Ada, Bob and Lea on the site Acme, all in Berlin, 8 hours Monday to Friday, every scope. */
export function defaultState(): FakeTempo['state'] {
  const user = (accountId: string, displayName: string, email: string, tokens: { tempo: string; jira: string }): FakeUser => ({
    accountId,
    displayName,
    email,
    timeZone: 'Europe/Berlin',
    tempoToken: tokens.tempo,
    jiraToken: tokens.jira,
    scopes: [...ALL_SCOPES],
    week: EIGHT_HOURS,
  });
  return {
    users: [
      user(ADA, 'Ada Lovelace', 'ada@example.com', TOKENS.ada),
      user(BOB, 'Bob Builder', 'bob@example.com', TOKENS.bob),
      user(LEA, 'Lea Lead', 'lea@example.com', TOKENS.lea),
    ],
    projects: [],
    issues: [],
    worklogs: [],
    attributes: [],
    accounts: [],
    holidays: [],
    configuration: { approvalPeriod: 'WEEK', approvalWeekStart: 1, weekStart: 1 },
    approvals: [],
    reviewers: {},
    teams: [],
  };
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };
const ok = (body: unknown, status = 200): Answer => ({ status, body });
/** Tempo's 401 and 403 are web pages. */
const page = (status: number, title: string): Answer => ({
  status,
  body: `<!doctype html><html><head><title>${status} ${title}</title></head><body><h1>${title}</h1></body></html>`,
  headers: { 'Content-Type': 'text/html; charset=utf-8' },
});
const jiraError = (status: number, ...messages: string[]): Answer => ({ status, body: { errorMessages: messages, errors: {} } });

/**
 * Tempo's answer to a read of an optional feature (test/support/optional-answers.ts), in its own form: its 401 and 403
 * web pages (text/html, as its error table says), a 404 in its JSON (`errors`, as its 400s carry them). GUESS: a 402
 * and a 500 in the same JSON, which no source shows (Tempo documents neither).
 */
export function optionalAnswer(answer: OptionalAnswer): Failure {
  const json = (status: number, message: string): Failure => ({ status, body: { errors: [{ message }] } });
  const webPage = (status: number, title: string): Failure => ({
    status,
    raw: `<!doctype html><html><head><title>${status} ${title}</title></head><body><h1>${title}</h1></body></html>`,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
  return answeredAs(answer, (own) => {
    if (own === 'payment_required') return json(402, 'This feature is not part of your plan.');
    if (own === 'forbidden') return webPage(403, 'Forbidden');
    if (own === 'not_found') return json(404, 'Not found');
    if (own === 'token_refused') return webPage(401, 'Unauthorized');
    return json(500, 'Internal Server Error');
  });
}

const TEMPO_MAX_PAGE = 5000;
const TEMPO_DEFAULT_PAGE = 50;
const SECOND_MS = 1_000;

export async function startFakeTempo(options: FakeTempoOptions = {}, seed: FakeTempo['state'] = defaultState()): Promise<FakeTempo> {
  const now = options.now ?? Date.now;
  const state = seed;
  const requests: RecordedRequest[] = [];
  const failures = { tempo: new Failures(), jira: new Failures() };
  let nextId = 100_000;
  const newId = () => ++nextId;
  const spent = new Map<string, number[]>();
  let tempoOrigin = '';
  let siteOrigin = '';

  const tempoError = (status: number, message: string): Answer => ({
    status,
    body: { errors: options.errorShape === 'object' ? { message } : [{ message }] },
  });
  const userOfAccount = (accountId: string) => state.users.find((user) => user.accountId === accountId);
  const issueById = (id: number) => state.issues.find((issue) => issue.id === id);
  const projectOf = (issue: FakeIssue) => state.projects.find((project) => project.id === issue.projectId);
  const leads = (lead: string, member: string) => state.teams.some((team) => team.lead === lead && team.members.includes(member));
  const sees = (viewer: FakeUser, accountId: string) => viewer.accountId === accountId || viewer.admin === true || leads(viewer.accountId, accountId);

  // ---- Tempo ----

  function worklogJson(worklog: FakeWorklog): unknown {
    return {
      self: `${tempoOrigin}/4/worklogs/${worklog.tempoWorklogId}`,
      tempoWorklogId: worklog.tempoWorklogId,
      issue: { self: `${siteOrigin}/rest/api/2/issue/${worklog.issueId}`, id: worklog.issueId },
      timeSpentSeconds: worklog.timeSpentSeconds,
      billableSeconds: worklog.billableSeconds ?? worklog.timeSpentSeconds,
      startDate: worklog.startDate,
      ...(worklog.startTime === undefined ? {} : { startTime: worklog.startTime }),
      description: worklog.description,
      createdAt: worklog.createdAt,
      updatedAt: worklog.updatedAt,
      author: { self: `${siteOrigin}/rest/api/2/user?accountId=${worklog.authorAccountId}`, accountId: worklog.authorAccountId },
      attributes: { self: `${tempoOrigin}/4/worklogs/${worklog.tempoWorklogId}/work-attribute-values`, values: worklog.attributes },
    };
  }

  /** A page of rows by offset and limit, with Tempo's metadata (`next` absolute, on the fake's origin or the one the options name). */
  function paged(url: URL, rows: readonly unknown[]): Answer {
    const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0) || 0);
    const asked = Number(url.searchParams.get('limit') ?? TEMPO_DEFAULT_PAGE) || TEMPO_DEFAULT_PAGE;
    if (asked > TEMPO_MAX_PAGE) return tempoError(400, `'limit' must be at most ${TEMPO_MAX_PAGE}`);
    const limit = Math.min(asked, options.pageCap ?? asked);
    const results = rows.slice(offset, offset + limit);
    const more = offset + results.length < rows.length;
    const next = new URL(url.pathname + url.search, options.nextLinkOrigin ?? tempoOrigin);
    next.searchParams.set('offset', String(offset + results.length));
    next.searchParams.set('limit', String(limit));
    return ok({
      self: `${tempoOrigin}${url.pathname}${url.search}`,
      metadata: { count: results.length, offset, limit, ...(more ? { next: next.toString() } : {}) },
      results,
    });
  }

  const byStart = (a: FakeWorklog, b: FakeWorklog) =>
    a.startDate.localeCompare(b.startDate) || (a.startTime ?? '').localeCompare(b.startTime ?? '') || a.tempoWorklogId - b.tempoWorklogId;

  function approvalPeriod(day: string): { from: string; to: string } {
    const { configuration } = state;
    if (configuration.approvalPeriod === 'MONTH') {
      const first = `${day.slice(0, 8)}01`;
      const next = addDays(`${day.slice(0, 8)}28`, 4);
      return { from: first, to: addDays(`${next.slice(0, 8)}01`, -1) };
    }
    const back = (isoWeekday(day) - configuration.approvalWeekStart + 7) % 7;
    const from = addDays(day, -back);
    return { from, to: addDays(from, 6) };
  }

  function approvalOf(accountId: string, day: string): FakeApproval {
    const period = approvalPeriod(day);
    return (
      state.approvals.find((item) => item.accountId === accountId && item.from === period.from) ?? {
        accountId,
        ...period,
        status: 'OPEN',
        comment: null,
        actor: null,
        reviewer: null,
      }
    );
  }

  const locked = (approval: FakeApproval) => approval.status !== 'OPEN';

  function approvalJson(approval: FakeApproval): unknown {
    const worklogs = state.worklogs.filter(
      (worklog) => worklog.authorAccountId === approval.accountId && worklog.startDate >= approval.from && worklog.startDate <= approval.to,
    );
    const required = eachDate(approval.from, approval.to).reduce(
      (sum, date) => sum + (scheduleDay(userOfAccount(approval.accountId), date).requiredSeconds as number),
      0,
    );
    return {
      self: `${tempoOrigin}/4/timesheet-approvals/user/${approval.accountId}?from=${approval.from}&to=${approval.to}`,
      worklogs: { self: `${tempoOrigin}/4/worklogs/user/${approval.accountId}?from=${approval.from}&to=${approval.to}` },
      timeSpentSeconds: worklogs.reduce((sum, worklog) => sum + worklog.timeSpentSeconds, 0),
      requiredSeconds: required,
      period: { from: approval.from, to: approval.to },
      user: { self: '', accountId: approval.accountId },
      ...(approval.reviewer ? { reviewer: { self: '', accountId: approval.reviewer } } : {}),
      status: {
        key: approval.status,
        ...(approval.comment ? { comment: approval.comment } : {}),
        ...(approval.actor ? { actor: { self: '', accountId: approval.actor, type: 'user' } } : {}),
        updatedAt: new Date(now()).toISOString(),
      },
      actions: {},
    };
  }

  function scheduleDay(user: FakeUser | undefined, date: string): Record<string, unknown> {
    const holiday = state.holidays.find((item) => item.date === date);
    const seconds = user?.week[isoWeekday(date) - 1] ?? 0;
    if (holiday) {
      return {
        date,
        requiredSeconds: 0,
        type: seconds > 0 ? 'HOLIDAY' : 'HOLIDAY_AND_NON_WORKING_DAY',
        holiday: { id: 1, schemeId: 1, name: holiday.name, date, durationSeconds: seconds, type: 'FIXED' },
      };
    }
    return { date, requiredSeconds: seconds, type: seconds > 0 ? 'WORKING_DAY' : 'NON_WORKING_DAY' };
  }

  /** A worklog's input checked as Tempo checks it; the worklog's values, or Tempo's 400. */
  function readInput(body: Record<string, unknown>, user: FakeUser): Omit<FakeWorklog, 'tempoWorklogId' | 'createdAt' | 'updatedAt'> | Answer {
    if (typeof body.issueKey === 'string' && body.issueId === undefined) return tempoError(400, 'Issue id cannot be null.');
    if (typeof body.issueId !== 'number') return tempoError(400, 'Issue id cannot be null.');
    if (!issueById(body.issueId)) return tempoError(400, `Issue with id ${body.issueId} not found`);
    if (typeof body.authorAccountId !== 'string') return tempoError(400, 'Author account id cannot be null.');
    if (body.authorAccountId !== user.accountId && !user.admin) return page(403, 'Forbidden');
    if (typeof body.startDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(body.startDate))
      return tempoError(400, "'startDate' must be valid on the format: 'yyyy-MM-dd'");
    if (body.startTime !== undefined && (typeof body.startTime !== 'string' || !/^\d{2}:\d{2}:\d{2}$/.test(body.startTime))) {
      return tempoError(400, "'startTime' must be valid on the format: 'HH:mm:ss'");
    }
    if (typeof body.timeSpentSeconds !== 'number' || body.timeSpentSeconds <= 0) return tempoError(400, 'Time spent seconds must be greater than 0');
    const attributes = Array.isArray(body.attributes) ? (body.attributes as Array<{ key?: unknown; value?: unknown }>) : [];
    for (const item of attributes) {
      const attribute = state.attributes.find((candidate) => candidate.key === item.key);
      if (!attribute || typeof item.value !== 'string') return tempoError(400, `Work attribute with key '${String(item.key)}' not found`);
      if (attribute.type === 'STATIC_LIST' && !Object.keys(attribute.names ?? {}).includes(item.value)) {
        return tempoError(400, `Value '${item.value}' is not valid for work attribute ${attribute.name} (${attribute.key})`);
      }
      if (attribute.type === 'ACCOUNT' && !state.accounts.some((account) => account.key === item.value))
        return tempoError(400, `Account '${item.value}' not found`);
    }
    for (const attribute of state.attributes.filter((candidate) => candidate.required)) {
      if (!attributes.some((item) => item.key === attribute.key && item.value !== '')) {
        return tempoError(400, `Work attribute ${attribute.name} (${attribute.key}) is required`);
      }
    }
    const approval = approvalOf(body.authorAccountId, body.startDate);
    if (locked(approval))
      return tempoError(
        400,
        `The timesheet for ${approval.from} to ${approval.to} is ${approval.status === 'APPROVED' ? 'approved' : 'submitted for approval'}`,
      );
    return {
      issueId: body.issueId,
      authorAccountId: body.authorAccountId,
      startDate: body.startDate,
      ...(typeof body.startTime === 'string' ? { startTime: body.startTime } : {}),
      timeSpentSeconds: body.timeSpentSeconds,
      ...(typeof body.billableSeconds === 'number' ? { billableSeconds: body.billableSeconds } : {}),
      description: typeof body.description === 'string' ? body.description : '',
      attributes: attributes.map((item) => ({ key: item.key as string, value: item.value as string })),
    };
  }

  function worklogs(method: string, url: URL, user: FakeUser, body: Record<string, unknown>): Answer {
    const path = url.pathname;
    const byUser = /^\/4\/worklogs\/user\/([^/]+)$/.exec(path);
    if (byUser && method === 'GET') {
      const accountId = decodeURIComponent(byUser[1] as string);
      if (!sees(user, accountId)) return page(403, 'Forbidden');
      const from = url.searchParams.get('from') ?? '0000-01-01';
      const to = url.searchParams.get('to') ?? '9999-12-31';
      return paged(
        url,
        state.worklogs
          .filter((worklog) => worklog.authorAccountId === accountId && worklog.startDate >= from && worklog.startDate <= to)
          .sort(byStart)
          .map(worklogJson),
      );
    }
    if (path === '/4/worklogs' && method === 'GET') {
      // Everything the token may see: a lead's and an admin's colleagues' too (and a member's on issues they browse).
      const from = url.searchParams.get('from') ?? '0000-01-01';
      const to = url.searchParams.get('to') ?? '9999-12-31';
      return paged(
        url,
        state.worklogs
          .filter((worklog) => worklog.startDate >= from && worklog.startDate <= to)
          .sort(byStart)
          .map(worklogJson),
      );
    }
    if (path === '/4/worklogs' && method === 'POST') {
      const input = readInput(body, user);
      if ('status' in input) return input;
      const stamp = new Date(now()).toISOString();
      const worklog: FakeWorklog = { tempoWorklogId: newId(), ...input, createdAt: stamp, updatedAt: stamp };
      state.worklogs.push(worklog);
      return ok(worklogJson(worklog));
    }
    const one = /^\/4\/worklogs\/(\d+)$/.exec(path);
    if (!one) return tempoError(404, 'Not found');
    const worklog = state.worklogs.find((item) => item.tempoWorklogId === Number(one[1]));
    if (!worklog) return tempoError(404, `Worklog with id ${one[1]} not found`);
    const own = sees(user, worklog.authorAccountId);
    if (method === 'GET') {
      if (own) return ok(worklogJson(worklog));
      const colleague = options.colleagueWorklog ?? 200;
      return colleague === 200 ? ok(worklogJson(worklog)) : colleague === 403 ? page(403, 'Forbidden') : tempoError(404, `Worklog with id ${one[1]} not found`);
    }
    if (!own) return page(403, 'Forbidden');
    if (locked(approvalOf(worklog.authorAccountId, worklog.startDate))) return tempoError(400, 'The timesheet of this worklog is submitted or approved');
    if (method === 'PUT') {
      const input = readInput(body, user);
      if ('status' in input) return input;
      // PUT replaces the worklog: whatever the input leaves out is gone.
      const { billableSeconds: _billable, startTime: _time, ...kept } = worklog;
      Object.assign(worklog, { ...kept, ...input, updatedAt: new Date(now()).toISOString() });
      if (input.startTime === undefined) delete worklog.startTime;
      if (input.billableSeconds === undefined) delete worklog.billableSeconds;
      return ok(worklogJson(worklog));
    }
    if (method === 'DELETE') {
      state.worklogs.splice(state.worklogs.indexOf(worklog), 1);
      return { status: 204, body: '' };
    }
    return tempoError(405, 'Method not allowed');
  }

  function approvals(method: string, url: URL, user: FakeUser, body: Record<string, unknown>): Answer {
    if (url.pathname === '/4/timesheet-approvals/waiting' && method === 'GET') {
      const waiting = state.approvals.filter(
        (approval) => approval.status !== 'OPEN' && approval.status !== 'APPROVED' && approval.reviewer === user.accountId,
      );
      return ok({ self: `${tempoOrigin}${url.pathname}`, metadata: { count: waiting.length }, results: waiting.map(approvalJson) });
    }
    const match = /^\/4\/timesheet-approvals\/user\/([^/]+)(?:\/(reviewers|submit|approve|reject|reopen))?$/.exec(url.pathname);
    if (!match) return tempoError(404, 'Not found');
    const accountId = decodeURIComponent(match[1] as string);
    const action = match[2];
    const isReviewer = (approval: FakeApproval) => approval.reviewer === user.accountId || leads(user.accountId, accountId);
    if (action === 'reviewers' && method === 'GET') {
      if (!sees(user, accountId)) return page(403, 'Forbidden');
      const reviewers = state.reviewers[accountId] ?? [];
      return ok({ self: '', metadata: { count: reviewers.length }, results: reviewers.map((id) => ({ self: '', accountId: id })) });
    }
    const from = url.searchParams.get('from');
    if (!from || !/^\d{4}-\d{2}-\d{2}$/.test(from)) return tempoError(400, "'from' must be valid on the format: 'yyyy-MM-dd'");
    const approval = approvalOf(accountId, from);
    const keep = () => {
      if (!state.approvals.includes(approval)) state.approvals.push(approval);
    };
    if (action === undefined && method === 'GET') {
      if (!sees(user, accountId) && approval.reviewer !== user.accountId) return page(403, 'Forbidden');
      return ok(approvalJson(approval));
    }
    if (method !== 'POST') return tempoError(405, 'Method not allowed');
    const comment = typeof body.comment === 'string' ? body.comment : null;
    if (action === 'submit') {
      if (accountId !== user.accountId && !leads(user.accountId, accountId)) return page(403, 'Forbidden');
      if (approval.status !== 'OPEN') return tempoError(400, 'Timesheet is already submitted');
      Object.assign(approval, {
        status: options.submittedKey ?? 'IN_REVIEW',
        reviewer: typeof body.reviewerAccountId === 'string' ? body.reviewerAccountId : null,
        comment,
        actor: user.accountId,
      });
      keep();
      return ok(approvalJson(approval));
    }
    // A person may take back (reopen) their own period while it waits; nobody decides their own, and only its
    // reviewer or a lead of the person's team decides or reopens someone else's.
    const recall = action === 'reopen' && accountId === user.accountId && approval.status !== 'OPEN' && approval.status !== 'APPROVED';
    if (!recall && (accountId === user.accountId || !isReviewer(approval))) return page(403, 'Forbidden');
    if (action === 'approve') {
      if (approval.status === 'OPEN' || approval.status === 'APPROVED') return tempoError(400, 'Timesheet is not waiting for approval');
      Object.assign(approval, { status: 'APPROVED', comment, actor: user.accountId });
    } else if (action === 'reject') {
      if (approval.status === 'OPEN') return tempoError(400, 'Timesheet is not waiting for approval');
      Object.assign(approval, { status: 'OPEN', comment, actor: user.accountId });
    } else {
      Object.assign(approval, { status: 'OPEN', comment, actor: user.accountId });
    }
    keep();
    return ok(approvalJson(approval));
  }

  const SCOPE_OF: Array<[RegExp, TempoScope]> = [
    [/^\/4\/worklogs/, 'Worklogs'],
    [/^\/4\/work-attributes/, 'Worklogs'],
    [/^\/4\/user-schedule/, 'Schemes'],
    [/^\/4\/timesheet-approvals/, 'Approvals'],
    [/^\/4\/globalconfiguration/, 'Approvals'],
    [/^\/4\/teams/, 'Teams'],
    [/^\/4\/team-memberships/, 'Teams'],
    [/^\/4\/accounts/, 'Accounts'],
  ];

  function respondTempo(method: string, url: URL, headers: Record<string, string | undefined>, text: string): Answer {
    const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
    const user = state.users.find((candidate) => candidate.tempoToken === bearer);
    if (!user) return page(401, 'Unauthorized');
    const limit = limited(user.tempoToken);
    if (limit) return limit;
    const scope = SCOPE_OF.find(([pattern]) => pattern.test(url.pathname))?.[1];
    if (scope && !user.scopes.includes(scope)) return page(403, 'Forbidden');
    let body: Record<string, unknown> = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return tempoError(400, 'Malformed JSON');
      }
    }
    const path = url.pathname;
    if (path.startsWith('/4/worklogs')) return worklogs(method, url, user, body);
    if (path === '/4/work-attributes' && method === 'GET') {
      return paged(
        url,
        state.attributes.map((attribute) => ({
          self: `${tempoOrigin}/4/work-attributes/${attribute.key}`,
          key: attribute.key,
          name: attribute.name,
          type: attribute.type,
          required: attribute.required,
          ...(attribute.type === 'STATIC_LIST' ? { values: Object.keys(attribute.names ?? {}), names: attribute.names ?? {} } : {}),
        })),
      );
    }
    if (path === '/4/accounts' && method === 'GET') {
      const status = url.searchParams.get('status');
      return paged(
        url,
        state.accounts.filter((account) => !status || account.status === status).map((account) => ({ ...account, self: '', id: account.key.length })),
      );
    }
    const schedule = /^\/4\/user-schedule(?:\/([^/]+))?$/.exec(path);
    if (schedule && method === 'GET') {
      const accountId = schedule[1] ? decodeURIComponent(schedule[1]) : user.accountId;
      if (!sees(user, accountId)) return page(403, 'Forbidden');
      const from = url.searchParams.get('from');
      const to = url.searchParams.get('to');
      if (!from || !to) return tempoError(400, "'from' and 'to' are required");
      const days = eachDate(from, to).map((date) => scheduleDay(userOfAccount(accountId), date));
      return ok({ self: `${tempoOrigin}${path}${url.search}`, metadata: { count: days.length }, results: days });
    }
    if (path === '/4/globalconfiguration' && method === 'GET') {
      return ok({
        ...state.configuration,
        allowLoggingOnClosedAccount: false,
        numberOfDaysAllowedIntoFuture: 90,
        remainingEstimateOptional: true,
        startAndEndTimesEnabled: true,
        worklogDescriptionOptional: true,
      });
    }
    if (path.startsWith('/4/timesheet-approvals')) return approvals(method, url, user, body);
    if (path === '/4/teams' && method === 'GET') {
      return paged(
        url,
        state.teams.map((team) => ({ self: `${tempoOrigin}/4/teams/${team.id}`, id: team.id, name: team.name, lead: { self: '', accountId: team.lead } })),
      );
    }
    const memberships = /^\/4\/team-memberships\/team\/(\d+)$/.exec(path);
    if (memberships && method === 'GET') {
      const team = state.teams.find((item) => item.id === Number(memberships[1]));
      if (!team) return tempoError(404, `Team with id ${memberships[1]} not found`);
      return paged(
        url,
        team.members.map((member, index) => ({
          id: team.id * 100 + index,
          member: { self: '', accountId: member },
          role: { id: 1, name: 'Member' },
          from: null,
          to: null,
        })),
      );
    }
    return tempoError(404, 'Not found');
  }

  /** Requests a token may make a second, by the fake's clock; past it a 429 (with Retry-After only where the options name one). */
  function limited(token: string): Answer | undefined {
    const max = options.perSecond === undefined ? 5 : options.perSecond;
    if (max === null) return undefined;
    const at = now();
    const recent = (spent.get(token) ?? []).filter((stamp) => at - stamp < SECOND_MS);
    if (recent.length >= max) {
      spent.set(token, recent);
      return {
        ...tempoError(429, 'Rate limit exceeded'),
        ...(options.retryAfter === undefined ? {} : { headers: { 'Retry-After': String(options.retryAfter) } }),
      };
    }
    recent.push(at);
    spent.set(token, recent);
    return undefined;
  }

  // ---- Jira ----

  function issueJson(issue: FakeIssue, fields: readonly string[] | null): unknown {
    const project = projectOf(issue);
    const all: Record<string, unknown> = {
      summary: issue.summary,
      project: project ? { id: String(project.id), key: project.key, name: project.name } : null,
      status: { name: issue.done ? 'Done' : 'In Progress', statusCategory: { key: issue.done ? 'done' : 'indeterminate' } },
      assignee: issue.assignee ? { accountId: issue.assignee } : null,
    };
    const shown = fields === null ? all : Object.fromEntries(Object.entries(all).filter(([name]) => fields.includes(name)));
    return {
      id: String(issue.id),
      key: issue.key,
      self: `${siteOrigin}/rest/api/3/issue/${issue.id}`,
      ...(fields === null || fields.length > 0 ? { fields: shown } : {}),
    };
  }

  const findIssue = (keyOrId: string): FakeIssue | undefined => {
    const wanted = keyOrId.toUpperCase();
    return state.issues.find((issue) => String(issue.id) === keyOrId || issue.key === wanted || (issue.oldKeys ?? []).includes(wanted));
  };

  /** The JQL Punchcard sends, and nothing else (a 400 in Jira's words for the rest). */
  function search(user: FakeUser, jql: string): FakeIssue[] | Answer {
    const listed = /^(key|id) in \(([^)]*)\)$/.exec(jql.trim());
    if (listed) {
      const asked = (listed[2] as string)
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      const found: FakeIssue[] = [];
      for (const item of asked) {
        const issue = findIssue(item);
        if (!issue) {
          if (options.unknownInJql === 'skip') continue;
          return jiraError(400, `An issue with key '${item}' does not exist for field '${listed[1]}'.`);
        }
        if (!found.includes(issue)) found.push(issue);
      }
      return found;
    }
    const mine = /^assignee = currentUser\(\) AND statusCategory (!=|=) Done ORDER BY updated DESC$/.exec(jql.trim());
    if (mine) {
      const done = mine[1] === '=';
      return state.issues.filter((issue) => issue.assignee === user.accountId && issue.done === done).sort((a, b) => b.updated - a.updated);
    }
    return jiraError(400, `Error in the JQL Query: the fake does not read '${jql}'.`);
  }

  function respondJira(method: string, url: URL, headers: Record<string, string | undefined>, text: string): Answer {
    const basic = /^Basic (.+)$/.exec(headers.authorization ?? '')?.[1];
    const pair = basic ? Buffer.from(basic, 'base64').toString('utf8') : '';
    const at = pair.indexOf(':');
    const user = state.users.find((candidate) => at > 0 && candidate.email === pair.slice(0, at) && candidate.jiraToken === pair.slice(at + 1));
    if (!user)
      return { status: 401, body: 'Client must be authenticated to access this resource.', headers: { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' } };
    const path = url.pathname;
    if (path === '/rest/api/3/myself' && method === 'GET') {
      return ok({
        self: `${siteOrigin}/rest/api/3/user?accountId=${user.accountId}`,
        accountId: user.accountId,
        accountType: 'atlassian',
        emailAddress: user.email,
        displayName: user.displayName,
        active: true,
        timeZone: user.timeZone,
        locale: 'en_GB',
      });
    }
    if (path === '/rest/api/3/serverInfo' && method === 'GET') {
      return ok({ baseUrl: siteOrigin, version: '1001.0.0-SNAPSHOT', deploymentType: 'Cloud', serverTitle: 'Acme' });
    }
    const one = /^\/rest\/api\/3\/issue\/([^/]+)$/.exec(path);
    if (one && method === 'GET') {
      const issue = findIssue(decodeURIComponent(one[1] as string));
      if (!issue) return jiraError(404, 'Issue does not exist or you do not have permission to see it.');
      const fields = url.searchParams.get('fields');
      return ok(issueJson(issue, fields === null ? null : fields.split(',')));
    }
    if (path === '/rest/api/3/search/jql' && (method === 'POST' || method === 'GET')) {
      let asked: { jql?: unknown; fields?: unknown; maxResults?: unknown; nextPageToken?: unknown } = {};
      try {
        asked = method === 'POST' ? (JSON.parse(text || '{}') as typeof asked) : Object.fromEntries(url.searchParams);
      } catch {
        return jiraError(400, 'Malformed JSON');
      }
      if (typeof asked.jql !== 'string') return jiraError(400, 'The JQL query is required.');
      const found = search(user, asked.jql);
      if (!Array.isArray(found)) return found;
      const max = Math.min(Number(asked.maxResults ?? 50) || 50, 5000);
      const offset = typeof asked.nextPageToken === 'string' ? Number(Buffer.from(asked.nextPageToken, 'base64url').toString('utf8')) || 0 : 0;
      const slice = found.slice(offset, offset + max);
      const more = offset + slice.length < found.length;
      const fields = Array.isArray(asked.fields) ? (asked.fields as string[]) : typeof asked.fields === 'string' ? asked.fields.split(',') : [];
      return ok({
        issues: slice.map((issue) => issueJson(issue, fields)),
        isLast: !more,
        ...(more ? { nextPageToken: Buffer.from(String(offset + slice.length)).toString('base64url') } : {}),
      });
    }
    if (path === '/rest/api/3/search') {
      return jiraError(
        410,
        'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
      );
    }
    if (path === '/rest/api/3/user/bulk' && method === 'GET') {
      const ids = url.searchParams.getAll('accountId');
      const values = ids.flatMap((id) => {
        const found = userOfAccount(id);
        return found ? [{ accountId: found.accountId, displayName: found.displayName, active: true, accountType: 'atlassian' }] : [];
      });
      return ok({ self: '', maxResults: 50, startAt: 0, total: values.length, isLast: true, values });
    }
    return jiraError(404, 'Not found');
  }

  const flatten = (headers: Record<string, string | string[] | undefined>) =>
    Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
  const toReply = (answer: Answer): Reply => {
    const raw = typeof answer.body === 'string';
    return {
      status: answer.status,
      body: raw ? (answer.body as string) : JSON.stringify(answer.body),
      headers: {
        ...(answer.status === 204 ? {} : { 'Content-Type': raw ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8' }),
        ...answer.headers,
      },
    };
  };
  const serve = (service: 'tempo' | 'jira') =>
    startFakeServer<RecordedRequest>({
      requests,
      failures: failures[service],
      record: (common, request) => ({ ...common, service, headers: flatten(request.headers) }),
      respond: (method, url, headers, text) => toReply((service === 'tempo' ? respondTempo : respondJira)(method, url, flatten(headers), text)),
    });
  const tempoServer = await serve('tempo');
  const jiraServer = await serve('jira');
  tempoOrigin = tempoServer.url;
  siteOrigin = jiraServer.url;
  return {
    tempoUrl: tempoServer.url,
    siteUrl: jiraServer.url,
    state,
    requests,
    options,
    failNext: (service, match, failure) => failures[service].add(match, failure),
    newId,
    async close() {
      await Promise.all([tempoServer.close(), jiraServer.close()]);
    },
  };
}

/** Adds a Jira project and its issues (assigned to `assignee` where given), in the order given (the last updated last). */
export function addIssues(
  fake: FakeTempo,
  project: { key: string; name: string },
  issues: Array<{ summary: string; assignee?: string; done?: boolean; oldKeys?: string[] }>,
): FakeIssue[] {
  const { state } = fake;
  const made = state.projects.find((item) => item.key === project.key) ?? { id: 10_000 + state.projects.length, key: project.key, name: project.name };
  if (!state.projects.includes(made)) state.projects.push(made);
  return issues.map((issue) => {
    const number = state.issues.filter((item) => item.projectId === made.id).length + 1;
    const added: FakeIssue = {
      id: 10_400 + state.issues.length,
      key: `${made.key}-${number}`,
      summary: issue.summary,
      projectId: made.id,
      assignee: issue.assignee ?? null,
      done: issue.done ?? false,
      ...(issue.oldKeys ? { oldKeys: issue.oldKeys } : {}),
      updated: fake.newId(),
    };
    state.issues.push(added);
    return added;
  });
}

/** Adds a worklog of `author` on `issue` from `start` to `end` (instants), written on the wall clock of the author's zone. */
export function addWorklog(
  fake: FakeTempo,
  worklog: { author: string; issueId: number; start: number; end: number; description?: string; attributes?: Array<{ key: string; value: string }> },
): FakeWorklog {
  const user = fake.state.users.find((candidate) => candidate.accountId === worklog.author);
  const zone = user?.timeZone ?? 'UTC';
  const wall = new Date(worklog.start).toLocaleTimeString('en-GB', { timeZone: zone, hour12: false });
  const stamp = new Date(worklog.start).toISOString();
  const made: FakeWorklog = {
    tempoWorklogId: fake.newId(),
    issueId: worklog.issueId,
    authorAccountId: worklog.author,
    startDate: localDate(worklog.start, zone),
    startTime: wall,
    timeSpentSeconds: Math.round((worklog.end - worklog.start) / 1000),
    description: worklog.description ?? '',
    attributes: worklog.attributes ?? [],
    createdAt: stamp,
    updatedAt: stamp,
  };
  fake.state.worklogs.push(made);
  return made;
}
