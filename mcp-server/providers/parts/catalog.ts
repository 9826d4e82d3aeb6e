// Customers, projects and activities (capabilities `catalog`, `catalog_write`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { Catalog, CatalogItem, CatalogKind, Ref } from '../../domain/records.ts';

/** Customers, projects and activities (capabilities `catalog`, `catalog_write`). */
export interface CatalogPart {
  /**
   * The customers, projects and activities. `kinds` names the ones the caller needs, so a remote back
   * end may skip the others (they come back empty); without it, all three. `projectId` narrows the
   * activities to that project's and the global ones: a back end whose activities live inside
   * projects then asks for that one project's (the others may list them all; callers filter).
   */
  catalog(includeArchived: boolean, kinds?: readonly CatalogKind[], projectId?: number): Promise<Catalog>;
  /**
   * Activities exist only inside a project (Clockify's tasks): naming one needs its project, and a
   * full catalog lists each project's in turn.
   */
  readonly activitiesBelongToProjects?: boolean;
  /**
   * Every entry needs an activity (Kimai's activities, Clockodo's services): a write without one is
   * refused, so a tool that books several entries checks this before it sends the first.
   */
  readonly entriesNeedActivity?: boolean;
  /**
   * The project a key names, where the back end has projects beyond what it lists that people name by a key (Tempo's
   * Jira issues: `WEB-12` in any case, a moved issue's old key): undefined for a word that is no such key (nothing is
   * asked), a refusal in the back end's words for a key it does not show. Asked only for a word the listing lacks.
   */
  projectByKey?(text: string): Promise<CatalogItem | undefined>;
  /**
   * The projects several keys name (the day from evidence's ticket ids), by the key as given: a word that is no key,
   * or a key the back end does not show, is left out, never refused.
   */
  projectsByKey?(keys: readonly string[]): Promise<ReadonlyMap<string, CatalogItem>>;
  createCatalogItem(item: { kind: CatalogKind; name: string; customerId?: number; projectId?: number }): Promise<CatalogItem>;
  setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<CatalogItem>;
  /**
   * What archiving the item takes with it, where the back end archives more than the item (Toggl Track's client takes
   * its projects): archive_catalog_item asks first, naming them; undefined where it takes nothing else. Refuses, before
   * anything is asked, what setArchived would refuse before sending.
   */
  archiveTakes?(kind: CatalogKind, id: number): Promise<{ name: string; projects: readonly Ref[] } | undefined>;
}
