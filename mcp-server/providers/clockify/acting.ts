// The person the team server acts for with the organisation's key (providers/acting-for.ts; docs/back-ends/clockify.md,
// "Acting for others"), as every capability asks about them, and the endpoints the capabilities share (api.ts) narrowed
// to them. Clockify lets a workspace admin's key read and write anyone's time and narrows nothing to the person a path
// names; under `actingFor` each capability sees only its endpoints narrowed (<capability>/organisation.ts, typed as
// the endpoints themselves, so an endpoint added without its narrowing does not compile), and the shared ones as
// narrowed here, an allow-list: a shared endpoint not narrowed is refused without a request. What the narrowing holds:
// - "me" is the pinned member, read through the organisation account (their profile and membership) at the first
//   request and again after an hour: gone or deactivated, every request is refused before anything is sent;
// - every request about time names the person (`/user/{userId}/…`; a new entry through createForOthers), and
//   every entry answered is checked to be theirs (else nothing is trusted);
// - a write by id reads the entry first and refuses, before any change, one that is not theirs;
// - the workspace's lock (`lockTimeEntries`), which does not hold an admin's key, holds the person unless the
//   person is an admin; so do "only admins create tags" and a custom field only admins edit (`onlyAdminCanEdit`):
//   a value of one that a create or replacement would change is refused before it is sent;
// - the person books, and sees in the catalog, only the public projects and those open to them (as a member, or
//   through a user group), unless the person is an admin (Clockify opens every project to its admins);
// - the person's approved periods hold their time as the lock of approvals holds them with their own key
//   (tools/approval-lock.ts): Clockify locks an approved period's entries but takes new time into it from anyone;
// - a colleague's time only where the PERSON leads them: everyone's for a person who is an admin, else the
//   members Clockify names the person a team manager of (getManagersOfUser, as the team part asks it: learned
//   from those answers), each answer checked to be that colleague's;
// - the person's time off (time-off-reach.ts, leave/organisation.ts, team/organisation.ts) and timesheet approvals
//   (approvals/organisation.ts): their own filed, listed, withdrawn and submitted for them, colleagues' decided only
//   by a person who leads them by their own role;
// - anything else — administration, another's time entries written — is not narrowed and refused before a request.
import type { ActingFor } from '../acting-for.ts';
import { lockTouchedBy, type PeriodLock, type TimeSpan } from '../../domain/approvals.ts';
import { addDays, firstValidZone } from '../../domain/time.ts';
import { Expiring } from '../remote/cache.ts';
import { pagesUntilLast } from '../remote/paging.ts';
import { remoteRefusal } from '../remote/remote-error.ts';
import { BackEndError, notYourEntry } from '../time-tracker.ts';
import { APPROVAL_PAGE, type ClockifyApi, type ClockifyApiClient } from './api.ts';
import { ClockifyError } from './errors.ts';
import { chooseWorkspace, entryEnd, entryStart, requestPeriod, workspaceOf } from './mapping.ts';
import { activeIn, memberRecordById } from './organisation-account.ts';
import { TimeOffReach } from './time-off-reach.ts';
import type { ClockifyApprovalDetails, ClockifyMember, ClockifyProject, ClockifyRole, ClockifyTimeEntry, ClockifyUser, ClockifyWorkspace } from './wire.ts';

/** The person's membership, role and user groups are read again after an hour (issue 66: one look-up per person per hour). */
export const PERSON_TTL_MS = 60 * 60_000;
/** The workspaces the key sees, with their lock and settings: as stale as the catalog may be, so a lock an admin sets holds within it. */
const SETTINGS_TTL_MS = 5 * 60_000;
/** The projects open to the person are the catalog's: as long as the catalog keeps its lists (catalog/catalog.ts). */
const PROJECTS_TTL_MS = 5 * 60_000;
/** An entry read by id serves the write that follows at once (timesheets/timesheets.ts reads, then writes). */
const ENTRY_REUSE_MS = 2_000;
/** A person found gone or deactivated is told so without asking again for this long (each asking costs two requests on the shared key). */
const REFUSED_PERSON_MS = 5 * 60_000;
/** Pages of the workspace's approved requests a write reads at most, latest period first (everyone's: the key is an admin's). */
const APPROVED_PAGES = 4;
/** The longest approval period (a month): a request starting this long before a write's first day cannot hold it. */
const LONGEST_PERIOD_DAYS = 31;
/** Which custom fields only admins edit is known this long, as the entry fields' own list (entry-fields/entry-fields.ts). */
const FIELDS_TTL_MS = 60_000;

