import { formatDuration, formatInstant, formatLocalTime, startOfIsoWeek } from '../domain/time.ts';
import { outside, say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { dayRange, entryLabel, MINUTE_MS, presentEntry, runningBreak, today } from './shared.ts';
import { ownSpans, sumSpans } from '../domain/report.ts';
import { timerStatusContract } from '../contract/tools/timer-status.ts';

export default defineTool({
  ...timerStatusContract,
  async handler(_args, context) {
    const now = context.now();
    const day = today(context);
    const week = dayRange(startOfIsoWeek(day), day, context);
    const todayStart = dayRange(day, day, context).start;
    const [running, everySpan] = await Promise.all([context.tracker.timer.runningEntry(), context.tracker.entries.workSpans(week.start, week.end, now)]);
    // The person's own hours: AI agents' own time (record_agent_time) is not theirs.
    const spans = ownSpans(everySpan, false).counted;
    const todayMinutes = Math.floor(sumSpans(spans, todayStart, week.end) / MINUTE_MS);
    const weekMinutes = Math.floor(sumSpans(spans, week.start, week.end) / MINUTE_MS);
    const totals = `Today ${formatDuration(todayMinutes * MINUTE_MS)}, this week ${formatDuration(weekMinutes * MINUTE_MS)}.`;
    const pause = runningBreak(running);
    const onBreak = pause ? say`On a break (${outside(pause.type.name)}) since ${formatLocalTime(pause.start, context.timezone)}. ` : '';
    const text = running
      ? say`Working on ${entryLabel(running)} since ${formatLocalTime(running.start, context.timezone)} (${formatDuration(now - running.start)}). ${onBreak}${totals}`
      : say`No timer running. ${totals}`;
    return {
      data: {
        running: running && presentEntry(running, context),
        on_break: pause ? { type: pause.type.name, since: formatInstant(pause.start, context.timezone) } : null,
        today_minutes: todayMinutes,
        week_minutes: weekMinutes,
      },
      text,
    };
  },
});
