// Clockodo's own refusals (providers/clockodo/): what its clock and entries, its catalog and access
// maps, its absences, its teams and its owner's administration refuse, and what Punchcard refuses
// before asking it. Those said alike on Kimai are in kimai.ts (`leave_request_decided`,
// `project_not_visible`, `person_named_ambiguously`).
import { joined, numbered } from './kimai.ts';
import { day, either, forModelOnly, outside, type Part, recordNamed, say, type Sentence } from './sentence.ts';
import { type Nested, type NestedRefusal, refusalFamily } from './wording.ts';

type Named = { id: number; name: string };

/** The administration tool a refusal withdraws (providers/clockodo/context.ts, administering): a person is told it is gone. */
function switchedOff(tool: string): Part {
  return either(`${tool} is switched off`, 'Punchcard no longer offers this');
}

/** Names as a sentence lists them: `"Website", "Support"`. */
function quotedNames(names: readonly string[]): Sentence {
  return joined(names.map(outside), ', ');
}

/**
 * A request of the co-workers' or the teams' administration, which is the company owner's right
 * (providers/clockodo/admin-people/admin-people.ts, asOwner). Its words are also what the request is said to be
 * for when Clockodo fails it otherwise (the HTTP layer's "action").
 */
export type ClockodoOwnerRequest =
  | { action: 'list_coworkers' | 'list_teams' }
  | { action: 'read_coworker'; coworker: number }
  | { action: 'add_coworker'; email: string }
  | { action: 'change_coworker' | 'reactivate_coworker' | 'deactivate_coworker'; person: string }
  | { action: 'create_team' | 'rename_team' | 'delete_team' | 'unlead_team'; team: string }
  | { action: 'lead_team' | 'join_team' | 'leave_team'; team: string; person: string };

/** "rename the team Web", "read co-worker #5": what the owner's request was for. */
export function clockodoOwnerRequestWords(request: ClockodoOwnerRequest): Sentence {
  switch (request.action) {
    case 'list_coworkers':
      return say`list the co-workers`;
    case 'list_teams':
      return say`list the teams`;
    case 'read_coworker':
      return say`read ${recordNamed('co-worker', request.coworker)}`;
    case 'add_coworker':
      return say`add the co-worker ${request.email}`;
    case 'change_coworker':
      return say`change the co-worker ${outside(request.person)}`;
    case 'reactivate_coworker':
      return say`reactivate the co-worker ${outside(request.person)}`;
    case 'deactivate_coworker':
      return say`deactivate the co-worker ${outside(request.person)}`;
    case 'create_team':
      return say`create the team ${request.team}`;
    case 'rename_team':
      return say`rename the team ${request.team}`;
    case 'delete_team':
      return say`delete the team ${request.team}`;
    case 'unlead_team':
      return say`leave the team ${request.team} without a leader`;
    case 'lead_team':
      return say`make ${outside(request.person)} the leader of the team ${outside(request.team)}`;
    case 'join_team':
      return say`add ${outside(request.person)} to the team ${outside(request.team)}`;
    case 'leave_team':
      return say`remove ${outside(request.person)} from the team ${outside(request.team)}`;
  }
}

/** One absence an overlap met, with its days and status where the person's own absences have it. */
type MetAbsence = { id: number; first_day?: string; last_day?: string; status?: string };

