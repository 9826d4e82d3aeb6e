// Tempo Timesheets' answers in its own words, and what Punchcard refuses before asking it (providers/tempo/errors.ts,
// docs/back-ends/tempo.md, "Errors"): two services with two secrets, so every refusal of a secret says which one (the
// Tempo API token, or the Jira e-mail and API token); a 403 of Tempo's as a scope the token lacks, naming it where the
// request knows it; both services' 400s quoted; an issue key Jira does not show; a work attribute the settings name
// that Tempo does not have. What a service said, and every name of its, is quoted as a fact, one quoted line
// (quoted-line.ts); logic reads only the status.
import { TEMPO_URL } from '../back-ends/tempo.ts';
import { fullStop, notJsonWords } from './remote.ts';
import { forModelOnly, joined, outside, type Part, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/** `: "what it said"` for a service's words, as its words (one quoted line), or nothing. */
const quoted = (message: string | null): Part => (message ? say`: ${outside(message)}` : '');
const tryAgain = (seconds: number | null) => (seconds === null ? 'in a few seconds' : `in ${Math.ceil(seconds)} seconds`);

export const tempoRefusals = refusalFamily({
  /** Tempo's 401: the Tempo API token is wrong, expired or revoked. */
  tempo_token_refused: {
    kind: 'denied',
    say: (facts: { host: string; site: string }) =>
      say`Tempo at ${facts.host} did not accept your Tempo API token for ${facts.site} (it is wrong, expired or revoked, or made for another Jira site). Make one in Tempo (Settings → API integration) and save it in Punchcard${forModelOnly(', or set PUNCHCARD_TEMPO_TOKEN')}.`,
    example: { host: 'api.tempo.io', site: 'acme.atlassian.net' },
  },
  /** No Tempo API token is stored for this site. */
  tempo_token_missing: {
    kind: 'denied',
    say: (facts: { site: string; action: string }) =>
      say`No Tempo API token is stored for ${facts.site}, so Punchcard could not ${facts.action}. Make one in Tempo (Settings → API integration) and save it in Punchcard${forModelOnly(', or set PUNCHCARD_TEMPO_TOKEN')}.`,
    example: { site: 'acme.atlassian.net', action: 'read your worklogs' },
  },
  /** Jira's 401: the e-mail and Jira API token are refused by the site. */
  jira_token_refused: {
    kind: 'denied',
    say: (facts: { site: string; email: string }) =>
      say`Jira at ${facts.site} did not accept the e-mail ${facts.email} with your Jira API token (the token is wrong, expired or revoked, or belongs to another Atlassian login). Make one at id.atlassian.com (Security → API tokens) and save it in Punchcard${forModelOnly(', or set PUNCHCARD_JIRA_TOKEN')}.`,
    example: { site: 'acme.atlassian.net', email: 'ada@example.com' },
  },
  /** No Jira API token is stored for the login. */
  jira_token_missing: {
    kind: 'denied',
    say: (facts: { site: string; email: string; action: string }) =>
      say`No Jira API token is stored for ${facts.email}, so Punchcard could not ${facts.action} on ${facts.site}. Make one at id.atlassian.com (Security → API tokens) and save it in Punchcard${forModelOnly(', or set PUNCHCARD_JIRA_TOKEN')}.`,
    example: { site: 'acme.atlassian.net', email: 'ada@example.com', action: 'read your Jira profile' },
  },
  /**
   * Tempo's 403 (a web page): the token lacks a scope (named where the request knows which), or the person a Tempo
   * permission. Scopes are chosen when a token is made and cannot be added later.
   */
  tempo_forbidden: {
    kind: 'denied',
    say: (facts: { action: string; scope: string | null; message: string | null }) =>
      facts.scope
        ? fullStop(
            say`Tempo refused to ${facts.action} (403${quoted(facts.message)}): your Tempo API token lacks the ${facts.scope} scope, or you lack the permission in Tempo. Tempo keeps a token's scopes as they were made: make a new one with the Worklogs, Schemes, Approvals and Teams scopes and save it in Punchcard`,
          )
        : fullStop(
            say`Tempo refused to ${facts.action} (403${quoted(facts.message)}): your Tempo API token lacks a scope for it, or you lack the permission in Tempo`,
          ),
    example: { action: "read your schedule's working days", scope: 'Schemes', message: null },
  },
  /** A 404 in Tempo's own form that the request had no words of its own for. */
  tempo_no_such_address: {
    kind: 'not_found',
    say: (facts: { host: string; action: string; message: string | null }) =>
      fullStop(
        say`Tempo at ${facts.host} has no such address (404${quoted(facts.message)}) trying to ${facts.action}. Check Tempo's host: it is ${TEMPO_URL}, or its region's`,
      ),
    example: { host: 'api.tempo.io', action: 'read your worklogs', message: null },
  },
  /** Tempo's 400 (or 409, 422), with every message it gave in either of its shapes. */
  tempo_refused: {
    kind: 'invalid',
    say: (facts: { action: string; message: string | null }) =>
      fullStop(say`Tempo refused to ${facts.action}${quoted(facts.message) || ' and gave no reason'}`),
    example: { action: 'book the worklog', message: 'Work attribute Account (_Account_) is required' },
  },
  /** A 429 of Tempo's that reached the person: waited out once (Retry-After, else a second), then said. */
  tempo_rate_limited: {
    kind: 'unavailable',
    say: (facts: { action: string; retry_after_s: number | null }) =>
      say`Tempo is limiting requests (429 Too Many Requests; it takes 5 requests a second). Try to ${facts.action} again ${tryAgain(facts.retry_after_s)}.`,
    example: { action: 'read your worklogs', retry_after_s: 2 },
  },
  /** Jira's 403: the person may not see or do it on the site. */
  jira_forbidden: {
    kind: 'denied',
    say: (facts: { action: string; message: string | null }) =>
      fullStop(say`Jira refused to ${facts.action} (403${quoted(facts.message)}): your Atlassian login may not do it on this site`),
    example: { action: 'read the names of your team', message: null },
  },
  /** A 404 in Jira's own form the request had no words of its own for. */
  jira_no_such_address: {
    kind: 'not_found',
    say: (facts: { site: string; action: string; message: string | null }) =>
      fullStop(
        say`Jira at ${facts.site} has no such address (404${quoted(facts.message)}) trying to ${facts.action}. Check the site's address: it is https://<your site>.atlassian.net`,
      ),
    example: { site: 'acme.atlassian.net', action: 'read your Jira profile', message: null },
  },
  /** Jira's 400, with its messages. */
  jira_refused: {
    kind: 'invalid',
    say: (facts: { action: string; message: string | null }) => fullStop(say`Jira refused to ${facts.action}${quoted(facts.message) || ' and gave no reason'}`),
    example: { action: 'find the issues WEB-12, OPS-3', message: "The value 'XYZ' does not exist for the field 'project'." },
  },
  /** Jira's 429 that reached the person. */
  jira_rate_limited: {
    kind: 'unavailable',
    say: (facts: { action: string; retry_after_s: number | null }) =>
      say`Jira is limiting requests (429 Too Many Requests). Try to ${facts.action} again ${tryAgain(facts.retry_after_s)}.`,
    example: { action: 'read the issue WEB-12', retry_after_s: 5 },
  },
  /** Something other than the service's JSON where it was due. */
  tempo_not_json: {
    kind: 'unavailable',
    say: (facts: { service: 'Tempo' | 'Jira'; url: string; web_page: boolean }) =>
      say`${notJsonWords(facts, facts.service)} Check ${facts.service === 'Tempo' ? `Tempo's host: it is ${TEMPO_URL}, or its region's` : "the Jira site's address: https://<your site>.atlassian.net"}.`,
    example: { service: 'Jira', url: 'https://acme.atlassian.net', web_page: true },
  },
  /** An answer that lacks what Punchcard needs of it. */
  tempo_unreadable: {
    kind: 'unavailable',
    say: (facts: { service: 'Tempo' | 'Jira'; what: string }) =>
      say`${facts.service} sent ${facts.what} Punchcard cannot read; if it keeps happening, update Punchcard.`,
    example: { service: 'Tempo', what: 'a worklog without its id' },
  },
  /** An issue key Jira does not show the person: missing, moved out of reach, or hidden. Nothing was sent to Tempo. */
  tempo_issue_unknown: {
    kind: 'not_found',
    say: (facts: { key: string }) =>
      say`Jira shows you no issue ${facts.key} (it does not exist, or you may not see it), so no time was booked on it. Nothing was sent.`,
    example: { key: 'WEB-12' },
  },
  /** Every worklog is on an issue: a timer without one, and no earlier worklog to take it from. */
  tempo_issue_needed: {
    kind: 'invalid',
    say: () =>
      say`Tempo books every worklog on a Jira issue: name one as the project, by its key (such as WEB-12)${forModelOnly(' or as list_catalog shows it')}. Nothing was sent.`,
    example: {},
  },
  /** Punchcard's own timer on Tempo could not be kept in the data folder: no timer runs, and nothing was sent. */
  tempo_timer_not_kept: {
    kind: 'unavailable',
    say: (facts: { file: string; reason: string }) =>
      say`Punchcard keeps its timer on Tempo in ${facts.file}, which could not be written (${facts.reason}), so the timer is as it was. Nothing was sent to Tempo. Give your user write access to the file and its folder and try again.`,
    example: { file: '/home/ada/.config/Punchcard/tempo-timers.json', reason: 'EACCES: permission denied' },
  },
  /** A work attribute the settings' workAttributes name that Tempo does not have, or a value not among its choices. */
  tempo_attribute_setting_invalid: {
    kind: 'invalid',
    say: (facts: { attribute: string; value: string; problem: 'unknown' | 'choice'; choices: readonly string[] }) =>
      facts.problem === 'unknown'
        ? say`Your settings give the work attribute ${outside(facts.attribute)}, which Tempo does not have; correct it in Punchcard's settings${forModelOnly(' (provider.workAttributes)')}. Nothing was sent.`
        : say`Your settings give ${outside(facts.value)} for the work attribute ${outside(facts.attribute)}, which is not one of its choices${
            facts.choices.length > 0 ? say` (${joined(facts.choices.map(outside), ', ')})` : ''
          }; correct it in Punchcard's settings${forModelOnly(' (provider.workAttributes)')}. Nothing was sent.`,
    example: { attribute: 'Work Type', value: 'Coding', problem: 'choice', choices: ['Development', 'Meeting'] },
  },
});
