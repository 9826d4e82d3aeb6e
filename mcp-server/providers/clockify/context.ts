// What Clockify's capabilities share (docs/internals/back-ends.md, "A capability is a folder"): the options, the
// client and the endpoints they share (api.ts; narrowed to the person under an organisation credential, acting.ts),
// the person the key belongs to (asked once per process: a new key may be another person's), the workspace Punchcard
// works in (the one named, else the person's active one; remembered between starts), whether time off answers for the
// person (deciding the leave tools), the person's role in the workspace (deciding the team tools: learned afresh by
// each process, never remembered) and what Clockify refused under it, the numbers Punchcard shows for Clockify's
// string ids, its optional reads (its paid plans' features: providers/remote/optional-read.ts); and the grid the cells
// are made in (ClockifyGrid, with the views one cell has of another's part).
import { join } from 'node:path';
import type { ProfileOf } from '../../contract/back-end-descriptor.ts';
import type { CLOCKIFY } from '../../contract/back-ends/clockify.ts';
import type { TasksLeftOut } from '../../contract/outcomes/clockify.ts';
import type { WorkWeek } from '../../contract/settings.ts';
import type { PlannedDay } from '../../domain/work-plan.ts';
import { firstValidZone, isValidTimeZone, localDate } from '../../domain/time.ts';
import type { Grid } from '../grid/cell.ts';
import type { RemoteParts } from '../grid/parts.ts';
import { Expiring } from '../remote/cache.ts';
import type { LearnedFacts } from '../remote/learned-facts.ts';
import { type OptionalReads, optionalReads, refusedAsUnavailable } from '../remote/optional-read.ts';
import type { Pager } from '../remote/paging.ts';
import { hostOf, remoteRefusal } from '../remote/remote-error.ts';
import { IdAliases, type IdNumbering } from '../id-aliases.ts';
import { learnedFacts, remoteConnection, type RemoteTrackerOptions } from '../remote-tracker.ts';
import type { RefusalArgs } from '../../contract/outcomes/refusals.ts';
import {
  BackEndError,
  type Capability,
  type Catalog,
  type CatalogKind,
  type CatalogPart,
  type EntryFieldsPart,
  type PlanPart,
  type Ref,
} from '../time-tracker.ts';
import { ClockifyActing } from './acting.ts';
import { type ClockifyApi, type ClockifyApiClient, createClockifyApiClient, MAX_REQUESTS_PER_SECOND, organisationPace } from './api.ts';
import { ClockifyError } from './errors.ts';
import {
  type ClockifyAdministration,
  clockifyFacts,
  clockifyRoleLacking,
  clockifyFactsKey,
  type ClockifyFacts,
  type ClockifyKnown,
  type TeamRole,
} from './facts.ts';
import { chooseWorkspace, type Workspace, workspaceOf } from './mapping.ts';
import type { ClockifyRole, ClockifyTimeEntry, ClockifyUser } from './wire.ts';
import { quotedLine } from '../../contract/outcomes/quoted-line.ts';

export type ClockifyProfile = ProfileOf<typeof CLOCKIFY>;

/** The workspace and time off are asked about again after a day (a plan changes rarely). */
const RECHECK_MS = 24 * 3_600_000;
/** The person and their workspace are read once per process; a refused key reads them again. */
const PER_PROCESS_MS = Number.POSITIVE_INFINITY;
/** A role changes rarely; the hourly background check asks again. */
const ROLE_TTL_MS = 3_600_000;
/** What changes a few times a year at most (the member profile, the holidays, the time-off policies): read again after an hour. */
export const REFERENCE_TTL_MS = 60 * 60_000;
/** The file of numbers for Clockify's ids, in the data folder. */
export const CLOCKIFY_IDS_FILE = 'clockify-ids.db';

export type ClockifyTrackerOptions = RemoteTrackerOptions<ClockifyProfile>;

/** The kinds of Clockify ids Punchcard numbers. */
export type IdKind = 'entry' | 'project' | 'task' | 'client' | 'timeOff' | 'tag' | 'invoice' | 'person' | 'workspace' | 'group';

/** What a new entry books on, checked: Clockify's ids and the billable flag the project (or task) sets. */
export interface Booking {
  projectId: string | null;
  taskId: string | null;
  billable: boolean;
}

