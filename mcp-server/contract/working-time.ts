// Working time as the law counts it, as data every layer shares: the rule sets a person may choose,
// the codes of what the rules find with each finding's facts, and the days, totals and balance the
// rule engine (domain/working-time/) answers. Here, at the bottom, so the settings' schema, the tools'
// contracts and the words of contract/outcomes/ can name them without loading the domain; the rules'
// own parameters are the domain's (domain/working-time/rule-sets.ts). Plain types, no zod: the window
// may import them too. Instants are the person's local ISO times with offset, days 'YYYY-MM-DD'.
import type { LeaveType } from './vocabulary.ts';

/** `off` (the default) checks nothing; `eu` the Working Time Directive, `de` the ArbZG, `at` the AZG and ARG. */
export const WORKING_TIME_RULES = ['off', 'eu', 'de', 'at'] as const;
export type WorkingTimeRules = (typeof WORKING_TIME_RULES)[number];
export type RuleSetName = Exclude<WorkingTimeRules, 'off'>;

/** Every code a rule may find, in the order findings of one day are listed. */
export const WORKING_TIME_FINDING_CODES = [
  'wt_rest_short',
  'wt_day_over_max',
  'wt_break_short',
  'wt_stretch_over_max',
  'wt_sunday_or_holiday',
  'wt_week_over_max',
  'wt_weekly_rest_short',
  'wt_average_over',
] as const;
export type WorkingTimeFindingCode = (typeof WORKING_TIME_FINDING_CODES)[number];

// A type, not an interface: a finding travels as a notice's facts, which an interface's lack of an index signature would refuse.
type Dated = {
  /** The day the finding is dated on: the day's, the day a rest ends, a week's Monday, an average's last day. */
  date: string;
  /** The connections whose entries the finding counts, by name; only where the entries name their connections (several trackers). */
  trackers?: string[];
};

export type WorkingTimeFinding =
  | (Dated & { code: 'wt_day_over_max'; worked_minutes: number; max_minutes: number })
  /** `from` and `to` are the week's Monday and Sunday; dated on the Monday. */
  | (Dated & { code: 'wt_week_over_max'; from: string; to: string; worked_minutes: number; max_minutes: number })
  /** The reference period `from` to `to`, ending with the day checked. */
  | (Dated & { code: 'wt_average_over'; average_minutes: number; limit_minutes: number; from: string; to: string; per: 'working_day' | 'week' })
  | (Dated & { code: 'wt_break_short'; worked_minutes: number; break_minutes: number; required_minutes: number })
  /** `minutes` run from `start` to `end`, the short gaps inside included. */
  | (Dated & { code: 'wt_stretch_over_max'; start: string; end: string; minutes: number })
  /** `end` is the last work before the rest, `next_start` the work that cut it short; dated on the day it ends. */
  | (Dated & { code: 'wt_rest_short'; end: string; next_start: string; rest_minutes: number; required_minutes: number })
  | (Dated & { code: 'wt_weekly_rest_short'; from: string; to: string; longest_rest_minutes: number; required_minutes: number })
  /** `holiday` names the public holiday; absent on a Sunday that is none. */
  | (Dated & { code: 'wt_sunday_or_holiday'; worked_minutes: number; holiday?: string });

/** One day of the range: its work as the rules count it (spans counted whole to the day they began), and its target. */
export interface WorkingTimeDay {
  date: string;
  /** The day's first span's start and last span's end; null on a day without timed work. */
  start: string | null;
  end: string | null;
  worked_minutes: number;
  break_minutes: number;
  /** From the end of the work before to this day's first span; null where no work before it was read or the day has none. */
  rest_before_minutes: number | null;
  target_minutes: number;
  holiday?: string;
  leave?: LeaveType;
  /** The codes of the findings dated on this day. */
  findings: WorkingTimeFindingCode[];
}

export interface WorkingTimeTotals {
  worked_minutes: number;
  target_minutes: number;
  /** Worked less the target of the days up to today (days ahead owe nothing yet), as time_report's. */
  overtime_minutes: number;
  /** Minutes on Sundays and public holidays, counted on the calendar day they fall on. */
  sunday_holiday_minutes: number;
  /** Minutes between 23:00 and 06:00. */
  night_minutes: number;
}

/**
 * Why a balance starts on its `since`: the settings' `balance.since`; the first day of the year, work being recorded
 * from it (or the day before); the first day of the year with work recorded, later than the first; or no work recorded
 * this year yet (`since` is today, nothing counted).
 */
export const BALANCE_SINCE_REASONS = ['setting', 'year_start', 'first_work', 'no_work'] as const;
export type BalanceSinceReason = (typeof BALANCE_SINCE_REASONS)[number];

export interface WorkingTimeBalance {
  since: string;
  since_reason: BalanceSinceReason;
  opening_minutes: number;
  minutes: number;
}
