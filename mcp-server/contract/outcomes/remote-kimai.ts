// Kimai's HTTP answers in its own words (providers/kimai/errors.ts, docs/back-ends/kimai.md, "Bad
// credentials" and "Errors"), and the requests its api names (providers/kimai/api.ts): a token it does
// not take, a 403 of its permissions, its form errors by field, and the records a 404 means are gone.
// What every back end says alike is in remote.ts.
import { fullStop, notJsonWords } from './remote.ts';
import { either, forModelOnly, joined, outside, recordNamed, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/** Kimai's names for the fields Punchcard sends, in the words its tools use. */
const FIELD_WORDS: Record<string, string> = {
  begin: 'start',
  begin_date: 'start',
  end: 'end',
  end_date: 'end',
  project: 'project',
  activity: 'activity',
  customer: 'customer',
  description: 'description',
  duration: 'duration',
  tags: 'tags',
  name: 'name',
  date: 'first day',
  type: 'leave type',
  halfDay: 'half day',
  comment: 'comment',
  visible: 'archived',
};

const fieldWord = (field: string) => FIELD_WORDS[field] ?? field;

/** A field of Kimai's form and what it said of it: `path` as Kimai names it (`['meta', 'ticket']`). */
type FieldError = { path: readonly string[]; messages: readonly string[] };

/** What a team is given access to, or who is in it, by its number. */
type TeamPart = 'person' | 'customer' | 'project' | 'activity';

export const kimaiRefusals = refusalFamily({
  /** 401, or a 403 from the authenticator rather than a permission check (it has no numeric `code`). */
  kimai_token_refused: {
    kind: 'denied',
    say: (facts: { url: string; status: 401 | 403 }) =>
      facts.status === 401
        ? say`Kimai at ${facts.url} did not accept the API token (it is wrong, expired or revoked). Create a new API token in your Kimai profile and save it in Punchcard${forModelOnly(', or set PUNCHCARD_KIMAI_TOKEN')}.`
        : say`Kimai at ${facts.url} refused the credentials. Create a new API token in your Kimai profile and save it in Punchcard.`,
    example: { url: 'https://kimai.example.com', status: 401 },
  },
  /** No token is stored for this Kimai. */
  kimai_token_missing: {
    kind: 'denied',
    say: (facts: { url: string; action: string }) =>
      say`No Kimai API token is stored for ${facts.url}, so Punchcard could not ${facts.action}. Save one in the Punchcard app (create it in your Kimai profile under API access)${forModelOnly(', or set PUNCHCARD_KIMAI_TOKEN')}.`,
    example: { url: 'https://kimai.example.com', action: 'start the timer' },
  },
  /** The CA file the settings name cannot be used; `problem` says why, as the settings reader words it. */
  kimai_ca_file_unusable: {
    kind: 'invalid',
    say: (facts: { file: string; problem: string; action: string }) =>
      say`The CA file ${facts.file} cannot be used: ${facts.problem}; Punchcard could not ${facts.action} without it. Point ${either('caFile (in the settings, or --ca-file)', 'the CA file setting')} at the PEM file of your Kimai's CA.`,
    example: { file: '/etc/ssl/company-ca.pem', problem: 'it does not exist', action: 'start the timer' },
  },
  /** A 403 of a permission: the role, a locked period, an exported record. */
  kimai_forbidden: {
    kind: 'denied',
    say: (facts: { action: string }) =>
      say`Your Kimai account may not ${facts.action} (Kimai answered 403 Forbidden). The period may be locked or the record exported, or your role lacks the permission; ask your Kimai administrator.`,
    example: { action: 'change the time entry' },
  },
  /** A 404 the request had no words of its own for: the address is most likely wrong. */
  kimai_no_such_address: {
    kind: 'not_found',
    say: (facts: { url: string; action: string }) => say`Kimai at ${facts.url} has no such address (404) when trying to ${facts.action}. Check the Kimai URL.`,
    example: { url: 'https://kimai.example.com', action: 'read the running timer' },
  },
  /** A 400 without form errors. */
  kimai_malformed_request: {
    kind: 'invalid',
    say: (facts: { action: string }) =>
      say`Kimai refused the request to ${facts.action} as malformed (400 Bad Request). A filter value may be wrong, for example a tag that does not exist.`,
    example: { action: 'list time entries' },
  },
  /** Kimai's form errors: each field's (named in Punchcard's words) and the form's own, as Kimai said them. */
  kimai_form_refused: {
    kind: 'invalid',
    say: (facts: { action: string; fields: readonly FieldError[]; messages: readonly string[] }) => {
      // Kimai's messages are its words, each quoted; the fields are named in Punchcard's.
      const parts = [
        ...facts.fields.map(({ path, messages }) => say`${path.map(fieldWord).join('.')}: ${outside(messages.join(' '))}`),
        ...facts.messages.map(outside),
      ];
      return say`${fullStop(say`Kimai refused to ${facts.action}: ${parts.length > 0 ? joined(parts, '; ') : 'no reason given'}`)}`;
    },
    example: { action: 'log the time', fields: [{ path: ['project'], messages: ['The selected choice is invalid.'] }], messages: [] },
  },
  /** Kimai's nameless "extra fields" error, where Punchcard sent no field that some accounts may not set. */
  kimai_field_not_allowed: {
    kind: 'invalid',
    say: (facts: { action: string }) => say`Kimai refused to ${facts.action}: the request carried a field your account may not set.`,
    example: { action: 'log the time' },
  },
  /**
   * The same, where Punchcard knows which of the fields it sent some accounts or tracking modes may not
   * set (`fields`, Kimai's names), and why (`reasons`, as the request gave them).
   */
  kimai_fields_not_allowed: {
    kind: 'invalid',
    say: (facts: { action: string; fields: readonly string[]; reasons: readonly string[] }) =>
      say`${fullStop(say`Kimai did not let you set ${[...new Set(facts.fields.map(fieldWord))].join(' and ')} to ${facts.action}: ${facts.reasons.join(' ')}`)}`,
    example: { action: 'log the time', fields: ['begin', 'end'], reasons: ['your Kimai role may not set times on entries.'] },
  },
  /** Something other than Kimai's JSON where it was due. */
  kimai_not_json: {
    kind: 'unavailable',
    say: (facts: { url: string; web_page: boolean }) =>
      say`${notJsonWords(facts, 'Kimai')} Check the URL: it is the address of your Kimai, such as https://kimai.example.com, without /api.`,
    example: { url: 'https://kimai.example.com/api', web_page: true },
  },
  /** The address answers, but has no /api/version of a Kimai. */
  kimai_not_kimai: {
    kind: 'unavailable',
    say: (facts: { url: string }) =>
      say`${facts.url} does not look like a Kimai server (no /api/version there). Check the URL: it is the address of your Kimai, such as https://kimai.example.com.`,
    example: { url: 'https://example.com' },
  },
  /** The timer Punchcard stops is gone: deleted meanwhile. */
  kimai_running_timer_gone: {
    kind: 'not_found',
    say: (facts: { entry: number }) => say`The running timer${forModelOnly(` #${facts.entry}`)} is gone from Kimai; it was probably deleted meanwhile.`,
    example: { entry: 41 },
  },
  /** A rate removed meanwhile. */
  kimai_rate_gone: {
    kind: 'not_found',
    say: (facts: { rate: number; kind: 'customer' | 'project' | 'activity'; id: number }) =>
      say`Kimai has no ${recordNamed('rate', facts.rate, 'plain')} on ${recordNamed(facts.kind, facts.id)} any more: it was removed meanwhile.`,
    example: { rate: 3, kind: 'project', id: 5 },
  },
  /** A team, or the person or item its change names, that Kimai does not have (any more). */
  kimai_team_part_missing: {
    kind: 'not_found',
    say: (facts: { team: number; part: TeamPart; id: number; any_more: boolean }) =>
      say`There is no ${recordNamed('team', facts.team, 'such')} or ${recordNamed(facts.part, facts.id, 'plain')} in Kimai${facts.any_more ? ' any more' : ''}.`,
    example: { team: 2, part: 'person', id: 7, any_more: false },
  },
});
