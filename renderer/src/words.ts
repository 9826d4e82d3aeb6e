// The window's words for the engine's kinds of things, one term per idea (renderer/README.md lists
// the terms): the kinds of leave, and why a day asks for less work than its weekday.
import type { LeaveTypeName } from '../../window-contract/leave.ts';
import type { DayReason } from '../../window-contract/status.ts';
import type { WorkingTimeFindingCode } from '../../mcp-server/contract/working-time.ts';

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

// --- Working time on the Team screen (issue 92): a person's findings counted by code, in the window's words; the
// engine's sentences are never shown.

/** What each finding code counts, one and several, in the order the engine lists codes. */
const WORKING_TIME_COUNTED: Record<WorkingTimeFindingCode, readonly [string, string]> = {
  wt_rest_short: ['rest too short', 'rests too short'],
  wt_day_over_max: ['day over the daily maximum', 'days over the daily maximum'],
  wt_break_short: ['day with too little break', 'days with too little break'],
  wt_stretch_over_max: ['stretch too long without a break', 'stretches too long without a break'],
  wt_sunday_or_holiday: ['Sunday or holiday worked', 'Sundays or holidays worked'],
  wt_week_over_max: ['week over the weekly maximum', 'weeks over the weekly maximum'],
  wt_weekly_rest_short: ['weekly rest too short', 'weekly rests too short'],
  wt_average_over: ['average over the limit', 'averages over the limit'],
};

/** "Working time: 2 days over the daily maximum, 1 rest too short"; "Working time: nothing found". */
export function workingTimeCountsWords(counts: Partial<Record<WorkingTimeFindingCode, number>>): string {
  const said = (Object.keys(WORKING_TIME_COUNTED) as WorkingTimeFindingCode[]).flatMap((code) => {
    const count = counts[code] ?? 0;
    const [one, several] = WORKING_TIME_COUNTED[code];
    return count > 0 ? [`${count} ${count === 1 ? one : several}`] : [];
  });
  return `Working time: ${said.length === 0 ? 'nothing found' : said.join(', ')}`;
}
