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
import { TrackerLabel } from '../trackers.tsx';

type FocusTarget = 'clock-out' | 'project' | 'break' | 'switch';

/** `tracker`: the connection the screen shows (several trackers), where typed work starts; the default's when undefined. */
export function TimerCard({ status, tracker }: { status: StatusView | undefined; tracker?: string | undefined }) {
  const action = useAction();
  const { clockOutRef, breakRef, switchRef, projectRef, focusNext } = useCounterpartFocus();
  const [switching, setSwitching] = useState(false);
  const breaks = useBreakTypes(status?.breaksSupported);
  const running = status?.running ?? null;
  const onBreak = runningBreak(running);

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

  const started = () => {
    setSwitching(false);
    focusNext('clock-out');
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
            <RunningWork entry={running} asOf={status.asOf} />
            <TimerActions
              status={status}
              action={action}
              breaks={breaks}
              switching={switching}
              clockOutRef={clockOutRef}
              breakRef={breakRef}
              switchRef={switchRef}
              onSwitch={() => setSwitching(true)}
              onClockedOut={() => {
                setSwitching(false);
                focusNext('project');
              }}
              onBreakChanged={() => focusNext('break')}
            />
          </div>
          {switching && (
            <WorkForm
              mode="switch"
              status={status}
              tracker={tracker}
              projectRef={projectRef}
              action={action}
              onStarted={started}
              onCancel={() => {
                setSwitching(false);
                focusNext('switch');
              }}
            />
          )}
        </>
      ) : (
        <WorkForm mode="clock-in" status={status} tracker={tracker} projectRef={projectRef} action={action} onStarted={started} />
      )}
      {/* A refusal about the clock-in form's custom fields is said beside them (CustomFields.tsx). */}
      <ErrorText message={action.error?.key === 'clock-in' && isFieldsRefusal(action.error.refusal) ? undefined : action.error?.message} />
      <StatusText message={action.done?.message} className="sr-only" />
    </section>
  );
}

/**
 * After clocking in or out, switching, or starting or ending a break, the button that was pressed is
 * gone: `focusNext` sends the focus to its counterpart once it is drawn.
 */
function useCounterpartFocus() {
  const clockOutRef = useRef<HTMLButtonElement>(null);
  const breakRef = useRef<HTMLButtonElement>(null);
  const switchRef = useRef<HTMLButtonElement>(null);
  const projectRef = useRef<HTMLInputElement>(null);
  // An object each time, so the same target twice still moves the focus.
  const [next, setNext] = useState<{ target: FocusTarget } | null>(null);

  useEffect(() => {
    if (next?.target === 'clock-out') clockOutRef.current?.focus();
    if (next?.target === 'break') breakRef.current?.focus();
    if (next?.target === 'switch') switchRef.current?.focus();
    if (next?.target === 'project') projectRef.current?.focus();
  }, [next]);

  return { clockOutRef, breakRef, switchRef, projectRef, focusNext: (target: FocusTarget) => setNext({ target }) };
}

interface BreakTypes {
  /** The back end's break types, the default first; empty where it has no breaks. */
  types: string[];
  /** The one the person chose, or the default. */
  chosen: string | undefined;
  choose(type: string): void;
}

/** The back end's break types, where it has breaks: a choice is offered when there are several. */
function useBreakTypes(breaksSupported: boolean | undefined): BreakTypes {
  const catalog = useStore(stores.catalog);
  const [breakType, setBreakType] = useState<string>('');
  useEffect(() => {
    if (breaksSupported) void stores.catalog.ensure();
  }, [breaksSupported]);
  const types = breaksSupported ? (catalog.data?.breakTypes ?? []) : [];
  return { types, chosen: breakType || types[0], choose: setBreakType };
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
  status: StatusView;
  action: ActionState;
  breaks: BreakTypes;
  /** Whether the switch form is open: then its own button is gone. */
  switching: boolean;
  clockOutRef: RefObject<HTMLButtonElement | null>;
  breakRef: RefObject<HTMLButtonElement | null>;
  switchRef: RefObject<HTMLButtonElement | null>;
  onSwitch(): void;
  onClockedOut(): void;
  onBreakChanged(): void;
}

/** The running timer's buttons: a break started or ended, the switch form opened, the timer clocked out. */
function TimerActions({ status, action, breaks, switching, clockOutRef, breakRef, switchRef, onSwitch, onClockedOut, onBreakChanged }: TimerActionsProps) {
  const onBreak = runningBreak(status.running);

  const clockOut = async () => {
    // With several connections: this timer's own (another connection's may run too).
    const whose = status.running?.tracker;
    const next = await action.run('clock-out', () => api.clockOut(whose ? { tracker: whose } : undefined), 'Clocked out.');
    if (next) {
      stores.status.set(next);
      onClockedOut();
    }
  };

  const startBreak = async () => {
    const chosen = breaks.types.length > 1 ? breaks.chosen : undefined;
    const next = await action.run(
      'start-break',
      () => {
        const whose = status.running?.tracker;
        return api.startBreak(chosen || whose ? { ...(chosen ? { type: chosen } : {}), ...(whose ? { tracker: whose } : {}) } : undefined);
      },
      (started) => {
        const pause = runningBreak(started.running);
        return pause ? `On a break (${pause.type}).` : 'On a break.';
      },
    );
    if (next) {
      stores.status.set(next);
      onBreakChanged();
    }
  };

  const endBreak = async () => {
    const whose = status.running?.tracker;
    const next = await action.run('end-break', () => api.endBreak(whose ? { tracker: whose } : undefined), 'Break ended.');
    if (next) {
      stores.status.set(next);
      onBreakChanged();
    }
  };

  return (
    <div className="timer-actions">
      {status.breaksSupported &&
        (onBreak ? (
          <Button ref={breakRef} kind="primary" busy={action.pending === 'end-break'} busyLabel="Ending the break…" onClick={() => void endBreak()}>
            End break
          </Button>
        ) : (
          <>
            {breaks.types.length > 1 && <BreakTypeChoice breaks={breaks} />}
            <Button ref={breakRef} busy={action.pending === 'start-break'} busyLabel="Starting a break…" onClick={() => void startBreak()}>
              Start break
            </Button>
          </>
        ))}
      {!switching && !onBreak && (
        <Button ref={switchRef} aria-expanded={false} onClick={onSwitch}>
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
  );
}

/** Which break to start, where the back end has several kinds. */
function BreakTypeChoice({ breaks }: { breaks: BreakTypes }) {
  const id = useId();
  return (
    <span className="break-type">
      <label htmlFor={id} className="sr-only">
        Break type
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
