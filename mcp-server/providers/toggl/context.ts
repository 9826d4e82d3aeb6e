// What Toggl Track's capabilities share (docs/internals/back-ends.md, "A capability is a folder"): the options, the
// client and the endpoints they share (api.ts), the person the token belongs to (asked once per process: /me counts on
// the person's own hourly quota, and a new token may be another person's; its answer carries the token, so only the
// fields Punchcard reads are kept, and only in memory), the workspace Punchcard works in (the one named, else the
// person's default one; remembered between starts for a day, with what it requires on every entry and its lock), its
// optional reads (providers/remote/optional-read.ts: the lock and the tasks, each a paid plan's; the parts of the
// person's role, their project users, timesheet setups and organizations, and the workspace's groups, none of which may
// stop the everyday tools), the person's role and the team's people, and the grid the cells are made in (TogglGrid). Toggl has no organisation account acting for people (TogglGrid).
import type { ProfileOf } from '../../contract/back-end-descriptor.ts';
import type { TOGGL } from '../../contract/back-ends/toggl.ts';
import type { TogglRequired } from '../../contract/outcomes/remote-toggl.ts';
import type { Capability } from '../../contract/vocabulary.ts';
import { firstValidZone, isValidTimeZone, localDate } from '../../domain/time.ts';
import type { Grid, NoOrganisationAccount } from '../grid/cell.ts';
import type { RemoteParts } from '../grid/parts.ts';
import { Expiring } from '../remote/cache.ts';
import type { LearnedFacts } from '../remote/learned-facts.ts';
import { type OptionalReads, optionalReads } from '../remote/optional-read.ts';
import { hostOf, remoteRefusal } from '../remote/remote-error.ts';
import { learnedFacts, remoteConnection, type RemoteTrackerOptions } from '../remote-tracker.ts';
import type { RefusalArgs } from '../../contract/outcomes/refusals.ts';
import { roleLearned, roleRefused, roleStale } from '../remote/remembered-role.ts';
import { BackEndError, type CatalogPart, type Ref } from '../time-tracker.ts';
import { createTogglApiClient, type TogglApi, type TogglApiClient } from './api.ts';
import { resetsAt, TogglError } from './errors.ts';
import { ORGANISATION_QUOTA } from './quota.ts';
import { togglFacts, togglFactsKey, type TogglFacts } from './facts.ts';
import { chooseWorkspace, lockOf, planOf, requiredOf, type TogglPlan, type Workspace, workspaceIdIn } from './mapping.ts';
import { ORGANIZATION_ADMIN, PROJECT_MANAGER, roleName, TIMESHEET_APPROVER, TIMESHEET_MEMBER, type TogglRights, workspaceRoleOf, wordsOf } from './rights.ts';
import { setupsOf } from './timesheet-readings.ts';
import type {
  TogglClient,
  TogglProject,
  TogglProjectUser,
  TogglSimpleUser,
  TogglTask,
  TogglTimesheetSetup,
  TogglUser,
  TogglWorkspace,
  TogglWorkspaceUser,
} from './wire.ts';
import { quotedLine } from '../../contract/outcomes/quoted-line.ts';

export type TogglProfile = ProfileOf<typeof TOGGL>;
export type TogglTrackerOptions = RemoteTrackerOptions<TogglProfile>;

/** The workspace is asked about again after a day (its plan, its required fields and its lock change rarely). */
const RECHECK_MS = 24 * 3_600_000;
/** The person and their workspace are read once per process; a refused token reads them again. */
const PER_PROCESS_MS = Number.POSITIVE_INFINITY;

/** What the team reads of the workspace's people and of the person's own projects is kept a quarter of an hour, as the catalog. */
export const TEAM_TTL_MS = 15 * 60_000;

/** Someone the workspace lists, as the team names them: by their Toggl user id (`uid`); their workspace user's own id apart. */
export interface TogglMember {
  id: number;
  workspaceUserId: number;
  name: string;
  /** Their working_hours_in_minutes (a day's), or null where Toggl names none. */
  dayMinutes: number | null;
}