const BACK_END = 'Clockify';

export interface ActingOptions {
  actingFor: ActingFor;
  /** The workspace the profile names (its id or name), else the organisation key's user's active one. */
  workspace: string | undefined;
  now: () => number;
}

/** A call the narrowed API does not make for the person (with the key's rights, or about someone else): refused, never sent. */
export class NotNarrowedError extends BackEndError {
  constructor(request: string) {
    super('clockify_not_for_others', { request });
    this.name = 'NotNarrowedError';
  }
}

/**
 * The note a decision made through the organisation's key keeps: Clockify names the key's user as the one who decided
 * (changedByUserId, updatedBy), so the note names the lead who did, before the lead's own words.
 */
export function decisionNote(lead: string, note: string | undefined): string {
  const words = note?.trim();
  return words ? `Decided by ${lead} via Punchcard: ${words}` : `Decided by ${lead} via Punchcard.`;
}

/** The person's name as Clockify lists them, else their e-mail. */
export function personName(record: ClockifyMember): string {
  return record.name?.trim() || record.email?.trim() || 'a colleague';
}

/** Where an entry is: from its start to its end, or to `now` while it runs. */
export function spanOf(entry: ClockifyTimeEntry, now: number): TimeSpan {
  return { start: entryStart(entry), end: entryEnd(entry) ?? now };
}

/** Where a body would put an entry: from its start to its end, or its start alone for a running one. */
export function bodySpan(body: Record<string, unknown>): TimeSpan[] {
  const start = Date.parse(String(body.start));
  const end = Date.parse(String(body.end ?? ''));
  return Number.isNaN(start) ? [] : [{ start, end: Number.isNaN(end) ? start + 1 : end }];
}

/** The day a workspace's lock starts, as its refusal names it. */
export const lockDay = (lock: number) => new Date(lock).toISOString().slice(0, 10);

/** The pinned member, as the organisation account lists them, in the organisation's workspace. */
interface Member {
  record: ClockifyMember;
  workspace: ClockifyWorkspace;
}

/** The person the API is narrowed to: their membership, read hourly, their role, whom they lead, what they book on, and what holds their time. */
export class ClockifyActing {
  /** The Clockify id of the person acted for. */
  readonly id: string;
  readonly now: () => number;
  /** The endpoints the capabilities share, narrowed to the person. */
  readonly shared: ClockifyApi;
  /** Whose time off the person sees and decides, and the searches made for them. */
  readonly timeOff: TimeOffReach;
  readonly #api: ClockifyApi;
  readonly #options: ActingOptions;
  readonly #organisationWorkspace: Expiring<ClockifyWorkspace>;
  readonly #member: Expiring<Member>;
  readonly #workspaceList: Expiring<ClockifyWorkspace[]>;
  readonly #admin: Expiring<boolean>;
  readonly #teamManager: Expiring<boolean>;
  readonly #groupProjects: Expiring<ReadonlySet<string>>;
  readonly #projects: Expiring<ReadonlyMap<string, ClockifyProject>>;
  readonly #adminFields: Expiring<ReadonlyMap<string, string>>;
  /** Single entries read (the running one, one by id, one written), for the write that may follow. */
  readonly #reads = new Map<string, { at: number; entry: ClockifyTimeEntry }>();
  /** Whether Clockify named the person a team manager of a member, by when it said so (managersOf answers). */
  readonly #led = new Map<string, { at: number; leads: boolean }>();
  #refusedPerson: { at: number; error: BackEndError } | undefined;

