// Timesheet approvals on Tempo (docs/back-ends/tempo.md, "Approvals"): the site's period (/4/globalconfiguration:
// weekly from its approval week's start, or monthly), one person's period read by its days, submitted with the
// reviewer Tempo names for them, and decided (approved or rejected with a note) or reopened. Tempo keeps no id for a
// submission: Punchcard names one by its days and its person. Submitted and approved periods take no worklogs, so
// every write into one is refused before it is sent (the tools read `locks`); a period's status is read once a
// minute at most, and again after a change of Punchcard's. Nobody decides their own period.
import type { ApprovalPeriod, ApprovalRule, ApprovalStatus, DaySpan, PeriodLock, SubmissionEntry, TimesheetSubmission } from '../../../domain/approvals.ts';
import { periodHolding } from '../../../domain/approvals.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';
import { addDays } from '../../../domain/time.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { ExpiringByKey } from '../../remote/cache.ts';
import { RemoteError } from '../../remote/remote-error.ts';
import { type ApprovalsPart, BackEndError } from '../../time-tracker.ts';
import type { TempoCatalogView, TempoContext, TempoGrid } from '../context.ts';
import { periodState, worklogSpan } from '../mapping.ts';
import type { TempoApproval } from '../wire.ts';
import { approvalsEndpoints, type ApprovalsEndpoints } from './endpoints.ts';

/** A period's status is read again after a minute: a write right after another needs no second read. */
const PERIOD_TTL_MS = 60_000;
/** The most periods one call reads the status of (a request each). */
export const MAX_PERIOD_READS = 26;
/** A submission's id: its first and last day and its person's accountId. */
const SUBMISSION_ID = /^(\d{4}-\d{2}-\d{2})~(\d{4}-\d{2}-\d{2})~([A-Za-z0-9:_-]{1,100})$/;
const BACK_END = 'Tempo Timesheets';

export class TempoApprovals extends CellPart<TempoContext, ApprovalsEndpoints, { catalog: TempoCatalogView }> implements ApprovalsPart {
  /** A reviewer's rejection keeps its comment, which the person reads with their period. */
  readonly rejectionNoteKept = true;
  readonly #periods = new ExpiringByKey<string, TempoApproval>(PERIOD_TTL_MS, () => this.context.options.now());

  rule(): Promise<ApprovalRule> {
    return this.context.approvalRule();
  }

