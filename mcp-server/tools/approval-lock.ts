// Approved time is kept as approved (docs/decisions.md, "The approvals group"): every tool that writes
// time asks here first, and a write touching a period that is approved (or submitted, where the back
// end locks a submitted period) is refused in words before any write is sent, although some back ends
// would let an administrator through. The check costs one read of the back end's locks per call, and
// only where the back end has approvals at all.
import { localDate } from '../domain/time.ts';
import { locksTouching } from '../domain/approvals.ts';
import type { ToolContext } from './context.ts';
import { ToolInputError } from './tool-input-error.ts';

/** A span of time a write touches: where an entry is, or where it would be. */
export interface WrittenSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * Refuses the call when any of `spans` lies in a locked period of the person (or of the tracker user
 * `owner`, named `ownerName`, for an administrator's change of someone's entries).
 */
export async function refuseLockedTime(
  context: ToolContext,
  spans: readonly WrittenSpan[],
  owner?: { readonly id: string; readonly name: string },
): Promise<void> {
  const approvals = context.tracker.approvals;
  if (!approvals || !context.tracker.capabilities.has('approvals') || spans.length === 0) return;
  const days = spans.flatMap((span) => [localDate(span.start, context.timezone), localDate(Math.max(span.start, span.end - 1), context.timezone)]).sort();
  const covered = { firstDay: days[0] as string, lastDay: days[days.length - 1] as string };
  const locks = await approvals.locks(covered, owner?.id);
  for (const span of spans) {
    const touched = locksTouching(locks, {
      firstDay: localDate(span.start, context.timezone),
      lastDay: localDate(Math.max(span.start, span.end - 1), context.timezone),
    })[0];
    if (!touched) continue;
    const base = { first_day: touched.firstDay, last_day: touched.lastDay, status: touched.status, back_end: context.tracker.label };
    if (owner) throw new ToolInputError('timesheet_period_locked_for', { ...base, person: owner.name });
    throw new ToolInputError('timesheet_period_locked', { ...base, reopened_by: touched.reopenedBy });
  }
}
