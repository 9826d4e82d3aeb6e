// Timesheet approvals on Clockify (docs/back-ends/clockify.md, "Timesheet approvals"): the approvals part
// over the approval-requests API (endpoints.ts, and the list in api.ts). What Clockify's API does not show is worked out:
// - the workspace's approval period: from the days of any request the person can list, else weekly,
//   Clockify's default; a submission Clockify refuses as "not the workspace's period" rules that one out
//   and says so (timesheet_period_relearned), so at most three submissions ever learn it. The week
//   starts on the person's own week start in Clockify.
// - a person's rejected request: Clockify lists it no more (it reverts to unsubmitted, as a withdrawn
//   submission does), so a request of theirs Punchcard saw pending and then not listed, and that they did
//   not withdraw through Punchcard, is shown as rejected, without its note, which Clockify e-mailed
//   (memory.ts). An approver's own rejections are remembered with the note and shown to them.
// - one request by its id: there is no read by id, so the lists are scanned, a few pages each.
// Lists are read a page of 50 at a time, latest period first, and at most MAX_PAGES pages a state; a
// tool call reads each page once (pages are kept for the call). Every refusal Punchcard can tell (one's
// own submission, one not found, one not theirs to decide) is said before anything is sent; Clockify's
// 403 withdraws the group (#approving).
import type { ApprovalsPart } from '../../time-tracker.ts';
import { BackEndError } from '../../time-tracker.ts';
import type { ApprovalRule, ApprovalStatus, DaySpan, PeriodLock, SubmissionEntry, TimesheetSubmission } from '../../../domain/approvals.ts';
import { addDays } from '../../../domain/time.ts';
import { factsPlace } from '../../remote-tracker.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { refusedAsUnavailable } from '../../remote/optional-read.ts';
import { currentCall, requestsLeft } from '../../remote/request-budget.ts';
import { CLOCKIFY_PERIOD, PERIOD_OF, PERIODS_TRIED, periodOfDays, submissionOf, weekdayNumber } from './mapping.ts';
import { ApprovalMemory, type RememberedSubmission } from './memory.ts';
import type { RefusalArgs } from '../../../contract/outcomes/refusals.ts';
import { APPROVAL_PAGE } from '../api.ts';
import type { ApprovalsEndpoints, ClockifyApprovalPeriod } from './endpoints.ts';
import type { ClockifyCatalogView, ClockifyContext } from '../context.ts';
import { ClockifyError, unreadable } from '../errors.ts';
import { clockifyFactsKey } from '../facts.ts';
import { entryEnd, entryStart, isWork } from '../mapping.ts';
import type { ClockifyApprovalDetails, ClockifyTimeEntry, ListedApprovalState } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** Pages of one state a call reads at most: 200 requests, latest period first. */
export const MAX_PAGES = 4;
/** Requests a scan leaves for what the call does after it (the change it makes, the names of a request's entries). */
const SCAN_MARGIN = 3;
/** The longest period (a month): a request starting this long before a span's first day cannot touch it. */
const LONGEST_PERIOD_DAYS = 31;
/** The entries of the request last found for a decision, kept for the window's look at them: at most this many. */
const KEPT_ENTRIES = 500;
/** Clockify's ids: 24 hexadecimal digits. Anything else is no request, said before anything is sent. */
const CLOCKIFY_ID = /^[0-9a-f]{24}$/i;
/** Clockify's words when a submission's period is not the workspace's (a refusal of the submission). */
const PERIOD_REFUSED = /period has to match|approval period/i;

const LISTED: readonly ListedApprovalState[] = ['PENDING', 'APPROVED', 'WITHDRAWN_APPROVAL'];
const STATE_OF: Readonly<Record<ApprovalStatus, readonly ListedApprovalState[]>> = {
  pending: ['PENDING'],
  approved: ['APPROVED'],
  withdrawn: ['WITHDRAWN_APPROVAL'],
  // Clockify lists no rejected request: only those this approver rejected here are known.
  rejected: [],
};

/** A request as listed: the submission, and its inline entries. */
interface Listed {
  submission: TimesheetSubmission;
  entries: ClockifyTimeEntry[];
}

/** Pages read during one tool call, by state and page: the next method of the same call reads them again for free. */
const pagesOfCall = new WeakMap<object, Map<string, ClockifyApprovalDetails[]>>();

