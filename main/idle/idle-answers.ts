// What each answer to the idle question does, as plain data the tracker carries out through the
// engine: keep the time (nothing), keep it and clock out now, discard it by clocking out when the
// absence began, or discard it and go on (clock out then, clock in again now on the same work).
import type { EntryView, IdleAnswer } from '../../window-contract/status.ts';
import type { PendingQuestion } from './idle-model.ts';

export type IdleAction = { kind: 'clockOut'; end?: number } | { kind: 'clockIn'; project?: string; activity?: string; description?: string };

export type IdlePlan = { ok: true; actions: IdleAction[] } | { ok: false; message: string };

/** The steps of an answer, or why it can no longer be carried out (the timer changed meanwhile). */
export function idlePlan(question: PendingQuestion, answer: IdleAnswer, running: EntryView | null): IdlePlan {
  if (running?.id !== question.entryId) {
    return { ok: false, message: 'The timer changed since Punchcard asked (it was stopped or switched), so nothing was changed.' };
  }
  switch (answer) {
    case 'keep':
      return { ok: true, actions: [] };
    case 'keep-stop':
      return { ok: true, actions: [{ kind: 'clockOut' }] };
    case 'discard-stop':
      return { ok: true, actions: [{ kind: 'clockOut', end: question.since }] };
    case 'discard-restart':
      return {
        ok: true,
        actions: [
          { kind: 'clockOut', end: question.since },
          {
            kind: 'clockIn',
            ...(running.project ? { project: running.project } : {}),
            ...(running.activity ? { activity: running.activity } : {}),
            ...(running.description ? { description: running.description } : {}),
          },
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
