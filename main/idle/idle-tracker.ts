// The idle question's keeper: the model's state (idle-model.ts) fed with the adapter's events and
// every timer status, the question as the window and the tray show it, and the answer carried out
// through the engine once the timer is checked to be the one asked about. Electron-free: the power
// events come from idle-watch.ts in the app and from tests directly.
import { formatInstant, parseOffsetDateTime, systemTimeZone } from '../../mcp-server/for-the-app.ts';
import type { IdleAnswer, IdleQuestion, StatusView } from '../../window-contract/status.ts';
import { UserFacingError } from '../ipc/dispatch.ts';
import { idlePlan } from './idle-answers.ts';
import { type IdleContext, type IdleEvent, idleStep, INITIAL_IDLE_STATE, nextSampleDelay, type IdleState, type RunningTimer } from './idle-model.ts';

export interface IdleTrackerOptions {
  /** The preference, read at each event: minutes of idleness that count as away; 0 is off. */
  thresholdMinutes(): number;
  /** The person's zone for the question's times; the system's when it answers ''. */
  timeZone(): string | undefined;
  getStatus(): Promise<StatusView>;
  clockOut(request: { end?: string }): Promise<StatusView>;
  clockIn(request: { project?: string; activity?: string; description?: string }): Promise<StatusView>;
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
  const start = parseOffsetDateTime(running.start) ?? Date.parse(running.start);
  return { id: running.id, start: Number.isFinite(start) ? start : status.asOf - running.minutes * 60_000 };
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
    return {
      id: pending.id,
      since: formatInstant(pending.since, zone()),
      until: formatInstant(pending.until, zone()),
      minutes: Math.round((pending.until - pending.since) / 60_000),
      cause: pending.cause,
      entry,
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
      const current = await options.getStatus();
      last = current;
      const plan = idlePlan(pending, answer, current.running);
      if (!plan.ok) {
        apply({ kind: 'status', running: runningTimerOf(current) });
        throw new UserFacingError(plan.message);
      }
      let status = current;
      for (const action of plan.actions) {
        status =
          action.kind === 'clockOut'
            ? await options.clockOut(action.end === undefined ? {} : { end: formatInstant(action.end, zone()) })
            : await options.clockIn({
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
