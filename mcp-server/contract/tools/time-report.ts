// `time_report` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { LEAVE_TYPES } from '../vocabulary.ts';
import { trackerLabel } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

export const timeReportContract = toolContract({
  name: 'time_report',
  group: 'reports',
  access: 'read',
  title: 'Time report',
  description: 'Worked time by day, week, project or activity vs targets and overtime (default: this week by day).',
  capability: 'reports',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: () =>
    z.object({
      from: z.string().max(32).optional(),
      to: z.string().max(32).optional(),
      group_by: z.enum(['day', 'week', 'project', 'activity']).optional(),
      project: z.string().max(200).optional(),
      include_agents: z.boolean().optional(),
    }),
  // Targets are for the whole working day, so a report filtered to one project has none: the
  // target fields are null, and its groups list only the days or weeks with time on it.
  output: () =>
    z.object({
      from: z.string(),
      to: z.string(),
      /** The person's today: the day "so far" ends with. */
      today: z.string(),
      /**
       * Day and week groups cover every day of the range, each with its own `target_minutes` (days
       * after today too: what is planned); project and activity groups carry no target. A day group
       * names the public holiday on it and the kind of leave it takes, where it has one: why its target
       * is less than the plan's (the window writes "Ascension Day" rather than "day off").
       */
      groups: z.array(
        z.object({
          key: z.string(),
          minutes: z.number(),
          target_minutes: z.number().optional(),
          holiday: z.string().optional(),
          leave: z.enum(LEAVE_TYPES).optional(),
          tracker: trackerLabel,
        }),
      ),
      total_minutes: z.number(),
      /** The whole range's target, days after today included: the groups' targets add up to it. */
      target_minutes: z.number().nullable(),
      /** The target of the range's days up to and including today. */
      target_so_far_minutes: z.number().nullable(),
      /** total_minutes minus target_so_far_minutes: days still ahead owe nothing yet. */
      overtime_minutes: z.number().nullable(),
      /**
       * The back end's own worked-time account where it keeps one (Clockodo's time account, Calamari's
       * balance), with what it covers; null on the local timesheet and Kimai, and in a project report.
       */
      back_end_balance: z.object({ minutes: z.number(), covers: z.string() }).nullable(),
      /** AI agents' own time (record_agent_time) in the range, left out of the totals above; 0 with include_agents. */
      agent_minutes_left_out: z.number(),
      /**
       * With several trackers and no `tracker`: each connection's own totals and targets (targets are one employer's
       * each, so the overall targets above are then null and never added up); absent with one. A connection that
       * shares the settings' week with others has null targets here: theirs is one, in `target_groups`.
       */
      trackers: z
        .array(
          z.object({
            tracker: z.string(),
            total_minutes: z.number(),
            target_minutes: z.number().nullable(),
            target_so_far_minutes: z.number().nullable(),
            overtime_minutes: z.number().nullable(),
            back_end_balance: z.object({ minutes: z.number(), covers: z.string() }).nullable(),
          }),
        )
        .optional(),
      /**
       * With several trackers: the connections that share the settings' week (no week of their own, a back end that
       * keeps no targets), their hours together against the one target they share, listed once with their names; in
       * a report by day or week, `groups` each day's or week's (their own rows in `groups` above then carry none).
       * Absent where fewer than two share it.
       */
      target_groups: z
        .array(
          z.object({
            trackers: z.array(z.string()),
            total_minutes: z.number(),
            target_minutes: z.number(),
            target_so_far_minutes: z.number(),
            overtime_minutes: z.number(),
            groups: z.array(z.object({ key: z.string(), minutes: z.number(), target_minutes: z.number() })).optional(),
          }),
        )
        .optional(),
    }),
});
