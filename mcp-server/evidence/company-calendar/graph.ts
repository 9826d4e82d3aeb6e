// Microsoft Graph's calendarView as the company calendar's wire (docs/evidence.md, "The company calendar"):
// the one request Punchcard makes of Graph, and what it makes of the answer. Only `GET {api}/me/calendarView`
// of the signed-in person's default calendar, with the window's both ends written with their offset
// (Graph reads a value without one as UTC, whatever the Prefer header says), and a $select of the fields
// evidence needs: never the body, attendees, location or online meeting, so they do not even travel.
// `Prefer: outlook.timezone="UTC"` goes on every page, since Graph does not carry request headers to the
// pages its @odata.nextLink names; an answer in another zone is not guessed at. The next link is
// followed as Graph wrote it (its $skiptoken is Graph's own), but only on the API's own origin and path,
// for the same fields and window.
import { type CompanyCalendarFailure, retryAfterSeconds, vendorCode } from './failures.ts';
import { type CalendarEventFacts, instantParameter, occurrenceKey, type ParsedEvent, type ParsedPage } from './events.ts';

/** The fields read of each event; `originalStart` names a moved occurrence by where it was first. */
export const GRAPH_SELECT = [
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
  'originalStart',
];
/** Events per page asked for (Graph's default for events is 10). */
export const GRAPH_PAGE_SIZE = 100;
export const GRAPH_PREFER = 'outlook.timezone="UTC"';

/** The first page's address: the API's own path with `/me/calendarView` after it. */
export function graphFirstUrl(api: URL, from: number, to: number): URL {
  const url = new URL(`${api.href.replace(/\/+$/, '')}/me/calendarView`);
  url.searchParams.set('startDateTime', instantParameter(from));
  url.searchParams.set('endDateTime', instantParameter(to));
  url.searchParams.set('$select', GRAPH_SELECT.join(','));
  url.searchParams.set('$top', String(GRAPH_PAGE_SIZE));
  return url;
}

/**
 * The next page as Graph named it, verbatim; undefined where it leaves the first page's origin or path,
 * or asks for other fields than the first page did. Graph writes the path of its links in lower case
 * (`/me/calendarview`) and its paths and query option names are not case-sensitive, so both are
 * compared without case; the link must still carry a $select of only the fields asked for, so no page
 * brings a body, attendees or a place that the first did not ask for. It may carry only the options the
 * first page sent and Graph's own paging ones: an $expand or $filter would read what was never asked
 * (attachments, extensions). A window it names must be the first page's, as instants (Graph may write
 * them its own way), so no page reads days the person did not ask for.
 */
export function graphNextUrl(first: URL, next: string): URL | undefined {
  if (!URL.canParse(next)) return undefined;
  const url = new URL(next);
  if (url.origin !== first.origin || url.pathname.toLowerCase() !== first.pathname.toLowerCase() || url.username !== '' || url.password !== '')
    return undefined;
  const options = [...url.searchParams].map(([name, value]) => [name.toLowerCase(), value] as const);
  if (options.some(([name]) => !NEXT_LINK_OPTIONS.has(name))) return undefined;
  for (const end of ['startdatetime', 'enddatetime']) {
    const named = options.filter(([name]) => name === end);
    const asked = [...first.searchParams].find(([name]) => name.toLowerCase() === end)?.[1];
    if (named.length > 1) return undefined;
    if (named.length === 1 && (asked === undefined || Date.parse(named[0]?.[1] ?? '') !== Date.parse(asked))) return undefined;
  }
  const selects = options.filter(([name]) => name === '$select');
  if (selects.length !== 1) return undefined;
  const fields = (selects[0]?.[1] ?? '').split(',').map((field) => field.trim());
  return fields.every((field) => GRAPH_SELECT.includes(field)) ? url : undefined;
}

/** The query options a next link may carry (in lower case): the first page's, and Graph's paging. */
const NEXT_LINK_OPTIONS = new Set(['startdatetime', 'enddatetime', '$select', '$top', '$skip', '$skiptoken']);

/** The headers every page is asked with, besides the token. */
export function graphHeaders(): Record<string, string> {
  return { accept: 'application/json', prefer: GRAPH_PREFER };
}