  /** `client`: the organisation's, as sent; the person's requests go through what is narrowed over it. */
  constructor(client: ClockifyApiClient, options: ActingOptions) {
    this.#api = client.api;
    this.#options = options;
    this.id = options.actingFor.userId;
    this.now = options.now;
    const kept = <T>(ttl: number) => new Expiring<T>(ttl, options.now);
    this.#organisationWorkspace = kept(Number.POSITIVE_INFINITY);
    this.#member = kept(PERSON_TTL_MS);
    this.#workspaceList = kept(SETTINGS_TTL_MS);
    this.#admin = kept(PERSON_TTL_MS);
    this.#teamManager = kept(PERSON_TTL_MS);
    this.#groupProjects = kept(PERSON_TTL_MS);
    this.#projects = kept(PROJECTS_TTL_MS);
    this.#adminFields = kept(FIELDS_TTL_MS);
    this.timeOff = new TimeOffReach(client.api, client.pager, this);
    this.shared = narrowShared(client.api, this);
  }

  /** The workspaces the key sees, with their settings. */
  workspaces(): Promise<ClockifyWorkspace[]> {
    return this.#workspaceList.get(() => this.#api.workspaces());
  }

  async settingsOf(workspaceId: string): Promise<ClockifyWorkspace['workspaceSettings']> {
    return (await this.workspaces()).find((workspace) => workspace.id === workspaceId)?.workspaceSettings;
  }

