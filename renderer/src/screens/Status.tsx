// The running timer, clock in/out (now or at a start the person forgot), switching to other work
// while it runs, breaks (where the back end takes them), today's entries each continued with one
// click, recent work, and the week against its target. The engine answers with `asOf`; the window
// adds the time worked since then itself, so nothing polls; during a break nothing is added.
import type { EntryView } from '../../../window-contract/status.ts';
import { workedMs } from '../../../mcp-server/contract/worked-time.ts';
import { Button, ErrorText, LoadError, ScreenHeader, StatusText } from '../components.tsx';
import { wallClock } from '../format.ts';
import { useAction, useDurations, useNow, useReadyMark } from '../hooks.ts';
import { stores, useStore } from '../store.ts';
import { dayReason } from '../words.ts';
import { EntryTimes, entryMoment } from './EntryTimes.tsx';
import { KeptWritesCard } from './KeptWrites.tsx';
import { TimerCard } from './TimerCard.tsx';
import { startWork, workLabel } from '../work.ts';
import { WeekChart } from './WeekChart.tsx';
import { WorkingTimeToday } from './WorkingTime.tsx';
import { useState } from 'react';
import type { StatusView } from '../../../window-contract/status.ts';
import { entryKey, statusFor, TrackerFilter, TrackerLabel, type TrackerChoice } from '../trackers.tsx';
import { namesTogether } from '../../../mcp-server/contract/connections.ts';

export function StatusScreen() {
  const { data: all, error } = useStore(stores.status);
  // With several connections: all of them (hours added up, each one's target apart) or one, as it has them.
  const [shown, setShown] = useState<TrackerChoice>(null);
  const data = all && statusFor(all, shown);
  const several = all?.trackers !== undefined && shown === null;
  const durations = useDurations();
  useReadyMark('status', data !== undefined);
  const now = useNow(60_000, data?.running != null);
  // Minutes the running timer has added since the engine answered (none while on a break). The clock
  // may not have ticked since the answer came: `now` is never taken for earlier than `asOf`.
  const added = data?.running ? (workedMs(data.running, Math.max(now, data.asOf)) - workedMs(data.running, data.asOf)) / 60_000 : 0;
  const today = data?.today ?? localDate(now);
  const week = data?.week.map((day) => (day.date === today ? { ...day, minutes: day.minutes + added } : day));
  const weekMinutes = (data?.weekMinutes ?? 0) + added;
  const weekTarget = data?.week.reduce((sum, day) => sum + day.targetMinutes, 0) ?? 0;
  const todayPlan = data?.week.find((day) => day.date === today);
  // One connection shown that shares the settings' week: its time beside the week's one target, never a target of its own.
  const todayShared = todayPlan?.together?.[0];
  const weekShared = sharedWeekOf(data?.week ?? []);
  const todayReason = todayPlan && (!todayShared || todayPlan.holiday || todayPlan.leave) ? dayReason(todayPlan) : null;

  return (
    <>
      <ScreenHeader title="Status" />
      {all?.trackers && (
        <div className="toolbar" role="toolbar" aria-label="Connections">
          <TrackerFilter trackers={all.trackers} value={shown} onChange={setShown} label="Show" />
        </div>
      )}
      {error && !data && <LoadError message={error} onRetry={() => void stores.status.load()} />}
      {error && data && <ErrorText message={`Could not refresh: ${error}`} />}
      <div className="status-grid">
        <TimerCard status={data} tracker={shown ?? undefined} />
        {data && <KeptWritesCard writes={data.keptWrites} />}
        <section className="card today" aria-labelledby="today-title">
          <div className="card-title">
            <h2 id="today-title">Today</h2>
            <span className="total">
              {data ? (
                <>
                  <strong>{durations.text(data.todayMinutes + added)}</strong>
                  {!several && todayPlan && todayPlan.targetMinutes > 0 && <> of {durations.text(todayPlan.targetMinutes)}</>}
                  {!several && todayShared && <SharedTotal names={todayShared.trackers} minutes={todayShared.minutes} target={todayShared.targetMinutes} />}
                  {!several && todayReason && <> · {todayReason}</>}
                </>
              ) : (
                '—'
              )}
            </span>
          </div>
          {all && <WorkingTimeToday today={today} sequence={all.sequence} running={all.running != null} />}
          {several && data && <TrackerTotals status={data} period="today" />}
          <TodayEntries entries={data?.todayEntries} added={added} loading={!data} />
        </section>
        <section className="card week" aria-labelledby="week-title">
          <div className="card-title">
            <h2 id="week-title">This week</h2>
            <span className="total">
              {data ? (
                <>
                  <strong>{durations.text(weekMinutes)}</strong>
                  {!several && !weekShared && <> of {durations.text(weekTarget)}</>}
                  {!several && weekShared && <SharedTotal names={weekShared.trackers} minutes={weekShared.minutes} target={weekShared.targetMinutes} />}
                </>
              ) : (
                '—'
              )}
            </span>
          </div>
          {several && data && <TrackerTotals status={data} period="week" />}
          <WeekChart week={week} today={today} />
        </section>
      </div>
    </>
  );
}

