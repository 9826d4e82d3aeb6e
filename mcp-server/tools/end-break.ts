import { formatDuration, formatLocalTime } from '../domain/time.ts';
import { say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { entryLabel, presentEntry } from './shared.ts';
import { endBreakContract } from '../contract/tools/end-break.ts';

export default defineTool({
  ...endBreakContract,
  async handler(_args, context) {
    const { tracker } = context;
    const shift = await tracker.breaks.endBreak();
    const ended = shift.breaks?.filter((span) => span.end !== null).at(-1);
    const took = ended?.end ? ` after ${formatDuration(ended.end - ended.start)}` : '';
    return {
      data: { shift: presentEntry(shift, context) },
      text: say`Break ended${took}; back on ${entryLabel(shift)} at ${formatLocalTime(ended?.end ?? context.now(), context.timezone)}.`,
    };
  },
});
