// Leave requests waiting for the person's decision (capability `team_leave`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { DecidedLeave, LeaveDecision, PendingLeave, PendingLeavePage } from '../../domain/team.ts';

/** `team_leave`. */
export interface TeamLeavePart {
  /** A window of the requests waiting for the person's decision (`team_leave`). */
  pendingLeave(query: { offset: number; limit: number }): Promise<PendingLeavePage>;
  /**
   * The request as it waits for the person's decision; refused (a BackEndError of a `denied` or
   * `not_found` code) when Punchcard can tell it is not theirs to decide, before anything is sent.
   */
  findPendingLeave(id: number): Promise<PendingLeave>;
  /** Approves or rejects the request just found, with the reason where the back end keeps one. */
  decideLeave(request: PendingLeave, decision: LeaveDecision, reason: string | undefined): Promise<DecidedLeave>;
}
