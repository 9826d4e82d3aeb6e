// Every way Calamari answers a failure, in its one body `{message, code, field}`, becomes one sentence
// a person can act on; logic follows the status and the code, never the message.
import { describe, expect, it } from 'vitest';
import {
  CalamariError,
  describeHttpFailure,
  describeNotJson,
  isProjectRefusal,
  type RequestPurpose,
} from '../../../../mcp-server/providers/calamari/errors.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';

const BASE = 'https://acme.calamari.io';
const EMAIL = 'ada@example.com';
const shift: RequestPurpose = { action: 'start your shift', module: 'timeAndAttendance' };
const answer = (status: number, json?: unknown, text = json === undefined ? '' : JSON.stringify(json)) => ({ status, json, text, headers: {} });
const failing = (status: number, json?: unknown, purpose = shift) => describeHttpFailure(answer(status, json), purpose, BASE, EMAIL);

describe('describeHttpFailure', () => {
  it('quotes the message and names the field of a 400', () => {
    const error = failing(400, { message: 'Invalid time', code: 'INVALID_TIME', field: 'time' });
    expect(error).toBeInstanceOf(CalamariError);
    expect(error).toBeInstanceOf(BackEndError);
    expect(error).toMatchObject({ failure: 'validation', kind: 'invalid', status: 400, calamariCode: 'INVALID_TIME' });
    expect(error.message).toBe('Calamari refused to start your shift: "Invalid time" ("time").');
  });

  it('says a refused project is not one the person may book on, whichever of its codes Calamari uses', () => {
    for (const code of ['INVALID_PROJECT', 'INVALID_PROJECT_TYPE', 'INVALID_PROJECT_FOR_USER']) {
      const error = failing(400, { message: 'Project is archived', code, field: 'projectId' });
      expect(error).toMatchObject({ failure: 'validation', kind: 'invalid', status: 400, calamariCode: code });
      expect(isProjectRefusal(error)).toBe(true);
      expect(error.message).toBe(
        'Calamari refused to start your shift: the project is not one you may book on ("Project is archived"), perhaps archived since Punchcard read your projects; list_catalog shows the ones you may use.',
      );
    }
    expect(failing(400, { code: 'INVALID_PROJECT' }).message).toMatch(
      /^Calamari refused to start your shift: the project is not one you may book on \("INVALID_PROJECT"\),/,
    );
    expect(isProjectRefusal(failing(400, { code: 'INVALID_TIME' }))).toBe(false);
    // Calamari's own code is read off the answer it came with, never off another error's refusal.
    expect(isProjectRefusal(new BackEndError('calamari_shift_starts_before_running'))).toBe(false);
  });

  it('falls back to the code, then to "no reason given", on a 400', () => {
    expect(failing(400, { code: 'INVALID_DATE' }).message).toBe('Calamari refused to start your shift: "INVALID_DATE".');
    expect(failing(400, { message: '  ', code: '', field: '' }).message).toBe('Calamari refused to start your shift: no reason given.');
  });

  it('reads 401 as an API key Calamari does not accept', () => {
    expect(failing(401, { message: 'Unauthorized', code: 'AUTH' })).toMatchObject({
      failure: 'bad_token',
      kind: 'denied',
      message:
        'Calamari at acme.calamari.io did not accept the API key (API access is off for the organisation, or the key is wrong or was deleted). ' +
        'Ask your Calamari administrator for a key and save it in Punchcard, or set PUNCHCARD_CALAMARI_TOKEN.',
    });
  });

  it('names the module a 403 refused', () => {
    expect(failing(403).message).toBe(
      'The Calamari API key may not start your shift (403): Time & Attendance is not in use by your organisation, or the key lacks that group of endpoints. Ask your Calamari administrator.',
    );
    expect(failing(403, { code: 'FORBIDDEN' }, { action: 'list your leave requests', module: 'timeOff' })).toMatchObject({ failure: 'forbidden', status: 403 });
    expect(failing(403, undefined, { action: 'list your leave requests', module: 'timeOff' }).message).toMatch(/Time Off is not in use/);
  });

  it('reads the codes that name the person or the terminal, whatever the status', () => {
    expect(failing(400, { code: 'INVALID_EMPLOYEE', field: 'person' })).toMatchObject({
      failure: 'unknown_person',
      status: 400,
      message:
        "Calamari has no active employee ada@example.com. Check the e-mail in Punchcard's account settings; it must be the one you sign in to Calamari with.",
    });
    expect(failing(404, { code: 'API_TERMINAL_NOT_AVAILABLE' })).toMatchObject({
      failure: 'restricted',
      message: expect.stringMatching(/^Calamari has no API terminal you may use, so Punchcard cannot start your shift\./),
    });
  });

  it('tells an unknown API path from a server that is not Calamari on 404', () => {
    expect(failing(404, { message: 'No such method', code: 'INVALID_METHOD_URL' })).toMatchObject({
      failure: 'not_found',
      message:
        'Calamari at acme.calamari.io does not know this part of its API (404) trying to start your shift. Check the Calamari address, such as https://your-company.calamari.io.',
    });
    for (const notCalamari of [answer(404, { code: 'NOT_FOUND' }), answer(404, undefined, '<html><body>Not Found')]) {
      const error = describeHttpFailure(notCalamari, shift, BASE, EMAIL);
      expect(error).toMatchObject({ failure: 'wrong_service', status: 404 });
      expect(error.message).toMatch(/^The server at https:\/\/acme\.calamari\.io answered with (a web page|something) that is not Calamari's JSON API\./);
    }
  });

  it('asks for an update on 405', () => {
    expect(failing(405)).toMatchObject({
      failure: 'bad_request',
      message: 'Calamari refused the request to start your shift (405, wrong method); update Punchcard.',
    });
  });

  it('says which limit a 429 found used up, with the usage Calamari reports, and when to try again', () => {
    const quota = failing(429, { code: 'QUOTA_EXCEEDED', field: 'Requests: 721/720 per hour, 900/2880 per day, 3/10 per second' });
    expect(quota).toMatchObject({ failure: 'rate_limited', kind: 'unavailable', status: 429 });
    expect(quota.message).toBe(
      "Calamari's limit of requests an hour for your organisation is used up (429: Requests: 721/720 per hour, 900/2880 per day, 3/10 per second) trying to start your shift. Try again later; Punchcard asks Calamari as little as it can.",
    );
    expect(failing(429, { code: 'QUOTA_EXCEEDED', field: 'Requests: 35/720 per hour, 900/2880 per day, 11/10 per second' }).message).toMatch(
      /^Calamari's limit of requests a second for your organisation is used up \(429: [^)]*\) trying to start your shift\. Try again in a moment; /,
    );
    const said = describeHttpFailure(
      { ...answer(429, { code: 'QUOTA_EXCEEDED', field: 'Requests: 35/720 per hour, 2881/2880 per day' }), headers: { 'retry-after': '7200' } },
      shift,
      BASE,
      EMAIL,
    );
    expect(said.message).toMatch(
      /^Calamari's limit of requests a day for your organisation is used up \(429: [^)]*\) trying to start your shift\. Try again in 2 hours; /,
    );
    expect(failing(429).message).toMatch(
      /^Calamari's request limit for your organisation is used up for now \(429\) trying to start your shift\. Try again in a moment; /,
    );
  });

  it('words 5xx like every back end, and says when a status means nothing to it', () => {
    expect(failing(500, { message: 'boom' })).toMatchObject({
      failure: 'server_error',
      message: 'Calamari had an internal error (500) trying to start your shift. Try again later.',
    });
    expect(failing(502).message).toBe('Calamari, or a proxy in front of it, is unavailable (502). Try again later.');
    expect(failing(418)).toMatchObject({
      failure: 'bad_request',
      message: 'Calamari answered 418 trying to start your shift; Punchcard does not know what that means here.',
    });
  });
});

describe('describeNotJson', () => {
  it('points at the organisation address without /api', () => {
    const error = describeNotJson(BASE, answer(200, undefined, '[{"id": 1,'));
    expect(error).toBeInstanceOf(CalamariError);
    expect(error.message).toBe(
      "The server at https://acme.calamari.io answered with something that is not Calamari's JSON API. Check the address: it is your organisation's, such as https://your-company.calamari.io, without /api.",
    );
  });
});