/** The catalog as the other capabilities use it: the names of entries' projects and tasks, what may be booked on, and its lists read afresh. */
export interface ClockifyCatalogView extends CatalogPart {
  /** The catalog, with the projects whose tasks it left for the next call. */
  listing(includeArchived: boolean, kinds?: readonly CatalogKind[], projectNumber?: number): Promise<{ catalog: Catalog; left?: TasksLeftOut }>;
  /** What a new or changed entry books on, checked (the project open and not archived, the task one of its tasks and not done). */
  booking(projectNumber: number | null, taskNumber: number | null): Promise<Booking>;
  /** The project and task of each entry as Punchcard names them. */
  refs(entries: readonly ClockifyTimeEntry[]): Promise<Array<{ project: Ref | null; task: Ref | null }>>;
  /** The names of up to `count` projects open for booking, for a refusal to give as examples. */
  projectExamples(count: number): Promise<string[]>;
  /** Forgets the lists read, after a write: the next reading sees it. */
  forget(): void;
}

/** The person's plan as the account and leave use it: their week and where the targets and holidays come from. */
export interface ClockifyPlanView extends PlanPart {
  workPlan(from: string, to: string): Promise<PlannedDay[]>;
  /** The person's week from their member profile; undefined where it has no capacity or working days. */
  week(): Promise<WorkWeek | undefined>;
  /** Where the targets and the holidays come from, in words for whoami. */
  sources(): Promise<{ targets: string; holidays: string; holidaysFromSettings: boolean }>;
}

/** The custom fields as the timer and the entries use them: their definitions, asked afresh after Clockify refused a write over them. */
export interface ClockifyFieldsView extends EntryFieldsPart {
  /** Forgets the fields read: the next write reads them afresh. */
  forget(): void;
}

/** What Clockify's cells are made in (providers/grid/cell.ts). */
export interface ClockifyGrid extends Grid {
  readonly client: ClockifyApiClient;
  readonly person: ClockifyActing;
  readonly context: ClockifyContext;
  readonly known: ClockifyKnown;
  readonly parts: RemoteParts & { catalog: ClockifyCatalogView; plan: ClockifyPlanView; entryFields: ClockifyFieldsView };
}

export class ClockifyContext {
  readonly options: ClockifyTrackerOptions;
  /** What the cells send with (their endpoints are made over it: providers/grid/compose.ts). */
  readonly client: ClockifyApiClient;
  /** The endpoints the capabilities share, for what the context itself reads (the person, the workspace, the role, time off): narrowed to the person under actingFor. */
  readonly api: ClockifyApi;
  /** Who pages through lists (providers/remote/paging.ts). */
  readonly pager: Pager;
  /** The person the team server acts for with the organisation's key (acting.ts); undefined on the person's own key. */
  readonly acting: ClockifyActing | undefined;
  readonly facts: LearnedFacts<ClockifyFacts>;
  readonly aliases: IdNumbering;
  /** What Clockify may refuse as a feature the workspace's plan (or the person's role) lacks, and what the tools do without it (docs/back-ends/clockify.md, "Optional reads"). */
  readonly optional: OptionalReads<'customFields' | 'memberProfile' | 'holidays'>;
  readonly #capabilitiesOf: (known: ClockifyKnown) => ReadonlySet<Capability>;
  readonly #person = new Expiring<ClockifyUser>(PER_PROCESS_MS);
  readonly #workspace = new Expiring<Workspace>(PER_PROCESS_MS);
  readonly #role = new Expiring<TeamRole>(ROLE_TTL_MS);
  /** The role last learned, for the capabilities; undefined until Clockify said. */
  #knownRole: TeamRole | undefined;
  /** What Clockify refused (403) under the role last learned: withdrawn until another role is learned. */
  readonly #refused = new Set<ClockifyAdministration>();
  /** Clockify refused an approval route (403) in this process: the approvals group is withdrawn until the next start. */
  #approvalsRefused = false;

