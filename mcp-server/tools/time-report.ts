import { dayTargets, groupSpans, ownSpans, sumSpans, withTargets, type DayTarget } from '../domain/report.ts';
import { joined } from '../contract/outcomes/sentence.ts';
import { addDays, startOfIsoWeek } from '../domain/time.ts';
import { clipLeave } from '../domain/leave-tally.ts';
import { planOf } from '../domain/work-plan.ts';
import { MAX_REPORT_YEARS } from '../domain/call-limits.ts';
import { defineTool } from './define-tool.ts';
import type { ToolContext } from './context.ts';
import { leaveFractions, leaveTypesByDay } from './leave-shared.ts';
import { approvalLines } from './approvals-shared.ts';
import { catalogLookup, dayRange, MINUTE_MS, noteImpossibleEntries, readDayRange, today } from './shared.ts';
import { timeReportContract } from '../contract/tools/time-report.ts';
import { balanceWords, duration, groupKeyWords, groupLine, targetWords, totalWords } from './report-words.ts';
import { sayFindingsIn } from './working-time-reads.ts';
import type { LeaveType } from '../providers/time-tracker.ts';

export default defineTool({
  ...timeReportContract,
  async handler(args, context) {
    const { from, to } = readDayRange(args, context, wholeWeekOrOneDay(args, context), { years: MAX_REPORT_YEARS });
    const now = today(context);
    const range = dayRange(from, to, context);
    const projectId = await catalogLookup(context).project(args.project);
    const everySpan = await context.tracker.entries.workSpans(range.start, range.end, context.now(), projectId ?? undefined);
    // Entries that cannot be ones are in no sum below (domain/report.ts); the answer says which they are.
    noteImpossibleEntries(
      everySpan.map((span) => span.impossible),
      context,
    );
    // AI agents' own time is not the person's hours, unless asked for; how much was left out is said.
    const { counted: spans, leftOut } = ownSpans(everySpan, args.include_agents === true);
    const agentMinutes = Math.round(sumSpans(leftOut, range.start, range.end) / MINUTE_MS);
    const agentLine = agentMinutes > 0 ? [`AI agents' own time left out: ${duration(agentMinutes)} (include_agents: true counts it).`] : [];
    const groupBy = args.group_by ?? 'day';
    const worked = groupSpans(spans, groupBy, context.timezone);
    const total = Math.round(sumSpans(spans, range.start, range.end) / MINUTE_MS);
    const totalText = totalWords(total, from, to, args.include_agents === true);
    if (projectId !== null) {
      const groups = worked.map((group) => ({ key: group.key, minutes: Math.round(group.ms / MINUTE_MS) }));
      return {
        data: {
          from,
          to,
          today: now,
          groups,
          total_minutes: total,
          target_minutes: null,
          target_so_far_minutes: null,
          overtime_minutes: null,
          back_end_balance: null,
          agent_minutes_left_out: agentMinutes,
        },
        text: joined([`${totalText}.`, ...agentLine, ...groups.map((group) => groupLine(groupKeyWords(group.key, groupBy), group.minutes))], '\n'),
      };
    }
    const [{ targets, holidays, leave }, , account, approvalLine] = await Promise.all([
      targetsOver(from, to, context),
      // The working-time rules' findings in the range, a notice beside the report (tools/working-time-reads.ts).
      sayFindingsIn(context, from, to),
      from <= now && context.tracker.plan?.timeAccount ? context.tracker.plan.timeAccount(from, to < now ? to : now) : null,
      approvalLines(context, from, to),
    ]);
    const groups: Array<{ key: string; minutes: number; target_minutes?: number; holiday?: string; leave?: LeaveType }> =
      groupBy === 'day' || groupBy === 'week'
        ? withTargets(worked, targets, groupBy).map((group) => ({
            key: group.key,
            minutes: Math.round(group.ms / MINUTE_MS),
            target_minutes: group.targetMinutes,
            ...(groupBy === 'day' ? dayNames(group.key, holidays, leave) : {}),
          }))
        : worked.map((group) => ({ key: group.key, minutes: Math.round(group.ms / MINUTE_MS) }));
    const target = sumMinutes(targets);
    // Today's target counts in full from the morning on: "so far" is whole days.
    const soFar = sumMinutes(targets.filter((day) => day.date <= now));
    const balance = total - soFar;
    const summary = `${totalText}; target ${targetWords(target, soFar, to, now)}; ${balanceWords(balance)}.`;
    // The groups' lines come last, one each: the answer across connections re-says those of connections that share the week.
    const lines = groups.map((group) => groupLine(groupKeyWords(group.key, groupBy), group.minutes, group.target_minutes));
    const backEndBalance = account ? { minutes: account.balanceMinutes, covers: account.label } : null;
    const accountLine = account ? [`${account.label}: ${account.balanceMinutes < 0 ? '-' : '+'}${duration(Math.abs(account.balanceMinutes))}.`] : [];
    return {
      data: {
        from,
        to,
        today: now,
        groups,
        total_minutes: total,
        target_minutes: target,
        target_so_far_minutes: soFar,
        overtime_minutes: balance,
        back_end_balance: backEndBalance,
        agent_minutes_left_out: agentMinutes,
      },
      text: joined([summary, ...agentLine, ...accountLine, ...approvalLine, ...lines], '\n'),
    };
  },
});

/** This whole week, Monday to Sunday, so the days ahead show what is planned; with only a `from`, just that day. */
function wholeWeekOrOneDay(args: { from?: string | undefined }, context: ToolContext) {
  const monday = startOfIsoWeek(today(context));
  return { from: monday, to: (from: string) => (args.from === undefined ? addDays(monday, 6) : from) };
}

/** Each day's target, and why a day's is less than the week's: its public holiday, the leave it takes. */
async function targetsOver(
  from: string,
  to: string,
  context: ToolContext,
): Promise<{ targets: DayTarget[]; holidays: Map<string, string>; leave: Map<string, LeaveType> }> {
  // A back end without leave answers none: the targets are then the plan's.
  const [days, listed] = await Promise.all([context.workDays(from, to), context.tracker.leave.listLeave({ from, to })]);
  const plan = planOf(days);
  // A request that began before the range or ends after it counts only inside it: the plan covers
  // the range alone (a week in the middle of three weeks' leave).
  const requests = listed.flatMap((request) => clipLeave(request, from, to) ?? []);
  const holidays = new Map(days.flatMap((day) => (day.holiday === null ? [] : [[day.date, day.holiday] as const])));
  return { targets: dayTargets(from, to, plan, leaveFractions(requests, plan)), holidays, leave: leaveTypesByDay(requests, plan) };
}

function dayNames(date: string, holidays: ReadonlyMap<string, string>, leave: ReadonlyMap<string, LeaveType>): { holiday?: string; leave?: LeaveType } {
  const holiday = holidays.get(date);
  const taken = leave.get(date);
  return { ...(holiday === undefined ? {} : { holiday }), ...(taken === undefined ? {} : { leave: taken }) };
}

function sumMinutes(days: readonly DayTarget[]): number {
  return days.reduce((sum, day) => sum + day.minutes, 0);
}
