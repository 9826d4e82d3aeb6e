// The running timer, clock in/out (now or at a start the person forgot), switching to other work
// while it runs, breaks (where the back end takes them), today's entries each continued with one
// click, recent work, and the week against its target. The engine answers with `asOf`; the window
// adds the time worked since then itself, so nothing polls; during a break nothing is added.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import type { EntryView, StatusView } from '../../../window-contract/status.ts';
import { runningBreak, workedMs } from '../../../mcp-server/contract/worked-time.ts';
import { api } from '../bridge.ts';
import { Badge, Button, ErrorText, LoadError, ScreenHeader, StatusText } from '../components.tsx';
import { formatElapsed, isoDuration, spokenDuration, wallClock } from '../format.ts';
import { useAction, useDurations, useNow, useReadyMark } from '../hooks.ts';
import { stores, useStore } from '../store.ts';
import { dayReason, WAITING_TO_SEND } from '../words.ts';
import { KeptWritesCard } from './KeptWrites.tsx';
import { entryFieldOf, type EntryField } from '../problems.ts';
import { sameWork, startWork, workLabel, type Work } from '../work.ts';
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
        {data && <KeptWritesCard writes={data.keptWrites} />}
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

function TimerCard({ status }: { status: StatusView | undefined }) {
  const action = useAction();
  const clockOutRef = useRef<HTMLButtonElement>(null);
  const breakRef = useRef<HTMLButtonElement>(null);
  const switchRef = useRef<HTMLButtonElement>(null);
  const projectRef = useRef<HTMLInputElement>(null);
  // After clocking in or out, switching, or starting or ending a break, the button that was pressed
  // is gone: focus goes to its counterpart.
  const [focusNext, setFocusNext] = useState<{ target: 'clock-out' | 'project' | 'break' | 'switch' } | null>(null);
  const [switching, setSwitching] = useState(false);
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
    if (focusNext?.target === 'switch') switchRef.current?.focus();
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
      setSwitching(false);
      setFocusNext({ target: 'project' });
    }
  };

  const startBreak = async () => {
    const chosen = breakTypes.length > 1 ? breakType || breakTypes[0] : undefined;
    const next = await action.run(
      'start-break',
      () => api.startBreak(chosen ? { type: chosen } : undefined),
      (started) => {
        const pause = runningBreak(started.running);
        return pause ? `On a break (${pause.type}).` : 'On a break.';
      },
    );
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

  const started = () => {
    setSwitching(false);
    setFocusNext({ target: 'clock-out' });
  };

  return (
    <section className={`card timer${running ? ' running' : ''}${onBreak ? ' on-break' : ''}`} aria-labelledby="timer-title">
      <div className="card-title">
        <h2 id="timer-title">Timer</h2>
        <span className="badges">
          {onBreak ? <Badge kind="break">On a break</Badge> : running ? <Badge kind="running">Running</Badge> : <Badge kind="idle">Not running</Badge>}
          {running?.waiting_to_send && <Badge kind="neutral">{WAITING_TO_SEND}</Badge>}
        </span>
      </div>
      {running ? (
        <>
          <div className="timer-running">
            <div className="timer-main">
              <Elapsed entry={running} asOf={status.asOf} />
              <div className="timer-what">
                <p className="what">{workLabel(running)}</p>
                {running.description && <p className="note">{running.description}</p>}
                <p className="muted">
                  Started <time dateTime={running.start}>{wallClock(running.start)}</time>
                </p>
                {running.waiting_to_send && (
                  <p className="waiting-line">Your time tracker is out of reach: Punchcard keeps this clock-in and sends it as soon as the tracker answers.</p>
                )}
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
              {!switching && !onBreak && (
                <Button ref={switchRef} aria-expanded={false} onClick={() => setSwitching(true)}>
                  Switch…
                </Button>
              )}
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
          {switching && (
            <WorkForm
              mode="switch"
              status={status}
              projectRef={projectRef}
              action={action}
              onStarted={started}
              onCancel={() => {
                setSwitching(false);
                setFocusNext({ target: 'switch' });
              }}
            />
          )}
        </>
      ) : (
        <WorkForm mode="clock-in" status={status} projectRef={projectRef} action={action} onStarted={started} />
      )}
      <ErrorText message={action.error?.message} />
      <StatusText message={action.done?.message} className="sr-only" />
    </section>
  );
}

/**
 * Time worked on the running entry, ticking each second; during a break it stands still. "1:20:00"
 * read aloud sounds like a time of day, so a screen reader gets the words instead ("Running for 1
 * hour 20 minutes"), which change once a minute rather than every second.
 */
function Elapsed({ entry, asOf }: { entry: EntryView; asOf: number }) {
  const onBreak = runningBreak(entry) !== null;
  const now = useNow(1000, !onBreak);
  const ms = workedMs(entry, Math.max(now, asOf));
  const spoken = spokenDuration(ms / 60_000);
  return (
    <>
      <time className="elapsed" dateTime={isoDuration(ms / 60_000)} aria-hidden="true">
        {formatElapsed(ms)}
      </time>
      <span className="sr-only">{onBreak ? `Worked ${spoken}, now on a break` : `Running for ${spoken}`}</span>
    </>
  );
}

/**
 * Clocking in, or switching while a timer runs: project, activity, note and a start (empty: now; a
 * time today when the person forgot to clock in or to switch), and the recent work to continue with
 * one click. Escape closes the switch form; the running timer is left as it was.
 */
