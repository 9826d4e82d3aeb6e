// The days a prompt's arguments name, read in the person's zone, so the instruction carries exact
// dates and the model never has to work out which Monday "last week" began on.
import { type Refusal, refusalSentence } from '../contract/outcomes/refusals.ts';
import { modelText } from '../contract/outcomes/sentence.ts';
import { FIRST_YEAR, LAST_YEAR } from '../domain/call-limits.ts';
import { addDays, daysBetween, isValidDate, parseLocalDate, startOfIsoWeek, weekdayName } from '../domain/time.ts';
import { type PromptContext, PromptArgumentError } from './define-prompt.ts';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface DayRange {
  from: string;
  to: string;
}

/** A day: today, yesterday, tomorrow or YYYY-MM-DD; `fallback` when left out. */
export function readDay(text: string | undefined, context: PromptContext, name: string, fallback: string): string {
  if (text === undefined || text.trim() === '') return fallback;
  const parsed = parseLocalDate(text, context.timezone, context.now);
  // The words a tool refuses the same day with (contract/outcomes/input.ts), the argument named as the prompt takes it.
  if (!parsed.ok) {
    const refusal = { code: parsed.problem.code, facts: { ...parsed.problem.facts, field: name } } as Refusal;
    throw new PromptArgumentError(modelText(refusalSentence(refusal)));
  }
  return inYears(parsed.date, name);
}

/** "this" (or left out), "last", "next", or any day of the week meant; Monday to Sunday. */
export function readWeek(text: string | undefined, context: PromptContext): DayRange {
  const word = (text ?? '')
    .trim()
    .toLowerCase()
    .replace(/\s+week$/, '');
  const thisMonday = startOfIsoWeek(context.today);
  const monday =
    word === '' || word === 'this'
      ? thisMonday
      : word === 'last'
        ? addDays(thisMonday, -7)
        : word === 'next'
          ? addDays(thisMonday, 7)
          : startOfIsoWeek(readDay(text, context, 'week', context.today));
  return { from: monday, to: addDays(monday, 6) };
}

/** "this" (or left out), "last", or YYYY-MM: the first to the last day of that month. */
export function readMonth(text: string | undefined, context: PromptContext): DayRange & { label: string } {
  const word = (text ?? '')
    .trim()
    .toLowerCase()
    .replace(/\s+month$/, '');
  let month: string;
  if (word === '' || word === 'this') month = context.today.slice(0, 7);
  else if (word === 'last') month = addDays(`${context.today.slice(0, 7)}-01`, -1).slice(0, 7);
  else if (/^\d{4}-\d{2}$/.test(word) && isValidDate(`${word}-01`)) month = word;
  else throw new PromptArgumentError(`month: could not read "${text}". Use YYYY-MM such as ${context.today.slice(0, 7)}, or this or last.`);
  const from = inYears(`${month}-01`, 'month');
  const to = addDays(`${addDays(from, 31).slice(0, 7)}-01`, -1);
  return { from, to, label: `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}` };
}

/** A whole number of days from 1 to `max`. */
export function readCount(text: string | undefined, name: string, max: number): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < 1 || value > max) throw new PromptArgumentError(`${name}: "${text}" is not a whole number from 1 to ${max}.`);
  return value;
}

/** "Monday 2026-11-16". */
export function dayLabel(date: string): string {
  return `${weekdayName(date)} ${date}`;
}

export function rangeDays(range: DayRange): number {
  return daysBetween(range.from, range.to) + 1;
}

function inYears(date: string, name: string): string {
  const year = Number(date.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR)
    throw new PromptArgumentError(`${name}: ${date} is outside the years Punchcard works with (${FIRST_YEAR} to ${LAST_YEAR}).`);
  return date;
}
