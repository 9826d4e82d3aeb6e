// The team tools on Kimai (docs/back-ends/kimai.md, "Teams"): the people a token may see are the
// members of the teams its owner leads (every team's for an administrator), read from the teams
// themselves where Kimai shows them (view_team), else from the timesheets it shows a team lead
// (roster.ts); their time comes from those timesheets, their leave from the absence plugin one
// person at a time, and a decision goes through the plugin's confirm or reject, which keep no
// reason. Whatever Kimai would not show the person is never asked for.
import { CellPart } from '../../grid/cell-part.ts';
import { mapWithLimit } from '../../remote/cache.ts';
import { allPages } from '../../remote/paging.ts';
import { ensureRequests, requestsLeft } from '../../remote/request-budget.ts';
import { addDays, formatWallClock, localDate } from '../../../domain/time.ts';
import { leaveDays } from '../../../domain/leave-days.ts';
import { weekPlan } from '../../../domain/work-plan.ts';
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
import { peopleShown, windowOf } from '../../../domain/team.ts';
import { type LeaveRequest, BackEndError, SPAN_LOOKBACK_MS } from '../../time-tracker.ts';
import { MAX_PAGE_SIZE } from '../api.ts';
import type { KimaiContext } from '../context.ts';
import { isKimaiAdmin, leadsPeople, personName } from '../facts.ts';
import type { TeamEndpoints } from './endpoints.ts';
import { KimaiError } from '../errors.ts';
import { absenceLastDay, readKimaiTime, toLeaveRequest } from '../mapping.ts';
import { KimaiRoster, type Member, overlaps } from '../roster.ts';
import type { KimaiAbsence, KimaiTimesheet, KimaiUser, KimaiUserShort } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** How far back and ahead a person's absences are read for pending requests and who else is away. */
const PENDING_LOOKBACK_DAYS = 31;
const PENDING_LOOKAHEAD_DAYS = 366;

export class KimaiTeam extends CellPart<KimaiContext, TeamEndpoints> {
  /** Requests list_pending_leave showed, by id: the plugin has no read of one absence by its number. */
  readonly #listed = new Map<number, PendingLeave>();
  /** The person's own requests list_pending_leave read (for who else is away): never theirs to decide, and said so. */
  readonly #own = new Set<number>();
  readonly #roster = new KimaiRoster(this.context, this.endpoints);

  async teamWork(query: { from: number; to: number; offset: number; limit: number }): Promise<TeamWorkPage> {
    const me = await this.#leader();
    const team = await this.#roster.fromTeams(me);
    if (!team) return this.#shownWork(me, query);
    const { items } = windowOf(team.members, query.offset, query.limit);
    const people = new Map<number, ColleagueWork>(items.map((member) => [member.id, { person: member, spans: [], targets: null }]));
    if (items.length > 0) {
      // One listing for the window's people: the records that begin inside the range (and a running
      // one begun a little before it), with their projects' and activities' names.
      const filter = {
        begin: formatWallClock(query.from - SPAN_LOOKBACK_MS, me.timezone),
        end: formatWallClock(query.to - 1_000, me.timezone),
        full: 'true',
        users: items.map((member) => member.id),
      };
      const sheets = await allPages(this.context.pager, (page) =>
        this.endpoints.timesheetPage(filter, page, MAX_PAGE_SIZE, 'begin', 'ASC', { action: "read your team's time entries" }),
      );
      for (const sheet of sheets) {
        const work = people.get(userId(sheet.user));
        if (!work) continue;
        work.spans.push(colleagueSpan(sheet));
      }
    }
    return { people: [...people.values()], total: team.members.length, covers: team.covers };
  }

  /**
   * A team lead's report where Kimai shows no team's members (no view_team): one listing of every
   * timesheet it shows them in the range, whose people are those who recorded time then.
   */
  async #shownWork(me: KimaiUser, query: { from: number; to: number; offset: number; limit: number }): Promise<TeamWorkPage> {
    const now = this.context.options.now();
    const shown = await this.#roster.shown(me, query.from - SPAN_LOOKBACK_MS, query.to - 1_000, "read your team's time entries");
    const sheets = shown.sheets.filter((sheet) => overlaps(sheet, query.from, query.to, now));
    const worked = new Set(sheets.map((sheet) => userId(sheet.user)));
    const members = shown.members.filter((member) => worked.has(member.id));
    const { items } = windowOf(members, query.offset, query.limit);
    const people = new Map<number, ColleagueWork>(items.map((member) => [member.id, { person: member, spans: [], targets: null }]));
    for (const sheet of sheets) people.get(userId(sheet.user))?.spans.push(colleagueSpan(sheet));
    return { people: [...people.values()], total: members.length, covers: this.#roster.shownCovers(me) };
  }

