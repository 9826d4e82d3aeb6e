// Refusals of timesheet approvals (submit_timesheet, withdraw_timesheet, list_timesheet_approvals,
// decide_timesheet) and the lock that keeps a submitted or approved period (or, on Kimai, one before the
// next period to submit) as it is: every write tool refuses time inside one before anything is sent
// (tools/approval-lock.ts). Days are 'YYYY-MM-DD'; a submission's id is the back end's, as text.
import type { PeriodLockStatus } from '../vocabulary.ts';
import { daySpan, either, forModelOnly, outside, say, type Sentence } from './sentence.ts';
import { noticeFamily, refusalFamily } from './wording.ts';

type Span = { first_day: string; last_day: string };
type Reopener = 'the_person' | 'an_approver' | 'an_administrator';

function spanSaid(facts: Span): Sentence {
  return daySpan(facts.first_day, facts.last_day);
}

function reopenSaid(reopenedBy: Reopener, backEnd: string): Sentence {
  if (reopenedBy === 'the_person') return say`withdraw the submission first${forModelOnly(' (withdraw_timesheet)')}`;
  if (reopenedBy === 'an_approver') return say`ask your approver or an administrator to withdraw the approval in ${backEnd}`;
  return say`ask an administrator to reopen it in ${backEnd}`;
}

/** A period kind as a person says it: "a week at a time". */
function periodSaid(period: string): string {
  if (period === 'semi_month') return 'half a month at a time';
  return `a ${period} at a time`;
}

/** A submission's status as a sentence goes on: "is waiting for approval", "is rejected". */
function statusSaid(status: string): string {
  return status === 'pending' ? 'waiting for approval' : status;
}

const SPAN = { first_day: '2026-11-16', last_day: '2026-11-22' };

/** The facts of timesheet_period_locked: the period, its status, who can reopen it, the back end. */
export type PeriodLockFacts = Span & { status: PeriodLockStatus; reopened_by: Reopener; back_end: string };

/** Why a locked period's time is kept, as a sentence goes on after "Your timesheet for <days>". */
function keptSaid(status: PeriodLockStatus, backEnd: string, whose: 'your' | 'their'): Sentence {
  if (status === 'approved') return say`is approved, so its time is kept as approved`;
  if (status === 'pending') return say`is submitted for approval, so its time is kept as submitted`;
  // Kimai's plugin takes weeks in order and locks every week before the next one to submit, submitted or not.
  return say`was not submitted, but ${backEnd} keeps its time as it is, as it keeps every week before ${whose} next one to submit`;
}

/**
 * Why a period's time stays as it is, without the refusal's closing "Nothing was sent.": the same words
 * stand beside a locked week's entries in the window, where nothing was tried (main/engine/approvals.ts).
 */
export function periodLockedSaid(facts: PeriodLockFacts): Sentence {
  return say`Your timesheet for ${spanSaid(facts)} ${keptSaid(facts.status, facts.back_end, 'your')}: to change it, ${reopenSaid(facts.reopened_by, facts.back_end)}.`;
}

