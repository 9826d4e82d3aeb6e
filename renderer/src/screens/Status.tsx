// The running timer, clock in/out, breaks (where the back end takes them), today's entries and the
// week against its target. The engine answers with `asOf`; the window adds the time worked since
// then itself, so nothing polls; during a break nothing is added.
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { EntryView, StatusView } from '../../../main/ipc/contract.ts';
import { runningBreak, workedMs } from '../../../mcp-server/contract/worked-time.ts';
import { api } from '../bridge.ts';
import { Badge, Button, ErrorText, LoadError, ScreenHeader, StatusText } from '../components.tsx';
import { formatElapsed, isoDuration, spokenDuration, wallClock } from '../format.ts';
import { useAction, useDurations, useNow, useReadyMark } from '../hooks.ts';
import { stores, useStore } from '../store.ts';
import { dayReason } from '../words.ts';
import { WeekChart } from './WeekChart.tsx';

export function StatusScreen() {
  const { data, error } = useStore(stores.status);
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
      {error && !data && <LoadError message={error} onRetry={() => void stores.status.load()} />}
      {error && data && <ErrorText message={`Could not refresh: ${error}`} />}
      <div className="status-grid">
        <TimerCard status={data} />
        <section className="card today" aria-labelledby="today-title">
          <div className="card-title">
            <h2 id="today-title">Today</h2>
            <span className="total">
              {data ? (
                <>
                  <strong>{durations.text(data.todayMinutes + added)}</strong>
                  {todayPlan && todayPlan.targetMinutes > 0 && <> of {durations.text(todayPlan.targetMinutes)}</>}
                  {todayReason && <> · {todayReason}</>}
                </>
              ) : (
                '—'
              )}
            </span>
          </div>
          <TodayEntries entries={data?.todayEntries} added={added} loading={!data} />
        </section>
        <section className="card week" aria-labelledby="week-title">
          <div className="card-title">
            <h2 id="week-title">This week</h2>
            <span className="total">
              {data ? (
                <>
                  <strong>{durations.text(weekMinutes)}</strong> of {durations.text(weekTarget)}
                </>
              ) : (
                '—'
              )}
            </span>
          </div>
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

function what(entry: Pick<EntryView, 'project' | 'activity'>): string {
  return [entry.project, entry.activity].filter(Boolean).join(' · ') || 'No project';
}

function TimerCard({ status }: { status: StatusView | undefined }) {
  const action = useAction();
  const clockOutRef = useRef<HTMLButtonElement>(null);
  const breakRef = useRef<HTMLButtonElement>(null);
  const projectRef = useRef<HTMLInputElement>(null);
  // After clocking in or out, or starting or ending a break, the button that was pressed is gone:
  // focus goes to its counterpart.
  const [focusNext, setFocusNext] = useState<{ target: 'clock-out' | 'project' | 'break' } | null>(null);
  const running = status?.running ?? null;
  const onBreak = runningBreak(running);
  // The back end's break types, where it has breaks: a choice is offered when there are several.
  const catalog = useStore(stores.catalog);
  const breakTypes = status?.breaksSupported ? (catalog.data?.breakTypes ?? []) : [];
  const [breakType, setBreakType] = useState<string>('');
  const breakTypeId = useId();
  useEffect(() => {
    if (status?.breaksSupported) void stores.catalog.ensure();
  }, [status?.breaksSupported]);

  useEffect(() => {
    if (focusNext?.target === 'clock-out') clockOutRef.current?.focus();
    if (focusNext?.target === 'break') breakRef.current?.focus();
    if (focusNext?.target === 'project') projectRef.current?.focus();
  }, [focusNext]);

  if (!status) {
    return (
      <section className="card timer" aria-labelledby="timer-title" aria-busy="true">
        <div className="card-title">
          <h2 id="timer-title">Timer</h2>
        </div>
        <p className="muted">Loading…</p>
      </section>
    );
  }

  const clockOut = async () => {
    const next = await action.run('clock-out', () => api.clockOut(), 'Clocked out.');
    if (next) {
      stores.status.set(next);
      setFocusNext({ target: 'project' });
    }
  };

  const startBreak = async () => {
    const chosen = breakTypes.length > 1 ? breakType || breakTypes[0] : undefined;
    const next = await action.run('start-break', () => api.startBreak(chosen ? { type: chosen } : undefined), (started) => {
      const pause = runningBreak(started.running);
      return pause ? `On a break (${pause.type}).` : 'On a break.';
    });
    if (next) {
      stores.status.set(next);
      setFocusNext({ target: 'break' });
    }
  };

  const endBreak = async () => {
    const next = await action.run('end-break', () => api.endBreak(), 'Break ended.');
    if (next) {
      stores.status.set(next);
      setFocusNext({ target: 'break' });
    }
  };

  return (
    <section className={`card timer${running ? ' running' : ''}${onBreak ? ' on-break' : ''}`} aria-labelledby="timer-title">
      <div className="card-title">
        <h2 id="timer-title">Timer</h2>
        {onBreak ? <Badge kind="break">On a break</Badge> : running ? <Badge kind="running">Running</Badge> : <Badge kind="idle">Not running</Badge>}
      </div>
      {running ? (
        <div className="timer-running">
          <div className="timer-main">
            <Elapsed entry={running} asOf={status.asOf} />
            <div className="timer-what">
              <p className="what">{what(running)}</p>
              {running.description && <p className="note">{running.description}</p>}
              <p className="muted">
                Started <time dateTime={running.start}>{wallClock(running.start)}</time>
              </p>
              {onBreak && (
                <p className="break-line">
                  On a break ({onBreak.type}) since <time dateTime={onBreak.start}>{wallClock(onBreak.start)}</time>
                </p>
              )}
            </div>
          </div>
          <div className="timer-actions">
            {status.breaksSupported &&
              (onBreak ? (
                <Button ref={breakRef} kind="primary" busy={action.pending === 'end-break'} busyLabel="Ending the break…" onClick={() => void endBreak()}>
                  End break
                </Button>
              ) : (
                <>
                  {breakTypes.length > 1 && (
                    <span className="break-type">
                      <label htmlFor={breakTypeId} className="sr-only">
                        Break type
                      </label>
                      <select id={breakTypeId} value={breakType || breakTypes[0]} onChange={(event) => setBreakType(event.currentTarget.value)}>
                        {breakTypes.map((type) => (
                          <option key={type} value={type}>
                            {type}
                          </option>
                        ))}
                      </select>
                    </span>
                  )}
                  <Button ref={breakRef} busy={action.pending === 'start-break'} busyLabel="Starting a break…" onClick={() => void startBreak()}>
                    Start break
                  </Button>
                </>
              ))}
            <Button
              ref={clockOutRef}
              kind={onBreak ? 'plain' : 'primary'}
              busy={action.pending === 'clock-out'}
              busyLabel="Clocking out…"
              onClick={() => void clockOut()}
            >
              Clock out
            </Button>
          </div>
        </div>
      ) : (
        <ClockInForm
          recent={status.recentProjects}
          projectRef={projectRef}
          action={action}
          onStarted={(next) => {
            stores.status.set(next);
            setFocusNext({ target: 'clock-out' });
          }}
        />
      )}
      <ErrorText message={action.error?.message} />
      <StatusText message={action.done?.message} className="sr-only" />
    </section>
  );
}

/** Time worked on the running entry, ticking each second; during a break it stands still. */
function Elapsed({ entry, asOf }: { entry: EntryView; asOf: number }) {
  const onBreak = runningBreak(entry) !== null;
  const now = useNow(1000, !onBreak);
  const ms = workedMs(entry, Math.max(now, asOf));
  const spoken = spokenDuration(ms / 60_000);
  return (
    <time className="elapsed" dateTime={isoDuration(ms / 60_000)} aria-label={onBreak ? `Worked ${spoken}, now on a break` : `Running for ${spoken}`}>
      {formatElapsed(ms)}
    </time>
  );
}

function ClockInForm({
  recent,
  projectRef,
  action,
  onStarted,
}: {
  recent: string[];
  projectRef: RefObject<HTMLInputElement | null>;
  action: ReturnType<typeof useAction>;
  onStarted: (status: StatusView) => void;
}) {
  const [project, setProject] = useState('');
  const [activity, setActivity] = useState('');
  const [note, setNote] = useState('');
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request = {
      ...(project.trim() ? { project: project.trim() } : {}),
      ...(activity.trim() ? { activity: activity.trim() } : {}),
      ...(note.trim() ? { description: note.trim() } : {}),
    };
    const next = await action.run('clock-in', () => api.clockIn(request), (started) =>
      started.running ? `Clocked in: ${what(started.running)}.` : 'Clocked in.',
    );
    if (next) {
      setProject('');
      setActivity('');
      setNote('');
      onStarted(next);
    }
  };

  return (
    <form className="clock-in" onSubmit={(event) => void submit(event)} aria-label="Clock in">
      <div className="clock-in-fields">
        <div className="field">
          <label htmlFor={`${id}-project`}>Project</label>
          <input
            ref={projectRef}
            id={`${id}-project`}
            list={`${id}-recent`}
            value={project}
            maxLength={500}
            autoComplete="off"
            placeholder="Choose or type"
            onChange={(event) => setProject(event.currentTarget.value)}
          />
          <datalist id={`${id}-recent`}>
            {recent.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${id}-activity`}>Activity</label>
          <input id={`${id}-activity`} value={activity} maxLength={500} autoComplete="off" placeholder="Optional" onChange={(event) => setActivity(event.currentTarget.value)} />
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-note`}>Note</label>
          <input id={`${id}-note`} value={note} maxLength={5000} autoComplete="off" placeholder="What are you working on?" onChange={(event) => setNote(event.currentTarget.value)} />
        </div>
        <Button kind="primary" submit busy={action.pending === 'clock-in'} busyLabel="Clocking in…">
          Clock in
        </Button>
      </div>
      {recent.length > 0 && (
        <div className="recent" role="group" aria-label="Recent projects">
          <span className="muted">Recent:</span>
          {recent.slice(0, 5).map((name) => (
            <button key={name} type="button" className="chip" aria-pressed={project === name} onClick={() => setProject(name)}>
              {name}
            </button>
          ))}
        </div>
      )}
    </form>
  );
}

