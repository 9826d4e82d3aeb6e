// Leave on Calamari's Time Off: the person's requests, a request filed on the organisation's absence
// types (an overlap refused first, with the request it meets), the balance Calamari keeps, and the
// absence calendar read by team — of colleagues only who is away, when and the kind, never their
// comments, balances or working times. Calamari's API cannot cancel a request.
import { tallyLeave } from '../../../domain/leave-tally.ts';
import { planOf } from '../../../domain/work-plan.ts';
import { allSettled, Expiring, ExpiringByKey } from '../../remote/cache.ts';
import {
  type LeaveBalance,
  type LeaveDraw,
  type LeaveRequest,
  type NewLeaveRequest,
  BackEndError,
  type PlanPart,
  type TeamAbsence,
  teamAbsenceOf,
} from '../../time-tracker.ts';
import { refuseOverlap } from '../../leave-filing.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { type CalamariContext, personName, REFERENCE_TTL_MS, type CalamariGrid } from '../context.ts';
import { unlessRefused } from '../../remote/remote-error.ts';
import { leaveTypeOfName } from '../../../domain/leave-type-names.ts';
import { absenceTypeFor, requestParts, toLeaveRequest } from '../mapping.ts';
import type { CalamariAbsenceType, CalamariRequest } from '../wire.ts';
import { sameEmail } from '../../../contract/back-end-accounts.ts';
import { emailKey } from '../reporting-lines.ts';
import { leaveEndpoints, type LeaveEndpoints } from './endpoints.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** One listing of leave requests serves the calls of a moment, as one of shifts does. */
const REQUESTS_REUSE_MS = 5_000;
/** Calamari's pages of employees are small; a team of a thousand is ten of them. */
const MAX_EMPLOYEE_PAGES = 50;

export class CalamariLeave extends CellPart<CalamariContext, LeaveEndpoints, { plan: PlanPart }> {
  /** By the days asked about ('from..to'); filing a request forgets them all. */
  readonly #requests = new ExpiringByKey<string, CalamariRequest[]>(REQUESTS_REUSE_MS);
  readonly #teamNames = new Expiring<Map<string, string>>(REFERENCE_TTL_MS);

