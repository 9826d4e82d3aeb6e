// Why a company calendar could not be read, as data (a code and its facts), and the sentence a person
// reads about it under suggest_entries' `skipped`: the rest of the day still drafts from the other
// sources. A failure also says whether the person's grant is worth keeping: one the provider no longer
// honours (revoked, expired, narrowed, or asking for a fresh sign-in) is dropped by the caller, and the
// sentence sends the person to their account page to connect again. No sentence quotes what a provider
// answered beyond its status and a code of letters (a message may hold anything), and none holds a token.
import { megabytes } from '../../providers/remote/answer-size.ts';
import type { CompanyCalendarProvider } from './events.ts';

export type CompanyCalendarFailure =
  /** The server's settings name an API address that is not https (or no address at all). */
  | { code: 'api_url_not_https' }
  /** The caller's access token source says the grant no longer works (invalid_grant at the token endpoint). */
  | { code: 'grant_refused' }
  /** The caller could not get an access token for a passing reason (the token endpoint down). */
  | { code: 'grant_unreachable' }
  /** 401 even with a token renewed for it. */
  | { code: 'unauthorised' }
  /** 401 with `WWW-Authenticate: … error="insufficient_claims"` (Entra's continuous access evaluation): only a new sign-in helps. */
  | { code: 'claims_challenge' }
  /** 403: the grant does not reach the calendar (a scope unticked or withdrawn). `vendor` is the provider's code. */
  | { code: 'forbidden'; vendor?: string }
  /** Google's 403 accessNotConfigured: the Calendar API is not switched on in the server's Google project. */
  | { code: 'api_disabled' }
  /** 404: the provider has no calendar for the person (Microsoft: no Exchange Online mailbox). */
  | { code: 'no_calendar'; vendor?: string }
  /** 429 (and Google's 403 rate limits): `retryAfterSeconds` where the provider said when. */
  | { code: 'throttled'; retryAfterSeconds?: number }
  /** 5xx. */
  | { code: 'provider_error'; status: number; retryAfterSeconds?: number }
  /** Another 4xx: the provider refused the request as Punchcard wrote it. */
  | { code: 'request_refused'; status: number; vendor?: string }
  | { code: 'timeout'; seconds: number }
  /** No answer at all; `network` is the error's code (ECONNREFUSED, a certificate's), never its message. */
  | { code: 'unreachable'; network?: string }
  /** An answer that is no page of events (not JSON, or not the shape the API documents). */
  | { code: 'malformed' }
  /** A page larger than MAX_PAGE_BYTES. */
  | { code: 'too_large'; limitBytes: number }
  /** A next page's address off the API's own origin and path, or asking for other fields: not followed. */
  | { code: 'unexpected_link' }
  /** A next page named again after it was read: the pages go round in a circle. */
  | { code: 'paging_loop' };

export type CompanyCalendarFailureCode = CompanyCalendarFailure['code'];

/** The failures after which the stored grant is of no more use: the caller deletes it, and the sentence asks the person to connect again. */
const DROPS_GRANT: ReadonlySet<CompanyCalendarFailureCode> = new Set(['grant_refused', 'unauthorised', 'claims_challenge', 'forbidden']);

export function dropsGrant(failure: CompanyCalendarFailure): boolean {
  return DROPS_GRANT.has(failure.code);
}

