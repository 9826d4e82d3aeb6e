// One tool call's scope: its budget of requests and answers to a remote back end
// (providers/remote/request-budget.ts), and its end. A call ends when the client cancels it (the SDK
// aborts the request's signal on notifications/cancelled) or when its deadline passes
// (domain/call-limits.ts, CALL_DEADLINE_MS); then the HTTP layer destroys the requests it has in
// flight and starts none, and the call is answered at once, whatever its handler is still waiting
// for, in words that say what it changed and what it may have changed.
import type { Refusal } from '../contract/outcomes/refusals.ts';
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
  const deadline = setTimeout(() => ending.abort(new CallStopped('deadline', options.tool, options.deadlineMs)), options.deadlineMs);
  const cancel = () => ending.abort(new CallStopped('cancelled', options.tool, options.deadlineMs));
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
      throw new BackEndError('shared_request_stopped', { tool: options.tool });
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
 * What a stopped call did, as its refusal: which back ends it stopped asking, the changes they
 * confirmed, those sent without an answer (which may or may not have happened), and that nothing else
 * changed. `writes`: the tool may change something at all.
 */
export function stoppedCallRefusal(stopped: CallStopped, budget: CallBudget, writes: boolean): Refusal<'call_stopped'> {
  const actions = (outcome: 'done' | 'sent') => budget.changes.filter((change) => change.outcome === outcome).map((change) => change.action);
  return {
    code: 'call_stopped',
    facts: {
      tool: stopped.tool,
      why: stopped.why,
      deadline_ms: stopped.deadlineMs,
      services: [...budget.services],
      done: actions('done'),
      sent: actions('sent'),
      writes,
    },
  };
}
