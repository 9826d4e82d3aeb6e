// Refusals of the fields a company requires on time entries (Clockify's custom fields, Kimai's meta
// fields; mcp-server/domain/entry-fields.ts): a required field missing, a value the tracker would not
// take, `fields` given to a back end that keeps none, and fields that did not land on an entry that
// was written. docs/tools.md, "Custom fields".
import { either, forModelOnly, joined, outside, recordNamed, say, type Sentence } from './sentence.ts';
import { MAX_FIELD_TEXT, MAX_FIELDS_GIVEN } from '../entry-field-bounds.ts';
import { type Nested, type NestedRefusal, refusalFamily } from './wording.ts';

const listed = (names: readonly string[]): Sentence => joined(names.map(outside), ', ');

/** Which draft of book_suggested_entries, where the refusal is about one. */
const ofDraft = (draft: string | undefined) => (draft ? either(` (draft ${draft})`, '') : '');

/** What became of the timer, where clock_in or clock_out was refused. */
const TIMER_WORDS = {
  keeps_running: ' The timer keeps running as it was; clock out again with them.',
  not_started: ' No timer was started.',
} as const;

function choicesWords(choices: Readonly<Record<string, readonly string[]>>): Sentence {
  const lines = Object.entries(choices).map(([name, values]) => say`${outside(name)} is one of ${listed(values)}`);
  return lines.length > 0 ? say` (${joined(lines, '; ')})` : [];
}

const PROBLEM_WORDS = {
  unknown: 'is not a field',
  not_here: 'is not a field of entries on this project',
  type: 'takes',
  choice: 'takes one of',
  admin_only: 'is set by administrators only',
  too_long: `takes at most ${MAX_FIELD_TEXT.toLocaleString('en')} characters`,
  too_many: `names more than ${MAX_FIELDS_GIVEN} fields`,
} as const;

export const fieldsRefusals = refusalFamily({
  /** Required fields of the entry's project have no value: nothing was sent; the model asks the person. */
  fields_required: {
    kind: 'input',
    say: (facts: {
      back_end: string;
      /** The missing fields, by the tracker's names. */
      missing: readonly string[];
      /** A missing choice field's choices, by its name. */
      choices: Readonly<Record<string, readonly string[]>>;
      draft?: string;
      /** clock_out refused: the timer keeps running; clock_in: none was started. */
      timer?: keyof typeof TIMER_WORDS;
    }) =>
      say`${facts.back_end} requires ${listed(facts.missing)} on this entry${ofDraft(facts.draft)}${choicesWords(facts.choices)}. ${either(
        'Ask the person for the values (do not guess) and call again with fields: {"name": value}.',
        'Fill them in and try again.',
      )} Nothing was sent.${facts.timer ? TIMER_WORDS[facts.timer] : ''}`,
    example: { back_end: 'Clockify', missing: ['Ticket', 'Cost centre'], choices: { 'Cost centre': ['Sales', 'R&D'] }, timer: 'keeps_running' },
  },
  /** A value the tracker would not take: a field it does not know (or not on this entry), a wrong type, not among the choices, or one only admins set. */
  field_value_invalid: {
    kind: 'input',
    say: (facts: {
      back_end: string;
      field: string;
      problem: keyof typeof PROBLEM_WORDS;
      expected?: string;
      choices?: readonly string[];
      /** The fields this entry takes, where the key named none of them. */
      known?: readonly string[];
      draft?: string;
    }) =>
      say`In ${facts.back_end}, ${outside(facts.field)}${ofDraft(facts.draft)} ${PROBLEM_WORDS[facts.problem]}${
        facts.problem === 'type' ? ` a ${facts.expected ?? 'different'} value` : facts.problem === 'choice' ? say` ${listed(facts.choices ?? [])}` : ''
      }.${facts.known !== undefined ? (facts.known.length > 0 ? say` This entry takes ${listed(facts.known)}.` : ' This entry takes no fields.') : ''} Nothing was sent.`,
    example: { back_end: 'Clockify', field: 'Cost centre', problem: 'choice', choices: ['Sales', 'R&D'] },
  },
  /** `fields` given where the back end keeps no custom fields on entries. */
  custom_fields_none: {
    kind: 'input',
    say: (facts: { back_end: string }) => say`${facts.back_end} has no custom fields on time entries${forModelOnly(': leave fields out')}. Nothing was sent.`,
    example: { back_end: 'Clockodo' },
  },
  /** The entry was written, then some of its fields were refused (Kimai takes them one request each after the entry): what landed and what did not. */
  fields_partly_written: {
    kind: 'failed',
    say: (facts: { back_end: string; entry: number; written: readonly string[]; not_written: readonly string[]; cause: NestedRefusal }, nested: Nested) =>
      say`${recordNamed('Time entry', facts.entry, 'start')} was saved in ${facts.back_end}${
        facts.written.length > 0 ? say` with ${listed(facts.written)}` : ''
      }, but ${listed(facts.not_written)} did not land: ${nested(facts.cause)} ${either(
        `Set them with update_time_entry on #${facts.entry}`,
        'Set them on the entry',
      )}; nothing else was lost.`,
    example: {
      back_end: 'Kimai',
      entry: 412,
      written: ['ticket'],
      not_written: ['costcentre'],
      cause: { code: 'failure_said', facts: { message: 'Kimai answered 404 Not Found.' } },
    },
  },
  /** The back end is out of reach (or earlier writes wait), and a write with custom fields is not kept for later. */
  fields_not_kept: {
    kind: 'unavailable',
    say: (facts: { back_end: string }) =>
      say`${facts.back_end} cannot be reached now, or earlier writes still wait for it, and a write with custom fields is not kept for later. Nothing was sent; try again when ${facts.back_end} answers.`,
    example: { back_end: 'Kimai' },
  },
});
