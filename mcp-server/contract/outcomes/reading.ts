// How the engine read a person's words, where it chose: a wall time the clocks show twice.
import { day, either, moment, say } from './sentence.ts';
import { noticeFamily } from './wording.ts';

/** Which reading was taken where a wall time meant two instants (the clocks went back), in the engine's own writing of instants. */
export type TwiceRead = {
  time: string;
  date: string;
  timezone: string;
  which: 'first' | 'second';
  taken: string;
  /** The reading taken is the latest that is not in the future. */
  latest_past: boolean;
  other: string;
};

export const readingNotices = noticeFamily({
  /** A wall time on the night the clocks go back: the reading taken, and how to write the other. */
  time_read_twice: {
    say: (
      facts: TwiceRead & {
        /** The argument it was given as: `start`, `end`. */
        field: string;
      },
    ) =>
      say`${either(`${facts.field}: `, '')}${facts.time} on ${day(facts.date)} happens twice in ${facts.timezone} (the clocks go back); took the ${facts.which} one, ${moment(facts.taken)}${facts.latest_past ? ', the latest that is not in the future' : ''}. For the other, write ${moment(facts.other)}.`,
    example: {
      field: 'start',
      time: '01:30',
      date: '2026-11-01',
      timezone: 'America/New_York',
      which: 'second',
      taken: '2026-11-01T01:30:00-05:00',
      latest_past: true,
      other: '2026-11-01T01:30:00-04:00',
    },
  },
});
