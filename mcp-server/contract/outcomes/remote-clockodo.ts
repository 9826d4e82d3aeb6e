// Clockodo's HTTP answers in its own words (providers/clockodo/errors.ts, docs/back-ends/clockodo.md,
// "Errors"), and the requests its api names (providers/clockodo/api.ts). Clockodo's messages are
// written for people (English, as Punchcard asks), so they are quoted as facts; the fields it names
// are said in the words Punchcard's tools use. What every back end says alike is in remote.ts.
import { CLOCKODO_URL } from '../back-ends/clockodo.ts';
import { fullStop, notJsonWords } from './remote.ts';
import { forModelOnly, outside, type Part, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/** Clockodo's names for the fields Punchcard sends, in the words its tools use. */
const FIELD_WORDS: Record<string, string> = {
  time_since: 'start',
  time_until: 'end',
  customers_id: 'customer',
  projects_id: 'project',
  services_id: 'activity (service)',
  text: 'description',
  date_since: 'first day',
  date_until: 'last day',
  type: 'leave type',
  half_day: 'half day',
  name: 'name',
};

/** `: "Only managers may do that."` for what Clockodo said, as its words, or nothing. */
const quoted = (messages: readonly string[]): Part => (messages.length > 0 ? say`: ${outside(messages.join(' '))}` : '');

export const clockodoRefusals = refusalFamily({
  /** 401: the login and the key do not go together. */
  clockodo_key_refused: {
    kind: 'denied',
    say: (facts: { email: string }) =>
      say`Clockodo did not accept ${facts.email} with this API key (the e-mail is not a Clockodo login, or the key is wrong or was renewed). Copy your API key from your personal data in Clockodo and save it in Punchcard${forModelOnly(', or set PUNCHCARD_CLOCKODO_TOKEN')}.`,
    example: { email: 'ada@example.com' },
  },
  /** No key is stored for this login. */
  clockodo_key_missing: {
    kind: 'denied',
    say: (facts: { email: string; action: string }) =>
      say`No Clockodo API key is stored for ${facts.email}, so Punchcard could not ${facts.action}. Save it in the Punchcard app (it is in your personal data in Clockodo)${forModelOnly(', or set PUNCHCARD_CLOCKODO_TOKEN')}.`,
    example: { email: 'ada@example.com', action: 'start the timer' },
  },
  /** 403, with what Clockodo said of it (`messages`, each as it came). */
  clockodo_forbidden: {
    kind: 'denied',
    say: (facts: { action: string; messages: readonly string[] }) =>
      say`${fullStop(say`Your Clockodo account may not ${facts.action} (Clockodo answered 403${quoted(facts.messages)}). Ask whoever manages Clockodo in your company for the right`)}`,
    example: { action: 'start the timer', messages: ['Only managers may do that.'] },
  },
  /** A 404 the request had no words of its own for: the address is most likely wrong. */
  clockodo_no_such_address: {
    kind: 'not_found',
    say: (facts: { host: string; action: string }) =>
      say`Clockodo at ${facts.host} has no such address (404) when trying to ${facts.action}. Check the Clockodo address.`,
    example: { host: 'my.clockodo.com', action: 'read the running timer' },
  },
  /** 410: a part of the API Punchcard uses is gone. */
  clockodo_api_retired: {
    kind: 'unavailable',
    say: (facts: { action: string }) => say`Clockodo has retired the part of its API Punchcard used to ${facts.action} (410 Gone). Update Punchcard.`,
    example: { action: 'start the timer' },
  },
  /** 400, 409 or 422: the fields it names (Clockodo's names) and what it said, each where it did. */
  clockodo_refused: {
    kind: 'invalid',
    say: (facts: { action: string; fields: readonly string[]; messages: readonly string[] }) => {
      const fields = [...new Set(facts.fields.map((field) => FIELD_WORDS[field] ?? field))];
      const which = fields.length > 0 ? ` (${fields.join(', ')})` : '';
      return say`${fullStop(say`Clockodo refused to ${facts.action}${which}${quoted(facts.messages) || ' and gave no reason'}`)}`;
    },
    example: { action: 'log the time', fields: ['time_since'], messages: ['The entry overlaps another one.'] },
  },
  /** Something other than Clockodo's JSON where it was due. */
  clockodo_not_json: {
    kind: 'unavailable',
    say: (facts: { url: string; web_page: boolean }) =>
      say`${notJsonWords(facts, 'Clockodo')} Check the address: it is ${CLOCKODO_URL} unless you were given a test server, without /api.`,
    example: { url: 'https://clockodo.example.net', web_page: true },
  },
  /** The timer Punchcard stops is gone: stopped or deleted meanwhile. */
  clockodo_running_timer_gone: {
    kind: 'not_found',
    say: (facts: { entry: number }) =>
      say`The running timer${forModelOnly(` #${facts.entry}`)} is gone from Clockodo; it was probably stopped or deleted meanwhile.`,
    example: { entry: 41 },
  },
});
