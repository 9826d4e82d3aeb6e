// The one interface every back end implements (docs/architecture.md, "Back ends"). Instants are epoch
// milliseconds and days are 'YYYY-MM-DD' strings in the user's zone; the tools turn them into ISO
// text with offsets. A provider declares what it can do; a tool whose capability is missing is
// registered but disabled, so it stays out of tools/list until the back end gains the capability.
import type {
  Catalog,
  CatalogItem,
  CatalogKind,
  LeaveBalance,
  LeaveDraw,
  LeaveRequest,
  NewLeaveRequest,
  Ref,
  TeamAbsence,
  TimeAccount,
  TimeEntry,
  WorkSpan,
} from '../domain/records.ts';
import type { PlannedDay } from '../domain/work-plan.ts';
import type { AgentLabelForm } from '../domain/agents.ts';
import type { AdminTag, InvoicePage, InvoiceQuery } from '../domain/admin.ts';
import type { CorrectionScope, CorrectionSet, CorrectionSubject, CorrectionWorld } from '../domain/corrections.ts';
import type { Rate, RateList, RatePerson, RateReplacement, RateValues } from '../domain/admin-rates.ts';
import type { AdminTeam, TeamAccessKind, TeamPerson } from '../domain/admin-teams.ts';
import type { CatalogChange, CatalogItemRecord, ChangeField } from '../domain/catalog-changes.ts';
import type { AdminPerson, NewPerson, PeoplePage, PeopleWrite, PersonChanges } from '../domain/admin-people.ts';
import type { EntryFieldDefinition, FieldWrite, ValueForm } from '../domain/entry-fields.ts';
import type { DecidedLeave, LeaveDecision, PendingLeave, PendingLeavePage, ProjectWork, TeamWorkPage } from '../domain/team.ts';

// The records every back end produces are the domain's (domain/records.ts), and reach the back ends from here.
export * from '../domain/records.ts';

import type { Capability, RateKind } from '../contract/vocabulary.ts';
import type { ApprovalPeriod, ApprovalRule, ApprovalStatus, DaySpan, PeriodLock, SubmissionEntry, TimesheetSubmission } from '../domain/approvals.ts';
import type { KeptWriteChoice } from '../contract/app-tools/kept-write-decisions.ts';
import type { TeamAction } from '../contract/tools/manage-teams.ts';
import { modelText } from '../contract/outcomes/sentence.ts';
import { type Refusal, type RefusalArgs, refusalKind, refusalOf, refusalSentence } from '../contract/outcomes/refusals.ts';
import type { NestedRefusal, RefusalKind } from '../contract/outcomes/wording.ts';
import type { Note, Notice } from '../contract/outcomes/notices.ts';
import type { ActingFor } from './acting-for.ts';

export { CAPABILITIES, type Capability } from '../contract/vocabulary.ts';

export interface EntryFields {
  start: number;
  end: number | null;
  projectId: number | null;
  activityId: number | null;
  description: string;
  /**
   * Recorded as this AI agent's own time (record_agent_time): each back end labels the entry in its
   * own way (domain/agents.ts). Only a new entry takes it; a change keeps the label the entry has.
   */
  agent?: string;
  /**
   * Custom field values to write with the entry, checked and typed by the tools (domain/entry-fields.ts):
   * a back end with the `entryFields` part writes them as it takes them; a change keeps the values it does not name.
   */
  customFields?: readonly FieldWrite[];
}

export interface EntryQuery {
  /** Entries that start in [from, to). */
  from: number;
  to: number;
  projectId?: number;
  limit: number;
  offset: number;
}

/**
 * A time entry that is not the person's, refused in the same words whether the back end refused it
 * (a worker's key) or Punchcard did (a manager's or admin's key reaches colleagues' entries).
 */
export function notYourEntry(number: number): BackEndError {
  return new BackEndError('entry_not_yours', { entry: number });
}

export interface Person {
  name: string;
  /** One line about the connection (server, version, mode) for remote back ends. */
  connection?: string;
  /**
   * Target hours per weekday as the back end keeps them for the person, where it keeps them
   * (Clockodo, Calamari); the settings' work week otherwise.
   */
  workWeek?: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', number>;
  /** Where public holidays come from when the back end keeps them ("Clockodo's non-business days"). */
  holidays?: string;
  /** The back end shows the person no public holidays: the settings' holiday region counts instead. */
  holidaysFromSettings?: boolean;
}

