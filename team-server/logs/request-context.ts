// Which request a log line belongs to, without handing an id through every function on the way: the
// team server opens a context for each request (its id, and the person's once the token says who),
// and the log (team-log.ts) reads it for each line written while that request is served, in the
// engine and the back end's HTTP layer too. Only ids: never a name or an e-mail.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  readonly requestId: string;
  /** The person's id in the store, once their token was verified. */
  personId?: string;
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
