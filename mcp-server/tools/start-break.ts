import { formatInstant, formatLocalTime } from '../domain/time.ts';
import type { Ref } from '../providers/time-tracker.ts';
import { outside, say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { ToolInputError } from './tool-input-error.ts';
import { entryLabel, presentEntry, runningBreak } from './shared.ts';
import { startBreakContract } from '../contract/tools/start-break.ts';

export default defineTool({
  ...startBreakContract,
  async handler(args, context) {
    const { tracker } = context;
    const types = await tracker.breaks.breakTypes();
    const type = args.type === undefined || args.type.trim() === '' ? (types[0] ?? null) : pickBreakType(types, args.type);
    const shift = await tracker.breaks.startBreak(type?.id ?? null);
    const started = runningBreak(shift);
    const since = started?.start ?? context.now();
    const name = started?.type.name ?? type?.name ?? 'break';
    return {
      data: { shift: presentEntry(shift, context), break_type: name, since: formatInstant(since, context.timezone) },
      text: say`On a break (${outside(name)}) since ${formatLocalTime(since, context.timezone)}; the shift ${entryLabel(shift)} goes on when you end it with end_break.`,
    };
  },
});

function pickBreakType(types: readonly Ref[], text: string): Ref {
  const wanted = text.trim().replace(/^#/, '').toLowerCase();
  const found = types.find((type) => type.name.toLowerCase() === wanted || String(type.id) === wanted);
  if (found) return found;
  throw new ToolInputError('break_type_unknown', { name: text, known: types.map((type) => type.name) });
}