const touches = (item: DaySpan, span: DaySpan) => item.firstDay <= span.lastDay && item.lastDay >= span.firstDay;

export class ClockifyApprovals extends CellPart<ClockifyContext, ApprovalsEndpoints, { catalog: ClockifyCatalogView }> implements ApprovalsPart {
  /** Clockify keeps a rejection's note for nobody to read through its API: it e-mails it to the person. */
  readonly rejectionNoteKept = false;
  /** The request last found for a decision and its entries, for entriesOf right after it (submission_entries). */
  #lastFound: { id: string; entries: ClockifyTimeEntry[] } | undefined;

  async rule(): Promise<ApprovalRule> {
    const [period, user] = await Promise.all([this.#period(), this.context.person()]);
    return { period: PERIOD_OF[period], weekStart: weekdayNumber(user.settings?.weekStart) ?? 1 };
  }

  async submit(span: DaySpan, period: TimesheetSubmission['period']): Promise<TimesheetSubmission> {
    const { workspaceId } = await this.context.ids();
    const asked = CLOCKIFY_PERIOD[period];
    let answer: Awaited<ReturnType<ApprovalsEndpoints['submitApproval']>>;
    try {
      answer = await this.#approving(() => this.endpoints.submitApproval(workspaceId, span.firstDay, asked));
    } catch (error) {
      const next = error instanceof ClockifyError && error.status === 400 && PERIOD_REFUSED.test(messageOf(error)) ? this.#ruleOut(asked) : undefined;
      if (next === undefined) throw error;
      throw new BackEndError('timesheet_period_relearned', { back_end: 'Clockify', tried: period, next: PERIOD_OF[next] });
    }
    this.#forgetPages();
    if (this.context.facts.current.approvalPeriod !== asked) this.context.facts.learn({ approvalPeriod: asked });
    const submission = submissionOf(answer);
    if (!submission) throw unreadable('the approval request it made');
    this.#memory(submission.personId).remember(remembered(submission, 'pending'));
    return submission;
  }

  async own(span: DaySpan): Promise<TimesheetSubmission[]> {
    const { userId } = await this.context.ids();
    const scanned = await this.#listed(LISTED, span);
    const listed = scanned.map((item) => item.submission).filter((item) => item.personId === userId);
    const memory = this.#memory(userId);
    const known = memory.all().filter((item) => item.personId === userId);
    const listedIds = new Set(listed.map((item) => item.id));
    const listedStarts = new Set(listed.map((item) => item.firstDay));
    // A remembered request of the span that Clockify lists no more was rejected, unless the person
    // withdrew it here; one whose period was submitted anew is replaced by the new one. Only where the
    // lists were read to their end for these days: one past the pages read may be listed still.
    const gone = scanned.complete ? known.filter((item) => touches(item, span) && !listedIds.has(item.id)) : [];
    const superseded = gone.filter((item) => listedStarts.has(item.firstDay));
    const unlisted: TimesheetSubmission[] = gone
      .filter((item) => !listedStarts.has(item.firstDay))
      .map((item) => ({ ...item, status: item.status === 'withdrawn' ? 'withdrawn' : 'rejected', note: null, decidedBy: null }));
    memory.forget(superseded.map((item) => item.id));
    const seen = new Set(known.map((item) => item.id));
    const fresh = listed.filter((item) => item.status === 'pending' && !seen.has(item.id));
    if (fresh.length > 0) memory.remember(...fresh.map((item) => remembered(item, 'pending')));
    return [...listed, ...unlisted].sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.id.localeCompare(b.id));
  }

  async toDecide(query: { span: DaySpan; status: ApprovalStatus | undefined; person: string | undefined; limit: number }): Promise<TimesheetSubmission[]> {
    const { userId } = await this.context.ids();
    const wanted = query.person?.trim().toLowerCase();
    const matches = (item: TimesheetSubmission) =>
      item.personId !== userId && touches(item, query.span) && (wanted === undefined || item.person.toLowerCase().includes(wanted));
    const states = query.status === undefined ? LISTED : STATE_OF[query.status];
    const listed = states.length === 0 ? [] : (await this.#listed(states, query.span)).map((item) => item.submission).filter(matches);
    const rejected =
      query.status === undefined || query.status === 'rejected'
        ? this.#memory(userId)
            .all()
            .filter((item) => item.status === 'rejected')
            .map((item): TimesheetSubmission => ({ ...item, status: 'rejected' }))
            .filter((item) => matches(item) && !listed.some((other) => other.personId === item.personId && other.firstDay === item.firstDay))
        : [];
    return [...listed, ...rejected]
      .sort((a, b) => b.firstDay.localeCompare(a.firstDay) || a.person.localeCompare(b.person) || a.id.localeCompare(b.id))
      .slice(0, query.limit);
  }

  async findForDecision(id: string): Promise<TimesheetSubmission> {
    const wanted = id.trim();
    if (!CLOCKIFY_ID.test(wanted)) throw new BackEndError('timesheet_submission_not_found', { id });
    const { userId } = await this.context.ids();
    let found: Listed | undefined;
    for (const state of LISTED) {
      found = (await this.#pages(state, undefined, (items) => items.some((item) => item.submission.id === wanted))).find(
        (item) => item.submission.id === wanted,
      );
      if (found) break;
    }
    if (!found) {
      // Not among what Clockify shows the person: where they hold no leading role at all, that is why.
      if ((await this.context.teamRole()) === 'member') throw new BackEndError('timesheet_not_your_decision', { person: null, back_end: 'Clockify' });
      throw new BackEndError('timesheet_submission_not_found', { id });
    }
    const { submission } = found;
    // Clockify lists someone else's request only to those who may decide it (GUESS in the fake; docs/back-ends/clockify.md).
    if (submission.personId === userId) throw new BackEndError('timesheet_own_submission', {});
    this.#lastFound = { id: submission.id, entries: found.entries.slice(0, KEPT_ENTRIES) };
    return submission;
  }

  async withdraw(submission: TimesheetSubmission, as: 'owner' | 'approver'): Promise<TimesheetSubmission> {
    const { workspaceId } = await this.context.ids();
    const state = as === 'owner' ? 'WITHDRAWN_SUBMISSION' : 'WITHDRAWN_APPROVAL';
    const what =
      as === 'owner' ? `withdraw your timesheet from ${submission.firstDay}` : `withdraw the approval of ${quotedLine(submission.person)}'s timesheet`;
    const answer = await this.#approving(
      () => this.endpoints.changeApproval(workspaceId, submission.id, state, undefined, what),
      as === 'owner' ? undefined : ['timesheet_not_your_decision', { person: submission.person, back_end: 'Clockify' }],
    );
    this.#forgetPages();
    const withdrawn = submissionOf(answer, null, state) ?? { ...submission, status: 'withdrawn' as const };
    const result = { ...withdrawn, trackedSeconds: submission.trackedSeconds };
    if (as === 'owner') this.#memory(submission.personId).remember(remembered(result, 'withdrawn'));
    return result;
  }

  async decide(
    submission: TimesheetSubmission,
    decision: 'approve' | 'reject',
    note: string | undefined,
  ): Promise<{ submission: TimesheetSubmission; noteKept: boolean }> {
    const [{ workspaceId, userId }, me] = await Promise.all([this.context.ids(), this.context.person()]);
    const state = decision === 'approve' ? 'APPROVED' : 'REJECTED';
    const what = `${decision} ${quotedLine(submission.person)}'s timesheet`;
    const answer = await this.#approving(
      () => this.endpoints.changeApproval(workspaceId, submission.id, state, note, what),
      ['timesheet_not_your_decision', { person: submission.person, back_end: 'Clockify' }],
    );
    this.#forgetPages();
    const answered = submissionOf(answer, null, state);
    const decided: TimesheetSubmission = {
      ...submission,
      status: decision === 'approve' ? 'approved' : 'rejected',
      note: answered?.note ?? note ?? null,
      // Acting for a lead with the organisation's key, Clockify names the key's user; the lead decided (organisation.ts).
      decidedBy: (this.context.options.actingFor ? undefined : answered?.decidedBy) ?? this.context.nameOf(me),
    };
    // Clockify lists a rejected request no more: the approver's rejection, with its note, is kept here.
    if (decision === 'reject') this.#memory(userId).remember(remembered(decided, 'rejected'));
    return { submission: decided, noteKept: true };
  }

