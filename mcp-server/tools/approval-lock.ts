// Approved time is kept as approved (docs/decisions.md, "The approvals group"): every tool that writes
// time asks here first, and a write touching a period that is approved (or submitted, where the back
// end locks a submitted period) is refused in words before any write is sent, although some back ends
// would let an administrator through. The check reads the back end's locks of the days written, and
// only where the back end has approvals at all.
import { localDate } from '../domain/time.ts';
import { locksTouching, type PeriodLock } from '../domain/approvals.ts';
import { BackEndError } from '../providers/time-tracker.ts';
import type { ToolContext } from './context.ts';
import { ToolInputError } from './tool-input-error.ts';

/** A span of time a write touches: where an entry is, or where it would be. */
export interface WrittenSpan {
  readonly start: number;
  readonly end: number;
}

/** The most people whose locks one correction reads (a request each): more is refused before any is read. */
export const MAX_PEOPLE_LOCKS_READ = 10;

/** Whether writes here must ask for the back end's locks first: only where it has approvals. */
export function locksApply(context: ToolContext): boolean {
  return context.tracker.approvals !== undefined && context.tracker.capabilities.has('approvals');
}

/**
 * Refuses the call when any of `spans` lies in a locked period of the person (or of the tracker user
 * `owner`, named `ownerName`, for an administrator's change of someone's entries). The locks are asked
 * for the days of each span in turn, never for all the days between two far apart (an entry moved by
 * months): a back end that reads a period's status a request at a time (Kimai's plugin) reads only the
 * periods written, and keeps what it read for the rest of the call.
 */
export async function refuseLockedTime(
  context: ToolContext,
  spans: readonly WrittenSpan[],
  owner?: { readonly id: string; readonly name: string },
): Promise<void> {
  const approvals = context.tracker.approvals;
  if (!approvals || !locksApply(context) || spans.length === 0) return;
  for (const span of spans) {
    const days = { firstDay: localDate(span.start, context.timezone), lastDay: localDate(Math.max(span.start, span.end - 1), context.timezone) };
    const locks = await readLocks(() => approvals.locks(days, owner?.id));
    // Out of reach: nothing more is asked of it, and the back end judges the write when it is sent.
    if (locks === undefined) return;
    const touched = locksTouching(locks, days)[0];
    if (!touched) continue;
    const base = { first_day: touched.firstDay, last_day: touched.lastDay, status: touched.status, back_end: context.tracker.label };
    if (owner) throw new ToolInputError('timesheet_period_locked_for', { ...base, person: owner.name });
    throw new ToolInputError('timesheet_period_locked', { ...base, reopened_by: touched.reopenedBy });
  }
}

/**
 * The back end's locks, or undefined where it is out of reach: the write then goes on to be kept by the
 * outbox (a person's time is never lost to a check), and the back end judges it when it is sent, as
 * both Clockify and Kimai's plugin refuse a write into a locked period themselves.
 */
async function readLocks(read: () => Promise<readonly PeriodLock[]>): Promise<readonly PeriodLock[] | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof BackEndError && error.kind === 'unavailable') return undefined;
    throw error;
  }
}

/** An entry of someone's that an administrator's correction would change. */
export interface OwnedSpan {
  readonly start: number;
  readonly end: number | null;
  readonly personId: number;
  readonly person: string;
}

/**
 * The same for an administrator's correction of several people's entries: each owner's locks are read
 * (one request each, at most MAX_PEOPLE_LOCKS_READ people), and an entry in a locked period of its
 * owner refuses the whole correction before anything is changed.
 */
export async function refuseLockedEntriesOf(context: ToolContext, entries: readonly OwnedSpan[]): Promise<void> {
  if (!locksApply(context) || entries.length === 0) return;
  const owners = new Map<number, OwnedSpan[]>();
  for (const entry of entries) owners.set(entry.personId, [...(owners.get(entry.personId) ?? []), entry]);
  if (owners.size > MAX_PEOPLE_LOCKS_READ) throw new ToolInputError('timesheet_locks_too_many_people', { people: owners.size, limit: MAX_PEOPLE_LOCKS_READ });
  for (const [personId, owned] of owners) {
    const spans = owned.map((entry) => ({ start: entry.start, end: entry.end ?? context.now() }));
    await refuseLockedTime(context, spans, { id: String(personId), name: (owned[0] as OwnedSpan).person });
  }
}
