// Whether a failure means the back end could not be reached (and a write may wait in the outbox until
// it can), or that it answered and refused (and the person must hear why now). Only the first kind is
// kept: a refusal sent again later would be refused again, and meanwhile the person believes it done.
// Pure: the HTTP layer has already put the failure into words (remote/remote-error.ts).
import type { ReachProblem } from '../../contract/outcomes/outbox.ts';
import { RemoteError } from '../remote/remote-error.ts';

/**
 * Codes of a connection that was cut rather than refused: a secure connection interrupted before its
 * handshake ended reads as a TLS failure in words, but the certificate was never looked at.
 */
const CUT_CONNECTION = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNREFUSED',
]);

/**
 * Out of reach: nothing answered (connection refused, a host name not found, the network gone, a
 * connection cut, the deadline passed) or a gateway answered for a back end that is down (502, 503,
 * 504). Everything else the back end or Punchcard said is a refusal: a 401 or 403, a 4xx in words, an
 * internal error (500: it answered, and may answer the same again), a rate limit, an answer too large,
 * a certificate that is not trusted (a captive portal in a café is refused so too: Punchcard cannot
 * tell it from a wrong address, and says what it saw).
 */
export function isOutOfReach(error: unknown): error is RemoteError {
  if (!(error instanceof RemoteError)) return false;
  switch (error.failure) {
    case 'unreachable':
    case 'timeout':
      return true;
    case 'server_error':
      return error.status === 502 || error.status === 503 || error.status === 504;
    case 'tls':
      return error.networkCode !== undefined && CUT_CONNECTION.has(error.networkCode);
    default:
      return false;
  }
}

/** Why a back end out of reach did not answer, short, for what the outbox says of it (`outbox_stale`, with the gateway's status). */
export function reachProblem(error: RemoteError): ReachProblem {
  if (error.failure === 'timeout') return 'no_answer_in_time';
  if (error.failure === 'server_error') return 'gateway';
  switch (error.networkCode) {
    case 'ECONNREFUSED':
      return 'connection_refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host_not_found';
    default:
      return 'connection_failed';
  }
}
