// The window's contract for Reports: time over a range of days, by day and by project, against the
// person's target, with the back end's own account of overtime where it keeps one.
import * as z from 'zod/v4';
import { day } from './request-parts.ts';
import type { DayTotal } from './status.ts';
import type { TrackerTag } from './tracker-tags.ts';

/** What one connection's report says (several trackers): its own hours, targets and balance. */
export interface TrackerReportView extends TrackerTag {
  days: DayTotal[];
  projects: Array<{ name: string; minutes: number }>;
  totalMinutes: number;
  targetMinutes: number;
  targetSoFarMinutes: number;
  overtimeMinutes: number;
  backEndBalance: { minutes: number; covers: string } | null;
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
}

export const reportsChannels = {
  getReport: { request: z.object({ from: day, to: day }).strict(), response: {} as ReportView },
} as const;
