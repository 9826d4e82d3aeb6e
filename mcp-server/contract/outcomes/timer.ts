// Refusals of the timer's tools as the person asked them: clocking in while a timer runs (with what
// runs, so the app's Status screen can show it), clocking out with none running or before it started,
// a break type that is none. What every back end refuses alike of the timer is back-end.ts's.
import { durationText } from '../durations.ts';
import { type EntryNames, entryWords } from './entries.ts';
import { either, forModelOnly, joined, outside, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/** "14:30": the wall time of an instant as the engine writes it ("2026-05-13T14:30:00+02:00"), in the person's zone already. */
function timeOfDay(instant: string): string {
  return instant.slice(11, 16);
}

export const timerRefusals = refusalFamily({
  /** clock_in without `switch` while a timer runs: what runs, since when and how long, and the two ways on. */
  clock_in_timer_running: {
    kind: 'input',
    say: (
      facts: EntryNames & {
        /** The running entry's number. */
        entry: number;
        /** When it started, as the engine writes instants. */
        since: string;
        /** Whole minutes it has run. */
        minutes: number;
        /** With several trackers: the connection whose timer runs (docs/several-trackers.md). */
        tracker?: string;
      },
    ) =>
      say`A timer is already running${facts.tracker === undefined ? '' : ` in ${facts.tracker}`}: ${entryWords(facts)} since ${timeOfDay(facts.since)} (${durationText(facts.minutes, 'units')}). Clock out first, or ${either(
        'call clock_in with switch: true',
        'switch',
      )} to stop it and start the new one.`,
    example: { entry: 41, project: 'Website', activity: 'Design', description: 'Header', since: '2026-05-13T14:30:00+02:00', minutes: 65 },
  },
  /** clock_out with no timer running. */
  clock_out_no_timer: {
    kind: 'input',
    say: () => say`No timer is running, so there is nothing to clock out of.${forModelOnly(' Use log_time to record past work.')}`,
    example: {},
  },
  /** clock_out at an end before the running timer started. */
  clock_out_before_start: {
    kind: 'input',
    say: (facts: { /** When the running timer started, as the engine writes instants. */ started: string }) =>
      say`${either('end', 'The end')} is before the timer started (${timeOfDay(facts.started)}). Give a later end time.`,
    example: { started: '2026-05-13T14:30:00+02:00' },
  },
  /** start_break with a type the person may not take; the ones they may, by name. */
  break_type_unknown: {
    kind: 'input',
    say: (facts: { name: string; known: readonly string[] }) =>
      say`No break type ${outside(facts.name)}. ${facts.known.length > 0 ? say`You may take: ${joined(facts.known.map(outside), ', ')}.` : 'No break types are set up for you.'}`,
    example: { name: 'nap', known: ['Lunch', 'Short break'] },
  },
});
