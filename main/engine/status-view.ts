// The status the tray and the window show, put together from the engine's answers. Pure: the
// tool calls happen in timesheet.ts; here only the shaping (which days make the week, where the
// running entry goes, which projects count as recent).
import { addDays, startOfIsoWeek } from '../../mcp-server/for-the-app.ts';
import type { Connection } from '../../mcp-server/contract/connections.ts';
import type { DayReason, DayTotal, EntryView, KeptWriteView, SharedDay, StatusView, TrackerDay, TrackerStatusView } from '../../window-contract/status.ts';
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
export function withRunning(entries: readonly EntryView[], running: EntryView | readonly EntryView[] | null): EntryView[] {
  // With several connections every running timer (`timers`); two connections may give out the same id, so an entry is its id in its connection.
  const timers: readonly EntryView[] = running === null ? [] : 'id' in running ? [running] : running;
  if (timers.length === 0) return [...entries];
  const others = entries.filter((entry) => !timers.some((timer) => timer.id === entry.id && timer.tracker === entry.tracker));
  return [...others, ...timers].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id - b.id);
}

/** A day group of time_report with its plan read (workday.ts, plannedOf); `tracker` with several connections. */
export type DayGroup = DayReason & { key: string; minutes: number; targetMinutes: number; tracker?: string | undefined };

/**
 * The days of time_report's day groups. With one connection each day is one group, as it always was;
 * with several each connection has its own group for a day (time_report labels each with `tracker`):
 * the day's minutes add up, its targets stay each connection's own (`byTracker`) and are never added
 * up, so the day's own target is 0 and it names no holiday or leave of its own. Connections that share the
 * settings' week have one target between them (`shared`, time_report's `target_groups`): the day's `together`.
 */
export function dayTotalsOf(groups: readonly DayGroup[], shared: SharedWeekGroups = []): Map<string, Omit<DayTotal, 'date'>> {
  const days = new Map<string, Omit<DayTotal, 'date'>>();
  for (const group of groups) {
    const { key, tracker, minutes, targetMinutes, holiday, leave } = group;
    if (tracker === undefined) {
      days.set(key, { minutes, targetMinutes, holiday, leave });
      continue;
    }
    const part: TrackerDay = { tracker, minutes, targetMinutes, holiday, leave };
    const day = days.get(key);
    if (day?.byTracker) days.set(key, { ...day, minutes: day.minutes + minutes, byTracker: [...day.byTracker, part] });
    else days.set(key, { minutes, targetMinutes: 0, holiday: null, leave: null, byTracker: [part] });
  }
  // Connections that share the settings' week: their day together against its one target (their parts have none).
  for (const group of shared) {
    for (const row of group.groups ?? []) {
      const day = days.get(row.key);
      if (!day) continue;
      const together: SharedDay = { trackers: group.trackers, minutes: row.minutes, targetMinutes: row.target_minutes };
      days.set(row.key, { ...day, together: [...(day.together ?? []), together] });
    }
  }
  return days;
}

/** time_report's `target_groups`: connections that share the settings' week, with their day rows where it reports by day. */
export type SharedWeekGroups = ReadonlyArray<{
  trackers: string[];
  groups?: ReadonlyArray<{ key: string; minutes: number; target_minutes: number }> | undefined;
}>;

/**
 * Each connection's totals in the settings' order, the default first, or undefined with one connection.
 * A connection timer_status has no minutes for (it did not answer: the engine's tracker_missing) shows 0;
 * one the answer names that the settings do not (they changed meanwhile) comes last.
 */
export function trackerTotals(
  connections: readonly Pick<Connection, 'name' | 'isDefault'>[],
  byTracker: ReadonlyArray<{ tracker: string; today_minutes: number; week_minutes: number }> | undefined,
): TrackerStatusView[] | undefined {
  if (!byTracker) return undefined;
  const named = connections.map((one) => ({ name: one.name, isDefault: one.isDefault }));
  const extra = byTracker.filter((part) => !named.some((one) => one.name === part.tracker)).map((part) => ({ name: part.tracker, isDefault: false }));
  const all = [...named, ...extra];
  if (all.length < 2) return undefined;
  // Without the settings' list, the engine's order (the settings' too) says which is first, and so the default.
  const noDefault = !all.some((one) => one.isDefault);
  return all.map((one, index) => {
    const part = byTracker.find((item) => item.tracker === one.name);
    return { ...one, isDefault: one.isDefault || (noDefault && index === 0), todayMinutes: part?.today_minutes ?? 0, weekMinutes: part?.week_minutes ?? 0 };
  });
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
    // With several connections the same project in two of them is two pieces of work, each clocked in on its own.
    if (!pairs.some((pair) => pair.project === entry.project && pair.activity === entry.activity && pair.tracker === entry.tracker)) {
      pairs.push({ project: entry.project, activity: entry.activity, description: entry.description, ...(entry.tracker ? { tracker: entry.tracker } : {}) });
    }
  }
  return pairs;
}

export interface StatusParts {
  today: string;
  running: EntryView | null;
  /** With several connections: every running timer and each connection's totals (absent with one). */
  timers?: readonly EntryView[];
  trackers?: TrackerStatusView[];
  timerMode?: StatusView['timerMode'];
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
    ...(parts.trackers
      ? {
          timers: [...(parts.timers ?? [])].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
          trackers: parts.trackers,
          timerMode: parts.timerMode ?? 'one_overall',
        }
      : {}),
    today: parts.today,
    todayMinutes: parts.todayMinutes,
    weekMinutes: parts.weekMinutes,
    todayEntries: withRunning(parts.todayEntries, parts.timers && parts.timers.length > 0 ? parts.timers : parts.running),
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
