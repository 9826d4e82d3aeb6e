import { formatDuration, formatLocalTime } from '../domain/time.ts';
import { TimerRunningError } from '../providers/time-tracker.ts';
import { defineTool, ToolInputError } from './define-tool.ts';
import { catalogLookup, entryLabel, notInFuture, presentEntry, readInstant } from './shared.ts';
import { clockInContract } from '../contract/tools/clock-in.ts';

export default defineTool({
  ...clockInContract,
  async handler(args, context) {
    const start = args.start === undefined ? undefined : notInFuture(readInstant(args.start, context, 'start'), context, 'start');
    const refs = catalogLookup(context);
    const projectId = await refs.project(args.project);
    const activityId = await refs.activity(args.activity, projectId);
    const fields = { projectId, activityId, description: args.description?.trim() ?? '', ...(start === undefined ? {} : { start }) };
    try {
      const { started, stopped } = await context.tracker.startTimer(fields, args.switch ?? false);
      const since = formatLocalTime(started.start, context.timezone);
      const text = stopped
        ? `Stopped ${entryLabel(stopped)} (${formatDuration((stopped.end ?? started.start) - stopped.start)}); clocked in on ${entryLabel(started)} at ${since}.`
        : `Clocked in on ${entryLabel(started)} at ${since}.`;
      return { data: { started: presentEntry(started, context), stopped: stopped && presentEntry(stopped, context) }, text };
    } catch (error) {
      if (error instanceof TimerRunningError) {
        const running = error.running;
        throw new ToolInputError(
          `A timer is already running: ${entryLabel(running)} since ${formatLocalTime(running.start, context.timezone)} ` +
            `(${formatDuration(context.now() - running.start)}). Clock out first, or call clock_in with switch: true to stop it and start the new one.`,
        );
      }
      throw error;
    }
  },
});
