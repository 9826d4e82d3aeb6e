// Two connections for the fake (FakeBridgeOptions.trackers, issue 86): "acme", the default, holds
// every entry but Beta Corp's, which are "beta"'s; beta asks 2 h on each weekday and keeps no holidays.
// The answers are shaped as main shapes the engine's spanning answers (main/engine/status-view.ts,
// workday.ts): every entry labelled, the day's hours added up with each connection's target apart
// (`byTracker`), each connection's totals and its own report section.
import type { ReportView, TrackerReportView } from '../../window-contract/reports.ts';
import type { DayReason, DayTotal, EntryView, StatusView, TrackerDay } from '../../window-contract/status.ts';
import type { TimesheetView } from '../../window-contract/timesheet.ts';
import type { TrackerTag } from '../../window-contract/tracker-tags.ts';

export const FAKE_TRACKERS: TrackerTag[] = [
  { name: 'acme', isDefault: true },
  { name: 'beta', isDefault: false },
];

/** Which connection the fake's starting entries are in. */
export function fakeTrackerOf(project: string | null): string {
  return project === 'Beta Corp' ? 'beta' : 'acme';
}

type Plan = DayReason & { targetMinutes: number };

export interface TrackerWorld {
  /** Every entry as the engine lists it (with `tracker`), agents' own time included. */
  entries(): EntryView[];
  dateOf(iso: string): string;
  /** acme's plan of a day (the fake's own). */
  plan(date: string): Plan;
}

/** A day's plan in a connection: acme's is the fake's, beta asks 2 h on weekdays and keeps no holidays. */
function planIn(world: TrackerWorld, tracker: string, date: string): Plan {
  if (tracker === 'acme') return world.plan(date);
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return { targetMinutes: weekday === 0 || weekday === 6 ? 0 : 120, holiday: null, leave: null };
}

function minutesIn(world: TrackerWorld, tracker: string, date: string): number {
  return world
    .entries()
    .filter((entry) => entry.tracker === tracker && !entry.agent && world.dateOf(entry.start) === date)
    .reduce((sum, entry) => sum + entry.minutes, 0);
}

function byTracker(world: TrackerWorld, date: string): TrackerDay[] {
  return FAKE_TRACKERS.map((one) => ({ tracker: one.name, minutes: minutesIn(world, one.name, date), ...planIn(world, one.name, date) }));
}

/** A day of several connections: the hours added up, the targets each connection's (the day's own 0). */
function spanningDay(world: TrackerWorld, day: DayTotal): DayTotal {
  const parts = byTracker(world, day.date);
  return { date: day.date, minutes: parts.reduce((sum, part) => sum + part.minutes, 0), targetMinutes: 0, holiday: null, leave: null, byTracker: parts };
}

export function spanningStatus(world: TrackerWorld, status: StatusView, timerMode: StatusView['timerMode'] = 'one_overall'): StatusView {
  const week = status.week.map((day) => spanningDay(world, day));
  const recentWork: StatusView['recentWork'] = [];
  for (const entry of [...world.entries()].reverse()) {
    if (!entry.project || recentWork.some((work) => work.project === entry.project && work.activity === entry.activity && work.tracker === entry.tracker))
      continue;
    recentWork.push({ project: entry.project, activity: entry.activity, description: entry.description, ...(entry.tracker ? { tracker: entry.tracker } : {}) });
  }
  return {
    ...status,
    // Every running timer, oldest started first (one at most unless one runs per connection).
    timers: world.entries().filter((entry) => entry.end === null),
    timerMode,
    trackers: FAKE_TRACKERS.map((one) => ({
      ...one,
      todayMinutes: minutesIn(world, one.name, status.today),
      weekMinutes: week.reduce((sum, day) => sum + (day.byTracker?.find((part) => part.tracker === one.name)?.minutes ?? 0), 0),
    })),
    week,
    recentWork: recentWork.slice(0, 8),
  };
}

export function spanningWeek(world: TrackerWorld, view: TimesheetView): TimesheetView {
  return {
    ...view,
    trackers: FAKE_TRACKERS,
    days: view.days.map((day) => ({
      date: day.date,
      targetMinutes: 0,
      holiday: null,
      leave: null,
      byTracker: FAKE_TRACKERS.map((one) => ({ tracker: one.name, ...planIn(world, one.name, day.date) })),
    })),
  };
}

export function spanningReport(world: TrackerWorld, report: ReportView): ReportView {
  const sections: TrackerReportView[] = FAKE_TRACKERS.map((one) => {
    const days = report.days.map((day) => ({ date: day.date, minutes: minutesIn(world, one.name, day.date), ...planIn(world, one.name, day.date) }));
    const totalMinutes = days.reduce((sum, day) => sum + day.minutes, 0);
    const targetSoFarMinutes = days.filter((day) => day.date <= report.today).reduce((sum, day) => sum + day.targetMinutes, 0);
    const projects = new Map<string, number>();
    for (const entry of world.entries()) {
      const date = world.dateOf(entry.start);
      if (entry.tracker !== one.name || entry.agent || date < report.from || date > report.to) continue;
      const name = entry.project ?? 'No project';
      projects.set(name, (projects.get(name) ?? 0) + entry.minutes);
    }
    return {
      ...one,
      days,
      projects: [...projects].map(([name, minutes]) => ({ name, minutes })).sort((a, b) => b.minutes - a.minutes),
      totalMinutes,
      targetMinutes: days.reduce((sum, day) => sum + day.targetMinutes, 0),
      targetSoFarMinutes,
      overtimeMinutes: totalMinutes - targetSoFarMinutes,
      // beta keeps a time account of its own, as Clockodo does: its section says so, acme's does not.
      backEndBalance: one.name === 'beta' ? { minutes: 95, covers: "beta's time account for 2026" } : null,
    };
  });
  return {
    ...report,
    days: report.days.map((day) => spanningDay(world, day)),
    projects: sections.flatMap((section) => section.projects.map((project) => ({ ...project, tracker: section.name }))).sort((a, b) => b.minutes - a.minutes),
    totalMinutes: sections.reduce((sum, section) => sum + section.totalMinutes, 0),
    targetMinutes: 0,
    targetSoFarMinutes: 0,
    overtimeMinutes: 0,
    backEndBalance: null,
    trackers: sections,
  };
}
