// Refusals of the rules every remote back end keeps when it files leave (providers/leave-filing.ts):
// an overlap with the person's own leave, found before anything is sent, and leave a back end takes in
// several parts refused part-way, with what was filed before.
import { day, daySpan, either, forModelOnly, say, type Sentence } from './sentence.ts';
import type { Nested, NestedRefusal } from './wording.ts';
import { refusalFamily } from './wording.ts';

/** One part already filed: its number (for the model) and its days. */
type FiledPart = { request: number; first_day: string; last_day: string };

export const filingRefusals = refusalFamily({
  /** New leave over days the person's pending or approved leave covers: refused before anything is sent. */
  leave_overlaps: {
    kind: 'conflict',
    say: (facts: {
      request: number;
      /** The request's type as the back end names it (its own kind where it has one). */
      type: string;
      first_day: string;
      last_day: string;
      status: 'pending' | 'approved';
    }) =>
      say`That overlaps your ${facts.type} request${forModelOnly(` #${facts.request}`)} (${daySpan(facts.first_day, facts.last_day)}, ${facts.status}). Nothing was filed.`,
    example: { request: 31, type: 'vacation', first_day: '2026-08-03', last_day: '2026-08-14', status: 'approved' },
  },
  /**
   * Leave the back end takes in several parts (a year boundary, half days at its ends), refused after
   * the first were filed: which exist, which part was refused and why (`cause`, the back end's own
   * refusal). Conflict whatever the cause: the leave now stands in part, and the person decides.
   */
  leave_filed_in_part: {
    kind: 'conflict',
    say: (
      facts: {
        /** The back end, and its words for how it keeps the parts: "Kimai stores … absences", "Clockify takes … requests". */
        service: string;
        verb: 'stores' | 'takes';
        unit: string;
        /** What undoes a filed part there. */
        undo: 'cancel' | 'withdraw';
        parts: number;
        filed: readonly FiledPart[];
        refused_first_day: string;
        refused_last_day: string;
        cause: NestedRefusal;
      },
      nested: Nested,
    ) => {
      const done: Sentence = facts.filed.flatMap((part, index) => [
        index === 0 ? '' : ', ',
        either(`#${part.request} (`, ''),
        day(part.first_day),
        ' to ',
        day(part.last_day),
        either(')', ''),
      ]);
      return say`${facts.service} ${facts.verb} this leave as ${facts.parts} ${facts.unit}; ${facts.filed.length} were filed (${done}), then it refused the part from ${day(facts.refused_first_day)} to ${day(facts.refused_last_day)}: ${nested(facts.cause)} Request the rest again once that is sorted out, or ${facts.undo} the filed part.`;
    },
    example: {
      service: 'Kimai',
      verb: 'stores',
      unit: 'absences',
      undo: 'cancel',
      parts: 2,
      filed: [{ request: 41, first_day: '2026-12-28', last_day: '2026-12-31' }],
      refused_first_day: '2027-01-01',
      refused_last_day: '2027-01-08',
      cause: { code: 'failure_said', facts: { message: 'Kimai refused the absence: the vacation balance of 2027 is not set yet.' } },
    },
  },
});