  /** The pinned member, checked before any request about them: gone or deactivated is refused, nothing sent. */
  async me(): Promise<Member> {
    const refused = this.#refusedPerson;
    if (refused && this.now() - refused.at < REFUSED_PERSON_MS) throw refused.error;
    return this.#member.get(async () => {
      const workspace = await this.#workspaceOfKey();
      const record = await memberRecordById(this.#api, workspace.id, this.id);
      const refusal = !record
        ? new BackEndError('acting_for_person_missing', { back_end: BACK_END, user_id: this.id })
        : !activeIn(record, workspace.id)
          ? new BackEndError('acting_for_person_deactivated', { back_end: BACK_END, user_id: this.id })
          : undefined;
      if (refusal) {
        this.#refusedPerson = { at: this.now(), error: refusal };
        throw refusal;
      }
      return { record: record as ClockifyMember, workspace };
    });
  }

  /** The person is checked, and the request is in their workspace and about them. */
  async about(workspaceId: string, userId?: string): Promise<Member> {
    const checked = await this.me();
    if (workspaceId !== checked.workspace.id) throw new NotNarrowedError(`a request in another workspace`);
    if (userId !== undefined && userId !== this.id) throw new NotNarrowedError("a request about another member's time");
    return checked;
  }

  /** Whether the PERSON holds any of `roles` in the workspace (filterUsersOfWorkspace by their e-mail), never the key. */
  async holds(workspaceId: string, roles: readonly ClockifyRole[], email: string): Promise<boolean> {
    const holders = await this.#api.holdersWithEmail(workspaceId, roles, email);
    return holders.some((holder) => holder.id === this.id);
  }

  /** Whether the person is an admin or the owner of the workspace. */
  isAdmin(workspaceId: string): Promise<boolean> {
    return this.#admin.get(async () => {
      const { record } = await this.me();
      return record.email ? this.holds(workspaceId, ['WORKSPACE_ADMIN', 'OWNER'], record.email) : false;
    });
  }

  /** Whether the person holds the team manager's role at all (one request an hour): who does not leads nobody's team. */
  isTeamManager(workspaceId: string): Promise<boolean> {
    return this.#teamManager.get(async () => {
      const { record } = await this.me();
      return record.email ? this.holds(workspaceId, ['TEAM_MANAGER'], record.email) : false;
    });
  }

  /** What the last hour's answers said of `userId` (true, false, or unknown), with nothing sent. */
  knownManagerOf(userId: string): boolean | undefined {
    const said = this.#led.get(userId);
    return said && this.now() - said.at < PERSON_TTL_MS ? said.leads : undefined;
  }

  /** Learns from Clockify's list of `userId`'s managers whether the person is among them. */
  learnManagers(userId: string, managers: readonly (ClockifyUser | undefined)[]): boolean {
    const leads = userId !== this.id && managers.some((manager) => manager?.id === this.id);
    this.#led.set(userId, { at: this.now(), leads });
    return leads;
  }

  /** Whether Clockify names the person a team manager of `userId` (getManagersOfUser, kept an hour); never of themselves. */
  async managerOf(workspaceId: string, userId: string): Promise<boolean> {
    return this.knownManagerOf(userId) ?? this.learnManagers(userId, await this.#api.managersOf(workspaceId, userId, 'a colleague'));
  }

  /**
   * Whether the person leads `userId` by their own role: an admin leads everyone but themselves, a team manager the
   * members Clockify names them a manager of. A member who is neither is not asked about anyone.
   */
  async leads(workspaceId: string, userId: string): Promise<boolean> {
    if (userId === this.id) return false;
    if (await this.isAdmin(workspaceId)) return true;
    return (await this.isTeamManager(workspaceId)) && (await this.managerOf(workspaceId, userId));
  }

  /** Entries Clockify answered for the person: every one must be theirs, or nothing is trusted. */
  theirs<T extends ClockifyTimeEntry | undefined>(entries: readonly T[]): void {
    if (entries.some((entry) => entry && entry.userId !== this.id)) throw new BackEndError('acting_for_answer_not_the_persons', { back_end: BACK_END });
  }

  /** Keeps single entries read (the running one, one by id, one written) for the write that may follow, and forgets older ones. */
  remember(entries: readonly (ClockifyTimeEntry | undefined)[]): void {
    const at = this.now();
    for (const [id, read] of this.#reads) if (at - read.at >= ENTRY_REUSE_MS) this.#reads.delete(id);
    for (const entry of entries) if (entry?.id) this.#reads.set(entry.id, { at, entry });
  }

  /** Forgets an entry read, once a write changes it. */
  forgetRead(entryId: string): void {
    this.#reads.delete(entryId);
  }

  /** The running entry read a moment ago (timesheets reads the timer before it stops it), if any. */
  recentRunning(): ClockifyTimeEntry | undefined {
    return [...this.#reads.values()].find((read) => this.now() - read.at < ENTRY_REUSE_MS && entryEnd(read.entry) === null)?.entry;
  }

  /** An entry by id, read (or the read of a moment ago): the person's, or refused before anything else. */
  async ownEntry(workspaceId: string, entryId: string, number: number): Promise<ClockifyTimeEntry> {
    const recent = this.#reads.get(entryId);
    const entry = recent && this.now() - recent.at < ENTRY_REUSE_MS ? recent.entry : await this.#api.entry(workspaceId, entryId, number);
    if (!entry || entry.userId !== this.id) throw notYourEntry(number);
    return entry;
  }

  /** Whether the person could book on `project` with their own key: public, theirs, their group's, or they are an admin. */
  async openTo(workspaceId: string, project: ClockifyProject): Promise<boolean> {
    if (project.public === true) return true;
    if ((project.memberships ?? []).some((membership) => membership?.userId === this.id)) return true;
    if (await this.isAdmin(workspaceId)) return true;
    return (await this.#throughGroups(workspaceId)).has(project.id);
  }

  /** Every project of the workspace, by id, as the key sees them (read afresh where `fresh`). */
  allProjects(workspaceId: string, fresh = false): Promise<ReadonlyMap<string, ClockifyProject>> {
    const load = async () => {
      const all = await pagesUntilLast((page) => this.#api.projectsPage(workspaceId, page));
      return new Map(all.filter((project) => typeof project?.id === 'string').map((project) => [project.id, project]));
    };
    return fresh ? this.#projects.refresh(load) : this.#projects.get(load);
  }

  /** Refuses a booking on a project not open to the person, before anything is written. */
  async bookable(workspaceId: string, projectId: unknown): Promise<void> {
    if (typeof projectId !== 'string' || projectId === '') return;
    const project = (await this.allProjects(workspaceId)).get(projectId);
    if (project && (await this.openTo(workspaceId, project))) return;
    // Never by its name: the name of a project the person cannot see is not theirs to learn from a refusal, and
    // Clockify's ids are opaque strings, not a number to say instead.
    throw new BackEndError('acting_for_booking_not_open', { back_end: BACK_END, project: 'that project' });
  }

  /** The lock of the workspace's entries before `start`, where it holds the person (it never holds an admin), or null. */
  async locked(workspaceId: string, start: number): Promise<{ before: number } | null> {
    const lock = Date.parse((await this.settingsOf(workspaceId))?.lockTimeEntries ?? '');
    if (Number.isNaN(lock) || !(start < lock) || (await this.isAdmin(workspaceId))) return null;
    return { before: lock };
  }

  /**
   * Refuses time in one of the person's approved periods before it is written: Clockify locks an approved period's
   * entries for everyone, but takes a new entry, a timer stopped or an entry moved into the period from anyone. Read
   * from the approved requests the key lists (everyone's, the key being an admin's), a page of 50 latest period first,
   * until a page is short or starts a month before the write's first day, at most APPROVED_PAGES pages: a period
   * older than those is not seen. Only where the plan has approvals; a 403 there is no approvals. Requests: 1 a write.
   */
  async approvedHolds(workspaceId: string, spans: readonly TimeSpan[]): Promise<void> {
    const workspace = (await this.workspaces()).find((item) => item.id === workspaceId);
    if (!workspace || workspaceOf(workspace).approvalInPlan !== true || spans.length === 0) return;
    const earliest = addDays(new Date(Math.min(...spans.map((span) => span.start))).toISOString().slice(0, 10), -1 - LONGEST_PERIOD_DAYS);
    const locks: PeriodLock[] = [];
    let zone = 'UTC';
    for (let page = 1; page <= APPROVED_PAGES; page++) {
      let details: ClockifyApprovalDetails[];
      try {
        details = await this.#api.approvalsPage(workspaceId, 'APPROVED', page);
      } catch (error) {
        if (error instanceof ClockifyError && error.status === 403) return;
        throw error;
      }
      const listed = (Array.isArray(details) ? details : []).flatMap((detail) => (detail?.approvalRequest ? [detail.approvalRequest] : []));
      for (const request of listed) {
        const period = requestPeriod(request);
        if (period?.personId !== this.id || period.status !== 'approved') continue;
        zone = firstValidZone(request.owner?.timeZone, 'UTC');
        locks.push({ firstDay: period.firstDay, lastDay: period.lastDay, status: 'approved', reopenedBy: 'an_approver' });
      }
      const oldest = listed.map((request) => requestPeriod(request)?.firstDay ?? '').sort()[0];
      if (listed.length < APPROVAL_PAGE || (oldest !== undefined && oldest < earliest)) break;
    }
    const lock = lockTouchedBy(locks, spans, zone);
    if (!lock) return;
    throw new BackEndError('timesheet_period_locked', {
      first_day: lock.firstDay,
      last_day: lock.lastDay,
      status: lock.status,
      reopened_by: lock.reopenedBy,
      back_end: BACK_END,
    });
  }

  /**
   * A field only admins edit holds the person as their own key would be held: a value of one that the body would
   * change (from the entry's `current` values; a new entry has none) is refused unless the PERSON is an admin, whatever
   * the key is. A value sent again unchanged (a replacement carries every value the entry has) is no edit.
   */
  async fieldsHeld(workspaceId: string, body: Record<string, unknown>, current?: ClockifyTimeEntry): Promise<void> {
    const sent = Array.isArray(body.customFields) ? (body.customFields as Array<{ customFieldId?: unknown; value?: unknown }>) : [];
    if (sent.length === 0) return;
    const onlyAdmins = await this.#onlyAdminsEdit(workspaceId);
    if (onlyAdmins.size === 0) return;
    const had = new Map((current?.customFieldValues ?? []).map((item) => [item?.customFieldId, fieldValue(item?.value)]));
    const changed = sent.find(
      (item) =>
        typeof item?.customFieldId === 'string' &&
        onlyAdmins.has(item.customFieldId) &&
        JSON.stringify(fieldValue(item.value)) !== JSON.stringify(had.get(item.customFieldId) ?? null),
    );
    if (!changed || (await this.isAdmin(workspaceId))) return;
    throw new BackEndError('field_value_invalid', {
      back_end: BACK_END,
      field: onlyAdmins.get(changed.customFieldId as string) ?? 'a field',
      problem: 'admin_only',
    });
  }

  /** The workspace the organisation's key works in: the one the profile names, else the key's user's active one. */
  #workspaceOfKey(): Promise<ClockifyWorkspace> {
    return this.#organisationWorkspace.get(async () => {
      // The key's user's active workspace matters only where the profile names none.
      const user = this.#options.workspace === undefined ? await this.#api.user() : undefined;
      return chooseWorkspace(await this.workspaces(), this.#options.workspace, user?.activeWorkspace || user?.defaultWorkspace || undefined);
    });
  }

  /** The projects open to the person through their user groups (getUserGroups, then each group's projects). */
  #throughGroups(workspaceId: string): Promise<ReadonlySet<string>> {
    return this.#groupProjects.get(async () => {
      const groups = (await pagesUntilLast((page) => this.#api.groupsPage(workspaceId, page))).filter((group) => group.userIds?.includes(this.id));
      const open = new Set<string>();
      for (const group of groups) {
        const listed = await pagesUntilLast((page) => this.#api.groupProjectsPage(workspaceId, group.id, group.name, page));
        for (const project of listed) open.add(project.id);
      }
      return open;
    });
  }

  /** The workspace's custom fields only admins edit, by id with their names; none where the plan has no fields (403). */
  #onlyAdminsEdit(workspaceId: string): Promise<ReadonlyMap<string, string>> {
    return this.#adminFields.get(async () => {
      try {
        const fields = await this.#api.customFields(workspaceId);
        return new Map(fields.filter((field) => field?.onlyAdminCanEdit === true && typeof field.id === 'string').map((field) => [field.id, field.name]));
      } catch (error) {
        if (error instanceof ClockifyError && error.status === 403) return new Map<string, string>();
        throw error;
      }
    });
  }
}