/**
 * The one interface every back end implements, as its parts: what the back end is and offers, the
 * person's account, and one object for each thing it keeps (the timer, the entries, the catalog,
 * leave), each as the back end built it. What a back end may keep of its own (the plan) and what a
 * capability brings (breaks, the team's parts: `CapabilityParts`) are there only where it has them. A
 * tool that needs a capability's part gets a tracker typed with it (`TrackerWith`), so the compiler
 * follows a tool to the methods it calls; the engine checks the part is there before the handler runs
 * (capability-parts.ts, tools/part-missing.ts).
 */
export interface TimeTracker {
  readonly type: string;
  readonly label: string;
  /**
   * How the back end keeps an AI agent's label (domain/agents.ts). Where it is a prefix of the
   * description, every tool that writes a description refuses one of that form (tools/agent-labels.ts).
   */
  readonly agentLabel: AgentLabelForm;
  /**
   * Whom the tracker acts for with the organisation's credential (the team server: providers/acting-for.ts);
   * left out, the credential is the person's own. A tool it does not offer is said to be withheld from
   * the organisation's account, not missing from the back end (tools/offer.ts, whyNotOffered).
   */
  readonly actingFor?: ActingFor;
  /** Why nothing is contacted, where the back end is a stand-in that must not be used (blocked-tracker.ts): every call's answer. */
  readonly blocked?: Refusal;
  /** May grow or shrink while the server runs; see `onCapabilitiesChange`. */
  readonly capabilities: ReadonlySet<Capability>;
  /**
   * Remote back ends learn some capabilities (an optional server plugin) only after start; the
   * engine subscribes here to switch those tools on or off. Returns the unsubscribe function.
   */
  onCapabilitiesChange?(listener: () => void): () => void;
  /** Asks the back end what it offers now; the engine calls it once, in the background, after start. */
  detectFeatures?(): Promise<void>;
  /**
   * The tracker one tool call works through, where the back end does something for each call (the
   * outbox sends what waits first, and adds what came of it to `notes`); without it, this one.
   */
  forCall?(notes: Note[]): Promise<TimeTracker>;
  /**
   * The call's answer now carries its notes (never before: news read by a call that then failed or
   * asked a question is said again by the next). The outbox marks the news it told as told.
   */
  answered?(): Promise<void>;

  readonly account: AccountPart;
  readonly timer: TimerPart;
  readonly entries: EntriesPart;
  readonly catalog: CatalogPart;
  readonly leave: LeavePart;
  /** Where the back end keeps the person's targets and holidays; without it, the settings are the plan. */
  readonly plan?: PlanPart;
  readonly breaks?: BreaksPart;
  readonly teamHours?: TeamHoursPart;
  readonly teamProjects?: TeamProjectsPart;
  readonly teamLeave?: TeamLeavePart;
  /** What the person may administer, where the back end said so (capabilities `admin_*`). */
  readonly adminTags?: AdminTagsPart;
  readonly invoices?: InvoicesPart;
  readonly corrections?: CorrectionsPart;
  readonly adminRates?: AdminRatesPart;
  readonly adminTeams?: AdminTeamsPart;
  readonly catalogAdmin?: CatalogAdminPart;
  readonly adminPeople?: AdminPeoplePart;
  /** Timesheet submission and approval, where the back end has a workflow for it (capability `approvals`). */
  readonly approvals?: ApprovalsPart;
  /** Only a back end with an outbox has writes waiting for the person. */
  readonly keptWrites?: KeptWritesPart;
  /** The fields a company adds to time entries, where the back end keeps any (Clockify, Kimai); without it, `fields` is refused. */
  readonly entryFields?: EntryFieldsPart;
  close(): void;
}

/** Who the person is, as the back end says. */
export interface AccountPart {
  whoami(): Promise<Person>;
  /**
   * The person's zone in the back end (Kimai's profile zone), used for days and displayed times
   * when the settings name none; a failure to learn it fails the tool call with its reason.
   * Trackers without such a zone leave this out.
   */
  timeZone?(): Promise<string | null>;
}

/** The person's working days and worked-time balance as the back end keeps them. */
export interface PlanPart {
  /**
   * The person's working days as the back end keeps them (target hours per day, its public holidays
   * or non-business days), for reports, leave counting and the calendar. Must cover every day of [from, to].
   */
  workPlan(from: string, to: string): Promise<PlannedDay[]>;
  /**
   * The back end's own worked-time balance for a report of [from, to] (up to today), or null where the
   * back end keeps one but will not show it to this person.
   */
  timeAccount?(from: string, to: string): Promise<TimeAccount | null>;
}