function WorkForm({
  mode,
  status,
  projectRef,
  action,
  onStarted,
  onCancel,
}: {
  mode: 'clock-in' | 'switch';
  status: StatusView;
  projectRef: RefObject<HTMLInputElement | null>;
  action: ReturnType<typeof useAction>;
  onStarted: () => void;
  onCancel?: () => void;
}) {
  const [project, setProject] = useState('');
  const [activity, setActivity] = useState('');
  const [note, setNote] = useState('');
  const [start, setStart] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const switching = mode === 'switch';
  const failed = action.error?.key === 'clock-in' ? action.error.message : undefined;
  // The engine's refusal is about a field (a project it does not know, a start it will not take).
  const refused = action.error?.key === 'clock-in' ? entryFieldOf(action.error.refusal) : null;
  const invalid = refused === 'start' && start === '' ? null : refused;
  const marked = (field: EntryField) => (invalid === field ? true : undefined);
  const running = status.running;
  const recent = status.recentWork.filter((work) => !running || !sameWork(work, running)).slice(0, 5);

  useEffect(() => {
    if (switching) projectRef.current?.focus();
  }, [switching, projectRef]);

  // That field is the one to fix: focus goes there.
  useEffect(() => {
    if (invalid) formRef.current?.querySelector<HTMLElement>(`[data-field="${invalid}"]`)?.focus();
  }, [invalid, failed]);

  const begin = async (work: Work, at?: string) => {
    const result = await action.run(
      'clock-in',
      () => startWork(work, at ? { today: status.today, time: at } : undefined),
      (done) => done.message,
    );
    if (result) {
      setProject('');
      setActivity('');
      setNote('');
      setStart('');
      onStarted();
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void begin({ project, activity, description: note }, start);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape' || !onCancel) return;
    event.preventDefault();
    onCancel();
  };

  return (
    <form
      ref={formRef}
      className={`clock-in${switching ? ' switch-form' : ''}`}
      onSubmit={submit}
      onKeyDown={onKeyDown}
      aria-label={switching ? 'Switch to other work' : 'Clock in'}
    >
      <div className="clock-in-fields">
        <div className="field">
          <label htmlFor={`${id}-project`}>Project</label>
          <input
            ref={projectRef}
            id={`${id}-project`}
            data-field="project"
            aria-invalid={marked('project')}
            list={`${id}-recent`}
            value={project}
            maxLength={500}
            autoComplete="off"
            onChange={(event) => {
              setProject(event.currentTarget.value);
              action.clear();
            }}
          />
          <datalist id={`${id}-recent`}>
            {status.recentProjects.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${id}-activity`}>Activity</label>
          <input
            id={`${id}-activity`}
            data-field="activity"
            value={activity}
            maxLength={500}
            autoComplete="off"
            placeholder="Optional"
            aria-invalid={marked('activity')}
            onChange={(event) => {
              setActivity(event.currentTarget.value);
              action.clear();
            }}
          />
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-note`}>Note</label>
          <input
            id={`${id}-note`}
            value={note}
            maxLength={5000}
            autoComplete="off"
            placeholder="Optional"
            onChange={(event) => setNote(event.currentTarget.value)}
          />
        </div>
        <div className={`field start${invalid === 'start' ? ' invalid' : ''}`}>
          <label htmlFor={`${id}-start`}>{switching ? 'Switched at' : 'Started at'}</label>
          <input
            id={`${id}-start`}
            data-field="start"
            type="time"
            value={start}
            aria-describedby={`${id}-start-hint`}
            aria-invalid={marked('start')}
            onChange={(event) => {
              setStart(event.currentTarget.value);
              action.clear();
            }}
          />
        </div>
        <div className="clock-in-submit">
          <Button kind="primary" submit busy={action.pending === 'clock-in'} busyLabel={switching ? 'Switching…' : 'Clocking in…'}>
            {switching ? 'Switch' : 'Clock in'}
          </Button>
          {onCancel && <Button onClick={onCancel}>Cancel</Button>}
        </div>
      </div>
      <p className="hint" id={`${id}-start-hint`}>
        {switching ? 'Leave “Switched at” empty to switch now.' : 'Leave “Started at” empty to start now, or give the time you forgot to clock in at.'}
      </p>
      {recent.length > 0 && (
        <div className="recent" role="group" aria-labelledby={`${id}-recent-title`}>
          <span className="muted" id={`${id}-recent-title`}>
            {switching ? 'Switch to recent work:' : 'Continue recent work:'}
          </span>
          {recent.map((work) => (
            <button key={`${work.project}:${work.activity ?? ''}`} type="button" className="chip" onClick={() => void begin(work)}>
              <span className="sr-only">{switching ? 'Switch to ' : 'Continue '}</span>
              {workLabel(work)}
              {work.description && <span className="chip-note"> — {work.description}</span>}
            </button>
          ))}
        </div>
      )}
    </form>
  );
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
            <li key={entry.id} className={entry.end === null ? 'running' : undefined}>
              <div className="when">
                <span className="range">
                  <time dateTime={entry.start}>{wallClock(entry.start)}</time> –{' '}
                  {entry.end === null ? 'now' : <time dateTime={entry.end}>{wallClock(entry.end)}</time>}
                </span>
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
                      {workLabel(entry)}, {wallClock(entry.start)}
                    </span>
                  </Button>
                )}
              </div>
              <div className="what">
                <span>{workLabel(entry)}</span>
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
