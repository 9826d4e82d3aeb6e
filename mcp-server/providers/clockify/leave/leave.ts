// Leave on Clockify's time off: the person's requests, a request filed on the right policy (by its
// name, or the one policy of Punchcard's type; half days where the policy allows them, each its own
// one-day request as Clockify takes them), a pending request withdrawn, the balances Clockify keeps
// per policy, and the absence calendar with colleagues' approved time off where Clockify shows it to
// the person — of colleagues only who is away, when and the policy, never their notes. A request is
// the person's only where Clockify's answer says so: one that names someone else is neither listed as
// theirs nor withdrawn, whatever the key may do.
import { leaveDays } from '../../../domain/leave-days.ts';
import { splitLeave, type LeavePart } from '../../../domain/leave-parts.ts';
import { leaveTypeOfName } from '../../../domain/leave-type-names.ts';
import { tallyLeave } from '../../../domain/leave-tally.ts';
import { addDays } from '../../../domain/time.ts';
import { planOf, weekPlan } from '../../../domain/work-plan.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { allSettled, Expiring } from '../../remote/cache.ts';
import { allPages, type Page, pagesUntilLast } from '../../remote/paging.ts';
import { remoteRefusal, unlessRefused } from '../../remote/remote-error.ts';
import { fileInParts, refuseOverlap } from '../../leave-filing.ts';
import {
  type LeaveBalance,
  type LeaveDraw,
  type LeaveRequest,
  type NewLeaveRequest,
  BackEndError,
  type TeamAbsence,
  teamAbsenceOf,
} from '../../time-tracker.ts';
import { countedPage } from '../api.ts';
import { type ClockifyContext, type ClockifyPlanView, REFERENCE_TTL_MS } from '../context.ts';
import type { LeaveEndpoints } from './endpoints.ts';
import { ClockifyError } from '../errors.ts';
import { type PolicyChoice, policyFor, timeOffBody, toLeaveRequest } from '../mapping.ts';
import type { ClockifyBalance, ClockifyPolicy, ClockifyTimeOffRequest, ClockifyTimeOffRequests } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** One listing of the person's requests serves the calls of a moment. */
const REQUESTS_REUSE_MS = 5_000;
/**
 * Clockify selects requests by when they were created, not by their period (docs/back-ends/clockify.md,
 * "Time off"): colleagues' time off is asked for from a year before the period (or before today,
 * where that is earlier) and cut to the period here. Asked this way, it is right also should Clockify
 * read the bounds as the period after all.
 */
const CREATED_BEFORE_DAYS = 366;

export class ClockifyLeave extends CellPart<ClockifyContext, LeaveEndpoints, { plan: ClockifyPlanView }> {
  readonly #own = new Expiring<ClockifyTimeOffRequest[]>(REQUESTS_REUSE_MS);
  readonly #balances = new Expiring<ClockifyBalance[]>(REQUESTS_REUSE_MS);
  readonly #policies = new Expiring<ClockifyPolicy[] | null>(REFERENCE_TTL_MS);

