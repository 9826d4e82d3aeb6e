// Refusals of a person's words the engine cannot read as asked: a time, a day, a duration, a range of
// days, a year outside those Punchcard works with, an answer to a question that does not fit it or a
// question declined. The domain finds most of them (domain/time.ts, duration.ts, call-limits.ts) and
// gives them as a code and its facts without the argument's name, which the tool adds (`field`):
// the same words serve `start`, `end`, `from`, `first_day` and a prompt's arguments.
import { day, either, moment, say, type Sentence } from './sentence.ts';
import { refusalFamily } from './wording.ts';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DURATION_EXAMPLES = 'such as 1h30m, 90m, 1.5h, 1:30 or PT1H30M';

/** How a person calls the field an argument fills (the window's and the tray's words for them). */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  date: 'day',
  from: 'first day',
  to: 'last day',
  first_day: 'first day',
  last_day: 'last day',
  'set.add_tags': 'tags to add',
};

function fieldName(field: string): string {
  return FIELD_NAMES[field] ?? field.replaceAll('_', ' ');
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** The argument named before what is wrong with it: "start: " for a model, "Start: " or "First day: " for a person. */
export function argumentNamed(field: string) {
  return either(`${field}: `, `${capitalised(fieldName(field))}: `);
}

/** The argument as the subject of a sentence: "start is …" for a model, "The start is …" for a person. */
export function argumentAsSubject(field: string) {
  return either(field, /^[a-z_.]+$/.test(field) ? `The ${fieldName(field)}` : field);
}

/** "Use an ISO time such as 2026-05-13T09:00:00+02:00, or 09:00 for today.": the example is 09:00 of the person's own day and zone. */
function timeHint(example: string) {
  return either(`Use an ISO time such as ${example}, or 09:00 for today.`, 'Write a time such as 09:00.');
}

/** Words carried in facts as their parts (sentence.ts): what a question said would stay as it was. */
export type SaidPart =
  | string
  | { readonly day: string }
  | { readonly moment: string }
  | { readonly model: string; readonly people: string }
  | { readonly outside: string }
  | SaidParts;
export type SaidParts = readonly SaidPart[];

type Field = {
  /** The argument as the call gave it: `start`, `first_day`, a prompt's `week`. */
  field: string;
};

/** A field's words: what was written, trimmed. */
type Written = Field & { text: string };

export const inputRefusals = refusalFamily({
  /** A time in no shape Punchcard reads ("9am tomorrow"). */
  time_unreadable: {
    kind: 'input',
    say: (facts: Written & { /** 09:00 of the person's day, with its offset: an example to write. */ example: string }) =>
      say`${argumentNamed(facts.field)}Could not read "${facts.text}" as a time. ${timeHint(facts.example)}`,
    example: { field: 'start', text: '9am tomorrow', example: '2026-11-21T09:00:00+01:00' },
  },
  /** A time of day past its clock: 25:00, 12:60. */
  time_of_day_out_of_range: {
    kind: 'input',
    say: (
      facts: Written & {
        part: 'hours' | 'minutes' | 'seconds';
        /** An ISO time (its hint is an ISO example) or a clock time ("17:30", "yesterday 25:00"). */
        written: 'iso' | 'clock';
        example: string;
      },
    ) =>
      say`${argumentNamed(facts.field)}"${facts.text}" has no such time of day: ${facts.part} go from 00 to ${facts.part === 'hours' ? '23' : '59'}. ${
        facts.written === 'iso' ? timeHint(facts.example) : 'Use a time such as 09:00 or 17:30.'
      }`,
    example: { field: 'end', text: '25:00', part: 'hours', written: 'clock', example: '2026-11-21T09:00:00+01:00' },
  },
  /** An ISO time whose offset is none ("+25:00"). */
  utc_offset_unreadable: {
    kind: 'input',
    say: (facts: Written & { offset: string }) =>
      say`${argumentNamed(facts.field)}"${facts.offset}" in ${either(`"${facts.text}"`, 'the time')} is not a UTC offset. Write offsets as +01:00, -05:00 or Z.`,
    example: { field: 'start', text: '2026-11-21T09:00+25:00', offset: '+25:00' },
  },
  /** A day the calendar does not have, in a time or a date: 2026-02-30, 2026-13-01. */
  day_not_real: {
    kind: 'input',
    say: (
      facts: Field & {
        date: string;
        /** The days its month has; null where the month is none (13). */
        month_days: number | null;
        /** Read as part of a time, or as a day. */
        reading: 'time' | 'date';
        /** What to write instead: 09:00 of today (a time), or today (a day). */
        example: string;
      },
    ) => {
      const year = Number(facts.date.slice(0, 4));
      const why =
        facts.month_days === null ? 'months go from 01 to 12' : `${MONTH_NAMES[Number(facts.date.slice(5, 7)) - 1]} ${year} has ${facts.month_days} days`;
      const hint = facts.reading === 'time' ? timeHint(facts.example) : either(`Use a date such as ${facts.example}.`, '');
      return say`${argumentNamed(facts.field)}${either(`"${facts.date}" is not a real date`, 'That date does not exist')}: ${why}. ${hint}`;
    },
    example: { field: 'first_day', date: '2026-02-30', month_days: 28, reading: 'date', example: '2026-11-21' },
  },
  /** A day in no shape Punchcard reads ("next friday"). */
  date_unreadable: {
    kind: 'input',
    say: (facts: Written & { /** Today, an example to write. */ example: string }) =>
      say`${argumentNamed(facts.field)}Could not read "${facts.text}" as a date. ${either(`Use a date such as ${facts.example}, or`, 'Use a date, or')} today, yesterday or tomorrow.`,
    example: { field: 'from', text: 'next friday', example: '2026-11-21' },
  },
  /** A day outside the years Punchcard works with (domain/call-limits.ts): the range a call may grow with. */
  year_out_of_range: {
    kind: 'input',
    say: (facts: Field & { date: string; first_year: number; last_year: number }) =>
      say`${argumentNamed(facts.field)}${day(facts.date)} is outside the years Punchcard works with (${facts.first_year} to ${facts.last_year}).`,
    example: { field: 'first_day', date: '1999-12-31', first_year: 2000, last_year: 2100 },
  },
  /** A time ahead of now where only what happened may be written (a timesheet records the past). */
  time_in_future: {
    kind: 'input',
    say: (facts: Field & { time: string }) => say`${argumentAsSubject(facts.field)} is in the future (${moment(facts.time)}). Use a time up to now.`,
    example: { field: 'start', time: '2026-05-13T23:30:00+02:00' },
  },
  /** A duration left empty. */
  duration_missing: {
    kind: 'input',
    say: (facts: Field) => say`${argumentNamed(facts.field)}A duration is required, ${DURATION_EXAMPLES}.`,
    example: { field: 'duration' },
  },
  duration_negative: {
    kind: 'input',
    say: (facts: Written) => say`${argumentNamed(facts.field)}"${facts.text}" is negative. Write how long it took, ${DURATION_EXAMPLES}.`,
    example: { field: 'duration', text: '-1h' },
  },
  /** A bare number ("90"): minutes or hours? Guessing wrong books a day and a half, so the unit is asked for. */
  duration_unit_missing: {
    kind: 'input',
    say: (facts: Written & { amount: number }) => say`${argumentNamed(facts.field)}${unitMissingWords(facts.text, facts.amount)}`,
    example: { field: 'duration', text: '90', amount: 90 },
  },
  duration_unreadable: {
    kind: 'input',
    say: (facts: Written) => say`${argumentNamed(facts.field)}Could not read "${facts.text}" as a duration. Write it ${DURATION_EXAMPLES}.`,
    example: { field: 'duration', text: 'a while' },
  },
  duration_zero: {
    kind: 'input',
    say: (facts: Written) => say`${argumentNamed(facts.field)}"${facts.text}" is zero. Write how long it took, ${DURATION_EXAMPLES}.`,
    example: { field: 'duration', text: '0m' },
  },
  duration_under_a_minute: {
    kind: 'input',
    say: (facts: Written) =>
      say`${argumentNamed(facts.field)}"${facts.text}" is less than a minute. Durations are counted in whole minutes, such as 1m or 15m.`,
    example: { field: 'duration', text: '20s' },
  },
  duration_over_a_day: {
    kind: 'input',
    say: (facts: Written) => say`${argumentNamed(facts.field)}"${facts.text}" is more than 24 hours. Log each day separately, at most 24h per entry.`,
    example: { field: 'duration', text: '26h' },
  },
  /** A range of days whose last day comes before its first. */
  range_reversed: {
    kind: 'input',
    say: (facts: { from: string; to: string }) =>
      say`${either('to', 'The last day')} (${day(facts.to)}) is before ${either('from', 'the first day')} (${day(facts.from)}).`,
    example: { from: '2026-05-03', to: '2026-05-01' },
  },
  /** A range longer than the tool may cover in one call (domain/call-limits.ts). */
  range_too_long: {
    kind: 'input',
    say: (facts: { from: string; to: string; days: number; limit: number }) =>
      say`From ${day(facts.from)} to ${day(facts.to)} is ${facts.days} days; ask for at most ${facts.limit} at a time.`,
    example: { from: '2026-01-01', to: '2026-12-31', days: 365, limit: 92 },
  },
  /** A range touching more calendar years than the tool may cover in one call. */
  range_too_many_years: {
    kind: 'input',
    say: (facts: { from: string; to: string; years: number; limit: number }) =>
      say`From ${day(facts.from)} to ${day(facts.to)} touches ${facts.years} calendar years; ask for at most ${facts.limit} at a time.`,
    example: { from: '2024-01-01', to: '2026-12-31', years: 3, limit: 2 },
  },
  /** An answer to a choice that was not one of the choices offered (tools/asking.ts): never acted on. */
  answer_not_offered: {
    kind: 'input',
    say: () => say`The answer was not one of the choices offered. Nothing was done; try again.`,
    example: {},
  },
  /** The person said no to a question, or dismissed it: what stays as it was is the question's own words. */
  question_declined: {
    kind: 'input',
    say: (facts: {
      answer: 'decline' | 'cancel' /** What stays as it was ("Time entry #12 was not deleted"), as the question said it. */;
      unchanged: SaidParts;
    }) =>
      say`${facts.unchanged as Sentence}: ${facts.answer === 'decline' ? 'you said no when asked' : 'the question was dismissed without an answer'}. Nothing was changed.`,
    example: { answer: 'decline', unchanged: [{ model: 'Time entry #12', people: 'This time entry' }, ' was not deleted'] },
  },
});

type InputCode = keyof typeof inputRefusals;
type InputFacts<C extends InputCode> = Parameters<(typeof inputRefusals)[C]['say']> extends [infer F, ...unknown[]] ? F : Record<string, never>;

/** A refusal of this family as the domain finds it: its code and its facts, less the argument's name, which the tool adds. */
export type Unnamed<C extends InputCode> = { [K in C]: { readonly code: K; readonly facts: Omit<InputFacts<K>, 'field'> } }[C];

/** What keeps a time from being read (domain/time.ts, parseInstant). */
export type TimeProblem = Unnamed<'time_unreadable' | 'time_of_day_out_of_range' | 'utc_offset_unreadable' | 'day_not_real'>;
/** What keeps a day from being read (domain/time.ts, parseLocalDate). */
export type DateProblem = Unnamed<'date_unreadable' | 'day_not_real'>;
/** What keeps a duration from being read (domain/duration.ts). */
export type DurationProblem = Unnamed<
  | 'duration_missing'
  | 'duration_negative'
  | 'duration_unit_missing'
  | 'duration_unreadable'
  | 'duration_zero'
  | 'duration_under_a_minute'
  | 'duration_over_a_day'
>;
/** Any reading of an argument that failed, before the tool names the argument. */
export type ReadingProblem = TimeProblem | DateProblem | DurationProblem | Unnamed<'year_out_of_range'>;

/**
 * "90" could be minutes or hours: the unit that is plausible is offered, small numbers as likely hours
 * as minutes, large ones only minutes.
 */
function unitMissingWords(text: string, amount: number): string {
  const written = text.replace(',', '.');
  if (amount <= 24) {
    const asMinutes = Number.isInteger(amount) ? ` or ${written}m for minutes` : '';
    return `"${text}" has no unit. Write ${written}h for hours${asMinutes}.`;
  }
  if (amount > 24 * 60) return `"${text}" has no unit, and is more than 24 hours even as minutes. Write it such as 90m or 1.5h.`;
  return `"${text}" has no unit. Write ${written}m or ${hoursEquivalent(amount)}.`;
}

/** 90 → '1.5h', 100 → '1h40m': decimal hours only where they are exact. */
function hoursEquivalent(minutes: number): string {
  const rounded = Math.round(minutes);
  if ((rounded * 100) % 60 === 0) return `${(rounded / 60).toString()}h`;
  return `${Math.floor(rounded / 60)}h${rounded % 60}m`;
}
