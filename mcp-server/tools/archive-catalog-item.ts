import * as z from 'zod/v4';
import { CATALOG_KINDS } from '../providers/time-tracker.ts';
import { defineTool } from './define-tool.ts';

export default defineTool({
  name: 'archive_catalog_item',
  title: 'Archive catalog item',
  description: 'Archive a customer, project or activity by id; archived: false restores it.',
  capability: 'catalog_write',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  input: z.object({
    kind: z.enum(CATALOG_KINDS),
    id: z.number().int().min(1),
    archived: z.boolean().optional(),
  }),
  output: z.object({ id: z.int(), kind: z.enum(CATALOG_KINDS), name: z.string(), archived: z.boolean() }),
  async handler(args, context) {
    const item = await context.tracker.setArchived(args.kind, args.id, args.archived ?? true);
    return {
      data: { id: item.id, kind: item.kind, name: item.name, archived: item.archived },
      text: `${item.archived ? 'Archived' : 'Restored'} ${item.kind} "${item.name}" (#${item.id}).`,
    };
  },
});
