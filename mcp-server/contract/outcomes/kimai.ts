// Kimai's own refusals (providers/kimai/): what its timesheets, its absence plugin, its teams and its
// administration refuse, and what Punchcard refuses before asking it. Three are said alike on
// Clockodo (`leave_request_decided`, `project_not_visible`, `person_named_ambiguously`): they are
// here until a shared family takes them.
import { daySpan, either, forModelOnly, moment, outside, type Part, recordNamed, say, type Sentence } from './sentence.ts';
import { type Nested, type NestedRefusal, refusalFamily } from './wording.ts';

/** A person or a team by name, with the number a model may name them by. */
type Named = { id: number; name: string };

/** "Ada Lovelace (#3)" for a model; "Ada Lovelace" for a person. */
export function numbered(one: Named): Sentence {
  return say`${outside(one.name)}${forModelOnly(` (#${one.id})`)}`;
}

/** Parts one after another, `separator` between them. */
export function joined(items: readonly Part[], separator = ', '): Sentence {
  const parts: Part[] = [];
  items.forEach((item, index) => {
    if (index > 0) parts.push(separator);
    parts.push(item);
  });
  return parts;
}

/** The administration tool a refusal withdraws (providers/kimai/context.ts, administering): a person is told it is gone. */
function switchedOff(tool: string): Part {
  return either(`${tool} is switched off`, 'Punchcard no longer offers this');
}

/** Kimai's tracking modes as its settings page names them; one it does not ship, as it came. */
export function kimaiTrackingModeName(mode: string): Part {
  if (mode === 'punch') return 'punch-clock';
  if (mode === 'duration_fixed_begin') return 'fixed-start';
  return outside(mode);
}

/** What a tracking mode that takes no times was asked to take. */
const TIMES_WORDS = {
  start: 'a start time',
  end: 'an end time',
  logged: 'entries logged afterwards',
  changed: 'changed start or end times',
} as const;

/** A request of manage_teams Kimai refused, and the permission it lacked (providers/kimai/admin-teams/admin-teams.ts). */
export type KimaiTeamsRequest =
  | { action: 'list' }
  | { action: 'read' | 'rename' | 'set_leads' | 'delete'; team: number }
  | { action: 'create'; name: string }
  | { action: 'add' | 'remove'; team: number; person: string };

const TEAM_PERMISSIONS = {
  list: 'view_team',
  read: 'view_team',
  create: 'create_team',
  rename: 'edit_team',
  set_leads: 'edit_team',
  add: 'edit_team',
  remove: 'edit_team',
  delete: 'delete_team',
} as const;

function teamsRequestWords(request: KimaiTeamsRequest): Sentence {
  switch (request.action) {
    case 'list':
      return say`list the teams`;
    case 'create':
      return say`create the team ${outside(request.name)}`;
    case 'read':
      return say`read ${recordNamed('team', request.team)}`;
    case 'rename':
      return say`rename ${recordNamed('team', request.team)}`;
    case 'set_leads':
      return say`change the leads of ${recordNamed('team', request.team)}`;
    case 'delete':
      return say`delete ${recordNamed('team', request.team)}`;
    case 'add':
      return say`add ${outside(request.person)} to ${recordNamed('team', request.team)}`;
    case 'remove':
      return say`remove ${outside(request.person)} from ${recordNamed('team', request.team)}`;
  }
}

/** A request of manage_people Kimai refused (providers/kimai/admin-people/admin-people.ts). */
export type KimaiPeopleRequest =
  | { action: 'list' }
  | { action: 'read'; person: number }
  | { action: 'create'; email: string }
  | { action: 'change' | 'reactivate' | 'deactivate'; name: string };

const PEOPLE_PERMISSIONS = {
  list: 'view_user',
  read: 'view_other_profile',
  create: 'create_user',
  change: 'edit_other_profile',
  reactivate: 'edit_other_profile',
  deactivate: 'edit_other_profile',
} as const;

function peopleRequestWords(request: KimaiPeopleRequest): Sentence {
  switch (request.action) {
    case 'list':
      return say`list the people`;
    case 'read':
      return say`read ${recordNamed('person', request.person)}`;
    case 'create':
      return say`create the account ${request.email}`;
    case 'change':
      return say`change the account of ${outside(request.name)}`;
    case 'reactivate':
    case 'deactivate':
      return say`${request.action} the account of ${outside(request.name)}`;
  }
}

/** Whose rate: everyone's, or one person's. */
function rateHolder(person: Named | null): Part {
  return person === null ? 'everyone' : numbered(person);
}

type CatalogKindWord = 'customer' | 'project' | 'activity';

export const kimaiRuleRefusals = refusalFamily({
  // --- Timer and entries (providers/kimai/timesheets/timesheets.ts, mapping.ts)

  /** Clearing an entry's project or activity: Kimai keeps both on every entry. */
  kimai_entry_keeps_project_and_activity: {
    kind: 'invalid',
    say: () => say`Every Kimai time entry has a project and an activity; name another one instead of clearing it.`,
    example: {},
  },
  /** Taking a finished entry's end away. */
  kimai_entry_cannot_reopen: {
    kind: 'invalid',
    say: () => say`Kimai cannot reopen a finished entry; start a new timer instead.`,
    example: {},
  },
  /** Deleting an entry Kimai keeps locked for the person (exported); `reason` is the entry's lock in words. */
  kimai_entry_locked: {
    kind: 'denied',
    say: (facts: { entry: number; reason: string }) =>
      say`${recordNamed('Time entry', facts.entry, 'start')} cannot be deleted: ${facts.reason} Nothing was deleted.`,
    example: { entry: 12, reason: 'It is exported in Kimai, and only an administrator may change exported records.' },
  },
  /** An entry or a timer without a project. */
  kimai_entry_needs_project: {
    kind: 'invalid',
    say: () => say`Kimai books every entry on a project and an activity; name the project too${forModelOnly(' (see list_catalog)')}.`,
    example: {},
  },
  /** An entry or a timer without an activity; no names as examples, so a client that may not list the catalog learns none. */
  kimai_entry_needs_activity: {
    kind: 'invalid',
    say: () => say`Kimai books every entry on an activity too; name one${forModelOnly(' (list_catalog shows them)')}.`,
    example: {},
  },
  /** A timer started without a project and an activity, with no earlier entry to resume. */
  kimai_nothing_to_resume: {
    kind: 'invalid',
    say: () =>
      say`Kimai needs a project and an activity to start a timer, and there is no earlier entry to resume. Name them${forModelOnly(' (see list_catalog)')}.`,
    example: {},
  },
  /** Times given where Kimai's tracking mode (punch-clock, fixed start) takes none from this person's role. */
  kimai_tracking_mode_times: {
    kind: 'invalid',
    say: (facts: { mode: string; times: keyof typeof TIMES_WORDS }) =>
      say`Your Kimai uses the ${kimaiTrackingModeName(facts.mode)} tracking mode, so it does not accept ${TIMES_WORDS[facts.times]}: time is recorded by clocking in and out now. ${either('Use clock_in and clock_out without times', 'Clock in and out without times')}, or ask your Kimai administrator.`,
    example: { mode: 'punch', times: 'start' },
  },
  /** A time in the hour that repeats when the clocks go back: Kimai takes times without an offset and would store the other. */
  kimai_time_repeats: {
    kind: 'invalid',
    say: (facts: { field: string; time: string; timezone: string }) =>
      say`The ${facts.field} ${moment(facts.time)} falls in the hour that repeats when clocks go back in ${facts.timezone}. Kimai takes times without an offset and would store the earlier one; use a time outside that hour.`,
    example: { field: 'start', time: '2026-10-25T02:30:00+01:00', timezone: 'Europe/Berlin' },
  },
  /**
   * Kimai sent a time in no shape Punchcard reads (the first 40 characters of it): the server is likely
   * no Kimai 2. Unavailable, as the HTTP layer's answer that is not Kimai's (providers/remote/remote-error.ts).
   */
  kimai_time_unreadable: {
    kind: 'unavailable',
    say: (facts: { text: string }) => say`Kimai sent a time Punchcard cannot read (${outside(facts.text)}); is this server a Kimai 2?`,
    example: { text: '04/05/2026 09:00' },
  },
  /** An AI agent's own time whose tag Kimai did not keep on the entry, which was then deleted again. */
  kimai_agent_tag_dropped: {
    kind: 'unavailable',
    say: (facts: { tag: string }) =>
      say`Kimai did not keep the tag ${facts.tag} on the entry, so it was not recorded as the agent's own time. Nothing was kept.`,
    example: { tag: 'ai-claude-code' },
  },
  /** Kimai would not make an AI agent's tag; `cause` is its refusal. */
  kimai_agent_tag_refused: {
    kind: 'invalid',
    say: (facts: { tag: string; cause: NestedRefusal }, nested: Nested) =>
      say`Kimai would not make the tag ${facts.tag} for the agent's own time (${nested(facts.cause)}); a hidden tag of that name may exist. Ask your Kimai administrator to make it visible (Tags). Nothing was recorded.`,
    example: {
      tag: 'ai-claude-code',
      cause: { code: 'failure_said', facts: { message: 'Kimai refused to create the tag ai-claude-code: name: This value is already used.' } },
    },
  },

  // --- Catalog (providers/kimai/catalog/catalog.ts)

  /** A project made without its customer. */
  kimai_project_needs_customer: {
    kind: 'invalid',
    say: () => say`A Kimai project belongs to a customer: ${either('give the customer as parent', 'name its customer')}.`,
    example: {},
  },

  // --- Leave on the absence plugin (providers/kimai/leave/leave.ts, absences.ts)

  /**
   * The absence plugin does not answer (not installed, or not for this account): the leave tools are
   * withdrawn. `need` is what was asked of it: the person's own leave, or leave to decide.
   */
  kimai_absence_plugin_missing: {
    kind: 'unavailable',
    say: (facts: { need: 'own_leave' | 'team_leave' }) =>
      facts.need === 'own_leave'
        ? say`This Kimai has no absence plugin (or your account may not use it), so Punchcard cannot file or list leave here; ask your Kimai administrator.`
        : say`This Kimai has no absence plugin (or your account may not use it), so there is no leave to decide here.`,
    example: { need: 'own_leave' },
  },
  /** A type of absence the plugin does not have; `types` are those it has. */
  kimai_absence_type_unknown: {
    kind: 'invalid',
    say: (facts: { kind: string; types: readonly string[] }) =>
      say`Kimai's absence plugin has no type ${outside(facts.kind)}; its types: ${joined(facts.types.map(outside), ', ')}.`,
    example: { kind: 'vacation days', types: ['holiday', 'sickness', 'sickness_child', 'time_off', 'parental', 'unpaid_vacation', 'other'] },
  },
  /** Cancelling an absence Punchcard cannot find among the person's from last year on (so it cannot say what it would cancel). */
  kimai_absence_not_found: {
    kind: 'not_found',
    say: (facts: { absence: number }) => say`There is no ${recordNamed('absence', facts.absence, 'such')} of yours in Kimai from last year on.`,
    example: { absence: 31 },
  },
  /** The plugin took an absence and answered no record of it. Unavailable, as an answer that is not Kimai's. */
  kimai_absence_unrecorded: {
    kind: 'unavailable',
    say: () => say`Kimai accepted the absence but returned no record of it.`,
    example: {},
  },

  // --- The team's time and leave (providers/kimai/team/team.ts)

  /** The person leads no team (and administers nothing), so Kimai shows them nobody else's time. */
  kimai_leads_nobody: {
    kind: 'denied',
    say: () => say`Your Kimai account leads no team, so Kimai shows you nobody else’s time or leave.`,
    example: {},
  },
  /** A project's hours asked for by a number the back end does not show the person. Said alike on Clockodo. */
  project_not_visible: {
    kind: 'not_found',
    say: (facts: { project: number; back_end: string }) =>
      say`There is no ${recordNamed('project', facts.project, 'such')} in ${facts.back_end} that you may see.`,
    example: { project: 8, back_end: 'Kimai' },
  },
  /** A leave request to decide that the last listing did not show: the plugin cannot look one up by its number. */
  kimai_leave_request_not_listed: {
    kind: 'not_found',
    say: (facts: { request: number }) =>
      say`${recordNamed('Leave request', facts.request, 'start')} is not among the requests Punchcard listed as waiting for your decision; ${either('list them with list_pending_leave first', 'list them first')} (Kimai's absence plugin cannot look a request up by its number). Nothing was sent.`,
    example: { request: 7 },
  },
  /**
   * A listed request of someone the person no longer leads (or whom Kimai no longer shows them):
   * `covers` is whose requests the person decides, in words; `complete` whether the teams themselves said so.
   */
  kimai_leave_request_not_led: {
    kind: 'denied',
    say: (facts: { request: number; person: string; covers: string; complete: boolean }) =>
      say`${recordNamed('Leave request', facts.request, 'start')} is ${outside(facts.person)}'s, ${facts.complete ? `who is not in ${facts.covers} any more` : `whom Kimai no longer shows you in ${facts.covers}`}; it is not yours to decide. Nothing was sent.`,
    example: { request: 7, person: 'Ada Lovelace', covers: 'the teams you lead in Kimai (Web)', complete: true },
  },
  /** A listed request withdrawn since. */
  kimai_leave_request_gone: {
    kind: 'not_found',
    say: (facts: { request: number; person: string }) =>
      say`${recordNamed('Leave request', facts.request, 'start')} of ${outside(facts.person)} is gone from Kimai (withdrawn meanwhile). Nothing was sent.`,
    example: { request: 7, person: 'Ada Lovelace' },
  },
  /** A request decided meanwhile; `status` is how it stands now. Said alike on Clockodo. */
  leave_request_decided: {
    kind: 'conflict',
    say: (facts: { request: number; person: string; status: string }) =>
      say`${recordNamed('Leave request', facts.request, 'start')} of ${outside(facts.person)} is already ${facts.status}. Nothing was sent.`,
    example: { request: 7, person: 'Ada Lovelace', status: 'approved' },
  },
  /** Kimai refused the decision itself (403). */
  kimai_leave_decision_denied: {
    kind: 'denied',
    say: (facts: { decision: 'approve' | 'reject'; person: string; request: number }) =>
      say`Kimai did not let you ${facts.decision} ${outside(facts.person)}'s ${recordNamed('leave request', facts.request, 'plain')} (403 Forbidden): your account may not decide their absences. Nothing was changed.`,
    example: { decision: 'approve', person: 'Ada Lovelace', request: 7 },
  },

  // --- Tags and invoices (providers/kimai/admin/admin.ts)

  /** Kimai refused to make a tag (403): manage_tags is withdrawn. */
  kimai_tag_create_denied: {
    kind: 'denied',
    say: (facts: { tag: string }) =>
      say`Kimai did not let you create the tag ${outside(facts.tag)} (403 Forbidden): your account lacks the permission create_tag. Nothing was created; ${switchedOff('manage_tags')}.`,
    example: { tag: 'urgent' },
  },
  /** Kimai's API makes and deletes tags and changes none: refused before anything is sent. */
  kimai_tag_unchangeable: {
    kind: 'input',
    say: (facts: { action: 'rename' | 'archive' | 'restore' }) =>
      say`Kimai's API cannot ${facts.action} a tag: it creates and deletes tags but changes none. Do it in Kimai under Tags (administrators). Nothing was sent.`,
    example: { action: 'rename' },
  },
  /** Kimai refused the invoice list (403): list_invoices is withdrawn. */
  kimai_invoices_denied: {
    kind: 'denied',
    say: () => say`Kimai did not let you list invoices (403 Forbidden): your account lacks the permission view_invoice. ${switchedOff('list_invoices')}.`,
    example: {},
  },
  /** One customer's invoices refused (403): that customer's alone, so nothing is withdrawn. */
  kimai_customer_invoices_denied: {
    kind: 'denied',
    say: (facts: { customer: number }) =>
      say`Kimai did not let you see the invoices of ${recordNamed('customer', facts.customer)} (403 Forbidden): your account may not access that customer.`,
    example: { customer: 4 },
  },
  /** A page past the last of the invoices asked for. */
  kimai_invoice_page_missing: {
    kind: 'not_found',
    say: (facts: { page: number }) => say`There is no page ${facts.page} of these invoices: Kimai has fewer. Ask for page 1.`,
    example: { page: 3 },
  },
  /** An invoice whose status Punchcard does not know (the first 20 characters of it). Unavailable, as an answer that is not Kimai's. */
  kimai_invoice_status_unknown: {
    kind: 'unavailable',
    say: (facts: { invoice: string; status: string }) =>
      say`Kimai sent invoice ${facts.invoice} with a status Punchcard does not know (${outside(facts.status)}).`,
    example: { invoice: 'INV-2026-014', status: 'disputed' },
  },

  // --- Rates (providers/kimai/admin-rates/admin-rates.ts)

  /** Kimai refused a rate request (403: the item's edit right): manage_rates is withdrawn. */
  kimai_rates_denied: {
    kind: 'denied',
    say: (facts: { verb: 'read' | 'set' | 'change' | 'remove'; kind: string; name: string; permission: string }) =>
      say`Kimai did not let you ${facts.verb} the rates of ${facts.kind} ${outside(facts.name)} (403 Forbidden): rates need the right to edit the ${facts.kind} (permission ${facts.permission}), which your account lacks. Nothing was changed; ${switchedOff('manage_rates')}.`,
    example: { verb: 'set', kind: 'project', name: 'Website', permission: 'edit_project' },
  },
  /** Workspace rates, which Kimai does not keep. */
  kimai_no_workspace_rates: {
    kind: 'invalid',
    say: () => say`Kimai keeps no workspace rates. Nothing was sent.`,
    example: {},
  },
  /** A word for a rate's person that names several people Kimai showed. */
  kimai_rate_person_ambiguous: {
    kind: 'invalid',
    say: (facts: { text: string; people: readonly Named[] }) =>
      say`${outside(facts.text)} names several people in Kimai: ${joined(facts.people.map(numbered))}. Name one by their id.`,
    example: {
      text: 'Ada',
      people: [
        { id: 3, name: 'Ada Lovelace' },
        { id: 9, name: 'Ada Byron' },
      ],
    },
  },
  /** A word for a rate's person that names nobody Kimai shows an administrator (`email`: it was an e-mail address). */
  kimai_rate_person_unknown: {
    kind: 'not_found',
    say: (facts: { text: string; email: boolean }) =>
      say`Kimai shows you nobody called ${outside(facts.text)}.${facts.email ? ' Kimai shows an administrator no e-mail address but their own.' : ''} An administrator sees people on rates and in teams only (listing every user is a super administrator's right, view_user). Name the person by their Kimai user id (System, Users in Kimai). Nothing was changed.`,
    example: { text: 'ada@example.com', email: true },
  },
  /** Kimai refused its teams (403) while Punchcard looked for a rate's person among them. */
  kimai_teams_hidden: {
    kind: 'denied',
    say: (facts: { text: string }) =>
      say`Kimai did not show you its teams (403 Forbidden: the permission view_team), so ${outside(facts.text)} cannot be looked up by name. Name the person by their Kimai user id. Nothing was changed.`,
    example: { text: 'Ada' },
  },
  /**
   * A new rate refused (`cause`) after the old one was removed (Kimai changes none in place), and the
   * old one made again: `was` is that rate in words, `rate` the number Kimai gave it now.
   */
  kimai_rate_put_back: {
    kind: 'invalid',
    say: (facts: { cause: NestedRefusal; kind: string; name: string; person: Named | null; was: string; rate: number }, nested: Nested) =>
      say`${nested(facts.cause)} The ${facts.kind} ${outside(facts.name)} keeps its rate for ${rateHolder(facts.person)} as it was (${facts.was}${forModelOnly(`; Kimai numbers it #${facts.rate} now`)}). Nothing else changed.`,
    example: {
      cause: { code: 'failure_said', facts: { message: 'Kimai refused to set a rate on the project: rate: This value should be positive.' } },
      kind: 'project',
      name: 'Website',
      person: { id: 3, name: 'Ada Lovelace' },
      was: '80 EUR an hour',
      rate: 41,
    },
  },
  /** As `kimai_rate_put_back`, but the old rate could not be made again (`put_back`): the item now has none for that person. */
  kimai_rate_lost: {
    kind: 'unavailable',
    say: (
      facts: { cause: NestedRefusal; put_back: NestedRefusal; kind: string; item: number; name: string; person: Named | null; was: string },
      nested: Nested,
    ) =>
      say`${nested(facts.cause)} Punchcard had removed the old rate first (Kimai changes none in place) and could not put it back (${nested(facts.put_back)}): the ${facts.kind} ${outside(facts.name)}${forModelOnly(` (#${facts.item})`)} now has NO rate for ${rateHolder(facts.person)}; it was ${facts.was}. Set it again${forModelOnly(' with manage_rates')} once Kimai answers.`,
    example: {
      cause: { code: 'failure_said', facts: { message: 'Kimai refused to set a rate on the project: rate: This value should be positive.' } },
      put_back: { code: 'failure_said', facts: { message: 'Kimai did not answer within 15 s.' } },
      kind: 'project',
      item: 8,
      name: 'Website',
      person: null,
      was: '80 EUR an hour',
    },
  },

  // --- Teams (providers/kimai/admin-teams/admin-teams.ts)

  /** Kimai refused a request of the teams' administration (403): manage_teams is withdrawn. */
  kimai_teams_denied: {
    kind: 'denied',
    say: (facts: KimaiTeamsRequest) =>
      say`Kimai did not let you ${teamsRequestWords(facts)} (403 Forbidden): your account lacks the permission ${TEAM_PERMISSIONS[facts.action]}. Nothing was changed; ${switchedOff('manage_teams')}.`,
    example: { action: 'add', team: 3, person: 'Ada Lovelace' },
  },
  /** A word that names several people the back end shows. Said alike on Clockodo. */
  person_named_ambiguously: {
    kind: 'invalid',
    say: (facts: { text: string; people: readonly Named[]; back_end: string }) =>
      say`${outside(facts.text)} names ${facts.people.length} people in ${facts.back_end}: ${joined(facts.people.map(numbered))}. Name the one you mean by id.`,
    example: {
      text: 'Ada',
      people: [
        { id: 3, name: 'Ada Lovelace' },
        { id: 9, name: 'Ada Byron' },
      ],
      back_end: 'Kimai',
    },
  },
  /**
   * A word that names nobody Kimai shows: `everyone` where Kimai listed every account (a super
   * administrator), else the people looked among are those in teams and who recorded time in the last `days`.
   */
  kimai_team_person_unknown: {
    kind: 'not_found',
    say: (facts: { text: string; email: boolean; everyone: boolean; days: number; close: readonly Named[] }) => {
      const searched = facts.everyone
        ? 'the enabled accounts of your Kimai'
        : `you, the members of every team and whoever recorded time in the last ${facts.days} days (Kimai lists every account only to a super administrator)`;
      return say`Punchcard cannot find ${facts.email ? 'the e-mail address ' : ''}${outside(facts.text)} among ${searched}.${
        facts.email && !facts.everyone ? ' Kimai shows an administrator no one else’s e-mail address: name them by their name in Kimai or their user id.' : ''
      }${facts.close.length > 0 ? say` Close: ${joined(facts.close.map(numbered))}.` : ''} Nothing was changed.`;
    },
    example: { text: 'Ada', email: false, everyone: false, days: 30, close: [{ id: 3, name: 'Ada Lovelace' }] },
  },
  /** Leads set on a team read without its members: Kimai's member list replaces them all, so nothing is sent. */
  kimai_team_read_without_members: {
    kind: 'invalid',
    say: (facts: { team: string }) => say`The team ${outside(facts.team)} was read without its members, so Punchcard sent nothing.`,
    example: { team: 'Web' },
  },
  /** Kimai's answer to new leads lacks members it was sent: never expected. */
  kimai_team_members_lost: {
    kind: 'unavailable',
    say: (facts: { people: readonly Named[] }) => say`Kimai's answer lacks ${joined(facts.people.map(numbered))}: check the team in Kimai.`,
    example: { people: [{ id: 3, name: 'Ada Lovelace' }] },
  },
  /** A team's access to one catalog item refused (403): it may be that item's alone, so nothing is withdrawn. */
  kimai_team_access_denied: {
    kind: 'denied',
    say: (facts: { change: 'grant' | 'revoke'; team: number; kind: CatalogKindWord; item: number }) =>
      say`Kimai did not let you ${facts.change} ${recordNamed('team', facts.team)} access to ${recordNamed(facts.kind, facts.item)} (403 Forbidden): your account lacks edit_team or the permission to change the teams of that ${facts.kind}. Nothing was changed.`,
    example: { change: 'grant', team: 3, kind: 'project', item: 8 },
  },
  /**
   * Members added or removed one request each, and one failed (`cause`) after `done` went through.
   * A conflict: the team is left part-way, whatever stopped it.
   */
  kimai_team_members_partly_changed: {
    kind: 'conflict',
    say: (facts: { change: 'add' | 'remove'; done: readonly string[]; cause: NestedRefusal }, nested: Nested) =>
      say`${facts.change === 'add' ? 'Added' : 'Removed'} ${joined(facts.done.map(outside), ', ')}; then: ${nested(facts.cause)} The others were not ${facts.change === 'add' ? 'added' : 'removed'}.`,
    example: { change: 'add', done: ['Ada Lovelace'], cause: { code: 'failure_said', facts: { message: 'Kimai did not answer within 15 s.' } } },
  },

  // --- The catalog's administration (providers/kimai/catalog-admin/catalog-admin.ts)

  /** A budget Kimai did not show the person (it shows them only with the right to change them): refused before anything is sent. */
  kimai_catalog_budget_hidden: {
    kind: 'input',
    say: (facts: { kind: CatalogKindWord; item: number; name: string; permissions: readonly string[] }) =>
      say`Kimai shows you no budget of the ${facts.kind} ${outside(facts.name)}${forModelOnly(` (#${facts.item})`)} that you asked to change, so it would not take the change: your account lacks the permission${facts.permissions.length > 1 ? 's' : ''} ${facts.permissions.join(' and ')}. Nothing was sent.`,
    example: { kind: 'project', item: 8, name: 'Website', permissions: ['budget_project'] },
  },
  /** Kimai refused to show or change a catalog item (403): update_catalog_item is withdrawn. */
  kimai_catalog_denied: {
    kind: 'denied',
    say: (facts: { action: 'read'; kind: CatalogKindWord; item: number } | { action: 'change'; kind: CatalogKindWord; item: number; name: string }) =>
      say`Kimai did not let you ${
        facts.action === 'read'
          ? say`read the ${facts.kind}${forModelOnly(` #${facts.item}`)}`
          : say`change the ${facts.kind} ${outside(facts.name)}${forModelOnly(` (#${facts.item})`)}`
      } (403 Forbidden): your account lacks the permission ${facts.action === 'read' ? 'view' : 'edit'}_${facts.kind}. Nothing was changed; ${switchedOff('update_catalog_item')}.`,
    example: { action: 'change', kind: 'project', item: 8, name: 'Website' },
  },

  // --- People (providers/kimai/admin-people/admin-people.ts)

  /** Kimai refused a request of the people's administration (403; rights Kimai gives super administrators): manage_people is withdrawn. */
  kimai_people_denied: {
    kind: 'denied',
    say: (facts: KimaiPeopleRequest) =>
      say`Kimai did not let you ${peopleRequestWords(facts)} (403 Forbidden): your account lacks the permission ${PEOPLE_PERMISSIONS[facts.action]}, which Kimai gives super administrators. Nothing was changed; ${switchedOff('manage_people')}.`,
    example: { action: 'create', email: 'ada@example.com' },
  },
  /** `manages` given: Kimai's roles name nobody they manage. */
  kimai_manages_nothing: {
    kind: 'input',
    say: () =>
      say`Kimai's roles name nobody and nothing they manage (a team lead leads the teams that name them so; ${either('manage_teams sets that', 'the teams set that')}). ${either('Leave out manages', 'Name nobody they manage')}. Nothing was sent.`,
    example: {},
  },

  // --- Corrections of others' entries (providers/kimai/corrections/corrections.ts)

  /** Kimai refused a correction (403): the right `permission` is missing, or the entry is locked; correct_time_entries is withdrawn. */
  kimai_correction_denied: {
    kind: 'denied',
    say: (facts: { entry: number; permission: string }) =>
      say`Kimai did not let you change ${recordNamed('time entry', facts.entry)} (403 Forbidden): your account lacks the permission ${facts.permission}, or the entry lies in a period Kimai keeps locked. ${switchedOff('correct_time_entries')}.`,
    example: { entry: 12, permission: 'edit_team_timesheet' },
  },

  // --- Acting for a person with the organisation's account (providers/kimai/acting.ts)

  /** A request the narrowed API does not make for a person (leave, approvals, teams, administration): refused before anything is sent. */
  kimai_acting_for_withheld: {
    kind: 'denied',
    say: (facts: { what: string }) =>
      say`Through your company's Kimai account this server does not ${facts.what} for you: Kimai would do it with that account's rights, not yours. Nothing was sent.`,
    example: { what: 'request absences' },
  },
  /**
   * The absence plugin approved at once what was filed for the person with the organisation account's rights, which
   * their own filing would have left waiting: taken back (`taken_back`), or, where Kimai refused that, left for them to cancel.
   */
  kimai_absence_approved_at_once: {
    kind: 'denied',
    say: (facts: { first_day: string; last_day: string; taken_back: boolean }) =>
      facts.taken_back
        ? say`Kimai's absence plugin approved your absence ${daySpan(facts.first_day, facts.last_day)} at once, with your company's account's rights, so this server took it back: a request filed for you waits for a decision as your own would. File it in Kimai's own pages, signed in as yourself.`
        : say`Kimai's absence plugin approved your absence ${daySpan(facts.first_day, facts.last_day)} at once, with your company's account's rights, and did not let this server take it back: it stands approved in Kimai. Tell your lead or administrator.`,
    example: { first_day: '2026-12-01', last_day: '2026-12-03', taken_back: true },
  },
  /** Kimai's lockdown, which the organisation account (an administrator) is not held by, holds the person's role: said before any write. */
  kimai_lockdown_holds: {
    kind: 'denied',
    say: (facts: { until: string }) =>
      say`Kimai's lockdown keeps time that begins up to ${moment(facts.until)} closed to your role, so this server does not change it for you either. Nothing was sent.`,
    example: { until: '2026-10-31T23:59:59+01:00' },
  },
  /** An exported record the person's role may not change, though the organisation account could. */
  kimai_entry_exported: {
    kind: 'denied',
    say: (facts: { entry: number }) =>
      say`${recordNamed('Time entry', facts.entry, 'start')} is exported in Kimai, and only an administrator may change exported records, so this server does not change it for you either. Nothing was sent.`,
    example: { entry: 12 },
  },
});
