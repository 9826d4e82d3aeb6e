// Two connections for the fake (FakeBridgeOptions.trackers, issue 86): "acme", the default, holds
// every entry but Beta Corp's, which are "beta"'s; beta asks 2 h on each weekday and keeps no holidays.
// The answers are shaped as main shapes the engine's spanning answers (main/engine/status-view.ts,
// workday.ts): every entry labelled, the day's hours added up with each connection's target apart
// (`byTracker`), each connection's totals and its own report section. With `sharesWeek` neither keeps a week of its own:
// both share the fake's (acme's) plan, one target for their hours together (`together`), none of their own.
import type { ReportView, SharedReportView, TrackerReportView } from '../../window-contract/reports.ts';
import type { DayReason, DayTotal, EntryView, SharedDay, StatusView, TrackerDay } from '../../window-contract/status.ts';
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
  /** acme and beta share the settings' week (the fake's plan): one target for both, none of their own. */
  sharesWeek: boolean;
}

const BOTH = FAKE_TRACKERS.map((one) => one.name);

/** A day's plan in a connection: acme's is the fake's, beta asks 2 h on weekdays and keeps no holidays. */
function planIn(world: TrackerWorld, tracker: string, date: string): Plan {
  // Sharing the week, neither has a target of its own: its day says only why it asks less (a holiday).
  if (world.sharesWeek) return { ...world.plan(date), targetMinutes: 0 };
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

/** The day of the week both share: their time together and the week's target. */
function togetherOn(world: TrackerWorld, date: string, parts: readonly TrackerDay[]): { together?: SharedDay[] } {
  if (!world.sharesWeek) return {};
  return { together: [{ trackers: BOTH, minutes: parts.reduce((sum, part) => sum + part.minutes, 0), targetMinutes: world.plan(date).targetMinutes }] };
}

/** A day of several connections: the hours added up, the targets each connection's (the day's own 0). */
function spanningDay(world: TrackerWorld, day: DayTotal): DayTotal {
  const parts = byTracker(world, day.date);
  return {
    date: day.date,
    minutes: parts.reduce((sum, part) => sum + part.minutes, 0),
    targetMinutes: 0,
    holiday: null,
    leave: null,
    byTracker: parts,
    ...togetherOn(world, day.date, parts),
  };
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
      ...(world.sharesWeek ? { together: [{ trackers: BOTH, targetMinutes: world.plan(day.date).targetMinutes }] } : {}),
    })),
  };
}

export function spanningReport(world: TrackerWorld, report: ReportView): ReportView {
  const spanning = report.days.map((day) => spanningDay(world, day));
  const sections: TrackerReportView[] = FAKE_TRACKERS.map((one) => {
    const days = spanning.map((day) => {
      const part = day.byTracker?.find((each) => each.tracker === one.name) as TrackerDay;
      return {
        date: day.date,
        minutes: part.minutes,
        targetMinutes: part.targetMinutes,
        holiday: part.holiday,
        leave: part.leave,
        ...(day.together ? { together: day.together } : {}),
      };
    });
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
      backEndBalance: one.name === 'beta' && !world.sharesWeek ? { minutes: 95, covers: "beta's time account for 2026" } : null,
      ...(world.sharesWeek ? { sharesWeekWith: BOTH.filter((name) => name !== one.name) } : {}),
    };
  });
  const together = (): SharedReportView[] => {
    const totalMinutes = sections.reduce((sum, section) => sum + section.totalMinutes, 0);
    const targetOf = (days: readonly DayTotal[]) => days.reduce((sum, day) => sum + (day.together?.[0]?.targetMinutes ?? 0), 0);
    const targetSoFarMinutes = targetOf(spanning.filter((day) => day.date <= report.today));
    return [{ trackers: BOTH, totalMinutes, targetMinutes: targetOf(spanning), targetSoFarMinutes, overtimeMinutes: totalMinutes - targetSoFarMinutes }];
  };
  return {
    ...report,
    days: spanning,
    projects: sections.flatMap((section) => section.projects.map((project) => ({ ...project, tracker: section.name }))).sort((a, b) => b.minutes - a.minutes),
    totalMinutes: sections.reduce((sum, section) => sum + section.totalMinutes, 0),
    targetMinutes: 0,
    targetSoFarMinutes: 0,
    overtimeMinutes: 0,
    backEndBalance: null,
    trackers: sections,
    ...(world.sharesWeek ? { together: together() } : {}),
  };
}
