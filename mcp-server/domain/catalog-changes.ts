// A change of what a catalog item keeps (update_catalog_item; docs/decisions.md, "The admin group"):
// the item's fields as the back end holds them, what the person asked to change, and the part of it
// that changes anything. Pure: the tool reads and checks, a back end sends.
import type { BudgetPeriod, CatalogKind } from '../contract/vocabulary.ts';
import type { Ref } from './records.ts';

/** What update_catalog_item may change, as the back end keeps it now; null where it keeps none (or shows the person none). */
export interface CatalogItemFields {
  name: string;
  budgetHours: number | null;
  budgetMoney: number | null;
  budgetPeriod: BudgetPeriod | null;
  billable: boolean | null;
  /** '' where there is none. */
  comment: string;
  /** A project's customer; null for customers and activities. */
  customer: Ref | null;
  /** A project's first and last day ('YYYY-MM-DD'); null where it has none. */
  start: string | null;
  end: string | null;
}

export interface CatalogItemRecord {
  kind: CatalogKind;
  id: number;
  fields: CatalogItemFields;
}

/** What the person asked to change; a field left out stays as it is. */
export type CatalogChange = Partial<CatalogItemFields>;

/** The fields a change may name, in the order a person reads them. */
export const CHANGE_FIELDS = ['name', 'budgetHours', 'budgetMoney', 'budgetPeriod', 'billable', 'comment', 'customer', 'start', 'end'] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

/**
 * Where a back end keeps one budget a project (Clockodo, Harvest): what asking for one kind implies for the
 * other, which it replaces. The question the person confirms names both.
 */
export function oneBudgetReplacesTheOther(item: CatalogItemRecord, change: CatalogChange): CatalogChange | undefined {
  if (item.kind !== 'project') return undefined;
  if ((change.budgetMoney ?? 0) > 0 && (item.fields.budgetHours ?? 0) > 0) return { budgetHours: 0 };
  if ((change.budgetHours ?? 0) > 0 && (item.fields.budgetMoney ?? 0) > 0) return { budgetMoney: 0 };
  return undefined;
}

/** A budget in hours as Kimai and the others keep it: whole seconds. */
export function budgetSeconds(hours: number): number {
  return Math.round(hours * 3600);
}

/** Whether two values of one field are the same to the back end (hours to the second, a customer by id). */
export function sameValue(field: ChangeField, a: unknown, b: unknown): boolean {
  if (a === null || b === null || a === undefined || b === undefined) return a === b;
  if (field === 'budgetHours') return budgetSeconds(a as number) === budgetSeconds(b as number);
  if (field === 'customer') return (a as Ref).id === (b as Ref).id;
  return a === b;
}

/** The part of `change` that differs from what the item keeps now: what is then sent, and nothing else. */
export function effectiveChange(current: CatalogItemFields, change: CatalogChange): CatalogChange {
  const effective: Record<string, unknown> = {};
  for (const field of CHANGE_FIELDS) {
    if (change[field] !== undefined && !sameValue(field, current[field], change[field])) effective[field] = change[field];
  }
  return effective as CatalogChange;
}

/**
 * The project's dates, where they would not be in order after the change (a start after the end,
 * either of them given or kept), and which of them the change gives; undefined where they are in order.
 */
export function datesOutOfOrder(
  current: CatalogItemFields,
  change: CatalogChange,
): { start: string; end: string; given: 'both' | 'start' | 'end' } | undefined {
  const start = change.start ?? current.start;
  const end = change.end ?? current.end;
  if (start === null || end === null || start <= end) return undefined;
  return { start, end, given: change.start !== undefined && change.end !== undefined ? 'both' : change.start !== undefined ? 'start' : 'end' };
}
