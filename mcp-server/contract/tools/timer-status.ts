// `timer_status` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { entryOutput } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const timerStatusContract = toolContract({
  name: 'timer_status',
  group: 'timer',
  access: 'read',
  title: 'Timer status',
  description: 'The running timer, if any, and minutes worked today and this week.',
  capability: 'timer',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: () => z.object({}),
  output: () =>
    z.object({
      running: entryOutput.nullable(),
      /** The break running inside the shift (back ends with breaks), or null. */
      on_break: z.object({ type: z.string(), since: z.string() }).nullable(),
      today_minutes: z.int(),
      week_minutes: z.int(),
      /** With several trackers: every running timer, each with its connection (`running` is the latest started). */
      timers: z.array(entryOutput).optional(),
      /** With several trackers: each connection's minutes today and this week (the totals above add them up). */
      by_tracker: z.array(z.object({ tracker: z.string(), today_minutes: z.int(), week_minutes: z.int() })).optional(),
    }),
});
