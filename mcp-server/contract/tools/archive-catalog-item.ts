// `archive_catalog_item` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { CATALOG_KINDS } from '../vocabulary.ts';
import { toolContract } from './tool-contract.ts';

export const archiveCatalogItemContract = toolContract({
  name: 'archive_catalog_item',
  group: 'catalog',
  access: 'change',
  title: 'Archive catalog item',
  description: 'Archive a customer, project or activity by id; archived: false restores it.',
  capability: 'catalog_write',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  input: () =>
    z.object({
      kind: z.enum(CATALOG_KINDS),
      id: z.number().int().min(1),
      archived: z.boolean().optional(),
    }),
  output: () => z.object({ id: z.int(), kind: z.enum(CATALOG_KINDS), name: z.string(), archived: z.boolean() }),
});
