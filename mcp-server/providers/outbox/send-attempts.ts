// How many tries one kept write gets before it is settled for the person, so one write that keeps
// failing cannot hold back every write behind it (they go out in order). Only tries that say something
// about the write itself count: the back end answered the look before it and then failed the write, the
// call stopped, Punchcard failed, an engine stopped mid-send. A back end that is away (nothing answered)
// or that asked to wait (a rate limit) is what the outbox waits out, however long it takes.
import { CallStopped } from '../remote/request-budget.ts';
import { RemoteError } from '../remote/remote-error.ts';
import type { EntriesPart, TimerPart, TimeTracker } from '../time-tracker.ts';

/** Tries that count before a kept write is given up on and the person decides. */
export const MAX_SEND_ATTEMPTS = 5;

/** The timer's and the entries' methods a send uses (deliver.ts). */
export type DeliveryTracker = TimerPart & Pick<EntriesPart, 'listEntries' | 'createEntry'>;

/** `tracker` for one send, noting whether the back end answered any of its requests. */
export function watchedTracker(tracker: TimeTracker): { tracker: DeliveryTracker; answered: () => boolean } {
  let answered = false;
  const noted = <T>(promise: Promise<T>): Promise<T> =>
    promise.then((value) => {
      answered = true;
      return value;
    });
  return {
    answered: () => answered,
    tracker: {
      runningEntry: () => noted(tracker.timer.runningEntry()),
      listEntries: (query) => noted(tracker.entries.listEntries(query)),
      startTimer: (fields, switchRunning) => noted(tracker.timer.startTimer(fields, switchRunning)),
      stopTimer: (end, note) => noted(tracker.timer.stopTimer(end, note)),
      createEntry: (fields) => noted(tracker.entries.createEntry(fields)),
    },
  };
}

/**
 * Whether a send that failed without the back end's refusal counts as a try: not when the back end
 * was away (nothing answered), asked to wait (a rate limit), or the client cancelled the call.
 */
export function countsAsTry(error: unknown, outOfReach: boolean, answered: boolean): boolean {
  if (outOfReach) return answered;
  if (error instanceof RemoteError && error.failure === 'rate_limited') return false;
  return !(error instanceof CallStopped && error.why === 'cancelled');
}

/** What the last try met, for a kept write given up on: the failure's first sentence (the rest is advice for a call, such as "Try again later"). */
export function lastTry(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split(/(?<=\.)\s/, 1)[0] ?? message).replace(/[.\s]+$/, '');
}
