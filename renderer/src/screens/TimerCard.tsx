// The Status screen's timer (Status.tsx): what runs and for how long, its buttons (a break where the
// back end takes them, switching to other work, clocking out), and clocking in when nothing runs
// (WorkForm.tsx). After a button does its work it is gone: the focus goes to its counterpart.
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import type { EntryView, StatusView } from '../../../window-contract/status.ts';
import { runningBreak, workedMs } from '../../../mcp-server/contract/worked-time.ts';
import { api } from '../bridge.ts';
import { Badge, Button, ErrorText, StatusText } from '../components.tsx';
import { formatElapsed, isoDuration, spokenDuration, wallClock } from '../format.ts';
import { useAction, useNow, type ActionState } from '../hooks.ts';
import { stores, useStore } from '../store.ts';
import { isFieldsRefusal } from '../custom-fields.ts';
import { WAITING_TO_SEND } from '../words.ts';
import { workLabel } from '../work.ts';
import { WorkForm } from './WorkForm.tsx';
import { entryKey, sameEntry, TrackerLabel } from '../trackers.tsx';

type FocusTarget = 'clock-out' | 'project' | 'break' | 'switch';

/**
 * The timers running: with one timer per connection (`timers: per_tracker`) every one, oldest started
 * first, each drawn with its own buttons; otherwise the one running, if any.
 */
function timersOf(status: StatusView): EntryView[] {
  if (status.timers && status.timers.length > 1) return status.timers;
  return status.running ? [status.running] : [];
}

/** `tracker`: the connection the screen shows (several trackers), where typed work starts; the default's when undefined. */
export function TimerCard({ status, tracker }: { status: StatusView | undefined; tracker?: string | undefined }) {
  const action = useAction();
  const focus = useCounterpartFocus();
  // The timer whose switch form is open (its key), one at a time.
  const [switching, setSwitching] = useState<string | null>(null);
  const breaks = useBreakTypes(status?.breaksSupported);

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

  const timers = timersOf(status);
  const several = timers.length > 1;
  const running = status.running;
  const onBreak = !several && runningBreak(running);
  // Where the focus goes after an action: the timer acted on, else the one started last.
  const owner = focus.row ?? (running ? entryKey(running) : undefined);
  const started = () => {
    setSwitching(null);
    focus.next('clock-out');
  };

  return (
    <section className={`card timer${running ? ' running' : ''}${onBreak ? ' on-break' : ''}`} aria-labelledby="timer-title">
      <div className="card-title">
        <h2 id="timer-title">{several ? 'Timers' : 'Timer'}</h2>
        <span className="badges">
          {several ? (
            <Badge kind="running">{timers.length} running</Badge>
          ) : onBreak ? (
            <Badge kind="break">On a break</Badge>
          ) : running ? (
            <Badge kind="running">Running</Badge>
          ) : (
            <Badge kind="idle">Not running</Badge>
          )}
          {timers.some((timer) => timer.waiting_to_send) && <Badge kind="neutral">{WAITING_TO_SEND}</Badge>}
        </span>
      </div>
      {timers.length > 0 ? (
        timers.map((timer) => {
          const key = entryKey(timer);
          return (
            <RunningTimer
              key={key}
              status={status}
              timer={timer}
              several={several}
              // Typed work in a switch starts in the timer's own connection where each has one.
              tracker={several ? timer.tracker : tracker}
              action={action}
              breaks={breaks(several ? key : '')}
              switching={switching === key}
              refs={!several || key === owner ? focus.refs : undefined}
              onSwitch={() => setSwitching(key)}
              onSwitchClosed={() => {
                setSwitching(null);
                focus.next('switch', key);
              }}
              onStarted={started}
              onClockedOut={() => {
                setSwitching(null);
                // Another timer still runs: its Clock out; none: the clock-in form.
                focus.next(several ? 'clock-out' : 'project');
              }}
              onBreakChanged={() => focus.next('break', key)}
            />
          );
        })
      ) : (
        <WorkForm mode="clock-in" status={status} tracker={tracker} projectRef={focus.refs.projectRef} action={action} onStarted={started} />
      )}
      {/* A refusal about the clock-in form's custom fields is said beside them (CustomFields.tsx). */}
      <ErrorText message={action.error?.key === 'clock-in' && isFieldsRefusal(action.error.refusal) ? undefined : action.error?.message} />
      <StatusText message={action.done?.message} className="sr-only" />
    </section>
  );
}