  async projectWork(projectId: number): Promise<ProjectWork> {
    const me = await this.#leader();
    const projects = await this.endpoints.projects(3);
    const project = projects.find((item) => item.id === projectId);
    if (!project) throw new BackEndError('project_not_visible', { project: projectId, back_end: 'Kimai' });
    // user=all is everything the role may see: an administrator's everyone, a team lead's own time
    // and the teams they lead (docs/back-ends/kimai.md, "Timesheet filters").
    const sheets = await allPages(this.context.pager, (page) =>
      this.endpoints.timesheetPage({ project: projectId, user: 'all', full: 'true' }, page, MAX_PAGE_SIZE, 'begin', 'ASC', {
        action: `read the time entries of project ${quotedLine(project.name)}`,
      }),
    );
    const now = this.context.options.now();
    const spans = sheets.map((sheet) => ({
      person: userName(sheet.user, me),
      activity: typeof sheet.activity === 'object' && sheet.activity !== null ? sheet.activity.name : null,
      start: readKimaiTime(sheet.begin),
      end: sheet.end === null ? now : readKimaiTime(sheet.end),
    }));
    return {
      project: { id: project.id, name: project.name, customer: project.parentTitle ?? null },
      budget: {
        hours: project.timeBudget ? project.timeBudget / 3600 : null,
        money: project.budget ? project.budget : null,
        currency: null,
        monthly: project.budgetType === 'month',
      },
      spans,
      ...(isKimaiAdmin(me) ? {} : { note: 'Only your own time and that of the teams you lead: Kimai shows a team lead nobody else’s.' }),
    };
  }

  async pendingLeave(query: { offset: number; limit: number }): Promise<PendingLeavePage> {
    const me = await this.#leader();
    const team = await this.#roster.people(me);
    const others = team.members.filter((member) => member.id !== me.id);
    // The plugin lists one person's absences a request: the window's people, and the person's own
    // (they are someone else who may be away then), counted against the call's budget first. The
    // window holds as many people as the call can still ask about, so a lead of many teams (each
    // team one request to read) gets a smaller window rather than a refusal.
    const room = Math.max(1, Math.min(query.limit, requestsLeft() - 1));
    const { items, nextOffset } = windowOf(others, query.offset, room);
    const self: Member = { id: me.id, name: personName(me) };
    ensureRequests(items.length + 1, 'Kimai');
    const lists = await mapWithLimit([...items, self], this.context.pager.maxParallel, (member) => this.#absencesOf(member, me));
    const requests: PendingLeave[] = [];
    const absences: ColleagueAbsence[] = [];
    for (const list of lists) {
      for (const request of list) {
        if (request.personId === me.id) this.#own.add(request.id);
        if (request.status === 'pending' && request.personId !== me.id) requests.push(request);
        absences.push({ personId: request.personId, person: request.person, firstDay: request.firstDay, lastDay: request.lastDay, status: request.status });
      }
    }
    for (const request of requests) this.#listed.set(request.id, request);
    const covers = items.length === 0 ? `nobody in ${team.covers}` : peopleShown(query.offset, items.length, others.length, `in ${team.covers}`);
    return { requests: requests.sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.id - b.id), absences, nextOffset, covers };
  }

