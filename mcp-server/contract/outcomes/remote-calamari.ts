// Calamari's HTTP answers in its own words (providers/calamari/errors.ts, docs/back-ends/calamari.md,
// "Errors"): its one body `{message, code, field}`, whose code the logic reads and whose message is
// quoted as a fact; the organisation's key and modules; its limits per second, hour and day. What
// every back end says alike is in remote.ts.
import { fullStop, inWords, type LimitWindow, notJsonWords, PER_WINDOW } from './remote.ts';
import { either, forModelOnly, outside, outsideOr, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/** Calamari's modules: a refusal of one says which part is unavailable. */
const MODULE_WORDS = {
  timeAndAttendance: 'Time & Attendance',
  timeOff: 'Time Off',
  people: 'the employee list',
} as const;

export type CalamariModule = keyof typeof MODULE_WORDS;

export function moduleWords(module: CalamariModule): string {
  return MODULE_WORDS[module];
}

export const calamariRefusals = refusalFamily({
  /** 401: API access is off for the organisation, or the key is wrong or deleted. */
  calamari_key_refused: {
    kind: 'denied',
    say: (facts: { host: string }) =>
      say`Calamari at ${facts.host} did not accept the API key (API access is off for the organisation, or the key is wrong or was deleted). Ask your Calamari administrator for a key and save it in Punchcard${forModelOnly(', or set PUNCHCARD_CALAMARI_TOKEN')}.`,
    example: { host: 'acme.calamari.io' },
  },
  /** No key is stored for this Calamari. */
  calamari_key_missing: {
    kind: 'denied',
    say: (facts: { url: string; action: string }) =>
      say`No Calamari API key is stored for ${facts.url}, so Punchcard could not ${facts.action}. Save the key your administrator gave you in the Punchcard app${forModelOnly(', or set PUNCHCARD_CALAMARI_TOKEN')}.`,
    example: { url: 'https://acme.calamari.io', action: 'start your shift' },
  },
  /** 403: the module is not in use, or the key lacks that group of endpoints. */
  calamari_forbidden: {
    kind: 'denied',
    say: (facts: { action: string; module: CalamariModule }) =>
      say`The Calamari API key may not ${facts.action} (403): ${MODULE_WORDS[facts.module]} is not in use by your organisation, or the key lacks that group of endpoints. Ask your Calamari administrator.`,
    example: { action: 'start your shift', module: 'timeAndAttendance' },
  },
  /** The configured e-mail names no active employee: Calamari's code, or an empty search, says so. */
  calamari_unknown_employee: {
    kind: 'denied',
    say: (facts: { email: string }) =>
      say`Calamari has no active employee ${facts.email}. Check the e-mail in Punchcard's account settings; it must be the one you sign in to Calamari with.`,
    example: { email: 'ada@example.com' },
  },
  /**
   * A write, or a read whose answer names nobody, would name the person by an address that is not plain ASCII, and
   * the key may read neither the employee list nor their shift status, which say whom Calamari takes the address for
   * (providers/calamari/context.ts, confirmAddress). `character` is its first such character, as `U+212A`.
   */
  calamari_address_not_plain: {
    kind: 'denied',
    say: (facts: { email: string; character: string }) =>
      say`Your address ${facts.email} has a character that is not plain ASCII (${facts.character}), which Calamari may take for a plain letter and the address for a colleague's, and this API key may read neither the employee list nor your shift status, which would say whom Calamari takes it for; so nothing was sent in its name. Use the address with plain letters, or ask your Calamari administrator for a key that may read the employee list.`,
    example: { email: 'j\u00f6rg@example.com', character: 'U+00F6' },
  },
  /** API_TERMINAL_NOT_AVAILABLE: no terminal the key's clock-ins may use. */
  calamari_no_terminal: {
    kind: 'invalid',
    say: (facts: { action: string }) =>
      say`Calamari has no API terminal you may use, so Punchcard cannot ${facts.action}. Your Calamari administrator adds one under Clockin settings and gives you access to it.`,
    example: { action: 'start your shift' },
  },
  /**
   * INVALID_METHOD_URL: Calamari answers, but knows no such part of its API: a 404 in its own form, which a read of an
   * optional feature takes as the feature not there (providers/remote/optional-read.ts); any other request says it.
   */
  calamari_unknown_endpoint: {
    kind: 'not_found',
    say: (facts: { host: string; action: string }) =>
      say`Calamari at ${facts.host} does not know this part of its API (404) trying to ${facts.action}. Check the Calamari address, such as https://your-company.calamari.io.`,
    example: { host: 'acme.calamari.io', action: 'start your shift' },
  },
  /**
   * A 429 that reached the person: a hold waited out once already and refused again, or one no ledger
   * could note. `window`: the limit it found used up, where Calamari's body says; `usage`: its body's
   * words of what was used; `retry_after_s`: its Retry-After.
   */
  calamari_rate_limited: {
    kind: 'unavailable',
    say: (facts: { action: string; window: LimitWindow | null; usage: string | null; retry_after_s: number | null }) => {
      // A limit named by no count is most likely the second's, and held a few seconds only (remote/organisation-limit.ts).
      const when = facts.retry_after_s !== null ? inWords(facts.retry_after_s) : facts.window === 'second' || facts.window === null ? 'in a moment' : 'later';
      const limit = facts.window
        ? `Calamari's limit of requests ${PER_WINDOW[facts.window]} for your organisation is used up`
        : "Calamari's request limit for your organisation is used up for now";
      return say`${limit} (429${facts.usage ? `: ${facts.usage}` : ''}) trying to ${facts.action}. Try again ${when}; Punchcard asks Calamari as little as it can.`;
    },
    example: { action: 'start your shift', window: 'hour', usage: 'Requests: 721/720 per hour, 900/2880 per day, 3/10 per second', retry_after_s: null },
  },
  /** INVALID_ABSENCE_ALLOWANCE: leave beyond what the person has. */
  calamari_allowance_short: {
    kind: 'invalid',
    say: (facts: { action: string; message: string | null }) =>
      say`${fullStop(say`Calamari refused to ${facts.action}: your allowance does not cover it (${outsideOr(facts.message, 'not enough allowance')})`)}`,
    example: { action: 'file the leave request', message: 'Not enough days left' },
  },
  /** A project the person may not book on (unknown, archived, closed to them); `code` is Calamari's. */
  calamari_project_refused: {
    kind: 'invalid',
    say: (facts: { action: string; message: string | null; code: string }) =>
      say`Calamari refused to ${facts.action}: the project is not one you may book on (${outsideOr(facts.message ?? facts.code, 'no reason given')}), perhaps archived since Punchcard read your projects; ${either(
        'list_catalog shows the ones you may use.',
        'the catalog shows the ones you may use.',
      )}`,
    example: { action: 'start your shift', message: 'Project is archived', code: 'INVALID_PROJECT' },
  },
  /** Any other 400: Calamari's message, or its code, and the field it names. */
  calamari_refused: {
    kind: 'invalid',
    say: (facts: { action: string; message: string | null; code: string | null; field: string | null }) =>
      say`${fullStop(say`Calamari refused to ${facts.action}: ${outsideOr(facts.message ?? facts.code, 'no reason given')}${facts.field ? say` (${outside(facts.field)})` : ''}`)}`,
    example: { action: 'start your shift', message: 'Invalid time', code: 'INVALID_TIME', field: 'time' },
  },
  /** 405: a method Calamari does not take there; Punchcard is out of date. */
  calamari_wrong_method: {
    kind: 'invalid',
    say: (facts: { action: string }) => say`Calamari refused the request to ${facts.action} (405, wrong method); update Punchcard.`,
    example: { action: 'start your shift' },
  },
  /** Something other than Calamari's JSON where it was due. */
  calamari_not_json: {
    kind: 'unavailable',
    say: (facts: { url: string; web_page: boolean }) =>
      say`${notJsonWords(facts, 'Calamari')} Check the address: it is your organisation's, such as https://your-company.calamari.io, without /api.`,
    example: { url: 'https://acme.calamari.io', web_page: false },
  },
});
