import { outside, say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { archiveCatalogItemContract } from '../contract/tools/archive-catalog-item.ts';

export default defineTool({
  ...archiveCatalogItemContract,
  async handler(args, context) {
    const item = await context.tracker.catalog.setArchived(args.kind, args.id, args.archived ?? true);
    return {
      data: { id: item.id, kind: item.kind, name: item.name, archived: item.archived },
      text: say`${item.archived ? 'Archived' : 'Restored'} ${item.kind} ${outside(item.name)} (#${item.id}).`,
    };
  },
});
