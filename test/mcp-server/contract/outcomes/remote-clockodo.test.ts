// Clockodo's HTTP answers as refusals (contract/outcomes/remote-clockodo.ts): each status and body its
// describer reads, and the records its api says are gone, against the fake Clockodo and real sockets.
import { describe, expect, it } from 'vitest';
import { refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { createClockodoClient } from '../../../../mcp-server/providers/clockodo/api.ts';
import { leaveEndpoints } from '../../../../mcp-server/providers/clockodo/leave/endpoints.ts';
import { timesheetsEndpoints } from '../../../../mcp-server/providers/clockodo/timesheets/endpoints.ts';
import { ClockodoError, describeHttpFailure, describeNotJson } from '../../../../mcp-server/providers/clockodo/errors.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { DEFAULT_USERS, startFakeClockodo } from '../../providers/clockodo/fake-clockodo.ts';
import { answer, remoteErrorOf } from './refused.ts';

const BASE = 'https://my.clockodo.com';
const ADA = DEFAULT_USERS[0] as (typeof DEFAULT_USERS)[number];
const failing = (status: number, json?: unknown, headers?: Record<string, string>) =>
  describeHttpFailure(answer(status, json, headers), { action: 'start the timer' }, BASE, 'ada@example.com');

const opened = closeAfterEach();

describe("Clockodo's answers", () => {
  it('a login and key it does not take, a right the account lacks with what Clockodo said', () => {
    expect(failing(401).refusal).toEqual({ code: 'clockodo_key_refused', facts: { email: 'ada@example.com' } });
    expect(failing(403, { errors: [{ type: 'Forbidden', message: 'Only managers may do that.' }] })).toMatchObject({
      errorType: 'Forbidden',
      refusal: { code: 'clockodo_forbidden', facts: { action: 'start the timer', messages: ['Only managers may do that.'] } },
    });
  });

  it('a 404 without words of its own, an API retired, a refused write with its fields in Clockodo’s names', () => {
    expect(failing(404, { errors: [] }).refusal).toEqual({ code: 'clockodo_no_such_address', facts: { host: 'my.clockodo.com', action: 'start the timer' } });
    expect(failing(410).refusal).toEqual({ code: 'clockodo_api_retired', facts: { action: 'start the timer' } });
    const refused = failing(422, { errors: [{ error: { message: 'Pick a service.', fields: ['services_id'] } }] });
    expect(refused).toMatchObject({
      failure: 'validation',
      refusal: { code: 'clockodo_refused', facts: { action: 'start the timer', fields: ['services_id'], messages: ['Pick a service.'] } },
    });
    expect(refused.message).toBe('Clockodo refused to start the timer (activity (service)): "Pick a service.".');
    expect(failing(400, {})).toMatchObject({ failure: 'bad_request', refusal: { code: 'clockodo_refused', facts: { fields: [], messages: [] } } });
  });

  it("a failure every back end answers alike stays Clockodo's own error, with the body's type", () => {
    const down = failing(500, { errors: [{ type: 'ServerError' }] });
    expect(down).toBeInstanceOf(ClockodoError);
    expect(down).toMatchObject({ failure: 'server_error', errorType: 'ServerError', status: 500 });
    expect(down.refusal).toEqual({ code: 'remote_internal_error', facts: { service: 'Clockodo', status: 500, action: 'start the timer', operator: null } });
    expect(describeNotJson(BASE, answer(200, undefined, {}, '<html>')).refusal).toEqual({ code: 'clockodo_not_json', facts: { url: BASE, web_page: true } });
  });
});

describe("the requests Clockodo's api names", () => {
  it('a key not stored, and records gone: the running timer, a time entry, an absence of yours', async () => {
    const fake = opened(await startFakeClockodo());
    const none = opened(createClockodoClient({ connection: { baseUrl: fake.url, secret: async () => null, log: () => {} }, email: ADA.email }));
    expect((await remoteErrorOf(none.api.clock())).refusal).toEqual({
      code: 'clockodo_key_missing',
      facts: { email: ADA.email, action: 'read the running timer' },
    });
    const client = opened(createClockodoClient({ connection: { baseUrl: fake.url, secret: async () => ADA.apiKey, log: () => {} }, email: ADA.email }));
    const api = { ...timesheetsEndpoints(client), ...leaveEndpoints(client) };
    const NOT_FOUND = { status: 404, body: { error: { message: 'Not found' } } };
    fake.failNext({ path: /\/v2\/clock\// }, NOT_FOUND);
    expect((await remoteErrorOf(api.stopClock(41))).refusal).toEqual({ code: 'clockodo_running_timer_gone', facts: { entry: 41 } });
    fake.failNext({ path: /\/v2\/entries\// }, NOT_FOUND);
    expect((await remoteErrorOf(api.deleteEntry(12))).refusal).toEqual({
      code: 'remote_record_missing',
      facts: { service: 'Clockodo', record: 'time entry', id: 12, caveat: 'not_yours' },
    });
    fake.failNext({ path: /\/v4\/absences\// }, NOT_FOUND);
    expect((await remoteErrorOf(api.deleteAbsence(3))).refusal).toEqual({
      code: 'remote_record_missing',
      facts: { service: 'Clockodo', record: 'absence', id: 3, of_yours: true },
    });
  });
});

describe('as a person reads them', () => {
  it('a running timer gone, without its number', () => {
    expect(peopleText(refusalSentence({ code: 'clockodo_running_timer_gone', facts: { entry: 41 } }))).toBe(
      'The running timer is gone from Clockodo; it was probably stopped or deleted meanwhile.',
    );
  });
});
