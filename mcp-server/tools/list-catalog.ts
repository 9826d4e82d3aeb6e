import type * as z from 'zod/v4';
import type { CatalogItem, TimeTracker } from '../providers/time-tracker.ts';
import { choiceWords, type EntryFieldDefinition, requiredFieldsFor } from '../domain/entry-fields.ts';
import { joined, outside, say, type Sentence } from '../contract/outcomes/sentence.ts';
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
    const [catalog, breakTypes, fields] = await Promise.all([
      tracker.catalog.catalog(args.include_archived ?? false),
      breaks?.breakTypes(),
      // The catalog without its fields rather than none, where the tracker will not show them: a write asks again.
      entryFieldsOf(tracker).catch(() => undefined),
    ]);
    const needle = args.search?.trim().toLowerCase() ?? '';
    // A search finds an item by its name, or by its key where it has one (a Jira issue's).
    const matches = (entry: CatalogItem) => entry.name.toLowerCase().includes(needle) || (entry.key?.toLowerCase().includes(needle) ?? false);
    const keep = (list: CatalogItem[]) => list.filter(matches).map(present);
    // Which fields each project requires, so the model knows before it asks (the writes check them again).
    const required = (project: CatalogItem) =>
      fields
        ? requiredFieldsFor(fields.definitions, { projectId: project.id, activityId: null, customerId: project.customer?.id ?? null }, fields.isAdmin)
        : [];
    const projects = catalog.projects.filter(matches).map((project) => {
      const names = required(project).map((field) => field.name);
      return { ...present(project), ...(names.length > 0 ? { required_fields: names } : {}) };
    });
    const data = {
      customers: keep(catalog.customers),
      projects,
      activities: keep(catalog.activities),
      ...(breakTypes ? { break_types: breakTypes.map((type) => ({ id: type.id, name: type.name })) } : {}),
      // One line per field, however many rules define it (Kimai's, one per place it applies to).
      ...(fields && fields.definitions.length > 0
        ? { fields: fields.definitions.filter((field, index, all) => all.findIndex((other) => other.id === field.id) === index).map(fieldOutput) }
        : {}),
      ...(catalog.note ? { note: catalog.note } : {}),
    };
    // Every name is the tracker's, said as one quoted line (contract/outcomes/quoted-line.ts): data, never a line of the answer's own.
    const names = (list: readonly string[]) => joined(list.map(outside), ', ');
    const line = (label: string, list: Array<z.infer<typeof catalogItemOutput>>) =>
      say`${label}: ${
        list.length === 0
          ? 'none'
          : joined(
              list.map(
                (entry) =>
                  say`${entry.key ? say`${outside(entry.key)} ` : ''}${outside(entry.name)} (#${entry.id}${entry.parent ? say`, ${outside(entry.parent)}` : ''}${entry.archived ? ', archived' : ''})`,
              ),
              ', ',
            )
      }`;
    const lines: Sentence[] = [line('Customers', data.customers), line('Projects', data.projects), line('Activities', data.activities)];
    if (data.fields) {
      const fieldWords = data.fields.map((field) => say`${outside(field.name)} (${field.type}${field.choices ? say`: ${names(field.choices)}` : ''})`);
      lines.push(say`Custom fields (fields: {"name": value}): ${joined(fieldWords, '; ')}`);
      const requiring = data.projects.filter((project) => project.required_fields);
      if (requiring.length > 0) {
        lines.push(
          say`Required: ${joined(
            requiring.map((project) => say`${outside(project.name)}: ${names(project.required_fields ?? [])}`),
            '; ',
          )}`,
        );
      }
    }
    if (breakTypes) {
      lines.push(
        say`Break types: ${
          breakTypes.length === 0
            ? 'none'
            : joined(
                breakTypes.map((type) => say`${outside(type.name)} (#${type.id})`),
                ', ',
              )
        }`,
      );
    }
    if (catalog.note) lines.push([catalog.note]);
    return { data, text: joined(lines, '\n') };
  },
});

/** The back end's custom fields with the person's rights, where it keeps any; admin-only fields only for an admin. */
async function entryFieldsOf(tracker: TimeTracker): Promise<{ definitions: EntryFieldDefinition[]; isAdmin: boolean } | undefined> {
  const part = tracker.entryFields;
  if (!part) return undefined;
  const all = (await part.definitions()).filter((field) => field.active);
  const isAdmin = all.some((field) => field.adminOnly) ? await part.isAdmin() : false;
  const definitions = all.filter((field) => isAdmin || !field.adminOnly);
  return { definitions, isAdmin };
}

function fieldOutput(field: EntryFieldDefinition) {
  const choices = field.type === 'choice' || field.type === 'choices' ? choiceWords(field) : undefined;
  return { name: field.name, type: field.type, required: field.required, ...(choices ? { choices } : {}) };
}

/** `parent` is a project's customer or an activity's project. */
function present(entry: CatalogItem): z.infer<typeof catalogItemOutput> {
  return {
    id: entry.id,
    name: entry.name,
    ...(entry.key ? { key: entry.key } : {}),
    archived: entry.archived,
    parent: (entry.customer ?? entry.project)?.name ?? null,
  };
}
