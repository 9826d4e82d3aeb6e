// `list_catalog` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { trackerLabel } from './outputs.ts';
import { toolContract } from './tool-contract.ts';

/** A custom field's kinds of value (domain/entry-fields.ts, EntryFieldType). */
export const ENTRY_FIELD_TYPES = ['text', 'number', 'checkbox', 'choice', 'choices'] as const;

export const catalogItemOutput = z.object({
  id: z.int(),
  name: z.string(),
  /** How people name it in the back end beside its name, where it has such a name (a Jira issue's key on Tempo): `project` takes it too. */
  key: z.string().optional(),
  archived: z.boolean(),
  parent: z.string().nullable(),
  /** A project's: the custom fields every entry on it must carry (`fields` of the tools that write entries); absent where none. */
  required_fields: z.array(z.string()).optional(),
  tracker: trackerLabel,
});

export const listCatalogContract = toolContract({
  name: 'list_catalog',
  group: 'catalog',
  access: 'read',
  title: 'List catalog',
  description: 'Customers, projects and activities to book time on.',
  capability: 'catalog',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  input: () =>
    z.object({
      search: z.string().max(200).optional(),
      include_archived: z.boolean().optional(),
    }),
  output: () =>
    z.object({
      customers: z.array(catalogItemOutput),
      projects: z.array(catalogItemOutput),
      activities: z.array(catalogItemOutput),
      /** The break types the person may take, first the one start_break takes by default (back ends with breaks only). */
      break_types: z.array(z.object({ id: z.int(), name: z.string(), tracker: trackerLabel })).optional(),
      /** The custom fields entries take, where the back end keeps any (Clockify's custom fields, Kimai's meta fields). */
      fields: z
        .array(
          z.object({
            name: z.string(),
            type: z.enum(ENTRY_FIELD_TYPES),
            required: z.boolean(),
            choices: z.array(z.string()).optional(),
            tracker: trackerLabel,
          }),
        )
        .optional(),
      /** What the listing leaves out and how to get it, where one call could not list everything. */
      note: z.string().optional(),
    }),
});