/** The calendar as a sentence names it. */
export function calendarName(provider: CompanyCalendarProvider): string {
  return provider === 'microsoft' ? 'your Microsoft 365 calendar' : 'your Google calendar';
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** What a person can do once their grant was dropped: connect again, on the page that does it. */
function connectAgain(accountPage: string): string {
  return `Connect it again on your account page, ${accountPage}.`;
}

function inSeconds(seconds: number | undefined): string {
  if (seconds === undefined || seconds <= 60) return 'in a minute';
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minutes`;
}

/** A provider's own code, kept only where it is a plain identifier (ErrorAccessDenied, insufficientPermissions). */
export function vendorCode(code: unknown): string | undefined {
  return typeof code === 'string' && /^[A-Za-z][A-Za-z0-9_.]{0,63}$/.test(code) ? code : undefined;
}

/** The sentence for a failure; the calendar was not used for these drafts. */
export function failureSentence(failure: CompanyCalendarFailure, provider: CompanyCalendarProvider, accountPage: string): string {
  const name = calendarName(provider);
  const Name = capitalised(name);
  const vendor = (code: string | undefined) => (code ? `, ${code}` : '');
  switch (failure.code) {
    case 'api_url_not_https':
      return `${Name} was not read: the server's settings give its API an address that is not https (evidence.company_calendar.api_url); the administrator must correct it.`;
    case 'grant_refused':
      return `${Name} was not read: ${provider === 'microsoft' ? 'Microsoft' : 'Google'} no longer honours Punchcard's access to it (it was revoked, or expired unused). ${connectAgain(accountPage)}`;
    case 'grant_unreachable':
      return `${Name} was not read: Punchcard could not renew its access to it, because the sign-in provider did not answer; try again in a minute.`;
    case 'unauthorised':
      return `${Name} was not read: the calendar refused Punchcard's access (401) even after it was renewed. ${connectAgain(accountPage)}`;
    case 'claims_challenge':
      return `${Name} was not read: your organisation asks for a fresh sign-in before your calendar is read again (a policy or your account changed). ${connectAgain(accountPage)}`;
    case 'forbidden':
      return `${Name} was not read: the access you granted does not include reading your calendar (403${vendor(failure.vendor)}). ${connectAgain(accountPage)} Allow reading your calendar there.`;
    case 'api_disabled':
      return `${Name} was not read: the Google Calendar API is not switched on in the server's Google Cloud project; the administrator can switch it on, and nothing needs doing on your side.`;
    case 'no_calendar':
      return `${Name} was not read: ${provider === 'microsoft' ? 'Microsoft 365 has no mailbox calendar' : 'Google has no primary calendar'} for your account (404${vendor(failure.vendor)}); ask the administrator whether your account has one.`;
    case 'throttled':
      return `${Name} was not read: the calendar asked Punchcard to slow down (429); try again ${inSeconds(failure.retryAfterSeconds)}.`;
    case 'provider_error':
      return `${Name} was not read: the calendar service had a problem of its own (${failure.status}); try again ${inSeconds(failure.retryAfterSeconds)}.`;
    case 'request_refused':
      return `${Name} was not read: the calendar refused the request Punchcard sent (${failure.status}${vendor(failure.vendor)}), which is a fault in Punchcard; tell the administrator.`;
    case 'timeout':
      return `${Name} was not read: the calendar did not answer within ${failure.seconds} seconds; try again later.`;
    case 'unreachable':
      return `${Name} was not read: the calendar could not be reached${failure.network ? ` (${failure.network})` : ''}; try again later, or ask the administrator to check the server's connection.`;
    case 'malformed':
      return `${Name} was not read: the calendar answered with something that is not a page of events; try again later.`;
    case 'too_large':
      return `${Name} was not read: the calendar sent a page larger than the ${megabytes(failure.limitBytes)} Punchcard reads; ask for fewer days.`;
    case 'unexpected_link':
      return `${Name} was not read to its end: the calendar gave the next page an address outside its own API, which Punchcard does not follow, so none of it was used.`;
    case 'paging_loop':
      return `${Name} was not read to its end: the calendar named a page again that was read already, so none of it was used; try again later.`;
  }
}

/** What one reading left out though it succeeded, each said in a sentence. */
export type CompanyCalendarNote =
  | { code: 'range_cut'; days: number; until: number }
  | { code: 'events_limit'; limit: number }
  | { code: 'pages_limit'; limit: number }
  | { code: 'unreadable_events'; count: number };

export function noteSentence(note: CompanyCalendarNote, provider: CompanyCalendarProvider): string {
  const Name = capitalised(calendarName(provider));
  switch (note.code) {
    case 'range_cut':
      return `${Name} is read for ${note.days} days at most in one call: it was read up to ${new Date(note.until).toISOString().slice(0, 10)} (UTC); ask for the days after in another call.`;
    case 'events_limit':
      return `${Name} has more than ${note.limit.toLocaleString('en-US')} events in these days; the rest were left out. Ask for fewer days.`;
    case 'pages_limit':
      return `${Name} answered in more than ${note.limit.toLocaleString('en-US')} pages for these days; the events after them were left out. Ask for fewer days.`;
    case 'unreadable_events':
      return `${Name} has ${note.count === 1 ? 'an event' : `${note.count} events`} with a time that cannot be read; ${note.count === 1 ? 'it was' : 'they were'} left out.`;
  }
}

/** The sentence for a person who has not connected their calendar: not an error, an invitation. */
export function notConnectedSentence(provider: CompanyCalendarProvider, accountPage: string): string {
  return `${capitalised(calendarName(provider))} is not connected, so these drafts do not use it; connect it on your account page, ${accountPage}, to have your meetings drafted too.`;
}

/**
 * Retry-After as seconds from now: delta-seconds or an HTTP date (RFC 9110 10.2.3); undefined where
 * it says neither, or a time past.
 */
export function retryAfterSeconds(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (!Number.isFinite(at) || at <= now) return undefined;
  return Math.ceil((at - now) / 1000);
}
