// What the working-time rules are fed, read from one connection: its worked spans and its calendar (the
// work plan and the leave, as time_report reads them for its targets), and its balance. The rules
// themselves are pure (domain/working-time/); this is the edge that reads for them. The `working_time`
// tool, time_report's and the writes' notices read through here.
import { clipLeave } from '../domain/leave-tally.ts';
import { planOf } from '../domain/work-plan.ts';
import { addDays, localDate } from '../domain/time.ts';
import {
  findingsCreated,
  balanceReads,
  balanceSince,
  type CountedSpan,
  type DayLeave,
  type WorkCalendar,
  sharedCalendar,
  type WorkingTimeAnswer,
  workingTime,
  workingTimeBalance,
  workingTimeReads,
} from '../domain/working-time/index.ts';
import type { WorkingTimeBalance, WorkingTimeFinding } from '../contract/working-time.ts';
import type { ToolContext } from './context.ts';
import { noticeOf } from '../contract/outcomes/notices.ts';
import { leaveFractions, leaveTypesByDay } from './leave-shared.ts';

/**
 * One connection's worked spans over [start, end), labelled with its name where several count together; a running
 * entry counted up to `runningUntil` (now, unless a write's "before" says otherwise).
 */
export async function spansOf(
  context: ToolContext,
  range: { start: number; end: number },
  tracker?: string,
  runningUntil: number = context.now(),
): Promise<CountedSpan[]> {
  const spans = await context.tracker.entries.workSpans(range.start, range.end, runningUntil);
  return spans.map((span) => ({
    start: span.start,
    end: span.end,
    ...(span.agent ? { agent: span.agent } : {}),
    ...(span.span ? { span: span.span } : {}),
    ...(tracker === undefined ? {} : { tracker }),
  }));
}

/** The plan and the leave of [from, to], as time_report reads them for its targets. */
export async function calendarOf(context: ToolContext, from: string, to: string): Promise<WorkCalendar> {
  const [days, listed] = await Promise.all([context.workDays(from, to), context.tracker.leave.listLeave({ from, to })]);
  const plan = planOf(days);
  // A request that began before the range or ends after it counts only inside it.
  const requests = listed.flatMap((request) => clipLeave(request, from, to) ?? []);
  const types = leaveTypesByDay(requests, plan);
  const leave = new Map<string, DayLeave>();
  for (const [date, days] of leaveFractions(requests, plan)) {
    const type = types.get(date);
    if (type !== undefined && days > 0) leave.set(date, { type, days });
  }
  return { plan, leave };
}

/** The rules of the call's settings over [from, to], on the spans given (every connection's, or this one's). */
export async function checkRange(
  context: ToolContext,
  from: string,
  to: string,
  spans: (range: { start: number; end: number }) => Promise<CountedSpan[]>,
): Promise<WorkingTimeAnswer> {
  const rules = context.settings.workingTime.rules;
  const reads = workingTimeReads(rules, from, to, context.timezone, context.now());
  const [counted, calendar] = await Promise.all([spans(reads.spans), calendarOf(context, reads.calendar.from, reads.calendar.to)]);
  return workingTime({ rules, zone: context.timezone, from, to, now: context.now(), spans: counted, calendar });
}

/** A balance and the connections whose hours it counts; those of its members that did not answer, and why. */
export type CountedBalance = WorkingTimeBalance & {
  back_end_minutes?: number;
  counted: string[];
  unanswered: Array<{ tracker: string; reason: string }>;
};

/**
 * A working-time balance up to yesterday: one connection's, with the back end's own account beside it where it keeps
 * one; or (several `members`) that of connections that share the settings' week, their hours together against the
 * one target they share (domain/shared-week.ts), each labelled so time booked to two of them counts once. A member
 * whose reads fail is left out and named in `unanswered`: the balance is then of those that answered (the caller says
 * it is incomplete); where none answered, the first's failure is thrown. The settings' opening is the default
 * connection's: `opening` is false for a balance it is not part of.
 */
