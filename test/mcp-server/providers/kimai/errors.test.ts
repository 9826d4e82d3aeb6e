// Every way Kimai (or the way to it) fails becomes one sentence a person can act on.
import { describe, expect, it } from 'vitest';
import {
  describeNetworkFailure as describeNetwork,
  describeTimeout as describeDeadline,
  type NetworkProblem,
  remoteRefusal,
} from '../../../../mcp-server/providers/remote/remote-error.ts';
import { describeHttpFailure, describeNotJson, KIMAI_WORDS, KimaiError } from '../../../../mcp-server/providers/kimai/errors.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';

const BASE = 'https://kimai.example.com';
const purpose = { action: 'start the timer' };
// Network failures and deadlines are worded by the shared remote layer in Kimai's words.
const describeNetworkFailure = (problem: NetworkProblem, base: string, what: { action: string }) => describeNetwork(problem, base, what.action, KIMAI_WORDS);
const describeTimeout = (base: string, ms: number, what: { action: string }) => describeDeadline(base, ms, what.action, KIMAI_WORDS);
const answer = (status: number, json?: unknown, text = json === undefined ? '' : JSON.stringify(json)) => ({ status, json, text, headers: {} });

describe('describeHttpFailure', () => {
  it('reads 401 with and without a body, and a 403 without a code, as a bad token', () => {
    for (const failure of [answer(401), answer(401, { code: 401, message: 'Unauthorized' }), answer(403, { message: 'Invalid credentials' })]) {
      const error = describeHttpFailure(failure, purpose, BASE);
      expect(error).toBeInstanceOf(BackEndError);
      expect(error.failure).toBe('bad_token');
      expect(error.message).toMatch(/did not accept the API token|refused the credentials/);
      expect(error.message).toMatch(/new API token/);
    }
  });

  it('reads a 403 with a code as a missing permission for this action', () => {
    const error = describeHttpFailure(answer(403, { code: 403, message: 'Forbidden' }), purpose, BASE);
    expect(error.failure).toBe('forbidden');
    expect(error.message).toMatch(/^Your Kimai account may not start the timer/);
  });

  it("uses the caller's own words for a 404", () => {
    expect(
      describeHttpFailure(
        answer(404, { code: 404, message: 'Not Found' }),
        { action: 'x', notFound: remoteRefusal('remote_record_missing', { service: 'Kimai', record: 'time entry', id: 7 }) },
        BASE,
      ).message,
    ).toBe('There is no time entry #7 in Kimai.');
    expect(describeHttpFailure(answer(404, { code: 404 }), purpose, BASE).message).toMatch(/Check the Kimai URL/);
  });

  it('names the fields of a form validation error, nested and global, with numeric or string codes', () => {
    const body = {
      code: 400,
      message: 'Validation Failed',
      errors: {
        errors: ['End date must not be earlier then start date.'],
        children: { begin: {}, project: { errors: ['The selected choice is invalid.'] }, meta: { children: { ticket: { errors: ['Required.'] } } } },
      },
    };
    const error = describeHttpFailure(answer(400, body), purpose, BASE);
    expect(error.failure).toBe('validation');
    expect(error.message).toBe(
      'Kimai refused to start the timer: project: "The selected choice is invalid."; meta.ticket: "Required."; "End date must not be earlier then start date.".',
    );
    const service = describeHttpFailure(
      answer(400, { code: '400', message: 'Validation Failed', errors: { children: { duration: { errors: ['Maximum 12:30 hours allowed.'] } } } }),
      purpose,
      BASE,
    );
    expect(service.message).toBe('Kimai refused to start the timer: duration: "Maximum 12:30 hours allowed.".');
    const begin = describeHttpFailure(answer(400, { code: 400, errors: { children: { begin: { errors: ['This value is not valid.'] } } } }), purpose, BASE);
    expect(begin.message).toMatch(/start: "This value is not valid\."\./);
  });

  it('turns the nameless "extra fields" error into what Punchcard sent and why it may be refused', () => {
    const body = { code: 400, message: 'Validation Failed', errors: { errors: ['This form should not contain extra fields.'], children: {} } };
    const error = describeHttpFailure(
      answer(400, body),
      {
        action: 'log the time',
        gatedFields: [
          { field: 'begin', reason: 'punch mode.' },
          { field: 'end', reason: 'punch mode.' },
        ],
      },
      BASE,
    );
    expect(error.failure).toBe('restricted');
    expect(error.message).toBe('Kimai did not let you set start and end to log the time: punch mode.');
    expect(error.message).not.toMatch(/extra fields/);
    expect(describeHttpFailure(answer(400, body), purpose, BASE).message).toMatch(/a field your account may not set/);
  });

  it('explains a plain 400, 429, 5xx and gateway errors', () => {
    expect(describeHttpFailure(answer(400, { code: 400, message: 'Bad Request' }), purpose, BASE).message).toMatch(/malformed/);
    expect(describeHttpFailure(answer(429), purpose, BASE).message).toMatch(/limiting requests.*again in a minute/);
    expect(describeHttpFailure(answer(500, { code: 500, message: 'Internal Server Error' }), purpose, BASE).message).toMatch(
      /internal error \(500\).*administrator/,
    );
    expect(describeHttpFailure(answer(503), purpose, BASE).message).toMatch(/proxy in front of it, is unavailable \(503\)/);
  });

  it('says plainly when a status means nothing to it', () => {
    const error = describeHttpFailure(answer(418, { code: 418, message: "I'm a teapot" }), purpose, BASE);
    expect(error.failure).toBe('bad_request');
    expect(error.message).toBe('Kimai answered 418 trying to start the timer; Punchcard does not know what that means here.');
  });
});

