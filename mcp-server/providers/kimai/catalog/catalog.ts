// Kimai's customers, projects and activities: listed with hidden ones too (their names in old
// entries), resolved against the visible projects and activities alone (two requests, not three lists
// with every hidden item), created, and hidden or shown again (Kimai's archive).
import { CellPart } from '../../grid/cell-part.ts';
import { allSettled, Expiring } from '../../remote/cache.ts';
import { type Catalog, type CatalogItem, type CatalogKind, BackEndError } from '../../time-tracker.ts';
import type { KimaiCatalogRecord } from '../api.ts';
import type { KimaiContext } from '../context.ts';
import type { CatalogEndpoints } from './endpoints.ts';
import { activityItem, customerItem, projectItem, toCatalog, withoutArchived } from '../mapping.ts';

/** Projects and activities change more often (a colleague adds one); a minute is stale enough. */
const CATALOG_TTL_MS = 60_000;

export class KimaiCatalog extends CellPart<KimaiContext, CatalogEndpoints> {
  readonly entriesNeedActivity = true;
  readonly #everything = new Expiring<Catalog>(CATALOG_TTL_MS);
  /** Visible projects and activities only: what a name is resolved against first. */
  readonly #bookable = new Expiring<Catalog>(CATALOG_TTL_MS);

  async catalog(includeArchived: boolean, kinds?: readonly CatalogKind[]): Promise<Catalog> {
    // Resolving a name needs only what may be booked on. A catalog already loaded serves too.
    if (!includeArchived && kinds && !kinds.includes('customer') && !this.#everything.holds()) return this.#bookableItems();
    const api = this.endpoints;
    const catalog = await this.#everything.get(async () => {
      const [customers, projects, activities] = await allSettled([api.customers(3), api.projects(3), api.activities(3)]);
      return toCatalog(customers, projects, activities);
    });
    return includeArchived ? catalog : withoutArchived(catalog);
  }

  async createCatalogItem(item: { kind: CatalogKind; name: string; customerId?: number; projectId?: number }): Promise<CatalogItem> {
    const body: Record<string, unknown> = { name: item.name.trim() };
    if (item.kind === 'project') {
      if (item.customerId === undefined) throw new BackEndError('kimai_project_needs_customer');
      body.customer = item.customerId;
    }
    if (item.kind === 'activity' && item.projectId !== undefined) body.project = item.projectId;
    const record = await this.endpoints.createCatalogItem(item.kind, body);
    this.#forget();
    return catalogItemFrom(item.kind, record);
  }

  async setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<CatalogItem> {
    const record = await this.endpoints.setVisible(kind, id, !archived);
    this.#forget();
    return catalogItemFrom(kind, record);
  }

  /** A customer, project or activity changed elsewhere (update_catalog_item): the next read lists it as it is now. */
  changed(): void {
    this.#forget();
  }

  #forget(): void {
    this.#everything.invalidate();
    this.#bookable.invalidate();
  }

  /** Visible projects and activities, for resolving a name (archived ones never match). */
  #bookableItems(): Promise<Catalog> {
    const api = this.endpoints;
    return this.#bookable.get(async () => {
      const [projects, activities] = await allSettled([api.projects(1), api.activities(1)]);
      return toCatalog([], projects, activities);
    });
  }
}

/** One record as Kimai returned it from a create or update; its parent's name comes from `parentTitle`. */
function catalogItemFrom(kind: CatalogKind, record: KimaiCatalogRecord): CatalogItem {
  if (kind === 'customer') return customerItem(record);
  return kind === 'project' ? projectItem(record) : activityItem(record);
}
