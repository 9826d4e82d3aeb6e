// `manage_tags` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { TAG_ACTIONS } from '../vocabulary.ts';
import { toolContract } from './tool-contract.ts';

/** One tag as the tool shows it; `color` is null where the back end keeps none. */
const tagOutput = z.object({ id: z.int(), name: z.string(), color: z.string().nullable(), archived: z.boolean() });

export const manageTagsContract = toolContract({
  name: 'manage_tags',
  group: 'admin',
  access: 'change',
  title: 'Manage tags',
  description: 'Tags: list (tag filters), create (name, color), rename (tag to name), archive, restore.',
  capability: 'admin_tags',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: () =>
    z.object({
      action: z.enum(TAG_ACTIONS),
      tag: z.string().min(1).max(100).optional(),
      name: z.string().min(1).max(100).optional(),
      color: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/)
        .optional(),
    }),
  output: () =>
    z.object({
      action: z.enum(TAG_ACTIONS),
      /** The tags listed, or the one the action made or changed. */
      tags: z.array(tagOutput),
    }),
});