interface FocusRefs {
  clockOutRef: RefObject<HTMLButtonElement | null>;
  breakRef: RefObject<HTMLButtonElement | null>;
  switchRef: RefObject<HTMLButtonElement | null>;
  projectRef: RefObject<HTMLInputElement | null>;
}

interface RunningTimerProps {
  status: StatusView;
  timer: EntryView;
  /** Several timers run (one per connection): each names its connection in its buttons. */
  several: boolean;
  tracker: string | undefined;
  action: ActionState;
  breaks: BreakTypes;
  switching: boolean;
  /** Given to the timer the focus goes to after an action. */
  refs: FocusRefs | undefined;
  onSwitch(): void;
  onSwitchClosed(): void;
  onStarted(): void;
  onClockedOut(): void;
  onBreakChanged(): void;
}

/** One running timer: what runs and for how long, its buttons, and its switch form when open. */
function RunningTimer({ status, timer, several, tracker, action, breaks, switching, refs, ...on }: RunningTimerProps) {
  // Without the refs this timer is not where the focus goes; the switch form still needs one for its project.
  const projectRef = useRef<HTMLInputElement>(null);
  const onBreak = runningBreak(timer);
  return (
    <>
      <div
        className={`timer-running${several && onBreak ? ' on-break' : ''}`}
        role={several ? 'group' : undefined}
        aria-label={several ? `Timer in ${timer.tracker ?? ''}` : undefined}
      >
        <RunningWork entry={timer} asOf={status.asOf} />
        <TimerActions
          timer={timer}
          breaksSupported={status.breaksSupported}
          of={several ? timer.tracker : undefined}
          action={action}
          breaks={breaks}
          switching={switching}
          refs={refs}
          onSwitch={on.onSwitch}
          onClockedOut={on.onClockedOut}
          onBreakChanged={on.onBreakChanged}
        />
      </div>
      {switching && (
        <WorkForm
          mode="switch"
          status={several ? { ...status, running: timer } : status}
          tracker={tracker}
          projectRef={refs?.projectRef ?? projectRef}
          action={action}
          onStarted={on.onStarted}
          onCancel={on.onSwitchClosed}
        />
      )}
    </>
  );
}

/**
 * After clocking in or out, switching, or starting or ending a break, the button that was pressed is
 * gone: `next` sends the focus to its counterpart once it is drawn, in the timer named (`row`, its
 * key) where several run, else in the one started last.
 */
function useCounterpartFocus() {
  const clockOutRef = useRef<HTMLButtonElement>(null);
  const breakRef = useRef<HTMLButtonElement>(null);
  const switchRef = useRef<HTMLButtonElement>(null);
  const projectRef = useRef<HTMLInputElement>(null);
  // An object each time, so the same target twice still moves the focus.
  const [next, setNext] = useState<{ target: FocusTarget; row: string | undefined } | null>(null);

  useEffect(() => {
    if (next?.target === 'clock-out') clockOutRef.current?.focus();
    if (next?.target === 'break') breakRef.current?.focus();
    if (next?.target === 'switch') switchRef.current?.focus();
    if (next?.target === 'project') projectRef.current?.focus();
  }, [next]);

  return {
    refs: { clockOutRef, breakRef, switchRef, projectRef },
    row: next?.row,
    next: (target: FocusTarget, row?: string) => setNext({ target, row }),
  };
}

interface BreakTypes {
  /** The back end's break types, the default first; empty where it has no breaks. */
  types: string[];
  /** The one the person chose, or the default. */
  chosen: string | undefined;
  choose(type: string): void;
}

/**
 * The back end's break types, where it has breaks: a choice is offered when there are several, each
 * timer keeping its own (by its key; '' for the one timer).
 */
function useBreakTypes(breaksSupported: boolean | undefined): (timer: string) => BreakTypes {
  const catalog = useStore(stores.catalog);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  useEffect(() => {
    if (breaksSupported) void stores.catalog.ensure();
  }, [breaksSupported]);
  const types = breaksSupported ? (catalog.data?.breakTypes ?? []) : [];
  return (timer) => ({ types, chosen: chosen[timer] || types[0], choose: (type) => setChosen((current) => ({ ...current, [timer]: type })) });
}

