// Which request a log line belongs to, without handing an id through every function on the way: the
// team server opens a context for each request (its id, and the person's once the token says who),
// and the log (team-log.ts) reads it for each line written while that request is served, in the
// engine and the back end's HTTP layer too, and for the request's own line once it is answered
// (with the cause of a server error, where one was said). Only ids: never a name or an e-mail.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  readonly requestId: string;
  /** The person's id in the store, once their token was verified. */
  personId?: string;
  /** Why the request failed, where the part that answered it said (failedBecause). */
  failure?: RequestFailure;
}

/** What made a request fail on the server's side, for its line in the log (team-log.ts). */
export interface RequestFailure {
  readonly error: unknown;
  /**
   * Whether the error's stack goes into the line: yes for a fault in the server's own code, which
   * only the stack locates; no for a condition the server expects and says in words (the store away).
   */
  readonly withStack: boolean;
}

const contexts = new AsyncLocalStorage<RequestContext>();

/** Runs `work` as the request `requestId` (a fresh id where none is given). */
export function inRequest<T>(work: (context: RequestContext) => T, requestId: string = randomUUID()): T {
  const context: RequestContext = { requestId };
  return contexts.run(context, () => work(context));
}

/** The request being served here, if any. */
export function currentRequest(): RequestContext | undefined {
  return contexts.getStore();
}

/** Says who the current request acts for, from here on. */
export function actingFor(personId: string): void {
  const context = contexts.getStore();
  if (context) context.personId = personId;
}

/**
 * Says why the current request failed: its line in the log then carries the cause, at error level
 * where its answer is a server error (5xx) or was cut off. Said where the error is caught and turned
 * into an answer, because only there is it known; the last one said is the one logged. False where
 * no request is being served (the caller then says it in a line of its own).
 */
export function failedBecause(error: unknown, { withStack }: { withStack: boolean }): boolean {
  const context = contexts.getStore();
  if (context) context.failure = { error, withStack };
  return context !== undefined;
}
