// Leave on Clockodo's absence module: the person's own absences (listed by year, as Clockodo keeps
// them), a request filed as the parts Clockodo accepts (none across New Year, a half day only as a
// one-day absence) with an overlap refused by naming the absence it meets, withdrawing, the balance
// (quota and carry-over) and the calendar of what this login may see of colleagues.
import { CellPart } from '../../grid/cell-part.ts';
import { tallyLeave } from '../../../domain/leave-tally.ts';
import { splitLeave } from '../../../domain/leave-parts.ts';
import { yearsOf } from '../../../domain/time.ts';
import { planOf } from '../../../domain/work-plan.ts';
import { allPages } from '../../remote/paging.ts';
import { allSettled, Expiring, ExpiringByKey } from '../../remote/cache.ts';
import {
  type LeaveBalance,
  type LeaveDraw,
  type LeaveRequest,
  type NewLeaveRequest,
  BackEndError,
  type TeamAbsence,
  teamAbsenceOf,
} from '../../time-tracker.ts';
import { USER_PAGE } from '../api.ts';
import { type ClockodoContext, type ClockodoPlanView, unlessRefused } from '../context.ts';
import type { LeaveEndpoints } from './endpoints.ts';
import { ClockodoError } from '../errors.ts';
import { absenceLastDay, absenceTypeCode, HOURS_BASED, leaveStatusOf, leaveTypeOf, toLeaveRequest } from '../mapping.ts';
import type { ClockodoAbsence } from '../wire.ts';

/** Absences: a manager may approve one meanwhile. */
const ABSENCES_TTL_MS = 60_000;
/** Colleagues' names change rarely. */
const NAMES_TTL_MS = 5 * 60_000;

export class ClockodoLeave extends CellPart<ClockodoContext, LeaveEndpoints, { plan: ClockodoPlanView }> {
  /** By the years asked for, e.g. '2026' or '2026,2027'. */
  readonly #absences = new ExpiringByKey<string, ClockodoAbsence[]>(ABSENCES_TTL_MS);
  readonly #colleagues = new Expiring<Map<number, string>>(NAMES_TTL_MS);

