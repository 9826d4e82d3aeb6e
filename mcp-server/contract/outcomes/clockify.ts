// Clockify's own refusals (providers/clockify/): what its workspace requires of an entry, its
// policies, its catalog and its roles, the administration its admins alone may do (a 403 there
// switches the tool off), the changes it took part of before it refused the rest, the workspace a key
// is used with, and answers that lack what Punchcard needs of them. The refusals
// every back end says alike are in back-end.ts; what Clockify's HTTP answers say, in its errors module.
import { counted } from './format.ts';
import { day, either, forModelOnly, joined, outside, type Part, recordNamed, say, type Sentence } from './sentence.ts';
import { type Nested, type NestedRefusal, refusalFamily } from './wording.ts';

/** What Clockify lets its admins alone administer, each switched off on its own by a 403 (providers/clockify/facts.ts, administers). */
export type ClockifyAdministration = 'catalog' | 'tags' | 'invoices' | 'people' | 'rates' | 'catalogChanges' | 'teams' | 'corrections';

/** A request as Punchcard names it ("change time entry #12"): a person reads it without its record numbers. */
function request(action: string): Part {
  const plain = action.replace(/ \(?#\d+\)?/g, '');
  return plain === action ? action : either(action, plain);
}

/** Names as the back end's words, each quoted: `"Vacation", "Sick"`; nothing (falsy) for none. */
const quoted = (names: readonly string[]): Part => (names.length === 0 ? '' : joined(names.map(outside), ', '));

/** The right the people's administration needs: what Clockify gives its admins and owner alone. */
const PEOPLE_ADMIN_RIGHT = "the workspace admin's role (Clockify lets only its admins and owner invite people, change their status or give roles)";

/** A 403 of one administration, in its own words: what Clockify gives its admins alone, and the tool switched off. */
type AdministrationRefused = {
  part: ClockifyAdministration;
  /** The request refused, as Punchcard names it ("create the tag Urgent"). */
  action: string;
  /** manage_teams: the refused request came after others that were done. */
  partway?: boolean;
};

const ADMINISTRATION_WORDS: Readonly<Record<ClockifyAdministration, (facts: AdministrationRefused) => Sentence>> = {
  catalog: ({ action }) =>
    say`Clockify did not let you ${request(action)} (403): only the workspace's admins and its owner change its clients, projects and tasks through Punchcard, and your account is not one now. Nothing was changed; ${either('create_catalog_item and archive_catalog_item are switched off', 'creating and archiving them through Punchcard is switched off')}.`,
  catalogChanges: ({ action }) =>
    say`Clockify did not let you ${request(action)} (403): only the workspace's admins and its owner change its clients, projects and tasks through Punchcard, and your account is not one now. Nothing was changed; ${either('update_catalog_item is switched off', 'changing them through Punchcard is switched off')}.`,
  tags: ({ action }) =>
    say`Clockify did not let you ${request(action)} (403): only the workspace's admins and its owner administer tags, and your account is not one now. Nothing was changed; ${either('manage_tags is switched off', 'administering tags through Punchcard is switched off')}.`,
  invoices: ({ action }) =>
    say`Clockify did not let you ${request(action)} (403): only the workspace's admins and its owner see invoices, and your account is not one now. ${either('list_invoices is switched off', 'Listing invoices through Punchcard is switched off')}.`,
  people: ({ action }) =>
    say`Clockify did not let you ${request(action)} (403): your account lacks ${PEOPLE_ADMIN_RIGHT}, or to list people a team manager's role over a user group. Nothing was changed; ${either('manage_people is switched off', 'administering people through Punchcard is switched off')}.`,
  rates: ({ action }) =>
    say`Clockify did not let you ${request(action)} (403): rates are the workspace's admins' and its owner's to see and set, and your account is not one of them now. Nothing was changed; ${either('manage_rates is switched off', 'administering rates through Punchcard is switched off')}.`,
  teams: ({ action, partway }) =>
    say`Clockify did not let you ${request(action)} (403): your account lacks the workspace admin's role (Clockify lets only its admins and owner make, change and delete user groups and add them to projects). ${partway ? 'That request changed nothing' : 'Nothing was changed'}; ${either('manage_teams is switched off', 'administering teams through Punchcard is switched off')}.`,
  corrections: ({ action }) =>
    say`Clockify did not let you ${request(action)} (403): only a workspace's admins and its owner change colleagues' time entries and their invoiced mark, and your account is not one now. ${either('correct_time_entries is switched off', "Correcting colleagues' time entries through Punchcard is switched off")}.`,
};

/** Where a person (or the model) finds the records of a kind by number. */
const RECORD_POINTERS = {
  list_catalog: ' (see list_catalog)',
  list_catalog_shows: ' (list_catalog shows them)',
  manage_people: ' (manage_people list shows them)',
  manage_tags: ' (see manage_tags list)',
  manage_teams: ' (manage_teams list shows them)',
} as const;

/** The numbers Punchcard gives what it lists, and where it lists them. */
const LISTED = {
  time_entry: { noun: 'time entry', shows: ' (list_time_entries shows yours)', tail: '' },
  time_off_request: { noun: 'time-off request', shows: ' (list_leave_requests shows yours)', tail: '' },
  leave_request: { noun: 'leave request', shows: ' (list_pending_leave shows those waiting for you)', tail: ' Nothing was sent.' },
} as const;

/** Clockify's entries that are not work, in words (its `type`). */
const ENTRY_KINDS: Readonly<Record<string, string>> = { BREAK: 'a break', HOLIDAY: 'a holiday entry', TIME_OFF: 'a time-off entry' };

const CATALOG_WORD = { customer: 'client', project: 'project', activity: 'task' } as const;

/** Projects whose tasks a listing left for the next call: their names (the first ten) and how many there are. */
export type TasksLeftOut = { projects: readonly string[]; count: number };

/**
 * The projects a full listing of the catalog left unread, said with the listing (providers/clockify/catalog/catalog.ts)
 * and after a refusal of an activity it did not find.
 */
export function tasksLeftOutSentence({ projects, count }: TasksLeftOut): Sentence {
  const named = say`${quoted(projects.slice(0, 10))}${count > 10 ? ` and ${count - 10} more` : ''}`;
  return say`The activities (tasks) of ${counted(count, 'project', 'projects')} are not listed yet: ${named}. Clockify gives each project its own list, and one call may ask for only so many; ${either('call list_catalog again to list them', 'list the catalog again for them')} (the tasks read now are kept), or name the project and its task when you book.`;
}

/** One step of a series of changes to a user group that Clockify made. */
export type TeamStep = { step: 'made_group'; name: string; team: number } | { step: 'added' | 'removed' | 'took_lead' | 'made_lead'; name: string };

function teamStep(step: TeamStep, first: boolean): Sentence {
  const verb = (word: string) => (first ? word.charAt(0).toUpperCase() + word.slice(1) : word);
  switch (step.step) {
    case 'made_group':
      return say`${verb('made')} the user group ${outside(step.name)}${forModelOnly(` (#${step.team})`)}`;
    case 'added':
      return say`${verb('added')} ${outside(step.name)}`;
    case 'removed':
      return say`${verb('removed')} ${outside(step.name)}`;
    case 'took_lead':
      return say`${verb('took')} ${outside(step.name)}'s team-manager role away`;
    case 'made_lead':
      return say`${verb('made')} ${outside(step.name)} a team manager of it`;
  }
}

/** `80 "EUR"`, `80.50 "EUR"`: an amount as domain/admin-rates.ts `money` says it, the currency Clockify's words. */
function money(amount: number, currency: string | null): Sentence {
  const decimals = (String(amount).split('.')[1] ?? '').length;
  const text = Number.isInteger(amount) ? String(amount) : amount.toFixed(Math.min(4, Math.max(2, decimals)));
  return currency ? say`${text} ${outside(currency)}` : [text];
}

type Named = { id: number; name: string };

/** A workspace as the refusals of choosing one name it: by name and Clockify's id, which the settings take. */
type Workspace = { name: string; id: string };

/** '"Acme" (64a6…), "Side project" (64a7…)', or 'none'. */
function workspaces(seen: readonly Workspace[]): Sentence {
  return seen.length === 0
    ? ['none']
    : joined(
        seen.map((workspace) => say`${outside(workspace.name)} (${workspace.id})`),
        ', ',
      );
}

/** "Ada Lovelace (#3), Ada Byron (#9)": a person reads the names alone. */
function named(people: readonly Named[]): Sentence {
  return people.flatMap((one, index) => [...(index === 0 ? [] : [', ']), one.name, forModelOnly(` (#${one.id})`)]);
}

export const clockifyRuleRefusals = refusalFamily({
  /** Clockify refused (403) a request of an administration its admins alone may do: the tool is switched off (context.ts, administering). */
  clockify_administration_refused: {
    kind: 'denied',
    say: (facts: AdministrationRefused) => ADMINISTRATION_WORDS[facts.part](facts),
    example: { part: 'tags', action: 'create the tag Urgent' },
  },
  /** Clockify put its refusal of the invoices (403) down to the workspace's plan: its words, and list_invoices switched off. */
  clockify_invoices_plan_refused: {
    kind: 'denied',
    say: (facts: { cause: NestedRefusal }, nested: Nested) =>
      say`Clockify did not let you list invoices (403): ${nested(facts.cause)} ${either('list_invoices is switched off', 'Listing invoices through Punchcard is switched off')}.`,
    example: {
      cause: { code: 'failure_said', facts: { message: "Your Clockify workspace's plan does not let Punchcard list invoices: Upgrade to use invoices." } },
    },
  },
  /** A number Punchcard gives a Clockify record that it has not given, or whose record the person may not see. */
  clockify_record_unknown: {
    kind: 'not_found',
    say: (facts: {
      record: 'project' | 'activity' | 'customer' | 'person' | 'tag' | 'team';
      id: number;
      /** Said as one the person may see ("that you may see"). */
      visible?: boolean;
      /** Where they are listed. */
      see?: keyof typeof RECORD_POINTERS;
      nothing_changed?: boolean;
      /** An activity: the projects whose tasks the listing left unread, where one of them may hold it. */
      unlisted?: TasksLeftOut;
    }) =>
      say`There is no ${recordNamed(facts.record, facts.id, 'such')} in Clockify${facts.visible ? ' that you may see' : ''}${facts.see ? forModelOnly(RECORD_POINTERS[facts.see]) : ''}.${facts.nothing_changed ? ' Nothing was changed.' : ''}${facts.unlisted ? say` ${tasksLeftOutSentence(facts.unlisted)}` : ''}`,
    example: { record: 'activity', id: 7, visible: true, see: 'list_catalog', nothing_changed: true, unlisted: { projects: ['Website'], count: 1 } },
  },
  /** A number of a kind Punchcard lists (time entries, requests) that it has not given. */
  clockify_number_unknown: {
    kind: 'not_found',
    say: (facts: { record: keyof typeof LISTED; id: number }) => {
      const { noun, shows, tail } = LISTED[facts.record];
      return say`There is no ${recordNamed(noun, facts.id, 'such')}: Punchcard has listed none with that number${forModelOnly(shows)}.${tail}`;
    },
    example: { record: 'time_entry', id: 12 },
  },
  /** A task to change archived whose project Punchcard has no number for. */
  clockify_task_project_unknown: {
    kind: 'not_found',
    say: (facts: { task: string }) => say`The task ${outside(facts.task)} has no project Punchcard knows.`,
    example: { task: 'Design' },
  },
  /** The tag an agent's own time is recorded with could not be made (a member may not make tags in the workspace). */
  clockify_agent_tag_refused: {
    kind: 'denied',
    say: (facts: { tag: string; cause: NestedRefusal }, nested: Nested) =>
      say`Clockify would not make the tag ${facts.tag} for the agent's own time (${nested(facts.cause)}). Ask a workspace admin to add it (or to let members make tags); nothing was recorded.`,
    example: { tag: 'ai-claude', cause: { code: 'failure_said', facts: { message: 'Clockify refused to create the tag ai-claude: Access denied.' } } },
  },
  /** An entry Clockify makes itself (a break, a holiday, time off), which Punchcard neither changes nor deletes. */
  clockify_entry_not_work: {
    kind: 'invalid',
    say: (facts: { entry: number; type: string; verb: 'change' | 'delete' }) =>
      say`${recordNamed('Time entry', facts.entry, 'start')} is ${ENTRY_KINDS[facts.type] ?? say`an entry of the type ${outside(facts.type)}`} Clockify keeps; Punchcard does not ${facts.verb} those. Do that in Clockify.`,
    example: { entry: 12, type: 'BREAK', verb: 'change' },
  },
  /** An entry the workspace has locked. */
  clockify_entry_locked: {
    kind: 'invalid',
    say: (facts: { entry: number; verb: 'change' | 'delete' }) =>
      say`Clockify has locked ${recordNamed('time entry', facts.entry)} (your workspace locks older entries), so Punchcard cannot ${facts.verb} it. Ask a workspace admin.`,
    example: { entry: 12, verb: 'delete' },
  },
  /**
   * The workspace locks time before an instant (lockTimeEntries) for everyone but its admins: a new entry there, or
   * one moved there, refused before anything is sent where Clockify itself would not hold the key (acting for a person).
   */
  clockify_period_locked: {
    kind: 'invalid',
    say: (facts: { before: string; verb: 'log' | 'move' }) =>
      say`Your Clockify workspace locks time before ${day(facts.before)}, so Punchcard cannot ${facts.verb === 'log' ? 'log time' : 'move a time entry'} there. Ask a workspace admin. Nothing was sent.`,
    example: { before: '2026-11-01', verb: 'log' },
  },
  /**
   * Acting for a person with the organisation's key (providers/clockify/acting.ts): a request the narrowed API does
   * not make for them, as it would act with the key's rights, or on someone else's time; nothing is sent.
   */
  clockify_not_for_others: {
    kind: 'denied',
    say: (facts: { request: string }) =>
      say`This server acts for you on Clockify through your organisation's account, and does not make that request (${facts.request}) for you: it would act with that account's rights, not yours. Nothing was sent.`,
    example: { request: 'people.membersPage' },
  },
  /** The workspace requires a project on every entry; some of its open projects. */
  clockify_project_required: {
    kind: 'invalid',
    say: (facts: { examples: readonly string[] }) =>
      say`Your Clockify workspace requires a project on every time entry; name one${facts.examples.length > 0 ? say`, e.g. ${quoted(facts.examples)}` : ''}.`,
    example: { examples: ['Website', 'Support'] },
  },
  clockify_task_required: {
    kind: 'invalid',
    say: () =>
      say`Your Clockify workspace requires a task on every time entry; name one of the project's tasks${forModelOnly(' as the activity (see list_catalog)')}.`,
    example: {},
  },
  clockify_description_required: {
    kind: 'invalid',
    say: () => say`Your Clockify workspace requires a description on every time entry; give one.`,
    example: {},
  },
  /** A description longer than Clockify keeps (its OpenAPI's maxLength). */
  clockify_description_too_long: {
    kind: 'invalid',
    say: (facts: { limit: number; length: number }) =>
      say`Clockify keeps at most ${facts.limit.toLocaleString('en')} characters in a time entry's description; this one would have ${facts.length.toLocaleString('en')}. Shorten it.`,
    example: { limit: 3000, length: 3012 },
  },
  /** A task named without its project. */
  clockify_task_needs_project: {
    kind: 'invalid',
    say: () => say`A Clockify task belongs to a project; name the task's project too.`,
    example: {},
  },
  clockify_project_archived: {
    kind: 'invalid',
    say: (facts: { project: string }) =>
      say`The project ${outside(facts.project)} is archived in Clockify, so no time can be booked on it. Ask a workspace admin to restore it, or choose another.`,
    example: { project: 'Website' },
  },
  clockify_task_not_in_project: {
    kind: 'invalid',
    say: (facts: { activity: number; project: string }) =>
      say`${recordNamed('Activity', facts.activity, 'start')} is not a task of the project ${outside(facts.project)} in Clockify${forModelOnly(' (see list_catalog)')}.`,
    example: { activity: 7, project: 'Website' },
  },
  /** A done task: Clockify's archived one. */
  clockify_task_done: {
    kind: 'invalid',
    say: (facts: { task: string; project: string }) =>
      say`The task ${outside(facts.task)} of ${outside(facts.project)} is done (archived) in Clockify, so no time can be booked on it.`,
    example: { task: 'Design', project: 'Website' },
  },
  /** A project Punchcard numbered that the person no longer sees. */
  clockify_project_not_visible: {
    kind: 'not_found',
    say: (facts: { project: number }) =>
      say`${recordNamed('Project', facts.project, 'start')} is not one you can see in Clockify any more${forModelOnly(' (see list_catalog)')}.`,
    example: { project: 12 },
  },
  /** A new activity with no project to be a task of. */
  clockify_task_needs_parent: {
    kind: 'invalid',
    say: () => say`A Clockify task (Punchcard's activity) belongs to a project: name the project${forModelOnly(' as parent')}. Nothing was created.`,
    example: {},
  },
  /** Archiving what is archived, or restoring what is active. */
  clockify_catalog_item_already: {
    kind: 'invalid',
    say: (facts: { kind: keyof typeof CATALOG_WORD; id: number; name: string; archived: boolean }) =>
      say`The ${CATALOG_WORD[facts.kind]} ${outside(facts.name)}${forModelOnly(` (#${facts.id})`)} is ${facts.archived ? 'archived' : 'active'} already in Clockify. Nothing was changed.`,
    example: { kind: 'project', id: 12, name: 'Website', archived: true },
  },
  /** update_catalog_item: a project has no dates. */
  clockify_project_no_dates: {
    kind: 'input',
    say: () => say`Clockify's projects have no start or end dates: leave start and end out. Nothing was sent.`,
    example: {},
  },
  /** update_catalog_item: a client keeps a name and a note alone. */
  clockify_client_fields: {
    kind: 'input',
    say: () => say`A Clockify client keeps a name and a note (comment) only: no budget and no billable mark. Nothing was sent.`,
    example: {},
  },
  clockify_task_no_comment: {
    kind: 'input',
    say: () => say`A Clockify task has no comment: ${either('leave comment out', 'leave the comment out')}. Nothing was sent.`,
    example: {},
  },
  clockify_task_budget_never_resets: {
    kind: 'input',
    say: () =>
      say`A Clockify task's estimates run in total and never reset: ${either('leave budget_period out', 'leave the budget period out')}. Nothing was sent.`,
    example: {},
  },
  /** A budget in money finer than a cent. */
  clockify_budget_cents: {
    kind: 'input',
    say: (facts: { amount: number }) =>
      say`Clockify keeps a budget in whole cents: ${facts.amount} is finer than that; give at most two decimals. Nothing was sent.`,
    example: { amount: 1200.555 },
  },
  /** A budget period for a project without a budget. */
  clockify_budget_period_needs_budget: {
    kind: 'input',
    say: (facts: { project: string }) =>
      say`The project ${outside(facts.project)} has no budget for a period to apply to: ${either('give budget_hours or budget_money with it', 'give a budget in hours or money with it')}. Nothing was sent.`,
    example: { project: 'Website' },
  },
  /** A new budget where Clockify resets the budget weekly or yearly, which Punchcard does not set. */
  clockify_budget_reset_unsupported: {
    kind: 'input',
    say: (facts: { project: string; every: 'week' | 'year' }) =>
      say`Clockify resets the budget of the project ${outside(facts.project)} every ${facts.every}, which Punchcard does not set: ${either('give budget_period (month or total)', 'give a budget period (month or total)')} with the new budget. Nothing was sent.`,
    example: { project: 'Website', every: 'week' },
  },
  /** A change of a catalog item this call has not read first. */
  clockify_catalog_item_not_read: {
    kind: 'unavailable',
    say: (facts: { kind: 'customer' | 'project' | 'activity'; id: number }) =>
      say`Punchcard has not read the ${recordNamed(facts.kind, facts.id, 'plain')} in this call; ask again. Nothing was sent.`,
    example: { kind: 'project', id: 12 },
  },
  /** A task changed whose project then no longer listed it. */
  clockify_task_gone_after_change: {
    kind: 'not_found',
    say: (facts: { task: string }) =>
      say`Clockify took the change of the task ${outside(facts.task)}, but its project no longer lists it: ${either('list_catalog shows what it keeps', 'the catalog shows what it keeps')}.`,
    example: { task: 'Design' },
  },
  /** A project's own fields changed, then its budget refused: what was changed, and the budget as it was. */
  clockify_project_budget_failed: {
    kind: 'unavailable',
    say: (facts: { cause: NestedRefusal; changed: { name?: string; billable?: boolean; comment?: boolean; customer?: string } }, nested: Nested) => {
      const { name, billable, comment, customer } = facts.changed;
      const made: Sentence[] = [
        ...(name !== undefined ? [say`name (now ${outside(name)})`] : []),
        ...(billable !== undefined ? [[`billable (now ${billable ? 'yes' : 'no'})`]] : []),
        ...(comment ? [['comment']] : []),
        ...(customer !== undefined ? [say`customer (now ${outside(customer)})`] : []),
      ];
      return say`${nested(facts.cause)} These were changed: ${joined(made, ', ')}. Its budget is as it was.`;
    },
    example: {
      cause: { code: 'failure_said', facts: { message: 'Clockify refused to change the budget of the project "Website": Estimate is invalid.' } },
      changed: { name: 'Website 2026', billable: true },
    },
  },
  /** Corrections read one person's entries a request: more people than the call may ask about. */
  clockify_corrections_too_many_people: {
    kind: 'invalid',
    say: (facts: { people: number; needed: number; left: number; limit: number }) =>
      say`Clockify lists time entries one person at a time: this would read ${facts.people} people's, at least ${facts.needed} requests, and this call may send only ${facts.left} more (${facts.limit} in all). Nothing was changed. Narrow it: name the people${forModelOnly(' (people)')} whose entries to correct, or fewer of them.`,
    example: { people: 48, needed: 49, left: 38, limit: 40 },
  },
  /** An entry to correct that the preview did not read. */
  clockify_correction_not_previewed: {
    kind: 'conflict',
    say: (facts: { entry: number }) => say`${recordNamed('Time entry', facts.entry, 'start')} was not in the preview just read; preview again.`,
    example: { entry: 12 },
  },
  /** An entry corrected, whose invoiced mark (a request of its own) then failed: it counts as changed (PartlyChangedError). */
  clockify_entry_changed_not_marked: {
    kind: 'conflict',
    say: (facts: { entry: number; invoiced: boolean; cause: NestedRefusal }, nested: Nested) =>
      say`${recordNamed('Time entry', facts.entry, 'start')} was changed but not marked ${facts.invoiced ? 'invoiced' : 'not invoiced'}: ${nested(facts.cause)}`,
    example: {
      entry: 12,
      invoiced: true,
      cause: { code: 'failure_said', facts: { message: 'Clockify, or a proxy in front of it, is unavailable (503). Try again later.' } },
    },
  },
  /** A page of invoices past the last. */
  clockify_invoices_no_page: {
    kind: 'not_found',
    say: (facts: { page: number }) => say`There is no page ${facts.page} of these invoices: Clockify has fewer. Ask for page 1.`,
    example: { page: 3 },
  },
  /** manage_people: a team manager administers nobody (they list and show their groups' people). */
  clockify_people_admin_only: {
    kind: 'input',
    say: () =>
      say`Clockify did not give your account ${PEOPLE_ADMIN_RIGHT}: as a team manager you may list and show the people of your user groups only. Nothing was sent.`,
    example: {},
  },
  /** An invitation names a role: Clockify invites by e-mail alone. */
  clockify_invite_email_only: {
    kind: 'input',
    say: () =>
      say`Clockify invites by e-mail alone: ${either('leave out role and manages, and give the role with update once they have accepted', 'leave out the role and whom they manage, and give the role once they have accepted')}. Nothing was sent.`,
    example: {},
  },
  /** A change of someone's name or e-mail address, which Clockify leaves to each person. */
  clockify_people_name_email_own: {
    kind: 'input',
    say: () =>
      say`Clockify's API changes nobody's name or e-mail address but their own (each sets theirs in their profile): ${either('leave out name and email', 'leave out the name and the e-mail address')}. Nothing was sent.`,
    example: {},
  },
  /** Whom a role manages, named without the role. */
  clockify_role_not_named: {
    kind: 'input',
    say: () => say`Name the role that manages them${forModelOnly(' as role')} (TEAM_MANAGER for people, PROJECT_MANAGER for projects). Nothing was sent.`,
    example: {},
  },
  clockify_role_owner: {
    kind: 'input',
    say: () => say`Clockify's API makes nobody the owner: ownership is handed over in Clockify's workspace settings. Nothing was sent.`,
    example: {},
  },
  /** MEMBER, a role taken away: Clockify's API takes roles away one at a time, from what only its web app lists. */
  clockify_role_taken_away: {
    kind: 'input',
    say: () =>
      say`Clockify's API takes a role away one person or project at a time, from what only its web app lists: take it away on Clockify's Team page. Nothing was sent.`,
    example: {},
  },
  clockify_admin_manages: {
    kind: 'input',
    say: () => say`A workspace admin administers the whole workspace: ${either('leave out manages', 'leave out whom they manage')}. Nothing was sent.`,
    example: {},
  },
  clockify_team_manager_needs_people: {
    kind: 'input',
    say: () =>
      say`A team manager manages people: ${either('name them in manages (ids, e-mails or names), or make them lead of a user group with manage_teams', 'name them (e-mails or names), or make them lead of a user group')}. Nothing was sent.`,
    example: {},
  },
  clockify_project_manager_needs_projects: {
    kind: 'input',
    say: () => say`A project manager manages projects: ${either('name them in manages (ids or names)', 'name them')}. Nothing was sent.`,
    example: {},
  },
  /** The owner, whom nobody deactivates or gives another role. */
  clockify_owner_untouchable: {
    kind: 'input',
    say: (facts: { person: string }) =>
      say`${outside(facts.person)} owns the workspace: Clockify lets nobody deactivate the owner or change their role (ownership is handed over in Clockify's workspace settings). Nothing was sent.`,
    example: { person: 'Ada Lovelace' },
  },
  /** An invitee not yet a member, whom Clockify neither deactivates nor reactivates. */
  clockify_invitee_not_member: {
    kind: 'input',
    say: (facts: { person: string; status: 'PENDING' | 'DECLINED'; write: string }) =>
      say`${outside(facts.person)} has ${facts.status === 'PENDING' ? 'not accepted the invitation yet' : 'declined the invitation'}: Clockify activates a member only when they accept, so there is nothing to ${facts.write}. Nothing was sent.`,
    example: { person: 'Ada Lovelace', status: 'PENDING', write: 'deactivate' },
  },
  /** An invitation Clockify refused (403): its plan's, or the person's right. */
  clockify_invite_refused: {
    kind: 'denied',
    say: (facts: { email: string; plan: string | null }) =>
      say`Clockify did not let you invite ${facts.email} (403): it adds people through its API only on a paid plan${facts.plan ? ` (the workspace's is ${facts.plan})` : ''}, and only for its admins and owner. Nothing was changed; invite them from Clockify's Team page.`,
    example: { email: 'ada@example.com', plan: 'FREE' },
  },
  /** An invitation taken, whose invitee Clockify does not list yet. */
  clockify_invitee_not_listed: {
    kind: 'unavailable',
    say: (facts: { email: string }) =>
      say`Clockify took the invitation of ${facts.email} but does not list them yet: ${either('list shows them shortly', 'the list shows them shortly')}.`,
    example: { email: 'ada@example.com' },
  },
  /** A project a project manager's role is to be over, which Clockify does not have. */
  clockify_managed_project_unknown: {
    kind: 'not_found',
    say: (facts: { project: string }) =>
      say`There is no project ${outside(facts.project)} in Clockify; ${either('list_catalog shows them', 'the catalog shows them')}. Nothing was sent.`,
    example: { project: 'Websit' },
  },
  /** manage_tags: a colour, which Clockify's tags do not have. */
  clockify_tag_no_colour: {
    kind: 'input',
    say: () => say`Clockify's tags have no colour: ${either('leave color out and ask again', 'leave the colour out and ask again')}. Nothing was created.`,
    example: {},
  },
  /** manage_rates remove: Clockify removes no rate. */
  clockify_rate_not_removable: {
    kind: 'invalid',
    say: () =>
      say`Clockify removes no rate: set the person's rate to the project's or the workspace's default instead${forModelOnly(' (manage_rates set)')}. Nothing was sent.`,
    example: {},
  },
  /** manage_rates: a fixed rate, which Clockify does not keep. */
  clockify_rate_not_fixed: {
    kind: 'input',
    say: () => say`Clockify keeps hourly rates only, no fixed amount per time entry: give hourly instead. Nothing was sent.`,
    example: {},
  },
  /** The workspace's rates asked for by another workspace's name. */
  clockify_rates_other_workspace: {
    kind: 'not_found',
    say: (facts: { workspace: string; id: number; asked: string }) =>
      say`Punchcard works in the Clockify workspace ${outside(facts.workspace)}${forModelOnly(` (#${facts.id})`)}, not ${outside(facts.asked)}: name it${forModelOnly(' as item')} for its default rates. Nothing was sent.`,
    example: { workspace: 'Acme', id: 1, asked: 'Umbrella' },
  },
  /** Rates of a kind of item Clockify keeps none for. */
  clockify_rates_kind: {
    kind: 'invalid',
    say: (facts: { kind: string }) => say`Clockify keeps no rates per ${facts.kind}. Nothing was sent.`,
    example: { kind: 'customer' },
  },
  clockify_rates_person_ambiguous: {
    kind: 'invalid',
    say: (facts: { text: string; people: readonly Named[] }) =>
      say`${outside(facts.text)} names several people in the Clockify workspace: ${named(facts.people)}. Name one by their number or e-mail. Nothing was sent.`,
    example: {
      text: 'Ada',
      people: [
        { id: 3, name: 'Ada Lovelace' },
        { id: 9, name: 'Ada Byron' },
      ],
    },
  },
  clockify_rates_person_unknown: {
    kind: 'not_found',
    say: (facts: { text: string }) =>
      say`There is nobody called ${outside(facts.text)} among the active members of the Clockify workspace: name them by ${either('e-mail, name or the number manage_rates list shows', 'e-mail or name')}. Nothing was sent.`,
    example: { text: 'Grace' },
  },
  /** A person's rate on a private project they are no member of. */
  clockify_rates_person_not_member: {
    kind: 'invalid',
    say: (facts: { person: string; id: number; project: string }) =>
      say`${outside(facts.person)}${forModelOnly(` (#${facts.id})`)} is no member of the private project ${outside(facts.project)}, so Clockify keeps no rate for them there: add them to the project in Clockify first. Nothing was sent.`,
    example: { person: 'Ada Lovelace', id: 3, project: 'Website' },
  },
  /** A person's number Punchcard never gave a Clockify member. */
  clockify_member_unknown: {
    kind: 'not_found',
    say: (facts: { id: number }) => say`Punchcard knows no ${either(`Clockify member #${facts.id}`, 'such Clockify member')}.`,
    example: { id: 3 },
  },
  /** A project's rate set that this call did not read first. */
  clockify_rates_not_read: {
    kind: 'unavailable',
    say: (facts: { project: string }) => say`Punchcard has not read the project ${outside(facts.project)} in this call; ask again. Nothing was sent.`,
    example: { project: 'Website' },
  },
  /** A rate finer than a cent. */
  clockify_rate_cents: {
    kind: 'invalid',
    say: (facts: { field: 'hourly' | 'internal'; amount: number; currency: string }) =>
      say`Clockify keeps rates in whole cents: ${facts.field} ${facts.amount} ${outside(facts.currency)} is finer than that; give at most two decimals. Nothing was sent.`,
    example: { field: 'hourly', amount: 80.555, currency: 'EUR' },
  },
  /** The hourly rate set, then the cost rate refused: both as they are now. */
  clockify_rate_set_partway: {
    kind: 'unavailable',
    say: (
      facts: {
        cause: NestedRefusal;
        target: { kind: string; name: string };
        /** Whose rate: null for everyone's. */
        person: Named | null;
        hourly: number;
        currency: string;
        /** The cost rate it kept; null where none was set. */
        internal: number | null;
      },
      nested: Nested,
    ) =>
      say`${nested(facts.cause)} The hourly rate of the ${facts.target.kind} ${outside(facts.target.name)} for ${facts.person === null ? 'everyone' : say`${outside(facts.person.name)}${forModelOnly(` (#${facts.person.id})`)}`} is ${money(facts.hourly, facts.currency)} now; its internal (cost) rate stayed ${facts.internal === null ? 'unset' : money(facts.internal, facts.currency)}.`,
    example: {
      cause: { code: 'failure_said', facts: { message: 'Clockify had an internal error (500) trying to set the cost rate.' } },
      target: { kind: 'project', name: 'Website' },
      person: { id: 3, name: 'Ada Lovelace' },
      hourly: 80,
      currency: 'EUR',
      internal: null,
    },
  },
  /** manage_teams: access to a client or a task, which have no members in Clockify. */
  clockify_team_access_projects_only: {
    kind: 'invalid',
    say: (facts: { action: 'grant' | 'revoke'; kind: 'customer' | 'activity' }) =>
      say`Clockify gives a user group access to projects only (as a member of the project): ${facts.kind === 'customer' ? 'a client' : 'a task'} has no members of its own. ${facts.action === 'grant' ? 'Grant' : 'Revoke'} the project instead. Nothing was sent.`,
    example: { action: 'grant', kind: 'customer' },
  },
  clockify_team_person_ambiguous: {
    kind: 'invalid',
    say: (facts: { text: string; people: readonly Named[] }) =>
      say`${outside(facts.text)} names ${facts.people.length} people in Clockify: ${named(facts.people)}. Name the one you mean${forModelOnly(' by id')}.`,
    example: {
      text: 'Ada',
      people: [
        { id: 3, name: 'Ada Lovelace' },
        { id: 9, name: 'Ada Byron' },
      ],
    },
  },
  clockify_team_person_unknown: {
    kind: 'not_found',
    say: (facts: { text: string; close: readonly Named[] }) =>
      say`Nobody in your Clockify workspace is ${outside(facts.text)}${facts.close.length > 0 ? say`; close: ${named(facts.close)}` : ''}. Nothing was changed.`,
    example: { text: 'ada@example.org', close: [{ id: 3, name: 'Ada Lovelace' }] },
  },
  /** A user group made, whose id Clockify's answer left out. */
  clockify_group_without_id: {
    kind: 'unavailable',
    say: (facts: { name: string }) => say`Clockify answered the new user group ${outside(facts.name)} without its id: check its Team page before asking again.`,
    example: { name: 'Design' },
  },
  /**
   * A series of changes to a user group stopped after the first: what was done, then what refused
   * the next (its kind no longer follows the cause's: unavailable, as a failure of no kind was).
   */
  clockify_team_changed_partway: {
    kind: 'unavailable',
    say: (facts: { done: readonly TeamStep[]; cause: NestedRefusal }, nested: Nested) =>
      say`${facts.done.flatMap((step, index) => (index === 0 ? [teamStep(step, true)] : [', then ', teamStep(step, false)]))}; then: ${nested(facts.cause)} The rest was not sent: show the team to see where it stands.`,
    example: {
      done: [
        { step: 'made_group', name: 'Design', team: 4 },
        { step: 'added', name: 'Ada Lovelace' },
      ],
      cause: { code: 'failure_said', facts: { message: 'Clockify refused to add Grace Hopper to the user group "Design": User is not a member.' } },
    },
  },
  /** A team deleted in Clockify meanwhile. */
  clockify_team_gone: {
    kind: 'not_found',
    say: (facts: { team: number }) =>
      say`There is no ${recordNamed('team', facts.team, 'such')} in Clockify any more (someone deleted the user group meanwhile).`,
    example: { team: 4 },
  },
  /** project_status: one request a person, more people than a call may ask about. */
  clockify_project_too_many_people: {
    kind: 'invalid',
    say: (facts: { project: string; people: number }) =>
      say`Clockify's API gives one person's time at a time, and ${outside(facts.project)} has ${facts.people} people you may see: more requests than one call may send. Its hours are in Clockify's own reports.`,
    example: { project: 'Website', people: 60 },
  },
  /** project_status: Clockify refused everyone's time on the project but the person's own. */
  clockify_project_time_refused: {
    kind: 'denied',
    say: (facts: { project: string }) =>
      say`Clockify did not show you the time on ${outside(facts.project)} (it answered 403): you manage neither the project nor the people on it. Nothing else was read.`,
    example: { project: 'Website' },
  },
  /** A leave request to decide that Clockify no longer shows the person. */
  clockify_leave_request_not_shown: {
    kind: 'not_found',
    say: (facts: { request: number }) =>
      say`${recordNamed('Leave request', facts.request, 'start')} is not among the time off Clockify shows you (withdrawn, or not of anyone you manage). Nothing was sent.`,
    example: { request: 7 },
  },
  /** A leave request of someone whose time off the person does not approve. */
  clockify_leave_not_yours_to_decide: {
    kind: 'denied',
    say: (facts: { request: number; person: string; policy: string | null }) =>
      say`${recordNamed('Leave request', facts.request, 'start')} is ${outside(facts.person)}'s, whose time off you do not approve in Clockify (you are not their team manager, nor named an approver of ${outside(facts.policy ?? 'its policy')}). Nothing was sent.`,
    example: { request: 7, person: 'Ada Lovelace', policy: 'Vacation' },
  },
  clockify_leave_request_decided: {
    kind: 'conflict',
    say: (facts: { request: number; person: string; status: string }) =>
      say`${recordNamed('Leave request', facts.request, 'start')} of ${outside(facts.person)} is already ${facts.status}. Nothing was sent.`,
    example: { request: 7, person: 'Ada Lovelace', status: 'approved' },
  },
  /** A decision on a request the call did not look up first. */
  clockify_leave_request_not_looked_up: {
    kind: 'not_found',
    say: (facts: { request: number }) =>
      say`${recordNamed('Leave request', facts.request, 'start')} was not looked up before the decision; ask again. Nothing was sent.`,
    example: { request: 7 },
  },
  /** Clockify refused (403) a decision on a leave request: its words. */
  clockify_leave_decision_refused: {
    kind: 'denied',
    say: (facts: { decision: 'approve' | 'reject'; person: string; request: number; cause: NestedRefusal }, nested: Nested) =>
      say`Clockify did not let you ${facts.decision} ${outside(facts.person)}'s ${recordNamed('leave request', facts.request, 'plain')}: ${nested(facts.cause)} Nothing was changed.`,
    example: {
      decision: 'approve',
      person: 'Ada Lovelace',
      request: 7,
      cause: {
        code: 'failure_said',
        facts: { message: 'Your Clockify account may not approve a time-off request (Clockify answered 403). Ask a workspace admin.' },
      },
    },
  },
  /** A team tool for a role that leads nobody: a project manager, or a member. */
  clockify_not_leading: {
    kind: 'denied',
    say: (facts: { role: 'project_manager' | 'member' }) =>
      facts.role === 'project_manager'
        ? say`Your Clockify account manages projects, not people: Clockify shows you your projects’ hours${forModelOnly(' (project_status)')}, not your colleagues’ time or time off.`
        : say`Your Clockify account is a member’s (not an admin or a manager), so Clockify shows you nobody else’s time or time off.`,
    example: { role: 'project_manager' },
  },
  /** A team manager's people, read a member a request: more members than a call may ask about. */
  clockify_too_many_members: {
    kind: 'invalid',
    say: (facts: { members: number }) =>
      say`Clockify names a member's team managers one member at a time, and your workspace has ${facts.members} other members: more requests than one call may send, so Punchcard cannot tell whom you manage. An admin's key sees everyone at once.`,
    example: { members: 80 },
  },
  /** A time-off policy that takes whole days only. */
  clockify_policy_no_half_days: {
    kind: 'invalid',
    say: (facts: { policy: string }) => say`The Clockify policy ${outside(facts.policy)} does not allow half days; ask for whole days.`,
    example: { policy: 'Vacation' },
  },
  /** A request to withdraw that is no longer the person's in Clockify. */
  clockify_time_off_gone: {
    kind: 'not_found',
    say: (facts: { request: number }) => say`There is no ${recordNamed('time-off request', facts.request, 'such')} of yours in Clockify any more.`,
    example: { request: 7 },
  },
  clockify_time_off_approved: {
    kind: 'invalid',
    say: (facts: { request: number }) =>
      say`${recordNamed('Request', facts.request, 'start')} is already approved; Clockify lets you withdraw only pending requests. Ask whoever approved it to cancel it in Clockify.`,
    example: { request: 7 },
  },
  /**
   * Acting for a person with the organisation's key (providers/clockify/acting.ts): Clockify approved at once a
   * request filed for them on a policy that needs an approver's decision, as the key's rights would let it. A request
   * the person files waits for their approver, so it was withdrawn again (or, where that failed, stands approved).
   */
  clockify_time_off_approved_at_once: {
    kind: 'denied',
    say: (facts: { policy: string; withdrawn: boolean }) =>
      facts.withdrawn
        ? say`Clockify approved your ${outside(facts.policy)} request at once, as this server files it through your organisation's account, which may approve time off; a request of yours must wait for your approver, so Punchcard withdrew it again. File it in Clockify yourself, or ask your approver.`
        : say`Clockify approved your ${outside(facts.policy)} request at once, as this server files it through your organisation's account, which may approve time off, and Punchcard could not withdraw it again: it stands approved without your approver's decision. Tell your approver or an administrator.`,
    example: { policy: 'Vacation', withdrawn: true },
  },
  clockify_time_off_not_pending: {
    kind: 'invalid',
    say: (facts: { request: number; status: string }) =>
      say`${recordNamed('Request', facts.request, 'start')} is ${facts.status}; there is nothing to withdraw.`,
    example: { request: 7, status: 'rejected' },
  },
  /** No policy of the person's reads as vacation, so no vacation balance. */
  clockify_no_vacation_policy: {
    kind: 'unavailable',
    say: (facts: { policies: readonly string[] }) =>
      say`None of your Clockify time-off policies reads as vacation (yours: ${quoted(facts.policies) || 'none'}), so Punchcard cannot say a vacation balance.`,
    example: { policies: ['Sick days', 'Parental leave'] },
  },
  /** A policy named that the person has none of; `policies` are those counted in days. */
  clockify_policy_unknown: {
    kind: 'invalid',
    say: (facts: { policy: string; policies: readonly string[] }) =>
      say`You have no time-off policy ${outside(facts.policy)} in Clockify. Yours: ${quoted(facts.policies) || 'none is open to you'}.`,
    example: { policy: 'Sabbatical', policies: ['Vacation', 'Sick days'] },
  },
  clockify_policy_in_hours: {
    kind: 'invalid',
    say: (facts: { policy: string }) =>
      say`${outside(facts.policy)} is counted in hours in Clockify; Punchcard files time off in days. Request it in Clockify.`,
    example: { policy: 'Doctor visits' },
  },
  clockify_policy_ambiguous: {
    kind: 'invalid',
    say: (facts: { type: string; policies: readonly string[] }) =>
      say`Several of your Clockify policies are ${facts.type}: ${quoted(facts.policies)}. Name the one you mean${forModelOnly(' as the type')}.`,
    example: { type: 'vacation', policies: ['Vacation', 'Annual leave'] },
  },
  clockify_policy_none: {
    kind: 'invalid',
    say: (facts: { type: string; policies: readonly string[] }) =>
      say`None of your Clockify time-off policies is ${facts.type}; name one of yours${forModelOnly(' as the type')}: ${quoted(facts.policies) || 'none is open to you'}.`,
    example: { type: 'sick', policies: ['Vacation'] },
  },

  // --- The workspace a key is used with (providers/clockify/mapping.ts, chooseWorkspace): refusals of
  // the settings, invalid as a configuration is (providers/remote/remote-error.ts).

  /** Several workspaces have the name the settings give; `seen`: every workspace the key sees. */
  clockify_workspace_ambiguous: {
    kind: 'invalid',
    say: (facts: { wanted: string; seen: readonly Workspace[] }) =>
      say`Several of your Clockify workspaces are called ${outside(facts.wanted)}: ${workspaces(facts.seen)}. Name the one you mean by its id in Punchcard's account settings.`,
    example: {
      wanted: 'Acme',
      seen: [
        { name: 'Acme', id: '64a687e29ae1f428e7ebe303' },
        { name: 'acme', id: '64a687e29ae1f428e7ebe404' },
      ],
    },
  },
  /** No workspace the key sees has the id or name the settings give. */
  clockify_workspace_unknown: {
    kind: 'invalid',
    say: (facts: { wanted: string; seen: readonly Workspace[] }) =>
      say`Your Clockify API key sees no workspace ${outside(facts.wanted)}. It sees: ${workspaces(facts.seen)}. Name one of them (by name or id) in Punchcard's account settings.`,
    example: { wanted: 'Initech', seen: [{ name: 'Acme', id: '64a687e29ae1f428e7ebe303' }] },
  },
  /** The key sees no workspace at all: made on another subdomain. */
  clockify_no_workspace: {
    kind: 'invalid',
    say: () =>
      say`Your Clockify API key sees no workspace. A workspace on its own subdomain needs a key made there, in your profile settings on that subdomain.`,
    example: {},
  },
  /** The person's active workspace is not among those the key sees, and the settings name none. */
  clockify_active_workspace_unseen: {
    kind: 'invalid',
    say: (facts: { seen: readonly Workspace[] }) =>
      say`Your active Clockify workspace is not one this API key sees (a workspace on its own subdomain needs a key made there). The key sees: ${workspaces(facts.seen)}. Name one of them (by name or id) in Punchcard's account settings.`,
    example: {
      seen: [
        { name: 'Acme', id: '64a687e29ae1f428e7ebe303' },
        { name: 'Side project', id: '64a687e29ae1f428e7ebe404' },
      ],
    },
  },
  /** Clockify names no active workspace, the key sees several, and the settings name none. */
  clockify_workspace_unnamed: {
    kind: 'invalid',
    say: (facts: { seen: readonly Workspace[] }) =>
      say`Clockify names no active workspace for you, and your key sees several: ${workspaces(facts.seen)}. Name one (by name or id) in Punchcard's account settings.`,
    example: {
      seen: [
        { name: 'Acme', id: '64a687e29ae1f428e7ebe303' },
        { name: 'Side project', id: '64a687e29ae1f428e7ebe404' },
      ],
    },
  },

  // --- Answers that lack what Punchcard needs of them: unavailable, as answers that are not
  // Clockify's (providers/remote/remote-error.ts).

  /** The key's user came back without an id: the address is likely not Clockify's API. */
  clockify_key_owner_unnamed: {
    kind: 'unavailable',
    say: () => say`Clockify answered without saying whose the API key is; check the Clockify address.`,
    example: {},
  },
  /** A time-off request Clockify took, answered without its id. */
  clockify_time_off_unanswered: {
    kind: 'unavailable',
    say: () => say`Clockify accepted the time-off request but sent no id back; check it in Clockify before asking again.`,
    example: {},
  },
  /** A time entry without its id or its times. */
  clockify_entry_incomplete: {
    kind: 'unavailable',
    say: () => say`Clockify sent a time entry without its id or times; if it keeps happening, update Punchcard.`,
    example: {},
  },
});
