// The team tools on Clockodo (docs/back-ends/clockodo.md, "Teams"): an owner or a manager sees the
// users and entries Clockodo shows their key; anyone else who leads people (a team's leader, someone's
// boss: leading is not a role in Clockodo) sees those people (leadership.ts). Entries are read in one
// listing per range; a project's hours come with its budget; the absences they may decide come from
// Clockodo's own `manageableAbsences` scope, and a decision is the status change Clockodo documents
// (1 approved, 2 declined). Whatever Clockodo would not show the person is never asked for, and no
// request names anyone Clockodo did not list.
import { CellPart } from '../../grid/cell-part.ts';
import { allSettled, mapWithLimit } from '../../remote/cache.ts';
import { ensureRequests } from '../../remote/request-budget.ts';
import { allPages } from '../../remote/paging.ts';
import { addDays, yearsOf } from '../../../domain/time.ts';
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
import { BackEndError, causeOf, SPAN_LOOKBACK_MS } from '../../time-tracker.ts';
import { managesAllAbsences } from '../leadership.ts';
import { ENTRY_PAGE, type QueryValue, USER_PAGE } from '../api.ts';
import type { ClockodoCatalogView, ClockodoContext, Identity } from '../context.ts';
import type { TeamEndpoints } from './endpoints.ts';
import { ClockodoError } from '../errors.ts';
import { absenceLastDay, clockodoTime, instantOf, isLumpSum, mayBook, toLeaveRequest } from '../mapping.ts';
import type { ClockodoAbsence, ClockodoEntry, ClockodoUser } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** Where a project's total starts: Punchcard's earliest date (call-limits.ts). */
const PROJECT_SINCE = '2000-01-01T00:00:00Z';
/** How far back a request still waiting is shown (one from last month may still wait). */
const PENDING_LOOKBACK_DAYS = 31;

/** Whose time the person sees: everyone Clockodo shows an owner or a manager, else the people they lead. */
interface Viewer {
  me: Identity;
  /** The people the person leads, for one who sees only them; undefined where the role shows everyone. */
  led: ClockodoUser[] | undefined;
  covers: string;
}

