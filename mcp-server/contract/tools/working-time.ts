// `working_time` as AI clients and the app see it: the days of a range as the law counts them, what the
// rules of the settings' set find (docs/working-time.md), the totals and the working-time balance. The
// handler is in mcp-server/tools/; the rules in mcp-server/domain/working-time/.
import * as z from 'zod/v4';
import { LEAVE_TYPES } from '../vocabulary.ts';
import { BALANCE_SINCE_REASONS, WORKING_TIME_FINDING_CODES, WORKING_TIME_RULES } from '../working-time.ts';
import { toolContract } from './tool-contract.ts';

const balance = z.object({
  since: z.string(),
  /** Why it starts there: the settings' balance.since, the first of the year, the first day with work this year, or none yet (today). */
  since_reason: z.enum(BALANCE_SINCE_REASONS),
  opening_minutes: z.number(),
  minutes: z.number(),
  /** The back end's own account over the same days where it keeps one (Clockodo, Calamari): the employer's figure. */
  back_end_minutes: z.number().optional(),
});

export const workingTimeContract = toolContract({
  name: 'working_time',
  group: 'reports',
  access: 'read',
  title: 'Working time',
  description: 'Rest, breaks and day/week limits under the law, all trackers together (default: this month).',
  capability: 'reports',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: () =>
    z.object({
      month: z.string().max(32).optional(),
      from: z.string().max(32).optional(),
      to: z.string().max(32).optional(),
    }),
  output: () =>
    z.object({
      /** The rule set checked; `off`: days and totals only. */
      rules: z.enum(WORKING_TIME_RULES),
      from: z.string(),
      to: z.string(),
      days: z.array(
        z.object({
          date: z.string(),
          start: z.string().nullable(),
          end: z.string().nullable(),
          worked_minutes: z.number(),
          break_minutes: z.number(),
          rest_before_minutes: z.number().nullable(),
          target_minutes: z.number(),
          holiday: z.string().optional(),
          leave: z.enum(LEAVE_TYPES).optional(),
          findings: z.array(z.enum(WORKING_TIME_FINDING_CODES)),
        }),
      ),
      /** Each finding with its facts (docs/working-time.md): a code, its date, its numbers, and the connections it counts. */
      findings: z.array(z.looseObject({ code: z.enum(WORKING_TIME_FINDING_CODES), date: z.string(), trackers: z.array(z.string()).optional() })),
      totals: z.object({
        worked_minutes: z.number(),
        target_minutes: z.number(),
        overtime_minutes: z.number(),
        sunday_holiday_minutes: z.number(),
        night_minutes: z.number(),
      }),
      /** The default connection's working-time balance up to yesterday. */
      balance,
      /**
       * With several trackers: each connection's balance, never added across employers; connections that share the
       * settings' week share one, listed once (`tracker` the first of them, `trackers` all).
       */
      balances: z.array(balance.extend({ tracker: z.string(), trackers: z.array(z.string()).optional() })).optional(),
    }),
});