  async submit(span: DaySpan, period: ApprovalPeriod): Promise<TimesheetSubmission> {
    const accountId = await this.context.accountId();
    // Tempo submits to a reviewer: the first it names for the person, where it names any.
    const reviewer = (await this.endpoints.reviewers(accountId))?.results?.find((item) => typeof item?.accountId === 'string')?.accountId;
    const answer = await this.endpoints.act(
      accountId,
      'submit',
      span.firstDay,
      span.lastDay,
      reviewer ? { reviewerAccountId: reviewer } : {},
      `submit your timesheet from ${span.firstDay} to ${span.lastDay}`,
    );
    this.#periods.clear();
    return (await this.#submissionOf(answer ?? {}, accountId, span, period)) ?? this.#pending(accountId, span, period);
  }

  async own(span: DaySpan): Promise<TimesheetSubmission[]> {
    const accountId = await this.context.accountId();
    const rule = await this.rule();
    const found: TimesheetSubmission[] = [];
    for (const period of periodsOf(span, rule)) {
      // A list the person asks for is read as it is now: another may have decided meanwhile.
      const submission = await this.#submissionOf(await this.#approval(accountId, period, true), accountId, period, rule.period);
      if (submission) found.push(submission);
    }
    return found;
  }

  async toDecide(query: { span: DaySpan; status: ApprovalStatus | undefined; person: string | undefined; limit: number }): Promise<TimesheetSubmission[]> {
    // Tempo lists what waits for the person's decision: nothing of what they decided before.
    if (query.status !== undefined && query.status !== 'pending') return [];
    const [accountId, rule] = await Promise.all([this.context.accountId(), this.rule()]);
    const waiting = ((await this.endpoints.waiting())?.results ?? []).filter(
      (approval) =>
        typeof approval?.user?.accountId === 'string' &&
        approval.user.accountId !== accountId &&
        typeof approval.period?.from === 'string' &&
        typeof approval.period.to === 'string' &&
        approval.period.from <= query.span.lastDay &&
        approval.period.to >= query.span.firstDay,
    );
    const names = await this.context.namesOf(waiting.map((approval) => approval.user?.accountId as string));
    const wanted = query.person?.trim().toLowerCase();
    const submissions: TimesheetSubmission[] = [];
    for (const approval of waiting) {
      const personId = approval.user?.accountId as string;
      const person = names.get(personId) ?? personId;
      if (wanted !== undefined && !person.toLowerCase().includes(wanted)) continue;
      const span = { firstDay: approval.period?.from as string, lastDay: approval.period?.to as string };
      const submission = await this.#submissionOf(approval, personId, span, rule.period, person);
      if (submission?.status === 'pending') submissions.push(submission);
    }
    return submissions
      .sort((a, b) => b.firstDay.localeCompare(a.firstDay) || a.person.localeCompare(b.person) || a.id.localeCompare(b.id))
      .slice(0, query.limit);
  }

  async findForDecision(id: string): Promise<TimesheetSubmission> {
    const match = SUBMISSION_ID.exec(id.trim());
    if (!match) throw new BackEndError('timesheet_submission_not_found', { id });
    const [, firstDay, lastDay, personId] = match as unknown as [string, string, string, string];
    if (personId === (await this.context.accountId())) throw new BackEndError('timesheet_own_submission', {});
    const names = await this.context.namesOf([personId]);
    const approval = await this.endpoints.approval(personId, firstDay, lastDay).catch((error: unknown) => {
      // Tempo shows a period to its reviewers (and those who may approve for the team): a 403 is not theirs to decide.
      if (error instanceof RemoteError && error.status === 403)
        throw new BackEndError('timesheet_not_your_decision', { person: names.get(personId) ?? null, back_end: BACK_END });
      throw error;
    });
    const submission = await this.#submissionOf(approval, personId, { firstDay, lastDay }, (await this.rule()).period, names.get(personId));
    if (!submission) throw new BackEndError('timesheet_submission_not_found', { id });
    return submission;
  }

  async withdraw(submission: TimesheetSubmission, as: 'owner' | 'approver'): Promise<TimesheetSubmission> {
    const what = as === 'owner' ? `withdraw your timesheet from ${submission.firstDay}` : `reopen the timesheet of ${quotedLine(submission.person)}`;
    await this.endpoints.act(submission.personId, 'reopen', submission.firstDay, submission.lastDay, {}, what);
    this.#periods.clear();
    return { ...submission, status: 'withdrawn', decidedBy: this.context.nameOf(await this.context.me()) };
  }

  async decide(
    submission: TimesheetSubmission,
    decision: 'approve' | 'reject',
    note: string | undefined,
  ): Promise<{ submission: TimesheetSubmission; noteKept: boolean }> {
    if (submission.personId === (await this.context.accountId())) throw new BackEndError('timesheet_own_submission', {});
    await this.endpoints.act(
      submission.personId,
      decision,
      submission.firstDay,
      submission.lastDay,
      note ? { comment: note } : {},
      `${decision} the timesheet of ${quotedLine(submission.person)}`,
    );
    this.#periods.clear();
    const decided: TimesheetSubmission = {
      ...submission,
      status: decision === 'approve' ? 'approved' : 'rejected',
      note: note ?? null,
      decidedBy: this.context.nameOf(await this.context.me()),
    };
    return { submission: decided, noteKept: true };
  }

  /**
   * The submitted and approved periods a write may not reach. An optional read (context.ts): where Tempo does not show
   * the token the approvals (its Approvals scope missing: 403), no lock is known for an hour and the write goes on, for
   * Tempo to judge; any other failure is thrown as it came (tools/approval-lock.ts lets a write go on where Tempo is in
   * trouble or out of reach, and says a refused token).
   */
  async locks(span: DaySpan, personId?: string): Promise<PeriodLock[]> {
    return this.context.optional.approvals.read(() => this.#locks(span, personId), []);
  }

  async #locks(span: DaySpan, personId?: string): Promise<PeriodLock[]> {
    const owner = personId ?? (await this.context.accountId());
    const rule = await this.rule();
    const locks: PeriodLock[] = [];
    for (const period of periodsOf(span, rule)) {
      const state = periodState(await this.#approval(owner, period), owner);
      // Tempo takes no worklog into a submitted or an approved period.
      if (state === 'approved') locks.push({ ...period, status: 'approved', reopenedBy: 'an_approver' });
      if (state === 'pending') locks.push({ ...period, status: 'pending', reopenedBy: 'an_approver' });
    }
    return locks;
  }

  async entriesOf(submission: TimesheetSubmission, limit: number): Promise<SubmissionEntry[]> {
    const zone = await this.context.zone();
    const worklogs = (
      await this.endpoints.worklogsOf(submission.personId, submission.firstDay, submission.lastDay, `read the worklogs of ${quotedLine(submission.person)}`)
    )
      .filter((worklog) => worklog?.author?.accountId === submission.personId && typeof worklog.startDate === 'string')
      .map((worklog) => ({ worklog, span: worklogSpan(worklog, zone) }))
      .sort((a, b) => a.span.start - b.span.start)
      .slice(0, limit);
    const issues = await this.parts.catalog.issuesById(worklogs.flatMap(({ worklog }) => (typeof worklog.issue?.id === 'number' ? [worklog.issue.id] : [])));
    return worklogs.map(({ worklog, span }) => ({
      start: span.start,
      end: span.end,
      project: issues.get(worklog.issue?.id ?? 0)?.summary ?? null,
      activity: null,
      description: worklog.description?.trim() ?? '',
    }));
  }

  /** One person's approval of a period, read once a minute at most for a write's lock (`fresh`: read now, and kept). */
  #approval(accountId: string, period: DaySpan, fresh = false): Promise<TempoApproval> {
    const key = `${accountId} ${period.firstDay} ${period.lastDay}`;
    if (fresh) this.#periods.forget(key);
    return this.#periods.get(key, async () => (await this.endpoints.approval(accountId, period.firstDay, period.lastDay)) ?? {});
  }

  /** A period as a submission, where it is one (submitted, approved or rejected); undefined for a period left open. */
  async #submissionOf(
    approval: TempoApproval,
    personId: string,
    span: DaySpan,
    period: ApprovalPeriod,
    name?: string,
  ): Promise<TimesheetSubmission | undefined> {
    const state = periodState(approval, personId);
    if (state === 'open') return undefined;
    const firstDay = approval.period?.from ?? span.firstDay;
    const lastDay = approval.period?.to ?? span.lastDay;
    const actor = approval.status?.actor?.accountId;
    const names = await this.context.namesOf([personId, ...(actor ? [actor] : [])]);
    return {
      id: `${firstDay}~${lastDay}~${personId}`,
      person: name ?? names.get(personId) ?? personId,
      personId,
      period,
      firstDay,
      lastDay,
      status: state,
      trackedSeconds: typeof approval.timeSpentSeconds === 'number' ? approval.timeSpentSeconds : null,
      note: approval.status?.comment?.trim() || null,
      decidedBy: state === 'approved' || state === 'rejected' ? (actor ? (names.get(actor) ?? null) : null) : null,
    };
  }

