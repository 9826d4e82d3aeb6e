// Leave on Kimai's absence plugin: the person's absences listed with their working days counted (on
// the settings' week and holidays: Kimai keeps neither), a request filed as the parts the plugin
// accepts (none across New Year, none longer than 30 days), once it is known to meet none of the person's pending or
// approved requests (the plugin's own answer to an overlap is a form error naming none), and cancelled. A Kimai
// without the plugin answers 404 on its routes: then the leave tools are withdrawn, in words.
import { CellPart } from '../../grid/cell-part.ts';
import { LEAVE_YEARS_AHEAD } from '../../../domain/call-limits.ts';
import { addDays } from '../../../domain/time.ts';
import { leaveDays } from '../../../domain/leave-days.ts';
import { weekPlan } from '../../../domain/work-plan.ts';
import type { WorkWeek } from '../../../contract/settings.ts';
import { type LeaveDraw, type LeaveRequest, type NewLeaveRequest, BackEndError } from '../../time-tracker.ts';
import { fileInParts, refuseOverlap } from '../../leave-filing.ts';
import { currentCall } from '../../remote/request-budget.ts';
import { absenceLastDay, type AbsencePart, kimaiAbsenceType, splitLeave, toLeaveRequest } from '../mapping.ts';
import { remoteRefusal } from '../../remote/remote-error.ts';
import type { KimaiContext } from '../context.ts';
import { personName } from '../facts.ts';
import type { LeaveEndpoints } from './endpoints.ts';
import { KimaiError } from '../errors.ts';
import type { KimaiAbsence } from '../wire.ts';

/** The requests one listing found, with the days it covered. */
interface Listing {
  from: string;
  to: string;
  requests: LeaveRequest[];
}

export class KimaiLeave extends CellPart<KimaiContext, LeaveEndpoints> {
  /** What each listing of a tool call found (a balance's year): filing leave in the same call weighs its overlap on them. */
  readonly #listingsOfCall = new WeakMap<object, Listing[]>();
  /** Leave requests seen in listings, so cancelling one can say what it was without another fetch. */
  readonly #known = new Map<number, LeaveRequest>();

