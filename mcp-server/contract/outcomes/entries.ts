// Refusals of a time entry as the tools are asked to book or change it: its span (the end after the
// start, a day at most; log_time's ways of giving one), a change that changes nothing, an entry the
// back end locked. The back ends' own refusals of entries are theirs (back-end.ts and each back end's).
// And the notice of an entry a back end lists that cannot be one (domain/records.ts, checkedEntry).
import { either, joined, moment, outside, recordNamed, say, type Sentence } from './sentence.ts';
import { noticeFamily, refusalFamily } from './wording.ts';

/** An entry as its one-line label needs it: the names of its project and activity, and its description as it came. */
export type EntryNames = { project: string | null; activity: string | null; description: string };

/**
 * `"Website" · "Design" — "notes"`: an entry on one line, each name and its description's first line quoted as the
 * tracker's (tools/shared.ts, entryLabel, says entries so everywhere).
 */
export function entryWords(entry: EntryNames): Sentence {
  const names = [entry.project, entry.activity].filter((name): name is string => Boolean(name)).map(outside);
  const what = names.length > 0 ? joined(names, ' · ') : ['no project'];
  return entry.description ? [...what, ' — ', outside(firstLine(entry.description))] : what;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

export const entriesRefusals = refusalFamily({
  /** A booked entry whose end is not after its start. */
  entry_end_not_after_start: {
    kind: 'input',
    say: () => say`${either('end must be after start.', 'The end must be after the start.')}`,
    example: {},
  },
  /** A booked entry longer than a day: longer work is several entries. */
  entry_over_a_day: {
    kind: 'input',
    say: () => say`An entry can be at most 24 hours long; split longer work into several entries.`,
    example: {},
  },
  /** log_time given a day and a start or end that is more than a time of day. */
  entry_span_and_date: {
    kind: 'input',
    say: () => say`With a date, give start and end as times of day (09:00); or leave the date out and give full times.`,
    example: {},
  },
  /** log_time given an end and a duration as well as a start. */
  entry_end_and_duration: {
    kind: 'input',
    say: () => say`Give end or duration, not both.`,
    example: {},
  },
  /** log_time given neither a span nor a duration. */
  entry_span_missing: {
    kind: 'input',
    say: () => say`Give start and end, or a duration (with a date or a start)${either(', e.g. {"date": "yesterday", "duration": "1h30m"}', '')}.`,
    example: {},
  },
  /** update_time_entry given nothing to change. */
  entry_change_missing: {
    kind: 'input',
    say: () => say`Nothing to change: give at least one of start, end, project, activity, description or fields.`,
    example: {},
  },
  /** An entry the back end keeps from changes (exported, invoiced, in a locked period); the reason is the back end's words. */
  entry_locked: {
    kind: 'input',
    say: (facts: { entry: number; reason: string }) =>
      say`${recordNamed('Time entry', facts.entry, 'start')} cannot be changed: ${facts.reason} Nothing was changed.`,
    example: { entry: 12, reason: 'It is exported in Kimai.' },
  },
});

/** An entry a back end listed that cannot be a record of work, as list_time_entries and time_report say it (domain/records.ts, Impossible). */
export type ImpossibleEntry = {
  entry: number;
  /** Its start and end as the back end keeps them, in the engine's writing of instants. */
  start: string;
  end: string;
  why: 'ends_before_start' | 'too_long';
  /** How long it lasts, in whole hours (too_long). */
  hours: number;
  /** The longest entry it was held to, in hours: the back end's own (`limit: back_end`) or any stretch of work's (`general`). */
  longest_hours: number;
  limit: 'back_end' | 'general';
  back_end: string;
};

export const entriesNotices = noticeFamily({
  /** An entry that ends before it starts, or lasts longer than the back end keeps any (or than any stretch of work): listed, counted nowhere. */
  entry_impossible: {
    say: (facts: ImpossibleEntry) => {
      const longest = facts.longest_hours.toLocaleString('en');
      const what =
        facts.why === 'ends_before_start'
          ? say`ends (${moment(facts.end)}) before it starts (${moment(facts.start)})`
          : say`lasts ${facts.hours.toLocaleString('en')} hours (${moment(facts.start)} to ${moment(facts.end)}), longer than ${
              facts.limit === 'back_end' ? `the ${longest} hours an entry there can last` : `any stretch of work (${longest} hours)`
            }`;
      return say`${recordNamed('Time entry', facts.entry, 'start')} in ${facts.back_end} ${what}: listed as it came, and left out of every total. ${either(
        'Correct it with update_time_entry or in the tracker.',
        'Correct it here or in the tracker.',
      )}`;
    },
    example: {
      entry: 4_521,
      start: '2026-11-16T09:00:00+01:00',
      end: '2036-11-16T09:00:00+01:00',
      why: 'too_long',
      hours: 87_672,
      longest_hours: 999,
      limit: 'back_end',
      back_end: 'Toggl Track (api.track.toggl.com)',
    },
  },
});
