// Toggl Track's refusals (providers/toggl/, docs/back-ends/toggl.md): its HTTP answers in its own words (a token it
// does not take, answered 403 with no body; its hourly quotas, answered 402 with when they reset; a feature its plan
// lacks, also 402; its older per-second limit, 429), and its rules Punchcard says before sending (what the workspace
// requires on every entry, its lock of older entries, a project that is archived or private). Toggl's error bodies are
// plain sentences written for people, so they are quoted as facts. What every back end says alike is in remote.ts.
import { TOGGL_URL } from '../back-ends/toggl.ts';
import { fullStop, inWords, notJsonWords } from './remote.ts';
import { day, either, forModelOnly, joined, outside, type Part, recordNamed, say, type Sentence } from './sentence.ts';
import { type Nested, type NestedRefusal, refusalFamily } from './wording.ts';

/** `: "Invalid start date"` for what Toggl said, as its words, or nothing. */
const quoted = (message: string | null): Part => (message ? say`: ${outside(message)}` : '');

/** A workspace as a refusal names it. */
type Workspace = { name: string; id: number };
const workspaces = (seen: readonly Workspace[]): Sentence =>
  seen.length === 0
    ? ['none']
    : joined(
        seen.map((item) => say`${outside(item.name)} (${item.id})`),
        ', ',
      );

/** Which of Toggl's hourly quotas a 402 used up, as Punchcard reads it from the request: the person's own (/me…) or the organisation's. */
export type TogglQuota = 'user' | 'organisation';
const QUOTA_WORDS: Record<TogglQuota, string> = {
  user: 'your own hourly quota of Toggl requests (30 an hour on every plan, for /me requests)',
  organisation: "your hourly quota of requests to your organisation's Toggl workspaces (30, 240 or 600 an hour by plan)",
};

/** What the workspace requires on every entry (its required fields), each as a person names it. */
export type TogglRequired = 'description' | 'project' | 'tag' | 'task';
const REQUIRED_WORDS: Record<TogglRequired, string> = {
  description: 'a description',
  project: 'a project',
  tag: 'a tag (Punchcard sets none but an AI agent’s own)',
  task: 'a task (an activity of the project)',
};

/** Why Toggl keeps a field not, by field: a sentence's start, the kind of item it was asked of. */
type NotKeptField = 'budget_money' | 'budget_period' | 'comment' | 'billable' | 'budget_hours';
const FIELD_NOT_KEPT: Record<NotKeptField, (kind: string) => Sentence> = {
  budget_money: () => say`Toggl Track keeps no money budget on a project (its fixed fee is a price, not a budget)`,
  budget_period: () => say`Toggl Track keeps a project's estimate for the whole project, not per month`,
  comment: (kind) => say`Toggl Track keeps no comment on a ${kind === 'activity' ? 'task' : kind}`,
  billable: (kind) => say`Toggl Track keeps no billable mark on a ${kind === 'customer' ? 'client' : 'task'}`,
  budget_hours: (kind) => say`Toggl Track keeps no estimate on a ${kind === 'customer' ? 'client' : kind}`,
};

