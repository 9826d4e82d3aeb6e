// Timesheet approvals on Kimai's ApprovalBundle plugin (docs/back-ends/kimai.md, "Timesheet approvals"):
// a person submits Monday-based weeks in order, a lead or an administrator approves or denies them in
// Kimai's pages (the plugin's API has no decision and no undo), and a submitted or approved week is
// locked by the plugin's per-user lockdown. Its API answers one person's week per request, so every
// read here counts the weeks it needs before asking and refuses, in words, what one call cannot hold.
//
// What the plugin keeps in order makes most reads unnecessary: weeks are submitted one after another
// and a denied or reset week reopens every later one, so every week from the one `next-week` names on
// is not submitted, and the weeks before it are submitted or approved back to the first one submitted;
// the weeks before that were never submitted, yet the plugin's lockdown holds them too. A week's own
// status is read going back from the latest, until one reads not submitted. One tool call reads each
// answer of the plugin once: a listing's locks cost nothing more than the listing.
import { CellPart } from '../../grid/cell-part.ts';
import { mapWithLimit } from '../../remote/cache.ts';
import { currentCall, requestsLeft } from '../../remote/request-budget.ts';
import {
  type ApprovalPeriod,
  type ApprovalRule,
  type ApprovalStatus,
  type DaySpan,
  type PeriodLock,
  type PeriodLockStatus,
  type SubmissionEntry,
  type TimesheetSubmission,
} from '../../../domain/approvals.ts';
import { addDays, formatWallClock, startOfIsoWeek, startOfLocalDay } from '../../../domain/time.ts';
import { BackEndError } from '../../time-tracker.ts';
import { MAX_PAGE_SIZE } from '../api.ts';
import {
  KIMAI_APPROVAL_RULE,
  type KimaiWeekStatus,
  mondaysTouching,
  parseWeekId,
  readMonday,
  readWeekStatus,
  submissionStatus,
  weekId,
  readKimaiTime,
  weekOf,
} from '../mapping.ts';
import type { KimaiContext } from '../context.ts';
import { personName } from '../facts.ts';
import type { ApprovalsEndpoints } from './endpoints.ts';
import { KimaiError } from '../errors.ts';
import { KimaiRoster } from '../roster.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/**
 * The most reads of the plugin one listing sends (a request each: a person's next week, one of their
 * weeks): within the call's budget (domain/call-limits.ts) with the profile and the teams beside them.
 */
export const MAX_WEEK_READS = 36;
/** Requests kept for what a call does after a listing. */
const RESERVED_REQUESTS = 1;

/** The plugin's answers read during one tool call (a week's status, the next week), by person and week: read once a call. */
const readsOfCall = new WeakMap<object, Map<string, Promise<unknown>>>();

export class KimaiApprovals extends CellPart<KimaiContext, ApprovalsEndpoints> {
  readonly #roster = new KimaiRoster(this.context, this.endpoints);
  /** The plugin shows no reason for a denial through its API (it e-mails it), and a denied week reads as not submitted again. */
  readonly rejectionNoteKept = false;

