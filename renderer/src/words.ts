// The window's words for the engine's kinds of things, one term per idea (renderer/README.md lists
// the terms): the kinds of leave, and why a day asks for less work than its weekday.
import type { LeaveTypeName } from '../../window-contract/leave.ts';
import type { DayReason } from '../../window-contract/status.ts';

export const LEAVE_TYPE_NAMES: Record<LeaveTypeName, string> = {
  vacation: 'Vacation',
  sick: 'Sick leave',
  personal: 'Personal leave',
  parental: 'Parental leave',
  unpaid: 'Unpaid leave',
  other: 'Other leave',
};

/**
 * Why a day asks for less: its public holiday by name ("Ascension Day"), the leave it takes
 * ("Vacation"), "day off" for a day the work week leaves free; null for an ordinary working day.
 */
export function dayReason(day: DayReason & { targetMinutes: number }): string | null {
  if (day.holiday) return day.holiday;
  if (day.leave) return LEAVE_TYPE_NAMES[day.leave];
  return day.targetMinutes === 0 ? 'day off' : null;
}

/**
 * A write the engine keeps in its outbox while the back end is out of reach, not sent yet: the
 * window's word for it, as the tray's (main/tray/tray-model.ts).
 */
export const WAITING_TO_SEND = 'Waiting to be sent';

/** An AI agent's own time (record_agent_time): whose it is, and that the totals leave it out. */
export function agentWords(agent: string): string {
  return `AI agent ${agent}'s own time, not counted in your hours`;
}

/** Why a kept write offers no change: the engine refuses one until the back end has given it its number. */
export const KEPT_UNTIL_SENT = 'Kept while your time tracker was out of reach; it can be changed once it has been sent.';
