// Rates per customer, project or activity (capability `admin_rates`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { Refusal } from '../../contract/outcomes/refusals.ts';
import type { RateKind } from '../../contract/vocabulary.ts';
import type { Rate, RateList, RatePerson, RateReplacement, RateValues } from '../../domain/admin-rates.ts';
import type { CatalogItem } from '../../domain/records.ts';

/**
 * Rates per customer, project or activity, for everyone or one person (`admin_rates`). Amounts are
 * in the currency's units. A back end refuses a kind it keeps no rates on (`rateKinds`) in words.
 */
export interface AdminRatesPart {
  /** The kinds this back end keeps rates on. */
  readonly rateKinds: readonly RateKind[];
  /** The rates of one item, everyone's first. */
  rates(item: RateItem): Promise<RateList>;
  /** The person `text` names (an id, an e-mail or a name) as far as the back end shows the person; refused in words otherwise. */
  findPerson(text: string, list: RateList): Promise<RatePerson>;
  /**
   * Sets the rate of `person` (null: everyone) on the list's item to `values`; `before` is the rate
   * kept for them now, which is replaced. A failure half-way says in words which rate the item has.
   */
  setRate(list: RateList, person: RatePerson | null, values: RateValues, before: Rate | undefined): Promise<RateReplacement>;
  removeRate(list: RateList, rate: Rate): Promise<void>;
  /** The workspace `text` names (its name or id), where the back end keeps a workspace's default rates (`kind: workspace`); refused in words otherwise. */
  workspaceItem?(text: string): Promise<RateItem>;
  /**
   * What the back end cannot do with rates at all, as refusals, thrown before anything is read or sent; a removal's may
   * be made from what the call named (Toggl's says which rate to set instead).
   */
  readonly refusals?: { readonly remove?: Refusal | ((asked: RateAsked) => Refusal); readonly fixed?: Refusal };
  /**
   * The item `text` names where the back end names items its own way beyond the catalog's id or name (Harvest's
   * task on several projects, named with its project: "Design (Website)"); undefined to look it up in the catalog.
   */
  itemNamed?(kind: RateKind, text: string): Promise<RateItem | undefined>;
  /**
   * Why the back end will not set these values for this person on the list's item (a rate it keeps per person only,
   * one the person's role may not set), as a refusal, before anything is asked or sent; null where it will.
   */
  setRefusal?(list: RateList, person: RatePerson | null, values: RateValues): Refusal | null;
}

/** A rate as the call names it, before anything is read: the kind, the item's and the person's words (null: everyone). */
export interface RateAsked {
  kind: RateKind;
  item: string;
  person: string | null;
}

/** What rates are kept on: a catalog item, or the workspace itself (`kind: workspace`). */
export type RateItem = (CatalogItem & { kind: RateKind }) | { kind: 'workspace'; id: number; name: string };