  async listLeave(query: { from: string; to: string }): Promise<LeaveRequest[]> {
    // Reports and the calendar ask for leave to count targets: where Clockodo offers none (a module off, a
    // plugin missing), there is none to count, and it is not asked.
    // Acting for a person, a report counts their absences whether or not the leave tools are offered.
    const readable = this.context.acting ? this.context.facts.current.absences !== false : this.context.facts.capabilities.current.has('leave');
    if (!readable) return [];
    const [absences, me] = await allSettled([this.#ownAbsences(query.from, query.to), this.context.me()]);
    const person = this.context.nameOf(me.user);
    return absences
      .filter((absence) => overlaps(absence, query.from, query.to))
      .map((absence) => toLeaveRequest(absence, person))
      .sort((a, b) => a.firstDay.localeCompare(b.firstDay));
  }

  async createLeave(request: NewLeaveRequest): Promise<LeaveRequest> {
    const code = absenceTypeCode(request.type, request.kind);
    if (code === HOURS_BASED) throw new BackEndError('clockodo_overtime_in_hours');
    // Clockodo takes no absence across New Year, and half a day only as a one-day absence.
    const parts = splitLeave(request);
    const me = await this.context.me();
    const file = async (part: (typeof parts)[number]) => {
      const body = {
        date_since: part.firstDay,
        date_until: part.lastDay,
        type: code,
        ...(part.halfDay ? { half_day: true } : {}),
        ...(request.comment ? { note: request.comment } : {}),
      };
      try {
        return await this.endpoints.createAbsence(body);
      } catch (error) {
        throw await this.#explainCollision(error, part);
      }
    };
    const created: ClockodoAbsence[] = [];
    try {
      // One after another: Clockodo checks each against the ones before (overlaps).
      for (const part of parts) created.push(await file(part));
    } finally {
      this.#absences.clear();
    }
    const person = this.context.nameOf(me.user);
    const first = toLeaveRequest(created[0] as ClockodoAbsence, person);
    const days = created.reduce((sum, absence) => sum + (absence.count_days ?? 0), 0);
    return {
      ...request,
      id: first.id,
      person,
      ...leaveTypeOf(code),
      days: created.every((absence) => typeof absence.count_days === 'number') ? days : request.days,
      status: first.status,
      ...(created.length > 1 ? { parts: created.map((absence) => ({ id: absence.id, firstDay: absence.date_since, lastDay: absenceLastDay(absence) })) } : {}),
    };
  }

  /** Clockodo's regular holiday is vacation, counted against its quota and carry-over; its other types draw on none. */
  async leaveDraw(request: Pick<NewLeaveRequest, 'type' | 'kind'>): Promise<LeaveDraw> {
    return leaveTypeOf(absenceTypeCode(request.type, request.kind)).type === 'vacation' ? 'vacation' : 'none';
  }

  async cancelLeave(id: number): Promise<LeaveRequest> {
    const me = await this.context.me();
    const absence = await this.endpoints.absence(id);
    if (absence.users_id !== me.user.id) throw new BackEndError('clockodo_absence_not_yours', { absence: id });
    const request = toLeaveRequest(absence, this.context.nameOf(me.user));
    if (request.status === 'approved') {
      // Cancelling an approval takes someone who manages absences; a person who does may do it for their own.
      if (me.user.role !== 'owner' && me.user.can_generally_manage_absences !== true) throw new BackEndError('clockodo_absence_approved', { absence: id });
      try {
        await this.endpoints.setAbsenceStatus(id, 3);
      } finally {
        this.#absences.clear();
      }
      return { ...request, status: 'cancelled' };
    }
    if (request.status !== 'pending') throw new BackEndError('clockodo_absence_decided', { absence: id, status: request.status });
    try {
      // The request stays listed as withdrawn, as on the web.
      await this.endpoints.setAbsenceStatus(id, 4);
    } catch (error) {
      // Where a worker may not set the status, deleting the unapproved request is what is left.
      if (!(error instanceof ClockodoError) || !(error.status === 403 || error.errorType === 'StatusIsForbidden')) throw error;
      await this.endpoints.deleteAbsence(id);
    } finally {
      this.#absences.clear();
    }
    return { ...request, status: 'cancelled' };
  }

  async leaveBalance(year: number): Promise<LeaveBalance> {
    const me = await this.context.me();
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const userId = me.user.id;
    const [quota, carry, absences, plan] = await allSettled([
      this.endpoints.holidaysQuota(userId, year),
      this.endpoints.holidaysCarry(userId, year),
      this.#ownAbsences(from, to),
      this.parts.plan.workPlan(from, to),
    ]);
    const entitled = quota.find((row) => row.year_since <= year && (row.year_until === null || row.year_until >= year))?.count ?? 0;
    const carryOver = carry.find((row) => row.year === year)?.count ?? 0;
    // Each day of a request counts where it falls: taken before today, planned from today on.
    const requests = absences.map((absence) => toLeaveRequest(absence, ''));
    const { taken, planned, other } = tallyLeave(requests, planOf(plan), { from, to, today: this.context.today() });
    const entitlement = entitled + carryOver;
    return { entitlement, carryOver, taken, planned, remaining: entitlement - taken - planned, other };
  }

  async teamAbsences(from: string, to: string): Promise<TeamAbsence[]> {
    const me = await this.context.me();
    // No user filter: Clockodo answers with the absences this login may see (the person's own, and
    // colleagues' where the company lets the person see them), never naming another user's id.
    const visible = await unlessRefused(this.endpoints.absences(yearsOf(from, to)), () => this.#ownAbsences(from, to));
    const names = visible.some((absence) => absence.users_id !== me.user.id) ? await this.#colleagueNames() : new Map<number, string>();
    const myName = this.context.nameOf(me.user);
    return visible
      .filter((absence) => overlaps(absence, from, to))
      .map((absence): TeamAbsence => {
        const own = absence.users_id === me.user.id;
        const request = toLeaveRequest(absence, own ? myName : (names.get(absence.users_id) ?? `Colleague #${absence.users_id}`));
        // Clockodo shows the type of a colleague's absence only to those who manage absences.
        return teamAbsenceOf(request, own, absence.type === undefined || absence.type === null ? null : request.type);
      });
  }

  /** The person's own absences of the years [from, to] touches (Clockodo lists absences by year). */
  async #ownAbsences(from: string, to: string): Promise<ClockodoAbsence[]> {
    const years = yearsOf(from, to);
    const userId = await this.context.userId();
    const absences = await this.#absences.get(years.join(','), () => this.endpoints.absences(years, userId));
    return absences.filter((absence) => absence.users_id === userId);
  }

  /**
   * Colleagues' names, from the users whose absences the person may see. A name is a nicety: where
   * Clockodo will not list them, the calendar says "Colleague #id" and the log says why.
   */
  #colleagueNames(): Promise<Map<number, string>> {
    return this.#colleagues.get(async () => {
      try {
        const users = await allPages(this.context.pager, (page) => this.endpoints.usersPage('viewAbsences', page, USER_PAGE));
        return new Map(users.map((user) => [user.id, user.name ?? `Colleague #${user.id}`]));
      } catch (error) {
        if (!(error instanceof ClockodoError)) throw error;
        this.context.options.log(`Clockodo did not list your colleagues' names (${error.message}); the calendar shows their ids.`);
        return new Map();
      }
    });
  }

  /**
   * A refused overlap names the absences it collides with, as the person knows them. They are in the
   * year of the part being filed (Clockodo's absences do not cross New Year): the person's absences
   * of that year have them, cached as list_leave_requests reads them.
   */
  async #explainCollision(error: unknown, part: { firstDay: string; lastDay: string }): Promise<unknown> {
    if (!(error instanceof ClockodoError) || error.errorType !== 'AbsenceCollision') return error;
    const ids = Array.isArray(error.details?.collidingAbsences) ? error.details.collidingAbsences.filter((id): id is number => Number.isSafeInteger(id)) : [];
    const known = await this.#ownAbsencesById(ids, part);
    const absences = ids.map((id) => {
      const absence = known.get(id);
      return absence ? { id, first_day: absence.date_since, last_day: absenceLastDay(absence), status: leaveStatusOf(absence.status) } : { id };
    });
    return new BackEndError('clockodo_absence_overlap', { absences });
  }

  async #ownAbsencesById(ids: readonly number[], part: { firstDay: string; lastDay: string }): Promise<Map<number, ClockodoAbsence>> {
    if (ids.length === 0) return new Map();
    try {
      const absences = await this.#ownAbsences(part.firstDay, part.lastDay);
      return new Map(absences.filter((absence) => ids.includes(absence.id)).map((absence) => [absence.id, absence]));
    } catch {
      return new Map();
    }
  }
}

function overlaps(absence: ClockodoAbsence, from: string, to: string): boolean {
  return absence.date_since <= to && absenceLastDay(absence) >= from;
}