export async function balanceOf(members: readonly { context: ToolContext; tracker?: string }[], opening = true): Promise<CountedBalance> {
  const [first] = members;
  if (first === undefined) throw new Error('a balance needs a connection');
  const { context } = first;
  const today = localDate(context.now(), context.timezone);
  const setting = context.settings.workingTime.balance;
  const since = balanceSince(setting?.since, today);
  const openingMinutes = opening ? (setting?.openingMinutes ?? 0) : 0;
  const reads = balanceReads(since, today, context.timezone);
  // Without the settings' day, from the first work this year: nobody owes the months before they recorded any.
  const base = { since, fromFirstWork: setting?.since === undefined, openingMinutes, today, zone: context.timezone, rules: context.settings.workingTime.rules };
  const names = members.map((member) => member.tracker ?? '');
  // Starting today or later: nothing to add yet, and nothing read.
  if (reads === null)
    return { ...workingTimeBalance({ ...base, spans: [], calendar: { plan: planOf([]), leave: new Map() } }), counted: names, unanswered: [] };
  const [settled, account] = await Promise.all([
    Promise.allSettled(
      members.map((member) =>
        Promise.all([spansOf(member.context, reads.spans, member.tracker), calendarOf(member.context, reads.calendar.from, reads.calendar.to)]),
      ),
    ),
    // A back end's own account is one employer's: beside a connection's own balance only.
    members.length === 1 && context.tracker.plan?.timeAccount ? context.tracker.plan.timeAccount(since, addDays(today, -1)) : null,
  ]);
  const read = settled.flatMap((each) => (each.status === 'fulfilled' ? [each.value] : []));
  const unanswered = settled.flatMap((each, index) =>
    each.status === 'rejected' ? [{ tracker: names[index] as string, reason: (each.reason as Error).message }] : [],
  );
  if (read.length === 0) throw (settled[0] as PromiseRejectedResult).reason;
  const counted = names.filter((_, index) => settled[index]?.status === 'fulfilled');
  const ours = workingTimeBalance({ ...base, spans: read.flatMap(([spans]) => spans), calendar: sharedCalendar(read.map(([, calendar]) => calendar)) });
  return { ...ours, ...(account ? { back_end_minutes: account.balanceMinutes } : {}), counted, unanswered };
}

/** What the rules find over the days, on this connection's spans; null with the rules off. */
async function findingsOver(context: ToolContext, days: { from: string; to: string }, runningUntil?: number): Promise<WorkingTimeFinding[] | null> {
  if (context.settings.workingTime.rules === 'off') return null;
  return (await checkRange(context, days.from, days.to, (range) => spansOf(context, range, undefined, runningUntil))).findings;
}

/** The days a write of work over [start, end) may change a finding of: the day before (its rest ends in them) to the day after. */
export function daysAround(start: number, end: number, context: ToolContext): { from: string; to: string } {
  return { from: addDays(localDate(start, context.timezone), -1), to: addDays(localDate(end, context.timezone), 1) };
}

/**
 * Runs a write and says the findings it created (domain/working-time/created.ts): the rules over the days it
 * touches, read before and after it from this connection. The write is never refused or changed for a rule;
 * where a read for the rules fails, the write's answer stands without the notice (logged). `running` says where a
 * running entry is counted up to in each read, where now is not what the write means (clock_in's, clock_out's).
 */
export async function sayingCreated<T>(
  context: ToolContext,
  days: { from: string; to: string },
  write: () => Promise<T>,
  running: { before?: number; after?: (result: T) => number } = {},
): Promise<T> {
  const rules = context.settings.workingTime.rules;
  if (rules === 'off') return write();
  const before = await findingsOver(context, days, running.before).catch((error: unknown) => unread(context, error));
  const result = await write();
  if (before === null) return result;
  const after = await findingsOver(context, days, running.after?.(result)).catch((error: unknown) => unread(context, error));
  const created = after === null ? [] : findingsCreated(before, after);
  if (created.length > 0) context.notes.push(noticeOf('working_time', { rules, findings: created, created: true }));
  return result;
}

/**
 * A report's notice: what the rules find in its range, where they are on and find something. A read for the
 * rules that fails leaves the report as it is (logged): the rules are said beside a report, never instead of it.
 */
export async function sayFindingsIn(context: ToolContext, from: string, to: string): Promise<void> {
  const rules = context.settings.workingTime.rules;
  if (rules === 'off') return;
  const findings = await findingsOver(context, { from, to }).catch((error: unknown) => unread(context, error));
  if (findings && findings.length > 0) context.notes.push(noticeOf('working_time', { rules, findings }));
}

function unread(context: ToolContext, error: unknown): null {
  context.log(`The working-time rules could not be checked: ${(error as Error).message}`);
  return null;
}