/**
 * The endpoints the capabilities share, narrowed to the person. Those not narrowed (the people, user groups and roles
 * the person object reads itself, which the administration alone would send; the approval requests, which the person
 * reads for their approved periods and the approvals narrow themselves: approvals/organisation.ts) are refused without
 * a request, an allow-list enumerated from the endpoints themselves, so nothing added to api.ts later slips through.
 */
function narrowShared(api: ClockifyApi, acting: ClockifyActing): ClockifyApi {
  const handled: Partial<ClockifyApi> = {
    ...narrowedPerson(api, acting),
    ...narrowedTime(api, acting),
    ...narrowedCatalog(api, acting),
    ...narrowedTimeOff(api, acting),
    ...narrowedTeam(api, acting),
  };
  const narrowed: Record<string, unknown> = {};
  for (const key of Object.keys(api)) narrowed[key] = key in handled ? handled[key as keyof ClockifyApi] : refused(key);
  return narrowed as ClockifyApi;
}

/** A method the narrowed API does not make for the person: every call is refused, nothing sent. */
function refused(request: string): (...args: unknown[]) => Promise<never> {
  return () => Promise.reject(new NotNarrowedError(request));
}

/** The person, their workspace, their role in it, their member profile. */
function narrowedPerson(api: ClockifyApi, acting: ClockifyActing): Partial<ClockifyApi> {
  return {
    /** The person, as the workspace lists them, in the organisation's workspace. */
    user: async (): Promise<ClockifyUser> => {
      const { record, workspace } = await acting.me();
      return { ...record, memberships: undefined, activeWorkspace: workspace.id, defaultWorkspace: workspace.id } as ClockifyUser;
    },
    workspaces: async () => {
      await acting.me();
      return acting.workspaces();
    },
    /** The workspace, where the PERSON holds any of `roles` (filterUsersOfWorkspace by their e-mail), never the key's. */
    workspacesWithRoles: async (roles) => {
      const { record, workspace } = await acting.me();
      if (!record.email) return [];
      return (await acting.holds(workspace.id, roles, record.email)) ? [workspace] : [];
    },
    memberProfile: async (workspaceId, userId) => {
      await acting.about(workspaceId, userId);
      return api.memberProfile(workspaceId, userId);
    },
  };
}