export class ClockodoTeam extends CellPart<ClockodoContext, TeamEndpoints, { catalog: ClockodoCatalogView }> {
  async teamWork(query: { from: number; to: number; offset: number; limit: number }): Promise<TeamWorkPage> {
    const viewer = await this.#viewer();
    const users = viewer.led ? [viewer.me.user, ...viewer.led] : (await this.#users('list your colleagues')).filter((user) => user.active !== false);
    const people = users
      .map((user) => ({ id: user.id, name: user.name ?? `Colleague #${user.id}` }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    const { items } = windowOf(people, query.offset, query.limit);
    const work = new Map<number, ColleagueWork>(items.map((person) => [person.id, { person, spans: [], targets: null }]));
    if (items.length > 0) {
      // One listing of every entry Clockodo shows the key in the range: its filter takes one user at
      // a time, and a window's people one by one would cost a request each. Acting for a person, the
      // owner's key shows everyone's: then one listing per person of the window, each naming them.
      const filter = { time_since: clockodoTime(query.from - SPAN_LOOKBACK_MS), time_until: clockodoTime(query.to) };
      const entries = await this.#entriesOf(filter, this.context.acting ? items.map((person) => person.id) : undefined, "read your team's time entries");
      const names = entries.length > 0 ? await this.parts.catalog.names() : undefined;
      for (const entry of entries) {
        const person = work.get(entry.users_id);
        if (!person || isLumpSum(entry)) continue;
        person.spans.push({
          start: instantOf(entry.time_since),
          end: entry.time_until === null ? null : instantOf(entry.time_until),
          project: (entry.projects_id ? names?.project(entry.projects_id) : undefined) ?? null,
          activity: (entry.services_id ? names?.service(entry.services_id) : undefined) ?? null,
        });
      }
    }
    return { people: [...work.values()], total: people.length, covers: viewer.covers };
  }

  async projectWork(projectId: number): Promise<ProjectWork> {
    const viewer = await this.#viewer();
    const projects = await allPages(this.context.pager, (page) => this.endpoints.projectsPage(page));
    const project = projects.find((item) => item.id === projectId);
    // The owner's key lists every project; acting for a person, one outside their own access map is not theirs to see
    // (their catalog does not show it): its name, customer and entries stay hidden.
    const hidden = project && this.context.acting && !mayBook((await this.context.acting.access()).add, project.customers_id, project.id);
    if (!project || hidden) throw new BackEndError('project_not_visible', { project: projectId, back_end: 'Clockodo' });
    const now = this.context.options.now();
    const filter = { time_since: PROJECT_SINCE, time_until: clockodoTime(now), 'filter[projects_id]': projectId };
    const shownIds = viewer.led ? [viewer.me.user.id, ...viewer.led.map((user) => user.id)] : [];
    const [entries, users, names, customers] = await allSettled([
      this.#entriesOf(filter, this.context.acting ? shownIds : undefined, `read the time entries of project ${quotedLine(project.name)}`),
      viewer.led ? Promise.resolve([viewer.me.user, ...viewer.led]) : this.#users('name the people on the project'),
      this.parts.catalog.names(),
      allPages(this.context.pager, (page) => this.endpoints.customersPage(page)),
    ]);
    // One who leads people sees their own time and theirs: whatever else Clockodo might list is left out.
    const shown = viewer.led ? new Set(users.map((user) => user.id)) : undefined;
    const userNames = new Map(users.map((user) => [user.id, user.name ?? `Colleague #${user.id}`]));
    // The owner's key reads every project's budget; the person's own might not: acting for them, it is not shown.
    const budget = this.context.acting ? null : (project.budget ?? null);
    return {
      project: { id: project.id, name: project.name, customer: customers.find((customer) => customer.id === project.customers_id)?.name ?? null },
      budget: {
        hours: budget && !budget.monetary ? budget.amount : null,
        money: budget && budget.monetary ? budget.amount : null,
        currency: null,
        monthly: false,
      },
      spans: entries
        .filter((entry) => !isLumpSum(entry) && (shown === undefined || shown.has(entry.users_id)))
        .map((entry) => ({
          person: userNames.get(entry.users_id) ?? `Colleague #${entry.users_id}`,
          activity: (entry.services_id ? names.service(entry.services_id) : undefined) ?? null,
          start: instantOf(entry.time_since),
          end: entry.time_until === null ? now : instantOf(entry.time_until),
        })),
      ...(viewer.led ? { note: 'Only your own time and that of the people you lead: Clockodo shows a team leader nobody else’s.' } : {}),
    };
  }

  async pendingLeave(query: { offset: number; limit: number }): Promise<PendingLeavePage> {
    const today = this.context.today();
    const years = yearsOf(addDays(today, -PENDING_LOOKBACK_DAYS), addDays(today, 366));
    // Acting for a person, one who decides nobody is refused before any absence is read (whom they decide is known from
    // the listings the owner's account read for them).
    const decider = this.context.acting ? await this.#decider() : undefined;
    const [{ me, users }, manageable, visible] = await allSettled([
      decider ? Promise.resolve(decider) : this.#decider(),
      this.endpoints.manageableAbsences(years),
      this.endpoints.absences(years),
    ]);
    const names = new Map(users.map((user) => [user.id, user.name ?? `Colleague #${user.id}`]));
    names.set(me.user.id, this.context.nameOf(me.user));
    const nameOf = (id: number) => names.get(id) ?? `Colleague #${id}`;
    const since = addDays(today, -PENDING_LOOKBACK_DAYS);
    const waiting = manageable
      .filter((absence) => absence.status === 0 && absence.users_id !== me.user.id && absenceLastDay(absence) >= since)
      .map((absence) => pendingOf(absence, nameOf(absence.users_id)))
      .sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.id - b.id);
    const { items, nextOffset } = windowOf(waiting, query.offset, query.limit);
    // Who else is away: every absence Clockodo shows the person, by name only.
    const absences: ColleagueAbsence[] = [...visible, ...manageable].map((absence) => {
      const request = toLeaveRequest(absence, nameOf(absence.users_id));
      return { personId: absence.users_id, person: request.person, firstDay: request.firstDay, lastDay: request.lastDay, status: request.status };
    });
    const covers =
      waiting.length === 0
        ? 'the absences Clockodo lets you manage'
        : `requests ${query.offset + 1}–${query.offset + items.length} of ${waiting.length} in the absences Clockodo lets you manage`;
    return { requests: items, absences, nextOffset, covers };
  }

  async findPendingLeave(id: number): Promise<PendingLeave> {
    const today = this.context.today();
    const [{ me, users }, manageable] = await allSettled([
      this.#decider(),
      this.endpoints.manageableAbsences(yearsOf(addDays(today, -366), addDays(today, 366))),
    ]);
    const absence = manageable.find((item) => item.id === id);
    if (!absence) throw new BackEndError('clockodo_leave_request_not_managed', { request: id });
    if (absence.users_id === me.user.id) throw new BackEndError('leave_request_own', { request: id });
    const name = users.find((user) => user.id === absence.users_id)?.name ?? `Colleague #${absence.users_id}`;
    const request = pendingOf(absence, name);
    if (absence.status !== 0) throw new BackEndError('leave_request_decided', { request: id, person: name, status: request.status });
    return request;
  }

  async decideLeave(request: PendingLeave, decision: LeaveDecision): Promise<DecidedLeave> {
    let answer: ClockodoAbsence;
    try {
      answer = await this.endpoints.decideAbsence(request.id, decision === 'approve' ? 1 : 2);
    } catch (error) {
      if (error instanceof ClockodoError && (error.status === 403 || error.errorType === 'UserIsNotManageable' || error.errorType === 'StatusIsForbidden')) {
        throw new BackEndError('clockodo_leave_decision_refused', {
          decision: decision === 'approve' ? 'approve' : 'decline',
          person: request.person,
          request: request.id,
          cause: causeOf(error),
        });
      }
      throw error;
    }
    // Clockodo's absence keeps notes, but no place for the reason of a decision is documented: none is sent. Acting for
    // a lead, the narrowed API adds a line naming them to the absence's note (organisation.ts), never the reason.
    return { request: { ...pendingOf(answer, request.person), days: answer.count_days ?? request.days }, reasonKept: false };
  }

  /**
   * Whose time the person sees: an owner's or a manager's everyone Clockodo shows them; anyone else's
   * the people they lead, read afresh (a team taken away is refused in words, and the tools withdrawn).
   */
  async #viewer(): Promise<Viewer> {
    const me = await this.context.me();
    // Acting for a person, their role shows them nobody: only the people they lead, read through the owner's account.
    const { acting } = this.context;
    if (!acting && (me.user.role === 'owner' || me.user.role === 'manager')) {
      return { me, led: undefined, covers: `everyone Clockodo shows you as ${me.user.role === 'owner' ? 'its owner' : 'a manager'}` };
    }
    const led = acting ? await acting.led() : await this.context.whomLeads(me.user, 'list the people you lead');
    if (led.people.length === 0) {
      this.context.learnLeadership({ leads: false });
      throw new BackEndError('clockodo_leads_nobody');
    }
    const teams =
      led.teams.length > 0
        ? `the members of the teams you lead in Clockodo (${led.teams.map(quotedLine).join(', ')}) and those whose boss you are`
        : 'those whose boss you are in Clockodo';
    return { me, led: led.people.filter((user) => user.active !== false), covers: `${teams}, and yourself` };
  }

  /**
   * The person and whose absences Clockodo lets them manage (by name): an owner's and a general
   * absence manager's everyone's, anyone else's those Clockodo names (a team leader's, a boss's, an
   * absence manager's). Nobody named is refused in words, and the leave decisions withdrawn.
   */
  async #decider(): Promise<{ me: Identity; users: ClockodoUser[] }> {
    const me = await this.context.me();
    const users = await this.context.absencesManaged(me.user, 'name the people whose leave you decide');
    const general = this.context.acting ? managesAllAbsences(me.user) : me.user.role === 'owner' || me.user.can_generally_manage_absences === true;
    if (!general && users.length === 0) {
      this.context.learnLeadership({ decidesLeave: false });
      throw new BackEndError('clockodo_decides_no_leave');
    }
    return { me, users };
  }

  /**
   * Entries of the range (or project) `filter` names: one listing of all Clockodo shows the key, or, acting for a
   * person, one listing per user of `users`, each naming them (../acting.ts refuses a listing that names nobody).
   */
  async #entriesOf(filter: Record<string, QueryValue>, users: readonly number[] | undefined, action: string): Promise<ClockodoEntry[]> {
    const api = this.endpoints;
    const { pager } = this.context;
    if (users === undefined) return allPages(pager, (page) => api.entryPage(filter, page, ENTRY_PAGE, action));
    ensureRequests(users.length, 'Clockodo');
    const lists = await mapWithLimit(users, pager.maxParallel, (userId) =>
      allPages(pager, (page) => api.entryPage({ ...filter, 'filter[users_id]': userId }, page, ENTRY_PAGE, action)),
    );
    return lists.flat();
  }

  /** The users Clockodo lists to this key. */
  #users(action: string): Promise<ClockodoUser[]> {
    return allPages(this.context.pager, (page) => this.endpoints.usersPage(undefined, page, USER_PAGE, action));
  }
}

function pendingOf(absence: ClockodoAbsence, person: string): PendingLeave {
  return { ...toLeaveRequest(absence, person), personId: absence.users_id };
}
