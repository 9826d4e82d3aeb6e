// Refusals of timesheet approvals (submit_timesheet, withdraw_timesheet, list_timesheet_approvals,
// decide_timesheet) and the lock that keeps a submitted or approved period as it is: every write tool
// refuses time inside one before anything is sent (tools/approval-lock.ts). Days are 'YYYY-MM-DD';
// a submission's id is the back end's, as text.
import { day, either, forModelOnly, type Sentence, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

type Span = { first_day: string; last_day: string };
type Reopener = 'the_person' | 'an_approver' | 'an_administrator';

function spanSaid(facts: Span): Sentence {
  return facts.first_day === facts.last_day ? say`${day(facts.first_day)}` : say`${day(facts.first_day)} to ${day(facts.last_day)}`;
}

function reopenSaid(reopenedBy: Reopener, backEnd: string): Sentence {
  if (reopenedBy === 'the_person') return say`withdraw the submission first${forModelOnly(' (withdraw_timesheet)')}`;
  if (reopenedBy === 'an_approver') return say`ask your approver or an administrator to withdraw the approval in ${backEnd}`;
  return say`ask an administrator to reopen it in ${backEnd}`;
}

const SPAN = { first_day: '2026-11-16', last_day: '2026-11-22' };

export const approvalsRefusals = refusalFamily({
  /** A write inside a period that was submitted (where the back end locks it) or approved: refused before anything is sent. */
  timesheet_period_locked: {
    kind: 'conflict',
    say: (facts: Span & { status: 'pending' | 'approved'; reopened_by: Reopener; back_end: string }) =>
      say`Your timesheet for ${spanSaid(facts)} is ${facts.status === 'approved' ? 'approved' : 'submitted for approval'}, so its time stays as it is: to change it, ${reopenSaid(facts.reopened_by, facts.back_end)}. Nothing was sent.`,
    example: { ...SPAN, status: 'approved', reopened_by: 'an_approver', back_end: 'Clockify' },
  },
  /** The same for someone else's entries (an administrator's correction). */
  timesheet_period_locked_for: {
    kind: 'conflict',
    say: (facts: Span & { status: 'pending' | 'approved'; person: string; back_end: string }) =>
      say`${facts.person}'s timesheet for ${spanSaid(facts)} is ${facts.status === 'approved' ? 'approved' : 'submitted for approval'}, so its time stays as it is until its approval is withdrawn in ${facts.back_end}. Nothing was sent.`,
    example: { ...SPAN, status: 'approved', person: 'Ada Lovelace', back_end: 'Clockify' },
  },
  /** A correction of more people's entries than one call reads the locks of. */
  timesheet_locks_too_many_people: {
    kind: 'input',
    say: (facts: { people: number; limit: number }) =>
      say`The correction touches the entries of ${facts.people} people; one correction checks the approved periods of at most ${facts.limit}. Narrow it${forModelOnly(' with people or ids')}. Nothing was changed.`,
    example: { people: 14, limit: 10 },
  },
  /** A period kind the back end does not approve by. */
  timesheet_period_kind: {
    kind: 'input',
    say: (facts: { period: string; back_end: string; back_end_period: string }) =>
      say`${facts.back_end} approves timesheets by ${facts.back_end_period.replace('_', '-')}, not by ${facts.period.replace('_', '-')}${forModelOnly(`: leave out period or give ${facts.back_end_period}`)}.`,
    example: { period: 'month', back_end: 'Clockify', back_end_period: 'week' },
  },
  /** A period that has not started yet. */
  timesheet_period_future: {
    kind: 'input',
    say: (facts: Span) => say`The period ${spanSaid(facts)} has not started yet; a timesheet is submitted once its period has begun. Nothing was sent.`,
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
        : say`You have no submission waiting for approval for ${spanSaid(facts)}. Nothing was changed.`,
    example: { ...SPAN, status: null },
  },
  /** Both a period and an id given to withdraw_timesheet. */
  timesheet_withdraw_both: {
    kind: 'input',
    say: () =>
      say`Give either the period${forModelOnly(' (period_start)')} to withdraw your own submission, or the submission${forModelOnly("'s id")} to withdraw an approval, not both.`,
    example: {},
  },
  /** An approver withdrawing a submission that is not approved. */
  timesheet_not_approved: {
    kind: 'conflict',
    say: (facts: Span & { person: string; status: string }) =>
      say`${facts.person}'s timesheet for ${spanSaid(facts)} is ${facts.status}, not approved: there is no approval to withdraw. Nothing was changed.`,
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
      say`No submission ${JSON.stringify(facts.id)} waits for your decision${either(' (list_timesheet_approvals with person lists those that do)', '')}. Nothing was sent.`,
    example: { id: '65f0c1a2b3' },
  },
  /** A submission decided already. */
  timesheet_already_decided: {
    kind: 'conflict',
    say: (facts: Span & { person: string; status: string }) =>
      say`${facts.person}'s timesheet for ${spanSaid(facts)} is ${facts.status} already. Nothing was sent.`,
    example: { ...SPAN, person: 'Ada Lovelace', status: 'approved' },
  },
  /** A back end whose API cannot decide a timesheet (Kimai's plugin decides in its pages only). */
  timesheet_decided_in_pages: {
    kind: 'invalid',
    say: (facts: { back_end: string; page: string }) =>
      say`${facts.back_end} approves or rejects a week only in its own pages (${facts.page}); its API cannot. Nothing was sent.`,
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
      say`${facts.back_end} refused timesheet approvals for this account (a plan without them, or no right to them); the approvals tools are switched off until it allows them.`,
    example: { back_end: 'Clockify' },
  },
  /** Deciding or withdrawing an approval without being the person's approver. */
  timesheet_not_your_decision: {
    kind: 'denied',
    say: (facts: { person: string; back_end: string }) => say`You do not approve ${facts.person}'s timesheets in ${facts.back_end}. Nothing was sent.`,
    example: { person: 'Ada Lovelace', back_end: 'Clockify' },
  },
});