  /** `capabilitiesOf`: what the cells offer under this credential, from what is known (cells.ts). */
  constructor(options: ClockifyTrackerOptions, capabilitiesOf: (known: ClockifyKnown) => ReadonlySet<Capability>) {
    this.options = options;
    this.#capabilitiesOf = capabilitiesOf;
    this.client = createClockifyApiClient({
      // The organisation's key is everyone's on the team server: one pace for all who send on it (api.ts, organisationPace).
      // Several trackers on the person's one key (workspaces of one account) keep one pace for the key (remote/key-pace.ts).
      connection: {
        ...remoteConnection(options),
        ...(options.actingFor
          ? { pace: organisationPace(options.profile.url, options.perSecond) }
          : options.keyPace
            ? { pace: options.keyPace(options.perSecond ?? MAX_REQUESTS_PER_SECOND) }
            : {}),
      },
      ...(options.actingFor ? { organisation: true } : {}),
      onRefused: (status, purpose) => {
        // A refused key may be replaced by another person's: who it belongs to is asked again.
        if (status === 401) this.#forgetPerson();
        else if (purpose.decidesTimeOff) this.learnTimeOff(false);
      },
    });
    this.pager = this.client.pager;
    const { actingFor } = options;
    // Acting for one person with the organisation's key, every capability sees only its endpoints narrowed to them.
    this.acting = actingFor ? new ClockifyActing(this.client, { actingFor, workspace: options.profile.workspace, now: options.now }) : undefined;
    this.api = this.acting ? this.acting.shared : this.client.api;
    this.facts = learnedFacts(options, {
      file: clockifyFacts,
      key: clockifyFactsKey(options.profile),
      capabilitiesOf: (facts) => this.#capabilities(facts, this.#knownRole, this.#approvalsRefused),
    });
    this.aliases = options.idNumbers ?? new IdAliases(join(options.userDataDir, CLOCKIFY_IDS_FILE), options.log);
    this.optional = optionalReads(
      { service: 'Clockify', log: options.log, now: options.now },
      {
        customFields: {
          what: "the workspace's custom fields",
          without: 'entries are written without them',
        },
        memberProfile: {
          what: 'your member profile (its work capacity and working days)',
          without: "targets come from Punchcard's settings",
        },
        holidays: { what: 'the holidays your workspace assigns you', without: "the settings' holiday region stands in" },
      },
    );
  }

