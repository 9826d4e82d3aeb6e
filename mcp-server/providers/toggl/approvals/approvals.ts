// Timesheet approvals on Toggl Track (docs/back-ends/toggl.md, "Timesheet approvals"), a Premium plan's, on the
// person's own token. Who takes part is read from the timesheet setups naming them (the context's: as the member a setup
// governs, as an approver it names) and their workspace role (an admin decides anyone's), never probed. A timesheet is
// addressed by its setup and its period's first day, the submission's id "<setup_id>:<start_date>". Every list names
// whose it is: the person's own by `member_ids`, an approver's queue by `approver_ids`, an admin approving nobody by
// the active people's `member_ids`. What Toggl leaves undocumented (the status words, whether `after`/`before` include
// the day named, the list's form) is read in one place, ../timesheet-readings.ts. Every refusal Punchcard can tell (one's
// own to decide, one not theirs, one decided already, a rejection without a note) is said before anything is sent;
// Toggl's 403 withdraws the approvals until another role is learned, and its 402 ("Approvals are a premium feature")
// switches them off as unavailable.
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';
import {
  type ApprovalRule,
  type ApprovalStatus,
  type DaySpan,
  type PeriodLock,
  periodHolding,
  type SubmissionEntry,
  type TimesheetSubmission,
} from '../../../domain/approvals.ts';
import { addDays, daysBetween } from '../../../domain/time.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { currentCall } from '../../remote/request-budget.ts';
import { cellCode } from '../../grid/cell.ts';
import { type ApprovalsPart, BackEndError } from '../../time-tracker.ts';
import type { TimesheetSetups, TogglCatalogView, TogglContext, TogglGrid, Withdrawn } from '../context.ts';
import { TogglError } from '../errors.ts';
import { entryEnd, entryStart } from '../mapping.ts';
import { decidesTimesheets } from '../rights.ts';
import {
  lockOfTimesheet,
  periodKindOf,
  periodOf,
  readTimesheetId,
  ruleOf,
  SENT_STATUS,
  startsAsked,
  statusOf,
  timesheetId,
  timesheetsOf,
  timesheetsStarting,
} from '../timesheet-readings.ts';
import type { TogglTimesheet, TogglTimesheetSetup } from '../wire.ts';
import { type ApprovalsEndpoints, approvalsEndpoints, type TimesheetQuery } from './endpoints.ts';

const WITHDRAWN: Withdrawn = {
  capability: 'approvals',
  also: ['approvals_workflow'],
  tool: 'the approvals group',
  needs: 'a timesheet setup naming you, or a workspace admin',
};
/** The longest period (a month): a timesheet starting this long before a day cannot hold it. */
const LONGEST_PERIOD_DAYS = 31;
/** How long what this process saw of the person's own current period serves a write into it (no request). */
const SEEN_TTL_MS = 15 * 60_000;

/**
 * A read of the person's own timesheets: the starts it covers, the tool call it was read in (what the same call does
 * next, a list's locks, a submission after the tool's own check, asks nothing again), and what it answered.
 */
interface OwnRead {
  firstStart: string;
  lastStart: string;
  call: object;
  timesheets: TogglTimesheet[];
}

type Catalog = { catalog: TogglCatalogView };

export class TogglApprovals extends CellPart<TogglContext, ApprovalsEndpoints, Catalog> implements ApprovalsPart {
  /** Toggl keeps a rejection's comment on the timesheet, for its member to read. */
  readonly rejectionNoteKept = true;
  #lastOwn: OwnRead | undefined;
  /** The person's own timesheets this process saw, by their period's first day, with when: a write into the current period asks nothing. */
  readonly #seen = new Map<string, { timesheet: TogglTimesheet; at: number }>();

  /** The person's own setup's periods: weeks from the setup's first day's weekday, or calendar months. */
  async rule(): Promise<ApprovalRule> {
    return ruleOrRefusal(await this.#ownSetup());
  }

  async own(span: DaySpan): Promise<TimesheetSubmission[]> {
    const { own } = await this.#setups();
    if (!own) return [];
    const rule = ruleOf(own);
    const timesheets = await this.#ownTimesheets(firstStartOf(span.firstDay, rule), rule ? periodHolding(span.lastDay, rule).firstDay : span.lastDay);
    const me = await this.context.person();
    return this.#submissions(
      timesheets.filter((timesheet) => touches(timesheet, span)),
      me.name,
    );
  }

