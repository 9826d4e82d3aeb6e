// The status the tray and the window show, put together from the engine's answers. Pure: the
// tool calls happen in timesheet.ts; here only the shaping (which days make the week, where the
// running entry goes, which projects count as recent).
import { addDays, startOfIsoWeek } from '../../mcp-server/for-the-app.ts';
import type { DayTotal, EntryView, KeptWriteView, StatusView } from '../../window-contract/status.ts';
import { adminSectionsOffered } from '../../window-contract/admin-sections.ts';

export const RECENT_PROJECTS = 8;

/** Monday to Sunday of the week `today` is in (days are YYYY-MM-DD in the person's zone). */
export function weekDates(today: string): string[] {
  const monday = startOfIsoWeek(today);
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

/**
 * The week, Monday first, each day with its worked time and its own target — the days still ahead
 * too, which show what is planned. The engine reports every day of the week; a day missing means
 * the answer was not the week of `today`.
 */
export function weekTotals(today: string, reported: ReadonlyMap<string, Omit<DayTotal, 'date'>>): DayTotal[] {
  return weekDates(today).map((date) => {
    const day = reported.get(date);
    if (!day) throw new Error(`No report for ${date}, a day of the week of ${today}.`);
    return { date, ...day };
  });
}

/**
 * Today's entries, oldest first, the running one included: the engine lists entries by their start,
 * so a timer started before midnight is not among today's and is added here.
 */
export function withRunning(entries: readonly EntryView[], running: EntryView | null): EntryView[] {
  if (!running) return [...entries];
  const others = entries.filter((entry) => entry.id !== running.id);
  return [...others, running].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id - b.id);
}

/**
 * Distinct project names, most recently started first. `entries` are oldest first (as the engine
 * lists them); the running entry is the most recent of all, even when it started outside the range.
 */
export function recentProjects(entries: readonly EntryView[], running: EntryView | null, max = RECENT_PROJECTS): string[] {
  const names: string[] = [];
  for (const entry of [...entries, ...(running ? [running] : [])].reverse()) {
    if (names.length === max) break;
    if (entry.project !== null && !names.includes(entry.project)) names.push(entry.project);
  }
  return names;
}

/**
 * Distinct project and activity pairs, most recently started first (entries without a project left
 * out): a back end such as Kimai needs both to start a timer, so switching offers the pair. Each
 * carries the note of its latest entry, so continuing it picks up where that entry left off.
 */
export function recentWork(entries: readonly EntryView[], running: EntryView | null, max = RECENT_PROJECTS): StatusView['recentWork'] {
  const pairs: StatusView['recentWork'] = [];
  for (const entry of [...entries, ...(running ? [running] : [])].reverse()) {
    if (pairs.length === max) break;
    if (entry.project === null) continue;
    if (!pairs.some((pair) => pair.project === entry.project && pair.activity === entry.activity)) {
      pairs.push({ project: entry.project, activity: entry.activity, description: entry.description });
    }
  }
  return pairs;
}

export interface StatusParts {
  today: string;
  running: EntryView | null;
  todayMinutes: number;
  weekMinutes: number;
  todayEntries: readonly EntryView[];
  days: ReadonlyMap<string, Omit<DayTotal, 'date'>>;
  recentEntries: readonly EntryView[];
  /** The tools the engine offers (the back end's capabilities). */
  supported: ReadonlySet<string>;
  asOf: number;
  keptWrites: KeptWriteView[];
  sequence: number;
}

/** Breaks are offered only where the engine has both of their tools (back ends with breaks). */
export function breaksSupported(supported: ReadonlySet<string>): boolean {
  return supported.has('start_break') && supported.has('end_break');
}

export function buildStatusView(parts: StatusParts): StatusView {
  return {
    running: parts.running,
    today: parts.today,
    todayMinutes: parts.todayMinutes,
    weekMinutes: parts.weekMinutes,
    todayEntries: withRunning(parts.todayEntries, parts.running),
    week: weekTotals(parts.today, parts.days),
    recentProjects: recentProjects(parts.recentEntries, parts.running),
    recentWork: recentWork(parts.recentEntries, parts.running),
    breaksSupported: breaksSupported(parts.supported),
    asOf: parts.asOf,
    keptWrites: parts.keptWrites,
    teamAvailable: parts.supported.has('team_report') || parts.supported.has('list_pending_leave'),
    adminSections: adminSectionsOffered(parts.supported),
    decidesTimesheets: parts.supported.has('list_timesheet_approvals') && parts.supported.has('decide_timesheet'),
    sequence: parts.sequence,
  };
}