export const togglRefusals = refusalFamily({
  /** 403 with no body: Toggl's answer to a token it does not take (it never answers 401). */
  toggl_token_refused: {
    kind: 'denied',
    say: (facts: { host: string }) =>
      say`Toggl Track at ${facts.host} did not accept the API token (it is wrong, or was reset). Copy the token from the bottom of your Toggl profile page and save it in Punchcard${forModelOnly(', or set PUNCHCARD_TOGGL_TOKEN')}.`,
    example: { host: 'api.track.toggl.com' },
  },
  /** No token is stored for this Toggl. */
  toggl_token_missing: {
    kind: 'denied',
    say: (facts: { url: string; action: string }) =>
      say`No Toggl Track API token is stored for ${facts.url}, so Punchcard could not ${facts.action}. Copy it from the bottom of your Toggl profile page and save it in the Punchcard app${forModelOnly(', or set PUNCHCARD_TOGGL_TOKEN')}.`,
    example: { url: TOGGL_URL, action: 'start the timer' },
  },
  /**
   * 402 for an hourly quota, or a quota Punchcard knows is used up and so did not send (`sent` false): when it resets,
   * in seconds and as the person's wall clock.
   */
  toggl_quota_used: {
    kind: 'unavailable',
    say: (facts: { quota: TogglQuota; action: string; resets_in_s: number | null; resets_at: string | null; sent: boolean }) => {
      const when = facts.resets_in_s === null ? 'within the hour' : `${inWords(facts.resets_in_s)}${facts.resets_at === null ? '' : `, at ${facts.resets_at}`}`;
      const what = facts.sent ? 'Toggl Track refused' : 'Punchcard did not send';
      return say`${QUOTA_WORDS[facts.quota]} is used up (Toggl answers 402 until it resets), so ${what} the request to ${facts.action}. It resets ${when}; try again then. Nothing was changed.`;
    },
    example: { quota: 'user', action: 'read the running timer', resets_in_s: 1_500, resets_at: '10:55', sent: true },
  },
  /**
   * A team or administration read not sent: the organisation's hourly quota is below a tenth, kept for the person's own
   * time until it resets.
   */
  toggl_quota_low: {
    kind: 'unavailable',
    say: (facts: { action: string; remaining: number; hour: number; resets_in_s: number; resets_at: string | null }) =>
      say`Only ${facts.remaining} of your ${facts.hour} Toggl Track requests this hour are left, so Punchcard did not send the request to ${facts.action}: they are kept for your own time. It resets ${inWords(facts.resets_in_s)}${facts.resets_at === null ? '' : `, at ${facts.resets_at}`}; try again then. Nothing was changed.`,
    example: { action: "read your people's time", remaining: 20, hour: 240, resets_in_s: 1_500, resets_at: '10:55' },
  },
  /**
   * 402 whose words speak of a feature of a paid plan, not of a quota: Toggl's words quoted. With `needs`, the plan
   * Toggl documents the feature for: the workspace's plan, as Punchcard knows it, is below it, and nothing was sent.
   */
  toggl_premium_feature: {
    kind: 'invalid',
    say: (facts: { action: string; message: string | null; needs?: 'Starter' | 'Premium' }) =>
      facts.needs
        ? say`Toggl Track lets a workspace ${facts.action} on its ${facts.needs} plan and above only, and yours is below it. Nothing was sent.`
        : say`${fullStop(say`Your Toggl Track workspace's plan does not include what it takes to ${facts.action} (402${quoted(facts.message)})`)} Nothing was changed.`,
    example: { action: 'start the timer', message: 'Billable is a premium feature' },
  },
  /**
   * 403 with words: the person may not do this in the workspace; `needs`, where the request was one the role decides,
   * is the role it needs (the tool is switched off then until the role changes).
   */
  toggl_forbidden: {
    kind: 'denied',
    say: (facts: { action: string; message: string | null; needs?: string }) =>
      say`${fullStop(say`Your Toggl Track account may not ${facts.action} (Toggl answered 403${quoted(facts.message)})${facts.needs ? `: that needs ${facts.needs}, and the tool is switched off until your role changes` : ''}. Ask a workspace admin`)}`,
    example: { action: 'log the time', message: 'User cannot access the selected project' },
  },
  /** A 404 the request had no words of its own for: the address is most likely wrong. */
  toggl_no_such_address: {
    kind: 'not_found',
    say: (facts: { host: string; action: string }) => say`Toggl Track at ${facts.host} has no such address (404) trying to ${facts.action}. Check the address.`,
    example: { host: 'api.track.toggl.com', action: 'read the running timer' },
  },
  /** 400, 409 or 422, with what Toggl said (a plain sentence), where it did. */
  toggl_refused: {
    kind: 'invalid',
    say: (facts: { action: string; message: string | null }) =>
      say`${fullStop(say`Toggl Track refused to ${facts.action}${quoted(facts.message) || ' and gave no reason'}`)}`,
    example: { action: 'log the time', message: 'Stop time must be after start time' },
  },
  /** 429 after the one wait: Toggl's older limit of about a request a second. */
  toggl_rate_limited: {
    kind: 'unavailable',
    say: (facts: { action: string }) =>
      say`Toggl Track is limiting requests (429 Too Many Requests; it takes about one a second). Try to ${facts.action} again in a moment.`,
    example: { action: 'start the timer' },
  },
  /** submit_timesheet or withdraw_timesheet by period, for someone no timesheet setup governs (an approver, an admin). */
  toggl_timesheet_no_setup: {
    kind: 'input',
    say: () =>
      say`No timesheet setup in Toggl Track governs your own timesheets, so there is nothing of yours to submit or withdraw: a workspace admin sets one up in Toggl Track. Nothing was sent.`,
    example: {},
  },
  /** A setup's periodicity Punchcard does not read as weeks or calendar months (Toggl's words are not documented). */
  toggl_timesheet_period_unknown: {
    kind: 'invalid',
    say: (facts: { periodicity: string | null }) =>
      say`Your timesheet setup in Toggl Track approves by periods Punchcard cannot tell apart (${facts.periodicity === null ? 'none named' : outside(facts.periodicity)}; it reads weeks, and months from a month's first day): submit or withdraw this timesheet in Toggl Track itself. Nothing was sent.`,
    example: { periodicity: 'daily' },
  },
  /** Something other than Toggl's JSON where it was due. */
  toggl_not_json: {
    kind: 'unavailable',
    say: (facts: { url: string; web_page: boolean }) => say`${notJsonWords(facts, 'Toggl Track')} Check the address: it is ${TOGGL_URL}.`,
    example: { url: TOGGL_URL, web_page: true },
  },
  /** An answer that lacks what Punchcard needs of it. */
  toggl_unreadable: {
    kind: 'unavailable',
    say: (facts: { what: string }) => say`Toggl Track sent ${facts.what} Punchcard cannot read; if it keeps happening, update Punchcard.`,
    example: { what: 'a time entry without its start' },
  },
  /** manage_people's name or e-mail: each person keeps them in their own Toggl profile, which an admin does not change. */
  toggl_person_field: {
    kind: 'input',
    say: (facts: { field: 'name' | 'email' }) =>
      say`Toggl Track keeps each person's ${facts.field === 'name' ? 'name' : 'e-mail'} in their own profile, which only they change there. Nothing was sent.`,
    example: { field: 'email' },
  },
  /** manage_people's `manages`: Toggl's roles name nobody a person manages (a project's managers are set on the project). */
  toggl_manages_nothing: {
    kind: 'input',
    say: () =>
      say`Toggl Track's roles name nobody a person manages: make someone a project's manager in Toggl Track itself, and leave ${either('manages', 'that')} out. Nothing was sent.`,
    example: {},
  },
  /** update_catalog_item: a field Toggl keeps not on this kind of item, each with why in Toggl's terms. */
  toggl_field_not_kept: {
    kind: 'input',
    say: (facts: { kind: 'customer' | 'project' | 'activity'; field: NotKeptField }) =>
      say`${FIELD_NOT_KEPT[facts.field](facts.kind)}: leave ${either(facts.field, 'it')} out. Nothing was sent.`,
    example: { kind: 'project', field: 'budget_money' },
  },
  /** update_catalog_item: a project's estimate in part hours, which Toggl keeps in whole hours (`estimated_hours`, an integer). */
  toggl_estimate_whole_hours: {
    kind: 'input',
    say: (facts: { hours: number }) =>
      say`Toggl Track keeps a project's estimate in whole hours: give ${String(Math.floor(facts.hours))} or ${String(Math.ceil(facts.hours))}, not ${String(facts.hours)}. Nothing was sent.`,
    example: { hours: 10.5 },
  },
  /** create_catalog_item: an activity without its project; Toggl's tasks are a project's. */
  toggl_activity_needs_project: {
    kind: 'input',
    say: (facts: { name: string }) =>
      say`Toggl Track keeps every task inside a project: name the project the activity ${outside(facts.name)} is for as its ${either('parent', 'project')}. Nothing was sent.`,
    example: { name: 'Design' },
  },
  /**
   * manage_rates: a person's rate Toggl keeps not: on a project they are no member of (Toggl keeps it on their project
   * user), or on a task, whose rate is everyone's.
   */
  toggl_rate_not_kept: {
    kind: 'input',
    say: (facts: { kind: 'project' | 'activity'; item: { id: number; name: string }; person: { id: number; name: string } }) =>
      facts.kind === 'project'
        ? say`${outside(facts.person.name)}${forModelOnly(` (#${facts.person.id})`)} is no member of the project ${outside(facts.item.name)}${forModelOnly(` (#${facts.item.id})`)}, so Toggl Track keeps no rate for them there: add them to the project in Toggl Track first. Nothing was sent.`
        : say`Toggl Track keeps a task's rate for everyone, not for ${outside(facts.person.name)} alone: leave ${either('person', 'the person')} out. Nothing was sent.`,
    example: { kind: 'project', item: { id: 4000000001, name: 'Website' }, person: { id: 9100001, name: 'Ada Lovelace' } },
  },
  /** manage_rates kind workspace naming another workspace than the one Punchcard works in. */
  toggl_rates_other_workspace: {
    kind: 'input',
    say: (facts: { workspace: Workspace; asked: string }) =>
      say`Punchcard works in the Toggl Track workspace ${outside(facts.workspace.name)}${forModelOnly(` (${facts.workspace.id})`)}, not ${outside(facts.asked)}: name it${either(' as the item', '')}. Nothing was sent.`,
    example: { workspace: { id: 4567890, name: 'Acme' }, asked: 'Side projects' },
  },
  /** The token sees no workspace named so; the ones it sees are named. */
  toggl_workspace_unknown: {
    kind: 'invalid',
    say: (facts: { wanted: string; seen: readonly Workspace[] }) =>
      say`Your Toggl Track API token sees no workspace ${outside(facts.wanted)}. It sees: ${workspaces(facts.seen)}. Name one of them (by name or id) in Punchcard's account settings.`,
    example: { wanted: 'Initech', seen: [{ name: 'Acme', id: 4_567_890 }] },
  },
  /** Several of the token's workspaces have the name given. */
  toggl_workspace_ambiguous: {
    kind: 'invalid',
    say: (facts: { wanted: string; seen: readonly Workspace[] }) =>
      say`Several of your Toggl Track workspaces are called ${outside(facts.wanted)}: ${workspaces(facts.seen)}. Name the one you mean by its id in Punchcard's account settings.`,
    example: {
      wanted: 'Acme',
      seen: [
        { name: 'Acme', id: 4_567_890 },
        { name: 'acme', id: 4_567_891 },
      ],
    },
  },
  /** The person has no default workspace and the settings name none. */
  toggl_no_workspace: {
    kind: 'invalid',
    say: () => say`Your Toggl Track account names no default workspace; name one (by name or id) in Punchcard's account settings.`,
    example: {},
  },
  /** What the workspace requires on every entry, said before anything is sent. */
  toggl_required: {
    kind: 'invalid',
    say: (facts: { missing: TogglRequired; examples: readonly string[] }) =>
      say`Your Toggl Track workspace requires ${REQUIRED_WORDS[facts.missing]} on every time entry; ${facts.missing === 'tag' ? 'add one in Toggl' : 'give one'}${facts.examples.length > 0 ? say`, e.g. ${joined(facts.examples.map(outside), ', ')}` : ''}. Nothing was sent.`,
    example: { missing: 'project', examples: ['Website', 'Internal'] },
  },
  /** The workspace's lock (Lock Time Entries) covers the time: said before anything is sent. */
  toggl_period_locked: {
    kind: 'invalid',
    say: (facts: { before: string; verb: 'log' | 'change' | 'delete' | 'start' }) =>
      say`Your Toggl Track workspace locks time entries before ${day(facts.before)}, so Punchcard cannot ${facts.verb === 'log' ? 'log time there' : facts.verb === 'start' ? 'start a timer there' : `${facts.verb} an entry there`}. Ask a workspace admin. Nothing was sent.`,
    example: { before: '2026-11-01', verb: 'log' },
  },
  /** A project the person may not book on: archived, or private and they are not a member. */
  toggl_project_closed: {
    kind: 'invalid',
    say: (facts: { project: string; why: 'archived' | 'private' | 'unknown' }) =>
      say`${
        facts.why === 'archived'
          ? say`The project ${outside(facts.project)} is archived in Toggl Track`
          : facts.why === 'private'
            ? say`The project ${outside(facts.project)} is private in Toggl Track and you are not one of its members`
            : say`There is no project ${outside(facts.project)} in your Toggl Track workspace`
      }, so Punchcard cannot book time on it. Nothing was sent.`,
    example: { project: 'Legacy', why: 'archived' },
  },
  /** A task that is not one of the project's, or done. */
  toggl_task_closed: {
    kind: 'invalid',
    say: (facts: { task: string; project: string | null; why: 'done' | 'other_project' | 'unknown' | 'no_project' }) =>
      say`${
        facts.why === 'done'
          ? say`The task ${outside(facts.task)} is done in Toggl Track`
          : facts.why === 'other_project'
            ? say`The task ${outside(facts.task)} is not one of the tasks of ${outside(facts.project ?? '')}`
            : facts.why === 'no_project'
              ? say`The task ${outside(facts.task)} belongs to a project: name the project too`
              : say`There is no task ${outside(facts.task)} in your Toggl Track workspace`
      }. Nothing was sent.`,
    example: { task: 'Development', project: 'Website', why: 'done' },
  },
  /** An entry of another workspace of the person's: Punchcard works in the configured one only. */
  toggl_entry_elsewhere: {
    kind: 'invalid',
    say: (facts: { entry: number }) =>
      say`${recordNamed('time entry', facts.entry, 'start')} is in another of your Toggl Track workspaces; Punchcard works in the one its settings name only. Nothing was changed.`,
    example: { entry: 4_001_234_567 },
  },
  /** Toggl would not make the agent's tag (only admins make tags in this workspace): nothing recorded. */
  toggl_agent_tag_refused: {
    kind: 'denied',
    say: (facts: { tag: string; cause: NestedRefusal }, nested: Nested) =>
      say`Toggl Track would not make the tag ${facts.tag} for the agent's own time (${nested(facts.cause)}). Ask a workspace admin to add it (or to let members make tags); nothing was recorded.`,
    example: {
      tag: 'ai-claude',
      cause: { code: 'failure_said', facts: { message: 'Only organization or workspace administrators may manage tags in this workspace.' } },
    },
  },
  /** The timer Punchcard stops is no longer running (409 "Time entry already stopped", or gone). */
  toggl_running_timer_gone: {
    kind: 'not_found',
    say: () => say`No timer of yours is running in Toggl Track any more; it was probably stopped elsewhere.`,
    example: {},
  },
  /** Leave: Toggl's API has none (withheld; said where something asks all the same). */
  toggl_no_time_off: {
    kind: 'invalid',
    say: () => say`Toggl Track's API has no time off, so Punchcard cannot file or read leave there. Nothing was sent.`,
    example: {},
  },
});
