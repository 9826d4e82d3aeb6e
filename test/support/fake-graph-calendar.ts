// A fake of Microsoft Graph's calendarView (GET /v1.0/me/calendarView) for one person's mailbox, over
// https on the loopback, as Microsoft's reference describes it (the facts behind it are in
// docs/evidence.md, "The company calendar"): both window ends required, a value without an offset read as
// UTC, the window read by overlap; `$select` honoured (without it every field comes, the body,
// attendees, location and meeting link included, so a reader that forgot it would be seen); 10 events
// a page unless `$top` says otherwise; `@odata.nextLink` a whole URL of Graph's own making (its path in
// lower case, as Graph writes it, and an opaque `$skip`), pages that may be empty before the last;
// `Prefer: outlook.timezone` honoured per request (UTC without it), answered with Preference-Applied;
// `$filter` refused (400); private events given with their real subject to their owner. Tokens are
// the test's: an unknown one is 401 as Graph says it, a revoked session's is 401 with a continuous
// access evaluation challenge (`insufficient_claims`), one without a calendar scope is 403.
// Every request is logged with its method, path, query and headers, the Authorization header left out:
// `token` says only which of the test's tokens it carried.
import type http from 'node:http';
import { Failures, type RecordedRequest, type Reply, startFakeServer } from './fake-server.ts';

export interface FakeGraphEvent {
  id?: string;
  iCalUId: string;
  subject: string;
  /** Instants (ISO 8601 with offset). */
  start: string;
  end: string;
  isAllDay?: boolean;
  isCancelled?: boolean;
  showAs?: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
  sensitivity?: 'normal' | 'personal' | 'private' | 'confidential';
  response?: 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';
  type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  seriesMasterId?: string;
  originalStart?: string;
  /** What a reader must never ask for; here so that asking would show. */
  body?: string;
  attendees?: string[];
  location?: string;
  joinUrl?: string;
}

/** What an identity provider says of an access token it issued (its label for the log, its scopes); undefined where it issued none. */
export type TokenIssuer = (token: string) => { label: string; scopes: string[] } | undefined;

export interface GraphRequest extends RecordedRequest {
  /** Every header but Authorization, names in lower case. */
  headers: Record<string, string>;
  /** Which token came, by the label the test accepted it under (never the token; kept after it is forgotten), or 'missing'/'unknown'. */
  token: string;
}

export interface FakeGraphCalendar {
  /** `https://localhost:<port>/v1.0`, what api_url names. */
  apiUrl: string;
  /** The mailbox's events; a test may change them between readings. */
  events: FakeGraphEvent[];
  requests: GraphRequest[];
  failures: Failures;
  /** Empty pages (with a next link) before the first page and between every two pages. */
  emptyPagesBetween: number;
  /** Where next links point instead of this fake (a hostile or broken answer). */
  nextLinkOrigin: string | undefined;
  /** Accepts a token, by default with Calendars.ReadBasic; the log names it by `label` (the token is never logged). */
  acceptToken(token: string, label: string, scopes?: string[]): void;
  /**
   * Accepts the tokens an identity provider issued, as Graph accepts Entra's: each is asked about when it
   * first comes, then kept (a Graph token works until it ends, whatever happened to its refresh token).
   * The scopes are the provider's, `https://graph.microsoft.com/` left off as Graph's `scp` claim has them.
   */
  trustIssuer(issuer: TokenIssuer): void;
  /** The token's session was revoked: Graph answers a continuous access evaluation challenge. */
  challengeToken(token: string): void;
  /** The token stops working (expired, or its grant revoked). */
  forgetToken(token: string): void;
  close(): Promise<void>;
}

const ALL_FIELDS = [
  'id',
  'iCalUId',
  'subject',
  'start',
  'end',
  'isAllDay',
  'isCancelled',
  'showAs',
  'sensitivity',
  'responseStatus',
  'type',
  'seriesMasterId',
  'originalStart',
  'body',
  'bodyPreview',
  'attendees',
  'location',
  'locations',
  'organizer',
  'onlineMeeting',
  'onlineMeetingUrl',
  'isOnlineMeeting',
  'webLink',
];
const CALENDAR_SCOPES = new Set(['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite']);
const DEFAULT_PAGE = 10;
const MAX_PAGE = 1000;

