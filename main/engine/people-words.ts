// The engine's sentences as the window and the tray show them. The engine writes its refusals and
// results for a model: they name records by number ("time entry #12"), point at tools ("(see
// list_catalog)", "call clock_in with switch: true"), write days and times as ISO 8601 and name
// arguments as the tool takes them ("start: …"). A person at the window has the record in front of
// them, no tools, and their own calendar, so the app rewrites those few known phrasings and leaves
// every other word as the engine wrote it. The model-facing text stays exactly as it is (AI clients
// read it unchanged). Pure; main applies it to every tool answer it shows (tool-call.ts).
import { TOOL_NAMES } from '../../mcp-server/contract/tool-catalog.ts';

export interface PeopleWordsOptions {
  /** The locale for days and times; the system's when left out. */
  locale?: string | undefined;
}

const TOOL = new RegExp(`\\b(?:${TOOL_NAMES.join('|')})\\b`);

/** The kinds of record the engine names by number. */
const NOUNS = [
  'time entry',
  'time-off request',
  'leave request',
  'request',
  'absence',
  'project',
  'activity',
  'service',
  'customer',
  'task',
  'running timer',
  'entry',
];
const NUMBERED = new RegExp(`(^|[.:;!?]\\s+|(\\S+)\\s)(${NOUNS.join('|')}) #\\d+`, 'gi');
/** Words after which "this" reads right: "book on this service", "withdraw this absence". */
const LEADS_TO_THIS = new Set(['on', 'of', 'for', 'to', 'with', 'about', 'read', 'delete', 'change', 'cancel', 'withdraw', 'book']);

/** Arguments named at the start of a refusal, as a person calls the field. */
const ARGUMENTS: Record<string, string> = {
  start: 'start',
  end: 'end',
  date: 'day',
  duration: 'duration',
  from: 'first day',
  to: 'last day',
  first_day: 'first day',
  last_day: 'last day',
};

const DATE_TIME = /\b(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?/g;
const DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

export function forPeople(message: string, options: PeopleWordsOptions = {}): string {
  let text = message;
  text = withoutToolPointers(text);
  text = withoutNumbers(text);
  text = withPeoplesArguments(text);
  text = withPeoplesDates(text, options.locale);
  const tidy = text
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\s+([.,;:])/g, '$1')
    .trim();
  return tidy === '' ? message : tidy;
}

/**
 * "(see list_catalog)" and "(list_catalog shows which tasks each has)" go; so does any sentence that
 * tells the reader to call a tool ("Create it with create_catalog_item first if it is new."), unless
 * nothing else is left.
 */
function withoutToolPointers(text: string): string {
  const bare = text.replace(/\s*\([^()]*\)/g, (part) => (TOOL.test(part) ? '' : part)).replace(/,\s*or\s+(?:check|see)\s+\w+(?=[.;])/g, '');
  const sentences = bare.match(/[^.!?]+(?:[.!?]+|$)\s*/g) ?? [bare];
  const kept = sentences.filter((sentence) => !TOOL.test(sentence));
  return kept.length > 0 ? kept.join('').trim() : bare;
}

/**
 * "There is no time entry #12" → "There is no such time entry"; "Time entry #12 cannot be changed" →
 * "This time entry cannot be changed"; "book on service #5" → "book on this service"; "your
 * vacation request #4" → "your vacation request"; "Logged 1 h on Website, 06:00–07:00 (#6)." →
 * "Logged 1 h on Website, 06:00–07:00.". A number after any other word ("Ticket #4711" in a note) is
 * the person's own text and stays.
 */
function withoutNumbers(text: string): string {
  return (
    text
      .replace(/\b(Requested|Cancelled) #\d+ /g, '$1 ')
      // The number the engine adds after what it wrote: "06:00–07:00 (#6).", "(Kimai already had it, #6)".
      .replace(/ \(#\d+\)/g, '')
      .replace(/, #\d+\)/g, ')')
      .replace(/(:\s|,\s)#\d+ (?=\()/g, '$1')
      .replace(NUMBERED, (_match, lead: string, word: string | undefined, noun: string) => {
        if (word === undefined) {
          // At the start of a sentence.
          return `${lead}This ${noun.toLowerCase()}`;
        }
        const previous = word.toLowerCase();
        if (previous === 'no') return `${lead}such ${noun}`;
        if (LEADS_TO_THIS.has(previous)) return `${lead}this ${noun}`;
        return `${lead}${noun}`;
      })
  );
}

/** "start: …" → "Start: …", "end is …" → "The end is …"; "to (…) is before from (…)" → "The last day (…) is before the first day (…)". */
function withPeoplesArguments(text: string): string {
  const named = (argument: string) => ARGUMENTS[argument] ?? argument.replaceAll('_', ' ');
  return text
    .replace(
      /^(to) \(([^)]*)\) is before (from) \(([^)]*)\)/,
      (_match, to: string, last: string, from: string, first: string) => `The ${named(to)} (${last}) is before the ${named(from)} (${first})`,
    )
    .replace(/^([a-z_]+)(:| is | was )/, (match, argument: string, joint: string) => {
      if (!Object.hasOwn(ARGUMENTS, argument)) return match;
      const name = named(argument);
      return joint === ':' ? `${name.charAt(0).toUpperCase()}${name.slice(1)}:` : `The ${name}${joint}`;
    });
}

/** ISO days and times as the person's calendar writes them: "May 13, 2026", "May 13, 2026, 2:30 PM". */
function withPeoplesDates(text: string, locale: string | undefined): string {
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dayAndTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return text
    .replace(DATE_TIME, (match, y: string, mo: string, d: string, h: string, mi: string) =>
      isDay(y, mo, d) && +h < 24 && +mi < 60 ? dayAndTime.format(Date.UTC(+y, +mo - 1, +d, +h, +mi)) : match,
    )
    .replace(DATE, (match, y: string, mo: string, d: string) => (isDay(y, mo, d) ? day.format(Date.UTC(+y, +mo - 1, +d)) : match));
}

/** A day the calendar has: "2026-02-30", which a refusal may quote, stays as written. */
function isDay(y: string, mo: string, d: string): boolean {
  const date = new Date(Date.UTC(+y, +mo - 1, +d));
  return date.getUTCFullYear() === +y && date.getUTCMonth() === +mo - 1 && date.getUTCDate() === +d;
}