/** "#3 (2026-05-04 to 2026-05-08, pending), #9" for a model; the days and statuses alone for a person. */
function metAbsences(absences: readonly MetAbsence[]): Sentence {
  const parts: Part[] = [];
  let shown = 0;
  for (const [index, absence] of absences.entries()) {
    const known = absence.first_day !== undefined && absence.last_day !== undefined && absence.status !== undefined;
    if (index > 0) parts.push(either(', ', known && shown > 0 ? ', ' : ''));
    if (!known) {
      parts.push(forModelOnly(`#${absence.id}`));
      continue;
    }
    const days =
      absence.first_day === absence.last_day
        ? say`${day(absence.first_day as string)}`
        : say`${day(absence.first_day as string)} to ${day(absence.last_day as string)}`;
    parts.push(say`${forModelOnly(`#${absence.id} `)}(${days}, ${absence.status as string})`);
    shown++;
  }
  return parts;
}

type CatalogNoun = 'customer' | 'project' | 'service';

export const clockodoRuleRefusals = refusalFamily({
  // --- Clock and entries (providers/clockodo/timesheets/timesheets.ts, mapping.ts)

  /** A time entry or timer without a project, which Clockodo needs; `examples` are projects the person may book on. */
  clockodo_project_needed: {
    kind: 'invalid',
    say: (facts: { examples: readonly string[] }) =>
      say`Clockodo books time on a customer's project; name one${facts.examples.length > 0 ? say`, e.g. ${quotedNames(facts.examples)}` : forModelOnly(' (see list_catalog)')}.`,
    example: { examples: ['Website', 'Support'] },
  },
  /** A timer started without names, with no earlier entry to resume; `examples` are projects the person may book on. */
  clockodo_nothing_to_resume: {
    kind: 'invalid',
    say: (facts: { examples: readonly string[] }) =>
      say`There is no earlier Clockodo entry to resume, and Clockodo needs a project and a service to start a timer. ${
        facts.examples.length > 0
          ? say`You may book on ${quotedNames(facts.examples)}; name one (and an activity).`
          : 'No project is open to you; ask whoever manages Clockodo.'
      }`,
    example: { examples: ['Website', 'Support'] },
  },
  /** Clearing an entry's service: Clockodo books every entry on one. */
  clockodo_entry_needs_service: {
    kind: 'invalid',
    say: () => say`Clockodo books every time entry on a service; name another activity instead of clearing it.`,
    example: {},
  },
  /** Clearing an entry's project where the company books every entry on one. */
  clockodo_entry_needs_project: {
    kind: 'invalid',
    say: () => say`Your Clockodo books every entry on a project; name another project instead of clearing it.`,
    example: {},
  },
  /** Changing or deleting a lump sum, which Punchcard lists and leaves to Clockodo. */
  clockodo_lump_sum: {
    kind: 'invalid',
    say: (facts: { entry: number; verb: 'change' | 'delete' }) =>
      say`${recordNamed('Time entry', facts.entry, 'start')} is a lump sum; Punchcard lists lump sums but does not ${facts.verb} them. Do that in Clockodo.`,
    example: { entry: 12, verb: 'delete' },
  },
  /** Clockodo took a start and answered no running entry. Unavailable, as an answer that is not Clockodo's (providers/remote/remote-error.ts). */
  clockodo_clock_start_unanswered: {
    kind: 'unavailable',
    say: () => say`Clockodo accepted the start but sent no running entry back.`,
    example: {},
  },
  /** Clockodo sent a time in no shape Punchcard reads (its first 40 characters). Unavailable, as an answer that is not Clockodo's. */
  clockodo_time_unreadable: {
    kind: 'unavailable',
    say: (facts: { text: string }) => say`Clockodo sent a time Punchcard cannot read (${outside(facts.text)}).`,
    example: { text: '04/05/2026 09:00' },
  },

  // --- Catalog and access (providers/clockodo/catalog/catalog.ts)

  /** A service made inside a project: Clockodo's services belong to none. */
  clockodo_service_has_no_project: {
    kind: 'invalid',
    say: () => say`Clockodo's services belong to no project; ${either('add the activity without a parent', 'add it without a project')}.`,
    example: {},
  },
  /** A project made without its customer. */
  clockodo_project_needs_customer: {
    kind: 'invalid',
    say: () =>
      say`Every Clockodo project belongs to a customer: ${either('name one as the parent', 'name its customer')}${forModelOnly(' (see list_catalog)')}.`,
    example: {},
  },
  /** A project the access map does not let the person book on (or none of that number). */
  clockodo_project_not_bookable: {
    kind: 'denied',
    say: (facts: { project: number }) =>
      say`You may not book on ${recordNamed('project', facts.project)} in Clockodo${forModelOnly(' (see list_catalog for what you may book on)')}.`,
    example: { project: 8 },
  },
  /** A project that takes no more time: completed, or archived. */
  clockodo_project_closed: {
    kind: 'invalid',
    say: (facts: { name: string; completed: boolean }) => say`The project ${outside(facts.name)} is ${facts.completed ? 'completed' : 'archived'} in Clockodo.`,
    example: { name: 'Website', completed: true },
  },
  /** No service named where the person may book on several (or none); `examples` are some they may. */
  clockodo_service_needed: {
    kind: 'invalid',
    say: (facts: { examples: readonly string[] }) =>
      say`Clockodo books time on a service too; name one as the activity${
        facts.examples.length > 0 ? say`, e.g. ${quotedNames(facts.examples)}` : ' (none is open to you; ask whoever manages Clockodo)'
      }.`,
    example: { examples: ['Development', 'Meetings'] },
  },
  /** A service the access map does not let the person book on (or none of that number). */
  clockodo_service_not_bookable: {
    kind: 'denied',
    say: (facts: { service: number }) => say`You may not book on ${recordNamed('service', facts.service)} in Clockodo${forModelOnly(' (see list_catalog)')}.`,
    example: { service: 5 },
  },
  /** An archived service. */
  clockodo_service_archived: {
    kind: 'invalid',
    say: (facts: { name: string }) => say`The service ${outside(facts.name)} is archived in Clockodo.`,
    example: { name: 'Meetings' },
  },

  // --- Leave (providers/clockodo/leave/leave.ts, mapping.ts)

  /** A reduction of overtime, which Clockodo books in hours; Punchcard files leave in days. */
  clockodo_overtime_in_hours: {
    kind: 'invalid',
    say: () => say`Clockodo books a reduction of overtime in hours; Punchcard files leave in days. File it in Clockodo.`,
    example: {},
  },
  /** A leave type Clockodo does not have; `types` are its own (the one in hours aside). */
  clockodo_leave_type_unknown: {
    kind: 'invalid',
    say: (facts: { kind: string; types: readonly string[] }) =>
      say`Clockodo has no leave type ${outside(facts.kind)}. Its types: ${quotedNames(facts.types)}; or Punchcard's vacation, sick, personal, parental, unpaid.`,
    example: { kind: 'sabbatical', types: ['Regular holiday', 'Special leave', 'Sick day'] },
  },
  /** Punchcard's type "other", which has no single counterpart in Clockodo. */
  clockodo_leave_type_other: {
    kind: 'invalid',
    say: (facts: { types: readonly string[] }) => say`Clockodo has no type "other": name one of its own types instead (${quotedNames(facts.types)}).`,
    example: { types: ['Regular holiday', 'Special leave', 'Sick day'] },
  },
  /** Cancelling someone else's absence. */
  clockodo_absence_not_yours: {
    kind: 'denied',
    say: (facts: { absence: number }) => say`${recordNamed('Absence', facts.absence, 'start')} is not yours; Punchcard only cancels your own requests.`,
    example: { absence: 31 },
  },
  /** Cancelling an approved absence, which takes someone who manages absences. */
  clockodo_absence_approved: {
    kind: 'conflict',
    say: (facts: { absence: number }) =>
      say`${recordNamed('Absence', facts.absence, 'start')} is already approved; only a manager can cancel it in Clockodo. Ask whoever approved it.`,
    example: { absence: 31 },
  },
  /** Cancelling an absence already declined or cancelled; `status` is how it stands. */
  clockodo_absence_decided: {
    kind: 'conflict',
    say: (facts: { absence: number; status: string }) => say`${recordNamed('Absence', facts.absence, 'start')} is already ${facts.status}.`,
    example: { absence: 31, status: 'rejected' },
  },
  /** A request that overlaps absences of the person's (Clockodo's AbsenceCollision), each as far as their own absences say. */
  clockodo_absence_overlap: {
    kind: 'conflict',
    say: (facts: { absences: readonly MetAbsence[] }) =>
      say`That overlaps your absence${facts.absences.length === 1 ? '' : 's'} ${facts.absences.length > 0 ? metAbsences(facts.absences) : 'already in Clockodo'}. Nothing was filed; change the dates or cancel the other request first.`,
    example: { absences: [{ id: 31, first_day: '2026-05-04', last_day: '2026-05-08', status: 'pending' }] },
  },

  // --- The team's time and leave (providers/clockodo/team/team.ts)

  /** Nobody the person leads (no team's leader, nobody's boss), so Clockodo shows them nobody else's time. */
  clockodo_leads_nobody: {
    kind: 'denied',
    say: () => say`Clockodo names you leader of no team and boss of nobody, so it shows you nobody else’s time.`,
    example: {},
  },
  /** Nobody whose absences the person manages. */
  clockodo_decides_no_leave: {
    kind: 'denied',
    say: () => say`Clockodo names nobody whose absences you manage, so no leave request waits for your decision.`,
    example: {},
  },
  /** A leave request not among the absences Clockodo lets the person manage. */
  clockodo_leave_request_not_managed: {
    kind: 'denied',
    say: (facts: { request: number }) =>
      say`${recordNamed('Leave request', facts.request, 'start')} is not one Clockodo lets you decide (it is not among the absences you manage). Nothing was sent.`,
    example: { request: 7 },
  },
  /** Clockodo refused the decision (403, or a person or status it will not take); `cause` is its refusal. */
  clockodo_leave_decision_refused: {
    kind: 'denied',
    say: (facts: { decision: 'approve' | 'decline'; person: string; request: number; cause: NestedRefusal }, nested: Nested) =>
      say`Clockodo did not let you ${facts.decision} ${outside(facts.person)}'s ${recordNamed('leave request', facts.request, 'plain')}: ${nested(facts.cause)} Nothing was changed.`,
    example: {
      decision: 'approve',
      person: 'Ada Lovelace',
      request: 7,
      cause: { code: 'failure_said', facts: { message: 'Clockodo refused: The user is not manageable by you.' } },
    },
  },

  // --- Administration (providers/clockodo/admin-*.ts)

  /** Clockodo refused (403) a request of the co-workers' or the teams' administration, the company owner's right: the tool is withdrawn. */
  clockodo_owner_denied: {
    kind: 'denied',
    say: (facts: ClockodoOwnerRequest & { tool: 'manage_people' | 'manage_teams' }) =>
      say`Clockodo did not let you ${clockodoOwnerRequestWords(facts)} (403 Forbidden): administering co-workers and their teams is the company owner's right, which your account does not hold. Nothing was changed; ${switchedOff(facts.tool)}.`,
    example: { tool: 'manage_teams', action: 'rename_team', team: 'Web' },
  },
  /** `manages` given: Clockodo's roles name nobody they manage. */
  clockodo_manages_nothing: {
    kind: 'input',
    say: () =>
      say`Clockodo's roles name nobody they manage: a team's leader and a person's boss are kept apart from the role (${either('manage_teams shows who leads a team', 'the teams show who leads them')}). ${either('Leave out manages', 'Name nobody they manage')}. Nothing was sent.`,
    example: {},
  },
  /** A team by a number Clockodo no longer lists. */
  clockodo_team_gone: {
    kind: 'not_found',
    say: (facts: { team: number }) => say`There is no ${recordNamed('team', facts.team, 'such')} in Clockodo any more.`,
    example: { team: 3 },
  },
  /** A word that names none of Clockodo's co-workers; `close` are some whose names hold it. */
  clockodo_coworker_unknown: {
    kind: 'not_found',
    say: (facts: { text: string; close: readonly Named[] }) =>
      say`Nobody among Clockodo's co-workers is ${outside(facts.text)}${facts.close.length > 0 ? say`; close: ${joined(facts.close.map(numbered))}` : ''}. Nothing was changed.`,
    example: { text: 'Ada', close: [{ id: 3, name: 'Ada Lovelace' }] },
  },
  /** set_lead naming several: a Clockodo team has one leader. */
  clockodo_team_one_leader: {
    kind: 'invalid',
    say: () => say`A team in Clockodo has one leader: name one person as lead. Nothing was changed.`,
    example: {},
  },
  /** A team's access granted or revoked: Clockodo's API shows access rights read-only, per person. */
  clockodo_team_access_read_only: {
    kind: 'invalid',
    say: (facts: { action: 'grant' | 'revoke' }) =>
      say`Clockodo's API shows access rights read-only (per person, not per team): it cannot ${facts.action} a team's access. Do it in Clockodo itself. Nothing was sent.`,
    example: { action: 'grant' },
  },
  /**
   * A team made, and its members moved into it one request each until one failed (`cause`): `moved`
   * went, `rest` did not. A conflict: the team is left part-way, whatever stopped it.
   */
  clockodo_team_partly_created: {
    kind: 'conflict',
    say: (facts: { team: Named; moved: readonly Named[]; rest: readonly Named[]; cause: NestedRefusal }, nested: Nested) =>
      say`Created the team ${outside(facts.team.name)}${forModelOnly(` (#${facts.team.id})`)}${facts.moved.length > 0 ? say` and moved ${joined(facts.moved.map(numbered))} into it` : ''}; then: ${nested(facts.cause)} Not moved: ${joined(facts.rest.map(numbered))}.`,
    example: {
      team: { id: 4, name: 'Web' },
      moved: [{ id: 3, name: 'Ada Lovelace' }],
      rest: [{ id: 9, name: 'Grace Hopper' }],
      cause: { code: 'failure_said', facts: { message: 'Clockodo did not answer within 15 s.' } },
    },
  },
  /** Members moved in or out one request each until one failed (`cause`) after `done` went. A conflict, as above. */
  clockodo_team_members_partly_changed: {
    kind: 'conflict',
    say: (facts: { change: 'add' | 'remove'; done: readonly Named[]; cause: NestedRefusal }, nested: Nested) =>
      say`${facts.change === 'add' ? 'Added' : 'Removed'} ${joined(facts.done.map(numbered))}; then: ${nested(facts.cause)} The others were not ${facts.change === 'add' ? 'added' : 'removed'}.`,
    example: {
      change: 'remove',
      done: [{ id: 3, name: 'Ada Lovelace' }],
      cause: { code: 'failure_said', facts: { message: 'Clockodo did not answer within 15 s.' } },
    },
  },
  /** Members removed, the team's leader among them, whose lead Clockodo then did not take away (`cause`). A conflict, as above. */
  clockodo_team_leader_kept: {
    kind: 'conflict',
    say: (facts: { removed: readonly Named[]; leaders: readonly Named[]; team: string; cause: NestedRefusal }, nested: Nested) =>
      say`Removed ${joined(facts.removed.map(numbered))}; then: ${nested(facts.cause)} ${joined(facts.leaders.map(numbered), ' and ')} still leads ${outside(facts.team)} in Clockodo.`,
    example: {
      removed: [{ id: 3, name: 'Ada Lovelace' }],
      leaders: [{ id: 3, name: 'Ada Lovelace' }],
      team: 'Web',
      cause: { code: 'failure_said', facts: { message: 'Clockodo did not answer within 15 s.' } },
    },
  },
  /** A budget asked of a customer or a service: Clockodo keeps budgets on projects only. */
  clockodo_budget_projects_only: {
    kind: 'input',
    say: (facts: { kind: CatalogNoun; item: number; name: string }) =>
      say`Clockodo keeps budgets on projects only; the ${facts.kind} ${outside(facts.name)}${forModelOnly(` (#${facts.item})`)} has none. ${either('Leave budget_hours, budget_money and budget_period out', 'Leave the budget out')}. Nothing was sent.`,
    example: { kind: 'customer', item: 2, name: 'Acme' },
  },
  /** Both budgets asked of a project: Clockodo's project has one, in hours or in money. */
  clockodo_one_budget: {
    kind: 'input',
    say: (facts: { item: number; name: string }) =>
      say`A Clockodo project has one budget, in hours or in money, not both: ${either('give budget_hours or budget_money', 'give it in hours or in money')} for the project ${outside(facts.name)}${forModelOnly(` (#${facts.item})`)} (the one given replaces the other). Nothing was sent.`,
    example: { item: 8, name: 'Website' },
  },
  /** A monthly budget: Clockodo's budget is over the project's whole life. */
  clockodo_no_monthly_budget: {
    kind: 'input',
    say: (facts: { item: number; name: string }) =>
      say`Clockodo keeps a project's budget over the project's whole life; it has no monthly budget. ${either('Leave budget_period out', 'Leave the period out')} for the project ${outside(facts.name)}${forModelOnly(` (#${facts.item})`)}. Nothing was sent.`,
    example: { item: 8, name: 'Website' },
  },
  /** Billable set on a service, which keeps no billable flag. */
  clockodo_service_not_billable: {
    kind: 'input',
    say: () => say`Clockodo's services keep no billable flag: set billable on the customer or the project instead. Nothing was sent.`,
    example: {},
  },
  /** Clockodo refused to show or change a catalog item (403: the owner's right): update_catalog_item is withdrawn. */
  clockodo_catalog_denied: {
    kind: 'denied',
    say: (facts: { action: 'read'; kind: CatalogNoun; item: number } | { action: 'change'; kind: CatalogNoun; item: number; name: string }) =>
      say`Clockodo did not let you ${
        facts.action === 'read'
          ? say`read the ${facts.kind}${forModelOnly(` #${facts.item}`)}`
          : say`change the ${facts.kind} ${outside(facts.name)}${forModelOnly(` (#${facts.item})`)}`
      } (403 Forbidden): your account lacks the owner's right to edit customers, projects and services. Nothing was changed; ${switchedOff('update_catalog_item')}.`,
    example: { action: 'change', kind: 'service', item: 5, name: 'Meetings' },
  },
  /** Tags to add: Clockodo keeps none on entries. */
  clockodo_entries_have_no_tags: {
    kind: 'input',
    say: () => say`Clockodo keeps no tags on time entries: ${either('leave add_tags out', 'add no tags')}. Nothing was changed.`,
    example: {},
  },
  /** Exported without billable: in Clockodo an exported (billed) entry is a billable one. */
  clockodo_exported_is_billable: {
    kind: 'input',
    say: () =>
      say`In Clockodo an exported (billed) entry is a billable one: ${either('exported true with billable false', 'exported and not billable')} cannot be. Nothing was changed.`,
    example: {},
  },
  /** Clockodo refused a correction (403: the owner's right, or the person's edit lock): correct_time_entries is withdrawn. */
  clockodo_correction_denied: {
    kind: 'denied',
    say: (facts: { entry: number }) =>
      say`Clockodo did not let you change ${recordNamed('time entry', facts.entry)} (403 Forbidden): your account lacks the owner's right to edit colleagues' entries, or the entry lies within its person's edit lock. ${switchedOff('correct_time_entries')}.`,
    example: { entry: 12 },
  },

  // --- Acting for a person through the organisation account (providers/clockodo/acting.ts)

  /** A write of the person's entries inside their own edit lock: the owner's key may not be held by it, so Punchcard holds the person to it. */
  clockodo_entry_edit_locked: {
    kind: 'denied',
    say: (facts: { last_locked_day: string }) =>
      say`Your Clockodo edit lock covers your entries up to ${day(facts.last_locked_day)}: they cannot be added, changed or deleted. Nothing was sent.`,
    example: { last_locked_day: '2026-04-30' },
  },
  /**
   * A leave request filed through the company's account as waiting, which Clockodo stored decided all the same (the
   * account's rights): deleted again where Clockodo let it (`removed`), so no approved request stands in the person's name.
   */
  clockodo_leave_filed_decided: {
    kind: 'conflict',
    say: (facts: { absence: number; status: string; removed: boolean }) =>
      facts.removed
        ? say`Clockodo stored your ${recordNamed('leave request', facts.absence, 'plain')} as ${facts.status} at once, though this server sent it as waiting for a decision; it was deleted again, so nothing stands in your name. Request it in Clockodo yourself, or ask whoever decides your leave.`
        : say`Clockodo stored your ${recordNamed('leave request', facts.absence, 'plain')} as ${facts.status} at once, though this server sent it as waiting for a decision, and did not let it be deleted again. Tell whoever decides your leave, so they can set it right in Clockodo.`,
    example: { absence: 31, status: 'approved', removed: true },
  },
  /** A request the narrowed API does not make for a person (an administration, a team or a catalog write): it would act with the owner's rights. */
  clockodo_not_for_others: {
    kind: 'denied',
    say: (facts: { request: string }) =>
      say`This server acts for you on Clockodo through your company's account, and does not make that request (${facts.request}) for you: it would act with that account's rights, not yours. Nothing was sent.`,
    example: { request: 'createUser' },
  },
});