/** An entry read and replaced, the tags, the custom fields. */
function narrowedTime(api: ClockifyApi, acting: ClockifyActing): Partial<ClockifyApi> {
  return {
    entry: async (workspaceId, entryId, number) => {
      await acting.about(workspaceId);
      const entry = await api.entry(workspaceId, entryId, number);
      if (!entry || entry.userId !== acting.id) throw notYourEntry(number);
      acting.remember([entry]);
      return entry;
    },
    replaceEntry: async (workspaceId, entryId, number, body, action) => {
      await acting.about(workspaceId);
      const current = await acting.ownEntry(workspaceId, entryId, number);
      if (await acting.locked(workspaceId, entryStart(current))) throw new BackEndError('clockify_entry_locked', { entry: number, verb: 'change' });
      const lock = await acting.locked(workspaceId, Date.parse(String(body.start)));
      if (lock) throw new BackEndError('clockify_period_locked', { before: lockDay(lock.before), verb: 'move' });
      if ((body.projectId ?? null) !== (current.projectId ?? null)) await acting.bookable(workspaceId, body.projectId);
      await acting.fieldsHeld(workspaceId, body, current);
      await acting.approvedHolds(workspaceId, [spanOf(current, acting.now()), ...bodySpan(body)]);
      acting.forgetRead(entryId);
      const replaced = await api.replaceEntry(workspaceId, entryId, number, body, action);
      acting.theirs([replaced]);
      acting.remember([replaced]);
      return replaced;
    },
    tags: async (workspaceId, name, exact) => {
      await acting.about(workspaceId);
      return api.tags(workspaceId, name, exact);
    },
    /** As the person's own key would be: refused where only admins create tags and the person is none. */
    createTag: async (workspaceId, name) => {
      await acting.about(workspaceId);
      const current = await acting.settingsOf(workspaceId);
      if (current?.onlyAdminsCreateTag === true && !(await acting.isAdmin(workspaceId))) {
        const message = 'Only admins may create tags in this workspace';
        throw new ClockifyError('forbidden', remoteRefusal('clockify_forbidden', { action: `create the tag ${name}`, time_off: false, message }), 403);
      }
      return api.createTag(workspaceId, name);
    },
    /** The workspace's custom fields of entries: what the person's own key reads too. */
    customFields: async (workspaceId) => {
      await acting.about(workspaceId);
      return api.customFields(workspaceId);
    },
  };
}

