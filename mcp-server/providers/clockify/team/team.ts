// The team tools on Clockify (docs/back-ends/clockify.md, "Teams"). Whom the person may see follows
// their role, learned from Clockify (context.ts, teamRole): an admin everyone in the workspace, a team
// manager the members whose managers Clockify lists them among, a project manager their projects'
// time only. Time comes from the regular API, one person's entries at a time (the reports API is not
// used: its shape is documented nowhere Punchcard could check), so a window of people holds as many
// as the call's budget of requests allows. Pending time off comes from Clockify's request search,
// decided by the policy's approvers; a decision is the status change Clockify documents, with the
// reason as its note. Whatever Clockify would not show the person is never asked for.
import { leaveDays } from '../../../domain/leave-days.ts';
import type {
  ColleagueAbsence,
  ColleagueWork,
  DecidedLeave,
  LeaveDecision,
  PendingLeave,
  PendingLeavePage,
  ProjectWork,
  TeamWorkPage,
} from '../../../domain/team.ts';
import { windowOf } from '../../../domain/team.ts';
import { addDays } from '../../../domain/time.ts';
import { weekPlan } from '../../../domain/work-plan.ts';
import { allSettled, ExpiringByKey, mapWithLimit } from '../../remote/cache.ts';
import { allPages, pagesUntilLast } from '../../remote/paging.ts';
import { unlessRefused } from '../../remote/remote-error.ts';
import { requestsLeft } from '../../remote/request-budget.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { BackEndError, causeOf, SPAN_LOOKBACK_MS } from '../../time-tracker.ts';
import { countedPage, type EntryFilter } from '../api.ts';
import type { ClockifyCatalogView, ClockifyContext } from '../context.ts';
import type { TeamRole } from '../facts.ts';
import type { TeamEndpoints } from './endpoints.ts';
import { ClockifyError } from '../errors.ts';
import { clockifyTime, entryEnd, entryStart, isWork, leaveStatusOf, projectBudget, toLeaveRequest } from '../mapping.ts';
import type { ClockifyPolicy, ClockifyTimeEntry, ClockifyTimeOffRequest, ClockifyUser } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** Clockify may read a filter's bounds in the person's zone: entries are asked for with the widest offset either side. */
const FILTER_MARGIN_MS = 14 * 3_600_000;
/** Where a project's total starts: Punchcard's earliest date (call-limits.ts). */
const PROJECT_SINCE = Date.parse('2000-01-01T00:00:00Z');
/** Requests are searched by when they were made (docs/back-ends/clockify.md, "Time off"): those of the last year. */
const CREATED_WITHIN_DAYS = 366;
/** Who is in the workspace and whom the person manages, read once for the calls of ten minutes. */
const PEOPLE_TTL_MS = 10 * 60_000;
/** Requests a window of people leaves for the rest of the call (a second page of someone's entries, names). */
const WINDOW_MARGIN = 3;

interface Member {
  id: string;
  name: string;
}

/** The people the person may see, sorted by name, and whose they are in words. */
interface Scope {
  role: TeamRole;
  me: ClockifyUser;
  workspaceId: string;
  people: Member[];
  covers: string;
}

export class ClockifyTeam extends CellPart<ClockifyContext, TeamEndpoints, { catalog: ClockifyCatalogView }> {
  /** By workspace and person: a key replaced while the process runs may be another person's, who sees others. */
  readonly #members = new ExpiringByKey<string, Member[]>(PEOPLE_TTL_MS);
  readonly #managed = new ExpiringByKey<string, ReadonlySet<string>>(PEOPLE_TTL_MS);
  /** Requests found for a decision, by number: a decision's address names the request's policy. */
  readonly #found = new Map<number, ClockifyTimeOffRequest>();

  teamWork(query: { from: number; to: number; offset: number; limit: number }): Promise<TeamWorkPage> {
    return this.#unlessDemoted(LEADS_PEOPLE, () => this.#teamWork(query));
  }

  projectWork(projectNumber: number): Promise<ProjectWork> {
    return this.#unlessDemoted(LEADS_ANYTHING, () => this.#projectWork(projectNumber));
  }

  pendingLeave(query: { offset: number; limit: number }): Promise<PendingLeavePage> {
    return this.#unlessDemoted(LEADS_PEOPLE, () => this.#pendingLeave(query));
  }

  findPendingLeave(number: number): Promise<PendingLeave> {
    return this.#unlessDemoted(LEADS_PEOPLE, () => this.#findPendingLeave(number));
  }

