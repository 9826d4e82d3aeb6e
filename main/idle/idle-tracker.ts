// The idle question's keeper: the model's state (idle-model.ts) fed with the adapter's events and
// every timer status, the question as the window and the tray show it, and the answer carried out
// through the engine once the timer is checked to be the one asked about. Electron-free: the power
// events come from idle-watch.ts in the app and from tests directly.
import { formatInstant, parseOffsetDateTime, systemTimeZone } from '../../mcp-server/for-the-app.ts';
import type { EntryView, IdleAnswer, IdleQuestion, StatusView } from '../../window-contract/status.ts';
import { UserFacingError } from '../ipc/dispatch.ts';
import { idlePlan } from './idle-answers.ts';
import { type IdleContext, type IdleEvent, idleStep, INITIAL_IDLE_STATE, nextSampleDelay, type IdleState, type RunningTimer } from './idle-model.ts';

export interface IdleTrackerOptions {
  /** The preference, read at each event: minutes of idleness that count as away; 0 is off. */
  thresholdMinutes(): number;
  /** The person's zone for the question's times; the system's when it answers ''. */
  timeZone(): string | undefined;
  getStatus(): Promise<StatusView>;
  /** `tracker`: the timer's connection, with several (issue 86). */
  clockOut(request: { end?: string; tracker?: string }): Promise<StatusView>;
  clockIn(request: { project?: string; activity?: string; description?: string; tracker?: string }): Promise<StatusView>;
}

export interface IdleTracker {
  /** A power or idle event from the adapter. */
  observe(event: Exclude<IdleEvent, { kind: 'status' | 'answered' }>): void;
  /** Every timer status, from wherever it came. */
  status(status: StatusView): void;
  question(): IdleQuestion | null;
  answer(id: number, answer: IdleAnswer): Promise<StatusView>;
  /** When the adapter should ask the idle time again (ms), or null for not until an event. */
  nextSampleDelay(idleSeconds: number): number | null;
  /** Called with each new question, and with null when it is settled. Returns the unsubscribe function. */
  onQuestion(listener: (question: IdleQuestion | null) => void): () => void;
}

export function runningTimerOf(status: StatusView | null): RunningTimer | null {
  const running = status?.running;
  if (!running) return null;
  return { id: running.id, start: startMs(running, status.asOf) };
}

function startMs(entry: EntryView, asOf: number): number {
  const start = parseOffsetDateTime(entry.start) ?? Date.parse(entry.start);
  return Number.isFinite(start) ? start : asOf - entry.minutes * 60_000;
}

/** An entry in its connection: two connections may give out the same id. */
function sameTimer(a: EntryView, b: EntryView): boolean {
  return a.id === b.id && a.tracker === b.tracker;
}

export function createIdleTracker(options: IdleTrackerOptions): IdleTracker {
  let state: IdleState = INITIAL_IDLE_STATE;
  let last: StatusView | null = null;
  const listeners = new Set<(question: IdleQuestion | null) => void>();
  const context = (): IdleContext => ({ thresholdMinutes: options.thresholdMinutes(), running: runningTimerOf(last) });
  const zone = () => options.timeZone() || systemTimeZone();

  function view(): IdleQuestion | null {
    const pending = state.question;
    const entry = last?.running;
    if (!pending || !entry || entry.id !== pending.entryId) return null;
    // Several timers at once (several connections): the person was away from every one that ran then.
    const timers = (last?.timers ?? []).filter((timer) => startMs(timer, last?.asOf ?? pending.until) < pending.until);
    return {
      id: pending.id,
      since: formatInstant(pending.since, zone()),
      until: formatInstant(pending.until, zone()),
      minutes: Math.round((pending.until - pending.since) / 60_000),
      cause: pending.cause,
      entry,
      ...(timers.length > 1 ? { timers } : {}),
    };
  }

  function apply(event: IdleEvent): void {
    const before = state.question;
    state = idleStep(state, event, context()).state;
    if (state.question !== before) {
      const shown = view();
      for (const listener of listeners) listener(shown);
    }
  }

  return {
    observe: apply,
    status(status) {
      last = status;
      apply({ kind: 'status', running: runningTimerOf(status) });
    },
    question: view,
    async answer(id, answer) {
      const pending = state.question;
      if (!pending || pending.id !== id) throw new UserFacingError('That question was already settled; nothing was changed.');
      const asked = view();
      const current = await options.getStatus();
      last = current;
      // The other timers asked about that still run (several connections), each acted on in its own connection.
      const running = current.running;
      const others = (asked?.timers ?? []).filter(
        (timer) => !(running && sameTimer(timer, running)) && (current.timers ?? []).some((now) => sameTimer(now, timer)),
      );
      const plan = idlePlan(pending, answer, running, others);
      if (!plan.ok) {
        apply({ kind: 'status', running: runningTimerOf(current) });
        throw new UserFacingError(plan.message);
      }
      let status = current;
      for (const action of plan.actions) {
        status =
          action.kind === 'clockOut'
            ? await options.clockOut({
                ...(action.end === undefined ? {} : { end: formatInstant(action.end, zone()) }),
                ...(action.tracker ? { tracker: action.tracker } : {}),
              })
            : await options.clockIn({
                ...(action.tracker ? { tracker: action.tracker } : {}),
                ...(action.project ? { project: action.project } : {}),
                ...(action.activity ? { activity: action.activity } : {}),
                ...(action.description ? { description: action.description } : {}),
              });
      }
      last = status;
      apply({ kind: 'answered', id });
      return status;
    },
    nextSampleDelay: (idleSeconds) => nextSampleDelay(state, context(), idleSeconds),
    onQuestion(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