/** The timer: every back end has one (capability `timer`). */
export interface TimerPart {
  runningEntry(): Promise<TimeEntry | null>;
  /**
   * Starts a timer at `start`, or at the moment the back end commits when it is left out (so a
   * request that waited for another process never starts before what that process did). With
   * `switchRunning`, a running timer is stopped where the new one starts; without it, a running
   * timer is refused with TimerRunningError.
   */
  startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }>;
  /**
   * Stops the running timer at `end`, or at the moment the back end commits when it is left out;
   * `fields`: custom field values set on the entry as it stops (its other values stay).
   */
  stopTimer(end?: number, note?: string, fields?: readonly FieldWrite[]): Promise<TimeEntry>;
}

/**
 * The fields a company adds to time entries (docs/tools.md, "Custom fields"): their definitions with
 * the entries each applies to, read from the back end and kept a short while. The tools check a write
 * against them before anything is sent (tools/entry-fields.ts).
 */
export interface EntryFieldsPart {
  /** How values are written: typed (Clockify) or as text (Kimai). */
  readonly valueForm: ValueForm;
  /**
   * Whether a timer may start without its required fields (Clockify checks them when it stops): clock_in
   * then asks for none, and clock_out does.
   */
  readonly timerStartsWithout: boolean;
  /**
   * Every field the back end keeps on time entries, each with its scope; `projectId`: the entry's
   * project, where the back end keeps a project's own settings apart (Clockify) and they decide.
   */
  definitions(projectId?: number | null): Promise<EntryFieldDefinition[]>;
  /** The customer of a project, where a field's scope names customers (Kimai); null where it has none. */
  customerOf?(projectId: number): Promise<number | null>;
  /** Whether the person is one of the tracker's administrators, who alone set admin-only fields; asked only where such a field applies. */
  isAdmin(): Promise<boolean>;
}

/** The person's time entries (capabilities `entries`, `entries_edit`, `reports`). */
export interface EntriesPart {
  listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }>;
  getEntry(id: number): Promise<TimeEntry>;
  createEntry(fields: EntryFields & { end: number }): Promise<TimeEntry>;
  updateEntry(id: number, patch: Partial<EntryFields>): Promise<TimeEntry>;
  deleteEntry(id: number): Promise<TimeEntry>;
  /** Worked spans overlapping [from, to), clipped to it; for reports. */
  workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]>;
  /** Entries that end inside [from, to), newest first: what "the day so far" needs. */
  lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null>;
}

/** Customers, projects and activities (capabilities `catalog`, `catalog_write`). */
export interface CatalogPart {
  /**
   * The customers, projects and activities. `kinds` names the ones the caller needs, so a remote back
   * end may skip the others (they come back empty); without it, all three. `projectId` narrows the
   * activities to that project's and the global ones: a back end whose activities live inside
   * projects then asks for that one project's (the others may list them all; callers filter).
   */
  catalog(includeArchived: boolean, kinds?: readonly CatalogKind[], projectId?: number): Promise<Catalog>;
  /**
   * Activities exist only inside a project (Clockify's tasks): naming one needs its project, and a
   * full catalog lists each project's in turn.
   */
  readonly activitiesBelongToProjects?: boolean;
  /**
   * Every entry needs an activity (Kimai's activities, Clockodo's services): a write without one is
   * refused, so a tool that books several entries checks this before it sends the first.
   */
  readonly entriesNeedActivity?: boolean;
  createCatalogItem(item: { kind: CatalogKind; name: string; customerId?: number; projectId?: number }): Promise<CatalogItem>;
  setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<CatalogItem>;
}

/**
 * The person's own leave (capabilities `leave`, `leave_cancel`), and what a back end may keep about it
 * of its own; without each, the settings stand in. Reports and the calendar list leave to count
 * targets also where the back end offers none (a module off, a plugin missing): then there is none.
 */
