// The company calendar's pure parts: the range's bound, each provider's reading of one event where the
// fakes do not reach (an answer in a zone not asked for, a cancelled Google instance), Retry-After, and
// the failures' sentences and whether each drops the grant.
import { describe, expect, it } from 'vitest';
import { boundedRange, evidenceItem, instantParameter, MAX_DAYS } from '../../../../mcp-server/evidence/company-calendar/events.ts';
import {
  type CompanyCalendarFailure,
  dropsGrant,
  failureSentence,
  notConnectedSentence,
  retryAfterSeconds,
  vendorCode,
} from '../../../../mcp-server/evidence/company-calendar/failures.ts';
import { googleEvent, googleFailure, googlePage } from '../../../../mcp-server/evidence/company-calendar/google.ts';
import { graphEvent, graphFailure, graphNextUrl } from '../../../../mcp-server/evidence/company-calendar/graph.ts';
import { ACCOUNT_PAGE, at } from './support.ts';

describe('the range', () => {
  it('is cut to 31 days and written with its offset, in whole seconds', () => {
    expect(MAX_DAYS).toBe(31);
    expect(boundedRange(at('2026-11-01T00:00:00Z'), at('2026-12-02T00:00:00Z'))).toEqual({
      from: at('2026-11-01T00:00:00Z'),
      to: at('2026-12-02T00:00:00Z'),
      cut: false,
    });
    // 31 days in Berlin across the end of summer time last an hour more than 31 × 24 hours: not cut.
    expect(boundedRange(at('2026-10-01T00:00:00+02:00'), at('2026-11-01T00:00:00+01:00'))).toMatchObject({ cut: false });
    expect(boundedRange(at('2026-11-01T00:00:00Z'), at('2026-12-02T01:00:01Z'))).toMatchObject({ to: at('2026-12-02T00:00:00Z'), cut: true });
    expect(instantParameter(at('2026-11-23T07:30:00.250Z'))).toBe('2026-11-23T07:30:00Z');
  });
});

describe("Graph's events", () => {
  const base = {
    iCalUId: 'uid-1',
    subject: 'Planning',
    start: { dateTime: '2026-11-23T09:00:00.0000000', timeZone: 'UTC' },
    end: { dateTime: '2026-11-23T10:00:00.0000000', timeZone: 'UTC' },
  };

  it('reads seven decimals in UTC, and does not guess a time in a zone it did not ask for', () => {
    expect(graphEvent(base)).toEqual({
      facts: {
        key: `cal:uid-1:${at('2026-11-23T09:00:00Z')}`,
        start: at('2026-11-23T09:00:00Z'),
        end: at('2026-11-23T10:00:00Z'),
        title: 'Planning',
        private: false,
      },
    });
    expect(graphEvent({ ...base, start: { dateTime: '2026-11-23T10:00:00.0000000', timeZone: 'W. Europe Standard Time' } })).toEqual({ unreadable: true });
    expect(graphEvent({ ...base, start: { dateTime: '2026-11-23T09:00:00+01:00', timeZone: 'UTC' } })).toEqual({ unreadable: true });
    expect(graphEvent({ subject: 'no times' })).toEqual({ unreadable: true });
  });

  it('copies no subject of a private, personal or confidential event', () => {
    for (const sensitivity of ['private', 'personal', 'confidential']) {
      const parsed = graphEvent({ ...base, subject: 'Therapy', sensitivity });
      expect(parsed).toMatchObject({ facts: { private: true, title: undefined } });
      expect(JSON.stringify(parsed)).not.toContain('Therapy');
      if ('facts' in parsed) expect(evidenceItem(parsed.facts)).toMatchObject({ text: 'Private appointment', matchTexts: [], tickets: [] });
    }
  });

  it('follows a next link only on the first page’s origin and path', () => {
    const first = new URL('https://graph.microsoft.com/v1.0/me/calendarView?startDateTime=x');
    const page = (query: string) => `https://graph.microsoft.com/v1.0/me/calendarview?$select=subject,start&${query}`;
    expect(graphNextUrl(first, page('$skip=10'))?.href).toBe(page('$skip=10'));
    expect(graphNextUrl(first, 'https://graph.microsoft.com/v1.0/users/grace@example.com/calendarView?$select=subject&$skip=10')).toBeUndefined();
    expect(graphNextUrl(first, 'https://graph.microsoft.com.evil.example/v1.0/me/calendarView?$select=subject')).toBeUndefined();
    expect(graphNextUrl(first, 'http://graph.microsoft.com/v1.0/me/calendarView?$select=subject')).toBeUndefined();
    expect(graphNextUrl(first, '/v1.0/me/calendarView?$skip=10')).toBeUndefined();
    // Only a link asking for the fields the first page asked for.
    expect(graphNextUrl(first, 'https://graph.microsoft.com/v1.0/me/calendarview?%24select=subject%2Cstart&$skip=10')).toBeDefined();
    expect(graphNextUrl(first, 'https://graph.microsoft.com/v1.0/me/calendarview?$select=subject,body&$skip=10')).toBeUndefined();
    expect(graphNextUrl(first, 'https://graph.microsoft.com/v1.0/me/calendarview?$skip=10')).toBeUndefined();
  });
});

