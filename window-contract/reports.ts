// The window's contract for Reports: time over a range of days, by day and by project, against the
// person's target, with the back end's own account of overtime where it keeps one.
import * as z from 'zod/v4';
import { day } from './request-parts.ts';
import type { DayTotal } from './status.ts';

export interface ReportView {
  from: string;
  to: string;
  today: string;
  days: DayTotal[];
  /** Time per project, most first; "No project" for time without one. */
  projects: Array<{ name: string; minutes: number }>;
  totalMinutes: number;
  targetMinutes: number;
  /** The target of the days up to today: what overtime is counted against. */
  targetSoFarMinutes: number;
  /** Worked minus the target so far; negative is undertime. */
  overtimeMinutes: number;
  /** The back end's own account of overtime where it keeps one (Clockodo, Calamari), with what it covers. */
  backEndBalance: { minutes: number; covers: string } | null;
}

export const reportsChannels = {
  getReport: { request: z.object({ from: day, to: day }).strict(), response: {} as ReportView },
} as const;
