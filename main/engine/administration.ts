// The window's Administration screen, built only from the engine's tools (docs/decisions.md, "The app
// calls its own engine's tools" and "The admin group"): the whole catalog with archived items, adding,
// archiving and restoring one; the tag list and adding a tag; a page of invoices. The engine refuses
// whatever the back end would refuse the person, in words; this module only turns its answers into the
// window's shapes. The window asks the person before every change it sends here (the app's engine
// client shows no questions of its own: the engine asks nothing of it).
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import type { AdminCatalogView, AdminTagView, CatalogKind, InvoicesView } from '../ipc/contract.ts';
import type { EngineClient } from './engine-client.ts';
import { toolCaller } from './tool-call.ts';

export interface Administration {
  catalog(): Promise<AdminCatalogView>;
  /** The engine's sentence about what it added. */
  addCatalogItem(kind: CatalogKind, name: string, parent: string | undefined): Promise<string>;
  /** The engine's sentence about what it archived or restored. */
  setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<string>;
  tags(): Promise<AdminTagView[]>;
  /** The engine's sentence about the tag it added. */
  addTag(name: string, color: string | undefined): Promise<string>;
  invoices(page: number): Promise<InvoicesView>;
}

export function createAdministration(engine: EngineClient): Administration {
  const call = toolCaller(engine);
  return {
    async catalog() {
      const listed = await call(TOOL_CONTRACTS.list_catalog, { include_archived: true });
      return { customers: listed.customers, projects: listed.projects, activities: listed.activities, note: listed.note ?? null };
    },
    async addCatalogItem(kind, name, parent) {
      const { text } = await call.withText(TOOL_CONTRACTS.create_catalog_item, { kind, name, ...(parent ? { parent } : {}) });
      return text;
    },
    async setArchived(kind, id, archived) {
      const { text } = await call.withText(TOOL_CONTRACTS.archive_catalog_item, { kind, id, archived });
      return text;
    },
    async tags() {
      return (await call(TOOL_CONTRACTS.manage_tags, { action: 'list' })).tags;
    },
    async addTag(name, color) {
      const { text } = await call.withText(TOOL_CONTRACTS.manage_tags, { action: 'create', name, ...(color ? { color } : {}) });
      return text;
    },
    async invoices(page) {
      const listed = await call(TOOL_CONTRACTS.list_invoices, { page });
      return { from: listed.from, to: listed.to, invoices: listed.invoices, page: listed.page, totalPages: listed.total_pages, total: listed.total };
    },
  };
}