  async listLeave(query: { from: string; to: string }): Promise<LeaveRequest[]> {
    // Reports and the calendar ask for leave to count targets: where Kimai offers none (a module off, a
    // plugin missing), there is none to count, and it is not asked.
    if (!this.context.facts.capabilities.current.has('leave')) return [];
    const me = await this.context.profile();
    let absences: KimaiAbsence[];
    try {
      absences = await this.#plugin(() =>
        this.endpoints.absences({ user: me.id, begin: `${query.from}T00:00:00`, end: `${query.to}T23:59:59`, status: 'all' }),
      );
    } catch (error) {
      // A report counts targets with the leave it can find; a Kimai without the plugin has none.
      if (error instanceof BackEndError && error.kind === 'unavailable') return [];
      throw error;
    }
    const person = personName(me);
    const holidays = await this.#holidaysAround(absences);
    const workWeek = this.context.options.workWeek();
    const requests = absences.map((absence) => toLeaveRequest(absence, person, (shape) => countLeaveDays(shape, workWeek, holidays)));
    for (const request of requests) this.#known.set(request.id, request);
    this.#listed({ from: query.from, to: query.to, requests });
    return requests.sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.id - b.id);
  }

  async createLeave(request: NewLeaveRequest): Promise<LeaveRequest> {
    this.#requirePlugin();
    const absenceType = kimaiAbsenceType(request.type, request.kind);
    const me = await this.context.profile();
    // Found here, and said with the request it meets, before anything is sent (providers/leave-filing.ts).
    refuseOverlap(request, await this.#around(request));
    const file = async (part: AbsencePart) => {
      const body: Record<string, unknown> = { type: absenceType, date: part.firstDay, comment: request.comment, user: me.id };
      if (part.lastDay !== part.firstDay) body.end = part.lastDay;
      if (part.halfDay) body.halfDay = true;
      const answer = await this.#plugin(() => this.endpoints.createAbsence(body));
      const record = (Array.isArray(answer) ? answer : [answer])[0];
      if (!record) throw new KimaiError('wrong_service', remoteRefusal('kimai_absence_unrecorded', {}));
      return { id: record.id, firstDay: part.firstDay, lastDay: part.lastDay };
    };
    // One after another: the plugin checks each against the ones before (overlaps, balances).
    this.#forgetListings();
    const created = await fileInParts(splitLeave(request), file, { service: 'Kimai', verb: 'stores', unit: 'absences', undo: 'cancel' });
    const first = created[0];
    const result: LeaveRequest = { ...request, id: first.id, person: personName(me), status: 'pending', ...(created.length > 1 ? { parts: created } : {}) };
    this.#known.set(result.id, result);
    return result;
  }

  /** Kimai's holiday is vacation, counted against the settings' entitlement; its other types draw on none. */
  async leaveDraw(request: Pick<NewLeaveRequest, 'type' | 'kind'>): Promise<LeaveDraw> {
    return kimaiAbsenceType(request.type, request.kind) === kimaiAbsenceType('vacation') ? 'vacation' : 'none';
  }

  async cancelLeave(id: number): Promise<LeaveRequest> {
    this.#requirePlugin();
    // The plugin has no single-absence read; a listing finds requests made earlier. It reaches from
    // last year as far ahead as list_leave_requests does, so whatever that listed can be cancelled.
    let known = this.#known.get(id);
    if (!known) {
      const year = Number(new Date(this.context.options.now()).toISOString().slice(0, 4));
      await this.listLeave({ from: `${year - 1}-01-01`, to: `${year + LEAVE_YEARS_AHEAD}-12-31` });
      known = this.#known.get(id);
    }
    // What cannot be described is not deleted: the person would not know what they cancelled.
    if (!known) throw new BackEndError('kimai_absence_not_found', { absence: id });
    this.#forgetListings();
    await this.endpoints.deleteAbsence(id);
    this.#known.delete(id);
    return { ...known, status: 'cancelled' };
  }

  /**
   * The person's requests over the days of `request`: those the listings of this tool call found where together they
   * cover those days (request_leave reads the balance's years first), else a listing of those days (1 request).
   */
  async #around(request: Pick<NewLeaveRequest, 'firstDay' | 'lastDay'>): Promise<LeaveRequest[]> {
    const call = currentCall();
    const listings = (call && this.#listingsOfCall.get(call)) ?? [];
    if (covers(listings, request.firstDay, request.lastDay)) return listings.flatMap((listing) => listing.requests);
    return this.listLeave({ from: request.firstDay, to: request.lastDay });
  }

  /** Keeps what a listing found for the rest of the tool call. */
  #listed(listing: Listing): void {
    const call = currentCall();
    if (!call) return;
    this.#listingsOfCall.set(call, [...(this.#listingsOfCall.get(call) ?? []), listing]);
  }

  /** A write changes what the person has: what the call listed before it is read afresh. */
  #forgetListings(): void {
    const call = currentCall();
    if (call) this.#listingsOfCall.delete(call);
  }

  /**
   * A call to the absence plugin's listing or filing. Its routes answer 404 on a Kimai without it:
   * when nothing was known, the leave tools were offered on trust, and this is where that trust ends
   * — in words, with the tools withdrawn for the rest of the session and for the next start.
   */
  async #plugin<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof KimaiError) || error.failure !== 'not_found') throw error;
      this.context.learnAbsences(false);
      throw new BackEndError('kimai_absence_plugin_missing', { need: 'own_leave' });
    }
  }

  #requirePlugin(): void {
    if (!this.context.facts.capabilities.current.has('leave')) throw new BackEndError('kimai_absence_plugin_missing', { need: 'own_leave' });
  }

  /** The holidays the listed absences span, asked for once. */
  async #holidaysAround(absences: readonly KimaiAbsence[]): Promise<ReadonlySet<string>> {
    if (absences.length === 0) return new Set();
    const first = absences.map((absence) => absence.date.slice(0, 10)).reduce((a, b) => (a < b ? a : b));
    const last = absences.map(absenceLastDay).reduce((a, b) => (a > b ? a : b));
    return new Set((await this.context.options.holidays(first, last)).keys());
  }
}

function countLeaveDays(request: Omit<LeaveRequest, 'days'>, workWeek: WorkWeek, holidays: ReadonlySet<string>): number {
  const counted = leaveDays(request, weekPlan(workWeek, holidays));
  return counted.ok ? counted.workingDays : 0;
}

/** Whether the listings' days together hold every day from `from` to `to`. */
function covers(listings: readonly Listing[], from: string, to: string): boolean {
  for (let day = from; day <= to; ) {
    const listing = listings.find((item) => item.from <= day && item.to >= day);
    if (!listing) return false;
    day = addDays(listing.to, 1);
  }
  return true;
}