/** Someone whose hours the team reads: a member as the workspace users list them, or as the lighter list does (no workspace user id). */
export type TeamMember = Pick<TogglMember, 'id' | 'name' | 'dayMinutes'>;

/** The timesheet setups naming the person (Premium's approvals): their own, where one governs them, and those naming them an approver. */
export interface TimesheetSetups {
  own: TogglTimesheetSetup | null;
  approves: readonly TogglTimesheetSetup[];
}

/** What a 403 of a role-decided request withdraws, and how a refusal says what was missing. */
export interface Withdrawn {
  readonly capability: Capability;
  /** Capabilities withdrawn with it (the approvals' workflow with their list). */
  readonly also?: readonly Capability[];
  /** The tool it stands for, for the log: "team_report". */
  readonly tool: string;
  /** The role the request needs, in Toggl's words: "a workspace admin or Team Lead". */
  readonly needs: string;
}

/** The person as Punchcard keeps them: never /me's answer as it came (it carries the token). */
export interface TogglPerson {
  id: number;
  name: string;
  email: string | null;
  timezone: string | null;
  defaultWorkspaceId: number | null;
  /** The workspaces the token sees, where /me was asked with them (a workspace named by name). */
  workspaces?: TogglWorkspace[];
}

/** What a new or changed entry books on, checked: Toggl's ids and the billable flag the project sets. */
export interface Booking {
  projectId: number | null;
  taskId: number | null;
  billable: boolean;
}

/** The catalog as the other capabilities use it: names of entries' projects and tasks, what may be booked on. */
export interface TogglCatalogView extends CatalogPart {
  /** What a new or changed entry books on, checked (the project open to the person, the task one of its open tasks). */
  booking(projectId: number | null, taskId: number | null): Promise<Booking>;
  /** A project's and a task's names by id, from the lists kept (read where none is kept yet); null where the lists have none. */
  nameOf(projectId: number | null, taskId: number | null): Promise<{ project: Ref | null; task: Ref | null }>;
  /** The names of up to `count` projects open for booking, for a refusal to give as examples. */
  projectExamples(count: number): Promise<string[]>;
  projects(): Promise<TogglProject[]>;
  tasks(): Promise<TogglTask[]>;
  /** An item as Toggl listed it, archived ones too (the lists kept a quarter of an hour): what a change starts from. */
  record(kind: 'customer', id: number): Promise<TogglClient | undefined>;
  record(kind: 'project', id: number): Promise<TogglProject | undefined>;
  record(kind: 'activity', id: number): Promise<TogglTask | undefined>;
  /** The catalog changed: every list is read afresh next time. */
  changed(): void;
}

/**
 * What Toggl's cells are made in (providers/grid/cell.ts). Toggl Track has no organisation account that acts for
 * people: each person connects their own token (docs/back-ends/toggl.md, "The team server"), so no cell narrows its
 * endpoints to one or offers anything under an organisation's credential.
 */
export interface TogglGrid extends Grid {
  readonly client: TogglApiClient;
  readonly person: NoOrganisationAccount;
  readonly context: TogglContext;
  readonly known: TogglFacts | undefined;
  readonly parts: RemoteParts & { catalog: TogglCatalogView };
}

export class TogglContext {
  readonly options: TogglTrackerOptions;
  readonly client: TogglApiClient;
  readonly api: TogglApi;
  readonly facts: LearnedFacts<TogglFacts>;
  /**
   * What Toggl may refuse as a feature the workspace's plan lacks, or as a right the role read does not have, and what
   * the tools do without it (docs/back-ends/toggl.md, "Optional reads"): the role's parts each among them, so a part
   * Toggl will not show never stops the everyday tools nor the rest of the role.
   */
  readonly optional: OptionalReads<'lock' | 'tasks' | 'projectUsers' | 'setups' | 'organizations' | 'groups'>;
  readonly #person = new Expiring<TogglPerson>(PER_PROCESS_MS);
  readonly #workspace = new Expiring<Workspace>(PER_PROCESS_MS);
  /** The projects the person manages, by id (their own project users' `manager`). */
  readonly #managed = new Expiring<ReadonlySet<number>>(TEAM_TTL_MS);
  readonly #members = new Expiring<TogglMember[]>(TEAM_TTL_MS);
  readonly #lighter = new Expiring<TeamMember[]>(TEAM_TTL_MS);
  readonly #setups = new Expiring<TimesheetSetups>(TEAM_TTL_MS);

