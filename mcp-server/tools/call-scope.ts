// One tool call's scope: its budget of requests and answers to a remote back end
// (providers/remote/request-budget.ts), and its end. A call ends when the client cancels it (the SDK
// aborts the request's signal on notifications/cancelled) or when its deadline passes
// (domain/call-limits.ts, CALL_DEADLINE_MS); then the HTTP layer destroys the requests it has in
// flight and starts none, and the call is answered at once, whatever its handler is still waiting
// for, in words that say what it changed and what it may have changed.
import { formatWait } from '../providers/remote/remote-error.ts';
import { CallBudget, CallStopped, withCallBudget } from '../providers/remote/request-budget.ts';
import { BackEndError } from '../providers/time-tracker.ts';

export interface CallScopeOptions {
  /** Requests the call may send (MAX_REQUESTS_PER_CALL). */
  requests: number;
  deadlineMs: number;
  /** The request's own signal: aborted when the client cancels the call. */
  cancelled: AbortSignal;
  /** The tool's name, in the sentence that says why it stopped. */
  tool: string;
}

export type CallOutcome<T> = { finished: T } | { stopped: CallStopped; budget: CallBudget };

/** Runs `work` (the call) in its scope, and answers when it finishes or when it is stopped, whichever is first. */
export async function runInCallScope<T>(options: CallScopeOptions, work: () => Promise<T>): Promise<CallOutcome<T>> {
  const ending = new AbortController();
  const deadline = setTimeout(
    () => ending.abort(new CallStopped('deadline', `${options.tool} took longer than ${formatWait(options.deadlineMs)}, so Punchcard stopped it.`)),
    options.deadlineMs,
  );
  const cancel = () => ending.abort(new CallStopped('cancelled', `The client cancelled ${options.tool}, so Punchcard stopped it.`));
  if (options.cancelled.aborted) cancel();
  else options.cancelled.addEventListener('abort', cancel, { once: true });
  const budget = new CallBudget(options.requests, ending.signal, performance.now() + options.deadlineMs);
  let answer = () => {};
  const stopped = new Promise<CallOutcome<T>>((resolve) => {
    answer = () => resolve({ stopped: ending.signal.reason as CallStopped, budget });
    if (ending.signal.aborted) answer();
    else ending.signal.addEventListener('abort', answer, { once: true });
  });
  const running = withCallBudget(budget, work).catch((error: unknown) => {
    // A read another call started and this one shares (a cached profile, a catalog) fails with that
    // call's end, whose words would be about the other call.
    if (error instanceof CallStopped && error !== ending.signal.reason) {
      throw new BackEndError(
        'unavailable',
        `${options.tool} needed a request another call had under way, and that call was stopped (cancelled, or past its deadline); try again.`,
      );
    }
    throw error;
  });
  try {
    return await Promise.race([running.then((finished) => ({ finished })), stopped]);
  } finally {
    clearTimeout(deadline);
    options.cancelled.removeEventListener('abort', cancel);
    // The budget outlives the call wherever a socket opened during it keeps the call's async context
    // (a pooled connection to the back end does): its signal must then hold nothing of the call, and
    // this listener reaches the request and, through it, the MCP server that served it.
    ending.signal.removeEventListener('abort', answer);
    // A stopped handler still settles (its requests fail with the reason); nobody waits for it.
    running.catch(() => {});
  }
}

/**
 * What a stopped call did, for the person: which back end it stopped asking, the changes the back end
 * confirmed, those sent without an answer (which may or may not have happened), and that nothing else
 * changed. `writes`: the tool may change something at all.
 */
export function stoppedCallText(stopped: CallStopped, budget: CallBudget, writes: boolean): string {
  const services = [...budget.services].join(' and ');
  const why = stopped.message.replace(/\.$/, '');
  const asked =
    services === ''
      ? ''
      : stopped.why === 'deadline'
        ? ` and its requests to ${services} (${budget.services.size > 1 ? 'they' : 'it'} may be overloaded or unreachable; try again later, or ask for less at once)`
        : ` and its requests to ${services}`;
  const done = budget.changes.filter((change) => change.outcome === 'done').map((change) => change.action);
  const unsure = budget.changes.filter((change) => change.outcome === 'sent').map((change) => change.action);
  const outcome: string[] = [];
  if (done.length > 0) outcome.push(`Done before it stopped: ${done.join('; ')}.`);
  if (unsure.length > 0) outcome.push(`Sent without an answer, so it may or may not have happened (check before repeating it): ${unsure.join('; ')}.`);
  if (outcome.length > 0) outcome.push('Nothing else was changed.');
  // A call that asked no back end stopped only waiting: a tool that writes may still have.
  else outcome.push(writes && services === '' ? 'Check whether it was done before repeating it.' : 'Nothing was changed.');
  return `${why}${asked}. ${outcome.join(' ')}`;
}