  async toDecide(query: { span: DaySpan; status: ApprovalStatus | undefined; person: string | undefined; limit: number }): Promise<TimesheetSubmission[]> {
    const [me, admin, setups] = await Promise.all([this.context.person(), this.#admin(), this.#setups()]);
    // A member decides nobody's: nothing to ask Toggl.
    if (!decides(admin, setups)) return [];
    const whose = await this.#queueOf(me.id, admin, setups, query.person);
    if (whose === undefined) return [];
    const firstStart = addDays(query.span.firstDay, -LONGEST_PERIOD_DAYS);
    const timesheets = await this.#list(whose, firstStart, query.span.lastDay, 'read the timesheets you decide', setups.approves.length);
    const theirs = timesheets.filter((timesheet) => timesheet.member_id !== me.id && touches(timesheet, query.span));
    return this.#submissions(theirs, undefined)
      .filter((submission) => query.status === undefined || submission.status === query.status)
      .sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.person.localeCompare(b.person))
      .slice(0, query.limit);
  }

  async findForDecision(id: string): Promise<TimesheetSubmission> {
    const wanted = readTimesheetId(id);
    if (!wanted) throw new BackEndError('timesheet_submission_not_found', { id });
    const [me, admin, setups] = await Promise.all([this.context.person(), this.#admin(), this.#setups()]);
    // One's own setup's timesheet: somebody else decides it, said before anything is sent.
    if (setups.own?.id === wanted.setupId) throw new BackEndError('timesheet_own_submission', {});
    if (!decides(admin, setups)) throw new BackEndError('timesheet_not_your_decision', { person: null, back_end: 'Toggl Track' });
    const approves = setups.approves.find((setup) => setup.id === wanted.setupId);
    let whose: Whose;
    if (approves) whose = { approver_ids: me.id };
    else if (admin) whose = { member_ids: await this.#everyoneBut(me.id) };
    // A setup that names them nowhere: no timesheet of it waits for their decision (whose it is is not read: it names nobody).
    else throw new BackEndError('timesheet_submission_not_found', { id });
    const found = (await this.#list({ ...whose, timesheet_setup_ids: wanted.setupId }, wanted.firstDay, wanted.firstDay, 'read the timesheet')).find(
      (timesheet) => timesheet.timesheet_setup_id === wanted.setupId && periodOf(timesheet)?.firstDay === wanted.firstDay,
    );
    const submission = found && this.#submission(found, approves?.member_name ?? undefined);
    if (!found || !submission) throw new BackEndError('timesheet_submission_not_found', { id });
    if (found.member_id === me.id) throw new BackEndError('timesheet_own_submission', {});
    return submission;
  }

  async submit(span: DaySpan): Promise<TimesheetSubmission> {
    const [setup, me] = await Promise.all([this.#ownSetup(), this.context.person()]);
    // That period's timesheet, as the tool's own check read it in this call (no second request).
    const timesheets = await this.#ownTimesheets(span.firstDay, span.firstDay);
    const current = timesheets.find((timesheet) => periodOf(timesheet)?.firstDay === span.firstDay);
    const answer = await this.#change(setup.id, span.firstDay, { status: SENT_STATUS.submit }, `submit your timesheet for ${span.firstDay} to ${span.lastDay}`);
    const base: TogglTimesheet = { timesheet_setup_id: setup.id, member_id: me.id, start_date: span.firstDay, end_date: span.lastDay, ...current };
    // Without an answer, whether Toggl now locks the period is not known: its lock before the submission is not kept.
    const changed: TogglTimesheet = answer
      ? { ...base, ...answer, status: answer.status ?? SENT_STATUS.submit }
      : { ...base, status: SENT_STATUS.submit, period_locked: null };
    this.#sawOwn(span.firstDay, changed);
    return (
      this.#submission(changed, me.name) ?? {
        id: timesheetId(setup.id, span.firstDay),
        person: me.name,
        personId: String(me.id),
        period: ruleOrRefusal(setup).period,
        status: 'pending',
        trackedSeconds: null,
        note: null,
        decidedBy: null,
        ...span,
      }
    );
  }

  async withdraw(submission: TimesheetSubmission, as: 'owner' | 'approver'): Promise<TimesheetSubmission> {
    const wanted = readTimesheetId(submission.id);
    if (!wanted) throw new BackEndError('timesheet_submission_not_found', { id: submission.id });
    const what =
      as === 'owner'
        ? `withdraw your timesheet for ${submission.firstDay} to ${submission.lastDay}`
        : `withdraw the approval of ${quotedLine(submission.person)}'s timesheet`;
    const answer = await this.#change(wanted.setupId, wanted.firstDay, { status: as === 'owner' ? SENT_STATUS.withdraw : SENT_STATUS.reopen }, what);
    if (as === 'owner') this.#sawOwn(wanted.firstDay, { ...answer, status: answer?.status ?? SENT_STATUS.withdraw, period_locked: false });
    return { ...submission, status: 'withdrawn', decidedBy: as === 'owner' ? submission.decidedBy : (answer?.approved_or_rejected_name ?? null) };
  }

  async decide(
    submission: TimesheetSubmission,
    decision: 'approve' | 'reject',
    note: string | undefined,
  ): Promise<{ submission: TimesheetSubmission; noteKept: boolean }> {
    const wanted = readTimesheetId(submission.id);
    if (!wanted) throw new BackEndError('timesheet_submission_not_found', { id: submission.id });
    // Toggl keeps a comment with a rejection only ("Invalid status for rejection comment"): an approval's note is not sent.
    const body = decision === 'approve' ? { status: SENT_STATUS.approve } : { status: SENT_STATUS.reject, rejection_comment: note ?? '' };
    const answer = await this.#change(wanted.setupId, wanted.firstDay, body, `${decision} ${quotedLine(submission.person)}'s timesheet`);
    const me = await this.context.person();
    return {
      submission: {
        ...submission,
        status: decision === 'approve' ? 'approved' : 'rejected',
        note: decision === 'reject' ? (answer?.rejection_comment ?? note ?? null) : null,
        decidedBy: answer?.approved_or_rejected_name?.trim() || me.name,
      },
      noteKept: decision === 'reject',
    };
  }

  /**
   * The person's periods touching the span whose time Toggl keeps as it is (period_locked): submitted ones, which they
   * withdraw, and approved ones, which an approver reopens. A write before the current period reads that period's
   * timesheet first (one request); one into the current period or later asks nothing, and is held by what this
   * process saw of it (a submission it made, a list it read) in the last quarter of an hour, else left for Toggl to
   * judge ("Cannot change locked time entry.", quoted).
   */
  async locks(span: DaySpan, personId?: string): Promise<PeriodLock[]> {
    const [me, setups] = await Promise.all([this.context.person(), this.#setups()]);
    // Someone else's (an administrator's correction, which Toggl is not offered): their timesheets by their id.
    if (personId !== undefined && personId !== String(me.id)) {
      const theirs = await this.#list({ member_ids: personId }, addDays(span.firstDay, -LONGEST_PERIOD_DAYS), span.lastDay, 'read whose time is kept');
      return locksOf(theirs, span);
    }
    if (!setups.own) return [];
    const rule = ruleOf(setups.own);
    const current = rule ? periodHolding(await this.context.today(), rule).firstDay : undefined;
    const locks: PeriodLock[] = [];
    const pastEnd = current === undefined || span.lastDay < current ? span.lastDay : addDays(current, -1);
    if (span.firstDay <= pastEnd) {
      const past = { firstDay: span.firstDay, lastDay: pastEnd };
      const read = await this.#ownTimesheets(firstStartOf(past.firstDay, rule), rule ? periodHolding(past.lastDay, rule).firstDay : past.lastDay);
      locks.push(...locksOf(read, past));
    }
    if (current !== undefined && span.lastDay >= current) {
      const now = this.context.options.now();
      const seen = [...this.#seen.values()].filter((item) => now - item.at < SEEN_TTL_MS).map((item) => item.timesheet);
      locks.push(...locksOf(seen, { firstDay: span.firstDay < current ? current : span.firstDay, lastDay: span.lastDay }));
    }
    return locks.sort((a, b) => a.firstDay.localeCompare(b.firstDay));
  }

  /** The entries of the timesheet, as its approver reads them: `GET …/timesheets/{setup_id}/{start_date}/time_entries`. */
  async entriesOf(submission: TimesheetSubmission, limit: number): Promise<SubmissionEntry[]> {
    const wanted = readTimesheetId(submission.id);
    if (!wanted) return [];
    const workspaceId = await this.context.workspaceId();
    const listed = (await this.#approving(() => this.endpoints.entries(workspaceId, wanted.setupId, wanted.firstDay))) ?? [];
    const entries = (Array.isArray(listed) ? listed : []).filter((entry) => typeof entry?.start === 'string').sort((a, b) => entryStart(a) - entryStart(b));
    return Promise.all(
      entries.slice(0, limit).map(async (entry) => {
        const { project, task } = await this.parts.catalog.nameOf(entry.project_id ?? entry.pid ?? null, entry.task_id ?? entry.tid ?? null);
        return {
          start: entryStart(entry),
          end: entryEnd(entry),
          project: project?.name ?? null,
          activity: task?.name ?? null,
          description: entry.description?.trim() ?? '',
        };
      }),
    );
  }

  /** The person's own timesheets starting from `firstStart` to `lastStart`, from this call's read where it covers them. */
  async #ownTimesheets(firstStart: string, lastStart: string): Promise<TogglTimesheet[]> {
    const call = currentCall();
    const last = this.#lastOwn;
    if (call && last?.call === call && last.firstStart <= firstStart && last.lastStart >= lastStart) {
      return timesheetsStarting(last.timesheets, firstStart, lastStart);
    }
    const me = await this.context.person();
    const timesheets = await this.#list({ member_ids: String(me.id) }, firstStart, lastStart, 'read your timesheets');
    const own = timesheets.filter((timesheet) => timesheet.member_id === undefined || timesheet.member_id === me.id);
    this.#lastOwn = call ? { firstStart, lastStart, call, timesheets: own } : undefined;
    for (const timesheet of own) {
      const first = periodOf(timesheet)?.firstDay;
      if (first !== undefined) this.#sawOwn(first, timesheet);
    }
    return own;
  }

  /** One list of timesheets, asked a day wider each side, kept to those starting from `firstStart` to `lastStart`. */
  async #list(whose: Whose & { timesheet_setup_ids?: number }, firstStart: string, lastStart: string, action: string, approved = 1): Promise<TogglTimesheet[]> {
    const workspaceId = await this.context.workspaceId();
    // Room for a week's period a person, for every person named (or approved: `approved`, their setups' count).
    const people = 'member_ids' in whose ? whose.member_ids.split(',').length : Math.max(1, approved);
    const periods = (Math.floor(daysBetween(firstStart, lastStart) / 7) + 1) * people;
    const query: TimesheetQuery = { ...whose, ...startsAsked(firstStart, lastStart, periods) };
    const answer = await this.#approving(() => this.endpoints.timesheets(workspaceId, query, action));
    return timesheetsStarting(timesheetsOf(answer), firstStart, lastStart);
  }

  /** A change of one timesheet's status; what was read of the person's own is read afresh after it. */
  async #change(setupId: number, firstDay: string, body: { status: string; rejection_comment?: string }, action: string): Promise<TogglTimesheet | null> {
    const workspaceId = await this.context.workspaceId();
    try {
      return await this.#approving(() => this.endpoints.change(workspaceId, setupId, firstDay, body, action));
    } finally {
      this.#lastOwn = undefined;
    }
  }

  /**
   * Sends a request of the approvals. Toggl's 403 with words withdraws them (until another role is learned) and is said
   * with what they need; its 402 of a plan without approvals ("Approvals are a premium feature") switches them off as
   * unavailable (timesheet_approvals_unavailable), which a write's check of the locks takes as no lock known.
   */
  async #approving<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof TogglError)) throw error;
      if (error.status === 403 && error.failure === 'forbidden') {
        this.context.refuse(WITHDRAWN);
        const said = error.refusal.facts as { action?: string; message?: string | null };
        throw new BackEndError('toggl_forbidden', {
          action: said.action ?? 'use the timesheet approvals',
          message: said.message ?? null,
          needs: WITHDRAWN.needs,
        });
      }
      if (error.status === 402 && error.failure === 'restricted') {
        this.context.refuse(WITHDRAWN);
        throw new BackEndError('timesheet_approvals_unavailable', { back_end: 'Toggl Track' });
      }
      throw error;
    }
  }

  /** Whether the person is a workspace admin, as their workspace says (read with it: no request). */
  async #admin(): Promise<boolean> {
    return (await this.context.workspace()).role === 'admin';
  }

  async #setups(): Promise<TimesheetSetups> {
    return this.#approving(() => this.context.timesheetSetups());
  }

  /** The person's own setup, or a refusal: without one there is nothing of theirs to submit or withdraw. */
  async #ownSetup(): Promise<TogglTimesheetSetup> {
    const { own } = await this.#setups();
    if (!own) throw new BackEndError('toggl_timesheet_no_setup', {});
    return own;
  }

  /**
   * Whose timesheets a decider's list names: those of a person named (their id, among the members of the setups naming
   * them approver, and for an admin among the workspace's people), else their queue as an approver (`approver_ids`),
   * else, for an admin approving nobody, the workspace's active people. Undefined where nobody matches.
   */
  async #queueOf(me: number, admin: boolean, setups: TimesheetSetups, person: string | undefined): Promise<Whose | undefined> {
    if (person === undefined) {
      if (setups.approves.length > 0) return { approver_ids: me };
      return admin ? { member_ids: await this.#everyoneBut(me) } : undefined;
    }
    const wanted = person.toLowerCase();
    const candidates = [
      ...setups.approves.flatMap((setup) => (typeof setup.member_id === 'number' ? [{ id: setup.member_id, name: setup.member_name ?? '' }] : [])),
      ...(admin ? (await this.context.members()).map((member) => ({ id: member.id, name: member.name })) : []),
    ];
    const ids = [...new Set(candidates.filter((candidate) => candidate.id !== me && candidate.name.toLowerCase().includes(wanted)).map((item) => item.id))];
    return ids.length === 0 ? undefined : { member_ids: ids.join(',') };
  }

  /** The workspace's active people but the person, by their user ids (an admin's list, kept a quarter of an hour). */
  async #everyoneBut(me: number): Promise<string> {
    const ids = (await this.context.members()).map((member) => member.id).filter((id) => id !== me);
    return (ids.length === 0 ? [me] : ids).join(',');
  }