  async findPendingLeave(id: number): Promise<PendingLeave> {
    // Their own request is not theirs to decide (docs/back-ends/kimai.md, "Teams"), and no listing of requests to decide holds it.
    if (this.#own.has(id)) throw new BackEndError('leave_request_own', { request: id });
    const listed = this.#listed.get(id);
    if (!listed) throw new BackEndError('kimai_leave_request_not_listed', { request: id });
    const me = await this.#leader();
    if (listed.personId === me.id) throw new BackEndError('leave_request_own', { request: id });
    const team = await this.#roster.people(me, true);
    const member = team.members.find((candidate) => candidate.id === listed.personId);
    if (!member) {
      throw new BackEndError('kimai_leave_request_not_led', { request: id, person: listed.person, covers: team.covers, complete: team.complete });
    }
    // As it stands now: decided or withdrawn meanwhile, it is said so rather than decided again.
    const now = (await this.#absencesOf(member, me)).find((request) => request.id === id);
    if (!now) throw new BackEndError('kimai_leave_request_gone', { request: id, person: listed.person });
    if (now.status !== 'pending') throw new BackEndError('leave_request_decided', { request: id, person: listed.person, status: now.status });
    return now;
  }

  async decideLeave(request: PendingLeave, decision: LeaveDecision): Promise<DecidedLeave> {
    try {
      await this.endpoints.decideAbsence(request.id, decision === 'approve' ? 'confirm' : 'reject');
    } catch (error) {
      if (error instanceof KimaiError && error.status === 403) {
        throw new BackEndError('kimai_leave_decision_denied', { decision, person: request.person, request: request.id });
      }
      throw error;
    }
    this.#listed.delete(request.id);
    // The plugin's confirm and reject take no comment: a reason stays with the person who decided.
    return { request: { ...request, status: decision === 'approve' ? 'approved' : 'rejected' }, reasonKept: false };
  }

  /** The person, refused in words where their role leads nobody (the tools are withdrawn by then too). */
  async #leader(): Promise<KimaiUser> {
    const me = await this.context.profile();
    if (!leadsPeople(me)) throw new BackEndError('kimai_leads_nobody');
    return me;
  }

  /** One person's absences around today, as requests counted on the settings' week (Kimai keeps none). */
  async #absencesOf(member: Member, me: KimaiUser): Promise<PendingLeave[]> {
    const today = localDate(this.context.options.now(), me.timezone);
    const from = addDays(today, -PENDING_LOOKBACK_DAYS);
    const to = addDays(today, PENDING_LOOKAHEAD_DAYS);
    let absences: KimaiAbsence[];
    try {
      absences = await this.endpoints.absences(
        { user: member.id, begin: `${from}T00:00:00`, end: `${to}T23:59:59`, status: 'all' },
        { action: `list ${quotedLine(member.name)}'s absences` },
      );
    } catch (error) {
      if (error instanceof KimaiError && error.failure === 'not_found') {
        this.context.learnAbsences(false);
        throw new BackEndError('kimai_absence_plugin_missing', { need: 'team_leave' });
      }
      throw error;
    }
    const holidays = absences.length === 0 ? new Set<string>() : new Set((await this.context.options.holidays(from, addDays(to, 31))).keys());
    const plan = weekPlan(this.context.options.workWeek(), holidays);
    return absences
      .filter((absence) => absenceLastDay(absence) >= from && absence.date.slice(0, 10) <= to)
      .map((absence) => ({ ...toLeaveRequest(absence, member.name, (shape) => countDays(shape, plan)), personId: member.id }));
  }
}

function countDays(request: Omit<LeaveRequest, 'days'>, plan: ReturnType<typeof weekPlan>): number {
  const counted = leaveDays(request, plan);
  return counted.ok ? counted.workingDays : 0;
}

function colleagueSpan(sheet: KimaiTimesheet) {
  const project = typeof sheet.project === 'object' && sheet.project !== null ? sheet.project.name : null;
  const activity = typeof sheet.activity === 'object' && sheet.activity !== null ? sheet.activity.name : null;
  return { start: readKimaiTime(sheet.begin), end: sheet.end === null ? null : readKimaiTime(sheet.end), project, activity };
}

function userId(user: number | KimaiUserShort | undefined): number {
  return user === undefined ? -1 : typeof user === 'number' ? user : user.id;
}

/** A record's person by name; an unexpanded id is said as a number (Kimai sent no user with it). */
function userName(user: number | KimaiUserShort | undefined, me: KimaiUser): string {
  if (user === undefined) return personName(me);
  if (typeof user === 'number') return user === me.id ? personName(me) : `user #${user}`;
  return personName(user);
}