/** One page of calendarView: `value` and maybe `@odata.nextLink`; undefined where the body is not that. */
export function graphPage(body: unknown): ParsedPage | undefined {
  if (!isObject(body) || !Array.isArray(body.value)) return undefined;
  const next = body['@odata.nextLink'];
  if (next !== undefined && typeof next !== 'string') return undefined;
  return { events: body.value.map(graphEvent), next };
}

const LEFT_OUT_SHOW_AS = { free: 'free', oof: 'out-of-office', workingElsewhere: 'working-location' } as const;
const PRIVATE_SENSITIVITIES = new Set(['private', 'confidential', 'personal']);

/**
 * One event of the page. Left out as the desktop leaves them out: cancelled, all-day, free, declined;
 * and out of office and "working elsewhere", which mark where or whether the person works, not work.
 */
export function graphEvent(item: unknown): ParsedEvent {
  if (!isObject(item)) return { unreadable: true };
  if (item.isCancelled === true) return { leftOut: 'cancelled' };
  if (item.isAllDay === true) return { leftOut: 'all-day' };
  const showAs = typeof item.showAs === 'string' ? item.showAs : '';
  if (showAs in LEFT_OUT_SHOW_AS) return { leftOut: LEFT_OUT_SHOW_AS[showAs as keyof typeof LEFT_OUT_SHOW_AS] };
  if (isObject(item.responseStatus) && item.responseStatus.response === 'declined') return { leftOut: 'declined' };
  const start = utcTime(item.start);
  const end = utcTime(item.end);
  const uid = nonEmpty(item.iCalUId) ?? nonEmpty(item.id);
  if (start === undefined || end === undefined || uid === undefined) return { unreadable: true };
  // An occurrence's iCalUId is its own (Graph: "different for each occurrence"); originalStart is
  // where an occurrence of a series was first, so a moved one keeps its key. Neither depends on Prefer.
  const original = typeof item.originalStart === 'string' ? Date.parse(item.originalStart) : Number.NaN;
  const isPrivate = typeof item.sensitivity === 'string' && PRIVATE_SENSITIVITIES.has(item.sensitivity);
  const facts: CalendarEventFacts = {
    key: occurrenceKey(uid, Number.isFinite(original) ? original : start),
    start,
    end,
    // A private event's subject is not even copied: it stays in the parsed body, which is dropped.
    title: isPrivate ? undefined : typeof item.subject === 'string' ? item.subject : undefined,
    private: isPrivate,
  };
  return { facts };
}

/**
 * A dateTimeTimeZone in UTC (as Prefer asked) as epoch milliseconds: Graph writes it without an offset
 * and with seven decimals (`2026-11-23T09:00:00.0000000`). Any other zone means the Prefer header was
 * not honoured: such a time is not read, rather than read in the wrong zone.
 */
function utcTime(value: unknown): number | undefined {
  if (!isObject(value) || typeof value.dateTime !== 'string') return undefined;
  if (value.timeZone !== 'UTC' && value.timeZone !== 'Etc/UTC') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?$/.exec(value.dateTime);
  if (!match) return undefined;
  const epochMs = Date.parse(`${match[1]}.${(match[2] ?? '').padEnd(3, '0').slice(0, 3)}Z`);
  return Number.isFinite(epochMs) ? epochMs : undefined;
}

/** A failed answer as a failure: Graph's `{ error: { code, message } }` and its headers. */
export function graphFailure(status: number, headers: Headers, body: unknown, now: number): CompanyCalendarFailure {
  const code = vendorCode(isObject(body) && isObject(body.error) ? body.error.code : undefined);
  if (status === 401) {
    return /error\s*=\s*"?insufficient_claims/i.test(headers.get('www-authenticate') ?? '') ? { code: 'claims_challenge' } : { code: 'unauthorised' };
  }
  if (status === 403) return { code: 'forbidden', ...(code ? { vendor: code } : {}) };
  if (status === 404) return { code: 'no_calendar', ...(code ? { vendor: code } : {}) };
  if (status === 429) return withRetry({ code: 'throttled' }, headers, now);
  if (status >= 500) return withRetry({ code: 'provider_error', status }, headers, now);
  return { code: 'request_refused', status, ...(code ? { vendor: code } : {}) };
}

function withRetry<T extends CompanyCalendarFailure>(failure: T, headers: Headers, now: number): T {
  const seconds = retryAfterSeconds(headers.get('retry-after'), now);
  return seconds === undefined ? failure : { ...failure, retryAfterSeconds: seconds };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