function TodayEntries({ entries, added, loading }: { entries: EntryView[] | undefined; added: number; loading: boolean }) {
  const durations = useDurations();
  if (loading) return <p className="muted">Loading…</p>;
  if (!entries?.length) return <p className="muted empty">Nothing tracked yet today.</p>;
  return (
    <ol className="entries" aria-label="Today’s entries">
      {entries.map((entry) => {
        const minutes = entry.end === null ? entry.minutes + added : entry.minutes;
        return (
          <li key={entry.id} className={entry.end === null ? 'running' : undefined}>
            <div className="when">
              <span className="range">
                <time dateTime={entry.start}>{wallClock(entry.start)}</time> – {entry.end === null ? 'now' : <time dateTime={entry.end}>{wallClock(entry.end)}</time>}
              </span>
              <time className="duration" dateTime={isoDuration(minutes)} aria-label={spokenDuration(minutes)}>
                {durations.text(minutes)}
              </time>
            </div>
            <div className="what">
              <span>{what(entry)}</span>
              {entry.description && <span className="note">{entry.description}</span>}
              {entry.breaks && entry.breaks.length > 0 && (
                <span className="breaks">
                  {entry.breaks.length === 1 ? 'Break: ' : 'Breaks: '}
                  {entry.breaks.map((span, index) => (
                    <span key={`${span.start}-${index}`}>
                      {index > 0 && ', '}
                      {span.type} <time dateTime={span.start}>{wallClock(span.start)}</time> – {span.end === null ? 'now' : <time dateTime={span.end}>{wallClock(span.end)}</time>}
                    </span>
                  ))}
                </span>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
