import type * as z from 'zod/v4';
import type { CatalogItem } from '../providers/time-tracker.ts';
import { defineTool } from './define-tool.ts';
import type { catalogItemOutput } from '../contract/tools/list-catalog.ts';
import { listCatalogContract } from '../contract/tools/list-catalog.ts';


export default defineTool({
  ...listCatalogContract,
  async handler(args, context) {
    const catalog = await context.tracker.catalog(args.include_archived ?? false);
    const needle = args.search?.trim().toLowerCase() ?? '';
    const keep = (list: CatalogItem[]) => list.filter((entry) => entry.name.toLowerCase().includes(needle)).map(present);
    const data = { customers: keep(catalog.customers), projects: keep(catalog.projects), activities: keep(catalog.activities) };
    const line = (label: string, list: Array<z.infer<typeof catalogItemOutput>>) =>
      `${label}: ${list.length === 0 ? 'none' : list.map((entry) => `${entry.name} (#${entry.id}${entry.parent ? `, ${entry.parent}` : ''}${entry.archived ? ', archived' : ''})`).join(', ')}`;
    return {
      data,
      text: [line('Customers', data.customers), line('Projects', data.projects), line('Activities', data.activities)].join('\n'),
    };
  },
});

/** `parent` is a project's customer or an activity's project. */
function present(entry: CatalogItem): z.infer<typeof catalogItemOutput> {
  return { id: entry.id, name: entry.name, archived: entry.archived, parent: (entry.customer ?? entry.project)?.name ?? null };
}