export const approvalsRefusals = refusalFamily({
  /** A write inside a period that was submitted (where the back end locks it) or approved: refused before anything is sent. */
  timesheet_period_locked: {
    kind: 'conflict',
    say: (facts: PeriodLockFacts) => say`${periodLockedSaid(facts)} Nothing was sent.`,
    example: { ...SPAN, status: 'approved', reopened_by: 'an_approver', back_end: 'Clockify' },
  },
  /** The same for someone else's entries (an administrator's correction). */
  timesheet_period_locked_for: {
    kind: 'conflict',
    say: (facts: Span & { status: PeriodLockStatus; person: string; back_end: string }) => {
      const until = {
        approved: say` until the approval is withdrawn in ${facts.back_end}`,
        pending: say` until it is withdrawn or rejected in ${facts.back_end}`,
        not_submitted: say`, until an administrator reopens it in ${facts.back_end}`,
      }[facts.status];
      return say`${outside(facts.person)}'s timesheet for ${spanSaid(facts)} ${keptSaid(facts.status, facts.back_end, 'their')}${until}. Nothing was sent.`;
    },
    example: { ...SPAN, status: 'approved', person: 'Ada Lovelace', back_end: 'Clockify' },
  },
  /** A correction of more people's entries than one call reads the locks of. */
  timesheet_locks_too_many_people: {
    kind: 'input',
    say: (facts: { people: number; limit: number }) =>
      say`The correction would change the entries of ${facts.people} people, but one correction checks whose timesheets are submitted or approved for at most ${facts.limit} people. Narrow it to fewer people${forModelOnly(' (people or ids)')}. Nothing was changed.`,
    example: { people: 14, limit: 10 },
  },
  /**
   * list_timesheet_approvals for everyone (`*`) on a back end that reads one person's time a request (Harvest): more
   * people than one call reads; a name narrows it.
   */
  timesheet_people_too_many: {
    kind: 'input',
    say: (facts: { people: number; limit: number; back_end: string }) =>
      say`You may see the timesheets of ${facts.people} people in ${facts.back_end}, and one call reads at most ${facts.limit} people's: name ${either('one (person: a name or part of one)', 'the person')} to narrow it. Nothing was read.`,
    example: { people: 35, limit: 20, back_end: 'Harvest' },
  },
  /** A period kind the back end does not approve by. */
  timesheet_period_kind: {
    kind: 'input',
    say: (facts: { period: string; back_end: string; back_end_period: string }) =>
      say`${facts.back_end} approves timesheets ${periodSaid(facts.back_end_period)}, not ${periodSaid(facts.period)}${forModelOnly(`: leave out period or give ${facts.back_end_period}`)}. Nothing was sent.`,
    example: { period: 'month', back_end: 'Clockify', back_end_period: 'week' },
  },
  /** A period that has not started yet. */
  timesheet_period_future: {
    kind: 'input',
    say: (facts: Span) =>
      say`The period ${spanSaid(facts)} has not started yet; a timesheet can be submitted from the first day of its period. Nothing was sent.`,
    example: { first_day: '2026-12-07', last_day: '2026-12-13' },
  },
  /** A period already submitted or approved. */
  timesheet_already_submitted: {
    kind: 'conflict',
    say: (facts: Span & { status: 'pending' | 'approved'; id: string }) =>
      say`Your timesheet for ${spanSaid(facts)} is ${facts.status === 'approved' ? 'approved already' : 'already waiting for approval'}${forModelOnly(` (id ${facts.id})`)}. Nothing was sent.`,
    example: { ...SPAN, status: 'pending', id: '65f0c1a2b3' },
  },
  /** Kimai's plugin takes weeks in order: an earlier week is still open. */
  timesheet_earlier_period_open: {
    kind: 'conflict',
    say: (facts: Span & { back_end: string }) => say`${facts.back_end} takes weeks in order: submit the week of ${spanSaid(facts)} first. Nothing was sent.`,
    example: { ...SPAN, back_end: 'Kimai' },
  },
  /** Withdrawing by period where the person has no pending submission for it. */
  timesheet_nothing_to_withdraw: {
    kind: 'not_found',
    say: (facts: Span & { status: 'approved' | null }) =>
      facts.status === 'approved'
        ? say`Your timesheet for ${spanSaid(facts)} is approved; only your approver or an administrator can withdraw an approval. Nothing was changed.`
        : say`You have no timesheet waiting for approval for ${spanSaid(facts)}, so there is nothing to withdraw. Nothing was changed.`,
    example: { ...SPAN, status: null },
  },
  /** Both a period and an id given to withdraw_timesheet. */
  timesheet_withdraw_both: {
    kind: 'input',
    say: () =>
      say`Give either the period${forModelOnly(' (period_start)')} to withdraw your own submission, or the submission${forModelOnly(' (id)')} to withdraw an approval, not both. Nothing was changed.`,
    example: {},
  },
  /** An approver withdrawing a submission that is not approved. */
  timesheet_not_approved: {
    kind: 'conflict',
    say: (facts: Span & { person: string; status: string }) =>
      say`${outside(facts.person)}'s timesheet for ${spanSaid(facts)} is ${statusSaid(facts.status)}, so there is no approval to withdraw. Nothing was changed.`,
    example: { ...SPAN, person: 'Ada Lovelace', status: 'pending' },
  },
  /** A rejection without a note. */
  timesheet_rejection_needs_note: {
    kind: 'input',
    say: () => say`A rejection needs a note saying what to fix${forModelOnly(' (note)')}. Nothing was sent.`,
    example: {},
  },
  /** Deciding one's own submission. */
  timesheet_own_submission: {
    kind: 'denied',
    say: () => say`That is your own timesheet: somebody else decides it. Nothing was sent.`,
    example: {},
  },
  /** An id that is none of the submissions this person may decide (or not pending any more). */
  timesheet_submission_not_found: {
    kind: 'not_found',
    say: (facts: { id: string }) =>
      say`${either(`No submission ${JSON.stringify(facts.id)}`, 'That timesheet no longer')} waits for your decision${either(' (list_timesheet_approvals with person lists those that do)', ': it may have been decided or withdrawn meanwhile')}. Nothing was sent.`,
    example: { id: '65f0c1a2b3' },
  },
  /** A submission decided already. */
  timesheet_already_decided: {
    kind: 'conflict',
    say: (facts: Span & { person: string; status: string }) =>
      say`${outside(facts.person)}'s timesheet for ${spanSaid(facts)} is ${statusSaid(facts.status)} already. Nothing was sent.`,
    example: { ...SPAN, person: 'Ada Lovelace', status: 'approved' },
  },
  /** A back end whose API cannot decide a timesheet (Kimai's plugin decides in its pages only). */
  timesheet_decided_in_pages: {
    kind: 'invalid',
    say: (facts: { back_end: string; page: string }) =>
      say`${facts.back_end} lets an approver approve or reject a week only in its own pages (${facts.page}), not through its API. Nothing was sent.`,
    example: { back_end: 'Kimai', page: 'Approval, in the menu' },
  },
  /** A back end whose API cannot take back a submission or an approval (Kimai's plugin: an administrator resets the week in its pages). */
  timesheet_withdrawn_in_pages: {
    kind: 'invalid',
    say: (facts: { back_end: string; page: string }) =>
      say`${facts.back_end} takes back a submitted or approved week only in its own pages, where an administrator resets it (${facts.page}); its API cannot. Nothing was sent.`,
    example: { back_end: 'Kimai', page: 'https://kimai.example.com/en/approval/week_by_user' },
  },
  /** A list that would need more status reads than one call sends (Kimai's plugin answers one person's week per request). */
  timesheet_weeks_too_many: {
    kind: 'input',
    say: (facts: { reads: number; limit: number; back_end: string }) =>
      say`${facts.back_end} tells the status of one person's week per request: this would take ${facts.reads}, more than the ${facts.limit} one call reads. Narrow the days${forModelOnly(' (from, to) or person')}. Nothing was changed.`,
    example: { reads: 48, limit: 26, back_end: 'Kimai' },
  },
  /** A week's status in words Punchcard does not know (a translation of the plugin's it has not seen). */
  timesheet_status_unknown: {
    kind: 'invalid',
    say: (facts: { status: string; back_end: string }) =>
      say`${facts.back_end} answered a week's approval status Punchcard does not know (${JSON.stringify(facts.status)}). Nothing was changed.`,
    example: { status: 'Eingereicht', back_end: 'Kimai' },
  },
  /** The workspace's plan or the account has no approvals (Clockify's 403): the tools are withdrawn. */
  timesheet_approvals_unavailable: {
    kind: 'denied',
    say: (facts: { back_end: string }) =>
      say`${facts.back_end} refused timesheet approvals for this account (its plan has none, or the account may not use them), so the approvals tools are switched off until it allows them.`,
    example: { back_end: 'Clockify' },
  },
  /** Deciding or withdrawing an approval without being the person's approver. */
  timesheet_not_your_decision: {
    kind: 'denied',
    say: (facts: { person: string | null; back_end: string }) =>
      facts.person === null
        ? say`You approve nobody's timesheets in ${facts.back_end}. Nothing was sent.`
        : say`You are not ${outside(facts.person)}'s approver in ${facts.back_end}, so their timesheets are not yours to decide. Nothing was sent.`,
    example: { person: 'Ada Lovelace', back_end: 'Clockify' },
  },
  /**
   * The back end refused the period Punchcard took to be the workspace's (Clockify's API shows no
   * approval period: it is learned from its refusal); the next is taken when asked again.
   */
  timesheet_period_relearned: {
    kind: 'conflict',
    say: (facts: { back_end: string; tried: string; next: string }) =>
      say`${facts.back_end} does not approve timesheets ${periodSaid(facts.tried)} in this workspace, so Punchcard will submit them ${periodSaid(facts.next)} from now on: ask again to submit that period. Nothing was submitted.`,
    example: { back_end: 'Clockify', tried: 'week', next: 'semi_month' },
  },
});

export const approvalsNotices = noticeFamily({
  /**
   * A write of time went through, and the period it went into was approved (or submitted, where that locks it)
   * while it was on its way, which the back end lets happen (tools/approval-lock.ts, sayLockedMeanwhile). The
   * write stays where the back end took it: `entry` is its number.
   */
  timesheet_approved_meanwhile: {
    say: (facts: PeriodLockFacts & { status: 'pending' | 'approved'; entry: number }) =>
      say`Your timesheet for ${spanSaid(facts)} was ${facts.status === 'approved' ? 'approved' : 'submitted for approval'} while this was being saved${forModelOnly(` (entry #${facts.entry})`)}, so the time is in it without having been ${facts.status === 'approved' ? 'approved' : 'submitted'}: to have it counted, or to move it, ${reopenSaid(facts.reopened_by, facts.back_end)}.`,
    example: { ...SPAN, status: 'approved', reopened_by: 'an_approver', back_end: 'Clockify', entry: 412 },
  },
});