export async function startFakeGraphCalendar(options: { tls: { key: string; cert: string } }): Promise<FakeGraphCalendar> {
  const tokens = new Map<string, { scopes: string[]; challenged: boolean }>();
  const labels = new Map<string, string>();
  const requests: GraphRequest[] = [];
  const failures = new Failures();
  let base = '';
  let issuer: TokenIssuer | undefined;
  const issued = (token: string) => {
    const facts = issuer?.(token);
    if (!facts) return undefined;
    const known = { scopes: facts.scopes.map((scope) => scope.replace(/^https:\/\/graph\.microsoft\.com\//, '')), challenged: false };
    tokens.set(token, known);
    labels.set(token, facts.label);
    return known;
  };
  const fake: FakeGraphCalendar = {
    apiUrl: '',
    events: [],
    requests,
    failures,
    emptyPagesBetween: 0,
    nextLinkOrigin: undefined,
    acceptToken: (token, label, scopes = ['Calendars.ReadBasic']) => {
      tokens.set(token, { scopes, challenged: false });
      labels.set(token, label);
    },
    trustIssuer: (trusted) => {
      issuer = trusted;
    },
    challengeToken: (token) => {
      const known = tokens.get(token);
      if (known) known.challenged = true;
    },
    forgetToken: (token) => void tokens.delete(token),
    close: async () => {},
  };

  const tokenOf = (headers: http.IncomingHttpHeaders): string | undefined => /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];

  const respond = (method: string, url: URL, headers: http.IncomingHttpHeaders): Reply => {
    const path = url.pathname.toLowerCase();
    if (method !== 'GET') return graphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
    const token = tokenOf(headers);
    const known = token === undefined ? undefined : (tokens.get(token) ?? issued(token));
    if (!known) {
      return graphError(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.', {
        'WWW-Authenticate':
          'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
      });
    }
    if (known.challenged) {
      return graphError(
        401,
        'InvalidAuthenticationToken',
        'Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp',
        {
          'WWW-Authenticate':
            'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTc5NTgzNDgwMCJ9fX0="',
        },
      );
    }
    if (path.startsWith('/v1.0/users/')) return graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    if (path !== '/v1.0/me/calendarview') return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').at(-1)}'.`);
    if (!known.scopes.some((scope) => CALENDAR_SCOPES.has(scope)))
      return graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    // Graph's query option names are not case-sensitive.
    const query = new Map([...url.searchParams].map(([name, value]) => [name.toLowerCase(), value]));
    const start = windowEnd(query.get('startdatetime'));
    const end = windowEnd(query.get('enddatetime'));
    if (start === undefined || end === undefined) {
      return graphError(
        400,
        'ErrorInvalidParameter',
        'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
      );
    }
    if (query.has('$filter')) return graphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
    const selected = query
      .get('$select')
      ?.split(',')
      .map((field) => field.trim());
    const unknown = selected?.find((field) => !ALL_FIELDS.includes(field));
    if (unknown) return graphError(400, 'RequestBroker--ParseUri', `Could not find a property named '${unknown}' on type 'microsoft.graph.event'.`);
    const top = Math.min(Number(query.get('$top') ?? DEFAULT_PAGE) || DEFAULT_PAGE, MAX_PAGE);
    const zone = /outlook\.timezone="([^"]+)"/.exec(String(headers.prefer ?? ''))?.[1];

    const inWindow = fake.events
      .filter((event) => Date.parse(event.start) < end && Date.parse(event.end) > start)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const skip = decodeSkip(query.get('$skip'));
    const emptyNow = skip.empties < fake.emptyPagesBetween;
    const page = emptyNow ? [] : inWindow.slice(skip.offset, skip.offset + top);
    const nextSkip = emptyNow
      ? { offset: skip.offset, empties: skip.empties + 1 }
      : skip.offset + top < inWindow.length
        ? { offset: skip.offset + top, empties: 0 }
        : undefined;
    const body: Record<string, unknown> = {
      '@odata.context': `${base}/$metadata#users('ada%40example.com')/calendarView${selected ? `(${selected.join(',')})` : ''}`,
      value: page.map((event) => shown(event, selected, zone ?? 'UTC', known.scopes)),
    };
    if (nextSkip) body['@odata.nextLink'] = nextLink(url, nextSkip);
    return {
      status: 200,
      body: JSON.stringify(body),
      headers: {
        'Content-Type': 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8',
        'request-id': crypto.randomUUID(),
        ...(zone ? { 'Preference-Applied': `outlook.timezone="${zone}"` } : {}),
      },
    };
  };

  /** Graph's next link: the same query, path and names lower-cased as Graph writes them, its own $skip. */
  const nextLink = (url: URL, skip: { offset: number; empties: number }): string => {
    const next = new URL(`${fake.nextLinkOrigin ?? new URL(base).origin}/v1.0/me/calendarview`);
    for (const [name, value] of url.searchParams) if (name.toLowerCase() !== '$skip') next.searchParams.set(name.toLowerCase(), value);
    next.searchParams.set('$skip', Buffer.from(JSON.stringify(skip)).toString('base64url'));
    return next.href;
  };

  const server = await startFakeServer<GraphRequest>({
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
  base = `${server.url}/v1.0`;
  fake.apiUrl = base;
  fake.close = server.close;
  return fake;
}

/** A window end as Graph reads it: with its offset, or UTC where it has none; undefined where it is no date-time. */
function windowEnd(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const withZone = /(?:Z|[+-]\d{2}:\d{2})$/i.test(value) ? value : `${value}Z`;
  const epochMs = Date.parse(withZone);
  return Number.isFinite(epochMs) ? epochMs : undefined;
}

function decodeSkip(value: string | undefined): { offset: number; empties: number } {
  if (!value) return { offset: 0, empties: 0 };
  return JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { offset: number; empties: number };
}

/** An event as Graph gives it: every field, or the $selected ones and the id; times in the zone Prefer asked for. */
function shown(event: FakeGraphEvent, selected: string[] | undefined, zone: string, scopes: string[]): Record<string, unknown> {
  const readBasic = !scopes.includes('Calendars.Read') && !scopes.includes('Calendars.ReadWrite');
  const all: Record<string, unknown> = {
    id: event.id ?? `AAMkAD${Buffer.from(event.iCalUId).toString('base64url')}`,
    iCalUId: event.iCalUId,
    subject: event.subject,
    start: { dateTime: inZone(event.start, zone), timeZone: zone },
    end: { dateTime: inZone(event.end, zone), timeZone: zone },
    isAllDay: event.isAllDay ?? false,
    isCancelled: event.isCancelled ?? false,
    showAs: event.showAs ?? 'busy',
    sensitivity: event.sensitivity ?? 'normal',
    responseStatus: { response: event.response ?? 'organizer', time: '0001-01-01T00:00:00Z' },
    type: event.type ?? 'singleInstance',
    seriesMasterId: event.seriesMasterId ?? null,
    originalStart: event.originalStart ?? null,
    // Calendars.ReadBasic reads no body.
    ...(readBasic ? {} : { body: { contentType: 'html', content: event.body ?? '' }, bodyPreview: event.body ?? '' }),
    attendees: (event.attendees ?? []).map((address) => ({ type: 'required', status: { response: 'none' }, emailAddress: { name: address, address } })),
    location: { displayName: event.location ?? '' },
    locations: event.location ? [{ displayName: event.location }] : [],
    organizer: { emailAddress: { name: 'Ada Lovelace', address: 'ada@example.com' } },
    onlineMeeting: event.joinUrl ? { joinUrl: event.joinUrl } : null,
    onlineMeetingUrl: event.joinUrl ?? null,
    isOnlineMeeting: event.joinUrl !== undefined,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(event.iCalUId)}`,
  };
  const fields = selected ? ['id', ...selected] : Object.keys(all);
  return Object.fromEntries([['@odata.etag', 'W/"DwAAABYAAAA="'], ...fields.filter((field) => field in all).map((field) => [field, all[field]])]);
}

/** An instant as Graph writes a dateTimeTimeZone: wall time in the zone, seven decimals, no offset. */
function inZone(instant: string, zone: string): string {
  const date = new Date(instant);
  if (zone === 'UTC') return `${date.toISOString().slice(0, 19)}.0000000`;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.0000000`;
}

/** Graph's error body, with the ids it always carries. */
export function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  const id = crypto.randomUUID();
  return {
    status,
    body: JSON.stringify({ error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': id, 'client-request-id': id } } }),
    headers: { 'Content-Type': 'application/json', 'request-id': id, ...headers },
  };
}

/** The body of Graph's 429 (a scripted failure's `body`), with Retry-After in `headers`. */
export const GRAPH_THROTTLED = {
  error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.', innerError: { date: '2026-11-23T09:00:00' } },
};
