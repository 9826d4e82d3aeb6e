// `whoami` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { CAPABILITIES } from '../vocabulary.ts';
import { toolContract } from './tool-contract.ts';

const hours = z.number();

export const whoamiContract = toolContract({
  name: 'whoami',
  group: 'account',
  access: 'read',
  title: 'Who am I',
  description: 'User, back end, capabilities, timezone, weekly target hours.',
  capability: 'account',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: () => z.object({}),
  output: () =>
    z.object({
      name: z.string(),
      provider: z.string(),
      capabilities: z.array(z.enum(CAPABILITIES)),
      timezone: z.string(),
      week_target_hours: z.number(),
      /** Target hours per weekday. */
      work_week: z.object({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours }),
      /** Who keeps the targets, public holidays and leave entitlement: the back end, or Punchcard's settings. */
      plan_source: z.enum(['back_end', 'settings']),
      /**
       * The parts of the plan Punchcard's settings give: all with plan_source 'settings'; with 'back_end',
       * those the back end keeps none of for the person (no target hours, no public holidays shown).
       */
      plan_from_settings: z.array(z.enum(['work_week', 'holidays'])),
      /** The settings' holiday region, or where the back end's public holidays come from. */
      holiday_region: z.string().nullable(),
      /** Remote back ends: server, version and mode; a failed connection is an error result instead. */
      connection: z.string().nullable(),
      /** The workspace the person works in, by its name, where the back end has workspaces (Clockify). */
      workspace: z.string().optional(),
      /** Set when the organisation's policy leaves AI clients only this tool: the reason. */
      organisation_policy: z.string().nullable(),
      /** Set when the settings file cannot be used: nothing is read or written until it is fixed. */
      settings_problem: z.string().nullable(),
      /** Settings that did not validate, each with what is used instead. */
      settings_notes: z.array(z.string()),
      /**
       * With several trackers: every connection in the settings' order, which is the default, its Clockify workspace
       * by name, its connection line and capabilities, and whether it shares the settings' week with the others that
       * have none of their own (whoami with `tracker` says its week); the fields above are the default's. Absent with one.
       */
      trackers: z
        .array(
          z.object({
            tracker: z.string(),
            provider: z.string(),
            default: z.boolean(),
            workspace: z.string().optional(),
            connection: z.string().nullable(),
            capabilities: z.array(z.enum(CAPABILITIES)),
            shares_settings_week: z.boolean().optional(),
          }),
        )
        .optional(),
    }),
});
