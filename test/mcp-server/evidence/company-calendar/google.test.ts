// The Google reader against a fake of Google Calendar's events.list (test/support/fake-google-calendar.ts):
// what is asked (only the primary calendar, series expanded, the person's own attendance at most, a
// fields mask), what is kept (the desktop's rules, a private event's title nowhere), and every failure
// as a typed result with a sentence and whether the grant is dropped.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GOOGLE_FIELDS } from '../../../../mcp-server/evidence/company-calendar/google.ts';
import { type CompanyCalendarReadOptions, type CompanyCalendarReading, readCompanyCalendar } from '../../../../mcp-server/evidence/company-calendar/reader.ts';
import {
  type FakeGoogleCalendar,
  type FakeGoogleEvent,
  GOOGLE_API_DISABLED,
  GOOGLE_RATE_LIMITED,
  parseFields,
  startFakeGoogleCalendar,
} from '../../../support/fake-google-calendar.ts';
import { ACCOUNT_PAGE, at, noTokenIn, tokenSource, trustedCertificates } from './support.ts';

const TOKEN = 'ya29.a0AfH6SMBgoogle-access-token-1';
const RENEWED = 'ya29.a0AfH6SMBgoogle-access-token-2';
const PRIVATE_SUMMARY = 'Job interview at a competitor';
const MONDAY = at('2026-11-23T00:00:00Z');
const SATURDAY = at('2026-11-28T00:00:00Z');
const EVENTS_PATH = '/calendar/v3/calendars/primary/events';

const certificates = trustedCertificates();
const readings: CompanyCalendarReading[] = [];
let google: FakeGoogleCalendar;

beforeAll(async () => {
  google = await startFakeGoogleCalendar({ tls: certificates.tls });
});
beforeEach(() => {
  google.events = [];
  google.requests.length = 0;
  google.emptyPagesBetween = 0;
  google.acceptToken(TOKEN, 'first');
  google.forgetToken(RENEWED);
});
afterEach(() => {
  noTokenIn(readings, [TOKEN, RENEWED]);
  expect(JSON.stringify(google.requests)).not.toContain(TOKEN);
});
afterAll(async () => {
  await google.close();
  certificates.cleanUp();
  expect(readings.length).toBeGreaterThan(12);
  expect(JSON.stringify(readings)).not.toContain(PRIVATE_SUMMARY);
});

async function read(options: Partial<CompanyCalendarReadOptions> = {}): Promise<CompanyCalendarReading> {
  const reading = await readCompanyCalendar({
    provider: 'google',
    apiUrl: google.apiUrl,
    from: MONDAY,
    to: SATURDAY,
    accessToken: tokenSource(TOKEN).source,
    accountPage: ACCOUNT_PAGE,
    ...options,
  });
  readings.push(reading);
  return reading;
}

function event(iCalUID: string, start: FakeGoogleEvent['start'], end: FakeGoogleEvent['end'], more: Partial<FakeGoogleEvent> = {}): FakeGoogleEvent {
  return {
    iCalUID,
    summary: `Meeting ${iCalUID}`,
    start,
    end,
    description: 'Agenda: salaries of the team',
    location: 'Room Lovelace',
    others: ['grace@example.com', 'alan@example.com'],
    selfResponse: 'accepted',
    hangoutLink: 'https://meet.google.com/abc-defg-hij',
    ...more,
  };
}