export interface LeavePart {
  listLeave(query: { from: string; to: string }): Promise<LeaveRequest[]>;
  createLeave(request: NewLeaveRequest): Promise<LeaveRequest>;
  cancelLeave(id: number): Promise<LeaveRequest>;
  /** Leave entitlements as the back end keeps them; without it, leave_balance counts from the settings. */
  leaveBalance?(year: number): Promise<LeaveBalance>;
  /**
   * The balance a new request would draw on, found before anything is filed (leave beyond the
   * balance is asked about first): where the back end has types of its own, by the type it would file
   * on. Without it, Punchcard's type vacation draws on the vacation balance and any other on none.
   */
  leaveDraw?(request: Pick<NewLeaveRequest, 'type' | 'kind'>): Promise<LeaveDraw>;
  /**
   * Leave is approved as it is filed, and nobody else decides (the local timesheet): the person's
   * settings then say whether leave beyond the balance may be recorded at all.
   */
  readonly approvesLeaveAtOnce?: boolean;
  /** The person's and visible colleagues' absences over [from, to]; without it, the calendar shows the person's own leave. */
  teamAbsences?(from: string, to: string): Promise<TeamAbsence[]>;
}

/**
 * Back ends with the `breaks` capability: the break types the person may use, and starting and
 * ending a break inside the running shift (the shift with its breaks comes back).
 */
export interface BreaksPart {
  breakTypes(): Promise<Ref[]>;
  startBreak(typeId: number | null): Promise<TimeEntry>;
  endBreak(): Promise<TimeEntry>;
}

/**
 * The team tools (docs/decisions.md, "The team group"), on back ends whose account said this person
 * leads people; each reads only what the person's own credentials may. `teamWork`: a window of the
 * people they may see, sorted by name, with their time in [from, to) (capability `team_hours`).
 */
export interface TeamHoursPart {
  teamWork(query: { from: number; to: number; offset: number; limit: number }): Promise<TeamWorkPage>;
}

/** `team_projects`. */
export interface TeamProjectsPart {
  /** A project's time as the person may see it, and its budget (`team_projects`). */
  projectWork(projectId: number): Promise<ProjectWork>;
}

/** `team_leave`. */
export interface TeamLeavePart {
  /** A window of the requests waiting for the person's decision (`team_leave`). */
  pendingLeave(query: { offset: number; limit: number }): Promise<PendingLeavePage>;
  /**
   * The request as it waits for the person's decision; refused (a BackEndError of a `denied` or
   * `not_found` code) when Punchcard can tell it is not theirs to decide, before anything is sent.
   */
  findPendingLeave(id: number): Promise<PendingLeave>;
  /** Approves or rejects the request just found, with the reason where the back end keeps one. */
  decideLeave(request: PendingLeave, decision: LeaveDecision, reason: string | undefined): Promise<DecidedLeave>;
}

/**
 * The tag list's administration (`admin_tags`; docs/decisions.md, "The admin group"). A back end that
 * cannot take an action refuses it (a BackEndError of its own code) before anything is sent.
 */
export interface AdminTagsPart {
  /** The tags whose name holds `filter` (all without one), by name; archived ones where the back end shows them. */
  tags(filter: string | undefined): Promise<AdminTag[]>;
  /** The one tag named `name` exactly (any case), archived ones included where the back end shows them, or undefined. */
  findTag(name: string): Promise<AdminTag | undefined>;
  createTag(name: string, color: string | undefined): Promise<AdminTag>;
  /**
   * Where the back end keeps no colour on a tag (Clockify), the refusal of a colour given (a code and its facts),
   * before anything is asked or sent; left out where tags have colours.
   */
  readonly colourRefusal?: Refusal;
  /** Renames the tag; only a back end whose API changes tags has it (Clockify). */
  renameTag?(tag: AdminTag, name: string): Promise<AdminTag>;
  /** Archives (true) or restores (false) the tag; only a back end whose API changes tags has it (Clockify). */
  setTagArchived?(tag: AdminTag, archived: boolean): Promise<AdminTag>;
  /**
   * Why a tag cannot be renamed, archived or restored on this back end, as a refusal, where it lacks
   * renameTag or setTagArchived (Kimai's API changes no tag).
   */
  tagChangeRefusal?(action: 'rename' | 'archive' | 'restore'): Refusal;
}

/** Invoices, read-only (`admin_invoices`). */
export interface InvoicesPart {
  invoices(query: InvoiceQuery): Promise<InvoicePage>;
}

/**
 * Bulk corrections of time entries (`admin_corrections`; docs/back-ends/kimai.md, "Administration"):
 * the entries the person may correct, what the back end lets them do to those, and one change each.
 */
