// The person's time off: their requests filed on the right policy and withdrawn, their balances, and the absence
// calendar (docs/back-ends/clockify.md). What it offers is read before Clockify's code loads.
import type { Capability } from '../../../contract/vocabulary.ts';
import { type Cell, NONE } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { timeOffAnswers } from '../facts.ts';

/** The leave tools, unless time off is known not to answer for the person (the module off, the plan without it, or no access). */
const TIME_OFF: readonly Capability[] = ['leave', 'leave_cancel', 'calendar'];

export const LEAVE: Cell<ClockifyGrid> = {
  name: 'leave',
  offer: {
    own: (known) => (timeOffAnswers(known.facts) ? TIME_OFF : NONE),
    organisation: (known) => (timeOffAnswers(known.facts) ? TIME_OFF : NONE),
  },
  code: async () => (await import('./code.ts')).code,
};
