import * as z from 'zod/v4';
import { CATALOG_KINDS } from '../providers/time-tracker.ts';
import { defineTool, ToolInputError } from './define-tool.ts';

export default defineTool({
  name: 'create_catalog_item',
  title: 'Add to catalog',
  description: 'Add a customer, project (optional customer) or activity (optional project).',
  capability: 'catalog_write',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: z.object({
    kind: z.enum(CATALOG_KINDS),
    name: z.string().trim().min(1).max(150),
    parent: z.string().max(200).optional(),
  }),
  output: z.object({ id: z.int(), kind: z.enum(CATALOG_KINDS), name: z.string(), parent: z.string().nullable() }),
  async handler(args, context) {
    let customerId: number | undefined;
    let projectId: number | undefined;
    if (args.parent !== undefined && args.parent.trim() !== '') {
      if (args.kind === 'customer') throw new ToolInputError('A customer has no parent; leave parent out.');
      const { customers, projects } = await context.tracker.catalog(true);
      const list = args.kind === 'project' ? customers : projects;
      const wanted = args.parent.trim().replace(/^#/, '').toLowerCase();
      const parent = list.find((entry) => String(entry.id) === wanted || entry.name.toLowerCase() === wanted);
      if (!parent) {
        const parentKind = args.kind === 'project' ? 'customer' : 'project';
        throw new ToolInputError(`No ${parentKind} "${args.parent}". Create it first, or check list_catalog.`);
      }
      if (args.kind === 'project') customerId = parent.id;
      else projectId = parent.id;
    }
    const created = await context.tracker.createCatalogItem({
      kind: args.kind,
      name: args.name,
      ...(customerId === undefined ? {} : { customerId }),
      ...(projectId === undefined ? {} : { projectId }),
    });
    const parent = (created.customer ?? created.project)?.name ?? null;
    return {
      data: { id: created.id, kind: created.kind, name: created.name, parent },
      text: `Created ${created.kind} "${created.name}" (#${created.id})${parent ? ` under ${parent}` : ''}.`,
    };
  },
});
