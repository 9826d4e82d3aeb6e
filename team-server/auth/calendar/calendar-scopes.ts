// What a person's calendar grant asks the company's provider for, per provider: the least that reads
// their own events and keeps working without them (docs/team-server/company-calendar.md). Pure: the
// connect request, the callback's check and the account page's words all read it from here.
import type { CalendarProvider } from '../../store/store.ts';

export interface CalendarScopes {
  /** The provider as a person knows it. */
  label: string;
  /** The authorization request's scope. */
  scope: string;
  /** The scope that reads the calendar: the grant is kept only where the provider granted it. */
  calendarScope: string;
  /** Further parameters of the authorization request. */
  extra: Readonly<Record<string, string>>;
}

export const CALENDAR_SCOPES: Readonly<Record<CalendarProvider, CalendarScopes>> = {
  microsoft: {
    label: 'Microsoft 365',
    // Calendars.ReadBasic reads events without their bodies and attachments; offline_access is what
    // makes Entra ID return a refresh token at all.
    scope: 'openid offline_access https://graph.microsoft.com/Calendars.ReadBasic',
    calendarScope: 'https://graph.microsoft.com/Calendars.ReadBasic',
    extra: {},
  },
  google: {
    label: 'Google',
    // Only calendars the person owns; Google returns a refresh token for access_type=offline, and
    // only on a consent, so the consent is asked each time a person connects.
    scope: 'openid https://www.googleapis.com/auth/calendar.events.owned.readonly',
    calendarScope: 'https://www.googleapis.com/auth/calendar.events.owned.readonly',
    extra: { access_type: 'offline', prompt: 'consent' },
  },
};

/**
 * Whether the provider's `scope` answer holds the calendar scope. A person may untick it on Google's
 * consent page and the grant still succeeds, so what was granted is read, never assumed; an answer
 * without `scope` is the scope as asked (RFC 6749, 5.1).
 */
export function grantsCalendar(provider: CalendarProvider, granted: string | undefined): boolean {
  if (granted === undefined) return true;
  return granted.split(' ').includes(CALENDAR_SCOPES[provider].calendarScope);
}

/** The subject a person's identity names at `issuer` (`oidc:<issuer>:<subject>`), or undefined for one who signed in otherwise. */
export function subjectAt(identity: string, issuer: string): string | undefined {
  const prefix = `oidc:${issuer}:`;
  return identity.startsWith(prefix) && identity.length > prefix.length ? identity.slice(prefix.length) : undefined;
}