  async listLeave(query: { from: string; to: string }): Promise<LeaveRequest[]> {
    // Reports and the calendar ask for leave to count targets: where Clockify offers none (a module off, a
    // plugin missing), there is none to count, and it is not asked. Acting for a person (acting.ts), a tracker
    // the team server made for them may not have asked yet: where Clockify says time off is off, there is none.
    const acting = this.context.options.actingFor !== undefined;
    if (!this.context.facts.capabilities.current.has('leave')) return [];
    const own = acting ? ((await unlessTimeOffOff(this.#ownRequests())) ?? []) : await this.#ownRequests();
    const requests = own.filter((request) => overlaps(request, query));
    return (await this.#leaveRequests(requests))
      .filter((request) => request.lastDay >= query.from && request.firstDay <= query.to)
      .sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.id - b.id);
  }

  async createLeave(request: NewLeaveRequest): Promise<LeaveRequest> {
    const [policies, existing, { workspaceId }, user] = await allSettled([
      this.#myPolicies(),
      this.listLeave({ from: request.firstDay, to: request.lastDay }),
      this.context.ids(),
      this.context.person(),
    ]);
    const policy = policyFor(policies, request.type, request.kind);
    const parts = splitLeave(request, Number.POSITIVE_INFINITY, true);
    if (policy.halfDay === false && parts.some((part) => part.halfDay)) {
      throw new BackEndError('clockify_policy_no_half_days', { policy: policy.name });
    }
    // Found here, and said with the request it meets: Clockify's own answer to an overlap is not documented.
    refuseOverlap(request, existing);
    const file = async (part: LeavePart) => {
      const created = await this.endpoints.createTimeOff(workspaceId, policy.id, timeOffBody(part, request.comment));
      if (typeof created?.id !== 'string' || created.id === '') throw new ClockifyError('wrong_service', remoteRefusal('clockify_time_off_unanswered', {}));
      return { created, id: await this.context.number('timeOff', created.id), firstDay: part.firstDay, lastDay: part.lastDay };
    };
    this.#forget();
    const filed = await fileInParts(parts, file, { service: 'Clockify', verb: 'takes', unit: 'requests', undo: 'withdraw' });
    const first = filed[0];
    const status = (await this.#leaveRequests([first.created]))[0]?.status ?? 'pending';
    return {
      ...request,
      id: first.id,
      person: this.context.nameOf(user),
      kind: policy.name,
      status,
      ...(filed.length > 1 ? { parts: filed.map(({ id, firstDay, lastDay }) => ({ id, firstDay, lastDay })) } : {}),
    };
  }

  /** Withdraws a pending request; Clockify's API withdraws nothing else for the person. */
  async cancelLeave(number: number): Promise<LeaveRequest> {
    const remote = await this.context.remote('timeOff', number, 'clockify_number_unknown', { record: 'time_off_request', id: number });
    this.#own.invalidate();
    const found = (await this.#ownRequests()).find((request) => request.id === remote);
    // #ownRequests keeps only the person's: a colleague's request is not found here, whatever the key may do.
    if (!found) throw new BackEndError('clockify_time_off_gone', { request: number });
    const [shown] = await this.#leaveRequests([found]);
    const current = shown as LeaveRequest;
    if (current.status === 'approved') throw new BackEndError('clockify_time_off_approved', { request: number });
    if (current.status !== 'pending') throw new BackEndError('clockify_time_off_not_pending', { request: number, status: current.status });
    const { workspaceId } = await this.context.ids();
    this.#forget();
    await this.endpoints.deleteTimeOff(workspaceId, found.policyId, found.id, number);
    return { ...current, status: 'cancelled' };
  }

  /**
   * The vacation policies' balances as Clockify keeps them: one running balance per policy, not one
   * per year, so the entitlement and what remains are Clockify's now; taken and planned are the
   * year's own, counted on the person's plan.
   */
  async leaveBalance(year: number): Promise<LeaveBalance> {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const [balances, requests, plan, today] = await allSettled([
      this.#myBalances(),
      this.listLeave({ from, to }),
      this.parts.plan.workPlan(from, to),
      this.context.today(),
    ]);
    const vacation = vacationBalances(balances);
    if (vacation.length === 0) {
      throw new BackEndError('clockify_no_vacation_policy', { policies: balances.map((balance) => String(balance.policyName ?? balance.policyId)) });
    }
    const sum = (pick: (balance: ClockifyBalance) => number | null | undefined) => vacation.reduce((total, balance) => total + (pick(balance) ?? 0), 0);
    const vacationPolicies = new Set(vacation.map((balance) => balance.policyName));
    // Taken and planned of the policies whose balance was read; another policy Punchcard also calls vacation draws on its own.
    const counted = requests.filter((request) => request.type !== 'vacation' || vacationPolicies.has(request.kind));
    const { taken, planned, other } = tallyLeave(counted, planOf(plan), { from, to, today });
    return {
      entitlement: sum((balance) => balance.total),
      carryOver: null,
      taken,
      planned,
      remaining: sum((balance) => balance.balance),
      other,
      acrossYears: true,
    };
  }

  /**
   * The policy the request would be filed on: the one vacation policy whose balance leave_balance
   * reads, or one that is not vacation. Of several vacation policies leave_balance adds the balances
   * up, which no single one of them has: then, and for a vacation policy without a balance, Clockify
   * decides alone.
   */
  async leaveDraw(request: Pick<NewLeaveRequest, 'type' | 'kind'>): Promise<LeaveDraw> {
    const [policies, balances] = await allSettled([this.#myPolicies(), this.#myBalances()]);
    const policy = policyFor(policies, request.type, request.kind);
    if (leaveTypeOfName(policy.name) !== 'vacation') return 'none';
    const vacation = vacationBalances(balances);
    if (vacation.length === 1 && vacation[0]?.policyId === policy.id) return 'vacation';
    const why = vacation.some((balance) => balance.policyId === policy.id)
      ? `is one of ${vacation.length} vacation policies of yours, whose balances leave_balance adds up`
      : 'has no balance of yours that Clockify shows';
    return { unread: `The Clockify policy ${quotedLine(policy.name)} ${why}; Clockify decides whether it covers the request.` };
  }

  /** The person's own requests, and colleagues' approved time off where Clockify shows it to them. */
  async teamAbsences(from: string, to: string): Promise<TeamAbsence[]> {
    const [own, team, { userId }] = await allSettled([this.listLeave({ from, to }), this.#teamRequests(from, to), this.context.ids()]);
    const colleagues = team.filter((request) => request.userId !== userId);
    const numbers = await this.context.numbers(
      'timeOff',
      colleagues.map((request) => request.id),
    );
    const zone = await this.context.zone();
    const shown = colleagues.map((request, index) =>
      teamAbsenceOf(
        toLeaveRequest({ ...request, note: null }, numbers[index] as number, request.userName?.trim() || 'A colleague', request.userTimeZone || zone, () => 0),
        false,
      ),
    );
    return [
      ...own.map((request) => teamAbsenceOf(request, true)),
      ...shown.filter((absence) => absence.status === 'approved' && absence.lastDay >= from && absence.firstDay <= to),
    ];
  }

  /**
   * Every request of the person's, of every status, page after page (Clockify's count says how many
   * pages): only those Clockify says are theirs, should it answer with anyone else's.
   */
  #ownRequests(): Promise<ClockifyTimeOffRequest[]> {
    return this.#own.get(async () => {
      const { workspaceId, userId } = await this.context.ids();
      const listed = await allPages(this.context.pager, async (page) =>
        requestPage(await this.endpoints.timeOffRequests(workspaceId, { users: [userId], statuses: ['ALL'] }, page, true)),
      );
      return listed.filter((request) => request.userId === userId);
    });
  }

  /** Colleagues' approved time off that may touch [from, to]; none where Clockify shows the person only their own. */
  async #teamRequests(from: string, to: string): Promise<ClockifyTimeOffRequest[]> {
    const [{ workspaceId }, today] = await allSettled([this.context.ids(), this.context.today()]);
    const filter = { statuses: ['APPROVED'], start: `${addDays(from < today ? from : today, -CREATED_BEFORE_DAYS)}T00:00:00.000000Z` };
    const listed = await unlessRefused(
      allPages(this.context.pager, async (page) => requestPage(await this.endpoints.timeOffRequests(workspaceId, filter, page, false))),
    );
    return (listed ?? []).filter((request) => overlaps(request, { from, to }));
  }

  /** The person's balances, one per policy they have. */
  #myBalances(): Promise<ClockifyBalance[]> {
    return this.#balances.get(async () => {
      const { workspaceId, userId } = await this.context.ids();
      const listed = await allPages(this.context.pager, async (page) => {
        const answer = await this.endpoints.balances(workspaceId, userId, page);
        return countedPage(answer?.balances ?? [], answer?.count);
      });
      return listed.filter((balance) => !balance.userId || balance.userId === userId);
    });
  }

  /**
   * The policies the person may file on: those they have a balance in, and those open to everyone or
   * naming them. Whether a policy allows half days is read from the policy where the person may
   * read the policies (Clockify shows them to admins in some workspaces); Clockify decides elsewhere.
   */
  async #myPolicies(): Promise<PolicyChoice[]> {
    const [balances, policies, { userId }] = await allSettled([this.#myBalances(), this.#allPolicies(), this.context.ids()]);
    const byId = new Map((policies ?? []).map((policy) => [policy.id, policy]));
    const choices = new Map<string, PolicyChoice>();
    for (const balance of balances.filter((item) => !item.policyArchived)) {
      const policy = byId.get(balance.policyId);
      if (policy?.archived) continue;
      choices.set(balance.policyId, {
        id: balance.policyId,
        name: policy?.name ?? balance.policyName ?? balance.policyId,
        halfDay: policy?.allowHalfDay,
        unit: (policy?.timeUnit ?? balance.policyTimeUnit ?? 'DAYS').toUpperCase(),
      });
    }
    for (const policy of policies ?? []) {
      if (policy.archived || choices.has(policy.id) || !(policy.everyoneIncludingNew || policy.userIds?.includes(userId))) continue;
      choices.set(policy.id, { id: policy.id, name: policy.name, halfDay: policy.allowHalfDay, unit: (policy.timeUnit ?? 'DAYS').toUpperCase() });
    }
    return [...choices.values()];
  }

  #allPolicies(): Promise<ClockifyPolicy[] | null> {
    return this.#policies.get(async () => {
      const { workspaceId } = await this.context.ids();
      return unlessRefused(pagesUntilLast((page) => this.endpoints.policiesPage(workspaceId, page)));
    });
  }