  /**
   * The approved periods the span touches, which a write of time is checked against first (tools/approval-lock.ts:
   * where Clockify refuses approvals as unavailable, #approving withdraws the group and the write goes on).
   */
  async locks(span: DaySpan, personId?: string): Promise<PeriodLock[]> {
    const owner = personId === undefined ? (await this.context.ids()).userId : await this.#userId(personId);
    // Clockify locks approved periods only, for everyone, admins included; a pending one stays open.
    return (await this.#listed(['APPROVED'], span))
      .map((item) => item.submission)
      .filter((item) => item.personId === owner && item.status === 'approved' && touches(item, span))
      .map((item) => ({ firstDay: item.firstDay, lastDay: item.lastDay, status: 'approved' as const, reopenedBy: 'an_approver' as const }));
  }

  /** The locks as Clockify has them now: an approval may have landed since this call read its lists. */
  async locksAfterWrite(span: DaySpan): Promise<PeriodLock[]> {
    this.#forgetPages();
    return this.locks(span);
  }

  async entriesOf(submission: TimesheetSubmission, limit: number): Promise<SubmissionEntry[]> {
    const entries =
      this.#lastFound?.id === submission.id
        ? this.#lastFound.entries
        : await (async () => {
            const { workspaceId } = await this.context.ids();
            const filter = { start: `${submission.firstDay}T00:00:00Z`, end: `${submission.lastDay}T23:59:59Z` };
            return (await this.endpoints.memberEntriesPage(workspaceId, submission.personId, submission.person, filter, 1)).items;
          })();
    const work = entries
      .filter(isWork)
      .sort((a, b) => entryStart(a) - entryStart(b))
      .slice(0, limit);
    const refs = await this.parts.catalog.refs(work);
    return work.map((entry, index) => ({
      start: entryStart(entry),
      end: entryEnd(entry),
      project: refs[index]?.project?.name ?? null,
      activity: refs[index]?.task?.name ?? null,
      description: entry.description?.trim() ?? '',
    }));
  }

  /** The workspace's period: learned before, else from the days of a request the person can list, else the first not ruled out. */
  async #period(): Promise<ClockifyApprovalPeriod> {
    const known = this.context.facts.current.approvalPeriod;
    if (isPeriod(known)) return known;
    // A page of each state until one holds a request: the same pages own() reads next in the call.
    for (const state of LISTED) {
      const [first] = await this.#page(state, 1);
      if (!first) continue;
      const span = first.approvalRequest ? submissionOf(first.approvalRequest) : undefined;
      const period = span && periodOfDays(span);
      if (period) {
        this.context.facts.learn({ approvalPeriod: period });
        return period;
      }
    }
    const refused = (this.context.facts.current.approvalPeriodsRefused ?? '').split(' ');
    return PERIODS_TRIED.find((period) => !refused.includes(period)) ?? 'WEEKLY';
  }