  #sawOwn(firstDay: string, timesheet: TogglTimesheet): void {
    this.#seen.set(firstDay, { timesheet, at: this.context.options.now() });
  }

  #submissions(timesheets: readonly TogglTimesheet[], name: string | undefined): TimesheetSubmission[] {
    return timesheets
      .flatMap((timesheet) => {
        const submission = this.#submission(timesheet, name);
        return submission ? [submission] : [];
      })
      .sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.id.localeCompare(b.id));
  }

  /** A timesheet as a submission; undefined where it was never submitted (open, withdrawn, reopened) or lacks its setup or days. */
  #submission(timesheet: TogglTimesheet, name: string | undefined): TimesheetSubmission | undefined {
    const status = statusOf(timesheet.status);
    if (status === undefined) throw new BackEndError('timesheet_status_unknown', { status: String(timesheet.status), back_end: 'Toggl Track' });
    const period = periodOf(timesheet);
    if (status === 'open' || !period || typeof timesheet.timesheet_setup_id !== 'number') return undefined;
    const decided = status === 'approved' || status === 'rejected';
    return {
      id: timesheetId(timesheet.timesheet_setup_id, period.firstDay),
      person: timesheet.member_name?.trim() || name || `user #${timesheet.member_id ?? '?'}`,
      personId: String(timesheet.member_id ?? ''),
      period: periodKindOf(timesheet, period),
      status,
      trackedSeconds: null,
      note: status === 'rejected' ? timesheet.rejection_comment?.trim() || null : null,
      decidedBy: decided ? timesheet.approved_or_rejected_name?.trim() || null : null,
      ...period,
    };
  }
}

