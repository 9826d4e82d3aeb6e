// `project_status` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { toolContract } from './tool-contract.ts';

const periods = { week_minutes: z.number(), month_minutes: z.number(), total_minutes: z.number() };

export const projectStatusContract = toolContract({
  name: 'project_status',
  group: 'team',
  access: 'read',
  title: 'Project status',
  description: "A project's hours this week, this month and in total, by person and activity, vs its budget.",
  capability: 'team_projects',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: () => z.object({ project: z.string().min(1).max(200) }),
  output: () =>
    z.object({
      project: z.string(),
      customer: z.string().nullable(),
      ...periods,
      /** The hours budget, the money budget in `currency`; null where the back end keeps none (or shows none to you). */
      budget_hours: z.number().nullable(),
      budget_money: z.number().nullable(),
      currency: z.string().nullable(),
      /** The budget is per month: `used_share` is then this month's. */
      budget_monthly: z.boolean(),
      /** The share of the hours budget used (1 is all of it), or null without one. */
      used_share: z.number().nullable(),
      by_person: z.array(z.object({ person: z.string(), ...periods })),
      by_activity: z.array(z.object({ activity: z.string().nullable(), ...periods })),
      /** What the hours leave out, where they are not everyone's. */
      note: z.string().optional(),
    }),
});
