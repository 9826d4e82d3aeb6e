// `team_report` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { WORKING_TIME_FINDING_CODES } from '../working-time.ts';
import { toolContract } from './tool-contract.ts';

/** The most people one call reports on: a big team is read in windows (`offset`, `next_offset`). */
export const MAX_TEAM_PAGE = 50;

export const teamReportContract = toolContract({
  name: 'team_report',
  group: 'team',
  access: 'read',
  title: 'Team hours',
  description: 'Hours per person and project of the people you may see (default: this week), vs targets; pages.',
  capability: 'team_hours',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: () =>
    z.object({
      from: z.string().max(32).optional(),
      to: z.string().max(32).optional(),
      offset: z.number().int().min(0).max(100_000).optional(),
      limit: z.number().int().min(1).max(MAX_TEAM_PAGE).optional(),
    }),
  output: () =>
    z.object({
      from: z.string(),
      to: z.string(),
      people: z.array(
        z.object({
          /**
           * The back end's id of the person, as manage_people names them: a number, or the back end's own text where its
           * ids are not numbers (Jira's accountId on Tempo Timesheets).
           */
          id: z.union([z.number(), z.string()]),
          name: z.string(),
          minutes: z.number(),
          /** Null where the back end keeps no targets for the person. */
          target_minutes: z.number().nullable(),
          by_project: z.array(z.object({ project: z.string().nullable(), activity: z.string().nullable(), minutes: z.number() })),
          /** Working days before today with nothing recorded. */
          missing_days: z.array(z.string()),
          /** What their running timer is on, or null. */
          running: z.string().nullable(),
          /**
           * Where the organisation's working-time rules are on: the findings of the range counted by code, those its own
           * entries decide (docs/working-time.md, "Leads"); `{}` where none. Absent with the rules off.
           */
          working_time: z.partialRecord(z.enum(WORKING_TIME_FINDING_CODES), z.number()).optional(),
        }),
      ),
      /** Everyone the back end lets you see; `people` is the window from the offset asked for. */
      total_people: z.number(),
      next_offset: z.number().nullable(),
      covers: z.string(),
    }),
});
