// Harvest's answers in its own words, and what Punchcard refuses before asking it (providers/harvest/errors.ts,
// docs/back-ends/harvest.md, "Errors"): a token it does not take, a 403, its limit of 100 requests in 15 seconds, the
// account a token reaches, the person's project assignments, and a paging link that leaves Harvest's address. What
// Harvest says in a body is quoted as a fact; logic reads only the status. What every back end says alike is in remote.ts.
import { HARVEST_URL } from '../back-ends/harvest.ts';
import { fullStop, notJsonWords } from './remote.ts';
import { forModelOnly, joined, outside, type Part, recordNamed, say, type Sentence } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/** `: "Forbidden"` for what Harvest said, as its words, or nothing. */
const quoted = (message: string | null): Part => (message ? say`: ${outside(message)}` : '');
/** "Website", "Internal" */
const names = (items: readonly string[]): Sentence => joined(items.map(outside), ', ');

export const harvestRefusals = refusalFamily({
  /** 401: the token is wrong, expired or revoked, or the account id is not one of the token's. */
  harvest_token_refused: {
    kind: 'denied',
    say: (facts: { host: string; account_id: string }) =>
      say`Harvest at ${facts.host} did not accept the Personal Access Token for account ${facts.account_id} (the token is wrong, expired or revoked, or the account is not one of the token's). Make a token in Harvest ID (Developers) and save it in Punchcard${forModelOnly(', or set PUNCHCARD_HARVEST_TOKEN')}, and check the account id.`,
    example: { host: 'api.harvestapp.com', account_id: '1234567' },
  },
  /** No token is stored for this Harvest. */
  harvest_token_missing: {
    kind: 'denied',
    say: (facts: { url: string; action: string }) =>
      say`No Harvest Personal Access Token is stored for ${facts.url}, so Punchcard could not ${facts.action}. Make one in Harvest ID (Developers) and save it in the Punchcard app${forModelOnly(', or set PUNCHCARD_HARVEST_TOKEN')}.`,
    example: { url: HARVEST_URL, action: 'start the timer' },
  },
  /**
   * A 403: the person's role in the account does not allow it; `needs`, where the request was one the role decides, is
   * the role or permission it needs (the tool is switched off then until the role changes).
   */
  harvest_forbidden: {
    kind: 'denied',
    say: (facts: { action: string; message: string | null; needs?: string }) =>
      say`${fullStop(say`Your Harvest account may not ${facts.action} (Harvest answered 403${quoted(facts.message)})${facts.needs ? `: that needs ${facts.needs}, and the tool is switched off until your role changes` : ''}. Ask a Harvest administrator`)}`,
    example: { action: 'start the timer', message: null },
  },
  /** A 404 the request had no words of its own for: the address is most likely wrong. */
  harvest_no_such_address: {
    kind: 'not_found',
    say: (facts: { host: string; action: string }) =>
      say`Harvest at ${facts.host} has no such address (404) trying to ${facts.action}. Check the Harvest address: it is ${HARVEST_URL}.`,
    example: { host: 'api.harvestapp.com', action: 'read the running timer' },
  },
  /** 400 or 422, with what Harvest said, where it did. */
  harvest_refused: {
    kind: 'invalid',
    say: (facts: { action: string; message: string | null }) =>
      say`${fullStop(say`Harvest refused to ${facts.action}${quoted(facts.message) || ' and gave no reason'}`)}`,
    example: { action: 'log the time', message: 'Project is not assigned to user' },
  },
  /**
   * 429 that reached the person: Harvest allows 100 requests in 15 seconds per token, and a wait as long as that is
   * waited out once; a longer one, or a second 429, says when to try again, in the person's time where it is known.
   */
  harvest_rate_limited: {
    kind: 'unavailable',
    say: (facts: { action: string; retry_after_s: number | null; at: string | null }) =>
      say`Harvest is limiting requests (429 Too Many Requests; it allows 100 requests in 15 seconds for your token). Try to ${facts.action} again ${
        facts.retry_after_s === null
          ? 'in a few seconds'
          : facts.at
            ? `in ${Math.ceil(facts.retry_after_s)} seconds, at ${facts.at}`
            : `in ${Math.ceil(facts.retry_after_s)} seconds`
      }.`,
    example: { action: 'start the timer', retry_after_s: 12, at: '10:55' },
  },
  /** Something other than Harvest's JSON where it was due. */
  harvest_not_json: {
    kind: 'unavailable',
    say: (facts: { url: string; web_page: boolean }) => say`${notJsonWords(facts, 'Harvest')} Check the address: it is ${HARVEST_URL}.`,
    example: { url: 'https://example.harvestapp.com', web_page: true },
  },
  /** An answer that lacks what Punchcard needs of it; `what` names it ('a time entry without its id'). */
  harvest_unreadable: {
    kind: 'unavailable',
    say: (facts: { what: string }) => say`Harvest sent ${facts.what} Punchcard cannot read; if it keeps happening, update Punchcard.`,
    example: { what: 'a time entry without its id' },
  },
  /** A list's next page named by an address Punchcard will not send the token to: another host, path or filters. */
  harvest_next_page_elsewhere: {
    kind: 'unavailable',
    say: (facts: { action: string; host: string }) =>
      say`Harvest's next page of the list (trying to ${facts.action}) points to ${facts.host} or to other filters than asked, so Punchcard stopped there and sent your token nowhere else; if it keeps happening, update Punchcard.`,
    example: { action: 'list your time entries', host: 'example.com' },
  },
  /** No account id in the settings, and the token reaches no Harvest account or several: which, in words. */
  harvest_account_choice: {
    kind: 'invalid',
    say: (facts: { accounts: ReadonlyArray<{ id: string; name: string }> }) =>
      facts.accounts.length === 0
        ? say`Your Harvest token reaches no Harvest account (only other products, or none). Check the token in Harvest ID.`
        : say`Your Harvest token reaches several Harvest accounts: ${joined(
            facts.accounts.map((account) => say`${outside(account.name)} (${account.id})`),
            ', ',
          )}. Set the one Punchcard should use as the account id in Punchcard's account settings${forModelOnly(' (provider.account_id)')}.`,
    example: {
      accounts: [
        { id: '1234567', name: 'Acme' },
        { id: '7654321', name: 'Side project' },
      ],
    },
  },
  /** A project the person has no active assignment to: not theirs in Harvest, or archived. */
  harvest_project_not_assigned: {
    kind: 'denied',
    say: (facts: { project: number; examples: readonly string[] }) =>
      say`You are not assigned to ${recordNamed('project', facts.project)} in Harvest, or it is archived, so no time can be booked on it${
        facts.examples.length > 0 ? say`; you may book on ${names(facts.examples)}` : forModelOnly(' (see list_catalog)')
      }. Nothing was sent.`,
    example: { project: 8, examples: ['Website', 'Internal'] },
  },
  /** A task the project's assignment does not offer, or has made inactive. */
  harvest_task_not_open: {
    kind: 'invalid',
    say: (facts: { project: string; task: number; inactive: boolean; examples: readonly string[] }) =>
      say`${recordNamed('Task', facts.task, 'start')} is ${facts.inactive ? 'inactive' : 'not one of the tasks'} on the project ${outside(facts.project)} in Harvest${
        facts.examples.length > 0 ? say`; its tasks are ${names(facts.examples)}` : ''
      }. Nothing was sent.`,
    example: { project: 'Website', task: 5, inactive: true, examples: ['Development', 'Design'] },
  },
  /** Harvest books every entry on a project and a task; `examples`: what the person may book on. */
  harvest_booking_needed: {
    kind: 'invalid',
    say: (facts: { what: 'project' | 'task'; project: string | null; examples: readonly string[] }) =>
      facts.what === 'project'
        ? say`Harvest books every entry on a project and a task; name a project${facts.examples.length > 0 ? say`, e.g. ${names(facts.examples)}` : forModelOnly(' (see list_catalog)')}.`
        : say`Harvest books every entry on a task too; the project ${outside(facts.project ?? '')} has several, so name one as the activity${
            facts.examples.length > 0 ? say`: ${names(facts.examples)}` : ''
          }.`,
    example: { what: 'task', project: 'Website', examples: ['Development', 'Design'] },
  },
  /** A change or deletion of an entry Harvest locked (approved or invoiced), quoting Harvest's reason. Nothing is sent. */
  harvest_entry_locked: {
    kind: 'invalid',
    say: (facts: { entry: number; verb: 'change' | 'delete'; reason: string | null }) =>
      say`${recordNamed('Time entry', facts.entry, 'start')} is locked in Harvest${facts.reason ? say` (${outside(facts.reason)})` : ' (approved or invoiced)'}, so Punchcard does not ${facts.verb} it. Nothing was sent.`,
    example: { entry: 12, verb: 'change', reason: 'Item Approved and Locked for this Time Period' },
  },
  /** A span that crosses midnight on an account that tracks start and end times of one day. */
  harvest_span_over_midnight: {
    kind: 'invalid',
    say: () => say`Harvest keeps an entry's start and end times on one day; split the span at midnight into two entries.`,
    example: {},
  },
});
