// `correct_time_entries` as AI clients and the app see it: title, description, schemas, annotations and
// the capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { toolContract } from './tool-contract.ts';

const name = z.string().max(100);

/** One entry as the preview shows it. */
const entryOutput = z.object({ id: z.int(), start: z.string(), hours: z.number(), person: z.string(), project: z.string(), activity: z.string() });

export const correctTimeEntriesContract = toolContract({
  name: 'correct_time_entries',
  group: 'admin',
  access: 'change',
  title: 'Correct time entries',
  description: 'Bulk-edit entries; previews first, changes with confirm_count = its count.',
  capability: 'admin_corrections',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  input: () =>
    z.object({
      from: z.string().max(32),
      to: z.string().max(32),
      people: z.array(name).max(20).optional(),
      project: name.optional(),
      activity: name.optional(),
      ids: z.array(z.int().min(1)).max(500).optional(),
      set: z.object({
        project: name.optional(),
        activity: name.optional(),
        billable: z.boolean().optional(),
        exported: z.boolean().optional(),
        add_tags: z.array(name).max(5).optional(),
      }),
      confirm_count: z.int().min(0).optional(),
    }),
  output: () =>
    z.object({
      /** Whether the entries were changed (false: this is the preview). */
      changed: z.boolean(),
      count: z.int(),
      hours: z.number(),
      /** The locked period's end as Kimai's settings say it, or null where nobody said (then it is unknown). */
      locked_until: z.string().nullable(),
      /** Entries in scope it leaves alone, and why. */
      not_touched: z.array(z.object({ id: z.int(), start: z.string(), person: z.string(), reason: z.enum(['locked', 'exported']) })),
      /** The first 20 it changes (or would change). */
      entries: z.array(entryOutput),
    }),
});

// Two sentences the app's window reads back (main/engine/administration.ts): a person there confirms
// with a button, not a count, so it says them its own way. Both sides take them from here.

/** The preview's last line where no question can be asked: how a model confirms. */
export function confirmByCountLine(count: number): string {
  return `Nothing was changed: call again with confirm_count ${count} to change them.`;
}