  async #teamWork(query: { from: number; to: number; offset: number; limit: number }): Promise<TeamWorkPage> {
    const scope = await this.#people();
    // One request per person: the window holds as many as the call may still ask about.
    const room = Math.max(1, Math.min(query.limit, requestsLeft() - WINDOW_MARGIN));
    const { items } = windowOf(scope.people, query.offset, room);
    const filter = { start: clockifyTime(query.from - SPAN_LOOKBACK_MS - FILTER_MARGIN_MS), end: clockifyTime(query.to + FILTER_MARGIN_MS) };
    const lists = await mapWithLimit(items, this.context.pager.maxParallel, async (member) =>
      (await this.#entriesOf(scope.workspaceId, member, filter)).filter(isWork),
    );
    const refs = await this.parts.catalog.refs(lists.flat());
    let next = 0;
    const people: ColleagueWork[] = items.map((member, index) => ({
      person: { id: query.offset + index + 1, name: member.name },
      spans: (lists[index] ?? []).map((entry) => {
        const ref = refs[next++];
        return { start: entryStart(entry), end: entryEnd(entry), project: ref?.project?.name ?? null, activity: ref?.task?.name ?? null };
      }),
      targets: null,
    }));
    return { people, total: scope.people.length, covers: scope.covers };
  }