export interface CorrectionsPart {
  /** Every entry in the scope the back end shows the person, with whose it is, and the rights and locks that bear on them. */
  correctionWorld(scope: CorrectionScope): Promise<CorrectionWorld>;
  /** Of the tag names given, those the back end has, as it spells them (one look-up each). */
  knownTags(names: readonly string[]): Promise<string[]>;
  /** One entry's change (one request); what the entry became. A change that went through in part throws PartlyChangedError. */
  correct(subject: CorrectionSubject, set: CorrectionSet): Promise<CorrectionSubject>;
  /** Why the back end cannot make this change at all (tags where it keeps none), as a refusal, before anything is read; undefined where it can. */
  refusal?(set: Pick<CorrectionSet, 'billable' | 'exported' | 'addTags'>): Refusal | undefined;
  /** The requests one entry's change takes, where it is not one (Clockify marks exported with a request of its own). */
  requestsPerEntry?(set: CorrectionSet): number;
  /** Why a tag the back end does not have cannot be added, in words, where it is not Kimai's silent drop. */
  readonly unknownTagWords?: string;
}

/**
 * Rates per customer, project or activity, for everyone or one person (`admin_rates`). Amounts are
 * in the currency's units. A back end refuses a kind it keeps no rates on (`rateKinds`) in words.
 */
export interface AdminRatesPart {
  /** The kinds this back end keeps rates on. */
  readonly rateKinds: readonly RateKind[];
  /** The rates of one item, everyone's first. */
  rates(item: RateItem): Promise<RateList>;
  /** The person `text` names (an id, an e-mail or a name) as far as the back end shows the person; refused in words otherwise. */
  findPerson(text: string, list: RateList): Promise<RatePerson>;
  /**
   * Sets the rate of `person` (null: everyone) on the list's item to `values`; `before` is the rate
   * kept for them now, which is replaced. A failure half-way says in words which rate the item has.
   */
  setRate(list: RateList, person: RatePerson | null, values: RateValues, before: Rate | undefined): Promise<RateReplacement>;
  removeRate(list: RateList, rate: Rate): Promise<void>;
  /** The workspace `text` names (its name or id), where the back end keeps a workspace's default rates (`kind: workspace`); refused in words otherwise. */
  workspaceItem?(text: string): Promise<RateItem>;
  /** What the back end cannot do with rates at all, as refusals, thrown before anything is read or sent. */
  readonly refusals?: { readonly remove?: Refusal; readonly fixed?: Refusal };
}

/** What rates are kept on: a catalog item, or the workspace itself (`kind: workspace`). */
export type RateItem = (CatalogItem & { kind: RateKind }) | { kind: 'workspace'; id: number; name: string };

/**
 * Teams and their access to the catalog (`admin_teams`; docs/decisions.md, "The admin group"). Every
 * write takes the team as just read (`read`), so what it sends follows what the person was asked
 * about; the back end's refusals come back as BackEndErrors with their codes.
 */
