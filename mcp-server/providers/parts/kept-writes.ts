// The outbox's writes that wait for the person: only a back end with an outbox has them.
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { KeptWriteChoice } from '../../contract/app-tools/kept-write-decisions.ts';
import type { Notice } from '../../contract/outcomes/notices.ts';

/** The outbox's writes that wait for the person: only a back end with an outbox has them. */
export interface KeptWritesPart {
  /**
   * Writes kept while the back end was out of reach that were not sent and wait for the person
   * (providers/outbox/decisions.ts). Listed for the app's window.
   */
  decisions(): Promise<KeptWriteDecision[]>;
  /** Carries out the person's choice for one of them; what came of it, as a notice (contract/outcomes/outbox.ts). */
  decide(id: number, choice: KeptWriteChoice): Promise<Notice>;
}

/** What the person may do with a kept write that was not sent (providers/outbox/decisions.ts). */
export type { KeptWriteChoice };

export interface KeptWriteDecision {
  /** The outbox row. */
  id: number;
  kind: 'clock_in' | 'clock_out' | 'log_time';
  /** When the person made the write. */
  happenedAt: number;
  /** Why it was not sent, and what they can do, as data: the notice the engine said it with (contract/outcomes/outbox.ts). */
  notice: Notice;
  /** The same, in its words for the model. */
  words: string;
  choices: Array<{ choice: KeptWriteChoice; label: string }>;
}
