// Several trackers at once (issue 86): the window labels every row with its connection and lets the
// person look at all of them or one. Everything here stays out of sight with one connection (nothing
// then carries `tracker`), so the screens look and work as they always did. The projections are pure:
// one connection's part of a status, a week or a report, with that connection's own targets.
import { useId, useState } from 'react';
import type { ReportView } from '../../window-contract/reports.ts';
import type { DayTotal, EntryView, StatusView } from '../../window-contract/status.ts';
import type { TimesheetView } from '../../window-contract/timesheet.ts';
import type { TrackerTag } from '../../window-contract/tracker-tags.ts';

/** Which connection a screen shows: null for all of them. */
export type TrackerChoice = string | null;

/** An entry in its connection: two connections may give out the same id. */
export function entryKey(entry: Pick<EntryView, 'id' | 'tracker'>): string {
  return entry.tracker ? `${entry.tracker}#${entry.id}` : String(entry.id);
}

export function sameEntry(a: Pick<EntryView, 'id' | 'tracker'>, b: Pick<EntryView, 'id' | 'tracker'>): boolean {
  return a.id === b.id && a.tracker === b.tracker;
}

/** A day no connection asks anything of (with one connection: a day without a target), nor the week some share. */
export function isOffDay(day: {
  targetMinutes: number;
  byTracker?: ReadonlyArray<{ targetMinutes: number }> | undefined;
  together?: ReadonlyArray<{ targetMinutes: number }> | undefined;
}): boolean {
  const own = day.byTracker ? day.byTracker.every((part) => part.targetMinutes === 0) : day.targetMinutes === 0;
  return own && (day.together ?? []).every((group) => group.targetMinutes === 0);
}

/** The settings' week shared by the connections that have none of their own, as far as it concerns `tracker`. */
function togetherOf<Group extends { trackers: string[] }>(together: readonly Group[] | undefined, tracker: string): { together?: Group[] } {
  const mine = (together ?? []).filter((group) => group.trackers.includes(tracker));
  return mine.length > 0 ? { together: mine } : {};
}

/** The default connection's name, where there are several: what a new entry is preset to. */
export function defaultTracker(trackers: readonly TrackerTag[] | undefined): string | undefined {
  return trackers?.find((one) => one.isDefault)?.name ?? trackers?.[0]?.name;
}

/** A day as one connection has it: its time and its own target, holiday and leave. */
function dayOf<Day extends { byTracker?: DayTotal['byTracker'] | undefined; together?: DayTotal['together'] | undefined; targetMinutes: number }>(
  day: Day,
  tracker: string,
): Day {
  const { byTracker, together, ...rest } = day;
  const part = byTracker?.find((one) => one.tracker === tracker);
  if (!byTracker) return day;
  return {
    ...rest,
    minutes: part?.minutes ?? 0,
    targetMinutes: part?.targetMinutes ?? 0,
    holiday: part?.holiday ?? null,
    leave: part?.leave ?? null,
    // Where it shares the settings' week, the week's one target stays beside its own time.
    ...togetherOf(together, tracker),
  } as unknown as Day;
}

/** The status as one connection has it (its timer, its entries, its totals and targets), or the whole status for all. */
export function statusFor(status: StatusView, tracker: TrackerChoice): StatusView {
  const part = tracker === null ? undefined : status.trackers?.find((one) => one.name === tracker);
  if (!part || tracker === null) return status;
  const timers = (status.timers ?? []).filter((timer) => timer.tracker === tracker);
  return {
    ...status,
    running: timers.at(-1) ?? null,
    timers,
    todayMinutes: part.todayMinutes,
    weekMinutes: part.weekMinutes,
    todayEntries: status.todayEntries.filter((entry) => entry.tracker === tracker),
    week: status.week.map((day) => dayOf(day, tracker)),
    recentWork: status.recentWork.filter((work) => work.tracker === tracker),
  };
}

/** The week as one connection has it: its entries and its own day targets. */
export function weekFor(view: TimesheetView, tracker: TrackerChoice): TimesheetView {
  if (tracker === null || !view.trackers) return view;
  return {
    ...view,
    days: view.days.map((day) => {
      const { byTracker, together, ...rest } = day;
      const part = byTracker?.find((one) => one.tracker === tracker);
      if (!byTracker) return day;
      return { ...rest, targetMinutes: part?.targetMinutes ?? 0, holiday: part?.holiday ?? null, leave: part?.leave ?? null, ...togetherOf(together, tracker) };
    }),
    entries: view.entries.filter((entry) => entry.tracker === tracker),
  };
}

/**
 * The report as one connection's own (its hours, targets, overtime and balance), or the whole for all. One that shares
 * the settings' week keeps the week's one target beside its own hours (`together`, `sharesWeekWith`).
 */
export function reportFor(report: ReportView, tracker: TrackerChoice): ReportView {
  const part = tracker === null ? undefined : report.trackers?.find((one) => one.name === tracker);
  if (!part || tracker === null) return report;
  const { name: _name, isDefault: _default, ...own } = part;
  const { trackers: _trackers, together, ...rest } = report;
  return { ...rest, ...own, ...togetherOf(together, tracker) };
}

/** A connection's name beside a row it labels (a timer, an entry, a project's hours). */
export function TrackerLabel({ name, spoken = 'in ' }: { name: string | undefined; spoken?: string }) {
  if (!name) return null;
  return (
    <span className="tracker-tag">
      {spoken && <span className="sr-only">{spoken}</span>}
      {name}
    </span>
  );
}

/**
 * All connections or one: a labelled select, usable by keyboard as every select is. Shown only with
 * several connections; `what` names what it filters ("Show the timesheet of").
 */
export function TrackerFilter({
  trackers,
  value,
  onChange,
  label = 'Connection',
}: {
  trackers: readonly TrackerTag[] | undefined;
  value: TrackerChoice;
  onChange(choice: TrackerChoice): void;
  label?: string;
}) {
  const id = useId();
  if (!trackers || trackers.length < 2) return null;
  return (
    <label className="tracker-filter" htmlFor={id}>
      <span>{label}</span>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.currentTarget.value || null)}>
        <option value="">All connections</option>
        {trackers.map((one) => (
          <option key={one.name} value={one.name}>
            {one.isDefault ? `${one.name} (default)` : one.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Which connection something new goes to (a new entry, a clock-in), asked with several connections:
 * preset to the one the screen shows, else the default, until the person chooses (the preset follows
 * the screen's Show filter until then).
 */
export function useTrackerChoice(isNew: boolean, trackers: readonly TrackerTag[] | undefined, preset: string | undefined, clear: () => void) {
  const [chosen, setChosen] = useState<string | null>(null);
  const asks = isNew && trackers !== undefined && trackers.length > 1;
  return {
    asks,
    into: chosen ?? preset ?? defaultTracker(trackers) ?? '',
    choose: (name: string) => {
      setChosen(name);
      clear();
    },
  };
}

/** Which connection something new goes to (issue 86): a labelled select, the default marked. */
export function TrackerSelect({
  id,
  trackers,
  value,
  onChange,
}: {
  id: string;
  trackers: readonly TrackerTag[] | undefined;
  value: string;
  onChange(name: string): void;
}) {
  return (
    <div className="field tracker">
      <label htmlFor={`${id}-tracker`}>Connection</label>
      <select id={`${id}-tracker`} data-field="tracker" value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {trackers?.map((one) => (
          <option key={one.name} value={one.name}>
            {one.isDefault ? `${one.name} (default)` : one.name}
          </option>
        ))}
      </select>
    </div>
  );
}
