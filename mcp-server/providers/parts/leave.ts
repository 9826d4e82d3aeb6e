// The person's own leave (capabilities `leave`, `leave_cancel`, `calendar`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { LeaveBalance, LeaveDraw, LeaveRequest, NewLeaveRequest, TeamAbsence } from '../../domain/records.ts';

/**
 * The person's own leave (capabilities `leave`, `leave_cancel`), and what a back end may keep about it
 * of its own; without each, the settings stand in. Reports and the calendar list leave to count
 * targets also where the back end offers none (a module off, a plugin missing): then there is none.
 */
export interface LeavePart {
  listLeave(query: { from: string; to: string }): Promise<LeaveRequest[]>;
  createLeave(request: NewLeaveRequest): Promise<LeaveRequest>;
  cancelLeave(id: number): Promise<LeaveRequest>;
  /** Leave entitlements as the back end keeps them; without it, leave_balance counts from the settings. */
  leaveBalance?(year: number): Promise<LeaveBalance>;
  /**
   * The balance a new request would draw on, found before anything is filed (leave beyond the
   * balance is asked about first): where the back end has types of its own, by the type it would file
   * on. Without it, Punchcard's type vacation draws on the vacation balance and any other on none.
   */
  leaveDraw?(request: Pick<NewLeaveRequest, 'type' | 'kind'>): Promise<LeaveDraw>;
  /**
   * Leave is approved as it is filed, and nobody else decides (the local timesheet): the person's
   * settings then say whether leave beyond the balance may be recorded at all.
   */
  readonly approvesLeaveAtOnce?: boolean;
  /** The person's and visible colleagues' absences over [from, to]; without it, the calendar shows the person's own leave. */
  teamAbsences?(from: string, to: string): Promise<TeamAbsence[]>;
}