describe('network failures', () => {
  it('tells TLS, DNS, refused and lost connections apart', () => {
    expect(describeNetworkFailure({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, BASE, purpose).failure).toBe('tls');
    expect(describeNetworkFailure({ code: 'SELF_SIGNED_CERT_IN_CHAIN', message: 'x' }, BASE, purpose).message).toMatch(/caFile/);
    expect(describeNetworkFailure({ code: 'CERT_HAS_EXPIRED', message: 'x' }, BASE, purpose).message).toMatch(/expired/);
    expect(describeNetworkFailure({ code: 'ENOTFOUND', message: 'x' }, BASE, purpose).message).toMatch(/kimai\.example\.com could not be found/);
    expect(describeNetworkFailure({ code: 'ECONNREFUSED', message: 'x' }, BASE, purpose).message).toMatch(/connection refused/);
    expect(describeNetworkFailure({ code: 'ECONNRESET', message: 'x' }, BASE, purpose).failure).toBe('unreachable');
  });

  it('names a certificate for another host and a port without TLS', () => {
    expect(
      describeNetworkFailure({ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: "Hostname/IP does not match certificate's altnames" }, BASE, purpose).message,
    ).toMatch(/^The secure connection to kimai\.example\.com failed: its certificate is not for kimai\.example\.com\./);
    for (const code of ['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER']) {
      expect(describeNetworkFailure({ code, message: 'wrong version number' }, BASE, purpose).message).toMatch(/it does not speak TLS on that port/);
    }
  });

  it('falls back to the code, or the message, for anything else', () => {
    expect(describeNetworkFailure({ code: 'EADDRNOTAVAIL', message: 'x' }, BASE, purpose)).toMatchObject({
      failure: 'unreachable',
      message: 'Kimai at kimai.example.com could not be reached trying to start the timer (EADDRNOTAVAIL).',
    });
    expect(describeNetworkFailure({ message: 'socket hang up' }, BASE, purpose).message).toBe(
      'Kimai at kimai.example.com could not be reached trying to start the timer (socket hang up).',
    );
  });

  it('says how long it waited, and that a write may have happened', () => {
    const error = describeTimeout(BASE, 15_000, purpose);
    expect(error).toBeInstanceOf(KimaiError);
    expect(error.message).toMatch(/within 15 s trying to start the timer.*check before repeating/);
  });

  it('counts a deadline under a second in milliseconds, not as "0 s"', () => {
    expect(describeTimeout(BASE, 300, purpose).message).toMatch(/^Kimai at kimai\.example\.com did not answer within 300 ms trying to start the timer\. /);
    expect(describeTimeout(BASE, 999, purpose).message).toMatch(/within 999 ms /);
    expect(describeTimeout(BASE, 1_500, purpose).message).toMatch(/within 1\.5 s /);
    expect(describeTimeout(BASE, 1_000, purpose).message).toMatch(/within 1 s /);
  });

  it('recognises a web page where JSON was expected as a wrong URL', () => {
    expect(describeNotJson(BASE, answer(200, undefined, '<!DOCTYPE html><html>')).message).toMatch(/a web page.*Check the URL/);
    expect(describeNotJson(BASE, answer(200, undefined, '{"broken')).failure).toBe('wrong_service');
  });
});
