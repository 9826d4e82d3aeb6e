// What each answer to the idle question does, as plain data the tracker carries out through the
// engine: keep the time (nothing), keep it and clock out now, discard it by clocking out when the
// absence began, or discard it and go on (clock out then, clock in again now on the same work).
// With several timers running at once (several connections, `timers: per_tracker`) the answer acts
// on each of them, each in its own connection (`tracker`).
import type { EntryView, IdleAnswer } from '../../window-contract/status.ts';
import type { PendingQuestion } from './idle-model.ts';

export type IdleAction =
  | { kind: 'clockOut'; end?: number; tracker?: string }
  | { kind: 'clockIn'; project?: string; activity?: string; description?: string; tracker?: string };

export type IdlePlan = { ok: true; actions: IdleAction[] } | { ok: false; message: string };

/**
 * The steps of an answer, or why it can no longer be carried out (the timer changed meanwhile).
 * `others`: the other timers the question was about that still run (several connections); each gets
 * the same steps in its own connection, the clocking out of every one before any clocking in.
 */
export function idlePlan(question: PendingQuestion, answer: IdleAnswer, running: EntryView | null, others: readonly EntryView[] = []): IdlePlan {
  if (running?.id !== question.entryId) {
    return { ok: false, message: 'The timer changed since Punchcard asked (it was stopped or switched), so nothing was changed.' };
  }
  const timers = [running, ...others];
  const on = (timer: EntryView) => (timer.tracker ? { tracker: timer.tracker } : {});
  switch (answer) {
    case 'keep':
      return { ok: true, actions: [] };
    case 'keep-stop':
      return { ok: true, actions: timers.map((timer) => ({ kind: 'clockOut', ...on(timer) })) };
    case 'discard-stop':
      return { ok: true, actions: timers.map((timer) => ({ kind: 'clockOut', end: question.since, ...on(timer) })) };
    case 'discard-restart':
      return {
        ok: true,
        actions: [
          ...timers.map((timer): IdleAction => ({ kind: 'clockOut', end: question.since, ...on(timer) })),
          ...timers.map(
            (timer): IdleAction => ({
              kind: 'clockIn',
              ...(timer.project ? { project: timer.project } : {}),
              ...(timer.activity ? { activity: timer.activity } : {}),
              ...(timer.description ? { description: timer.description } : {}),
              ...on(timer),
            }),
          ),
        ],
      };
  }
}

/** "35 minutes", "1 hour 5 minutes": how long the person was away, for the question. */
export function awayWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [...(hours ? [`${hours} hour${hours === 1 ? '' : 's'}`] : []), ...(rest || !hours ? [`${rest} minute${rest === 1 ? '' : 's'}`] : [])];
  return parts.join(' ');
}
