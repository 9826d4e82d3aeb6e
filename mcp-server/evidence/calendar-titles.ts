// An event's title as evidence gives it, whichever calendar it came from (an iCalendar file or feed,
// or a company calendar read through its provider's API): one line of a table, never a description.
// The title is someone else's writing; evidence-quotes.ts quotes it as data where a tool shows it.
import { withoutHiddenCharacters } from '../plain-text.ts';

/** The longest title kept: a line of a table, not a description. */
export const TITLE_LENGTH = 200;
/** What an event without a title is shown as. */
export const NO_TITLE = '(no title)';
/**
 * What a private event is shown as: its time is the person's working time like any other, but its
 * title is not for the model, nor for a rule to match, so it never leaves the calendar's reader.
 */
export const PRIVATE_TITLE = 'Private appointment';

/** A title as one line of a table: no controls or hidden characters (plain-text.ts), no line breaks, at most TITLE_LENGTH characters. */
export function calendarTitle(summary: unknown): string | undefined {
  if (typeof summary !== 'string') return undefined;
  const line = withoutHiddenCharacters(summary).replace(/\s+/g, ' ').trim();
  if (line === '') return undefined;
  const characters = [...line];
  return characters.length <= TITLE_LENGTH ? line : `${characters.slice(0, TITLE_LENGTH - 1).join('')}…`;
}
