// Every way Clockodo answers a failure becomes one sentence a person can act on, whichever of its
// error bodies it sends.
import { describe, expect, it } from 'vitest';
import { ClockodoError, describeHttpFailure, describeNotJson, problemsOf } from '../../../../mcp-server/providers/clockodo/errors.ts';
import { remoteRefusal } from '../../../../mcp-server/providers/remote/remote-error.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';

const BASE = 'https://my.clockodo.com';
const EMAIL = 'ada@example.com';
const purpose = { action: 'start the timer' };
const answer = (status: number, json?: unknown, headers: Record<string, string> = {}, text = json === undefined ? '' : JSON.stringify(json)) => ({
  status,
  json,
  text,
  headers,
});
const failing = (status: number, json?: unknown, headers?: Record<string, string>) => describeHttpFailure(answer(status, json, headers), purpose, BASE, EMAIL);

describe('problemsOf', () => {
  it('reads the list of problems most failures carry', () => {
    expect(problemsOf({ errors: [{ type: 'AbsenceCollision', message: 'Overlaps.', details: { absences_id: 7 }, path: null }] })).toEqual([
      { type: 'AbsenceCollision', message: 'Overlaps.', details: { absences_id: 7 } },
    ]);
  });

  it('reads the single error object of the v2 entries and clock, with its fields', () => {
    expect(problemsOf({ error: { kind: 'invalid', message: ' Time is wrong. ', fields: ['time_since', 3, 'time_until'] } })).toEqual([
      { message: 'Time is wrong.', fields: ['time_since', 'time_until'] },
    ]);
  });

  it('reads list items that wrap an error object (the 422 shape)', () => {
    expect(problemsOf({ errors: [{ error: { message: 'Too long.', fields: ['text'] } }, 'noise', {}] })).toEqual([{ message: 'Too long.', fields: ['text'] }]);
  });

  it('takes a bare error string or message', () => {
    expect(problemsOf({ error: 'Not allowed.' })).toEqual([{ message: 'Not allowed.' }]);
    expect(problemsOf({ message: 'Server says no.' })).toEqual([{ message: 'Server says no.' }]);
  });

  it('finds nothing in what is not one of those shapes', () => {
    for (const body of [undefined, null, 'text', [{ message: 'x' }], {}, { error: { message: '   ' } }, { errors: 'x' }]) expect(problemsOf(body)).toEqual([]);
  });
});