  constructor(options: TogglTrackerOptions, capabilitiesOf: (facts: TogglFacts | undefined) => ReadonlySet<Capability>) {
    this.options = options;
    this.client = createTogglApiClient({
      connection: remoteConnection(options),
      clock: { now: () => options.now(), zone: () => firstValidZone(this.facts.current.timezone, options.timezone()) },
      onTokenRefused: () => {
        this.#person.invalidate();
        this.#workspace.invalidate();
      },
    });
    this.api = this.client.api;
    this.facts = learnedFacts(options, { file: togglFacts, key: togglFactsKey(options.profile), capabilitiesOf });
    this.optional = optionalReads(
      { service: 'Toggl Track', log: options.log, now: options.now },
      {
        lock: {
          what: "the workspace's lock of older entries",
          without: 'no entry is held back as locked by Punchcard (Toggl still refuses a write into a locked period itself)',
        },
        tasks: { what: "the workspace's tasks", without: 'the catalog lists no tasks, and an entry is booked on its project alone' },
        projectUsers: {
          what: 'your own project users (which projects you manage)',
          without: 'you are taken to manage no project: project_status follows your workspace role alone',
        },
        setups: {
          what: 'the timesheet setups naming you',
          without:
            'you are taken to be in no timesheet setup: the approvals follow your workspace role alone, and a write is checked against no approved period',
        },
        organizations: {
          what: 'your organizations (whether you administer this one)',
          without: 'you are taken to be no organization admin: manage_people does not invite',
        },
        groups: { what: "the workspace's user groups", without: "manage_people shows nobody's teams" },
      },
    );
  }

