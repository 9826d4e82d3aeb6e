// The ways a back end may answer a read of an optional feature (docs/internals/back-ends.md, "Optional reads"): each
// fake answers each of them in its API's own form (its `optionalAnswer`), and the behaviour suite goes through them in
// turn (test/behaviour/optional-reads.test.ts). Three say the feature is not there for this account, and the everyday
// tools go on without it; four say something is wrong, and fail in words.
import type { Failure } from './fake-server.ts';

/** The feature is not there for this account: the call goes on without it, which is said once in the log. */
export const UNAVAILABLE = ['payment_required', 'forbidden', 'not_found'] as const;
/** Something is wrong (the token, the back end, the network, the address): the call that needs the read fails in words. */
export const FAILING = ['token_refused', 'server_error', 'no_answer', 'web_page'] as const;

export type OptionalAnswer = (typeof UNAVAILABLE)[number] | (typeof FAILING)[number];

/** The request deadline an engine is given where a read is not answered (PUNCHCARD_<BACK END>_TIMEOUT_MS), and how late the fake answers. */
export const NO_ANSWER = { timeoutMs: 1_000, delayMs: 2_000 } as const;

/** A 404 web page where the API should be (a proxy's, a wrong address): the same whatever the back end. */
export const WEB_PAGE_404 = '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n';

/** As many requests as a test can make: an answer scripted for a read holds for every time it is asked. */
const EVERY_TIME = 1_000_000;

/**
 * A fake's answer `answer` for a read, every time it is asked: `own` gives the API's own form of the answers only
 * it can say (its error bodies for 402, 403, 404 and a refused token, its 500); a web page and no answer are every
 * fake's alike (the API's own answer, sent after the deadline).
 */
export function answeredAs(answer: OptionalAnswer, own: (answer: Exclude<OptionalAnswer, 'web_page' | 'no_answer'>) => Failure): Failure {
  if (answer === 'web_page') return { status: 404, raw: WEB_PAGE_404, headers: { 'Content-Type': 'text/html; charset=utf-8' }, times: EVERY_TIME };
  if (answer === 'no_answer') return { late: true, delayMs: NO_ANSWER.delayMs, times: EVERY_TIME };
  return { ...own(answer), times: EVERY_TIME };
}
