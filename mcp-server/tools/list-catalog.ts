import type * as z from 'zod/v4';
import type { CatalogItem } from '../providers/time-tracker.ts';
import { defineTool } from './define-tool.ts';
import type { catalogItemOutput } from '../contract/tools/list-catalog.ts';
import { listCatalogContract } from '../contract/tools/list-catalog.ts';

export default defineTool({
  ...listCatalogContract,
  async handler(args, context) {
    const { tracker } = context;
    // Break types belong to what a person books on where the back end has breaks: the app's break
    // picker reads them here, and a model learns the names start_break takes.
    const breaks = tracker.capabilities.has('breaks') ? tracker.breaks : undefined;
    const [catalog, breakTypes] = await Promise.all([tracker.catalog.catalog(args.include_archived ?? false), breaks?.breakTypes()]);
    const needle = args.search?.trim().toLowerCase() ?? '';
    const keep = (list: CatalogItem[]) => list.filter((entry) => entry.name.toLowerCase().includes(needle)).map(present);
    const data = {
      customers: keep(catalog.customers),
      projects: keep(catalog.projects),
      activities: keep(catalog.activities),
      ...(breakTypes ? { break_types: breakTypes.map((type) => ({ id: type.id, name: type.name })) } : {}),
      ...(catalog.note ? { note: catalog.note } : {}),
    };
    const line = (label: string, list: Array<z.infer<typeof catalogItemOutput>>) =>
      `${label}: ${list.length === 0 ? 'none' : list.map((entry) => `${entry.name} (#${entry.id}${entry.parent ? `, ${entry.parent}` : ''}${entry.archived ? ', archived' : ''})`).join(', ')}`;
    const lines = [line('Customers', data.customers), line('Projects', data.projects), line('Activities', data.activities)];
    if (breakTypes) lines.push(`Break types: ${breakTypes.length === 0 ? 'none' : breakTypes.map((type) => `${type.name} (#${type.id})`).join(', ')}`);
    if (catalog.note) lines.push(catalog.note);
    return { data, text: lines.join('\n') };
  },
});

/** `parent` is a project's customer or an activity's project. */
function present(entry: CatalogItem): z.infer<typeof catalogItemOutput> {
  return { id: entry.id, name: entry.name, archived: entry.archived, parent: (entry.customer ?? entry.project)?.name ?? null };
}