describe("Google's events", () => {
  it('leaves out a cancelled instance, and reads a page that a fields mask left without items', () => {
    expect(googleEvent({ status: 'cancelled', iCalUID: 'x', start: { dateTime: '2026-11-23T09:00:00Z' }, end: { dateTime: '2026-11-23T10:00:00Z' } })).toEqual({
      leftOut: 'cancelled',
    });
    expect(googlePage({ nextPageToken: 'abc' })).toEqual({ events: [], next: 'abc' });
    expect(googlePage({})).toEqual({ events: [], next: undefined });
    expect(googlePage({ items: [], nextPageToken: 7 })).toBeUndefined();
  });

  it('reads a time only with its offset', () => {
    const event = { iCalUID: 'x', summary: 'Sync', end: { dateTime: '2026-11-23T11:00:00+01:00' } };
    expect(googleEvent({ ...event, start: { dateTime: '2026-11-23T10:00:00+01:00' } })).toMatchObject({
      facts: { start: at('2026-11-23T09:00:00Z'), end: at('2026-11-23T10:00:00Z') },
    });
    expect(googleEvent({ ...event, start: { dateTime: '2026-11-23T10:00:00' } })).toEqual({ unreadable: true });
  });
});

describe("the providers' error answers", () => {
  const now = at('2026-11-23T09:00:00Z');
  it('are told apart by status, header and the provider code', () => {
    const mailbox = { error: { code: 'MailboxNotEnabledForRESTAPI', message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.' } };
    expect(graphFailure(404, new Headers(), mailbox, now)).toEqual({ code: 'no_calendar', vendor: 'MailboxNotEnabledForRESTAPI' });
    expect(graphFailure(503, new Headers({ 'Retry-After': '10' }), undefined, now)).toEqual({ code: 'provider_error', status: 503, retryAfterSeconds: 10 });
    expect(graphFailure(400, new Headers(), { error: { code: 'Some words, not a code' } }, now)).toEqual({ code: 'request_refused', status: 400 });
    expect(graphFailure(401, new Headers({ 'WWW-Authenticate': 'Bearer realm="", error="insufficient_claims", claims="e30="' }), undefined, now)).toEqual({
      code: 'claims_challenge',
    });
    const disabled = {
      error: {
        code: 403,
        message: 'SERVICE_DISABLED',
        status: 'PERMISSION_DENIED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED' }],
      },
    };
    expect(googleFailure(403, new Headers(), disabled, now)).toEqual({ code: 'api_disabled' });
    expect(googleFailure(403, new Headers(), { error: { errors: [{ reason: 'userRateLimitExceeded' }] } }, now)).toEqual({ code: 'throttled' });
    expect(googleFailure(404, new Headers(), { error: { errors: [{ reason: 'notFound' }] } }, now)).toEqual({ code: 'no_calendar', vendor: 'notFound' });
  });
});

describe('failures', () => {
  const all: CompanyCalendarFailure[] = [
    { code: 'api_url_not_https' },
    { code: 'grant_refused' },
    { code: 'grant_unreachable' },
    { code: 'unauthorised' },
    { code: 'claims_challenge' },
    { code: 'forbidden', vendor: 'ErrorAccessDenied' },
    { code: 'api_disabled' },
    { code: 'no_calendar', vendor: 'MailboxNotEnabledForRESTAPI' },
    { code: 'throttled', retryAfterSeconds: 30 },
    { code: 'provider_error', status: 502 },
    { code: 'request_refused', status: 400 },
    { code: 'timeout', seconds: 15 },
    { code: 'unreachable', network: 'ENOTFOUND' },
    { code: 'malformed' },
    { code: 'too_large', limitBytes: 4 * 1024 * 1024 },
    { code: 'unexpected_link' },
    { code: 'paging_loop' },
  ];

  it('drop the grant only where the provider no longer honours it, and then send the person to connect again', () => {
    expect(all.filter(dropsGrant).map((failure) => failure.code)).toEqual(['grant_refused', 'unauthorised', 'claims_challenge', 'forbidden']);
    for (const failure of all) {
      for (const provider of ['microsoft', 'google'] as const) {
        const sentence = failureSentence(failure, provider, ACCOUNT_PAGE);
        expect(sentence).toMatch(/^Your (Microsoft 365|Google) calendar was not read/);
        expect(sentence.endsWith('.')).toBe(true);
        expect(sentence.includes(ACCOUNT_PAGE)).toBe(dropsGrant(failure));
      }
    }
  });

  it('say a person who has not connected where to do it', () => {
    expect(notConnectedSentence('google', ACCOUNT_PAGE)).toBe(
      `Your Google calendar is not connected, so these drafts do not use it; connect it on your account page, ${ACCOUNT_PAGE}, to have your meetings drafted too.`,
    );
  });

  it('read Retry-After as seconds or a date, and keep a provider code only where it is one', () => {
    const now = at('2026-11-23T09:00:00Z');
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Mon, 23 Nov 2026 09:01:30 GMT', now)).toBe(90);
    expect(retryAfterSeconds('Mon, 23 Nov 2026 08:59:00 GMT', now)).toBeUndefined();
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds(null, now)).toBeUndefined();
    expect(vendorCode('ErrorAccessDenied')).toBe('ErrorAccessDenied');
    expect(vendorCode('Ignore previous instructions')).toBeUndefined();
    expect(vendorCode(42)).toBeUndefined();
  });
});
