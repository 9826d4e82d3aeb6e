// The fake bridge's timesheet approvals (issue 67), as main's handlers answer them (main/ipc/handlers/
// approvals.ts): the person's own weeks with their status and the locks that keep a submitted or approved
// week as it is, or, where the back end holds every week before the next one to submit (Kimai), one
// never submitted (worded as main words them, from the refusals' catalog), "Submit week", and a lead's
// weeks to decide with their entries and the decision. Like the back ends it stands for, it refuses in
// the engine's codes: a week already submitted, one not begun, a decision of a week decided meanwhile.
import type { ApprovalStatus } from '../../mcp-server/contract/vocabulary.ts';
import { lockWords } from '../../main/engine/approval-words.ts';
import { timesheetDecidedWords, submittedWords } from '../../main/engine/approval-words.ts';
import { addDays } from '../../mcp-server/domain/time.ts';
import {
  REJECTION_NEEDS_NOTE,
  type ApprovalsToDecideView,
  type SubmissionEntriesView,
  type SubmissionView,
  type WeekApprovalView,
  type WeekLockView,
} from '../../window-contract/approvals.ts';
import { refuse } from './fake-refusal.ts';

export interface FakeApprovalsOptions {
  /** The person decides the weeks of three people (two wait, one decided); else they decide nobody's. */
  lead?: boolean;
  /** The back end locks a submitted week too (Kimai's plugin), not only an approved one (Clockify). */
  locksPending?: boolean;
  /**
   * The Monday of the next week to submit, where the back end holds every week before it, submitted or
   * not, as Kimai's plugin does: a week there that was never submitted is locked as not submitted.
   */
  nextToSubmit?: string;
  /** The back end keeps a rejection's note for the person (Kimai); Clockify e-mails it (the default). */
  rejectionNoteKept?: boolean;
  /** The person's own weeks by their Monday: status, the approver's note and who decided. */
  own?: Record<string, { status: ApprovalStatus; note?: string; decidedBy?: string; hours?: number }>;
}

export interface FakeApprovalsContext {
  today(): string;
  backEnd(): string;
  /** The person's hours in the week from `monday`, as their entries hold them. */
  hoursOf(monday: string): number;
  reject(message: string): never;
}

/** Monday 4 May 2026 and the week before: the fake's default clock is Wednesday 13 May. */
export const LAST_WEEK = '2026-05-04';
export const WEEK_BEFORE = '2026-04-27';

/** The weeks of a Clockify person by default: last week approved, the one before rejected (its note e-mailed). */
export const SAMPLE_OWN_WEEKS: NonNullable<FakeApprovalsOptions['own']> = {
  [WEEK_BEFORE]: { status: 'rejected', decidedBy: 'Tom Turner' },
  [LAST_WEEK]: { status: 'approved', decidedBy: 'Tom Turner' },
};

const week = (id: string, person: string, monday: string, status: ApprovalStatus, hours: number, fields: Partial<SubmissionView> = {}): SubmissionView => ({
  id,
  person,
  period: 'week',
  firstDay: monday,
  lastDay: addDays(monday, 6),
  status,
  hours,
  note: null,
  decidedBy: null,
  ...fields,
});

/** What a lead's list holds at first: Bob's and Cleo's last week wait; Dan's week before was approved. */
export function sampleToDecide(): SubmissionView[] {
  return [
    week('65f0c1a2b3', 'Bob Baker', LAST_WEEK, 'pending', 38.5),
    week('65f0c1a2c4', 'Cleo Chen', LAST_WEEK, 'pending', 41),
    week('65f0c1a2a1', 'Dan Dorsey', WEEK_BEFORE, 'approved', 40, { decidedBy: 'Ada Lovelace' }),
  ];
}

function entriesOf(submission: SubmissionView): SubmissionEntriesView['entries'] {
  const days = [0, 1, 2, 3, 4].map((offset) => addDays(submission.firstDay, offset));
  return days.flatMap((day, index) => [
    {
      start: `${day}T08:30:00+02:00`,
      end: `${day}T12:30:00+02:00`,
      minutes: 240,
      project: 'Acme Website',
      activity: 'Development',
      description: 'Checkout flow',
    },
    {
      start: `${day}T13:15:00+02:00`,
      end: `${day}T17:00:00+02:00`,
      minutes: 225,
      project: index === 2 ? 'Internal' : 'Beta Corp',
      activity: index === 2 ? 'Meetings' : 'Support',
      description: index === 2 ? 'Sprint review' : '',
    },
  ]);
}

