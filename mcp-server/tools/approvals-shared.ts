// What the approvals tools share: a submission as they answer it, the period a day falls in by the
// back end's rule, and the hours a period holds, as the person's question names them.
import type { z } from 'zod/v4';
import type { submissionOutput } from '../contract/tools/outputs.ts';
import { type DaySpan, periodHolding, type TimesheetSubmission } from '../domain/approvals.ts';
import type { TrackerWith } from '../providers/time-tracker.ts';
import type { ToolContext } from './context.ts';
import { daysBetween } from '../domain/time.ts';
import { dayRange, readDate, today } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';
import { outside, say, type Sentence } from '../contract/outcomes/sentence.ts';

export type SubmissionOutput = z.infer<typeof submissionOutput>;

export function presentSubmission(submission: TimesheetSubmission): SubmissionOutput {
  return {
    id: submission.id,
    person: submission.person,
    period: submission.period,
    first_day: submission.firstDay,
    last_day: submission.lastDay,
    status: submission.status,
    hours: submission.trackedSeconds === null ? null : Math.round(submission.trackedSeconds / 36) / 100,
    note: submission.note,
    decided_by: submission.decidedBy,
  };
}

/**
 * The period a tool works on: the one holding `periodStart` (any of its days), or the current one, by the
 * back end's rule. A period kind other than the back end's is refused before anything is sent.
 */
export async function periodAsked(
  context: ToolContext<'approvals'>,
  args: { period_start?: string | undefined; period?: string | undefined },
): Promise<DaySpan & { period: TimesheetSubmission['period'] }> {
  const rule = await context.tracker.approvals.rule();
  if (args.period !== undefined && args.period !== rule.period) {
    throw new ToolInputError('timesheet_period_kind', { period: args.period, back_end: context.tracker.label, back_end_period: rule.period });
  }
  const day = args.period_start === undefined ? today(context) : readDate(args.period_start, context, 'period_start');
  return { ...periodHolding(day, rule), period: rule.period };
}

/** Hours worked in the span, as the person's own entries hold them (for the question before a submission). */
export async function hoursIn(context: ToolContext & { tracker: TrackerWith<'approvals'> }, span: DaySpan): Promise<number> {
  const { start, end } = dayRange(span.firstDay, span.lastDay, context);
  const spans = await context.tracker.entries.workSpans(start, end, context.now());
  const ms = spans.reduce((sum, work) => sum + (work.end - work.start), 0);
  return Math.round(ms / 36_000) / 100;
}

/** "the week of 2026-11-16 to 2026-11-22", "the month 2026-11-01 to 2026-11-30". */
export function periodWords(span: DaySpan & { period: string }): string {
  const kind = span.period === 'semi_month' ? 'half-month' : span.period;
  return `the ${kind} ${span.firstDay} to ${span.lastDay}`;
}

/** The longest report whose approval status is read: a month (Kimai's plugin reads a week at a time). */
const MAX_STATUS_DAYS = 31;

/**
 * What a report says of the person's submissions touching its days ("Timesheet 2026-11-16 to 2026-11-22:
 * approved."), where the back end has approvals and the report covers at most a month. A failed read
 * costs the report nothing but this line, which says so.
 */
export async function approvalLines(context: ToolContext, from: string, to: string): Promise<Sentence[]> {
  const approvals = context.tracker.approvals;
  if (!approvals || !context.tracker.capabilities.has('approvals') || daysBetween(from, to) + 1 > MAX_STATUS_DAYS) return [];
  try {
    const own = await approvals.own({ firstDay: from, lastDay: to });
    return own
      .filter((submission) => submission.status !== 'withdrawn')
      .map((submission) => [
        `Timesheet ${submission.firstDay} to ${submission.lastDay}: ${submission.status === 'pending' ? 'submitted, waiting for approval' : submission.status}.`,
      ]);
  } catch (error) {
    // The reason may be a back end's own words.
    return [say`The timesheet's approval status could not be read: ${outside((error as Error).message)}`];
  }
}
