import { listTimesheetApprovalsContract, MAX_SUBMISSIONS } from '../contract/tools/list-timesheet-approvals.ts';
import { addDays } from '../domain/time.ts';
import type { PeriodLock, TimesheetSubmission } from '../domain/approvals.ts';
import { joined, outside, say, type Sentence } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { presentSubmission } from './approvals-shared.ts';
import { readDayRange, today } from './shared.ts';

/** How far back the list looks by default: two months of weeks. */
const DEFAULT_DAYS = 56;
/** The longest range one call looks at. */
const MAX_DAYS = 366;

export default defineTool({
  ...listTimesheetApprovalsContract,
  async handler(args, context) {
    const approvals = context.tracker.approvals;
    const now = today(context);
    const range = readDayRange(args, context, { from: addDays(now, 1 - DEFAULT_DAYS), to: () => now }, { days: MAX_DAYS });
    const span = { firstDay: range.from, lastDay: range.to };
    const person = args.person?.trim() || undefined;
    const toDecide = person !== undefined;
    let found: TimesheetSubmission[];
    let locks: PeriodLock[] | undefined;
    if (toDecide) {
      found = await approvals.toDecide({ span, status: args.status, person: person === '*' ? undefined : person, limit: MAX_SUBMISSIONS + 1 });
    } else {
      // The person's own locks too: the window keeps a locked period's entries as they are. Read after the
      // submissions, so a back end that keeps the call's pages (Clockify) answers them from the same lists.
      found = (await approvals.own(span)).filter((submission) => args.status === undefined || submission.status === args.status);
      locks = await approvals.locks(span);
    }
    const listed = found.slice(0, MAX_SUBMISSIONS);
    const lines = listed.map((submission) => lineOf(submission, toDecide));
    const whose = toDecide ? 'waiting for your decision or decided by you' : 'of yours';
    const head =
      listed.length === 0
        ? `No timesheet submissions ${whose} from ${range.from} to ${range.to}.`
        : `Timesheet submissions ${whose}, ${range.from} to ${range.to}:`;
    const rejectedWithoutNote = !toDecide && !approvals.rejectionNoteKept && listed.some((submission) => submission.status === 'rejected');
    // Where the back end's API shows the status only (Harvest's entries), where submitting and deciding happen is said once.
    const inTracker = !context.tracker.capabilities.has('approvals_workflow');
    const tail = [
      ...(inTracker ? [`Timesheets are submitted and approved in ${context.tracker.label} itself; this lists their status.`] : []),
      ...(found.length > MAX_SUBMISSIONS ? [`More matched; narrow from/to or person.`] : []),
      ...(rejectedWithoutNote ? [`${context.tracker.label} keeps no rejection note for you to read here: it sent the note by e-mail.`] : []),
    ];
    return {
      data: {
        whose: toDecide ? ('to_decide' as const) : ('mine' as const),
        submissions: listed.map(presentSubmission),
        more: found.length > MAX_SUBMISSIONS,
        from: range.from,
        to: range.to,
        rejection_note_kept: approvals.rejectionNoteKept,
        ...(locks === undefined
          ? {}
          : {
              locks: locks.map((lock) => ({ first_day: lock.firstDay, last_day: lock.lastDay, status: lock.status, reopened_by: lock.reopenedBy })),
            }),
      },
      text: joined([head, ...lines, ...tail], '\n'),
    };
  },
});

function lineOf(submission: TimesheetSubmission, withPerson: boolean): Sentence {
  const hours = submission.trackedSeconds === null ? '' : `, ${presentSubmission(submission).hours} h`;
  const who = withPerson ? say`${outside(submission.person)}: ` : '';
  const note = submission.note ? say`; note ${outside(submission.note)}` : '';
  return say`- ${who}${submission.firstDay} to ${submission.lastDay} ${submission.status}${hours}${note} (id ${submission.id})`;
}