/** The YYYY-MM-DD of an instant on this computer's calendar. */
function localDate(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function TodayEntries({ entries, added, loading }: { entries: EntryView[] | undefined; added: number; loading: boolean }) {
  const durations = useDurations();
  const action = useAction();
  if (loading) return <p className="muted">Loading…</p>;
  if (!entries?.length) return <p className="muted empty">Nothing tracked yet today.</p>;
  return (
    <>
      <ol className="entries" aria-label="Today’s entries">
        {entries.map((entry) => {
          const minutes = entry.end === null ? entry.minutes + added : entry.minutes;
          return (
            <li key={entryKey(entry)} className={entry.end === null ? 'running' : undefined}>
              <div className="when">
                <EntryTimes entry={entry} />
                <span className="duration">{durations.text(minutes)}</span>
                {entry.end !== null && (
                  <Button
                    kind="link"
                    className="continue"
                    busy={action.pending === `continue-${entry.id}`}
                    onClick={() =>
                      void action.run(
                        `continue-${entry.id}`,
                        () => startWork(entry),
                        (done) => done.message,
                      )
                    }
                  >
                    Continue
                    <span className="sr-only">
                      {' '}
                      {workLabel(entry)}, {entryMoment(entry, durations.text(minutes))}
                    </span>
                  </Button>
                )}
              </div>
              <div className="what">
                <span>
                  {workLabel(entry)}
                  <TrackerLabel name={entry.tracker} />
                </span>
                {entry.description && <span className="note">{entry.description}</span>}
                {entry.breaks && entry.breaks.length > 0 && (
                  <span className="breaks">
                    {entry.breaks.length === 1 ? 'Break: ' : 'Breaks: '}
                    {entry.breaks.map((span, index) => (
                      <span key={`${span.start}-${index}`}>
                        {index > 0 && ', '}
                        {span.type} <time dateTime={span.start}>{wallClock(span.start)}</time> –{' '}
                        {span.end === null ? 'now' : <time dateTime={span.end}>{wallClock(span.end)}</time>}
                      </span>
                    ))}
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <ErrorText message={action.error?.message} />
      <StatusText message={action.done?.message} className="sr-only" />
    </>
  );
}

/**
 * Each connection's own hours against its own target, with several connections shown at once: the
 * hours above add up, targets never do (each is one employer's).
 */
function TrackerTotals({ status, period }: { status: StatusView; period: 'today' | 'week' }) {
  const durations = useDurations();
  const days = period === 'today' ? status.week.filter((one) => one.date === status.today) : status.week;
  const sum = (pick: (day: StatusView['week'][number]) => number) => days.reduce((total, day) => total + pick(day), 0);
  // Those that share the settings' week: one line for them together, against the one target they share.
  const together = sharedGroupsOf(status.week);
  return (
    <ul className="tracker-totals" aria-label={period === 'today' ? 'Today per connection' : 'This week per connection'}>
      {(status.trackers ?? []).map((one) => {
        const minutes = period === 'today' ? one.todayMinutes : one.weekMinutes;
        const target = sum((day) => day.byTracker?.find((part) => part.tracker === one.name)?.targetMinutes ?? 0);
        return (
          <li key={one.name}>
            <TrackerLabel name={one.name} spoken="" /> <strong>{durations.text(minutes)}</strong>
            {target > 0 && <> of {durations.text(target)}</>}
          </li>
        );
      })}
      {together.map((names) => {
        const key = names.join(' ');
        const part = (day: StatusView['week'][number]) => day.together?.find((group) => group.trackers.join(' ') === key);
        const target = sum((day) => part(day)?.targetMinutes ?? 0);
        return (
          <li key={key} className="together">
            {namesTogether(names)} together <strong>{durations.text(sum((day) => part(day)?.minutes ?? 0))}</strong>
            {/* "of 30 h" on one line: a narrow card left the "h" alone on the next. */}
            {target > 0 && (
              <>
                {' '}
                <span className="target">of {durations.text(target)}</span>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** " · toggl and home together 9 h of 16 h": the week one connection shares with others, beside its own time. */
function SharedTotal({ names, minutes, target }: { names: string[]; minutes: number; target: number }) {
  const durations = useDurations();
  return (
    <span className="muted">
      {' · '}
      {namesTogether(names)} together {durations.text(minutes)}
      {target > 0 && <> of {durations.text(target)}</>}
    </span>
  );
}

/** The days' part of the week a connection shares (one connection shown): their time together and its target, added up. */
function sharedWeekOf(days: StatusView['week']): { trackers: string[]; minutes: number; targetMinutes: number } | undefined {
  const parts = days.flatMap((day) => day.together?.slice(0, 1) ?? []);
  const first = parts[0];
  if (!first) return undefined;
  return {
    trackers: first.trackers,
    minutes: parts.reduce((sum, part) => sum + part.minutes, 0),
    targetMinutes: parts.reduce((sum, part) => sum + part.targetMinutes, 0),
  };
}

/** The groups of connections that share the settings' week over the days, each once, by their names. */
function sharedGroupsOf(days: StatusView['week']): string[][] {
  const groups = new Map<string, string[]>();
  for (const day of days) for (const group of day.together ?? []) groups.set(group.trackers.join(' '), group.trackers);
  return [...groups.values()];
}
