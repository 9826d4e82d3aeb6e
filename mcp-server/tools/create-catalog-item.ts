import { outside, say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { ToolInputError } from './tool-input-error.ts';
import { createCatalogItemContract } from '../contract/tools/create-catalog-item.ts';

export default defineTool({
  ...createCatalogItemContract,
  async handler(args, context) {
    let customerId: number | undefined;
    let projectId: number | undefined;
    if (args.parent !== undefined && args.parent.trim() !== '') {
      if (args.kind === 'customer') throw new ToolInputError('customer_has_no_parent');
      const { customers, projects } = await context.tracker.catalog.catalog(true);
      const list = args.kind === 'project' ? customers : projects;
      const wanted = args.parent.trim().replace(/^#/, '').toLowerCase();
      const parent = list.find((entry) => String(entry.id) === wanted || entry.name.toLowerCase() === wanted);
      if (!parent) throw new ToolInputError('catalog_parent_unknown', { kind: args.kind === 'project' ? 'customer' : 'project', name: args.parent });
      if (args.kind === 'project') customerId = parent.id;
      else projectId = parent.id;
    }
    const created = await context.tracker.catalog.createCatalogItem({
      kind: args.kind,
      name: args.name,
      ...(customerId === undefined ? {} : { customerId }),
      ...(projectId === undefined ? {} : { projectId }),
    });
    const parent = (created.customer ?? created.project)?.name ?? null;
    return {
      data: { id: created.id, kind: created.kind, name: created.name, parent },
      text: say`Created ${created.kind} ${outside(created.name)} (#${created.id})${parent ? say` under ${outside(parent)}` : ''}.`,
    };
  },
});