  /** Clockify refused `period` as not the workspace's: the next one not refused yet, or undefined where none is left. */
  #ruleOut(period: ClockifyApprovalPeriod): ClockifyApprovalPeriod | undefined {
    const refused = new Set((this.context.facts.current.approvalPeriodsRefused ?? '').split(' ').filter(isPeriod));
    refused.add(period);
    const next = PERIODS_TRIED.find((item) => !refused.has(item));
    if (next === undefined) return undefined;
    this.context.facts.learn({ approvalPeriodsRefused: [...refused].join(' ') });
    this.context.options.log(`Clockify refused a ${period} timesheet submission as not the workspace's period: Punchcard tries ${next} next.`);
    return next;
  }

  /** The requests in these states touching the span (pages read until one starts before it could touch the span). */
  async #listed(states: readonly ListedApprovalState[], span: DaySpan): Promise<Listed[] & { complete: boolean }> {
    const earliest = addDays(span.firstDay, -LONGEST_PERIOD_DAYS);
    const all: Listed[] = [];
    let complete = true;
    for (const state of states) {
      const found = await this.#pages(state, earliest);
      all.push(...found.filter((item) => touches(item.submission, span)));
      complete &&= found.complete;
    }
    return Object.assign(all, { complete });
  }

  /**
   * The requests of one state, page by page (latest period first), until a page is not full, one starts
   * before `earliest`, `enough` says so, MAX_PAGES were read, or the call's requests would run short;
   * `complete` where it stopped for the first two (nothing more of the state could touch the days).
   */
  async #pages(state: ListedApprovalState, earliest: string | undefined, enough?: (items: Listed[]) => boolean): Promise<Listed[] & { complete: boolean }> {
    const all: Listed[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      if (page > 1 && requestsLeft() <= SCAN_MARGIN) break;
      const details = await this.#page(state, page);
      const items = details.flatMap((detail) => {
        const submission = detail.approvalRequest ? submissionOf(detail.approvalRequest, detail.trackedTime) : undefined;
        return submission ? [{ submission, entries: Array.isArray(detail.entries) ? detail.entries : [] }] : [];
      });
      all.push(...items);
      if (details.length < APPROVAL_PAGE || (earliest !== undefined && items.some((item) => item.submission.firstDay < earliest))) {
        return Object.assign(all, { complete: true });
      }
      if (enough?.(items)) break;
    }
    return Object.assign(all, { complete: false });
  }

  /** One page of one state, read once per tool call. */
  async #page(state: ListedApprovalState, page: number): Promise<ClockifyApprovalDetails[]> {
    const call = currentCall();
    const kept = call ? pagesOfCall.get(call) : undefined;
    const key = `${state} ${page}`;
    const cached = kept?.get(key);
    if (cached) return cached;
    const { workspaceId } = await this.context.ids();
    const answer = await this.#approving(() => this.endpoints.approvalsPage(workspaceId, state, page));
    const details = Array.isArray(answer) ? answer.filter((item): item is ClockifyApprovalDetails => typeof item === 'object' && item !== null) : [];
    if (call) pagesOfCall.set(call, (kept ?? new Map()).set(key, details));
    return details;
  }

  /**
   * Sends one request of the approval-requests API. Clockify's refusal as unavailable (a plan without approvals, or
   * no right to them: 402, 403, a 404 in JSON; providers/remote/optional-read.ts) withdraws the approvals group at
   * once, with list_changed, for this process (context.ts, refuseApprovals), and is said as
   * timesheet_approvals_unavailable. A change of one request (`refusedChange`) refused (403) without words of the plan
   * says only that this person may not make it: that refusal, and the group stays; its 404 is that request gone
   * (timesheet_submission_not_found), not approvals. Any other failure is thrown as it came.
   */
  async #approving<T>(send: () => Promise<T>, refusedChange?: RefusalArgs): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!refusedAsUnavailable(error) || error.refusal.code === 'timesheet_submission_not_found') throw error;
      if (refusedChange && error.status === 403 && error.failure !== 'restricted') throw new BackEndError(...refusedChange);
      if (this.context.refuseApprovals()) {
        this.context.options.log(
          'Clockify refused your account timesheet approvals: submit_timesheet, withdraw_timesheet, list_timesheet_approvals and decide_timesheet switched off.',
        );
      }
      throw new BackEndError('timesheet_approvals_unavailable', { back_end: 'Clockify' });
    }
  }

  /** After a change the call's pages are read afresh. */
  #forgetPages(): void {
    const call = currentCall();
    if (call) pagesOfCall.delete(call);
  }

  /** The Clockify user behind a person's id: Clockify's own, or the number Punchcard gave it. */
  async #userId(personId: string): Promise<string> {
    const number = /^#?(\d{1,15})$/.exec(personId.trim());
    if (!number) return personId;
    return this.context.remote('person', Number(number[1]), 'clockify_record_unknown', { record: 'person', id: Number(number[1]), see: 'manage_people' });
  }

  #memory(userId: string): ApprovalMemory {
    const key = `${clockifyFactsKey(this.context.options.profile)} for ${userId}`;
    return new ApprovalMemory(factsPlace(this.context.options), key, this.context.options.log);
  }
}

function remembered(submission: TimesheetSubmission, status: RememberedSubmission['status']): RememberedSubmission {
  return {
    id: submission.id,
    personId: submission.personId,
    person: submission.person,
    firstDay: submission.firstDay,
    lastDay: submission.lastDay,
    period: submission.period,
    status,
    note: submission.note,
    decidedBy: submission.decidedBy,
    trackedSeconds: submission.trackedSeconds,
  };
}

function isPeriod(value: string | undefined): value is ClockifyApprovalPeriod {
  return value === 'WEEKLY' || value === 'SEMI_MONTHLY' || value === 'MONTHLY';
}

/** Clockify's own words in a refusal, where it said any. */
function messageOf(error: ClockifyError): string {
  const facts = error.refusal.facts as { message?: unknown };
  return typeof facts.message === 'string' ? facts.message : '';
}
