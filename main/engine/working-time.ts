// The window's working time, from the engine's `working_time` tool only (docs/decisions.md, "The app
// calls its own engine's tools"): a range of days as the law counts them, the findings of the rules in
// force, the totals and the balance. The tool's contract parses the answer's shape; a finding's facts
// travel there as a loose object, so each is checked here against what its code promises before the
// window words it: a finding with missing or mistyped facts fails loudly instead of reading wrong.
import * as z from 'zod/v4';
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import type { WorkingTimeFinding } from '../../mcp-server/contract/working-time.ts';
import type { WorkingTimeView } from '../../window-contract/working-time.ts';
import type { EngineClient } from './engine-client.ts';
import { EngineError, messages } from './engine-error.ts';
import { toolCaller } from './tool-call.ts';

const minutes = z.number().finite();
const dated = { date: z.string(), trackers: z.array(z.string()).optional() };

/** Each finding's facts as docs/working-time.md lists them (contract/working-time.ts, WorkingTimeFinding). */
export const FindingSchema = z.discriminatedUnion('code', [
  z.object({ ...dated, code: z.literal('wt_day_over_max'), worked_minutes: minutes, max_minutes: minutes }),
  z.object({ ...dated, code: z.literal('wt_week_over_max'), from: z.string(), to: z.string(), worked_minutes: minutes, max_minutes: minutes }),
  z.object({
    ...dated,
    code: z.literal('wt_average_over'),
    average_minutes: minutes,
    limit_minutes: minutes,
    from: z.string(),
    to: z.string(),
    per: z.enum(['working_day', 'week']),
  }),
  z.object({ ...dated, code: z.literal('wt_break_short'), worked_minutes: minutes, break_minutes: minutes, required_minutes: minutes }),
  z.object({ ...dated, code: z.literal('wt_stretch_over_max'), start: z.string(), end: z.string(), minutes }),
  z.object({ ...dated, code: z.literal('wt_rest_short'), end: z.string(), next_start: z.string(), rest_minutes: minutes, required_minutes: minutes }),
  z.object({
    ...dated,
    code: z.literal('wt_weekly_rest_short'),
    from: z.string(),
    to: z.string(),
    longest_rest_minutes: minutes,
    required_minutes: minutes,
  }),
  z.object({ ...dated, code: z.literal('wt_sunday_or_holiday'), worked_minutes: minutes, holiday: z.string().optional() }),
]);

export interface WorkingTime {
  /** The days `from` to `to` (at most a month) as the rules in force count them. */
  range(from: string, to: string): Promise<WorkingTimeView>;
}

export function createWorkingTime(engine: EngineClient): WorkingTime {
  const call = toolCaller(engine);
  return {
    async range(from, to) {
      const answer = await call(TOOL_CONTRACTS.working_time, { from, to });
      const findings = answer.findings.map((finding, index): WorkingTimeFinding => {
        const parsed = FindingSchema.safeParse(finding);
        if (parsed.success) return parsed.data as WorkingTimeFinding;
        const issue = parsed.error.issues[0];
        throw new EngineError(
          'protocol',
          messages.unreadable('working_time', `findings.${index}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'not valid'}`),
          {
            tool: 'working_time',
          },
        );
      });
      return {
        rules: answer.rules,
        from: answer.from,
        to: answer.to,
        days: answer.days,
        findings,
        totals: answer.totals,
        balance: answer.balance,
        ...(answer.balances ? { balances: answer.balances } : {}),
      };
    },
  };
}