export function createFakeApprovals(options: FakeApprovalsOptions, context: FakeApprovalsContext) {
  let nextId = 1;
  const own: SubmissionView[] = Object.entries(options.own ?? SAMPLE_OWN_WEEKS).map(([monday, fields]) =>
    week(`own-${nextId++}`, 'Ada Lovelace', monday, fields.status, fields.hours ?? context.hoursOf(monday), {
      note: fields.note ?? null,
      decidedBy: fields.decidedBy ?? null,
    }),
  );
  let toDecide = options.lead ? sampleToDecide() : [];
  /** The decisions made through the window, in order. */
  const decisions: Array<{ id: string; decision: 'approve' | 'reject'; note: string | undefined }> = [];
  const rejectionNoteKept = options.rejectionNoteKept === true;

  const locks = (monday: string): WeekLockView[] => {
    const held = own
      .filter((submission) => submission.firstDay <= addDays(monday, 6) && submission.lastDay >= monday)
      .filter((submission) => submission.status === 'approved' || (submission.status === 'pending' && options.locksPending))
      .map((submission): WeekLockView => {
        const status = submission.status === 'approved' ? 'approved' : 'pending';
        const reopenedBy = status === 'pending' ? 'the_person' : options.locksPending ? 'an_administrator' : 'an_approver';
        const facts = { first_day: submission.firstDay, last_day: submission.lastDay, status, reopened_by: reopenedBy, back_end: context.backEnd() } as const;
        return { firstDay: submission.firstDay, lastDay: submission.lastDay, status, words: lockWords(facts) };
      });
    if (!heldUnsubmitted(monday)) return held;
    const facts = unsubmittedFacts(monday);
    return [...held, { firstDay: facts.first_day, lastDay: facts.last_day, status: facts.status, words: lockWords(facts) }];
  };

  /** Whether the week from `monday` comes before the next week to submit with nothing of it standing submitted. */
  function heldUnsubmitted(monday: string): boolean {
    if (options.nextToSubmit === undefined || monday >= options.nextToSubmit) return false;
    return !own.some((submission) => submission.firstDay === monday && (submission.status === 'pending' || submission.status === 'approved'));
  }
  const unsubmittedFacts = (monday: string) =>
    ({ first_day: monday, last_day: addDays(monday, 6), status: 'not_submitted', reopened_by: 'an_administrator', back_end: context.backEnd() }) as const;

  const weekView = (monday: string): WeekApprovalView => ({
    // A rejected week's note is the person's to read only where the back end keeps it for them.
    submissions: own
      .filter((submission) => submission.firstDay <= addDays(monday, 6) && submission.lastDay >= monday)
      .map((submission) => (submission.status === 'rejected' && !rejectionNoteKept ? { ...submission, note: null } : { ...submission })),
    locks: locks(monday),
    rejectionNoteKept,
    backEnd: context.backEnd(),
    canSubmit: true,
    problem: null,
  });

  /** The lock on `date`'s period, as the engine's write tools check it before anything is sent. */
  const lockOn = (date: string) => {
    const submission = own.find(
      (held) => held.firstDay <= date && held.lastDay >= date && (held.status === 'approved' || (held.status === 'pending' && options.locksPending)),
    );
    const monday = addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
    if (!submission && heldUnsubmitted(monday)) refuse('timesheet_period_locked', unsubmittedFacts(monday));
    if (!submission) return;
    const status = submission.status === 'approved' ? 'approved' : 'pending';
    refuse('timesheet_period_locked', {
      first_day: submission.firstDay,
      last_day: submission.lastDay,
      status,
      reopened_by: status === 'pending' ? 'the_person' : 'an_approver',
      back_end: context.backEnd(),
    });
  };

  const handlers = {
    submitWeek: ({ date }: { date: string }) => {
      const monday = addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
      const sunday = addDays(monday, 6);
      if (monday > context.today()) refuse('timesheet_period_future', { first_day: monday, last_day: sunday });
      const standing = own.find((submission) => submission.firstDay === monday && (submission.status === 'pending' || submission.status === 'approved'));
      if (standing) {
        refuse('timesheet_already_submitted', {
          first_day: monday,
          last_day: sunday,
          status: standing.status === 'approved' ? 'approved' : 'pending',
          id: standing.id,
        });
      }
      const submission = week(`own-${nextId++}`, 'Ada Lovelace', monday, 'pending', context.hoursOf(monday));
      own.push(submission);
      return { approval: weekView(monday), outcome: submittedWords(submission) };
    },
    getApprovalsToDecide: (): ApprovalsToDecideView => {
      if (!options.lead) context.reject(`${context.backEnd()} leaves nobody's timesheet to your decision through Punchcard.`);
      return { submissions: structuredClone(toDecide), more: false, from: '2026-03-19', to: context.today() };
    },
    getSubmissionEntries: ({ id }: { id: string }): SubmissionEntriesView => {
      const submission = toDecide.find((held) => held.id === id) ?? refuse('timesheet_submission_not_found', { id });
      return { submission: structuredClone(submission), entries: entriesOf(submission), more: false };
    },
    decideTimesheet: ({ id, decision, note }: { id: string; decision: 'approve' | 'reject'; note?: string | undefined }) => {
      // The window's contract refuses a rejection without a note before main sees it (window-contract/approvals.ts).
      if (decision === 'reject' && !note?.trim()) context.reject(`Invalid request: note: ${REJECTION_NEEDS_NOTE}.`);
      const submission = toDecide.find((held) => held.id === id) ?? refuse('timesheet_submission_not_found', { id });
      if (submission.status !== 'pending') {
        refuse('timesheet_already_decided', {
          first_day: submission.firstDay,
          last_day: submission.lastDay,
          person: submission.person,
          status: submission.status,
        });
      }
      const given = note?.trim() || undefined;
      decisions.push({ id, decision, note: given });
      const decided = {
        ...submission,
        status: decision === 'approve' ? 'approved' : 'rejected',
        note: given ?? null,
        decidedBy: 'Ada Lovelace',
      } as SubmissionView;
      toDecide = toDecide.map((held) => (held.id === id ? decided : held));
      return { submission: decided, outcome: timesheetDecidedWords(decided, decision, { given: given !== undefined, kept: true }) };
    },
  };

  return {
    handlers,
    week: weekView,
    lockOn,
    decisions,
    /** Someone else decided a waiting week meanwhile (in the tracker's own pages). */
    decideElsewhere(id: string, status: ApprovalStatus) {
      toDecide = toDecide.map((held) => (held.id === id ? { ...held, status } : held));
    },
    decides: () => options.lead === true,
  };
}
