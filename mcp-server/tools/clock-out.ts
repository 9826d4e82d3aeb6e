import { formatDuration, formatInstant, formatLocalTime } from '../domain/time.ts';
import { say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { ToolInputError } from './tool-input-error.ts';
import { refuseAgentPrefix } from './agent-labels.ts';
import { keptWords } from './kept-words.ts';
import { refuseLockedTime, sayLockedMeanwhile } from './approval-lock.ts';
import { entryLabel, notInFuture, presentEntry, readInstant } from './shared.ts';
import { clockOutContract } from '../contract/tools/clock-out.ts';
import { checkedFields, refuseFieldsWithout } from './entry-fields.ts';
import { daysAround, sayingCreated } from './working-time-reads.ts';

export default defineTool({
  ...clockOutContract,
  async handler(args, context) {
    // Where the running entry's text is empty, the note becomes all of it (Clockodo).
    refuseFieldsWithout(context.tracker, args.fields);
    refuseAgentPrefix(context.tracker, args.note, 'note', 'Nothing was sent.');
    const running = await context.tracker.timer.runningEntry();
    if (!running) throw new ToolInputError('clock_out_no_timer');
    const end = args.end === undefined ? undefined : notInFuture(readInstant(args.end, context, 'end'), context, 'end');
    if (end !== undefined && end < running.start) {
      throw new ToolInputError('clock_out_before_start', { started: formatInstant(running.start, context.timezone) });
    }
    // The stop ends the entry where it began: a timer begun in a locked period is held as a change there is.
    await refuseLockedTime(context, [{ start: running.start, end: end ?? context.now() }]);
    // Where the back end holds required fields at the stop (Clockify), they are asked for now, with the timer kept
    // running; elsewhere clock_in asked for them, and only the values given are checked.
    const customFields = await checkedFields(context.tracker, args.fields, {
      projectId: running.project?.id ?? null,
      activityId: running.activity?.id ?? null,
      ...(running.fields ? { present: running.fields } : {}),
      checkRequired: context.tracker.entryFields?.timerStartsWithout === true,
      timer: 'keeps_running',
    });
    // The findings the stopped entry brings into the record: read before as clock_in left it (its work begun at its
    // start, a millisecond of it counted), not as the running timer counts up to now, which would hold them already;
    // so a short rest clock_in said is not said again, and a day over its maximum is said once it is recorded.
    const stopped = await sayingCreated(
      context,
      daysAround(running.start, end ?? context.now(), context),
      () => context.tracker.timer.stopTimer(end, args.note?.trim() || undefined, customFields),
      { before: running.start + 1 },
    );
    await sayLockedMeanwhile(context, [stopped]);
    // An entry that keeps its day and length only (TimeEntry.span) ends at no time of its own: it stopped when asked.
    const stoppedAt = stopped.span === 'day' ? (end ?? context.now()) : (stopped.end ?? context.now());
    const length = (stopped.end ?? context.now()) - stopped.start;
    const done = say`of ${entryLabel(stopped)} at ${formatLocalTime(stoppedAt, context.timezone)} after ${formatDuration(length)}`;
    const text = keptWords(stopped, say`clocked out ${done}`) ?? say`Clocked out ${done}.`;
    return { data: { stopped: presentEntry(stopped, context) }, text };
  },
});
