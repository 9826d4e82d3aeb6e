// Clockify's API narrowed to one person, for the team server acting for them with the organisation's key
// (providers/acting-for.ts; docs/back-ends/clockify.md, "Acting for others"). Clockify lets a workspace admin's key
// read and write anyone's time and narrows nothing to the person a path names; this wrapper does, over the same
// ClockifyApi the feature modules use, so they need not know:
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
// - the person's time off (acting-time-off.ts) and timesheet approvals (acting-approvals.ts): their own filed,
//   listed, withdrawn and submitted for them, colleagues' decided only by a person who leads them by their own role;
// - anything else — administration, another's time entries written — is not narrowed and refused before a request:
//   the narrowed API is typed as ClockifyApi itself, so a method added to api.ts does not compile until it is
//   narrowed here or refused by name, and every method of an endpoint group (people, …) is refused unless narrowed.
import type { ActingFor } from '../acting-for.ts';
import { lockTouchedBy, type PeriodLock, type TimeSpan } from '../../domain/approvals.ts';
import { addDays, firstValidZone } from '../../domain/time.ts';
import { Expiring } from '../remote/cache.ts';
import { pagesUntilLast } from '../remote/paging.ts';
import { remoteRefusal } from '../remote/remote-error.ts';
import { BackEndError, notYourEntry } from '../time-tracker.ts';
import type { ClockifyApi, EntryFilter } from './api.ts';
import { chooseWorkspace, workspaceOf } from './workspace.ts';
import { ClockifyError } from './errors.ts';
import { submissionOf } from './approval-mapping.ts';
import { APPROVAL_PAGE, type ClockifyApprovalDetails } from './approvals-api.ts';
import { entryEnd, entryStart } from './mapping.ts';
import { activeIn, memberRecordById } from './organisation-account.ts';
import { actingApprovals } from './acting-approvals.ts';
import { type ActingPerson, NotNarrowedError } from './acting-person.ts';
import { actingTimeOff } from './acting-time-off.ts';
import type { ClockifyMember } from './people-api.ts';
import type { ClockifyProject, ClockifyTimeEntry, ClockifyUser, ClockifyWorkspace } from './wire.ts';

/** The person's membership, role and user groups are read again after an hour (issue 66: one look-up per person per hour). */
export const PERSON_TTL_MS = 60 * 60_000;
/** The workspaces the key sees, with their lock and settings: as stale as the catalog may be, so a lock an admin sets holds within it. */
const SETTINGS_TTL_MS = 5 * 60_000;
/** The projects open to the person are the catalog's: as long as the catalog keeps its lists (catalog.ts). */
const PROJECTS_TTL_MS = 5 * 60_000;
/** An entry read by id serves the write that follows at once (timesheets.ts reads, then writes). */
const ENTRY_REUSE_MS = 2_000;
/** A person found gone or deactivated is told so without asking again for this long (each asking costs two requests on the shared key). */
const REFUSED_PERSON_MS = 5 * 60_000;
/** Pages of the workspace's approved requests a write reads at most, latest period first (everyone's: the key is an admin's). */
const APPROVED_PAGES = 4;
/** The longest approval period (a month): a request starting this long before a write's first day cannot hold it. */
const LONGEST_PERIOD_DAYS = 31;
/** Which custom fields only admins edit is known this long, as the entry fields' own list (entry-fields.ts). */
const FIELDS_TTL_MS = 60_000;

export interface ActingApiOptions {
  actingFor: ActingFor;
  /** The workspace the profile names (its id or name), else the organisation key's user's active one. */
  workspace: string | undefined;
  now: () => number;
}

export { NotNarrowedError };

const BACK_END = 'Clockify';