  /** A submission Tempo answered nothing readable for: pending, as it was sent. */
  async #pending(personId: string, span: DaySpan, period: ApprovalPeriod): Promise<TimesheetSubmission> {
    const name = (await this.context.namesOf([personId])).get(personId) ?? personId;
    return {
      id: `${span.firstDay}~${span.lastDay}~${personId}`,
      person: name,
      personId,
      period,
      ...span,
      status: 'pending',
      trackedSeconds: null,
      note: null,
      decidedBy: null,
    };
  }
}

/** The periods touching a span, by the site's rule, at most MAX_PERIOD_READS (more is refused before any is read). */
export function periodsOf(span: DaySpan, rule: ApprovalRule): DaySpan[] {
  const periods: DaySpan[] = [];
  for (let day = span.firstDay; day <= span.lastDay; ) {
    const period = periodHolding(day, rule);
    periods.push(period);
    if (periods.length > MAX_PERIOD_READS) {
      throw new BackEndError('timesheet_weeks_too_many', { reads: countPeriods(span, rule), limit: MAX_PERIOD_READS, back_end: BACK_END });
    }
    day = addDays(period.lastDay, 1);
  }
  return periods;
}

function countPeriods(span: DaySpan, rule: ApprovalRule): number {
  let count = 0;
  for (let day = span.firstDay; day <= span.lastDay; count++) day = addDays(periodHolding(day, rule).lastDay, 1);
  return count;
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TempoGrid, ApprovalsEndpoints>({
  endpoints: approvalsEndpoints,
  parts: (context, endpoints, built) => ({ approvals: new TempoApprovals(context, endpoints, { catalog: built.part('catalog') }) }),
});
