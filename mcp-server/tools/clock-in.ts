import { formatDuration, formatInstant, formatLocalTime } from '../domain/time.ts';
import { TimerRunningError } from '../providers/time-tracker.ts';
import { quoted } from './asking.ts';
import { modelText, say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { ToolInputError } from './tool-input-error.ts';
import { refuseAgentPrefix } from './agent-labels.ts';
import { keptWords } from './kept-words.ts';
import { locksApply, refuseLockedTime, sayLockedMeanwhile } from './approval-lock.ts';
import { catalogLookup, entryLabel, entryNames, MINUTE_MS, notInFuture, presentEntry, readInstant, stableEntry } from './shared.ts';
import { clockInContract } from '../contract/tools/clock-in.ts';
import { checkedFields, refuseFieldsWithout } from './entry-fields.ts';
import { daysAround, sayingCreated } from './working-time-reads.ts';

export default defineTool({
  ...clockInContract,
  async handler(args, context) {
    refuseFieldsWithout(context.tracker, args.fields);
    refuseAgentPrefix(context.tracker, args.description, 'description', 'Nothing was sent.');
    const start = args.start === undefined ? undefined : notInFuture(readInstant(args.start, context, 'start'), context, 'start');
    const refs = catalogLookup(context);
    const projectId = await refs.project(args.project);
    const activityId = await refs.activity(args.activity, projectId);
    // A back end that checks required fields only when the timer stops (Clockify) lets it start without them.
    const customFields = await checkedFields(context.tracker, args.fields, {
      projectId,
      activityId,
      checkRequired: !context.tracker.entryFields?.timerStartsWithout,
      timer: 'not_started',
    });
    const fields = {
      projectId,
      activityId,
      description: args.description?.trim() ?? '',
      ...(start === undefined ? {} : { start }),
      ...(customFields ? { customFields } : {}),
    };
    // Switching stops a timer the person may still be on: read where the client can ask (they say so first)
    // or where periods lock (the stop ends that timer where it began).
    const running = args.switch && (context.ask.available || locksApply(context)) ? await context.tracker.timer.runningEntry() : null;
    const from = start ?? context.now();
    await refuseLockedTime(context, [{ start: from, end: context.now() }, ...(running ? [{ start: running.start, end: Math.max(running.start, from) }] : [])]);
    if (running && context.ask.available) {
      // The model's words are quoted as short excerpts (asking.ts): the person reads a question, not a letter.
      const next =
        [args.project, args.activity]
          .filter((word) => word?.trim())
          .map((word) => quoted(word ?? ''))
          .join(' · ') || 'no project';
      context.ask.confirm({
        key: 'switch',
        message:
          `Stop the running timer (${quoted(modelText(entryLabel(running)))}, since ${formatLocalTime(running.start, context.timezone)}, ${formatDuration(context.now() - running.start)}) ` +
          `and clock in on ${next}${fields.description ? ` — ${quoted(fields.description)}` : ''}?`,
        shows: stableEntry(running),
        unchanged: say`The timer on ${entryLabel(running)} keeps running and no new one was started`,
      });
    }
    try {
      // The timer started counts as work begun, even where the back end dates its start at or after our now (a
      // clock that stands still, a server's clock ahead): its start is what a short rest is measured to.
      const { started, stopped } = await sayingCreated(
        context,
        daysAround(from, context.now(), context),
        () => context.tracker.timer.startTimer(fields, args.switch ?? false),
        { after: ({ started: begun }) => Math.max(context.now(), begun.start + 1) },
      );
      await sayLockedMeanwhile(context, stopped ? [started, stopped] : [started]);
      const since = formatLocalTime(started.start, context.timezone);
      const switched = stopped ? say`stopped ${entryLabel(stopped)} and ` : '';
      const kept = keptWords(started, say`${switched}clocked in at ${since} on ${entryLabel(started)}`);
      const text =
        kept ??
        (stopped
          ? say`Stopped ${entryLabel(stopped)} (${formatDuration((stopped.end ?? started.start) - stopped.start)}); clocked in on ${entryLabel(started)} at ${since}.`
          : say`Clocked in on ${entryLabel(started)} at ${since}.`);
      return { data: { started: presentEntry(started, context), stopped: stopped && presentEntry(stopped, context) }, text };
    } catch (error) {
      if (error instanceof TimerRunningError) {
        // What runs, as the app's Status screen shows it: the entry, its names, since when and how long.
        const running = error.running;
        throw new ToolInputError('clock_in_timer_running', {
          entry: running.id,
          ...entryNames(running),
          since: formatInstant(running.start, context.timezone),
          minutes: Math.floor(Math.max(0, context.now() - running.start) / MINUTE_MS),
        });
      }
      throw error;
    }
  },
});
