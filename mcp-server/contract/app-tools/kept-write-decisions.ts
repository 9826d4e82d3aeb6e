// Tools only the app's own engine lists (docs/decisions.md, "The outbox"): the window's list of writes
// kept while the back end was out of reach that were not sent, with the choices, and the person's
// decision. An AI client never sees them: it hears of such a write in the next answer and has the
// ordinary tools to act on it, so the model's tool list pays nothing for them.
import * as z from 'zod/v4';
import { appToolContract } from '../tools/tool-contract.ts';

/**
 * A kept write's outcome as data: a notice's code and facts (contract/outcomes/outbox.ts), worded for a
 * person by the same catalog (notices.ts, noticeSentence, and sentence.ts, peopleText).
 */
const OUTCOME_NOTICE = z.object({ code: z.string(), facts: z.looseObject({}) });

/** What the person may do with a kept write that was not sent: the engine, main and the window share it. */
export const CHOICES = ['dismiss', 'send_again'] as const;
export type KeptWriteChoice = (typeof CHOICES)[number];

export const keptWriteDecisionsContract = appToolContract({
  name: 'kept_write_decisions',
  title: 'Kept writes to decide',
  description: 'Writes kept while the back end was out of reach that were not sent and wait for your decision.',
  capability: 'account',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: z.object({}),
  output: z.object({
    writes: z.array(
      z.object({
        id: z.number(),
        kind: z.enum(['clock_in', 'clock_out', 'log_time']),
        /** When the person made the write, ISO 8601 with its offset. */
        happened_at: z.string(),
        /** Why it was not sent, and what can be done, in the engine's words for a model (`notice` is the same as data). */
        words: z.string(),
        /** Why it was not sent, and what can be done: the notice's code and facts. */
        notice: OUTCOME_NOTICE,
        choices: z.array(z.object({ choice: z.enum(CHOICES), label: z.string() })),
        /** With several trackers: the connection whose outbox keeps it (decide it with that `tracker`). */
        tracker: z.string().optional(),
      }),
    ),
  }),
});

export const decideKeptWriteContract = appToolContract({
  name: 'decide_kept_write',
  title: 'Decide a kept write',
  description: 'Dismiss a kept write that was not sent, or send it again.',
  capability: 'account',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: z.object({
    id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    choice: z.enum(CHOICES),
  }),
  output: z.object({
    id: z.number(),
    choice: z.enum(CHOICES),
    /** What came of it, in a sentence for a model (`notice` is the same as data). */
    outcome: z.string(),
    /** What came of it: the notice's code and facts. */
    notice: OUTCOME_NOTICE,
  }),
});