  /** Kimai's own pages for what the plugin's API cannot do: deciding ("To approve") and resetting a week ("Hours approval"). */
  get inPagesOnly(): { decide: string; withdraw: string } {
    return { decide: this.#page('to_approve'), withdraw: this.#page('week_by_user') };
  }

  async rule(): Promise<ApprovalRule> {
    return KIMAI_APPROVAL_RULE;
  }

  /**
   * Reads which week the plugin takes next: an earlier one still open refuses the submission in words,
   * naming it, before the question and anything sent. Requests: the next week (1).
   */
  async checkSubmittable(span: DaySpan): Promise<void> {
    const next = await this.#nextWeek(undefined);
    if (next !== undefined && next < span.firstDay) this.#refuseEarlierOpen(next);
  }

  /**
   * Submits the person's week (`POST add_to_approve?date=<Monday>`), checked just before by
   * checkSubmittable. Requests: the submission (1), and the profile where it is not at hand (≤ 1); where
   * the plugin refuses (its 400), the week and the next week (2) to say why.
   */
  async submit(span: DaySpan, period: ApprovalPeriod): Promise<TimesheetSubmission> {
    const me = await this.context.profile();
    const monday = span.firstDay;
    try {
      await this.#plugin(() => this.endpoints.submitWeek(monday));
    } catch (error) {
      // What the call read before is read afresh: the week, or an earlier one, may have changed meanwhile.
      this.#forgetReads();
      // The plugin refuses in its translated words (a 400), which Punchcard does not read: it reads again
      // what it checked, so a week submitted meanwhile, or an earlier one reopened, is said as such.
      if (!(error instanceof KimaiError) || error.failure !== 'bad_request') throw error;
      const [status, nextNow] = [await this.#status(undefined, monday), await this.#nextWeek(undefined)];
      if (status === 'submitted' || status === 'approved') {
        throw new BackEndError('timesheet_already_submitted', {
          ...days(weekOf(monday)),
          status: status === 'approved' ? 'approved' : 'pending',
          id: weekId(me.id, monday),
        });
      }
      if (nextNow !== undefined && nextNow < monday) this.#refuseEarlierOpen(nextNow);
      throw error;
    }
    this.#forgetReads();
    return this.#submission(me.id, personName(me), monday, 'pending', period);
  }

  /**
   * The person's submitted and approved weeks touching the span. Requests: the profile (≤ 1), the next week
   * and the one before it (2), and their submitted weeks before it in the span and one more, as
   * #submittedWeeks reads them (at most MAX_WEEK_READS in all, else refused before the reads that would pass it);
   * none of them where the call read them already.
   */
  async own(span: DaySpan): Promise<TimesheetSubmission[]> {
    const me = await this.context.profile();
    const next = await this.#submittedBefore(undefined);
    const found = await this.#submittedWeeks(span, [{ user: undefined, next }], 2);
    return found.map(({ monday, status }) => this.#submission(me.id, personName(me), monday, status));
  }

  /**
   * The weeks of the people of the teams the person leads (every team's for an administrator), but
   * their own. Requests: the profile (≤ 1), the teams (one per team, or one listing where Kimai shows
   * no team's members), the next week of each person and the one before it (2 each), and their weeks
   * before it in the span as #submittedWeeks reads them; more than the call can send is refused, in
   * words, before the reads that would pass it.
   */
  async toDecide(query: { span: DaySpan; status: ApprovalStatus | undefined; person: string | undefined; limit: number }): Promise<TimesheetSubmission[]> {
    // The plugin's API shows no rejection (a denied week reads as not submitted again) and no withdrawal.
    if (query.status === 'rejected' || query.status === 'withdrawn') return [];
    const me = await this.context.profile();
    const roster = await this.#roster.people(me);
    const wanted = query.person?.toLowerCase();
    const people = roster.members.filter((member) => member.id !== me.id && (wanted === undefined || member.name.toLowerCase().includes(wanted)));
    this.#ensureReads(2 * people.length, 0, 0);
    const nexts = await mapWithLimit(people, this.context.pager.maxParallel, (member) => this.#submittedBefore(member.id));
    const found = await this.#submittedWeeks(
      query.span,
      people.map((member, index) => ({ user: member.id, next: nexts[index] })),
      2 * people.length,
    );
    return found
      .filter(({ status }) => query.status === undefined || status === query.status)
      .map(({ reader, monday, status }) => {
        const member = people[reader] as (typeof people)[number];
        return this.#submission(member.id, member.name, monday, status);
      })
      .slice(0, query.limit);
  }

  /**
   * One week by its id (mapping.ts, weekId), of someone in the person's teams: an id of another form, the
   * person's own week, someone outside their teams and a week not submitted are refused before anything
   * is sent. Requests: the profile (≤ 1), the teams (as toDecide), the week's status (1).
   */
  async findForDecision(id: string): Promise<TimesheetSubmission> {
    const week = parseWeekId(id);
    if (!week) throw new BackEndError('timesheet_submission_not_found', { id });
    const me = await this.context.profile();
    if (week.userId === me.id) throw new BackEndError('timesheet_own_submission');
    const member = (await this.#roster.people(me, true)).members.find((person) => person.id === week.userId);
    if (!member) throw new BackEndError('timesheet_submission_not_found', { id });
    const status = submissionStatus(await this.#status(member.id, week.monday));
    if (!status) throw new BackEndError('timesheet_submission_not_found', { id });
    return this.#submission(member.id, member.name, week.monday, status);
  }

  /** The plugin's API has no undo: an administrator resets the week in Kimai's page. Nothing is sent. */
  async withdraw(_submission: TimesheetSubmission, _as: 'owner' | 'approver'): Promise<TimesheetSubmission> {
    throw new BackEndError('timesheet_withdrawn_in_pages', { back_end: 'Kimai', page: this.inPagesOnly.withdraw });
  }

  /** The plugin's API has no decision: a lead approves or denies in Kimai's page. Nothing is sent. */
  async decide(): Promise<{ submission: TimesheetSubmission; noteKept: boolean }> {
    throw new BackEndError('timesheet_decided_in_pages', { back_end: 'Kimai', page: this.inPagesOnly.decide });
  }

  /**
   * The person's (or user `personId`'s) locked weeks touching the span, each with its own status: every
   * week before the next one to submit, as the plugin's per-user lockdown holds them, submitted, approved,
   * or never submitted (those before the first week submitted). Only an administrator reopens one (resets
   * it in Kimai's page; the person cannot take a submission back, a lead cannot undo an approval).
   * Requests: the next week and the one before it (2), and the locked weeks in the span as #submittedWeeks
   * reads them, latest first until one reads not submitted; none of these where the call read them already
   * (a listing's own weeks). A write's check asks for the days it writes, so it reads a week or two.
   */
  async locks(span: DaySpan, personId?: string): Promise<PeriodLock[]> {
    const user = personId === undefined ? undefined : Number(personId);
    try {
      const next = await this.#submittedBefore(user);
      const submitted = new Map((await this.#submittedWeeks(span, [{ user, next }], 2)).map((week) => [week.monday, week.status]));
      return lockedWeeks(span, next).map((monday) => ({
        ...weekOf(monday),
        status: lockStatus(submitted.get(monday)),
        reopenedBy: 'an_administrator' as const,
      }));
    } catch (error) {
      // The plugin gone since it was found: no lock to tell (Kimai's own refusal still holds the week).
      if (error instanceof BackEndError && error.refusal.code === 'timesheet_approvals_unavailable') return [];
      throw error;
    }
  }

  /**
   * The person's records in the week, as a lead may read them (`GET /api/timesheets?user=…&begin&end`),
   * at most `limit`. Requests: the profile (≤ 1), one page (1).
   */
  async entriesOf(submission: TimesheetSubmission, limit: number): Promise<SubmissionEntry[]> {
    const me = await this.context.profile();
    const filter = {
      user: String(submission.personId),
      begin: formatWallClock(startOfLocalDay(submission.firstDay, me.timezone), me.timezone),
      end: formatWallClock(startOfLocalDay(addDays(submission.lastDay, 1), me.timezone) - 1_000, me.timezone),
      full: 'true',
    };
    // One page: a week's records fit in it (a submission shows at most `limit`, the window's 200 and one to tell there are more).
    const page = await this.endpoints.timesheetPage(filter, 1, Math.min(limit, MAX_PAGE_SIZE), 'begin', 'ASC', {
      action: `read ${quotedLine(submission.person)}'s time entries`,
    });
    return (page?.items ?? []).slice(0, limit).map((sheet) => ({
      start: readKimaiTime(sheet.begin),
      end: sheet.end === null ? null : readKimaiTime(sheet.end),
      project: typeof sheet.project === 'object' && sheet.project !== null ? sheet.project.name : null,
      activity: typeof sheet.activity === 'object' && sheet.activity !== null ? sheet.activity.name : null,
      description: sheet.description ?? '',
    }));
  }

  #submission(userId: number, person: string, monday: string, status: ApprovalStatus, period: ApprovalPeriod = 'week'): TimesheetSubmission {
    return {
      id: weekId(userId, monday),
      person,
      personId: String(userId),
      period,
      status,
      ...weekOf(monday),
      trackedSeconds: null,
      note: null,
      decidedBy: null,
    };
  }

  /**
   * The submitted and approved weeks in the span of each reader, by reader and earliest first. Read from
   * the week before a reader's next one backwards, up to the HTTP layer's parallel requests of a reader's
   * at a time, until a week reads not submitted: weeks go in in order, so every week before that one is
   * not submitted either (a person who began after the span's start costs no read for the weeks before).
   * Each round is counted first, with `spent` already sent for the listing, and refused, in words, before
   * it is read where it would pass what one call may send; a week the call read already is not counted.
   */
  async #submittedWeeks(
    span: DaySpan,
    readers: ReadonlyArray<{ user: number | undefined; next: string | undefined }>,
    spent: number,
  ): Promise<Array<{ reader: number; monday: string; status: ApprovalStatus }>> {
    const queues = readers.map((reader) => lockedWeeks(span, reader.next).reverse());
    const batch = this.context.pager.maxParallel;
    const found: Array<{ reader: number; monday: string; status: ApprovalStatus }> = [];
    let reads = spent;
    while (queues.some((queue) => queue.length > 0)) {
      const round = queues.flatMap((queue, reader) => queue.splice(0, batch).map((monday) => ({ reader, monday })));
      const toRead = round.filter((item) => !this.#read(statusKey(readers[item.reader]?.user, item.monday))).length;
      this.#ensureReads(
        toRead,
        reads,
        queues.reduce((sum, queue) => sum + queue.length, 0),
      );
      const statuses = await mapWithLimit(round, batch, (item) => this.#status(readers[item.reader]?.user, item.monday));
      reads += toRead;
      round.forEach((item, index) => {
        const status = submissionStatus(statuses[index] as KimaiWeekStatus);
        if (status) found.push({ ...item, status });
        else (queues[item.reader] as string[]).length = 0;
      });
    }
    return found.sort((a, b) => a.reader - b.reader || a.monday.localeCompare(b.monday));
  }

  /**
   * The Monday the plugin takes next for `user` (the caller where undefined) where the week before it is
   * submitted or approved; undefined where it is not: weeks go in in order, so a week before the next
   * that is not submitted means the person has submitted nothing yet (and the plugin's lockdown holds
   * nothing). Requests: 2.
   */
  async #submittedBefore(user: number | undefined): Promise<string | undefined> {
    const next = await this.#nextWeek(user);
    if (next === undefined) return undefined;
    const status = await this.#status(user, addDays(next, -7));
    return status === 'submitted' || status === 'approved' ? next : undefined;
  }

  /** The Monday the plugin takes next for `user` (the caller where undefined); undefined where they have no weeks at all. */
  #nextWeek(user: number | undefined): Promise<string | undefined> {
    return this.#once(`${user ?? 'me'} next`, () => this.#readNextWeek(user));
  }

  async #readNextWeek(user: number | undefined): Promise<string | undefined> {
    let answer: unknown;
    try {
      answer = await this.endpoints.nextWeek(user);
    } catch (error) {
      if (!(error instanceof KimaiError) || error.failure !== 'not_found') throw error;
      // A 404 is the plugin's "no data for this user", or the plugin gone: its week-status tells which.
      await this.#status(user, this.#today());
      return undefined;
    }
    const monday = readMonday(answer);
    if (monday === undefined) throw new BackEndError('timesheet_status_unknown', { status: String(answer).slice(0, 80), back_end: 'Kimai' });
    return monday;
  }

  /** The status of the week holding `day` for `user` (the caller where undefined). */
  #status(user: number | undefined, day: string): Promise<KimaiWeekStatus> {
    return this.#once(statusKey(user, day), async () => {
      const answer = await this.#plugin(() => this.endpoints.weekStatus(user === undefined ? { date: day } : { date: day, user }));
      const status = readWeekStatus(answer);
      if (status === undefined) throw new BackEndError('timesheet_status_unknown', { status: String(answer).slice(0, 80), back_end: 'Kimai' });
      return status;
    });
  }

