// Clockify's HTTP answers in its own words (providers/clockify/errors.ts, docs/back-ends/clockify.md,
// "Errors"), and the requests its api names (providers/clockify/api.ts and the *-api.ts beside it):
// a key it does not take, a 403 of a right or of the workspace's plan, its per-second limit, and the
// records a 404 means are gone, which Clockify's administration names by name. Clockify's messages are
// written for people, so they are quoted as facts. What every back end says alike is in remote.ts.
import { CLOCKIFY_URL } from '../back-ends/clockify.ts';
import { fullStop, notJsonWords, retryIn } from './remote.ts';
import { forModelOnly, outside, type Part, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/** `: "Access Denied"` for what Clockify said, as its words, or nothing. */
const quoted = (message: string | null): Part => (message ? say`: ${outside(message)}` : '');

/** How a record went, where the words say: someone deleted it, or it was deleted, meanwhile. */
const DELETED = { by_someone: ' (someone deleted it meanwhile)', meanwhile: ' (deleted meanwhile)' } as const;

/** Which change of a user group found the group, or the person or project it names (`other`), gone. */
const GROUP_CHANGES = {
  add: (group: string, other: string) => say`The user group ${outside(group)}, or ${outside(other)}, is no longer in Clockify.`,
  remove: (group: string, other: string) => say`The user group ${outside(group)}, or ${outside(other)} in it, is no longer in Clockify.`,
  manager: (group: string, other: string) => say`${outside(other)}, or the user group ${outside(group)}, is no longer in Clockify.`,
  project: (group: string, other: string) => say`The project ${outside(other)}, or the user group ${outside(group)}, is no longer in Clockify.`,
} as const;

export const clockifyRefusals = refusalFamily({
  /** 401: the key is wrong, or was regenerated or deleted. */
  clockify_key_refused: {
    kind: 'denied',
    say: (facts: { host: string }) =>
      say`Clockify at ${facts.host} did not accept the API key (it is wrong, or was regenerated or deleted). Copy a key from your profile settings in Clockify (a workspace on its own subdomain has keys of its own) and save it in Punchcard${forModelOnly(', or set PUNCHCARD_CLOCKIFY_TOKEN')}.`,
    example: { host: 'api.clockify.me' },
  },
  /** No key is stored for this Clockify. */
  clockify_key_missing: {
    kind: 'denied',
    say: (facts: { url: string; action: string }) =>
      say`No Clockify API key is stored for ${facts.url}, so Punchcard could not ${facts.action}. Make one in your profile settings in Clockify and save it in the Punchcard app${forModelOnly(', or set PUNCHCARD_CLOCKIFY_TOKEN')}.`,
    example: { url: 'https://api.clockify.me', action: 'start the timer' },
  },
  /** A 403 whose words speak of the workspace's plan, not of a right the person lacks. */
  clockify_plan_lacks: {
    kind: 'invalid',
    say: (facts: { action: string; message: string }) =>
      say`${fullStop(say`Your Clockify workspace's plan does not let Punchcard ${facts.action}${quoted(facts.message)}`)}`,
    example: { action: 'file the time-off request', message: 'Time off is not available on your subscription plan. Upgrade to use it.' },
  },
  /** Any other 403; `time_off`: a request of time off, which may be off in the workspace. */
  clockify_forbidden: {
    kind: 'denied',
    say: (facts: { action: string; time_off: boolean; message: string | null }) =>
      say`${fullStop(
        say`Your Clockify account may not ${facts.action}${facts.time_off ? ' (time off may be off in your workspace, or not open to you)' : ''} (Clockify answered 403${quoted(facts.message)}). Ask a workspace admin`,
      )}`,
    example: { action: 'list your time-off requests', time_off: true, message: 'Access Denied' },
  },
  /** A 404 the request had no words of its own for: the address is most likely wrong. */
  clockify_no_such_address: {
    kind: 'not_found',
    say: (facts: { host: string; action: string }) =>
      say`Clockify at ${facts.host} has no such address (404) trying to ${facts.action}. Check the Clockify address.`,
    example: { host: 'api.clockify.me', action: 'read the running timer' },
  },
  /** 400, 409 or 422, with what Clockify said, where it did. */
  clockify_refused: {
    kind: 'invalid',
    say: (facts: { action: string; message: string | null }) =>
      say`${fullStop(say`Clockify refused to ${facts.action}${quoted(facts.message) || ' and gave no reason'}`)}`,
    example: { action: 'start the timer', message: 'Project is required' },
  },
  /** 429: Clockify counts requests per second, for the key and the workspace. */
  clockify_rate_limited: {
    kind: 'unavailable',
    say: (facts: { action: string; retry_after_s: number | null }) =>
      say`Clockify is limiting requests (429 Too Many Requests; it counts requests per second for your key and workspace). Try to ${facts.action} again ${retryIn(facts.retry_after_s, 'in a moment')}.`,
    example: { action: 'start the timer', retry_after_s: null },
  },
  /** Something other than Clockify's JSON where it was due. */
  clockify_not_json: {
    kind: 'unavailable',
    say: (facts: { url: string; web_page: boolean }) =>
      say`${notJsonWords(facts, 'Clockify')} Check the address: it is ${CLOCKIFY_URL}/api, or your region's, such as https://euc1.clockify.me/api.`,
    example: { url: 'https://api.clockify.me', web_page: true },
  },
  /** An answer that lacks what Punchcard needs of it; `what` names it ('a time entry without its id'). */
  clockify_unreadable: {
    kind: 'unavailable',
    say: (facts: { what: string }) => say`Clockify sent ${facts.what} Punchcard cannot read; if it keeps happening, update Punchcard.`,
    example: { what: 'a time entry without its id' },
  },
  /** A list was due, and something else came. */
  clockify_not_a_list: {
    kind: 'unavailable',
    say: (facts: { action: string }) =>
      say`Clockify answered with something that is not a list trying to ${facts.action}; if it keeps happening, update Punchcard.`,
    example: { action: 'list your Clockify workspaces' },
  },
  /** The timer Punchcard stops is no longer running: stopped elsewhere. */
  clockify_running_timer_gone: {
    kind: 'not_found',
    say: () => say`No timer of yours is running in Clockify any more; it was probably stopped elsewhere.`,
    example: {},
  },
  /** A record of the administration, by its name where the words have one, that is gone. */
  clockify_item_gone: {
    kind: 'not_found',
    say: (facts: { item: 'client' | 'project' | 'task' | 'user group' | 'tag' | 'time entry'; name: string | null; deleted: keyof typeof DELETED | null }) =>
      say`The ${facts.item}${facts.name === null ? '' : say` ${outside(facts.name)}`} is no longer in Clockify${facts.deleted ? DELETED[facts.deleted] : ''}.`,
    example: { item: 'project', name: 'Website', deleted: null },
  },
  /** A change of a user group (its people, a manager, a project it is on), where the group or what the change names is gone. */
  clockify_group_part_gone: {
    kind: 'not_found',
    say: (facts: { group: string; other: string; change: keyof typeof GROUP_CHANGES }) => say`${GROUP_CHANGES[facts.change](facts.group, facts.other)}`,
    example: { group: 'Design', other: 'Ada Lovelace', change: 'add' },
  },
  /** A person who left the workspace meanwhile; `in_clockify`: the words say where. */
  clockify_member_gone: {
    kind: 'not_found',
    say: (facts: { name: string; in_clockify: boolean }) =>
      say`${outside(facts.name)} is no longer a member of the workspace${facts.in_clockify ? ' in Clockify' : ''}.`,
    example: { name: 'Ada Lovelace', in_clockify: true },
  },
  /** A role given where the person, or what the role is over, is gone. */
  clockify_role_target_gone: {
    kind: 'not_found',
    say: (facts: { name: string }) => say`${outside(facts.name)}, or what the role is over, is no longer in Clockify.`,
    example: { name: 'Ada Lovelace' },
  },
});
