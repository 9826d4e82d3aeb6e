// A back end's refusal as an error (docs/architecture.md, "A refusal's way out"): a code and its facts, whose words
// are made in one place (contract/outcomes/). Every back end, the outbox and the tools throw and read these.
import { modelText } from '../contract/outcomes/sentence.ts';
import { type Refusal, type RefusalArgs, refusalKind, refusalOf, refusalSentence } from '../contract/outcomes/refusals.ts';
import type { NestedRefusal, RefusalKind } from '../contract/outcomes/wording.ts';
import type { TimeEntry } from '../domain/records.ts';

/**
 * A time entry that is not the person's, refused in the same words whether the back end refused it
 * (a worker's key) or Punchcard did (a manager's or admin's key reaches colleagues' entries).
 */
export function notYourEntry(number: number): BackEndError {
  return new BackEndError('entry_not_yours', { entry: number });
}

export type BackEndKind = 'not_found' | 'conflict' | 'invalid' | 'unavailable' | 'denied';

/**
 * A failure the person can act on: tools turn it into an `isError` result with its refusal (a code and
 * its facts) in its `_meta` and its words for the model as the text. The words are the code's,
 * made in one place (contract/outcomes/); a back end has no other way to say why it refused.
 */
export class BackEndError extends Error {
  /** What the engine does with it: `unavailable` is kept by the outbox, `denied` may withdraw a capability. */
  readonly kind: RefusalKind;
  /** What happened, as data. */
  readonly refusal: Refusal;
  constructor(...args: RefusalArgs) {
    const refusal = refusalOf(...args);
    super(modelText(refusalSentence(refusal)));
    this.name = 'BackEndError';
    this.kind = refusalKind(refusal.code);
    this.refusal = refusal;
  }

  /** The error of a refusal already made as data (a verdict that carries one, providers/local/timesheet-file.ts). */
  static of(refusal: Refusal): BackEndError {
    return new BackEndError(...([refusal.code, refusal.facts] as RefusalArgs));
  }
}

/**
 * Thrown by a change made in part (a Clockify entry replaced whose invoiced mark then failed): the item
 * counts as changed, and the message says what of it was not.
 */
export class PartlyChangedError extends BackEndError {
  constructor(...args: ConstructorParameters<typeof BackEndError>) {
    super(...args);
    this.name = 'PartlyChangedError';
  }
}

/**
 * What went wrong, as a refusal inside another's facts ("Added Ada; then: …"): a BackEndError's own
 * refusal; any other failure as its message (`failure_said`).
 */
export function causeOf(error: unknown): NestedRefusal {
  if (error instanceof BackEndError) return error.refusal;
  return { code: 'failure_said', facts: { message: error instanceof Error ? error.message : String(error) } };
}

/** Thrown by `startTimer` without `stopRunningAt` while another timer runs. */
export class TimerRunningError extends BackEndError {
  readonly running: TimeEntry;
  constructor(running: TimeEntry) {
    super('timer_running', { entry: running.id });
    this.name = 'TimerRunningError';
    this.running = running;
  }
}
