// A shift on the local timesheet with a hand-written breaks part (BreaksPart in
// mcp-server/providers/time-tracker.ts) that keeps breaks inside the running entry, for the tests of
// start_break and end_break: the local timesheet itself has no breaks.
import { type BreakSpan, BackEndError, type BreaksPart } from '../../../mcp-server/providers/time-tracker.ts';
import clockIn from '../../../mcp-server/tools/clock-in.ts';
import endBreak from '../../../mcp-server/tools/end-break.ts';
import startBreak from '../../../mcp-server/tools/start-break.ts';
import { localToolContext } from './local-tool-context.ts';
import { trackerWithPart } from './tracker-with-part.ts';
import { said } from '../../support/said-outcome.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
export const NOW = Date.parse('2026-11-18T14:00:00Z');
const TYPES = [
  { id: 7, name: 'Lunch' },
  { id: 9, name: 'Short break' },
];

/** A shift running since 09:00; its breaks begin ten minutes before now and end at `endAt` (now by default). */
export async function shift(options: { types?: typeof TYPES; endAt?: number } = {}) {
  const local = await localToolContext({ now: NOW, timezone: 'Europe/Berlin' });
  await local.run(clockIn, { start: '09:00', description: 'support' });
  const { tracker } = local;
  const breaks: BreakSpan[] = [];
  const started: Array<number | null> = [];
  const withBreaks = async () => {
    const running = await tracker.timer.runningEntry();
    if (!running) throw new BackEndError('calamari_shift_not_running');
    return { ...running, breaks: breaks.map((span) => ({ ...span })) };
  };
  const part: BreaksPart = {
    breakTypes: async () => options.types ?? TYPES,
    async startBreak(typeId) {
      started.push(typeId);
      const type = (options.types ?? TYPES).find((candidate) => candidate.id === typeId) ?? { id: 0, name: 'Break' };
      breaks.push({ type, start: NOW - 10 * 60_000, end: null });
      return withBreaks();
    },
    async endBreak() {
      const open = breaks.find((span) => span.end === null);
      if (!open) throw new BackEndError('calamari_break_not_running');
      open.end = options.endAt ?? NOW;
      return withBreaks();
    },
  };
  const context = { ...local.context, tracker: trackerWithPart(tracker, 'breaks', part) };
  return {
    close: local.close,
    started,
    breaks,
    start: (args: Record<string, unknown>) => said(startBreak.handler(startBreak.input.parse(args), context)),
    end: () => said(endBreak.handler({}, context)),
  };
}