/** What runs, since when, for how long, and whether it waits to be sent or is on a break. */
function RunningWork({ entry, asOf }: { entry: EntryView; asOf: number }) {
  const onBreak = runningBreak(entry);
  return (
    <div className="timer-main">
      <Elapsed entry={entry} asOf={asOf} />
      <div className="timer-what">
        <p className="what">
          {workLabel(entry)}
          <TrackerLabel name={entry.tracker} />
        </p>
        {entry.description && <p className="note">{entry.description}</p>}
        <p className="muted">
          Started <time dateTime={entry.start}>{wallClock(entry.start)}</time>
        </p>
        {entry.waiting_to_send && (
          <p className="waiting-line">Your time tracker is out of reach: Punchcard keeps this clock-in and sends it as soon as the tracker answers.</p>
        )}
        {onBreak && (
          <p className="break-line">
            On a break ({onBreak.type}) since <time dateTime={onBreak.start}>{wallClock(onBreak.start)}</time>
          </p>
        )}
      </div>
    </div>
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

interface TimerActionsProps {
  timer: EntryView;
  breaksSupported: boolean;
  /** Several timers run: the connection this one's buttons name ("Clock out of acme"). */
  of: string | undefined;
  action: ActionState;
  breaks: BreakTypes;
  /** Whether the switch form is open: then its own button is gone. */
  switching: boolean;
  refs: FocusRefs | undefined;
  onSwitch(): void;
  onClockedOut(): void;
  onBreakChanged(): void;
}

/** The running timer's buttons: a break started or ended, the switch form opened, the timer clocked out, in its own connection. */
function TimerActions({ timer, breaksSupported, of, action, breaks, switching, refs, onSwitch, onClockedOut, onBreakChanged }: TimerActionsProps) {
  const onBreak = runningBreak(timer);
  // With several connections: this timer's own (another connection's may run too).
  const whose = timer.tracker;
  // Where several timers run, each one's own: only its button shows busy.
  const keyOf = (name: string) => (of ? `${name}:${entryKey(timer)}` : name);
  const named = of ? <span className="sr-only"> of {of}</span> : null;

  const clockOut = async () => {
    const next = await action.run(keyOf('clock-out'), () => api.clockOut(whose ? { tracker: whose } : undefined), 'Clocked out.');
    if (next) {
      stores.status.set(next);
      onClockedOut();
    }
  };

  const startBreak = async () => {
    const chosen = breaks.types.length > 1 ? breaks.chosen : undefined;
    const next = await action.run(
      keyOf('start-break'),
      () => api.startBreak(chosen || whose ? { ...(chosen ? { type: chosen } : {}), ...(whose ? { tracker: whose } : {}) } : undefined),
      (started) => {
        const pause = runningBreak((started.timers ?? []).find((one) => sameEntry(one, timer)) ?? started.running);
        return pause ? `On a break (${pause.type}).` : 'On a break.';
      },
    );
    if (next) {
      stores.status.set(next);
      onBreakChanged();
    }
  };

  const endBreak = async () => {
    const next = await action.run(keyOf('end-break'), () => api.endBreak(whose ? { tracker: whose } : undefined), 'Break ended.');
    if (next) {
      stores.status.set(next);
      onBreakChanged();
    }
  };

  return (
    <div className="timer-actions">
      {breaksSupported &&
        (onBreak ? (
          <Button
            ref={refs?.breakRef}
            kind="primary"
            busy={action.pending === keyOf('end-break')}
            busyLabel="Ending the break…"
            onClick={() => void endBreak()}
          >
            End break{named}
          </Button>
        ) : (
          <>
            {breaks.types.length > 1 && <BreakTypeChoice breaks={breaks} of={of} />}
            <Button ref={refs?.breakRef} busy={action.pending === keyOf('start-break')} busyLabel="Starting a break…" onClick={() => void startBreak()}>
              Start break{named}
            </Button>
          </>
        ))}
      {!switching && !onBreak && (
        <Button ref={refs?.switchRef} aria-expanded={false} onClick={onSwitch}>
          Switch…{named}
        </Button>
      )}
      <Button
        ref={refs?.clockOutRef}
        kind={onBreak ? 'plain' : 'primary'}
        busy={action.pending === keyOf('clock-out')}
        busyLabel="Clocking out…"
        onClick={() => void clockOut()}
      >
        Clock out{named}
      </Button>
    </div>
  );
}

/** Which break to start, where the back end has several kinds. */
function BreakTypeChoice({ breaks, of }: { breaks: BreakTypes; of: string | undefined }) {
  const id = useId();
  return (
    <span className="break-type">
      <label htmlFor={id} className="sr-only">
        {of ? `Break type of ${of}` : 'Break type'}
      </label>
      <select id={id} value={breaks.chosen} onChange={(event) => breaks.choose(event.currentTarget.value)}>
        {breaks.types.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>
    </span>
  );
}
