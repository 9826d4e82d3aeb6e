// How many requests one tool call may send to a remote back end. Every range a tool takes is held
// to its limit before any work (domain/call-limits.ts); this is the wall behind those checks, for
// what grows with the back end's own answers (a listing of a thousand pages, a paging loop that never
// ends). The engine opens a budget around each tool call; the HTTP layer spends from it before each
// request and refuses, in words, the one past the limit. Work outside a call (the background check
// of a back end's features) has no budget: its requests are fixed in number by the code.
import { AsyncLocalStorage } from 'node:async_hooks';
import { ProviderError } from '../time-tracker.ts';

interface Budget {
  readonly limit: number;
  spent: number;
}

const budgets = new AsyncLocalStorage<Budget>();

/** Runs `work` (one tool call) with at most `limit` requests to any back end. */
export function withRequestBudget<T>(limit: number, work: () => Promise<T>): Promise<T> {
  return budgets.run({ limit, spent: 0 }, work);
}

/** The HTTP layer, before each request: counts it, or refuses it when the call has used its budget. */
export function spendRequest(service: string): void {
  const budget = budgets.getStore();
  if (!budget) return;
  if (budget.spent >= budget.limit) throw overBudget(budget.limit, service);
  budget.spent++;
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

function overBudget(limit: number, service: string): ProviderError {
  return new ProviderError(
    'invalid',
    `This needs more than ${limit} requests to ${service}, more than one call may send, so Punchcard stopped asking. ` +
      'Ask for less at once (a shorter range, or one page at a time).',
  );
}

/** Requests the current call has sent so far (0 outside a call). */
export function requestsSpent(): number {
  return budgets.getStore()?.spent ?? 0;
}
