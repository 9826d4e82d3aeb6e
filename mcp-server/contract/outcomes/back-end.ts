// Refusals every back end may answer in the same words: the timer's state, an entry's span, a record
// that is not the person's, a leave request of their own to decide. A back end's refusals of its own
// are in its family (kimai.ts, clockodo.ts, …).
import { recordNamed, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

export const backEndRefusals = refusalFamily({
  /** Stopping, or changing, a timer when none runs. */
  timer_not_running: {
    kind: 'conflict',
    say: () => say`No timer is running.`,
    example: {},
  },
  /** Starting a timer while another runs, where the tool did not ask to switch (clock_in words it for the person). */
  timer_running: {
    kind: 'conflict',
    say: (_facts: { entry: number }) => say`A timer is already running.`,
    example: { entry: 41 },
  },
  /** Switching to a new timer that would start before the running one did. */
  timer_starts_before_running: {
    kind: 'invalid',
    say: () => say`The new timer would start before the running one did.`,
    example: {},
  },
  /** Stopping the timer at a time before it started. */
  timer_ends_before_start: {
    kind: 'invalid',
    say: () => say`The end time is before the timer started.`,
    example: {},
  },
  /** An entry whose end would come before its start. */
  entry_ends_before_start: {
    kind: 'invalid',
    say: () => say`The entry would end before it starts.`,
    example: {},
  },
  /** A time entry by a number that is someone else's (providers/time-tracker.ts, notYours). */
  entry_not_yours: {
    kind: 'denied',
    say: (facts: { entry: number }) => say`${recordNamed('Time entry', facts.entry, 'start')} is not yours; Punchcard only reads and changes your own entries.`,
    example: { entry: 12 },
  },
  /** A lead deciding a leave request that is their own. */
  leave_request_own: {
    kind: 'denied',
    say: (facts: { request: number }) => say`${recordNamed('Leave request', facts.request, 'start')} is your own; somebody else decides it. Nothing was sent.`,
    example: { request: 7 },
  },
});
