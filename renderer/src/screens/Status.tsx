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
import { useState } from 'react';
import type { StatusView } from '../../../window-contract/status.ts';
import { entryKey, statusFor, TrackerFilter, TrackerLabel, type TrackerChoice } from '../trackers.tsx';

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
  const todayReason = todayPlan ? dayReason(todayPlan) : null;

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
                  {!several && todayReason && <> · {todayReason}</>}
                </>
              ) : (
                '—'
              )}
            </span>
          </div>
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
                  {!several && <> of {durations.text(weekTarget)}</>}
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
  const day = status.week.find((one) => one.date === status.today);
  return (
    <ul className="tracker-totals" aria-label={period === 'today' ? 'Today per connection' : 'This week per connection'}>
      {(status.trackers ?? []).map((one) => {
        const minutes = period === 'today' ? one.todayMinutes : one.weekMinutes;
        const target =
          period === 'today'
            ? (day?.byTracker?.find((part) => part.tracker === one.name)?.targetMinutes ?? 0)
            : status.week.reduce((sum, each) => sum + (each.byTracker?.find((part) => part.tracker === one.name)?.targetMinutes ?? 0), 0);
        return (
          <li key={one.name}>
            <TrackerLabel name={one.name} spoken="" /> <strong>{durations.text(minutes)}</strong>
            {target > 0 && <> of {durations.text(target)}</>}
          </li>
        );
      })}
    </ul>
  );
}
