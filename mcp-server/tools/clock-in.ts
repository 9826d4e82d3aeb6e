import * as z from 'zod/v4';
import { formatDuration, formatLocalTime } from '../domain/time.ts';
import { TimerRunningError } from '../providers/time-tracker.ts';
import { defineTool, ToolInputError } from './define-tool.ts';
import { catalogLookup, entryLabel, entryOutput, notInFuture, presentEntry, readInstant } from './shared.ts';

export default defineTool({
  name: 'clock_in',
  title: 'Clock in',
  description:
    'Start the timer (now or a past start); if one runs, pass switch: true.',
  capability: 'timer',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: z.object({
    project: z.string().max(200).optional(),
    activity: z.string().max(200).optional(),
    description: z.string().max(5000).optional(),
    start: z.string().max(64).optional(),
    switch: z.boolean().optional(),
  }),
  output: z.object({ started: entryOutput, stopped: entryOutput.nullable() }),
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
