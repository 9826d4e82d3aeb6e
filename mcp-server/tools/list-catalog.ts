import * as z from 'zod/v4';
import type { CatalogItem } from '../providers/time-tracker.ts';
import { defineTool } from './define-tool.ts';

const item = z.object({ id: z.int(), name: z.string(), archived: z.boolean(), parent: z.string().nullable() });

export default defineTool({
  name: 'list_catalog',
  title: 'List catalog',
  description: 'Customers, projects and activities to book time on.',
  capability: 'catalog',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: z.object({
    search: z.string().max(200).optional(),
    include_archived: z.boolean().optional(),
  }),
  output: z.object({ customers: z.array(item), projects: z.array(item), activities: z.array(item) }),
  async handler(args, context) {
    const catalog = await context.tracker.catalog(args.include_archived ?? false);
    const needle = args.search?.trim().toLowerCase() ?? '';
    const keep = (list: CatalogItem[]) => list.filter((entry) => entry.name.toLowerCase().includes(needle)).map(present);
    const data = { customers: keep(catalog.customers), projects: keep(catalog.projects), activities: keep(catalog.activities) };
    const line = (label: string, list: Array<z.infer<typeof item>>) =>
      `${label}: ${list.length === 0 ? 'none' : list.map((entry) => `${entry.name} (#${entry.id}${entry.parent ? `, ${entry.parent}` : ''}${entry.archived ? ', archived' : ''})`).join(', ')}`;
    return {
      data,
      text: [line('Customers', data.customers), line('Projects', data.projects), line('Activities', data.activities)].join('\n'),
    };
  },
});

/** `parent` is a project's customer or an activity's project. */
function present(entry: CatalogItem): z.infer<typeof item> {
  return { id: entry.id, name: entry.name, archived: entry.archived, parent: (entry.customer ?? entry.project)?.name ?? null };
}