/** Whose timesheets a list names: always someone, by their own ids. */
type Whose = { member_ids: string } | { approver_ids: number };

/** Whether the person decides others' timesheets: an approver a setup names, or a workspace admin (rights.ts, decidesTimesheets). */
function decides(admin: boolean, setups: TimesheetSetups): boolean {
  return decidesTimesheets({ role: admin ? 'admin' : 'user', managesProjects: false, timesheetApprover: setups.approves.length > 0 });
}

function ruleOrRefusal(setup: TogglTimesheetSetup): ApprovalRule {
  const rule = ruleOf(setup);
  if (!rule) throw new BackEndError('toggl_timesheet_period_unknown', { periodicity: setup.periodicity ?? null });
  return rule;
}

/** The first start of a period that may hold `day`: its period's, or, without a rule Punchcard reads, a month before. */
function firstStartOf(day: string, rule: ApprovalRule | undefined): string {
  return rule ? periodHolding(day, rule).firstDay : addDays(day, -LONGEST_PERIOD_DAYS);
}

function touches(timesheet: TogglTimesheet, span: DaySpan): boolean {
  const period = periodOf(timesheet);
  return period !== undefined && period.firstDay <= span.lastDay && period.lastDay >= span.firstDay;
}

function locksOf(timesheets: readonly TogglTimesheet[], span: DaySpan): PeriodLock[] {
  return timesheets.flatMap((timesheet) => {
    const lock = touches(timesheet, span) ? lockOfTimesheet(timesheet) : undefined;
    return lock ? [lock] : [];
  });
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TogglGrid, ApprovalsEndpoints>({
  endpoints: approvalsEndpoints,
  parts: (context, endpoints, built) => ({ approvals: new TogglApprovals(context, endpoints, { catalog: built.part('catalog') }) }),
});
