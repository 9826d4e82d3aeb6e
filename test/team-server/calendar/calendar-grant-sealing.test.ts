// A calendar grant sealed to its person and provider (team-server/auth/calendar/calendar-grant.ts):
// it opens for them under the key, and for nobody else: not copied onto another person's row, not
// read as the other provider's, not under another key. The scopes' check reads what was granted.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type CalendarGrant, openCalendarGrant, sealCalendarGrant } from '../../../team-server/auth/calendar/calendar-grant.ts';
import { grantsCalendar, subjectAt } from '../../../team-server/auth/calendar/calendar-scopes.ts';
import { SealError } from '../../../team-server/store/sealed.ts';

const KEY = randomBytes(32);
const GRANT: CalendarGrant = { refreshToken: 'rt-0123456789', issuer: 'https://login.example.com', subject: 'ada', scope: 'openid offline_access' };

describe('a sealed calendar grant', () => {
  const sealed = sealCalendarGrant(KEY, 'p1', 'microsoft', GRANT);

  it('opens for its person and provider, and holds no token in the clear', () => {
    expect(openCalendarGrant(KEY, 'p1', { provider: 'microsoft', sealed, since: 0 })).toEqual(GRANT);
    expect(sealed).not.toContain('rt-0123456789');
    expect(Buffer.from(sealed.split('.')[2] as string, 'base64url').toString('latin1')).not.toContain('rt-0123456789');
  });

  it('does not open on another person’s row, as the other provider’s, or under another key', () => {
    expect(() => openCalendarGrant(KEY, 'p2', { provider: 'microsoft', sealed, since: 0 })).toThrow(SealError);
    expect(() => openCalendarGrant(KEY, 'p1', { provider: 'google', sealed, since: 0 })).toThrow(SealError);
    expect(() => openCalendarGrant(randomBytes(32), 'p1', { provider: 'microsoft', sealed, since: 0 })).toThrow(SealError);
  });
});

describe('the granted scope', () => {
  it('holds the calendar scope only where the provider said it, word for word', () => {
    expect(grantsCalendar('microsoft', 'openid offline_access https://graph.microsoft.com/Calendars.ReadBasic')).toBe(true);
    expect(grantsCalendar('microsoft', 'openid offline_access https://graph.microsoft.com/Calendars.Read')).toBe(false);
    expect(grantsCalendar('google', 'openid https://www.googleapis.com/auth/calendar.events.owned.readonly.extra')).toBe(false);
    expect(grantsCalendar('google', 'openid')).toBe(false);
    // No scope in the answer is the scope as asked (RFC 6749, 5.1).
    expect(grantsCalendar('google', undefined)).toBe(true);
  });

  it('finds the subject a person signed in with at the issuer, and none for another issuer or sign-in', () => {
    expect(subjectAt('oidc:https://login.example.com:ada', 'https://login.example.com')).toBe('ada');
    expect(subjectAt('oidc:https://login.example.com.evil:ada', 'https://login.example.com')).toBeUndefined();
    expect(subjectAt('dev:ada', 'https://login.example.com')).toBeUndefined();
    expect(subjectAt('oidc:https://login.example.com:', 'https://login.example.com')).toBeUndefined();
  });
});
