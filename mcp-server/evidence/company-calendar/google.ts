// Google Calendar's events.list as the company calendar's wire (docs/evidence.md, "The company calendar"):
// the one request Punchcard makes of Google, and what it makes of the answer. Only
// `GET {api}/calendars/primary/events` — the signed-in person's own primary calendar, never another id —
// with series expanded (singleEvents, which orderBy=startTime needs), both ends of the window written
// with their offset (Google refuses them without one), times answered in UTC, at most one attendee (the
// person themselves, for their answer) and a `fields` mask naming only what evidence needs: no
// description, location, attendees' addresses, organiser or conference link travels. nextPageToken is
// followed with the same parameters, through the empty pages Google may send before the last one.
import { type CompanyCalendarFailure, retryAfterSeconds, vendorCode } from './failures.ts';
import { type CalendarEventFacts, instantParameter, occurrenceKey, type ParsedEvent, type ParsedPage } from './events.ts';

/** The parts of the answer asked for (a partial response): the person's own attendance at most. */
export const GOOGLE_FIELDS =
  'nextPageToken,items(id,iCalUID,summary,start(date,dateTime),end(date,dateTime),status,transparency,visibility,eventType,attendees(self,responseStatus),originalStartTime(date,dateTime))';
/** Events per page asked for (Google's default and most common page; it may send fewer, or none). */
export const GOOGLE_PAGE_SIZE = 250;

/** A page's address: the first one, or with the token of the next. */
export function googlePageUrl(api: URL, from: number, to: number, pageToken?: string): URL {
  const url = new URL(`${api.href.replace(/\/+$/, '')}/calendars/primary/events`);
  url.searchParams.set('singleEvents', 'true');
  url.searchParams.set('orderBy', 'startTime');
  url.searchParams.set('timeMin', instantParameter(from));
  url.searchParams.set('timeMax', instantParameter(to));
  url.searchParams.set('timeZone', 'UTC');
  url.searchParams.set('maxAttendees', '1');
  url.searchParams.set('maxResults', String(GOOGLE_PAGE_SIZE));
  url.searchParams.set('fields', GOOGLE_FIELDS);
  if (pageToken !== undefined) url.searchParams.set('pageToken', pageToken);
  return url;
}

export function googleHeaders(): Record<string, string> {
  return { accept: 'application/json' };
}

/** One page of events.list: `items` (absent on an empty page under a fields mask) and maybe `nextPageToken`. */
export function googlePage(body: unknown): ParsedPage | undefined {
  if (!isObject(body)) return undefined;
  const items = body.items ?? [];
  if (!Array.isArray(items)) return undefined;
  const next = body.nextPageToken;
  if (next !== undefined && (typeof next !== 'string' || next === '')) return undefined;
  return { events: items.map(googleEvent), next };
}

/** The event types that mark where or whether the person works (or someone's birthday), not work. */
const LEFT_OUT_TYPES = { outOfOffice: 'out-of-office', workingLocation: 'working-location', birthday: 'birthday' } as const;

/**
 * One event of the page. Left out as the desktop leaves them out: cancelled, free (transparent),
 * all-day (a `date`, no `dateTime`), declined by the person; and the types above. A private or
 * confidential event arrives with its real title for its owner: it is not copied.
 */
export function googleEvent(item: unknown): ParsedEvent {
  if (!isObject(item)) return { unreadable: true };
  if (item.status === 'cancelled') return { leftOut: 'cancelled' };
  if (typeof item.eventType === 'string' && item.eventType in LEFT_OUT_TYPES) return { leftOut: LEFT_OUT_TYPES[item.eventType as keyof typeof LEFT_OUT_TYPES] };
  if (item.transparency === 'transparent') return { leftOut: 'free' };
  if (isObject(item.start) && typeof item.start.date === 'string' && item.start.dateTime === undefined) return { leftOut: 'all-day' };
  const self = Array.isArray(item.attendees) ? item.attendees.find((attendee) => isObject(attendee) && attendee.self === true) : undefined;
  if (isObject(self) && self.responseStatus === 'declined') return { leftOut: 'declined' };
  const start = instant(item.start);
  const end = instant(item.end);
  const uid = nonEmpty(item.iCalUID) ?? nonEmpty(item.id);
  if (start === undefined || end === undefined || uid === undefined) return { unreadable: true };
  // Every instance of a series shares its iCalUID; originalStartTime is the instance's first start, the
  // RECURRENCE-ID of an iCalendar export, so the key is the one the same calendar's feed gives on the desktop.
  const original = instant(item.originalStartTime);
  const isPrivate = item.visibility === 'private' || item.visibility === 'confidential';
  const facts: CalendarEventFacts = {
    key: occurrenceKey(uid, original ?? start),
    start,
    end,
    title: isPrivate ? undefined : typeof item.summary === 'string' ? item.summary : undefined,
    private: isPrivate,
  };
  return { facts };
}

/** An EventDateTime's `dateTime` (RFC 3339, its offset required) as epoch milliseconds. */
function instant(value: unknown): number | undefined {
  if (!isObject(value) || typeof value.dateTime !== 'string') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i.test(value.dateTime)) return undefined;
  const epochMs = Date.parse(value.dateTime);
  return Number.isFinite(epochMs) ? epochMs : undefined;
}

/** Google's rate limits, which it answers with 403 as well as 429. */
const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded']);

/** A failed answer as a failure: Google's `{ error: { code, message, errors: [{ reason }], status } }`. */
export function googleFailure(status: number, headers: Headers, body: unknown, now: number): CompanyCalendarFailure {
  const reason = reasonOf(body);
  const retry = retryAfterSeconds(headers.get('retry-after'), now);
  const retryPart = retry === undefined ? {} : { retryAfterSeconds: retry };
  if (status === 401) return { code: 'unauthorised' };
  if (status === 429 || (status === 403 && reason !== undefined && RATE_REASONS.has(reason))) return { code: 'throttled', ...retryPart };
  if (status === 403 && (reason === 'accessNotConfigured' || detailReason(body) === 'SERVICE_DISABLED')) return { code: 'api_disabled' };
  if (status === 403) return { code: 'forbidden', ...(reason ? { vendor: reason } : {}) };
  if (status === 404) return { code: 'no_calendar', ...(reason ? { vendor: reason } : {}) };
  if (status >= 500) return { code: 'provider_error', status, ...retryPart };
  return { code: 'request_refused', status, ...(reason ? { vendor: reason } : {}) };
}

function reasonOf(body: unknown): string | undefined {
  if (!isObject(body) || !isObject(body.error) || !Array.isArray(body.error.errors)) return undefined;
  const first: unknown = body.error.errors[0];
  return isObject(first) ? vendorCode(first.reason) : undefined;
}

/** The reason of the google.rpc.ErrorInfo detail newer errors carry (SERVICE_DISABLED, ACCESS_TOKEN_SCOPE_INSUFFICIENT). */
function detailReason(body: unknown): string | undefined {
  if (!isObject(body) || !isObject(body.error) || !Array.isArray(body.error.details)) return undefined;
  for (const detail of body.error.details) if (isObject(detail) && typeof detail.reason === 'string') return vendorCode(detail.reason);
  return undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
