// Which failures keep a write in the outbox (the back end could not be reached) and which are said at
// once (it answered and refused): the failures as the HTTP layer words them.
import { describe, expect, it } from 'vitest';
import {
  describeNetworkFailure,
  describeTimeout,
  RemoteError,
  remoteRefusal,
  serverTrouble,
  unexpectedStatus,
} from '../../../../mcp-server/providers/remote/remote-error.ts';
import { isOutOfReach, reachProblem } from '../../../../mcp-server/providers/outbox/out-of-reach.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';
import { reachWords } from '../../../../mcp-server/contract/outcomes/outbox.ts';

const WORDS = { service: 'Kimai', address: 'the Kimai URL', caHint: 'Set caFile.' };
const BASE = 'https://kimai.example.com';
const network = (code: string, message = 'x') => describeNetworkFailure({ code, message }, BASE, 'start the timer', WORDS);
const status = (code: number) => serverTrouble(code, 'start the timer', WORDS) ?? unexpectedStatus(code, 'start the timer', WORDS);

describe('isOutOfReach', () => {
  it('keeps writes when nothing answered: refused, no such host, no network, a cut connection, a deadline', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'])
      expect(isOutOfReach(network(code)), code).toBe(true);
    expect(isOutOfReach(describeTimeout(BASE, 15_000, 'start the timer', WORDS))).toBe(true);
  });

  it('keeps writes when a gateway answers for a back end that is down (502, 503, 504)', () => {
    for (const code of [502, 503, 504]) expect(isOutOfReach(status(code)), String(code)).toBe(true);
  });

  it('keeps writes when a secure connection was cut before its handshake ended, not when a certificate was refused', () => {
    const cut = network('ECONNRESET', 'Client network socket disconnected before secure TLS connection was established');
    expect(cut.failure).toBe('tls');
    expect(isOutOfReach(cut)).toBe(true);
    for (const code of ['CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_WRONG_VERSION_NUMBER']) {
      expect(isOutOfReach(network(code, 'certificate problem')), code).toBe(false);
    }
  });

  it("says a refusal at once: 401, 403, 404, 400, 422, 429, 500 and errors that are not the back end's", () => {
    const action = 'start the timer';
    expect(isOutOfReach(new RemoteError('bad_token', remoteRefusal('kimai_token_refused', { url: BASE, status: 401 }), 401))).toBe(false);
    expect(isOutOfReach(new RemoteError('forbidden', remoteRefusal('kimai_forbidden', { action }), 403))).toBe(false);
    expect(isOutOfReach(new RemoteError('not_found', remoteRefusal('kimai_no_such_address', { url: BASE, action }), 404))).toBe(false);
    expect(isOutOfReach(new RemoteError('validation', remoteRefusal('kimai_form_refused', { action, fields: [], messages: ['No.'] }), 400))).toBe(false);
    expect(isOutOfReach(new RemoteError('rate_limited', remoteRefusal('remote_rate_limited', { service: 'Kimai', action, retry_after_s: null }), 429))).toBe(
      false,
    );
    expect(isOutOfReach(status(422))).toBe(false);
    expect(isOutOfReach(status(500))).toBe(false);
    // Unavailable, but not the HTTP layer's: the local timesheet closed under a call has no outbox to wait in.
    expect(isOutOfReach(new BackEndError('timesheet_closed'))).toBe(false);
    expect(isOutOfReach(new Error('ECONNREFUSED'))).toBe(false);
  });

  it('says why in a few words', () => {
    // Why, as data (outbox_stale's facts), and in its words.
    const said = (error: RemoteError) => reachWords(reachProblem(error), error.status ?? null);
    expect([network('ECONNREFUSED'), status(503)].map(reachProblem)).toEqual(['connection_refused', 'gateway']);
    expect(said(network('ECONNREFUSED'))).toBe('connection refused');
    expect(said(network('ENOTFOUND'))).toBe('its host name could not be found');
    expect(said(network('ECONNRESET'))).toBe('the connection failed');
    expect(said(describeTimeout(BASE, 15_000, 'x', WORDS))).toBe('it did not answer in time');
    expect(said(status(503))).toBe('it answered 503 (down or being updated)');
  });
});