/** The projects open to the person, and their tasks. */
function narrowedCatalog(api: ClockifyApi, acting: ClockifyActing): Partial<ClockifyApi> {
  return {
    /**
     * The projects open to the person, all in one page (the first): a list filtered here could end a page early,
     * which a reader of pages takes for the last (remote/paging.ts).
     */
    projectsPage: async (workspaceId, page) => {
      await acting.about(workspaceId);
      if (page > 1) return { items: [], last: true };
      const all = await acting.allProjects(workspaceId, true);
      const open: ClockifyProject[] = [];
      for (const project of all.values()) if (await acting.openTo(workspaceId, project)) open.push(project);
      return { items: open, last: true };
    },
    tasksPage: async (workspaceId, projectId, projectName, page) => {
      await acting.about(workspaceId);
      await acting.bookable(workspaceId, projectId);
      return api.tasksPage(workspaceId, projectId, projectName, page);
    },
  };
}

/** The person's balances, the policies, and the search of requests: their own, or what their own key would show of colleagues'. */
function narrowedTimeOff(api: ClockifyApi, acting: ClockifyActing): Partial<ClockifyApi> {
  const reach = acting.timeOff;
  return {
    /** The person's balances, by the path naming them; each answered must be theirs. */
    balances: async (workspaceId, userId, page, size) => {
      await acting.about(workspaceId, userId);
      const answer = await api.balances(workspaceId, userId, page, size);
      if ((answer?.balances ?? []).some((balance) => balance?.userId !== undefined && balance.userId !== acting.id))
        throw new BackEndError('acting_for_answer_not_the_persons', { back_end: BACK_END });
      return answer;
    },
    /** The workspace's active policies: which the person may file on, whether half days, who approves. No one's time off. */
    policiesPage: async (workspaceId, page) => {
      await acting.about(workspaceId);
      return api.policiesPage(workspaceId, page);
    },
    /**
     * The person's own requests (a search naming them alone), or a colleagues' search answered as the person's own key
     * would answer it, in one page (time-off-reach.ts).
     */
    timeOffRequests: async (workspaceId, filter, page, own) => {
      await acting.about(workspaceId);
      const users = filter.users;
      const naming = Array.isArray(users) && users.length === 1 && users[0] === acting.id;
      if (!own) return reach.colleaguesPage(workspaceId, filter, page);
      if (!naming) throw new NotNarrowedError("a search of others' time off");
      const answer = await api.timeOffRequests(workspaceId, filter, page, own);
      reach.theirs(answer?.requests ?? []);
      reach.see(answer?.requests ?? []);
      return answer;
    },
  };
}

