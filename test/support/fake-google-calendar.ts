// A fake of Google Calendar's events.list (GET /calendar/v3/calendars/{calendarId}/events) for one
// person, over https on the loopback, as Google's reference describes it (the facts behind it are in
// docs/evidence.md, "The company calendar"): `primary` (or the owner's address) is their calendar, another
// id is 404; timeMin and timeMax need their offset (400 without), timeMin bounds an event's end and
// timeMax its start, so overlaps come; orderBy=startTime only with singleEvents=true; 250 events a page
// by default, 2,500 at most, pages that may be empty with a nextPageToken, and a token that only serves
// the query it came from; `timeZone` sets the answer's zone (the calendar's own without it);
// `maxAttendees` leaves only the person themselves where there are more; `fields` honoured as a partial
// response (without it every field comes: description, location, every attendee's address, the meet
// link, so a reader that forgot it would be seen); private events with their real title, since the
// owner reads them. Tokens are the test's: an unknown one is 401, one without a calendar scope 403
// insufficientPermissions, as Google writes its errors. Every request is logged with its method,
// path, query and headers, the Authorization header left out: `token` says only which of the test's
// tokens it carried.
import type http from 'node:http';
import { Failures, type RecordedRequest, type Reply, startFakeServer } from './fake-server.ts';
import type { TokenIssuer } from './fake-graph-calendar.ts';

export interface FakeGoogleEvent {
  id?: string;
  iCalUID: string;
  summary?: string;
  /** An instant (ISO 8601 with offset), or a day for an all-day event. */
  start: string | { date: string };
  end: string | { date: string };
  status?: 'confirmed' | 'tentative' | 'cancelled';
  transparency?: 'opaque' | 'transparent';
  visibility?: 'default' | 'public' | 'private' | 'confidential';
  eventType?: 'default' | 'outOfOffice' | 'focusTime' | 'workingLocation' | 'fromGmail' | 'birthday';
  /** The person's own answer; they are an attendee where it is given. */
  selfResponse?: 'needsAction' | 'declined' | 'tentative' | 'accepted';
  /** Other attendees' addresses. */
  others?: string[];
  recurringEventId?: string;
  originalStartTime?: string;
  /** What a reader must never ask for; here so that asking would show. */
  description?: string;
  location?: string;
  hangoutLink?: string;
}

export interface GoogleRequest extends RecordedRequest {
  headers: Record<string, string>;
  /** Which token came, by the label the test accepted it under (never the token; kept after it is forgotten), or 'missing'/'unknown'. */
  token: string;
}

export interface FakeGoogleCalendar {
  /** `https://localhost:<port>/calendar/v3`, what api_url names. */
  apiUrl: string;
  owner: string;
  /** The calendar's own zone, which times are given in without `timeZone`. */
  calendarZone: string;
  events: FakeGoogleEvent[];
  requests: GoogleRequest[];
  failures: Failures;
  emptyPagesBetween: number;
  /** Accepts a token, by default with calendar.events.owned.readonly; the log names it by `label` (the token is never logged). */
  acceptToken(token: string, label: string, scopes?: string[]): void;
  /** Accepts the tokens an identity provider issued, as Google accepts its own: asked about at each request (a revoked grant's tokens stop at once). */
  trustIssuer(issuer: TokenIssuer): void;
  forgetToken(token: string): void;
  close(): Promise<void>;
}

const SCOPE = 'https://www.googleapis.com/auth/';
const EVENT_SCOPES = new Set(
  ['calendar', 'calendar.readonly', 'calendar.events', 'calendar.events.readonly', 'calendar.events.owned.readonly'].map((scope) => `${SCOPE}${scope}`),
);
const PAGING_PARAMETERS = ['singleEvents', 'orderBy', 'timeMin', 'timeMax', 'timeZone', 'maxAttendees', 'maxResults', 'fields', 'q', 'showDeleted'];

