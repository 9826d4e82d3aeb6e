// What one tool call may cost a remote back end and the engine: requests, answers and time. Every
// range a tool takes is held to its limit before any work (domain/call-limits.ts); this is the wall
// behind those checks, for what grows with the back end's own answers (a listing of a thousand pages,
// a paging loop that never ends, pages that add up to more than memory holds) and for a call that
// must stop (the client cancelled it, or its deadline passed). The engine opens a budget around each
// tool call; the HTTP layer spends from it before each request and as each answer arrives, and
// refuses, in words, what is past the limit. Work outside a call (the background check of a back
// end's features) has no budget: its requests are fixed in number by the code.
import { AsyncLocalStorage } from 'node:async_hooks';
import { BackEndError } from '../time-tracker.ts';

/** A request that may have changed something at the back end (a write), and what became of it. */
export interface Change {
  /** What it does, in words: 'start the timer'. */
  readonly action: string;
  /** `sent` until an answer came: done (2xx) or refused (any other status). */
  outcome: 'sent' | 'done' | 'refused';
}

/** Why a call was stopped before it finished; the engine words the result (tools/call-scope.ts). */
export class CallStopped extends BackEndError {
  readonly why: 'cancelled' | 'deadline';
  readonly tool: string;
  readonly deadlineMs: number;
  constructor(why: 'cancelled' | 'deadline', tool: string, deadlineMs: number) {
    super('call_ended', { tool, why, deadline_ms: deadlineMs });
    this.name = 'CallStopped';
    this.why = why;
    this.tool = tool;
    this.deadlineMs = deadlineMs;
  }
}

/** One call's budget: its requests, the answers it read, whether it must stop, what it changed. */
export class CallBudget {
  readonly limit: number;
  spent = 0;
  /** Bytes of answers read, and JSON objects and lists among them (answer-size.ts counts them). */
  answerBytes = 0;
  answerObjects = 0;
  /** Aborted, with a CallStopped as its reason, when the call must end. */
  readonly stop: AbortSignal | undefined;
  /** Every request that may have changed something, in the order sent. */
  readonly changes: Change[] = [];
  /** The back ends the call sent requests to, by name ('Kimai'). */
  readonly services = new Set<string>();
  /** When the call's deadline passes (performance.now()), where it has one: a wait that would run past it is not begun. */
  readonly deadline: number | undefined;

  constructor(limit: number, stop?: AbortSignal, deadline?: number) {
    this.limit = limit;
    this.stop = stop;
    this.deadline = deadline;
  }

  /** Before each request: refuses it when the call must stop or has used its requests; counts it. */
  spendRequest(service: string): void {
    this.throwIfStopped();
    if (this.spent >= this.limit) throw overBudget(this.limit, service);
    this.spent++;
    this.services.add(service);
  }

  /** The reason the call must stop, thrown, once it must. */
  throwIfStopped(): void {
    if (this.stop?.aborted) throw this.stop.reason;
  }

  /** Notes a request that may change something, as it goes out; its outcome is set when it is answered. */
  noteChange(action: string): Change {
    const change: Change = { action, outcome: 'sent' };
    this.changes.push(change);
    return change;
  }
}

const budgets = new AsyncLocalStorage<CallBudget>();

/** Runs `work` (one tool call) with at most `limit` requests to any back end, stopped when `stop` aborts. */
export function withRequestBudget<T>(limit: number, work: () => Promise<T>, stop?: AbortSignal): Promise<T> {
  return withCallBudget(new CallBudget(limit, stop), work);
}

/** Runs `work` under a budget the caller keeps, to read afterwards what the call did. */
export function withCallBudget<T>(budget: CallBudget, work: () => Promise<T>): Promise<T> {
  return budgets.run(budget, work);
}

/**
 * The budget of the call running now, or undefined outside a call. The HTTP layer takes it when a
 * request starts and keeps it: a kept-alive socket's events may run in the context of whichever call
 * opened the socket, so looking it up again later could charge another call.
 */
export function currentCall(): CallBudget | undefined {
  return budgets.getStore();
}

/**
 * How long the current call may still take, in ms (unbounded outside a call or without a deadline):
 * a wait for a back end's limit that would outlast it is said instead of begun.
 */
export function timeLeftInCall(): number {
  const deadline = budgets.getStore()?.deadline;
  return deadline === undefined ? Number.POSITIVE_INFINITY : deadline - performance.now();
}

/** The HTTP layer, before each request: counts it, or refuses it when the call has used its budget. */
export function spendRequest(service: string): void {
  budgets.getStore()?.spendRequest(service);
}

/** How many more requests the current call may send (unbounded outside a call). */
export function requestsLeft(): number {
  const budget = budgets.getStore();
  return budget ? budget.limit - budget.spent : Number.POSITIVE_INFINITY;
}

/**
 * Before fanning out to `count` more requests whose number a server stated (pages it says it has):
 * refuses at once when they cannot fit, rather than sending what fits and then stopping.
 */
export function ensureRequests(count: number, service: string): void {
  const budget = budgets.getStore();
  if (budget && budget.spent + count > budget.limit) throw overBudget(budget.limit, service);
}

function overBudget(limit: number, service: string): BackEndError {
  return new BackEndError('request_budget_exceeded', { limit, service });
}

/** Requests the current call has sent so far (0 outside a call). */
export function requestsSpent(): number {
  return budgets.getStore()?.spent ?? 0;
}
