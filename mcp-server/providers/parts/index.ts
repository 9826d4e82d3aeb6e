// The one interface every back end implements (docs/internals/back-ends.md, "One interface, made of parts"):
// the TimeTracker, composed of parts, each part an interface of its own file here, as a capability's
// optional interface is (a part a back end lacks is absent, and a tool needing it is not listed). Instants
// are epoch milliseconds and days 'YYYY-MM-DD' strings in the person's zone; the tools turn them into ISO
// text with offsets.
import type { Note } from '../../contract/outcomes/notices.ts';
import type { Refusal } from '../../contract/outcomes/refusals.ts';
import type { Capability } from '../../contract/vocabulary.ts';
import type { AgentLabelForm } from '../../domain/agents.ts';
import type { ActingFor } from '../acting-for.ts';
import type { AccountPart } from './account.ts';
import type { AdminPeoplePart } from './admin-people.ts';
import type { AdminRatesPart } from './admin-rates.ts';
import type { AdminTagsPart } from './admin-tags.ts';
import type { AdminTeamsPart } from './admin-teams.ts';
import type { ApprovalsPart } from './approvals.ts';
import type { BreaksPart } from './breaks.ts';
import type { CatalogAdminPart } from './catalog-admin.ts';
import type { CatalogPart } from './catalog.ts';
import type { CorrectionsPart } from './corrections.ts';
import type { EntriesPart } from './entries.ts';
import type { EntryFieldsPart } from './entry-fields.ts';
import type { InvoicesPart } from './invoices.ts';
import type { KeptWritesPart } from './kept-writes.ts';
import type { LeavePart } from './leave.ts';
import type { PlanPart } from './plan.ts';
import type { TeamHoursPart } from './team-hours.ts';
import type { TeamLeavePart } from './team-leave.ts';
import type { TeamProjectsPart } from './team-projects.ts';
import type { TimerPart } from './timer.ts';

export type * from './entries.ts';
export type * from './account.ts';
export type * from './plan.ts';
export type * from './timer.ts';
export type * from './entry-fields.ts';
export type * from './catalog.ts';
export type * from './leave.ts';
export type * from './breaks.ts';
export type * from './team-hours.ts';
export type * from './team-projects.ts';
export type * from './team-leave.ts';
export type * from './admin-tags.ts';
export type * from './invoices.ts';
export type * from './corrections.ts';
export type * from './admin-rates.ts';
export type * from './admin-teams.ts';
export type * from './catalog-admin.ts';
export type * from './admin-people.ts';
export type * from './approvals.ts';
export type * from './kept-writes.ts';

/** The person's role at the back end, and the least role there that has what it lacks: each in the back end's words. */
export interface RoleLack {
  readonly role: string;
  readonly needs: string;
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
   * Where a capability is missing because of the person's role at the back end (another role there has it), that
   * role and the least one that would have it, both as the back end names them; undefined where the role is not
   * why or is not known (the back end lacks it for everyone, or a 403 withdrew it). A withheld tool's refusal says
   * them (`tool_withheld`, why `role`). Left out by a back end that learns no role.
   */
  roleLacks?(capability: Capability): RoleLack | undefined;
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
  /** Submitting, withdrawing and deciding go through the same part as listing: a back end with the workflow has both. */
  approvals_workflow: ApprovalsPart;
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
  approvals_workflow: 'approvals',
} as const satisfies { readonly [C in keyof CapabilityParts]: keyof TimeTracker };

/** The part a capability brings, under its name, or nothing more for a capability every back end's basics carry. */
export type PartOf<C extends Capability> = C extends keyof CapabilityParts ? { readonly [K in (typeof PART_NAMES)[C]]: CapabilityParts[C] } : unknown;

/** A tracker with the part its capability brings, as a tool needing that capability receives it. */
export type TrackerWith<C extends Capability> = TimeTracker & PartOf<C>;