export async function startFakeGoogleCalendar(options: { tls: { key: string; cert: string }; owner?: string }): Promise<FakeGoogleCalendar> {
  const tokens = new Map<string, string[]>();
  const labels = new Map<string, string>();
  let issuer: TokenIssuer | undefined;
  const requests: GoogleRequest[] = [];
  const failures = new Failures();
  const fake: FakeGoogleCalendar = {
    apiUrl: '',
    owner: options.owner ?? 'ada@example.com',
    calendarZone: 'Europe/Berlin',
    events: [],
    requests,
    failures,
    emptyPagesBetween: 0,
    trustIssuer: (trusted) => {
      issuer = trusted;
    },
    acceptToken: (token, label, scopes = [`${SCOPE}calendar.events.owned.readonly`]) => {
      tokens.set(token, scopes);
      labels.set(token, label);
    },
    forgetToken: (token) => void tokens.delete(token),
    close: async () => {},
  };
  const tokenOf = (headers: http.IncomingHttpHeaders): string | undefined => /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];

  const respond = (method: string, url: URL, headers: http.IncomingHttpHeaders): Reply => {
    const token = tokenOf(headers);
    const scopes = token === undefined ? undefined : (tokens.get(token) ?? issuer?.(token)?.scopes);
    if (!scopes) {
      return googleError(
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        'authError',
        {
          'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
        },
      );
    }
    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events$/.exec(url.pathname);
    if (!match || method !== 'GET') return googleError(404, 'NOT_FOUND', 'Not Found', 'notFound');
    if (!scopes.some((scope) => EVENT_SCOPES.has(scope))) {
      return googleError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.', 'insufficientPermissions', {}, [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', domain: 'googleapis.com' },
      ]);
    }
    const calendarId = decodeURIComponent(match[1] as string);
    if (calendarId !== 'primary' && calendarId !== fake.owner) return googleError(404, 'NOT_FOUND', 'Not Found', 'notFound');
    const query = url.searchParams;
    const timeMin = rfc3339(query.get('timeMin'));
    const timeMax = rfc3339(query.get('timeMax'));
    if (timeMin === null || timeMax === null) return googleError(400, 'INVALID_ARGUMENT', 'Bad Request', 'badRequest');
    if (timeMin !== undefined && timeMax !== undefined && timeMin >= timeMax)
      return googleError(400, 'INVALID_ARGUMENT', 'The specified time range is empty.', 'timeRangeEmpty');
    const single = query.get('singleEvents') === 'true';
    if (query.get('orderBy') === 'startTime' && !single) {
      return googleError(400, 'INVALID_ARGUMENT', 'The requested ordering is not available for the particular query.', 'invalid');
    }
    const pageSize = Math.min(Number(query.get('maxResults') ?? 250) || 250, 2500);
    const zone = query.get('timeZone') ?? fake.calendarZone;
    const maxAttendees = query.has('maxAttendees') ? Number(query.get('maxAttendees')) : undefined;
    const asked = JSON.stringify(PAGING_PARAMETERS.map((name) => query.get(name)));
    const position = decodeToken(query.get('pageToken'));
    if (position === 'invalid' || (position && position.query !== asked)) return googleError(400, 'INVALID_ARGUMENT', 'Invalid Value', 'invalid');

    const chosen = fake.events
      .filter((event) => (timeMin === undefined || endOf(event) > timeMin) && (timeMax === undefined || startOf(event) < timeMax))
      .filter((event) => event.status !== 'cancelled' || query.get('showDeleted') === 'true')
      .sort((a, b) => startOf(a) - startOf(b));
    const offset = position ? position.offset : 0;
    const empties = position ? position.empties : 0;
    const emptyNow = empties < fake.emptyPagesBetween;
    const page = emptyNow ? [] : chosen.slice(offset, offset + pageSize);
    const next = emptyNow ? { offset, empties: empties + 1 } : offset + pageSize < chosen.length ? { offset: offset + pageSize, empties: 0 } : undefined;
    const full: Record<string, unknown> = {
      kind: 'calendar#events',
      etag: '"p33c9hbfb4c9ou0g"',
      summary: fake.owner,
      updated: '2026-11-27T08:00:00.000Z',
      timeZone: fake.calendarZone,
      accessRole: 'owner',
      defaultReminders: [{ method: 'popup', minutes: 10 }],
      ...(next
        ? { nextPageToken: Buffer.from(JSON.stringify({ ...next, query: asked })).toString('base64url') }
        : { nextSyncToken: 'CPDAlvWDx70CEPDAlvWDx70CGAU=' }),
      items: page.map((event) => shown(event, fake.owner, zone, maxAttendees)),
    };
    const fields = query.get('fields');
    const body = fields === null ? full : partial(full, parseFields(fields));
    return { status: 200, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json; charset=UTF-8', Vary: 'Origin, X-Origin, Referer' } };
  };

  const server = await startFakeServer<GoogleRequest>({
    tls: options.tls,
    requests,
    failures,
    record(common, request) {
      const { credential: _credential, ...rest } = common;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (name !== 'authorization' && value !== undefined) headers[name] = String(value);
      const token = tokenOf(request.headers);
      return { ...rest, headers, token: token === undefined ? 'missing' : (labels.get(token) ?? issuer?.(token)?.label ?? 'unknown') };
    },
    respond,
  });
  fake.apiUrl = `${server.url}/calendar/v3`;
  fake.close = server.close;
  return fake;
}

