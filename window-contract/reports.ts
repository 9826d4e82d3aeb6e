// The window's contract for Reports: time over a range of days, by day and by project, against the
// person's target, with the back end's own account of overtime where it keeps one.
import * as z from 'zod/v4';
import { day } from './request-parts.ts';
import type { DayTotal } from './status.ts';
import type { TrackerTag } from './tracker-tags.ts';

/**
 * What one connection's report says (several trackers): its own hours, targets and balance. One that shares the
 * settings' week names the others it shares it with (`sharesWeekWith`), and its own targets are then 0: theirs is one,
 * in the report's `together`.
 */
export interface TrackerReportView extends TrackerTag {
  days: DayTotal[];
  projects: Array<{ name: string; minutes: number }>;
  totalMinutes: number;
  targetMinutes: number;
  targetSoFarMinutes: number;
  overtimeMinutes: number;
  backEndBalance: { minutes: number; covers: string } | null;
  sharesWeekWith?: string[];
}

/** Connections that share the settings' week (several trackers): their hours together against the one target they share. */
export interface SharedReportView {
  /** Their names, in the settings' order. */
  trackers: string[];
  totalMinutes: number;
  targetMinutes: number;
  targetSoFarMinutes: number;
  overtimeMinutes: number;
}

export interface ReportView {
  from: string;
  to: string;
  today: string;
  days: DayTotal[];
  /** Time per project, most first; "No project" for time without one. With several connections each row names its `tracker`. */
  projects: Array<{ name: string; minutes: number; tracker?: string }>;
  /** Summed over the connections where there are several. */
  totalMinutes: number;
  /** The targets, overtime and balance below are one back end's: with several connections they are 0 and null, and each is in `trackers`. */
  targetMinutes: number;
  /** The target of the days up to today: what overtime is counted against. */
  targetSoFarMinutes: number;
  /** Worked minus the target so far; negative is undertime. */
  overtimeMinutes: number;
  /** The back end's own account of overtime where it keeps one (Clockodo, Calamari), with what it covers. */
  backEndBalance: { minutes: number; covers: string } | null;
  /** With two or more connections: each connection's own report, in the settings' order (the default first). Absent with one. */
  trackers?: TrackerReportView[];
  /** Those of `trackers` that share the settings' week, listed once with their one target; absent where fewer than two share it. */
  together?: SharedReportView[];
  /** One connection's report (shown alone) where it shares the settings' week: the others it shares it with. */
  sharesWeekWith?: string[];
}

export const reportsChannels = {
  getReport: { request: z.object({ from: day, to: day }).strict(), response: {} as ReportView },
} as const;
