// A week of entries, day by day: each day's time against its target, the gaps between entries, and
// every entry changed, added or deleted in place through the engine. What the back end does not let
// the person change (a locked entry, a back end without edits) says so and offers nothing. Another
// week is one call; the weeks seen stay at hand. The strip of days is WeekStrip.tsx, a day
// TimesheetDay.tsx, an entry EntryRow.tsx, the week's approval WeekApproval.tsx.
import { useCallback, useEffect, useId, useState } from 'react';
import type { EntryView } from '../../../window-contract/status.ts';
import type { TimesheetView } from '../../../window-contract/timesheet.ts';
import { lockOf } from '../approvals.ts';
import { Button, ErrorText, LoadError, Loading, ScreenHeader, StatusText } from '../components.tsx';
import { addDaysTo, dateOf, mondayOf, rangeLabel } from '../format.ts';
import { useDurations, useNow, useReadyMark } from '../hooks.ts';
import { stores, today, useKeyed } from '../store.ts';
import { dayReason } from '../words.ts';
import { DraftsCard } from './Drafts.tsx';
import { DaySection, type Editing } from './TimesheetDay.tsx';
import { WeekApproval } from './WeekApproval.tsx';
import { WeekStrip } from './WeekStrip.tsx';
import { sameEntry, TrackerFilter, weekFor, type TrackerChoice } from '../trackers.tsx';
import { namesTogether } from '../../../mcp-server/contract/connections.ts';

export function TimesheetScreen() {
  const [monday, setMonday] = useState(() => mondayOf(today()));
  const { data, error } = useKeyed(stores.timesheet, monday);
  const [editing, setEditing] = useState<Editing>(null);
  const [said, setSaid] = useState<string | null>(null);
  // With several connections: all of them (each row labelled) or one, with its own day targets.
  const [shown, setShown] = useState<TrackerChoice>(null);
  const id = useId();
  useReadyMark('timesheet', data !== undefined);

  useEffect(() => {
    void stores.timesheet.of(monday).ensure();
  }, [monday]);

  const go = (date: string) => {
    setEditing(null);
    setMonday(mondayOf(date));
  };

  /** Puts the engine's answer into the week shown (and takes out an entry that moved to another week). */
  const apply = useCallback(
    (entry: EntryView, removed = false) => {
      const view = stores.timesheet.get(monday).data;
      if (!view) return;
      const others = view.entries.filter((existing) => !sameEntry(existing, entry));
      const inWeek = !removed && dateOf(entry.start) >= view.from && dateOf(entry.start) <= view.to;
      const entries = inWeek ? [...others, entry].sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id) : others;
      stores.timesheet.of(monday).set({ ...view, entries });
    },
    [monday],
  );

  const thisWeek = mondayOf(today());
  return (
    <>
      <ScreenHeader title="Timesheet" />
      <div className="toolbar" role="toolbar" aria-label="Week">
        <Button onClick={() => go(addDaysTo(monday, -7))} aria-label="Previous week">
          ‹ Previous
        </Button>
        <Button onClick={() => go(today())} aria-current={monday === thisWeek ? 'date' : undefined}>
          This week
        </Button>
        <Button onClick={() => go(addDaysTo(monday, 7))} aria-label="Next week">
          Next ›
        </Button>
        <h2 className="period" id={`${id}-period`} aria-live="polite">
          {rangeLabel(monday, addDaysTo(monday, 6))}
        </h2>
        <label className="go-to">
          <span>Go to</span>
          <input type="date" value={monday} onChange={(event) => event.currentTarget.value && go(event.currentTarget.value)} />
        </label>
        {data?.trackers && (
          <TrackerFilter
            trackers={data.trackers}
            value={shown}
            onChange={(choice) => {
              setEditing(null);
              setShown(choice);
            }}
            label="Show"
          />
        )}
      </div>
      {/* The drafts of a day from the person's evidence: nothing at all until a source is on. */}
      <DraftsCard key={monday} monday={monday} initialDay={monday === thisWeek ? today() : monday} onBooked={() => void stores.timesheet.of(monday).load()} />
      {error && !data && <LoadError message={error} onRetry={() => void stores.timesheet.of(monday).load()} />}
      {error && data && <ErrorText message={`Could not refresh: ${error}`} />}
      {data ? (
        <Week view={weekFor(data, shown)} shown={shown} editing={editing} setEditing={setEditing} apply={apply} say={setSaid} />
      ) : (
        !error && <Loading what="Loading the week" className="timesheet-placeholder" />
      )}
      <StatusText message={said} className="sr-only" />
    </>
  );
}

interface WeekProps {
  view: TimesheetView;
  /** The connection shown (several trackers): a new entry is preset to it; null for all. */
  shown: TrackerChoice;
  editing: Editing;
  setEditing(editing: Editing): void;
  apply(entry: EntryView, removed?: boolean): void;
  say(message: string): void;
}