/** An RFC 3339 instant with its offset; undefined when not given, null when given without an offset or unreadable. */
function rfc3339(value: string | null): number | undefined | null {
  if (value === null) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i.test(value)) return null;
  const epochMs = Date.parse(value);
  return Number.isFinite(epochMs) ? epochMs : null;
}

function startOf(event: FakeGoogleEvent): number {
  return typeof event.start === 'string' ? Date.parse(event.start) : Date.parse(`${event.start.date}T00:00:00Z`);
}

function endOf(event: FakeGoogleEvent): number {
  return typeof event.end === 'string' ? Date.parse(event.end) : Date.parse(`${event.end.date}T00:00:00Z`);
}

function decodeToken(value: string | null): { offset: number; empties: number; query: string } | undefined | 'invalid' {
  if (value === null) return undefined;
  try {
    return JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { offset: number; empties: number; query: string };
  } catch {
    return 'invalid';
  }
}

/** An event as Google gives it to its owner: every field, the title of a private one included. */
function shown(event: FakeGoogleEvent, owner: string, zone: string, maxAttendees: number | undefined): Record<string, unknown> {
  const id = event.id ?? Buffer.from(event.iCalUID).toString('hex').slice(0, 26);
  const time = (value: string | { date: string }) => (typeof value === 'string' ? { dateTime: inZone(value, zone), timeZone: zone } : { date: value.date });
  let attendees: Array<Record<string, unknown>> = [
    ...(event.selfResponse ? [{ email: owner, self: true, responseStatus: event.selfResponse }] : []),
    ...(event.others ?? []).map((email) => ({ email, responseStatus: 'accepted' })),
  ];
  let omitted = false;
  if (maxAttendees !== undefined && attendees.length > maxAttendees) {
    attendees = attendees.filter((attendee) => attendee.self === true);
    omitted = true;
  }
  return {
    kind: 'calendar#event',
    etag: '"3181161784712000"',
    id,
    status: event.status ?? 'confirmed',
    htmlLink: `https://www.google.com/calendar/event?eid=${id}`,
    created: '2026-11-01T08:00:00.000Z',
    updated: '2026-11-01T08:00:00.000Z',
    ...(event.summary === undefined ? {} : { summary: event.summary }),
    ...(event.description === undefined ? {} : { description: event.description }),
    ...(event.location === undefined ? {} : { location: event.location }),
    creator: { email: owner, self: true },
    organizer: { email: owner, self: true },
    start: time(event.start),
    end: time(event.end),
    ...(event.recurringEventId ? { recurringEventId: event.recurringEventId } : {}),
    ...(event.originalStartTime ? { originalStartTime: time(event.originalStartTime) } : {}),
    ...(event.transparency ? { transparency: event.transparency } : {}),
    ...(event.visibility ? { visibility: event.visibility } : {}),
    iCalUID: event.iCalUID,
    sequence: 0,
    ...(attendees.length > 0 ? { attendees } : {}),
    ...(omitted ? { attendeesOmitted: true } : {}),
    ...(event.hangoutLink ? { hangoutLink: event.hangoutLink } : {}),
    eventType: event.eventType ?? 'default',
  };
}