  /**
   * The answer of `read`, read once in a tool call: asked again in the same call, the same answer (a failed
   * read is tried again). Outside a call, read each time. A submission forgets the call's reads.
   */
  #once<T>(key: string, read: () => Promise<T>): Promise<T> {
    const call = currentCall();
    if (!call) return read();
    let kept = readsOfCall.get(call);
    if (!kept) readsOfCall.set(call, (kept = new Map()));
    const found = kept.get(key);
    if (found) return found as Promise<T>;
    const reading = read();
    const keptHere = kept;
    keptHere.set(key, reading);
    reading.catch(() => {
      if (keptHere.get(key) === reading) keptHere.delete(key);
    });
    return reading;
  }

  /** Whether the call read `key` already (it then costs no request). */
  #read(key: string): boolean {
    const call = currentCall();
    return call !== undefined && readsOfCall.get(call)?.has(key) === true;
  }

  #forgetReads(): void {
    const call = currentCall();
    if (call) readsOfCall.delete(call);
  }

  /** A request of the plugin's: its routes' 404 means it is gone, which withdraws the approvals tools at once. */
  async #plugin<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof KimaiError) || (error.failure !== 'not_found' && error.failure !== 'wrong_service')) throw error;
      this.context.learnApprovals(false);
      throw new BackEndError('timesheet_approvals_unavailable', { back_end: 'Kimai' });
    }
  }

  /**
   * Refuses, before they are sent, `reads` more reads of the plugin where, with `spent` already sent for
   * the listing, they would pass what one call may send; `later` more may follow them (said in the refusal).
   */
  #ensureReads(reads: number, spent: number, later: number): void {
    if (reads === 0) return;
    const limit = Math.max(0, Math.min(MAX_WEEK_READS, requestsLeft() - RESERVED_REQUESTS + spent));
    if (spent + reads > limit) throw new BackEndError('timesheet_weeks_too_many', { reads: spent + reads + later, limit, back_end: 'Kimai' });
  }

  #refuseEarlierOpen(next: string): never {
    throw new BackEndError('timesheet_earlier_period_open', { ...days(weekOf(next)), back_end: 'Kimai' });
  }

  #today(): string {
    return new Date(this.context.options.now()).toISOString().slice(0, 10);
  }

  /** A page of the plugin in Kimai, in English (Kimai's pages take the language in their path; English is always there). */
  #page(route: 'to_approve' | 'week_by_user'): string {
    return `${this.context.baseUrl.replace(/\/+$/, '')}/en/approval/${route}`;
  }
}

/** The key of a person's week in the call's reads (approvals.ts, #once): the person, and the week's Monday. */
function statusKey(user: number | undefined, day: string): string {
  return `${user ?? 'me'} ${startOfIsoWeek(day)}`;
}

/** A locked week's status: its submission's, else not submitted (locked only as it comes before the next week to submit). */
function lockStatus(status: ApprovalStatus | undefined): PeriodLockStatus {
  return status === 'pending' || status === 'approved' ? status : 'not_submitted';
}

/** The Mondays of the weeks in the span that come before the next week to submit: the locked ones. */
function lockedWeeks(span: DaySpan, next: string | undefined): string[] {
  if (next === undefined) return [];
  return mondaysTouching(span).filter((monday) => monday < next);
}

function days(span: DaySpan): { first_day: string; last_day: string } {
  return { first_day: span.firstDay, last_day: span.lastDay };
}
