// Noticing that the person was away while a timer ran, as plain data (the adapter, idle-watch.ts,
// feeds it Electron's powerMonitor). Away begins when the computer has been idle for the threshold
// (the moment of the last input, not the moment it was noticed), when it goes to sleep, or when the
// screen locks; it ends with the first input after that, on waking (unless the screen is still
// locked) or on unlocking. Coming back after at least the threshold while the same timer still runs
// raises a question; nothing else happens until the person answers it (answers.ts).

export type AwayCause = 'idle' | 'sleep' | 'lock';

export interface RunningTimer {
  id: number;
  /** Epoch ms. */
  start: number;
}

export interface PendingQuestion {
  id: number;
  /** When the away time began and ended (epoch ms). */
  since: number;
  until: number;
  cause: AwayCause;
  /** The running entry it is about; a question about an entry that stopped meanwhile is dropped. */
  entryId: number;
}

export interface IdleState {
  /** When the person's absence began, while it lasts; null while they are there. */
  awaySince: number | null;
  /** Why: sleep outranks a lock, which outranks plain idleness (what the person will remember). */
  cause: AwayCause | null;
  /** The screen is locked: only unlocking brings the person back. */
  locked: boolean;
  question: PendingQuestion | null;
  nextId: number;
}

export type IdleEvent =
  /** The system's idle time, asked now. */
  | { kind: 'sample'; at: number; idleSeconds: number }
  | { kind: 'suspend' | 'lock'; at: number; idleSeconds: number }
  | { kind: 'resume' | 'unlock'; at: number }
  /** The timer changed (started, stopped, switched): a question about another entry goes. */
  | { kind: 'status'; running: RunningTimer | null }
  /** The person answered, or the question was otherwise settled. */
  | { kind: 'answered'; id: number };

export interface IdleContext {
  /** Minutes from the preferences; 0 turns noticing off. */
  thresholdMinutes: number;
  running: RunningTimer | null;
}

export const INITIAL_IDLE_STATE: IdleState = { awaySince: null, cause: null, locked: false, question: null, nextId: 1 };

/** While away, how often the idle time is asked, so the question comes within moments of returning. */
export const AWAY_SAMPLE_MS = 2_000;
/** An input within this long after away began is the same absence still being noticed, not a return. */
const SAME_MOMENT_MS = 1_000;
const RANK: Record<AwayCause, number> = { idle: 0, lock: 1, sleep: 2 };

function thresholdMs(context: IdleContext): number {
  return Math.max(0, context.thresholdMinutes) * 60_000;
}

function worse(a: AwayCause | null, b: AwayCause): AwayCause {
  return a === null || RANK[b] > RANK[a] ? b : a;
}

/** The next state; `question` is set when this event raised one (the adapter shows it). */
export function idleStep(state: IdleState, event: IdleEvent, context: IdleContext): { state: IdleState; asked: PendingQuestion | null } {
  const threshold = thresholdMs(context);
  const unchanged = { state, asked: null };
  switch (event.kind) {
    case 'status': {
      const keep = state.question !== null && event.running?.id === state.question.entryId;
      // Without a timer nothing is tracked: there is no time to ask about.
      const next = event.running === null ? { ...state, awaySince: null, cause: null } : state;
      return { state: keep ? next : { ...next, question: null }, asked: null };
    }
    case 'answered':
      return state.question?.id === event.id ? { state: { ...state, question: null }, asked: null } : unchanged;
    case 'sample': {
      if (threshold === 0 || context.running === null || state.locked) return unchanged;
      const lastInput = event.at - event.idleSeconds * 1000;
      if (state.awaySince === null) {
        if (event.idleSeconds * 1000 < threshold) return unchanged;
        return { state: { ...state, awaySince: lastInput, cause: 'idle' }, asked: null };
      }
      if (lastInput <= state.awaySince + SAME_MOMENT_MS) return unchanged;
      return back(state, lastInput, context);
    }
    case 'suspend':
    case 'lock': {
      if (threshold === 0 || context.running === null) return { state: { ...state, locked: event.kind === 'lock' || state.locked }, asked: null };
      const began = event.at - event.idleSeconds * 1000;
      return {
        state: {
          ...state,
          awaySince: Math.min(state.awaySince ?? began, began),
          cause: worse(state.cause, event.kind === 'lock' ? 'lock' : 'sleep'),
          locked: state.locked || event.kind === 'lock',
        },
        asked: null,
      };
    }
    case 'resume':
      // Woken with the screen locked: the person is back once they unlock it.
      if (state.locked || state.awaySince === null) return unchanged;
      return back(state, event.at, context);
    case 'unlock': {
      const unlocked = { ...state, locked: false };
      if (state.awaySince === null) return { state: unlocked, asked: null };
      return back(unlocked, event.at, context);
    }
  }
}

/** The person is back at `until`: a question when the same timer ran through a long enough absence. */
function back(state: IdleState, until: number, context: IdleContext): { state: IdleState; asked: PendingQuestion | null } {
  const present: IdleState = { ...state, awaySince: null, cause: null };
  const running = context.running;
  if (state.awaySince === null || running === null || thresholdMs(context) === 0) return { state: present, asked: null };
  // A timer started while the person was away (by an AI client, say) was away only since it started.
  const since = Math.max(state.awaySince, running.start);
  if (until - since < thresholdMs(context)) return { state: present, asked: null };
  const asked: PendingQuestion = { id: state.nextId, since, until, cause: state.cause ?? 'idle', entryId: running.id };
  return { state: { ...present, question: asked, nextId: state.nextId + 1 }, asked };
}

/**
 * When to ask the system's idle time again, or null for not at all (off, no timer, or the screen
 * locked: an event will come). While present: the earliest the threshold could be reached, given
 * how long the person has been idle already.
 */
export function nextSampleDelay(state: IdleState, context: IdleContext, idleSeconds: number): number | null {
  const threshold = thresholdMs(context);
  if (threshold === 0 || context.running === null || state.locked) return null;
  if (state.awaySince !== null) return AWAY_SAMPLE_MS;
  return Math.max(AWAY_SAMPLE_MS, Math.min(threshold, threshold - idleSeconds * 1000 + 1000));
}