  async #projectWork(projectNumber: number): Promise<ProjectWork> {
    const { role, me, workspaceId } = await this.#leader(LEADS_ANYTHING);
    const remote = await this.context.remote('project', projectNumber, 'clockify_record_unknown', {
      record: 'project',
      id: projectNumber,
      see: 'list_catalog',
    });
    const [project, all] = await allSettled([this.endpoints.project(workspaceId, remote, projectNumber), this.#allMembers(workspaceId, me)]);
    // A private project's people are its members; a public one is everyone's.
    const members = new Set((project.memberships ?? []).map((membership) => membership.userId).filter((id): id is string => !!id));
    const onProject = project.public === false ? all.filter((member) => members.has(member.id)) : all;
    const managed = role === 'team_manager' ? await this.#managedBy(me, workspaceId, all) : undefined;
    const people = managed ? onProject.filter((member) => member.id === me.id || managed.has(member.id)) : onProject;
    if (people.length + WINDOW_MARGIN > requestsLeft()) {
      throw new BackEndError('clockify_project_too_many_people', { project: project.name, people: people.length });
    }
    const filter = { start: clockifyTime(PROJECT_SINCE), end: clockifyTime(this.context.options.now() + FILTER_MARGIN_MS), project: remote };
    const lists = await mapWithLimit(people, this.context.pager.maxParallel, (member) => unlessRefused(this.#entriesOf(workspaceId, member, filter)));
    const refused = people.filter((_, index) => lists[index] === null).map((member) => member.name);
    // Everyone's but the person's own refused: they lead nobody on this project.
    if (refused.length > 0 && refused.length === people.filter((member) => member.id !== me.id).length) {
      throw new BackEndError('clockify_project_time_refused', { project: project.name });
    }
    const entries = people.flatMap((member, index) => (lists[index] ?? []).filter(isWork).map((entry) => ({ member, entry })));
    const refs = await this.parts.catalog.refs(entries.map(({ entry }) => entry));
    const now = this.context.options.now();
    const budget = projectBudget(project);
    const notes = [
      ...(role === 'team_manager' ? ['Only your own time and that of the people you manage: Clockify shows a team manager nobody else’s.'] : []),
      ...(refused.length > 0 ? [`Clockify did not show you the time of ${refused.join(', ')} on this project.`] : []),
      ...(budget.note ? [budget.note] : []),
    ];
    return {
      project: { id: projectNumber, name: project.name, customer: project.clientName?.trim() || null },
      budget: { hours: budget.hours, money: budget.money, currency: null, monthly: budget.monthly },
      spans: entries.map(({ member, entry }, index) => ({
        person: member.name,
        activity: refs[index]?.task?.name ?? null,
        start: entryStart(entry),
        end: entryEnd(entry) ?? now,
      })),
      ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
    };
  }

  async #pendingLeave(query: { offset: number; limit: number }): Promise<PendingLeavePage> {
    const scope = await this.#people();
    const [requests, policies] = await allSettled([this.#requests(scope.workspaceId, ['PENDING', 'APPROVED']), this.#policies(scope.workspaceId)]);
    const shown = await this.#pendingOf(requests);
    const waiting = shown
      .filter(({ request }) => request.status?.statusType === 'PENDING' && mayDecide(request, scope, policies))
      .map(({ pending }) => pending);
    waiting.sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.id - b.id);
    const { items, nextOffset } = windowOf(waiting, query.offset, query.limit);
    // Who else is away: the pending or approved requests of the people the person may see, by name
    // only. Clockify may show a team manager everyone's time off (a workspace setting); the others'
    // stay out, as the absence calendar shows no colleague's pending request.
    const absences: ColleagueAbsence[] = shown
      .filter(({ request }) => scope.people.some((member) => member.id === request.userId))
      .map(({ pending }) => ({
        personId: pending.personId,
        person: pending.person,
        firstDay: pending.firstDay,
        lastDay: pending.lastDay,
        status: pending.status,
      }));
    const where = `the time off ${scope.role === 'admin' ? 'of everyone in the workspace' : 'of the people you manage'} in Clockify`;
    const covers = waiting.length === 0 ? where : `requests ${query.offset + 1}–${query.offset + items.length} of ${waiting.length} in ${where}`;
    return { requests: items, absences, nextOffset, covers };
  }

  async #findPendingLeave(number: number): Promise<PendingLeave> {
    const scope = await this.#people();
    const remote = await this.context.remote('timeOff', number, 'clockify_number_unknown', { record: 'leave_request', id: number });
    const [requests, policies] = await allSettled([this.#requests(scope.workspaceId, ['ALL']), this.#policies(scope.workspaceId)]);
    const request = requests.find((item) => item.id === remote);
    if (!request) throw new BackEndError('clockify_leave_request_not_shown', { request: number });
    const [found] = await this.#pendingOf([request]);
    const pending = (found as { pending: PendingLeave }).pending;
    if (request.userId === scope.me.id) throw new BackEndError('leave_request_own', { request: number });
    if (!mayDecide(request, scope, policies)) {
      throw new BackEndError('clockify_leave_not_yours_to_decide', { request: number, person: pending.person, policy: request.policyName ?? null });
    }
    if (pending.status !== 'pending')
      throw new BackEndError('clockify_leave_request_decided', { request: number, person: pending.person, status: pending.status });
    this.#found.set(number, request);
    return pending;
  }

  async decideLeave(request: PendingLeave, decision: LeaveDecision, reason: string | undefined): Promise<DecidedLeave> {
    const found = this.#found.get(request.id);
    if (!found) throw new BackEndError('clockify_leave_request_not_looked_up', { request: request.id });
    const { workspaceId } = await this.context.ids();
    let answer: ClockifyTimeOffRequest | undefined;
    try {
      answer = await this.endpoints.decideTimeOff(workspaceId, found.policyId, found.id, request.id, decision === 'approve' ? 'APPROVED' : 'REJECTED', reason);
    } catch (error) {
      if (error instanceof ClockifyError && error.status === 403) {
        throw new BackEndError('clockify_leave_decision_refused', { decision, person: request.person, request: request.id, cause: causeOf(error) });
      }
      throw error;
    } finally {
      this.#found.delete(request.id);
    }
    const status = answer?.status?.statusType ? leaveStatusOf(answer.status.statusType) : decision === 'approve' ? 'approved' : 'rejected';
    // The reason went as the status change's note, the place Clockify's API keeps for it.
    return { request: { ...request, status }, reasonKept: true };
  }

  /** The person's role, refused in words where it shows them nobody else (the tools are withdrawn by then too). */
  async #leader(allowed: readonly TeamRole[]): Promise<{ role: TeamRole; me: ClockifyUser; workspaceId: string }> {
    const [role, { workspaceId }, me] = await allSettled([this.context.teamRole(), this.context.ids(), this.context.person()]);
    if (allowed.includes(role)) return { role, me, workspaceId };
    throw notLeading(role);
  }

  /**
   * A team call Clockify refused (403) while the role learned said yes: the role is asked again, so
   * a manager whose team was taken away loses the tools now rather than at the next hourly check,
   * and is told why in words. A refusal the role does not explain is passed on as it was.
   */
  async #unlessDemoted<T>(allowed: readonly TeamRole[], work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ClockifyError) || error.status !== 403) throw error;
      this.#members.clear();
      this.#managed.clear();
      const role = await this.context.teamRole(true).catch(() => undefined);
      if (role !== undefined && !allowed.includes(role)) throw notLeading(role);
      throw error;
    }
  }

  /** Whom an admin or a team manager sees: everyone, or the members they manage and themselves. */
  async #people(): Promise<Scope> {
    const { role, me, workspaceId } = await this.#leader(LEADS_PEOPLE);
    const all = await this.#allMembers(workspaceId, me);
    if (role === 'admin')
      return { role, me, workspaceId, people: all, covers: `everyone in the workspace ${quotedLine((await this.context.workspace()).name)}, as its admin` };
    const managed = await this.#managedBy(me, workspaceId, all);
    return {
      role,
      me,
      workspaceId,
      people: all.filter((member) => member.id === me.id || managed.has(member.id)),
      covers: 'the people you manage in Clockify, and yourself',
    };
  }