/** The members, whom the person leads, a project, a colleague's time. */
function narrowedTeam(api: ClockifyApi, acting: ClockifyActing): Partial<ClockifyApi> {
  return {
    /** The workspace's active members by name: who is in it, no one's time (the team part's list of people). */
    membersPage: async (workspaceId, page) => {
      await acting.about(workspaceId);
      return api.membersPage(workspaceId, page);
    },
    /** One member's team managers: where the person is among them, the person leads that member. */
    managersOf: async (workspaceId, userId, name) => {
      await acting.about(workspaceId);
      const managers = await api.managersOf(workspaceId, userId, name);
      acting.learnManagers(userId, managers);
      return managers;
    },
    /** A colleague's entries, only of one the person leads (or anyone's, for a person who is an admin); each answer theirs. */
    memberEntriesPage: async (workspaceId, userId, name, filter, page) => {
      await acting.about(workspaceId);
      const leads = userId === acting.id || acting.knownManagerOf(userId) === true || (await acting.isAdmin(workspaceId));
      if (!leads) throw new NotNarrowedError('a read of the time of someone you do not lead');
      const answer = await api.memberEntriesPage(workspaceId, userId, name, filter, page);
      if (answer.items.some((entry) => entry?.userId !== userId)) throw new BackEndError('acting_for_answer_not_the_persons', { back_end: BACK_END });
      return answer;
    },
    /** One project with its members, where it is open to the person (another is not theirs to see). */
    project: async (workspaceId, projectId, number) => {
      await acting.about(workspaceId);
      const project = await api.project(workspaceId, projectId, number);
      if (!project || !(await acting.openTo(workspaceId, project))) throw new BackEndError('clockify_project_not_visible', { project: number });
      return project;
    },
  };
}

/** A custom field's value compared as Clockify keeps it: an empty text or list is none. */
function fieldValue(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  return Array.isArray(value) && value.length === 0 ? null : value;
}