  /**
   * The person the token belongs to, once per process. Where the settings name the workspace by name and it is not
   * remembered, /me is asked with the person's workspaces in the same request, so finding it costs nothing more on
   * the person's quota.
   */
  person(): Promise<TogglPerson> {
    return this.#person.get(async () => {
      const wanted = this.options.profile.workspace;
      const withWorkspaces = wanted !== undefined && workspaceIdIn(wanted) === undefined && !this.#remembered(undefined);
      const user = withWorkspaces ? await this.api.meWithWorkspaces() : await this.api.me();
      const person = personOf(user);
      if (withWorkspaces) {
        const { workspaces } = user as { workspaces?: unknown };
        person.workspaces = Array.isArray(workspaces) ? (workspaces as TogglWorkspace[]) : [];
      }
      if (person.timezone && person.timezone !== this.facts.current.timezone) this.facts.learn({ timezone: person.timezone });
      return person;
    });
  }

  /** The workspace: the one the settings name (by id or name), else the person's default one. `fresh` asks for it and its lock again. */
  workspace(fresh = false): Promise<Workspace> {
    if (fresh) {
      this.#workspace.invalidate();
      this.optional.lock.forget();
    }
    return this.#workspace.get(async () => this.#resolveWorkspace(await this.person(), fresh));
  }

  /**
   * The workspace's lock of older entries (epoch ms): undefined where it locks none, or where the lock is not known.
   * Read with the workspace; where Toggl would not answer it (a paid plan's), nothing is held back as locked and it is
   * asked again after the hour, here, by the next write that checks it.
   */
  async lockedBefore(): Promise<number | undefined> {
    const workspace = await this.workspace();
    if (workspace.lockKnown) return workspace.lockedBefore;
    const lockedAt = await this.#readLock(workspace.id);
    if (lockedAt === undefined) return undefined;
    // The workspace as kept for the process learns its lock: the next write asks nothing.
    Object.assign(workspace, { lockKnown: true, lockedBefore: lockOf(lockedAt) });
    this.facts.learn({ lockedAt });
    return workspace.lockedBefore;
  }

  async workspaceId(): Promise<number> {
    return (await this.workspace()).id;
  }

  /** The person's zone in Toggl (their profile's), remembered between starts; null where it names none. */
  async timeZone(): Promise<string | null> {
    const zone = (await this.person()).timezone ?? this.facts.current.timezone;
    return zone && isValidTimeZone(zone) ? zone : null;
  }

  async zone(): Promise<string> {
    return firstValidZone(await this.timeZone(), this.options.timezone());
  }

  async today(): Promise<string> {
    return localDate(this.options.now(), await this.zone());
  }

  /**
   * What the person may see of others, from what Toggl tells them about themselves: their role in the workspace (read
   * with it) and whether they manage a project (their own project users). `fresh` reads both again: the workspace alone
   * (one request, not its lock) where this process has not read it yet. A tool decides by this, never by what was remembered.
   */
  async rights(fresh = false): Promise<TogglRights> {
    const [person, role, managed] = await Promise.all([this.person(), this.#workspaceRole(fresh), this.managedProjects(fresh)]);
    // Where the setups are wanted (the approvals group on, a Premium workspace), the whole role reads them too;
    // else their part is as last known for this person.
    const setups = fresh && (await this.#setupsWanted()) ? await this.timesheetSetups(true) : undefined;
    const timesheets = setups ? timesheetWords(setups) : this.#timesheetsKnown(String(person.id));
    const known = rightsKnown(this.facts.current, String(person.id));
    // Whether they administer the organization: read for a workspace admin with the admin tools on (it decides inviting
    // alone), else as last known; never for anyone else, who invites nobody whatever it says.
    const organizationAdmin =
      role !== 'admin' ? false : fresh && this.options.adminToolsWanted?.() === true ? await this.#organizationAdmin() : known.organizationAdmin;
    const rights: TogglRights = {
      role,
      managesProjects: managed.size > 0,
      timesheetMember: timesheets.member,
      timesheetApprover: timesheets.approver,
      organizationAdmin,
    };
    this.#learnRole(String(person.id), wordsOf(rights.role, rights.managesProjects, timesheets, organizationAdmin));
    return rights;
  }

  /**
   * Whether the person administers the workspace's organization: `admin` (or `owner`) of it in `GET /me/organizations`
   * (on the person's own quota: read once a day at most, with the role). Toggl refusing it as unavailable is "no".
   */
  async #organizationAdmin(): Promise<boolean> {
    const workspace = await this.workspace();
    const organizations = await this.optional.organizations.read(() => this.api.myOrganizations(), null);
    const theirs = (Array.isArray(organizations) ? organizations : []).find((organization) => organization?.id === workspace.organizationId);
    return theirs !== undefined && (theirs.admin === true || theirs.owner === true);
  }

  /**
   * The timesheet setups naming the person, by their own id (`member_ids`, `approver_ids`: two requests), kept a quarter
   * of an hour, the place they give the person in approvals remembered with the rest of the role. A Premium feature:
   * asked only where the workspace's plan is Premium.
   */
  timesheetSetups(fresh = false): Promise<TimesheetSetups> {
    if (fresh) this.#setups.invalidate();
    return this.#setups.get(async () => {
      const [person, workspace] = await Promise.all([this.person(), this.workspace()]);
      // Refused as unavailable (a plan without approvals, a role Toggl will not show them, a route not there), the person
      // is in no setup for the hour: the everyday writes' check of approved periods goes on without them.
      const [own, approves] = await this.optional.setups.read(
        () =>
          Promise.all([this.api.timesheetSetups(workspace.id, { member_ids: person.id }), this.api.timesheetSetups(workspace.id, { approver_ids: person.id })]),
        [null, null] as const,
      );
      const setups = {
        own: setupsOf(own).find((setup) => setup.member_id === person.id) ?? null,
        approves: setupsOf(approves).filter((setup) => setup.member_id !== person.id && namesApprover(setup, person.id)),
      };
      // Part of the role only (the workspace's role and the projects managed as last known): it moves no check time.
      const known = rightsKnown(this.facts.current, String(person.id));
      this.#learnRole(String(person.id), wordsOf(workspace.role, known.managesProjects, timesheetWords(setups), known.organizationAdmin), false);
      return setups;
    });
  }

  /** Whether the timesheet setups are part of the role: the approvals group is on, and the workspace is on Premium. */
  async #setupsWanted(): Promise<boolean> {
    return this.options.approvalToolsWanted?.() === true && (await this.workspace()).plan === 'premium';
  }

  /** The person's place in timesheet setups as this process read it, else as remembered for them. */
  #timesheetsKnown(personId: string): { member: boolean; approver: boolean } {
    // A read of the setups by this process learned its words then: what is remembered says it.
    const known = rightsKnown(this.facts.current, personId);
    return { member: known.timesheetMember, approver: known.timesheetApprover };
  }

  /**
   * The projects the person manages, by id: `GET …/project_users?user_id=<their own>`, kept a quarter of an hour; none
   * where Toggl refuses it as unavailable (an optional read).
   */
  managedProjects(fresh = false): Promise<ReadonlySet<number>> {
    if (fresh) this.#managed.invalidate();
    return this.#managed.get(async () => {
      const [person, workspaceId] = await Promise.all([this.person(), this.workspaceId()]);
      const users = (await this.optional.projectUsers.read(() => this.api.projectUsers(workspaceId, person.id), null)) ?? ([] as TogglProjectUser[]);
      return new Set(users.filter((user) => user?.manager === true && user.user_id === person.id).map((user) => user.project_id));
    });
  }

  /** Toggl refused an invitation (403): the person is taken to administer no organization until their role is read again. */
  notOrganizationAdmin(): void {
    const personId = this.facts.current.roleOf;
    const words = (this.facts.current.role ?? '').split(' ').filter((word) => word !== '' && word !== ORGANIZATION_ADMIN);
    if (personId !== undefined) this.#learnRole(personId, words, false);
  }

  /** Whether the remembered role is a day old, another person's, or none: the background check then reads it again. */
  roleStale(): boolean {
    return roleStale(this.facts.current, this.options.now());
  }

  /**
   * The workspace's people (`GET …/workspace_users`), the deactivated left out, sorted by name; kept a quarter of an
   * hour. Only asked where the role sees everyone's hours (rights.ts).
   */
  members(): Promise<TogglMember[]> {
    return this.#members.get(async () => {
      const listed = (await this.api.workspaceUsers(await this.workspaceId())) ?? ([] as TogglWorkspaceUser[]);
      return listed
        .filter((user): user is TogglWorkspaceUser => typeof user?.uid === 'number' && user.inactive !== true)
        .map((user) => ({
          id: user.uid,
          workspaceUserId: user.id,
          name: (user.name ?? '').trim() || (user.email ?? '').trim() || `user #${user.uid}`,
          dayMinutes: typeof user.working_hours_in_minutes === 'number' && user.working_hours_in_minutes > 0 ? user.working_hours_in_minutes : null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    });
  }

  /**
   * The people the team's hours are read for: the workspace users (members); for a Team Lead Toggl refused them (403:
   * who besides admins may list them is not documented), the lighter `GET …/users` instead, without working hours, and
   * for a day after such a refusal that list alone (remembered between starts). `light` says which.
   */
  async teamMembers(rights: TogglRights): Promise<{ people: TeamMember[]; light: boolean }> {
    if (rights.role !== 'teamlead') return { people: await this.members(), light: false };
    const refusedAt = Date.parse(this.facts.current.peopleRefusedAt ?? '');
    if (!Number.isNaN(refusedAt) && this.options.now() - refusedAt <= RECHECK_MS) return { people: await this.#lighterMembers(), light: true };
    try {
      return { people: await this.members(), light: false };
    } catch (error) {
      if (!(error instanceof TogglError) || error.status !== 403 || error.failure !== 'forbidden') throw error;
      this.facts.learn({ peopleRefusedAt: new Date(this.options.now()).toISOString() });
      this.options.log(
        "Toggl Track does not show your workspace's people to a Team Lead: team_report lists them from the workspace's users, without targets, for a day.",
      );
      return { people: await this.#lighterMembers(), light: true };
    }
  }

  /** The workspace's people from `GET …/users` (each by their user id, no working hours), the deactivated left out; kept a quarter of an hour. */
  #lighterMembers(): Promise<TeamMember[]> {
    return this.#lighter.get(async () => {
      const listed = (await this.api.workspaceSimpleUsers(await this.workspaceId())) ?? ([] as TogglSimpleUser[]);
      return listed
        .filter((user): user is TogglSimpleUser => typeof user?.id === 'number' && user.inactive !== true)
        .map((user) => ({
          id: user.id,
          name: (user.fullname ?? '').trim() || (user.email ?? '').trim() || `user #${user.id}`,
          dayMinutes: null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    });
  }

  /** The workspace's people changed (a role, a deactivation): read afresh next time. */
  forgetMembers(): void {
    this.#members.invalidate();
    this.#lighter.invalidate();
  }

  /**
   * Toggl refused (403) what the role seemed to allow: the capability is withdrawn at once (its tools leave tools/list)
   * until another role is learned; the log says which, and the next call reads the role again.
   */
  refuse({ capability, also = [], tool, needs }: Withdrawn): void {
    let learned = false;
    for (const each of [capability, ...also]) {
      const refused = roleRefused(this.facts.current, each);
      if (refused && this.facts.learn(refused)) learned = true;
    }
    if (learned) this.options.log(`Toggl Track refused your account what ${tool} needs (${needs}): ${tool} switched off.`);
    this.#managed.invalidate();
    this.#members.invalidate();
    this.#lighter.invalidate();
    this.#setups.invalidate();
  }

  /**
   * Sends a request the person's role decides. Toggl's refusal (403 with words) withdraws the capability (refuse) and
   * is said as what the role lacked, with Toggl's own words; any other failure is thrown as it came.
   */
  async administering<T>(withdrawn: Withdrawn, action: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof TogglError) || error.status !== 403 || error.failure !== 'forbidden') throw error;
      this.refuse(withdrawn);
      const said = error.refusal.facts as { message?: string | null };
      throw new BackEndError('toggl_forbidden', { action, message: said.message ?? null, needs: withdrawn.needs });
    }
  }

  /**
   * Refuses a team or administration read before anything is sent where the last answer said less than a tenth of the
   * organisation's hourly quota is left (the plan's: 30, 240, 600), so the person's own time can still be recorded.
   */
  async keepQuota(action: string): Promise<void> {
    const left = this.client.quotaLeft('organisation');
    if (left === undefined) return;
    const hour = ORGANISATION_QUOTA[(await this.workspace()).plan];
    if (left.remaining >= hour / 10) return;
    const seconds = Math.max(1, Math.ceil((left.resetsAt - this.options.now()) / 1_000));
    const clock = { now: this.options.now, zone: () => firstValidZone(this.facts.current.timezone, this.options.timezone()) };
    throw new BackEndError('toggl_quota_low', { action, remaining: left.remaining, hour, resets_in_s: seconds, resets_at: resetsAt(seconds, clock) });
  }

  /** Refuses, before anything is sent, what the person's role does not allow: `role_lacks` with the role and what it needs. */
  lacks(rights: TogglRights, tool: string, action: string, needs: string): BackEndError {
    const args: RefusalArgs = ['role_lacks', { back_end: 'Toggl Track', tool, action, role: roleName(rights), needs }];
    return new BackEndError(...args);
  }

  /** "Toggl Track at host as Ada (ada@…) in the workspace "Acme" (Starter plan)." */
  async connectionLine(): Promise<string> {
    const [person, workspace] = await Promise.all([this.person(), this.workspace()]);
    const email = person.email && person.email !== person.name ? ` (${person.email})` : '';
    return `Toggl Track at ${hostOf(this.options.profile.url)} as ${quotedLine(person.name)}${email} in the workspace ${quotedLine(workspace.name)} (${PLAN_NAMES[workspace.plan]} plan).`;
  }

  /** Whether what an earlier start learned about the workspace is older than a day. */
  stale(): boolean {
    const checkedAt = Date.parse(this.facts.current.checkedAt ?? '');
    return Number.isNaN(checkedAt) || this.options.now() - checkedAt > RECHECK_MS;
  }

  close(): void {
    this.client.close();
  }

  /** The workspace as an earlier start resolved it, where that serves: named the same way and under a day old (the default one while it stays the default). */
  #remembered(defaultId: number | null | undefined): Workspace | undefined {
    const facts = this.facts.current;
    if (facts.workspaceId === undefined || facts.workspaceName === undefined || this.stale()) return undefined;
    if (this.options.profile.workspace === undefined && facts.workspaceId !== defaultId) return undefined;
    return {
      id: facts.workspaceId,
      name: facts.workspaceName,
      plan: facts.plan === 'premium' || facts.plan === 'starter' ? facts.plan : 'free',
      requires: new Set((facts.requires ?? '').split(' ').filter(Boolean) as TogglRequired[]),
      lockedBefore: lockOf(facts.lockedAt),
      lockKnown: facts.lockedAt !== undefined,
      role: workspaceRoleOf({ role: facts.workspaceRole }),
      ...(facts.organizationId === undefined ? {} : { organizationId: facts.organizationId }),
      remembered: true,
    };
  }

  async #resolveWorkspace(person: TogglPerson, fresh: boolean): Promise<Workspace> {
    const wanted = this.options.profile.workspace;
    const remembered = fresh ? undefined : this.#remembered(person.defaultWorkspaceId);
    if (remembered) return remembered;
    const id = workspaceIdIn(wanted) ?? (wanted === undefined ? person.defaultWorkspaceId : undefined);
    let found: TogglWorkspace;
    if (id !== undefined && id !== null) {
      found = await this.api.workspace(id).catch(async (error: unknown) => {
        // A workspace the token does not see: refused naming the ones it does.
        if (!(error instanceof TogglError) || (error.status !== 403 && error.status !== 404)) throw error;
        const seen = (await this.api.meWithWorkspaces()).workspaces ?? [];
        return chooseWorkspace(seen, wanted ?? String(id), undefined);
      });
    } else {
      const seen = person.workspaces ?? (await this.api.meWithWorkspaces()).workspaces ?? [];
      found = chooseWorkspace(seen, wanted, person.defaultWorkspaceId);
    }
    if (typeof found?.id !== 'number' || typeof found.name !== 'string')
      throw new TogglError('wrong_service', remoteRefusal('toggl_unreadable', { what: 'a workspace without its id or name' }));
    const lockedAt = await this.#readLock(found.id);
    const workspace: Workspace = {
      id: found.id,
      name: found.name,
      plan: planOf(found),
      requires: requiredOf(found),
      lockedBefore: lockOf(lockedAt),
      lockKnown: lockedAt !== undefined,
      role: workspaceRoleOf(found),
      ...(typeof found.organization_id === 'number' ? { organizationId: found.organization_id } : {}),
    };
    this.facts.learn({
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      workspaceRole: workspace.role,
      ...(workspace.organizationId === undefined ? {} : { organizationId: workspace.organizationId }),
      plan: workspace.plan,
      requires: [...workspace.requires].join(' '),
      ...(lockedAt === undefined ? {} : { lockedAt }),
      checkedAt: new Date(this.options.now()).toISOString(),
    });
    // The workspace's role comes with it: a change learned at no cost, the projects managed as last known for this
    // person. Part of the role only, so it moves no check time: the background check still reads it whole.
    const known = rightsKnown(this.facts.current, String(person.id));
    this.#learnRole(
      String(person.id),
      wordsOf(workspace.role, known.managesProjects, { member: known.timesheetMember, approver: known.timesheetApprover }, known.organizationAdmin),
      false,
    );
    return workspace;
  }

  /** The person's role in the workspace: as read with it, or (`fresh`, where it was remembered) read again alone. */
  async #workspaceRole(fresh: boolean): Promise<Workspace['role']> {
    const workspace = await this.workspace();
    if (!fresh || !workspace.remembered) return workspace.role;
    const found = await this.api.workspace(workspace.id);
    const role = workspaceRoleOf(found);
    const organizationId = typeof found?.organization_id === 'number' ? found.organization_id : workspace.organizationId;
    Object.assign(workspace, { role, remembered: false, ...(organizationId === undefined ? {} : { organizationId }) });
    if (role !== this.facts.current.workspaceRole || organizationId !== this.facts.current.organizationId) {
      this.facts.learn({ workspaceRole: role, ...(organizationId === undefined ? {} : { organizationId }) });
    }
    return role;
  }

  /** The role as just read, remembered with whose it is; the tools follow, live, where it changes what they offer. */
  #learnRole(personId: string, words: readonly string[], whole = true): void {
    const learned = roleLearned(this.facts.current, personId, words, this.options.now(), whole);
    if (learned && this.facts.learn(learned)) {
      this.options.log(`Toggl Track tools follow your role (${learned.role || 'none'}): ${[...this.facts.capabilities.current].sort().join(', ')}.`);
    }
  }

  /** The workspace's report_locked_at ('' where it locks nothing); undefined where Toggl refused it as unavailable (an optional read). */
  #readLock(workspaceId: number): Promise<string | undefined> {
    return this.optional.lock.read(async () => {
      const preferences = await this.api.preferences(workspaceId);
      return typeof preferences?.report_locked_at === 'string' ? preferences.report_locked_at : '';
    }, undefined);
  }
}