describe('what is read of a week', () => {
  it('keeps the meetings the person took part in and leaves out free, all-day, declined, out-of-office, working-location and birthday events', async () => {
    google.events = [
      event('standup@google.com', '2026-11-23T08:00:00Z', '2026-11-23T08:15:00Z', { summary: 'Stand-up #512' }),
      event('focus@google.com', '2026-11-23T09:00:00Z', '2026-11-23T11:00:00Z', { summary: 'Focus time', eventType: 'focusTime', others: [] }),
      event('private@google.com', '2026-11-24T14:00:00Z', '2026-11-24T15:00:00Z', { summary: PRIVATE_SUMMARY, visibility: 'private' }),
      event('confidential@google.com', '2026-11-24T16:00:00Z', '2026-11-24T16:30:00Z', { summary: 'Board: acquisition', visibility: 'confidential' }),
      event('free@google.com', '2026-11-25T11:00:00Z', '2026-11-25T12:00:00Z', { transparency: 'transparent' }),
      event('all-day@google.com', { date: '2026-11-26' }, { date: '2026-11-27' }),
      event('declined@google.com', '2026-11-26T09:00:00Z', '2026-11-26T10:00:00Z', { selfResponse: 'declined' }),
      event('ooo@google.com', '2026-11-26T12:00:00Z', '2026-11-26T13:00:00Z', { eventType: 'outOfOffice' }),
      event('home@google.com', '2026-11-26T13:00:00Z', '2026-11-26T14:00:00Z', { eventType: 'workingLocation' }),
      event('birthday@google.com', '2026-11-26T15:00:00Z', '2026-11-26T16:00:00Z', { eventType: 'birthday' }),
      // Not an attendee of their own event: nothing to decline.
      event('own@google.com', '2026-11-27T09:00:00Z', '2026-11-27T09:30:00Z', { selfResponse: undefined, others: [] }),
      event('overnight@google.com', '2026-11-22T22:00:00Z', '2026-11-23T01:00:00Z', { summary: 'Release night' }),
      event('next-week@google.com', '2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z'),
    ];
    const reading = await read();

    expect(reading.skipped).toEqual([]);
    expect(reading.items.map((item) => [item.text, new Date(item.start).toISOString(), new Date(item.end).toISOString()])).toEqual([
      ['Release night', '2026-11-22T22:00:00.000Z', '2026-11-23T01:00:00.000Z'],
      ['Stand-up #512', '2026-11-23T08:00:00.000Z', '2026-11-23T08:15:00.000Z'],
      ['Focus time', '2026-11-23T09:00:00.000Z', '2026-11-23T11:00:00.000Z'],
      ['Private appointment', '2026-11-24T14:00:00.000Z', '2026-11-24T15:00:00.000Z'],
      ['Private appointment', '2026-11-24T16:00:00.000Z', '2026-11-24T16:30:00.000Z'],
      ['Meeting own@google.com', '2026-11-27T09:00:00.000Z', '2026-11-27T09:30:00.000Z'],
    ]);
    expect(reading.items[1]).toMatchObject({ key: `cal:standup@google.com:${at('2026-11-23T08:00:00Z')}`, tickets: ['#512'] });
    expect(reading.items[3]).toMatchObject({ matchTexts: [], tickets: [] });
    const text = JSON.stringify(reading);
    for (const secret of [PRIVATE_SUMMARY, 'Board: acquisition', 'salaries', 'grace@example.com', 'ada@example.com', 'Room Lovelace', 'meet.google.com']) {
      expect(text).not.toContain(secret);
    }
  });

  it('asks Google only for the primary calendar, series expanded, in UTC, with one attendee and a fields mask', async () => {
    google.events = [event('one@google.com', '2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z')];
    await read();

    expect(google.requests).toHaveLength(1);
    const [request] = google.requests;
    expect(request).toMatchObject({ method: 'GET', path: EVENTS_PATH, token: 'first' });
    const query = new URLSearchParams(request?.query);
    expect(Object.fromEntries(query)).toEqual({
      singleEvents: 'true',
      orderBy: 'startTime',
      timeMin: '2026-11-23T00:00:00Z',
      timeMax: '2026-11-28T00:00:00Z',
      timeZone: 'UTC',
      maxAttendees: '1',
      maxResults: '250',
      fields: GOOGLE_FIELDS,
    });
    // The mask names the person's own attendance and nothing else of anyone: no e-mail, description, place or link.
    const fields = parseFields(GOOGLE_FIELDS);
    expect([...(fields.get('items')?.keys() ?? [])].sort()).toEqual(
      ['attendees', 'end', 'eventType', 'iCalUID', 'id', 'originalStartTime', 'start', 'status', 'summary', 'transparency', 'visibility'].sort(),
    );
    expect([...(fields.get('items')?.get('attendees')?.keys() ?? [])]).toEqual(['self', 'responseStatus']);
    expect(request?.headers.authorization).toBeUndefined();
  });

  it('follows nextPageToken with the same query through empty pages', async () => {
    google.events = Array.from({ length: 600 }, (_, index) =>
      event(`e${index}@google.com`, new Date(MONDAY + index * 10 * 60_000).toISOString(), new Date(MONDAY + index * 10 * 60_000 + 5 * 60_000).toISOString()),
    );
    google.emptyPagesBetween = 1;
    const reading = await read();

    expect(reading.skipped).toEqual([]);
    expect(reading.items).toHaveLength(600);
    expect(new Set(reading.items.map((item) => item.key)).size).toBe(600);
    // Pages of 250, 250 and 100, each after an empty one.
    expect(google.requests).toHaveLength(6);
    const first = new URLSearchParams(google.requests[0]?.query);
    for (const request of google.requests) {
      expect(request.path).toBe(EVENTS_PATH);
      expect(request.status).toBe(200);
      const query = new URLSearchParams(request.query);
      query.delete('pageToken');
      expect(query.toString()).toBe(first.toString());
    }
    expect(google.requests.slice(1).every((request) => new URLSearchParams(request.query).has('pageToken'))).toBe(true);
  });

  it('names an instance of a series by its UID and original start, as the same calendar exported to iCalendar is named on the desktop', async () => {
    google.events = [
      event('weekly@google.com', '2026-11-25T13:00:00Z', '2026-11-25T13:30:00Z', {
        id: 'abc123_20261125T090000Z',
        recurringEventId: 'abc123',
        originalStartTime: '2026-11-25T09:00:00Z',
      }),
    ];
    const reading = await read();
    expect(reading.items[0]?.key).toBe(`cal:weekly@google.com:${at('2026-11-25T09:00:00Z')}`);
  });

  it('reads at most 31 days, and says where it stopped', async () => {
    const reading = await read({ from: at('2026-11-01T00:00:00Z'), to: at('2026-12-31T00:00:00Z') });
    expect(new URLSearchParams(google.requests[0]?.query).get('timeMax')).toBe('2026-12-02T00:00:00Z');
    expect(reading.skipped.map((skip) => skip.problem)).toEqual([
      'Your Google calendar is read for 31 days at most in one call: it was read up to 2026-12-02 (UTC); ask for the days after in another call.',
    ]);
  });
});