  async createLeave(request: NewLeaveRequest): Promise<LeaveRequest> {
    const [types, existing, name] = await allSettled([this.context.types(), this.#ownRequests(request.firstDay, request.lastDay), this.context.name()]);
    const type = absenceTypeFor(types, request.type, request.kind);
    // Calamari's answer to an overlap is a code it documents for several mistakes: the overlap is found
    // here, and said with the request it meets.
    refuseOverlap(
      request,
      existing.map((item) => toLeaveRequest(item, name)),
    );
    const answer = await this.endpoints.createRequest({
      absenceTypeId: String(type.id),
      dateFrom: request.firstDay,
      dateTo: request.lastDay,
      ...requestParts(request),
      ...(request.comment ? { comment: request.comment } : {}),
    });
    this.#requests.clear();
    return { ...request, id: answer.id, person: name, type: request.type, kind: type.name, status: 'pending' };
  }

  /**
   * The organisation's type the request would be filed on: the vacation type whose balance
   * leave_balance reads, another type named as vacation (a balance of its own, which Punchcard does
   * not read: Calamari decides), or one that is not vacation.
   */
  async leaveDraw(request: Pick<NewLeaveRequest, 'type' | 'kind'>): Promise<LeaveDraw> {
    const types = await this.context.types();
    const type = absenceTypeFor(types, request.type, request.kind);
    if (leaveTypeOfName(type.name) !== 'vacation') return 'none';
    if (type.id === vacationType(types).id) return 'vacation';
    return {
      unread: `${quotedLine(type.name)} has an allowance of its own in Calamari, which Punchcard does not read; Calamari decides whether it covers the request.`,
    };
  }

  async listLeave(query: { from: string; to: string }): Promise<LeaveRequest[]> {
    // Reports and the calendar ask for leave to count targets: where Calamari offers none (a module off, a
    // plugin missing), there is none to count, and it is not asked.
    if (!this.context.facts.capabilities.current.has('leave')) return [];
    const [requests, name] = await allSettled([this.#ownRequests(query.from, query.to), this.context.name()]);
    return requests.map((request) => toLeaveRequest(request, name)).sort((a, b) => a.firstDay.localeCompare(b.firstDay));
  }

  async cancelLeave(): Promise<LeaveRequest> {
    throw new BackEndError('calamari_leave_cancel_unsupported');
  }

  async leaveBalance(year: number): Promise<LeaveBalance> {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const today = this.context.today(await this.context.zone());
    const [types, requests, plan] = await allSettled([this.context.types(), this.#ownRequests(from, to), this.parts.plan.workPlan(from, to)]);
    const vacation = vacationType(types);
    // The balance as Calamari counts it on a day of that year: today within this year.
    const asOf = today < from ? from : today > to ? to : today;
    const balance = await this.endpoints.entitlementBalance(vacation.id, asOf);
    // Taken and planned are of the vacation type whose balance was read; another type Punchcard also
    // calls vacation draws on its own entitlement, so it counts in neither.
    const counted = requests.filter((raw) => raw.absenceTypeId === vacation.id || leaveTypeOfName(raw.absenceTypeName) !== 'vacation');
    const { taken, planned, other } = tallyLeave(
      counted.map((raw) => toLeaveRequest(raw, '')),
      planOf(plan),
      { from, to, today },
    );
    // Calamari says what is left, not what was granted (its API has no entitlement): the rest is counted here.
    return { entitlement: null, carryOver: null, taken, planned, remaining: balance.amount ?? 0, other, ...(balance.unlimited ? { unlimited: true } : {}) };
  }

  async teamAbsences(from: string, to: string): Promise<TeamAbsence[]> {
    const me = await this.context.person();
    const name = me ? personName(me) : this.context.email;
    const teams = (me?.teams ?? []).map((team) => team.id);
    if (teams.length === 0) {
      const own = await this.#ownRequests(from, to);
      return own.map((request) => teamAbsenceOf(toLeaveRequest(request, name), true));
    }
    // By team, so no colleague is named in a request; of their absences only who, when and what kind.
    const [requests, names] = await allSettled([this.endpoints.teamRequests(from, to, teams), this.#namesOfTeams(teams)]);
    return requests.map((request) => {
      const own = sameEmail(request.employeeEmail, this.context.email);
      const person = own ? name : (names.get(emailKey(request.employeeEmail)) ?? 'A colleague');
      return teamAbsenceOf(toLeaveRequest({ ...request, comment: null, reason: null }, person), own);
    });
  }

  /** The person's requests overlapping [from, to]. */
  #ownRequests(from: string, to: string): Promise<CalamariRequest[]> {
    return this.#requests.get(`${from}..${to}`, () => this.endpoints.requests(from, to));
  }

  /** Names of the people of the person's teams, by e-mail; read by team, page by page. */
  #namesOfTeams(teams: readonly number[]): Promise<Map<string, string>> {
    return this.#teamNames.get(async () => {
      const names = new Map<string, string>();
      for (let page = 0; page < MAX_EMPLOYEE_PAGES; page++) {
        const answer = await unlessRefused(this.endpoints.teamMembers(teams, page));
        if (!answer) break;
        for (const employee of answer.employees) names.set(emailKey(employee.email), personName(employee));
        if (answer.totalPages === undefined || page + 1 >= answer.totalPages) break;
      }
      return names;
    });
  }
}

/** The organisation's vacation type, or a refusal saying none is recognisable as one. */
function vacationType(types: readonly CalamariAbsenceType[]): CalamariAbsenceType {
  try {
    return absenceTypeFor(types, 'vacation', undefined);
  } catch {
    throw new BackEndError('calamari_no_vacation_type', { types: types.map((type) => type.name) });
  }
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<CalamariGrid, LeaveEndpoints>({
  endpoints: leaveEndpoints,
  parts: (context, endpoints, built) => ({ leave: new CalamariLeave(context, endpoints, { plan: built.part('plan') }) }),
});