/** The API the feature modules use, narrowed to `options.actingFor`'s person; what is not listed here throws. */
export function actingClockifyApi(raw: ClockifyApi, options: ActingApiOptions): ClockifyApi {
  const person = options.actingFor.userId;
  const kept = <T>(ttl: number) => new Expiring<T>(ttl, options.now);
  const organisationWorkspace = kept<ClockifyWorkspace>(Number.POSITIVE_INFINITY);
  const member = kept<{ record: ClockifyMember; workspace: ClockifyWorkspace }>(PERSON_TTL_MS);
  const workspaceList = kept<ClockifyWorkspace[]>(SETTINGS_TTL_MS);
  const admin = kept<boolean>(PERSON_TTL_MS);
  const groupProjects = kept<ReadonlySet<string>>(PERSON_TTL_MS);
  const projects = kept<ReadonlyMap<string, ClockifyProject>>(PROJECTS_TTL_MS);
  const adminFields = kept<ReadonlyMap<string, string>>(FIELDS_TTL_MS);
  const reads = new Map<string, { at: number; entry: ClockifyTimeEntry }>();
  const teamManager = kept<boolean>(PERSON_TTL_MS);
  /** Whether Clockify named the person a team manager of a member, by when it said so (managersOf answers). */
  const led = new Map<string, { at: number; leads: boolean }>();
  const knownManagerOf = (userId: string) => {
    const said = led.get(userId);
    return said && options.now() - said.at < PERSON_TTL_MS ? said.leads : undefined;
  };
  const learnManagers = (userId: string, managers: readonly (ClockifyUser | undefined)[]) => {
    const leads = userId !== person && managers.some((manager) => manager?.id === person);
    led.set(userId, { at: options.now(), leads });
    return leads;
  };

  const workspaces = () => workspaceList.get(() => raw.workspaces());
  const settingsOf = async (workspaceId: string) => (await workspaces()).find((workspace) => workspace.id === workspaceId)?.workspaceSettings;
  const workspaceOfKey = () =>
    organisationWorkspace.get(async () => {
      // The key's user's active workspace matters only where the profile names none.
      const user = options.workspace === undefined ? await raw.user() : undefined;
      return chooseWorkspace(await workspaces(), options.workspace, user?.activeWorkspace || user?.defaultWorkspace || undefined);
    });

  let refusedPerson: { at: number; error: BackEndError } | undefined;
  /** The pinned member, checked before any request about them: gone or deactivated is refused, nothing sent. */
  const me = async () => {
    if (refusedPerson && options.now() - refusedPerson.at < REFUSED_PERSON_MS) throw refusedPerson.error;
    return member.get(async () => {
      const workspace = await workspaceOfKey();
      const record = await memberRecordById(raw, workspace.id, person);
      const refusal = !record
        ? new BackEndError('acting_for_person_missing', { back_end: BACK_END, user_id: person })
        : !activeIn(record, workspace.id)
          ? new BackEndError('acting_for_person_deactivated', { back_end: BACK_END, user_id: person })
          : undefined;
      if (refusal) {
        refusedPerson = { at: options.now(), error: refusal };
        throw refusal;
      }
      return { record: record as ClockifyMember, workspace };
    });
  };

  /** The person is checked, and the request is in their workspace and about them. */
  const about = async (workspaceId: string, userId?: string): Promise<{ record: ClockifyMember; workspace: ClockifyWorkspace }> => {
    const checked = await me();
    if (workspaceId !== checked.workspace.id) throw new NotNarrowedError(`a request in another workspace`);
    if (userId !== undefined && userId !== person) throw new NotNarrowedError("a request about another member's time");
    return checked;
  };

  /** Entries Clockify answered for the person: every one must be theirs, or nothing is trusted. */
  const theirs = <T extends ClockifyTimeEntry | undefined>(entries: readonly T[]): void => {
    if (entries.some((entry) => entry && entry.userId !== person)) throw new BackEndError('acting_for_answer_not_the_persons', { back_end: BACK_END });
  };
  /** Keeps single entries read (the running one, one by id, one written) for the write that may follow, and forgets older ones. */
  const remember = (entries: readonly (ClockifyTimeEntry | undefined)[]): void => {
    const at = options.now();
    for (const [id, read] of reads) if (at - read.at >= ENTRY_REUSE_MS) reads.delete(id);
    for (const entry of entries) if (entry?.id) reads.set(entry.id, { at, entry });
  };

  const isAdmin = (workspaceId: string) =>
    admin.get(async () => {
      const { record } = await me();
      if (!record.email) return false;
      const holders = await raw.people.holdersWithEmail(workspaceId, ['WORKSPACE_ADMIN', 'OWNER'], record.email);
      return holders.some((holder) => holder.id === person);
    });

  /** Whether the person holds the team manager's role (filterUsersOfWorkspace by their e-mail), never the key's. */
  const isTeamManager = (workspaceId: string) =>
    teamManager.get(async () => {
      const { record } = await me();
      if (!record.email) return false;
      const holders = await raw.people.holdersWithEmail(workspaceId, ['TEAM_MANAGER'], record.email);
      return holders.some((holder) => holder.id === person);
    });
  const who: ActingPerson = {
    id: person,
    now: options.now,
    about,
    isAdmin,
    isTeamManager,
    knownManagerOf,
    managerOf: async (workspaceId: string, userId: string) =>
      knownManagerOf(userId) ?? learnManagers(userId, await raw.managersOf(workspaceId, userId, 'a colleague')),
  };

  /** The projects open to the person through their user groups (getUserGroups, then each group's projects). */
  const throughGroups = (workspaceId: string) =>
    groupProjects.get(async () => {
      const groups = (await pagesUntilLast((page) => raw.people.groupsPage(workspaceId, page))).filter((group) => group.userIds?.includes(person));
      const open = new Set<string>();
      for (const group of groups) {
        const listed = await pagesUntilLast((page) => raw.groups.projectsPage(workspaceId, group.id, group.name, page));
        for (const project of listed) open.add(project.id);
      }
      return open;
    });

  /** Whether the person could book on `project` with their own key: public, theirs, their group's, or they are an admin. */
  const openTo = async (workspaceId: string, project: ClockifyProject): Promise<boolean> => {
    if (project.public === true) return true;
    if ((project.memberships ?? []).some((membership) => membership?.userId === person)) return true;
    if (await isAdmin(workspaceId)) return true;
    return (await throughGroups(workspaceId)).has(project.id);
  };

  const allProjects = (workspaceId: string, fresh = false) => {
    const load = async () => {
      const all = await pagesUntilLast((page) => raw.projectsPage(workspaceId, page));
      return new Map(all.filter((project) => typeof project?.id === 'string').map((project) => [project.id, project]));
    };
    return fresh ? projects.refresh(load) : projects.get(load);
  };

  /** Refuses a booking on a project not open to the person, before anything is written. */
  const bookable = async (workspaceId: string, projectId: unknown): Promise<void> => {
    if (typeof projectId !== 'string' || projectId === '') return;
    const project = (await allProjects(workspaceId)).get(projectId);
    if (project && (await openTo(workspaceId, project))) return;
    // Never by its name: the name of a project the person cannot see is not theirs to learn from a refusal, and
    // Clockify's ids are opaque strings, not a number to say instead.
    throw new BackEndError('acting_for_booking_not_open', { back_end: BACK_END, project: 'that project' });
  };

  /** The instant before which the workspace locks entries for everyone but its admins, or null. */
  const lockedBefore = async (workspaceId: string): Promise<number | null> => {
    const current = await settingsOf(workspaceId);
    const lock = Date.parse(current?.lockTimeEntries ?? '');
    return Number.isNaN(lock) ? null : lock;
  };
  const locked = async (workspaceId: string, start: number): Promise<{ before: number } | null> => {
    const lock = await lockedBefore(workspaceId);
    if (lock === null || !(start < lock) || (await isAdmin(workspaceId))) return null;
    return { before: lock };
  };
  const lockDay = (lock: number) => new Date(lock).toISOString().slice(0, 10);

  /**
   * Refuses time in one of the person's approved periods before it is written: Clockify locks an approved period's
   * entries for everyone, but takes a new entry, a timer stopped or an entry moved into the period from anyone. Read
   * from the approved requests the key lists (everyone's, the key being an admin's), a page of 50 latest period first,
   * until a page is short or starts a month before the write's first day, at most APPROVED_PAGES pages: a period
   * older than those is not seen. Only where the plan has approvals; a 403 there is no approvals. Requests: 1 a write.
   */
  const approvedHolds = async (workspaceId: string, spans: readonly TimeSpan[]): Promise<void> => {
    const workspace = (await workspaces()).find((item) => item.id === workspaceId);
    if (!workspace || workspaceOf(workspace).approvalInPlan !== true || spans.length === 0) return;
    const earliest = addDays(new Date(Math.min(...spans.map((span) => span.start))).toISOString().slice(0, 10), -1 - LONGEST_PERIOD_DAYS);
    const locks: PeriodLock[] = [];
    let zone = 'UTC';
    for (let page = 1; page <= APPROVED_PAGES; page++) {
      let details: ClockifyApprovalDetails[];
      try {
        details = await raw.approvals.page(workspaceId, 'APPROVED', page);
      } catch (error) {
        if (error instanceof ClockifyError && error.status === 403) return;
        throw error;
      }
      const listed = (Array.isArray(details) ? details : []).flatMap((detail) => (detail?.approvalRequest ? [detail.approvalRequest] : []));
      for (const request of listed) {
        const submission = submissionOf(request);
        if (submission?.personId !== person || submission.status !== 'approved') continue;
        zone = firstValidZone(request.owner?.timeZone, 'UTC');
        locks.push({ firstDay: submission.firstDay, lastDay: submission.lastDay, status: 'approved', reopenedBy: 'an_approver' });
      }
      const oldest = listed.map((request) => submissionOf(request)?.firstDay ?? '').sort()[0];
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
  };
  /** Where an entry is: from its start to its end, or to now while it runs. */
  const spanOf = (entry: ClockifyTimeEntry): TimeSpan => ({ start: entryStart(entry), end: entryEnd(entry) ?? options.now() });
  /** Where a body would put an entry: from its start to its end, or its start alone for a running one. */
  const bodySpan = (body: Record<string, unknown>): TimeSpan[] => {
    const start = Date.parse(String(body.start));
    const end = Date.parse(String(body.end ?? ''));
    return Number.isNaN(start) ? [] : [{ start, end: Number.isNaN(end) ? start + 1 : end }];
  };

  /** The workspace's custom fields only admins edit, by id with their names; none where the plan has no fields (403). */
  const onlyAdminsEdit = (workspaceId: string) =>
    adminFields.get(async () => {
      try {
        const fields = await raw.customFields(workspaceId);
        return new Map(fields.filter((field) => field?.onlyAdminCanEdit === true && typeof field.id === 'string').map((field) => [field.id, field.name]));
      } catch (error) {
        if (error instanceof ClockifyError && error.status === 403) return new Map<string, string>();
        throw error;
      }
    });
  /**
   * A field only admins edit holds the person as their own key would be held: a value of one that the body would
   * change (from the entry's `current` values; a new entry has none) is refused unless the PERSON is an admin, whatever
   * the key is. A value sent again unchanged (a replacement carries every value the entry has) is no edit.
   */
  const fieldsHeld = async (workspaceId: string, body: Record<string, unknown>, current?: ClockifyTimeEntry): Promise<void> => {
    const sent = Array.isArray(body.customFields) ? (body.customFields as Array<{ customFieldId?: unknown; value?: unknown }>) : [];
    if (sent.length === 0) return;
    const onlyAdmins = await onlyAdminsEdit(workspaceId);
    if (onlyAdmins.size === 0) return;
    const had = new Map((current?.customFieldValues ?? []).map((item) => [item?.customFieldId, fieldValue(item?.value)]));
    const changed = sent.find(
      (item) =>
        typeof item?.customFieldId === 'string' &&
        onlyAdmins.has(item.customFieldId) &&
        JSON.stringify(fieldValue(item.value)) !== JSON.stringify(had.get(item.customFieldId) ?? null),
    );
    if (!changed || (await isAdmin(workspaceId))) return;
    throw new BackEndError('field_value_invalid', {
      back_end: BACK_END,
      field: onlyAdmins.get(changed.customFieldId as string) ?? 'a field',
      problem: 'admin_only',
    });
  };

  /** An entry by id, read (or the read of a moment ago): the person's, or refused before anything else. */
  const ownEntry = async (workspaceId: string, entryId: string, number: number): Promise<ClockifyTimeEntry> => {
    const recent = reads.get(entryId);
    const entry = recent && options.now() - recent.at < ENTRY_REUSE_MS ? recent.entry : await raw.entry(workspaceId, entryId, number);
    if (!entry || entry.userId !== person) throw notYourEntry(number);
    return entry;
  };

  const narrowed: ClockifyApi = {
    pager: raw.pager,
    close: () => raw.close(),

    /** The person, as the workspace lists them, in the organisation's workspace. */
    user: async (): Promise<ClockifyUser> => {
      const { record, workspace } = await me();
      return { ...record, memberships: undefined, activeWorkspace: workspace.id, defaultWorkspace: workspace.id } as ClockifyUser;
    },
    workspaces: async () => {
      await me();
      return workspaces();
    },
    /** The workspace, where the PERSON holds any of `roles` (filterUsersOfWorkspace by their e-mail), never the key's. */
    workspacesWithRoles: async (roles: Parameters<ClockifyApi['workspacesWithRoles']>[0]) => {
      const { record, workspace } = await me();
      if (!record.email) return [];
      const holders = await raw.people.holdersWithEmail(workspace.id, roles, record.email);
      return holders.some((holder) => holder.id === person) ? [workspace] : [];
    },
    memberProfile: async (workspaceId: string, userId: string) => {
      await about(workspaceId, userId);
      return raw.memberProfile(workspaceId, userId);
    },
    holidaysInPeriod: async (workspaceId: string, userId: string, start: string, end: string) => {
      await about(workspaceId, userId);
      return raw.holidaysInPeriod(workspaceId, userId, start, end);
    },

    runningEntries: async (workspaceId: string, userId: string) => {
      await about(workspaceId, userId);
      const running = await raw.runningEntries(workspaceId, userId);
      theirs(running);
      remember(running);
      return running;
    },
    entriesPage: async (workspaceId: string, userId: string, filter: EntryFilter, page: number) => {
      await about(workspaceId, userId);
      const answer = await raw.entriesPage(workspaceId, userId, filter, page);
      theirs(answer.items);
      return answer;
    },
    entry: async (workspaceId: string, entryId: string, number: number) => {
      await about(workspaceId);
      const entry = await raw.entry(workspaceId, entryId, number);
      if (!entry || entry.userId !== person) throw notYourEntry(number);
      remember([entry]);
      return entry;
    },
    createEntry: async (workspaceId: string, body: Record<string, unknown>, action: string) => {
      await about(workspaceId);
      await bookable(workspaceId, body.projectId);
      await fieldsHeld(workspaceId, body);
      const lock = await locked(workspaceId, Date.parse(String(body.start)));
      if (lock) throw new BackEndError('clockify_period_locked', { before: lockDay(lock.before), verb: 'log' });
      await approvedHolds(workspaceId, bodySpan(body));
      const created = await raw.createEntryFor(workspaceId, person, body, action);
      theirs([created]);
      remember([created]);
      return created;
    },
    replaceEntry: async (workspaceId: string, entryId: string, number: number, body: Record<string, unknown>, action: string) => {
      await about(workspaceId);
      const current = await ownEntry(workspaceId, entryId, number);
      if (await locked(workspaceId, entryStart(current))) throw new BackEndError('clockify_entry_locked', { entry: number, verb: 'change' });
      const lock = await locked(workspaceId, Date.parse(String(body.start)));
      if (lock) throw new BackEndError('clockify_period_locked', { before: lockDay(lock.before), verb: 'move' });
      if ((body.projectId ?? null) !== (current.projectId ?? null)) await bookable(workspaceId, body.projectId);
      await fieldsHeld(workspaceId, body, current);
      await approvedHolds(workspaceId, [spanOf(current), ...bodySpan(body)]);
      reads.delete(entryId);
      const replaced = await raw.replaceEntry(workspaceId, entryId, number, body, action);
      theirs([replaced]);
      remember([replaced]);
      return replaced;
    },
    deleteEntry: async (workspaceId: string, entryId: string, number: number) => {
      await about(workspaceId);
      const current = await ownEntry(workspaceId, entryId, number);
      if (await locked(workspaceId, entryStart(current))) throw new BackEndError('clockify_entry_locked', { entry: number, verb: 'delete' });
      await approvedHolds(workspaceId, [spanOf(current)]);
      reads.delete(entryId);
      return raw.deleteEntry(workspaceId, entryId, number);
    },
    stopRunning: async (workspaceId: string, userId: string, end: string) => {
      await about(workspaceId, userId);
      // The timer as just read for the stop (timesheets.ts reads it first), else read now.
      const recent = [...reads.values()].find((read) => options.now() - read.at < ENTRY_REUSE_MS && entryEnd(read.entry) === null)?.entry;
      const running = recent ?? (await raw.runningEntries(workspaceId, person))[0];
      if (running) await approvedHolds(workspaceId, [{ start: entryStart(running), end: Math.max(entryStart(running) + 1, Date.parse(end)) }]);
      const stopped = await raw.stopRunning(workspaceId, userId, end);
      theirs([stopped]);
      return stopped;
    },

    tags: async (workspaceId: string, name: string, exact: boolean) => {
      await about(workspaceId);
      return raw.tags(workspaceId, name, exact);
    },
    /** As the person's own key would be: refused where only admins create tags and the person is none. */
    createTag: async (workspaceId: string, name: string) => {
      await about(workspaceId);
      const current = await settingsOf(workspaceId);
      if (current?.onlyAdminsCreateTag === true && !(await isAdmin(workspaceId))) {
        const message = 'Only admins may create tags in this workspace';
        throw new ClockifyError('forbidden', remoteRefusal('clockify_forbidden', { action: `create the tag ${name}`, time_off: false, message }), 403);
      }
      return raw.createTag(workspaceId, name);
    },

    /**
     * The projects open to the person, all in one page (the first): a list filtered here could end a page early,
     * which a reader of pages takes for the last (remote/paging.ts).
     */
    projectsPage: async (workspaceId: string, page: number) => {
      await about(workspaceId);
      if (page > 1) return { items: [], last: true };
      const all = await allProjects(workspaceId, true);
      const open: ClockifyProject[] = [];
      for (const project of all.values()) if (await openTo(workspaceId, project)) open.push(project);
      return { items: open, last: true };
    },
    tasksPage: async (workspaceId: string, projectId: string, projectName: string, page: number) => {
      await about(workspaceId);
      await bookable(workspaceId, projectId);
      return raw.tasksPage(workspaceId, projectId, projectName, page);
    },
    clientsPage: async (workspaceId: string, page: number) => {
      await about(workspaceId);
      return raw.clientsPage(workspaceId, page);
    },
    /** The workspace's custom fields of entries: what the person's own key reads too. */
    customFields: async (workspaceId: string) => {
      await about(workspaceId);
      return raw.customFields(workspaceId);
    },
    /** A project's own settings of them, of a project the person may book on. */
    projectCustomFields: async (workspaceId: string, projectId: string) => {
      await about(workspaceId);
      await bookable(workspaceId, projectId);
      return raw.projectCustomFields(workspaceId, projectId);
    },

    ...actingTimeOff(raw, who),
    /** The workspace's active members by name: who is in it, no one's time (the team part's list of people). */
    membersPage: async (workspaceId: string, page: number) => {
      await about(workspaceId);
      return raw.membersPage(workspaceId, page);
    },
    /** One member's team managers: where the person is among them, the person leads that member. */
    managersOf: async (workspaceId: string, userId: string, name: string) => {
      await about(workspaceId);
      const managers = await raw.managersOf(workspaceId, userId, name);
      learnManagers(userId, managers);
      return managers;
    },
    /** A colleague's entries, only of one the person leads (or anyone's, for a person who is an admin); each answer theirs. */
    memberEntriesPage: async (workspaceId: string, userId: string, name: string, filter: EntryFilter, page: number) => {
      await about(workspaceId);
      const leads = userId === person || knownManagerOf(userId) === true || (await isAdmin(workspaceId));
      if (!leads) throw new NotNarrowedError('a read of the time of someone you do not lead');
      const answer = await raw.memberEntriesPage(workspaceId, userId, name, filter, page);
      if (answer.items.some((entry) => entry?.userId !== userId)) throw new BackEndError('acting_for_answer_not_the_persons', { back_end: BACK_END });
      return answer;
    },
    /** One project with its members, where it is open to the person (another is not theirs to see). */
    project: async (workspaceId: string, projectId: string, number: number) => {
      await about(workspaceId);
      const project = await raw.project(workspaceId, projectId, number);
      if (!project || !(await openTo(workspaceId, project))) throw new BackEndError('clockify_project_not_visible', { project: number });
      return project;
    },

    // Not narrowed: with the key's rights they would act for others, or about them (docs/back-ends/clockify.md).
    createEntryFor: refused('createEntryFor'),
    createTimeOffFor: refused('createTimeOffFor'),
    admin: refusedGroup(raw.admin, 'admin'),
    people: refusedGroup(raw.people, 'people'),
    rates: refusedGroup(raw.rates, 'rates'),
    catalogChanges: refusedGroup(raw.catalogChanges, 'catalogChanges'),
    groups: refusedGroup(raw.groups, 'groups'),
    corrections: refusedGroup(raw.corrections, 'corrections'),
    approvals: actingApprovals(raw, who),
  };
  return narrowed;
}

/** A method the narrowed API does not make for the person: every call is refused, nothing sent. */
function refused(request: string): (...args: unknown[]) => Promise<never> {
  return () => Promise.reject(new NotNarrowedError(request));
}

/** An endpoint group none of whose methods is narrowed: each of the group's methods, refused by its name. */
type Refused<Group> = { readonly [Method in keyof Group]: (...args: unknown[]) => Promise<never> };

/**
 * Every method of `group` refused (`name.method`), made from the group's own members, so one added to it is refused
 * too; the compiler holds the result to the group's type, which a member that is not an asynchronous method fails.
 */
function refusedGroup<Group extends object>(group: Group, name: string): Refused<Group> {
  return Object.fromEntries(Object.keys(group).map((method) => [method, refused(`${name}.${method}`)])) as Refused<Group>;
}

/** A custom field's value compared as Clockify keeps it: an empty text or list is none. */
function fieldValue(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  return Array.isArray(value) && value.length === 0 ? null : value;
}
