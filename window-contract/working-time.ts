// The window's contract for working time (docs/working-time.md): the rule set and the tray's warnings
// in Preferences, and a range of days as the `working_time` tool answers it, for Reports' month
// sheet and the Status screen's today. The findings travel as codes with their facts; the window
// words them (renderer/src/working-time-words.ts), never the engine's sentences.
import * as z from 'zod/v4';
import type { WorkingTimeBalance, WorkingTimeDay, WorkingTimeFinding, WorkingTimeRules, WorkingTimeTotals } from '../mcp-server/contract/working-time.ts';
import { WORKING_TIME_RULES } from '../mcp-server/contract/working-time.ts';
import { day, none } from './request-parts.ts';

export type { WorkingTimeDay, WorkingTimeFinding, WorkingTimeRules };

export interface WorkingTimeSettingsView {
  /** The person's own choice, as config.json holds it. */
  rules: WorkingTimeRules;
  /** The tray's warnings before a limit (read by the tray; never with the rules off). */
  notify: boolean;
  /** The organisation's policy's `workingTime.rules`, which wins over the person's; null where it sets none. */
  organisation: WorkingTimeRules | null;
  /** The set of the holidays' country (DE → de, AT → at, another EU country → eu), offered, never switched on. */
  suggested: WorkingTimeRules;
  /** The holidays' country the suggestion comes from ("DE"), or null. */
  country: string | null;
}

export const WorkingTimeSettingsInput = z
  .object({ rules: z.enum(WORKING_TIME_RULES), notify: z.boolean() })
  .partial()
  .strict()
  .refine((change) => change.rules !== undefined || change.notify !== undefined, 'rules or notify');

/** A range of days as the law counts them, with what the rules in force found (validated in main). */
export interface WorkingTimeView {
  /** The rules in force (the organisation's where its policy sets them); `off`: days and totals only. */
  rules: WorkingTimeRules;
  from: string;
  to: string;
  days: WorkingTimeDay[];
  findings: WorkingTimeFinding[];
  totals: WorkingTimeTotals;
  /** The default connection's balance up to yesterday, with the back end's own figure where it keeps one. */
  balance: WorkingTimeBalance & { back_end_minutes?: number };
  /** With several connections: each one's balance, never added across employers. */
  balances?: Array<WorkingTimeBalance & { tracker: string; trackers?: string[]; back_end_minutes?: number }>;
}

/** The longest range the window asks for: a month. */
export const MAX_WORKING_TIME_DAYS = 31;

export const workingTimeChannels = {
  getWorkingTimeSettings: { request: none, response: {} as WorkingTimeSettingsView },
  /** Writes config.json's `workingTime.rules` and `notify`; the rules are refused while the organisation sets them. */
  saveWorkingTimeSettings: { request: WorkingTimeSettingsInput, response: {} as WorkingTimeSettingsView },
  /** A range of at most a month (Reports' month, the Status screen's today). */
  getWorkingTime: { request: z.object({ from: day, to: day }).strict(), response: {} as WorkingTimeView },
  /** The month's sheet as CSV through the system's save dialog; null path: cancelled. */
  exportWorkingTimeCsv: { request: z.object({ from: day, to: day }).strict(), response: {} as { path: string | null; days: number } },
} as const;