function Week({ view, shown, editing, setEditing, apply, say }: WeekProps) {
  const running = view.entries.find((entry) => entry.end === null);
  const now = useNow(60_000, running !== undefined);
  // What the running entry added since the engine answered.
  const added = running ? Math.max(0, Math.floor((Math.max(now, view.asOf) - view.asOf) / 60_000)) : 0;
  const byDay = new Map<string, EntryView[]>();
  for (const entry of view.entries) byDay.set(dateOf(entry.start), [...(byDay.get(dateOf(entry.start)) ?? []), entry]);
  // An AI agent's own time (record_agent_time) is listed but not the person's hours.
  const minutesOf = (entry: EntryView) => (entry.agent ? 0 : entry.minutes + (entry.end === null ? added : 0));
  const totals = view.days.map((day) => ({ ...day, minutes: (byDay.get(day.date) ?? []).reduce((sum, entry) => sum + minutesOf(entry), 0) }));
  const weekMinutes = totals.reduce((sum, day) => sum + day.minutes, 0);
  const weekTarget = totals.reduce((sum, day) => sum + day.targetMinutes, 0);
  // All of several connections: the hours add up, the targets are each connection's and are not.
  const several = view.trackers !== undefined && shown === null;
  // One connection shown that shares the settings' week: no target of its own, the week's one beside it.
  const sharing = !several && view.days.some((day) => (day.together?.length ?? 0) > 0);
  const todayDate = today();
  const durations = useDurations();

  return (
    <>
      <section className="card week-summary" aria-label="The week at a glance">
        <WeekStrip days={totals} todayDate={todayDate} />
        <p className="week-total">
          <strong>{durations.text(weekMinutes)}</strong>
          {several || sharing ? (
            <>
              {' '}
              this week{several ? ' in all connections' : ''}
              {weekTargets(view, durations.text)}
            </>
          ) : (
            <>
              {' '}
              of {durations.text(weekTarget)} this week
              {weekTarget > 0 && <span className="muted"> · {Math.round((weekMinutes / weekTarget) * 100)}%</span>}
            </>
          )}
        </p>
      </section>
      {view.approval && (
        <WeekApproval
          approval={view.approval}
          monday={view.from}
          weekMinutes={weekMinutes}
          onSubmitted={(approval, outcome) => {
            const shown = stores.timesheet.get(view.from).data;
            if (shown) stores.timesheet.of(view.from).set({ ...shown, approval });
            say(outcome);
          }}
        />
      )}
      {view.rights.note && (
        <p className="message note" role="note">
          {view.rights.note}
        </p>
      )}
      {totals.map((day) => (
        <DaySection
          key={day.date}
          date={day.date}
          minutes={day.minutes}
          target={day.targetMinutes}
          reason={several || sharing ? dayTargets(day, durations.text) : dayReason(day)}
          trackers={view.trackers}
          newIn={shown ?? undefined}
          entries={byDay.get(day.date) ?? []}
          rights={view.rights}
          lock={lockOf(view.approval, day.date)}
          added={added}
          editing={editing}
          setEditing={setEditing}
          apply={apply}
          say={say}
          isToday={day.date === todayDate}
        />
      ))}
    </>
  );
}

/**
 * " · targets: acme 40 h, beta 10 h": each connection's own week target, never added up, and the one of those that
 * share the settings' week ("toggl and home together 40 h").
 */
function weekTargets(view: TimesheetView, text: (minutes: number) => string): string {
  const parts = (view.trackers ?? []).flatMap((one) => {
    const minutes = view.days.reduce((sum, day) => sum + (day.byTracker?.find((part) => part.tracker === one.name)?.targetMinutes ?? 0), 0);
    return minutes > 0 ? [`${one.name} ${text(minutes)}`] : [];
  });
  const shared = new Map<string, { names: string[]; minutes: number }>();
  for (const day of view.days) {
    for (const group of day.together ?? []) {
      const key = group.trackers.join(' ');
      shared.set(key, { names: group.trackers, minutes: (shared.get(key)?.minutes ?? 0) + group.targetMinutes });
    }
  }
  const together = [...shared.values()].filter((group) => group.minutes > 0).map((group) => `${namesTogether(group.names)} together ${text(group.minutes)}`);
  const all = [...parts, ...together];
  return all.length > 0 ? ` · targets: ${all.join(', ')}` : '';
}

/**
 * "targets: acme 8 h, beta Carnival, toggl and home together 8 h": a day's target in each connection, or why it asks
 * nothing, and the one of those that share the settings' week; "day off" where none asks anything.
 */
function dayTargets(day: TimesheetView['days'][number], text: (minutes: number) => string): string | null {
  const own = day.byTracker ?? [];
  const parts = own.flatMap((part) => {
    if (part.holiday || part.leave) return [`${part.tracker} ${dayReason(part)}`];
    return part.targetMinutes > 0 ? [`${part.tracker} ${text(part.targetMinutes)}`] : [];
  });
  // One connection shown: its own holiday or leave, by name.
  const reason = !day.byTracker && (day.holiday || day.leave) ? [dayReason(day) as string] : [];
  const together = (day.together ?? [])
    .filter((group) => group.targetMinutes > 0)
    .map((group) => `${namesTogether(group.trackers)} together ${text(group.targetMinutes)}`);
  const all = [...reason, ...parts, ...together];
  return all.length > 0 ? `targets: ${all.join(', ')}` : 'day off';
}