  async #leaveRequests(requests: readonly ClockifyTimeOffRequest[]): Promise<LeaveRequest[]> {
    const [numbers, user, zone] = await allSettled([
      this.context.numbers(
        'timeOff',
        requests.map((request) => request.id),
      ),
      this.context.person(),
      this.context.zone(),
    ]);
    const week = this.context.options.workWeek();
    const count = (range: Parameters<typeof leaveDays>[0]) => {
      const counted = leaveDays(range, weekPlan(week));
      return counted.ok ? counted.workingDays : 0;
    };
    return requests.map((request, index) => toLeaveRequest(request, numbers[index] as number, this.context.nameOf(user), request.userTimeZone || zone, count));
  }

  #forget(): void {
    this.#own.invalidate();
    this.#balances.invalidate();
  }
}

/** The balances of the person's vacation policies in days: what leave_balance reports. */
function vacationBalances(balances: readonly ClockifyBalance[]): ClockifyBalance[] {
  return balances.filter(
    (balance) =>
      !balance.policyArchived && (balance.policyTimeUnit ?? 'DAYS').toUpperCase() === 'DAYS' && leaveTypeOfName(balance.policyName ?? undefined) === 'vacation',
  );
}

/** A page of requests as Clockify's count describes it. */
function requestPage(answer: ClockifyTimeOffRequests | undefined): Page<ClockifyTimeOffRequest> {
  return countedPage(answer?.requests ?? [], answer?.count);
}

/** Whether a request's period may touch [from, to]: read loosely here (a day either side), exactly once mapped. */
function overlaps(request: ClockifyTimeOffRequest, range: { from: string; to: string }): boolean {
  const start = request.timeOffPeriod?.period?.start?.slice(0, 10);
  const end = request.timeOffPeriod?.period?.end?.slice(0, 10) ?? start;
  if (!start || !end) return true;
  return end >= addDays(range.from, -1) && start <= addDays(range.to, 1);
}

/** A read of time off, or null where Clockify says it is off or not in the plan (403, or a 404 in JSON), as probeTimeOff reads it. */
async function unlessTimeOffOff<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ClockifyError && (error.status === 403 || (error.status === 404 && error.failure === 'not_found'))) return null;
    throw error;
  }
}
