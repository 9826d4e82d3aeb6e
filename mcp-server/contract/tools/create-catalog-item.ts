// `create_catalog_item` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { CATALOG_KINDS } from '../vocabulary.ts';
import { toolContract } from './tool-contract.ts';

export const createCatalogItemContract = toolContract({
  name: 'create_catalog_item',
  group: 'catalog',
  access: 'create',
  title: 'Add to catalog',
  description: 'Add a customer, project (optional customer) or activity (optional project).',
  capability: 'catalog_write',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: () =>
    z.object({
      kind: z.enum(CATALOG_KINDS),
      name: z.string().trim().min(1).max(150),
      parent: z.string().max(200).optional(),
    }),
  output: () => z.object({ id: z.int(), kind: z.enum(CATALOG_KINDS), name: z.string(), parent: z.string().nullable() }),
});