/** Whether the setup names the person among its approvers (`approver_id`, or one of `approvers`). */
function namesApprover(setup: TogglTimesheetSetup, personId: number): boolean {
  return setup.approver_id === personId || (setup.approvers ?? []).some((approver) => approver?.user_id === personId);
}

function timesheetWords(setups: TimesheetSetups): { member: boolean; approver: boolean } {
  return { member: setups.own !== null, approver: setups.approves.length > 0 };
}

/** What is remembered of this person's role, word by word; nothing where it is another person's. */
function rightsKnown(
  facts: TogglFacts,
  personId: string,
): { managesProjects: boolean; timesheetMember: boolean; timesheetApprover: boolean; organizationAdmin: boolean } {
  const words = facts.roleOf === personId ? new Set((facts.role ?? '').split(' ').filter(Boolean)) : new Set<string>();
  return {
    managesProjects: words.has(PROJECT_MANAGER),
    timesheetMember: words.has(TIMESHEET_MEMBER),
    timesheetApprover: words.has(TIMESHEET_APPROVER),
    organizationAdmin: words.has(ORGANIZATION_ADMIN),
  };
}

const PLAN_NAMES: Record<TogglPlan, string> = { free: 'Free', starter: 'Starter', premium: 'Premium' };

/** The fields Punchcard reads of /me's answer, and nothing else of it (the answer carries the token). */
export function personOf(user: TogglUser | undefined): TogglPerson {
  if (!user || typeof user.id !== 'number') throw new TogglError('wrong_service', remoteRefusal('toggl_unreadable', { what: 'a profile without its id' }));
  const email = typeof user.email === 'string' && user.email.trim() !== '' ? user.email.trim() : null;
  const name = (typeof user.fullname === 'string' ? user.fullname.trim() : '') || email || 'you';
  const timezone = typeof user.timezone === 'string' && isValidTimeZone(user.timezone) ? user.timezone : null;
  const defaultWorkspaceId = typeof user.default_workspace_id === 'number' ? user.default_workspace_id : null;
  return { id: user.id, name, email, timezone, defaultWorkspaceId };
}
