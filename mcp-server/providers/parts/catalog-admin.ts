// Changing what a catalog item keeps (capability `admin_catalog`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { Refusal } from '../../contract/outcomes/refusals.ts';
import type { CatalogChange, CatalogItemRecord, ChangeField } from '../../domain/catalog-changes.ts';
import type { CatalogKind } from '../../domain/records.ts';

/**
 * Changing what a catalog item keeps (`admin_catalog`; docs/decisions.md, "The admin group"): its
 * fields as the back end holds them now, and a change that sends those given and nothing else.
 */
export interface CatalogAdminPart {
  catalogItem(kind: CatalogKind, id: number): Promise<CatalogItemRecord>;
  /**
   * The fields of this item the back end keeps for its kind and shows this person, in CHANGE_FIELDS' order: what the window's
   * form offers to change. A field left out is one the back end keeps not (a Clockify task's comment), or whose value it does
   * not show the person (a budget Kimai hides without its budget permissions): a value not read is never offered to overwrite.
   */
  changeable(item: CatalogItemRecord): readonly ChangeField[];
  /**
   * Why the back end will not take `change` of this item from this person, as a refusal, before anything is asked or sent; undefined where it will.
   * `asked` is what the person asked for, the unchanged values too (a back end that refuses two fields together sees both).
   */
  refusal(item: CatalogItemRecord, change: CatalogChange, asked: CatalogChange): Refusal | undefined;
  /**
   * What else the back end changes with `change` (Clockodo's one budget: money replaces hours), so the
   * question and the answer name it too; undefined or empty where nothing else changes.
   */
  implied?(item: CatalogItemRecord, change: CatalogChange): CatalogChange | undefined;
  /** Sends the fields of `change` alone; answers the item as the back end keeps it afterwards. */
  updateCatalogItem(item: CatalogItemRecord, change: CatalogChange): Promise<CatalogItemRecord>;
}