describe('describeHttpFailure', () => {
  it('names the login and where the key is on 401', () => {
    const error = failing(401, { error: { message: 'Unauthorized' } });
    expect(error).toBeInstanceOf(ClockodoError);
    expect(error).toBeInstanceOf(BackEndError);
    expect(error).toMatchObject({ failure: 'bad_token', kind: 'denied', status: 401 });
    expect(error.message).toBe(
      'Clockodo did not accept ada@example.com with this API key (the e-mail is not a Clockodo login, or the key is wrong or was renewed). ' +
        'Copy your API key from your personal data in Clockodo and save it in Punchcard, or set PUNCHCARD_CLOCKODO_TOKEN.',
    );
  });

  it('says what the account may not do on 403, quoting Clockodo when it says why', () => {
    expect(failing(403).message).toBe(
      'Your Clockodo account may not start the timer (Clockodo answered 403). Ask whoever manages Clockodo in your company for the right.',
    );
    const quoted = failing(403, { errors: [{ type: 'Forbidden', message: 'Only managers may do that.' }] });
    expect(quoted).toMatchObject({ failure: 'forbidden', errorType: 'Forbidden' });
    expect(quoted.message).toBe(
      'Your Clockodo account may not start the timer (Clockodo answered 403: "Only managers may do that."). Ask whoever manages Clockodo in your company for the right.',
    );
  });

  it("uses the caller's words for a 404, the address otherwise, and a web page as the wrong service", () => {
    expect(
      describeHttpFailure(
        answer(404, { errors: [] }),
        { action: 'x', notFound: remoteRefusal('remote_record_missing', { service: 'Clockodo', record: 'time entry', id: 7 }) },
        BASE,
        EMAIL,
      ).message,
    ).toBe('There is no time entry #7 in Clockodo.');
    expect(failing(404, { errors: [] })).toMatchObject({
      failure: 'not_found',
      message: 'Clockodo at my.clockodo.com has no such address (404) when trying to start the timer. Check the Clockodo address.',
    });
    const page = describeHttpFailure(answer(404, undefined, {}, '<!DOCTYPE html><title>Not Found</title>'), purpose, 'https://clockodo.example.net', EMAIL);
    expect(page).toMatchObject({ failure: 'wrong_service', status: 404 });
    expect(page.message).toMatch(/^The server at https:\/\/clockodo\.example\.net answered with a web page that is not Clockodo's JSON API\./);
  });

  it('asks for an update on 410 Gone', () => {
    expect(failing(410)).toMatchObject({
      failure: 'server_error',
      message: 'Clockodo has retired the part of its API Punchcard used to start the timer (410 Gone). Update Punchcard.',
    });
  });

  it('says when a 400 gave no reason, and quotes one when it did', () => {
    expect(failing(400, {})).toMatchObject({ failure: 'bad_request', message: 'Clockodo refused to start the timer and gave no reason.' });
    expect(failing(400, { error: 'Invalid parameter.' })).toMatchObject({
      failure: 'validation',
      message: 'Clockodo refused to start the timer: "Invalid parameter.".',
    });
  });

  it("names the refused fields in Punchcard's words, once each, unknown ones as sent", () => {
    const body = { error: { message: 'The end lies before the start.', fields: ['time_until', 'time_since', 'time_until', 'billable'] } };
    expect(failing(400, body).message).toBe('Clockodo refused to start the timer (end, start, billable): "The end lies before the start.".');
    const many = { errors: [{ error: { message: 'Pick a service.', fields: ['services_id'] } }, { message: 'Too long.', fields: ['text'] }] };
    expect(failing(422, many)).toMatchObject({
      failure: 'validation',
      message: 'Clockodo refused to start the timer (activity (service), description): "Pick a service. Too long.".',
    });
    expect(failing(409, { errors: [{ type: 'AbsenceCollision', details: { absences_id: 3 } }] })).toMatchObject({
      failure: 'validation',
      message: 'Clockodo refused to start the timer and gave no reason.',
      errorType: 'AbsenceCollision',
      details: { absences_id: 3 },
    });
  });

  it('asks to try again in a minute on 429, or as much later as Retry-After says', () => {
    const limited = 'Clockodo is limiting requests (429 Too Many Requests). Try to start the timer again in a minute.';
    expect(failing(429)).toMatchObject({ failure: 'rate_limited', kind: 'unavailable', message: limited });
    expect(failing(429, undefined, { 'retry-after': '5' }).message).toBe(limited);
    expect(failing(429, undefined, { 'retry-after': '60' }).message).toBe(limited);
    expect(failing(429, undefined, { 'retry-after': '150' }).message).toBe(
      'Clockodo is limiting requests (429 Too Many Requests). Try to start the timer again in 3 minutes.',
    );
  });

  it('words 5xx like every back end, without an operator to ask', () => {
    expect(failing(500, { message: 'Whoops' })).toMatchObject({
      failure: 'server_error',
      message: 'Clockodo had an internal error (500) trying to start the timer. Try again later.',
    });
    expect(failing(503).message).toBe('Clockodo, or a proxy in front of it, is unavailable (503). Try again later.');
    expect(failing(418).message).toBe('Clockodo answered 418 trying to start the timer; Punchcard does not know what that means here.');
  });
});

describe('describeNotJson', () => {
  it('tells a web page from other text and points at the address', () => {
    const page = describeNotJson(BASE, answer(200, undefined, {}, '<html>'));
    expect(page).toBeInstanceOf(ClockodoError);
    expect(page).toMatchObject({ failure: 'wrong_service', status: 200 });
    expect(page.message).toBe(
      "The server at https://my.clockodo.com answered with a web page that is not Clockodo's JSON API. Check the address: it is https://my.clockodo.com unless you were given a test server, without /api.",
    );
    expect(describeNotJson(BASE, answer(200, undefined, {}, '{"running": ')).message).toMatch(
      /^The server at https:\/\/my\.clockodo\.com answered with something that is not/,
    );
  });
});
