// Approved time is kept as approved (docs/decisions.md, "The approvals group"): every tool that writes
// time asks here first, and a write touching a period that is approved (or submitted, where the back
// end locks a submitted period) is refused in words before any write is sent, although some back ends
// would let an administrator through. The check reads the back end's locks of the days written, and
// only where the back end has approvals at all. Where a period can lock while a write is on its way
// and the back end then keeps the write (Clockify), the locks are read once more after it, and a write
// that landed in a period locked meanwhile is said beside the answer (sayLockedMeanwhile).
import { daysCovering, firstLockOfSpans, lockTouchedBy, type PeriodLock, type TimeSpan } from '../domain/approvals.ts';
import { noticeOf } from '../contract/outcomes/notices.ts';
import { BackEndError, type TimeEntry } from '../providers/time-tracker.ts';
import type { ToolContext } from './context.ts';
import { ToolInputError } from './tool-input-error.ts';

/** A span of time a write touches: where an entry is, or where it would be. */
export type WrittenSpan = TimeSpan;

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
  const touched = await firstLockOfSpans(spans, context.timezone, (days) => readLocks(() => approvals.locks(days, owner?.id)));
  if (!touched) return;
  const base = { first_day: touched.firstDay, last_day: touched.lastDay, status: touched.status, back_end: context.tracker.label };
  if (owner) throw new ToolInputError('timesheet_period_locked_for', { ...base, person: owner.name });
  throw new ToolInputError('timesheet_period_locked', { ...base, reopened_by: touched.reopenedBy });
}

/**
 * After a write of the person's time (`written`: the entries as the back end answered them), where the back
 * end can lock a period under a write and keep it (its approvals part's `locksAfterWrite`), the locks are
 * read again and an entry now inside a locked period is said in a notice (timesheet_approved_meanwhile):
 * the check before the write could not see an approval that landed between it and the write. The entry is
 * not taken back: the person's time stays where the back end put it, the approval holds the period's
 * other entries as they were approved (Clockify takes such an entry outside its request), and a deletion
 * would be a second write that loses their time if nobody reads the answer; the approver, told, can reopen
 * the period. A write the outbox kept is judged when it is sent, not here. A read that fails is logged and
 * says nothing: the write itself went through. Requests: one more a write, on such a back end only.
 */
export async function sayLockedMeanwhile(context: ToolContext, written: readonly TimeEntry[]): Promise<void> {
  const approvals = context.tracker.approvals;
  const sent = written.filter((entry) => entry.waiting === undefined);
  if (!approvals?.locksAfterWrite || !locksApply(context) || sent.length === 0) return;
  const spanOf = (entry: TimeEntry): TimeSpan => ({ start: entry.start, end: entry.end ?? context.now() });
  let locks: readonly PeriodLock[];
  try {
    locks = await approvals.locksAfterWrite(daysCovering(sent.map(spanOf), context.timezone));
  } catch (error) {
    context.log(`The locks could not be read again after a write: ${(error as Error).message}`);
    return;
  }
  for (const entry of sent) {
    const lock = lockTouchedBy(locks, [spanOf(entry)], context.timezone);
    // A period held though never submitted does not lock under a write: it is held once a later one is
    // submitted, by a back end that then refuses the write itself (Kimai's plugin), which reads no locks here.
    if (!lock || lock.status === 'not_submitted') continue;
    context.notes.push(
      noticeOf('timesheet_approved_meanwhile', {
        first_day: lock.firstDay,
        last_day: lock.lastDay,
        status: lock.status,
        reopened_by: lock.reopenedBy,
        back_end: context.tracker.label,
        entry: entry.id,
      }),
    );
    return;
  }
}

/**
 * The back end's locks, or undefined where it is out of reach: the write then goes on to be kept by the
 * outbox (a person's time is never lost to a check), and the back end judges it when it is sent, as
 * both Clockify and Kimai's plugin refuse a write into a locked period themselves. Undefined too where
 * the back end refused its approvals as unavailable just now (an optional read: docs/internals/back-ends.md,
 * "Optional reads"): the approvals tools are withdrawn, no lock is known, and the write goes on, as the
 * outbox's kept writes do (outbox-sender.ts).
 */
async function readLocks(read: () => Promise<readonly PeriodLock[]>): Promise<readonly PeriodLock[] | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof BackEndError && (error.kind === 'unavailable' || error.refusal.code === 'timesheet_approvals_unavailable')) return undefined;
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