describe('tokens and failures', () => {
  it('renews the token once after a 401, and drops a grant still refused', async () => {
    google.forgetToken(TOKEN);
    google.acceptToken(RENEWED, 'renewed');
    google.events = [event('one@google.com', '2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z')];
    const renewed = tokenSource(TOKEN, RENEWED);
    expect((await read({ accessToken: renewed.source })).items).toHaveLength(1);
    expect(renewed.asked).toEqual([false, true]);

    google.forgetToken(RENEWED);
    const refused = await read({ accessToken: tokenSource(TOKEN, RENEWED).source });
    expect(refused).toMatchObject({ failure: { code: 'unauthorised' }, dropGrant: true, items: [] });
    expect(refused.skipped[0]?.problem).toBe(
      `Your Google calendar was not read: the calendar refused Punchcard's access (401) even after it was renewed. Connect it again on your account page, ${ACCOUNT_PAGE}.`,
    );
  });

  it('drops a grant whose calendar scope was unticked (403 insufficientPermissions)', async () => {
    google.acceptToken(TOKEN, 'first', ['openid']);
    const reading = await read();
    expect(reading).toMatchObject({ failure: { code: 'forbidden', vendor: 'insufficientPermissions' }, dropGrant: true });
    expect(reading.skipped[0]?.problem).toContain(`Connect it again on your account page, ${ACCOUNT_PAGE}.`);
  });

  it("keeps the grant at Google's rate limits (403 and 429), a disabled API and server errors", async () => {
    google.failures.add({ path: EVENTS_PATH }, { status: 403, body: GOOGLE_RATE_LIMITED });
    const limited = await read();
    expect(limited).toMatchObject({ failure: { code: 'throttled' }, dropGrant: false });
    expect(limited.skipped[0]?.problem).toBe('Your Google calendar was not read: the calendar asked Punchcard to slow down (429); try again in a minute.');

    google.failures.add(
      { path: EVENTS_PATH },
      { status: 429, body: { ...GOOGLE_RATE_LIMITED, error: { ...GOOGLE_RATE_LIMITED.error, code: 429 } }, headers: { 'Retry-After': '20' } },
    );
    expect(await read()).toMatchObject({ failure: { code: 'throttled', retryAfterSeconds: 20 }, dropGrant: false });

    google.failures.add({ path: EVENTS_PATH }, { status: 403, body: GOOGLE_API_DISABLED });
    const disabled = await read();
    expect(disabled).toMatchObject({ failure: { code: 'api_disabled' }, dropGrant: false });
    expect(disabled.skipped[0]?.problem).toContain('the administrator can switch it on');

    google.failures.add({ path: EVENTS_PATH }, { status: 500, body: { error: { code: 500, message: 'Backend Error', errors: [{ reason: 'backendError' }] } } });
    expect(await read()).toMatchObject({ failure: { code: 'provider_error', status: 500 }, dropGrant: false });

    google.failures.add({ path: EVENTS_PATH }, { status: 400, body: { error: { code: 400, message: 'Bad Request', errors: [{ reason: 'badRequest' }] } } });
    const refused = await read();
    expect(refused).toMatchObject({ failure: { code: 'request_refused', status: 400, vendor: 'badRequest' }, dropGrant: false });

    google.failures.add({ path: EVENTS_PATH }, { status: 200, body: { items: {} } });
    expect(await read()).toMatchObject({ failure: { code: 'malformed' } });

    google.failures.add({ path: EVENTS_PATH }, { status: 200, body: { items: [] }, delayMs: 5_000 });
    expect(await read({ timeoutMs: 100 })).toMatchObject({ failure: { code: 'timeout' }, dropGrant: false });
  });

  it('stops where the pages go round in a circle', async () => {
    google.failures.add({ path: EVENTS_PATH }, { status: 200, body: { nextPageToken: 'CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA', items: [] }, times: 2 });
    const reading = await read();
    expect(google.requests).toHaveLength(2);
    expect(reading).toMatchObject({ failure: { code: 'paging_loop' }, dropGrant: false, items: [] });
  });

  it('fails a page in the middle without using the pages before it', async () => {
    google.events = Array.from({ length: 300 }, (_, index) =>
      event(`e${index}@google.com`, new Date(MONDAY + index * 600_000).toISOString(), new Date(MONDAY + index * 600_000 + 60_000).toISOString()),
    );
    google.failures.add(
      { path: EVENTS_PATH },
      { status: 503, skip: 1, body: { error: { code: 503, message: 'Service Unavailable', errors: [{ reason: 'backendError' }] } } },
    );
    const reading = await read();
    expect(google.requests).toHaveLength(2);
    expect(reading).toMatchObject({ failure: { code: 'provider_error', status: 503 }, items: [] });
  });
});