/** An instant with the zone's offset written, as Google writes a dateTime (`Z` for UTC). */
function inZone(instant: string, zone: string): string {
  const date = new Date(instant);
  if (zone === 'UTC') return `${date.toISOString().slice(0, 19)}Z`;
  const offsetName = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value;
  const offset = offsetName === 'GMT' || !offsetName ? '+00:00' : offsetName.slice(3);
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(':').map(Number);
  const shifted = new Date(date.getTime() + sign * ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000);
  return `${shifted.toISOString().slice(0, 19)}${offset}`;
}

type FieldTree = Map<string, FieldTree>;

/** Google's fields syntax: `a,b(c,d),e/f`. */
export function parseFields(text: string): FieldTree {
  let at = 0;
  const list = (): FieldTree => {
    const tree: FieldTree = new Map();
    for (;;) {
      let name = '';
      while (at < text.length && !',()/'.includes(text[at] as string)) name += text[at++];
      name = name.trim();
      let sub: FieldTree = new Map();
      if (text[at] === '/') {
        at++;
        sub = list1();
      } else if (text[at] === '(') {
        at++;
        sub = list();
        at++; // ')'
      }
      if (name) tree.set(name, mergeTrees(tree.get(name), sub));
      if (text[at] === ',') {
        at++;
        continue;
      }
      return tree;
    }
  };
  // After a '/', one path step (which may itself have a '/', or parentheses).
  const list1 = (): FieldTree => {
    let name = '';
    while (at < text.length && !',()/'.includes(text[at] as string)) name += text[at++];
    let sub: FieldTree = new Map();
    if (text[at] === '/') {
      at++;
      sub = list1();
    } else if (text[at] === '(') {
      at++;
      sub = list();
      at++;
    }
    return new Map([[name.trim(), sub]]);
  };
  return list();
}

function mergeTrees(a: FieldTree | undefined, b: FieldTree): FieldTree {
  if (!a || a.size === 0 || b.size === 0) return a && a.size === 0 ? a : b;
  const merged = new Map(a);
  for (const [key, value] of b) merged.set(key, mergeTrees(merged.get(key), value));
  return merged;
}

/** The parts of a value a field tree names; an empty list under a mask is left out, as Google leaves it out. */
function partial(value: unknown, tree: FieldTree): unknown {
  if (tree.size === 0) return value;
  if (Array.isArray(value)) return value.map((item) => partial(item, tree));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [name, sub] of tree) {
    const field = (value as Record<string, unknown>)[name];
    if (field === undefined || (Array.isArray(field) && field.length === 0)) continue;
    out[name] = partial(field, sub);
  }
  return out;
}

/** Google's error body: `{ error: { code, message, errors: [{ domain, reason, message }], status } }`. */
export function googleError(
  status: number,
  statusName: string,
  message: string,
  reason: string,
  headers: Record<string, string> = {},
  details?: unknown[],
): Reply {
  return {
    status,
    body: JSON.stringify({
      error: { code: status, message, errors: [{ message, domain: 'global', reason }], status: statusName, ...(details ? { details } : {}) },
    }),
    headers: { 'Content-Type': 'application/json; charset=UTF-8', ...headers },
  };
}

/** Google's rate limit, which it answers with 403 as often as 429 (a scripted failure's `body`). */
export const GOOGLE_RATE_LIMITED = {
  error: {
    code: 403,
    message: 'Rate Limit Exceeded',
    errors: [{ message: 'Rate Limit Exceeded', domain: 'usageLimits', reason: 'rateLimitExceeded' }],
    status: 'PERMISSION_DENIED',
  },
};

/** The Calendar API not switched on in the client's project. */
export const GOOGLE_API_DISABLED = {
  error: {
    code: 403,
    message: 'Google Calendar API has not been used in project 123456789012 before or it is disabled.',
    errors: [
      {
        message: 'Google Calendar API has not been used in project 123456789012 before or it is disabled.',
        domain: 'usageLimits',
        reason: 'accessNotConfigured',
      },
    ],
    status: 'PERMISSION_DENIED',
    details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED', domain: 'googleapis.com' }],
  },
};
