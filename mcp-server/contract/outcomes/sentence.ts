// One sentence, said two ways: for a model, which reads tool names, record numbers and ISO days, and
// for a person at the window or the tray, who has the record in front of them, no tools, and their
// own calendar. A refusal's or a notice's words are written once, as parts (the catalogs beside this
// file), and each side renders the parts its way: the engine with `modelText`, the app with
// `peopleText`. Nothing reads a rendered sentence back, so a change of words can break neither side.
// Plain data, free of Node and zod: the window's main process and the engine both load it. Text from outside (a
// tracker's names and notes, a back end's words) is a part of its own, `outside`, which every reader renders as one
// quoted line (quoted-line.ts): a sentence cannot take it as its own words.

import { quotedLine } from './quoted-line.ts';

/** A day, `YYYY-MM-DD`: a model reads it as written, a person in their calendar's words. */
export interface DayPart {
  readonly day: string;
}

/** An instant as the engine writes it (`2026-05-13T14:30:00+02:00`): the same, with its time of day. */
export interface MomentPart {
  readonly moment: string;
}

/** Words for each reader: a record's number or a pointer to a tool for the model, what a person reads instead (often nothing). */
export interface EitherPart {
  readonly model: string;
  readonly people: string;
}

/**
 * Text someone else wrote: a tracker's name, note, currency or number, a back end's words. Said as one quoted line
 * (quoted-line.ts), its line breaks and control characters shown, never acted on, to a model and a person alike.
 */
export interface OutsidePart {
  readonly outside: string;
}

export type Part = string | DayPart | MomentPart | EitherPart | OutsidePart | Sentence;
// An interface, not a type: a type alias cannot name itself in its own parts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the recursion needs the interface form
export interface Sentence extends ReadonlyArray<Part> {}

/**
 * Parts from a template: `say\`${recordNamed('Time entry', 12)} is not yours.\``. Strings and numbers
 * in it are text; parts keep what they are.
 */
export function say(strings: TemplateStringsArray, ...values: ReadonlyArray<Part | number>): Sentence {
  const parts: Part[] = [];
  strings.forEach((text, index) => {
    if (text !== '') parts.push(text);
    if (index < values.length) {
      const value = values[index] as Part | number;
      parts.push(typeof value === 'number' ? String(value) : value);
    }
  });
  return parts;
}

/** Each reader's own words. */
export function either(model: string, people: string): EitherPart {
  return { model, people };
}

/** Words only a model needs: a pointer to a tool, a record's number, an argument to pass. */
export function forModelOnly(text: string): EitherPart {
  return { model: text, people: '' };
}

/** Text from outside (a tracker's name, a back end's words), said as one quoted line: `outside(project.name)`. */
export function outside(text: string): OutsidePart {
  return { outside: text };
}

/** Text from outside that may be missing: quoted where there is some, `none` otherwise. */
export function outsideOr(text: string | null | undefined, none: Part): Part {
  return text === null || text === undefined || text === '' ? none : outside(text);
}

/** Parts one after another with `between` between each: a list of names (`", "`), a tool's lines (`"\n"`). */
export function joined(parts: readonly Part[], between: string): Sentence {
  return parts.flatMap((part, index) => (index === 0 ? [part] : [between, part]));
}

export function day(date: string): DayPart {
  return { day: date };
}

/** One day, or the first to the last of a span (both inclusive): ISO days for a model, written out for a person. */
export function daySpan(first: string, last: string): Sentence {
  return first === last ? say`${day(first)}` : say`${day(first)} to ${day(last)}`;
}

export function moment(instant: string): MomentPart {
  return { moment: instant };
}

/**
 * A record by its number, as the model needs it ("time entry #12"), and as a person says one they have
 * in front of them: `start` at the start of a sentence ("This time entry"), `the` after a verb or
 * preposition ("this time entry"), `such` after "no" ("no such time entry"), `plain` after anything
 * else ("your time entry").
 */
export function recordNamed(noun: string, id: number | string, at: 'start' | 'the' | 'such' | 'plain' = 'the'): EitherPart {
  const lower = noun.toLowerCase();
  const people = at === 'start' ? `This ${lower}` : at === 'the' ? `this ${lower}` : at === 'such' ? `such ${lower}` : lower;
  return { model: `${noun} #${id}`, people };
}

/** The sentence as the engine answers a model: every part as written. */
export function modelText(sentence: Sentence): string {
  let text = '';
  for (const part of sentence) {
    if (typeof part === 'string') text += part;
    else if (isSentence(part)) text += modelText(part);
    else if ('day' in part) text += part.day;
    else if ('moment' in part) text += part.moment;
    else if ('outside' in part) text += quotedLine(part.outside);
    else text += part.model;
  }
  return text;
}

export interface PeopleTextOptions {
  /** The locale for days and times; the system's when left out. */
  locale?: string | undefined;
}

/**
 * The sentence as a person reads it: their words where the parts have them, days and times in their
 * calendar's words, and the spaces a left-out part leaves tidied. A sentence that says nothing for a
 * person (only pointers for a model) is said as the model reads it.
 */
export function peopleText(sentence: Sentence, options: PeopleTextOptions = {}): string {
  const formats = dateFormats(options.locale);
  const raw = peopleParts(sentence, formats);
  const tidy = raw
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+([.,;:])/g, '$1')
    .replace(/\(\s*\)/g, '')
    .trim();
  return tidy === '' ? modelText(sentence) : tidy;
}

interface DateFormats {
  day: Intl.DateTimeFormat;
  dayAndTime: Intl.DateTimeFormat;
}

function dateFormats(locale: string | undefined): DateFormats {
  return {
    day: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
    dayAndTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
  };
}

function peopleParts(sentence: Sentence, formats: DateFormats): string {
  let text = '';
  for (const part of sentence) {
    if (typeof part === 'string') text += part;
    else if (isSentence(part)) text += peopleParts(part, formats);
    else if ('day' in part) text += peopleDay(part.day, formats);
    else if ('moment' in part) text += peopleMoment(part.moment, formats);
    else if ('outside' in part) text += quotedLine(part.outside);
    else text += part.people;
  }
  return text;
}

function isSentence(part: Part): part is Sentence {
  return Array.isArray(part);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MOMENT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/** "May 13, 2026"; a day the calendar does not have ("2026-02-30", quoted from a person) stays as written. */
function peopleDay(date: string, formats: DateFormats): string {
  const found = DAY.exec(date);
  if (!found) return date;
  const [y, mo, d] = [Number(found[1]), Number(found[2]), Number(found[3])];
  return isCalendarDay(y, mo, d) ? formats.day.format(Date.UTC(y, mo - 1, d)) : date;
}

/** "May 13, 2026, 2:30 PM": the wall time the engine wrote, in the person's zone already. */
function peopleMoment(instant: string, formats: DateFormats): string {
  const found = MOMENT.exec(instant);
  if (!found) return instant;
  const [y, mo, d, h, mi] = [Number(found[1]), Number(found[2]), Number(found[3]), Number(found[4]), Number(found[5])];
  if (!isCalendarDay(y, mo, d) || h > 23 || mi > 59) return instant;
  return formats.dayAndTime.format(Date.UTC(y, mo - 1, d, h, mi));
}

function isCalendarDay(y: number, mo: number, d: number): boolean {
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