  /** The workspace's active members, sorted by name. */
  #allMembers(workspaceId: string, me: ClockifyUser): Promise<Member[]> {
    return this.#members.get(`${workspaceId} ${me.id}`, async () => {
      const users = await pagesUntilLast((page) => this.endpoints.membersPage(workspaceId, page));
      return users
        .filter((user) => typeof user.id === 'string' && user.id !== '')
        .map((user) => ({ id: user.id, name: user.name?.trim() || user.email?.trim() || 'A colleague' }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    });
  }

  /**
   * The members whose team managers Clockify lists the person among (getManagersOfUser): Clockify says
   * it one member at a time, so each is a request, counted against the call first and kept a while.
   */
  #managedBy(me: ClockifyUser, workspaceId: string, all: readonly Member[]): Promise<ReadonlySet<string>> {
    return this.#managed.get(`${workspaceId} ${me.id}`, async () => {
      const others = all.filter((member) => member.id !== me.id);
      if (others.length + WINDOW_MARGIN > requestsLeft()) {
        throw new BackEndError('clockify_too_many_members', { members: others.length });
      }
      const managers = await mapWithLimit(others, this.context.pager.maxParallel, (member) => this.endpoints.managersOf(workspaceId, member.id, member.name));
      return new Set(others.filter((_, index) => (managers[index] ?? []).some((manager) => manager.id === me.id)).map((member) => member.id));
    });
  }

  #entriesOf(workspaceId: string, member: Member, filter: EntryFilter): Promise<ClockifyTimeEntry[]> {
    return pagesUntilLast((page) => this.endpoints.memberEntriesPage(workspaceId, member.id, member.name, filter, page));
  }

  /** The requests Clockify shows the person, of the statuses asked, made within the last year. */
  async #requests(workspaceId: string, statuses: readonly string[]): Promise<ClockifyTimeOffRequest[]> {
    const filter = { statuses, start: `${addDays(await this.context.today(), -CREATED_WITHIN_DAYS)}T00:00:00.000000Z` };
    return allPages(this.context.pager, async (page) => {
      const answer = await this.endpoints.timeOffRequests(workspaceId, filter, page, false);
      return countedPage(answer?.requests ?? [], answer?.count);
    });
  }

  /** The policies with their approvers; null where Clockify shows them to admins only (then a team manager decides their team's). */
  #policies(workspaceId: string): Promise<ClockifyPolicy[] | null> {
    return unlessRefused(pagesUntilLast((page) => this.endpoints.policiesPage(workspaceId, page)));
  }

  /** Requests as Punchcard's, numbered, each person numbered once; the days are Clockify's cost where it says one. */
  async #pendingOf(requests: readonly ClockifyTimeOffRequest[]): Promise<Array<{ request: ClockifyTimeOffRequest; pending: PendingLeave }>> {
    const [numbers, zone] = await allSettled([
      this.context.numbers(
        'timeOff',
        requests.map((request) => request.id),
      ),
      this.context.zone(),
    ]);
    const week = weekPlan(this.context.options.workWeek());
    const count = (range: Parameters<typeof leaveDays>[0]) => {
      const counted = leaveDays(range, week);
      return counted.ok ? counted.workingDays : 0;
    };
    const people = new Map<string, number>();
    const personNumber = (userId: string) => people.get(userId) ?? (people.set(userId, people.size + 1), people.size);
    return requests.map((request, index) => ({
      request,
      pending: {
        ...toLeaveRequest(request, numbers[index] as number, request.userName?.trim() || 'A colleague', request.userTimeZone || zone, count),
        personId: personNumber(request.userId),
      },
    }));
  }
}

/** The roles that see people (their time and time off), and those that see any team tool at all. */
const LEADS_PEOPLE: readonly TeamRole[] = ['admin', 'team_manager'];
const LEADS_ANYTHING: readonly TeamRole[] = ['admin', 'team_manager', 'project_manager'];

/** Why a role sees nobody else. */
function notLeading(role: TeamRole): BackEndError {
  return new BackEndError('clockify_not_leading', { role: role === 'project_manager' ? 'project_manager' : 'member' });
}

/**
 * Whether the person approves the request in Clockify: an admin anyone's but their own; a member
 * named among the policy's approvers; a team manager their team's, unless the policy leaves team
 * managers out (where the policies cannot be read, Clockify decides).
 */
function mayDecide(request: ClockifyTimeOffRequest, scope: Scope, policies: readonly ClockifyPolicy[] | null): boolean {
  if (request.userId === scope.me.id) return false;
  if (scope.role === 'admin') return true;
  const approve = policies?.find((policy) => policy.id === request.policyId)?.approve;
  if (approve?.specificMembers && approve.userIds?.includes(scope.me.id)) return true;
  return scope.people.some((member) => member.id === request.userId) && (policies === null || approve?.teamManagers === true);
}