  /** The person the key belongs to; their zone is remembered for the next start. */
  person(fresh = false): Promise<ClockifyUser> {
    if (fresh) this.#person.invalidate();
    return this.#person.get(async () => {
      const user = await this.api.user();
      if (!user || typeof user.id !== 'string' || user.id === '') throw new ClockifyError('wrong_service', remoteRefusal('clockify_key_owner_unnamed', {}));
      const zone = user.settings?.timeZone;
      if (zone && isValidTimeZone(zone) && zone !== this.facts.current.timezone) this.facts.learn({ timezone: zone });
      return user;
    });
  }

  /** The workspace: the one the settings name (by id or name), else the person's active one. */
  workspace(fresh = false): Promise<Workspace> {
    if (fresh) this.#workspace.invalidate();
    return this.#workspace.get(async () => this.#resolveWorkspace(await this.person(), fresh));
  }

  /** Who and where every request is about. */
  async ids(): Promise<{ userId: string; workspaceId: string }> {
    const [user, workspace] = await Promise.all([this.person(), this.workspace()]);
    return { userId: user.id, workspaceId: workspace.id };
  }

  /**
   * The person's role in the workspace, from their own workspaces Clockify lists by role
   * (getWorkspacesOfUser): a question about themselves, which Clockify answers any member, where the
   * list of the workspace's members by role may be an admin's alone. One request says whether they
   * hold any leading role, which most keys' people do not; only then is it asked which. What is
   * learned switches the team tools live.
   */
  teamRole(fresh = false): Promise<TeamRole> {
    if (fresh) this.#role.invalidate();
    return this.#role.get(async () => {
      const role = await this.#readRole();
      // A new role is asked again what it may administer: a refusal under the old one no longer holds.
      if (role !== this.#knownRole) this.#refused.clear();
      this.#knownRole = role;
      if (this.facts.capabilities.set(this.#capabilities(this.facts.current, role, this.#approvalsRefused))) {
        this.options.log(`Clockify tools follow the person's role: ${role === 'member' ? 'a member (no team tools)' : role.replace('_', ' ')}.`);
      }
      return role;
    });
  }

  /**
   * Clockify refused (403) what an administration capability stands for: it is withdrawn at once (with
   * list_changed) for this process, until the role is learned anew and differs.
   */
  refuseAdministration(kind: ClockifyAdministration): void {
    if (this.#refused.has(kind)) return;
    this.#refused.add(kind);
    this.facts.capabilities.set(this.#capabilities(this.facts.current, this.#knownRole, this.#approvalsRefused));
    const tools = {
      catalog: 'create_catalog_item and archive_catalog_item',
      tags: 'manage_tags',
      invoices: 'list_invoices',
      people: 'manage_people',
      rates: 'manage_rates',
      catalogChanges: 'update_catalog_item',
      teams: 'manage_teams',
      corrections: 'correct_time_entries',
    }[kind];
    this.options.log(
      `Clockify refused your account the ${kind === 'catalog' ? "catalog's writes" : kind === 'catalogChanges' ? "catalog's changes" : kind}: ${tools} switched off.`,
    );
  }

  /**
   * Sends one request of an administration capability. Clockify's refusal (403) withdraws the capability at
   * once (refuseAdministration) and is the part's own refusal: `refusal`, or made from Clockify's error where
   * it depends on what Clockify said. Any other failure is thrown as it came.
   */
  async administering<T>(kind: ClockifyAdministration, refusal: RefusalArgs | ((error: ClockifyError) => RefusalArgs), send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ClockifyError) || error.status !== 403) throw error;
      this.refuseAdministration(kind);
      throw new BackEndError(...(typeof refusal === 'function' ? refusal(error) : refusal));
    }
  }

  /**
   * Clockify refused (403) the approval-requests API: the approvals group is withdrawn at once (with list_changed) for
   * this process. True where this refusal withdrew it, false where it was withdrawn before.
   */
  refuseApprovals(): boolean {
    if (this.#approvalsRefused) return false;
    this.#approvalsRefused = true;
    this.facts.capabilities.set(this.#capabilities(this.facts.current, this.#knownRole, true));
    return true;
  }

  /** Where the role last learned is why `capability` is not offered: that role and the one that has it (facts.ts, clockifyRoleLacking). */
  roleLacking(capability: Capability): { role: string; needs: string } | undefined {
    return clockifyRoleLacking(
      { facts: this.facts.current, role: this.#knownRole, refused: this.#refused, approvalsRefused: this.#approvalsRefused },
      capability,
    );
  }

  /** The role last learned from Clockify; undefined until it said (what a tool may do is decided by it, never assumed). */
  get knownRole(): TeamRole | undefined {
    return this.#knownRole;
  }

  /** The person's zone in Clockify (their profile's), remembered between starts; null where it names none. */
  async timeZone(): Promise<string | null> {
    const zone = (await this.person()).settings?.timeZone ?? this.facts.current.timezone;
    return zone && isValidTimeZone(zone) ? zone : null;
  }

  /** The zone the person's days are in: Clockify's for them, else the settings', and only then the system's. */
  async zone(): Promise<string> {
    return firstValidZone(await this.timeZone(), this.options.timezone());
  }

  async today(): Promise<string> {
    return localDate(this.options.now(), await this.zone());
  }

  /** The person's name as Clockify has it: their name, else their e-mail. */
  nameOf(user: ClockifyUser): string {
    return user.name?.trim() || user.email?.trim() || 'you';
  }

  /** "Clockify at host as Ada (ada@…) in the workspace "Acme" (STANDARD plan); time off …." */
  async connectionLine(): Promise<string> {
    const [user, workspace] = await Promise.all([this.person(), this.workspace()]);
    const email = user.email && user.email !== this.nameOf(user) ? ` (${user.email})` : '';
    const plan = workspace.plan ? ` (${workspace.plan} plan)` : '';
    return `Clockify at ${hostOf(this.options.profile.url)} as ${quotedLine(this.nameOf(user))}${email} in the workspace ${quotedLine(workspace.name)}${plan}; ${this.timeOffLine(workspace)}.`;
  }

  /** Whether time off is available, and why not where it is not. */
  timeOffLine(workspace: Workspace): string {
    const { timeOff } = this.facts.current;
    if (timeOff === true) return 'time off available';
    if (timeOff === undefined) return 'time off not checked yet';
    if (workspace.timeOffInPlan === false) return "time off not available: the workspace's plan does not include it (leave tools off)";
    return 'time off not available: it is off in the workspace, or not open to you (leave tools off)';
  }

  /**
   * Whether time off answers for the person: one cheap read of their own balances, remembered. A
   * refusal as unavailable (providers/remote/optional-read.ts: 402, 403, a 404 in JSON; a web page is
   * a wrong address) means it is off, not in the plan, or not theirs.
   */
  async probeTimeOff(): Promise<boolean> {
    const { userId, workspaceId } = await this.ids();
    try {
      await this.api.balances(workspaceId, userId, 1, 1);
      this.learnTimeOff(true);
      return true;
    } catch (error) {
      if (!refusedAsUnavailable(error)) throw error;
      this.learnTimeOff(false);
      return false;
    }
  }

  learnTimeOff(available: boolean): void {
    if (!this.facts.learn({ timeOff: available, checkedAt: new Date(this.options.now()).toISOString() })) return;
    this.options.log(`Clockify tools follow what the workspace offers: time off ${available ? 'available' : 'not available (leave tools off)'}.`);
  }

  /** Whether what an earlier start learned about the workspace is older than a day. */
  stale(): boolean {
    const checkedAt = Date.parse(this.facts.current.checkedAt ?? '');
    return Number.isNaN(checkedAt) || this.options.now() - checkedAt > RECHECK_MS;
  }

  /** The numbers of Clockify ids of a kind, in order (id-aliases.ts). */
  numbers(kind: IdKind, remotes: readonly string[]): Promise<number[]> {
    return this.aliases.numbers(kind, remotes);
  }

  async number(kind: IdKind, remote: string): Promise<number> {
    return this.aliases.number(kind, remote);
  }

  /** The Clockify id behind a number, or `notFound`: a refusal naming what was not found. */
  async remote(kind: IdKind, number: number, ...notFound: RefusalArgs): Promise<string> {
    const remote = await this.aliases.remote(kind, number);
    if (remote === undefined) throw new BackEndError(...notFound);
    return remote;
  }

  close(): void {
    this.client.close();
    this.aliases.close();
  }

  /**
   * What is offered: from the workspace, the role and what Clockify refused under it; acting for a person with the
   * organisation's key, only what is narrowed to them, from the person's role (cells.ts).
   */
  #capabilities(facts: ClockifyFacts | undefined, role: TeamRole | undefined, approvalsRefused: boolean): ReadonlySet<Capability> {
    return this.#capabilitiesOf({ facts, role, refused: this.#refused, approvalsRefused });
  }

  #forgetPerson(): void {
    this.#person.invalidate();
    this.#workspace.invalidate();
    this.#role.invalidate();
  }

  async #readRole(): Promise<TeamRole> {
    const { id } = await this.workspace();
    // Owners are not counted as admins by this filter: both are asked for where admins are meant.
    const holds = async (roles: readonly ClockifyRole[]): Promise<boolean> =>
      (await this.api.workspacesWithRoles(roles)).some((workspace) => workspace.id === id);
    if (!(await holds(['WORKSPACE_ADMIN', 'OWNER', 'TEAM_MANAGER', 'PROJECT_MANAGER']))) return 'member';
    if (await holds(['WORKSPACE_ADMIN', 'OWNER'])) return 'admin';
    return (await holds(['TEAM_MANAGER'])) ? 'team_manager' : 'project_manager';
  }

  async #resolveWorkspace(user: ClockifyUser, fresh: boolean): Promise<Workspace> {
    const wanted = this.options.profile.workspace;
    const facts = this.facts.current;
    const active = user.activeWorkspace || user.defaultWorkspace || undefined;
    // What an earlier start resolved serves for a day: the named workspace, or the active one while it stays active.
    if (!fresh && facts.workspaceId && facts.workspaceName && !this.stale() && (wanted !== undefined || facts.workspaceId === active)) {
      const requires = new Set((facts.requires ?? '').split(' ').filter(Boolean));
      return {
        id: facts.workspaceId,
        name: facts.workspaceName,
        plan: facts.plan,
        timeOffInPlan: facts.timeOffInPlan,
        approvalInPlan: facts.approvalInPlan,
        customFieldsInPlan: facts.customFieldsInPlan,
        requires,
      };
    }
    const chosen = chooseWorkspace(await this.api.workspaces(), wanted, active);
    const workspace = workspaceOf(chosen);
    this.facts.learn({
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      checkedAt: new Date(this.options.now()).toISOString(),
      requires: [...workspace.requires].join(' '),
      ...(workspace.plan ? { plan: workspace.plan } : {}),
      ...(workspace.timeOffInPlan === undefined ? {} : { timeOffInPlan: workspace.timeOffInPlan }),
      ...(workspace.approvalInPlan === undefined ? {} : { approvalInPlan: workspace.approvalInPlan }),
      ...(workspace.customFieldsInPlan === undefined ? {} : { customFieldsInPlan: workspace.customFieldsInPlan }),
    });
    return workspace;
  }
}