export interface AdminTeamsPart {
  /** Whether a team must keep a lead (Kimai's teams must). */
  readonly needsLead: boolean;
  /** The person herself, as a team names her. */
  me(): Promise<TeamPerson>;
  /** Every team, by name, without members. */
  teams(): Promise<AdminTeam[]>;
  /** One team with its members and access. */
  read(id: number): Promise<AdminTeam>;
  /**
   * The person each word names (an id, an e-mail or a name), from whom the back end shows this
   * person; a word it cannot place is refused (a BackEndError of a `not_found` code) naming what was searched.
   */
  people(words: readonly string[]): Promise<TeamPerson[]>;
  create(name: string, members: ReadonlyArray<{ id: number; name: string; lead: boolean }>): Promise<AdminTeam>;
  rename(team: AdminTeam, name: string): Promise<AdminTeam>;
  addMembers(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam>;
  removeMembers(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam>;
  /** Makes each of `people` (members already) a lead too; nobody else's flag changes. */
  setLeads(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam>;
  delete(team: AdminTeam): Promise<void>;
  grant(team: AdminTeam, kind: TeamAccessKind, item: { id: number; name: string }): Promise<AdminTeam>;
  revoke(team: AdminTeam, kind: TeamAccessKind, item: { id: number; name: string }): Promise<AdminTeam>;
  /**
   * Why the back end's API cannot take an action at all (or on that kind of catalog item, for grant and revoke), as a refusal
   * (nothing is sent); left out where it takes every one.
   */
  actionRefusal?(action: TeamAction, kind?: TeamAccessKind): Refusal | null;
  /**
   * Where a back end keeps one team per person (Clockodo), what adding `people` to `team` (or to the team about to be made,
   * which has no id yet) takes them out of, in a sentence.
   */
  moves?(team: { id?: number; name: string }, people: readonly TeamPerson[]): Promise<string>;
  /**
   * Where a team has one lead at most (Clockodo's leader), the refusal of set_lead naming several; the one it names
   * then replaces the lead before. Left out, set_lead adds leads.
   */
  readonly oneLead?: Refusal;
  /** What deleting a team leaves its members with, in a sentence; left out, Kimai's: the access it gave them goes. */
  readonly deleteNote?: string;
  /** Whether a team may be left without members (Clockodo's may); left out, it may not. */
  readonly keepsEmptyTeams?: boolean;
  /** What the grant and revoke questions say follows for the team's members (Clockify's project membership); left out, Kimai's visibility. */
  readonly accessNotes?: { readonly grant: string; readonly revoke: string };
  /**
   * Where removing a lead from the team takes their lead with it (Clockify's team-manager role over the group), what the question
   * and the answer say of it, in a sentence; left out, the back end removes no lead and the handler refuses it in words.
   */
  leadsLeave?(team: AdminTeam, leads: readonly TeamPerson[]): string;
}

/**
 * Changing what a catalog item keeps (`admin_catalog`; docs/decisions.md, "The admin group"): its
 * fields as the back end holds them now, and a change that sends those given and nothing else.
 */
export interface CatalogAdminPart {
  catalogItem(kind: CatalogKind, id: number): Promise<CatalogItemRecord>;
  /**
   * The fields of this item the back end keeps for its kind and shows this person, in CHANGE_FIELDS' order: what the window's
   * form offers to change. A field left out is one the back end keeps not (a Clockify task's comment), or whose value it does
   * not show the person (a budget Kimai hides without its budget permissions): a value not read is never offered to overwrite.
   */
  changeable(item: CatalogItemRecord): readonly ChangeField[];
  /**
   * Why the back end will not take `change` of this item from this person, as a refusal, before anything is asked or sent; undefined where it will.
   * `asked` is what the person asked for, the unchanged values too (a back end that refuses two fields together sees both).
   */
  refusal(item: CatalogItemRecord, change: CatalogChange, asked: CatalogChange): Refusal | undefined;
  /**
   * What else the back end changes with `change` (Clockodo's one budget: money replaces hours), so the
   * question and the answer name it too; undefined or empty where nothing else changes.
   */
  implied?(item: CatalogItemRecord, change: CatalogChange): CatalogChange | undefined;
  /** Sends the fields of `change` alone; answers the item as the back end keeps it afterwards. */
  updateCatalogItem(item: CatalogItemRecord, change: CatalogChange): Promise<CatalogItemRecord>;
}

/**
 * The people of the back end as their administrator sees them (`admin_people`; docs/decisions.md,
 * "The admin group"). A write the back end's API cannot make is refused in words before anything is sent.
 */
export interface AdminPeoplePart {
  /** The back end's role words, as `people` shows them; empty where it shows no role. */
  readonly roleWords: readonly string[];
  /** A page of the people (the inactive too where `includeInactive`); a page past the last is refused (a BackEndError of a `not_found` code). */
  people(includeInactive: boolean, page: number): Promise<PeoplePage>;
  /** One person by id, e-mail or exact name (any case); refused (a BackEndError of a `not_found` or `conflict` code) where none or several match. */
  person(reference: string): Promise<AdminPerson>;
  /** Why this back end cannot make a write at all (or with what is asked of it), as a refusal; null where it can. */
  peopleWriteRefusal(write: PeopleWrite, asked?: { role?: string; manages?: readonly string[]; name?: string; email?: string }): Refusal | null;
  /** Why this back end will not make the write for this person (Clockify's owner, a pending invitee), as a refusal, before anything is asked; null where it will. */
  personRefusal?(write: PeopleWrite, person: AdminPerson): Refusal | null;
  /** What the invitation question says happens, where it is not an account that can sign in at once. */
  readonly inviteQuestion?: string;
  /** Why `manages` means nothing here, as a refusal; null where a role names whom or what it manages. */
  readonly managesRefusal: Refusal | null;
  /** What the invited person does next, said with the answer (a back end's own invitation step, or none). */
  readonly inviteNote: string;
  invite(person: NewPerson): Promise<AdminPerson>;
  update(person: AdminPerson, changes: PersonChanges): Promise<AdminPerson>;
  setActive(person: AdminPerson, active: boolean): Promise<AdminPerson>;
  /** The account the token or key acts for, where the back end says (never deactivated through Punchcard). */
  selfId(): Promise<number | undefined>;
}

/**
 * Timesheet approvals (`approvals`; docs/decisions.md, "The approvals group"). Every method acts as the
 * person's own account would in the tracker's pages; a request Punchcard can tell the back end would
 * refuse (a period not started by its first day, a submission of one's own to decide) is refused, a
 * BackEndError of its own code, before anything is sent.
 */
export interface ApprovalsPart {
  /** The period the back end approves by and the weekday its weeks start on. */
  rule(): Promise<ApprovalRule>;
  /** Submits the person's own period. */
  submit(span: DaySpan, period: ApprovalPeriod): Promise<TimesheetSubmission>;
  /**
   * Refuses, in words, a submission of the period the back end would refuse for a reason a read tells
   * (Kimai's plugin takes weeks in order): submit_timesheet asks it before its question, so nobody is
   * asked to confirm what would then be refused.
   */
  checkSubmittable?(span: DaySpan): Promise<void>;
  /** The person's own submissions touching the span, earliest first, a rejection included where the back end can tell one. */
  own(span: DaySpan): Promise<TimesheetSubmission[]>;
  /** The submissions of others this person may decide, touching the span, of a status, of people whose name holds `person`; at most `limit`. */
  toDecide(query: { span: DaySpan; status: ApprovalStatus | undefined; person: string | undefined; limit: number }): Promise<TimesheetSubmission[]>;
  /** One submission this person may decide or withdraw the approval of, by its id; refused where it is their own or not theirs to decide. */
  findForDecision(id: string): Promise<TimesheetSubmission>;
  /** Withdraws a submission: the person's own pending one, or as its approver an approval. */
  withdraw(submission: TimesheetSubmission, as: 'owner' | 'approver'): Promise<TimesheetSubmission>;
  /** Approves or rejects a submission just found; `noteKept` says whether the back end kept the note with it. */
  decide(
    submission: TimesheetSubmission,
    decision: 'approve' | 'reject',
    note: string | undefined,
  ): Promise<{ submission: TimesheetSubmission; noteKept: boolean }>;
  /**
   * The periods touching the span whose time no write may reach, each with its own status: approved
   * ones, pending ones where the back end locks a submitted period, and ones never submitted that the
   * back end locks all the same (Kimai's plugin: every week before the next one to submit). Of the
   * person, or of the tracker user `personId` (an administrator's correction of someone's entries).
   */
  locks(span: DaySpan, personId?: string): Promise<PeriodLock[]>;
  /**
   * The person's locks touching the span, read afresh after a write, where a period can lock while a write
   * is on its way and the back end then keeps the write in it (Clockify: an approver approves a pending
   * period, and Clockify takes new time into an approved one). Absent where the back end holds the write
   * itself (Kimai's plugin locks a week when it is submitted, and its per-user lockdown then refuses the
   * person's own writes): a write of time asks it only where it is there (tools/approval-lock.ts).
   */
  locksAfterWrite?(span: DaySpan): Promise<PeriodLock[]>;
  /** The entries a submission holds, as its approver sees them (the window's Approvals section opens one), at most `limit`. */
  entriesOf(submission: TimesheetSubmission, limit: number): Promise<SubmissionEntry[]>;
  /** Whether the person can read an approver's note with their own rejection here (Clockify keeps it for nobody: it e-mails it). */
  readonly rejectionNoteKept: boolean;
  /**
   * Where the back end's API can neither decide a submission nor take one back (Kimai's plugin does both in
   * its own pages only): the pages that do. decide_timesheet and withdraw_timesheet then refuse, naming
   * them, before any question or request; `decide` and `withdraw` refuse in the same words.
   */
  readonly inPagesOnly?: { readonly decide: string; readonly withdraw: string };
}

/** The outbox's writes that wait for the person: only a back end with an outbox has them. */
export interface KeptWritesPart {
  /**
   * Writes kept while the back end was out of reach that were not sent and wait for the person
   * (providers/outbox/decisions.ts). Listed for the app's window.
   */
  decisions(): Promise<KeptWriteDecision[]>;
  /** Carries out the person's choice for one of them; what came of it, as a notice (contract/outcomes/outbox.ts). */
  decide(id: number, choice: KeptWriteChoice): Promise<Notice>;
}

/** The part a capability brings, where it brings one: a back end offering the capability has it. */
export interface CapabilityParts {
  breaks: BreaksPart;
  team_hours: TeamHoursPart;
  team_projects: TeamProjectsPart;
  team_leave: TeamLeavePart;
  admin_tags: AdminTagsPart;
  admin_invoices: InvoicesPart;
  admin_corrections: CorrectionsPart;
  admin_rates: AdminRatesPart;
  admin_teams: AdminTeamsPart;
  admin_catalog: CatalogAdminPart;
  admin_people: AdminPeoplePart;
  approvals: ApprovalsPart;
}

/** The name each capability's part has on the tracker (capability-parts.ts checks it by this name). */
export const PART_NAMES = {
  breaks: 'breaks',
  team_hours: 'teamHours',
  team_projects: 'teamProjects',
  team_leave: 'teamLeave',
  admin_tags: 'adminTags',
  admin_invoices: 'invoices',
  admin_corrections: 'corrections',
  admin_rates: 'adminRates',
  admin_teams: 'adminTeams',
  admin_catalog: 'catalogAdmin',
  admin_people: 'adminPeople',
  approvals: 'approvals',
} as const satisfies { readonly [C in keyof CapabilityParts]: keyof TimeTracker };

/** The part a capability brings, under its name, or nothing more for a capability every back end's basics carry. */
export type PartOf<C extends Capability> = C extends keyof CapabilityParts ? { readonly [K in (typeof PART_NAMES)[C]]: CapabilityParts[C] } : unknown;

/** A tracker with the part its capability brings, as a tool needing that capability receives it. */
export type TrackerWith<C extends Capability> = TimeTracker & PartOf<C>;

/** What the person may do with a kept write that was not sent (providers/outbox/decisions.ts). */
export type { KeptWriteChoice };

export interface KeptWriteDecision {
  /** The outbox row. */
  id: number;
  kind: 'clock_in' | 'clock_out' | 'log_time';
  /** When the person made the write. */
  happenedAt: number;
  /** Why it was not sent, and what they can do, as data: the notice the engine said it with (contract/outcomes/outbox.ts). */
  notice: Notice;
  /** The same, in its words for the model. */
  words: string;
  choices: Array<{ choice: KeptWriteChoice; label: string }>;
}

/** The five kinds a back end's refusal is of (contract/outcomes/wording.ts says what each means to the engine). */
export type BackEndKind = 'not_found' | 'conflict' | 'invalid' | 'unavailable' | 'denied';

/**
 * A failure the person can act on: tools turn it into an `isError` result with its refusal (a code and
 * its facts) in its `_meta` and its words for the model as the text. The words are the code's,
 * made in one place (contract/outcomes/); a back end has no other way to say why it refused.
 */
export class BackEndError extends Error {
  /** What the engine does with it: `unavailable` is kept by the outbox, `denied` may withdraw a capability. */
  readonly kind: RefusalKind;
  /** What happened, as data. */
  readonly refusal: Refusal;
  constructor(...args: RefusalArgs) {
    const refusal = refusalOf(...args);
    super(modelText(refusalSentence(refusal)));
    this.name = 'BackEndError';
    this.kind = refusalKind(refusal.code);
    this.refusal = refusal;
  }

  /** The error of a refusal already made as data (a verdict that carries one, providers/local/timesheet-file.ts). */
  static of(refusal: Refusal): BackEndError {
    return new BackEndError(...([refusal.code, refusal.facts] as RefusalArgs));
  }
}

/**
 * Thrown by a change made in part (a Clockify entry replaced whose invoiced mark then failed): the item
 * counts as changed, and the message says what of it was not.
 */
export class PartlyChangedError extends BackEndError {
  constructor(...args: ConstructorParameters<typeof BackEndError>) {
    super(...args);
    this.name = 'PartlyChangedError';
  }
}

/**
 * What went wrong, as a refusal inside another's facts ("Added Ada; then: …"): a BackEndError's own
 * refusal; any other failure as its message (`failure_said`).
 */
export function causeOf(error: unknown): NestedRefusal {
  if (error instanceof BackEndError) return error.refusal;
  return { code: 'failure_said', facts: { message: error instanceof Error ? error.message : String(error) } };
}

/** Thrown by `startTimer` without `stopRunningAt` while another timer runs. */
export class TimerRunningError extends BackEndError {
  readonly running: TimeEntry;
  constructor(running: TimeEntry) {
    super('timer_running', { entry: running.id });
    this.name = 'TimerRunningError';
    this.running = running;
  }
}
