// Changes to what a Clockodo customer, project or service keeps (update_catalog_item; docs/back-ends/clockodo.md,
// "Administration"): read from the item's own record, sent as a PUT of the changed fields alone. Clockodo's
// shape is written out here: a project's budget is one amount with a money-or-hours flag (`budget.monetary`),
// so a money budget replaces an hours budget and the question says so; its end is its `deadline`, its start
// `start_date`; customers and services keep no budget, services no billable flag, and no budget is monthly.
// A 403 withdraws the tool at once (context.ts).
import { type Refusal, refusalOf } from '../../../contract/outcomes/refusals.ts';
import {
  type CatalogChange,
  type CatalogItemFields,
  type CatalogItemRecord,
  type ChangeField,
  oneBudgetReplacesTheOther,
} from '../../../domain/catalog-changes.ts';
import { CellPart } from '../../grid/cell-part.ts';
import type { CatalogAdminPart, CatalogKind } from '../../time-tracker.ts';
import type { ClockodoCatalogRecord } from '../api.ts';
import type { ClockodoContext, ClockodoCatalogView, Withdrawn } from '../context.ts';
import type { CatalogAdminEndpoints } from './endpoints.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** What Clockodo's refusal (403) of it withdraws, and how the log says so (context.ts, refuse). */
export const WITHDRAWN = { capability: 'admin_catalog', what: 'changes to the catalog', tool: 'update_catalog_item' } as const satisfies Withdrawn;

const NOUN: Record<CatalogKind, 'customer' | 'project' | 'service'> = { customer: 'customer', project: 'project', activity: 'service' };

/**
 * What each kind keeps that Punchcard changes: a project's one budget in hours or money (never monthly, so no period to choose),
 * none on customers and services, and no billable flag on a service (`refusal` refuses the rest in words).
 */
const KEPT: Readonly<Record<CatalogKind, readonly ChangeField[]>> = {
  customer: ['name', 'billable', 'comment'],
  project: ['name', 'budgetHours', 'budgetMoney', 'billable', 'comment', 'customer', 'start', 'end'],
  activity: ['name', 'comment'],
};

export class ClockodoCatalogAdmin extends CellPart<ClockodoContext, CatalogAdminEndpoints, { catalog: ClockodoCatalogView }> implements CatalogAdminPart {
  /** Each project's `hard` budget flag as last read: a budget Punchcard changes keeps it. */
  readonly #hard = new Map<number, boolean>();

  async catalogItem(kind: CatalogKind, id: number): Promise<CatalogItemRecord> {
    const record = await this.#withdrawnOnRefusal(refusalOf('clockodo_catalog_denied', { action: 'read', kind: NOUN[kind], item: id }), () =>
      this.endpoints.catalogItem(kind, id),
    );
    return this.#recordOf(kind, record);
  }

  /** What the kind keeps, but a billable flag the record did not carry: a value not read is not offered to overwrite. */
  changeable({ kind, fields }: CatalogItemRecord): readonly ChangeField[] {
    return KEPT[kind].filter((field) => field !== 'billable' || fields.billable !== null);
  }

  /** What Clockodo keeps nowhere, and the two budgets together, refused before anything is asked or sent. */
  refusal(item: CatalogItemRecord, _change: CatalogChange, asked: CatalogChange): Refusal | undefined {
    const { kind, fields } = item;
    const named = { item: item.id, name: fields.name };
    const budgetAsked = asked.budgetHours !== undefined || asked.budgetMoney !== undefined || asked.budgetPeriod !== undefined;
    if (kind !== 'project' && budgetAsked) return refusalOf('clockodo_budget_projects_only', { kind: NOUN[kind], ...named });
    // A budget asked of anything but a project is refused above: what follows is a project's.
    if (asked.budgetHours !== undefined && asked.budgetMoney !== undefined) return refusalOf('clockodo_one_budget', named);
    if (asked.budgetPeriod === 'month') return refusalOf('clockodo_no_monthly_budget', named);
    if (kind === 'activity' && asked.billable !== undefined) return refusalOf('clockodo_service_not_billable');
    return undefined;
  }

  /** A budget of the other kind is replaced by the one asked (Clockodo keeps one): the question names both. */
  implied(item: CatalogItemRecord, change: CatalogChange): CatalogChange | undefined {
    return oneBudgetReplacesTheOther(item, change);
  }

  async updateCatalogItem(item: CatalogItemRecord, change: CatalogChange): Promise<CatalogItemRecord> {
    const { kind, id } = item;
    const label = `the ${NOUN[kind]} ${quotedLine(item.fields.name)} (#${id})`;
    const refusal = refusalOf('clockodo_catalog_denied', { action: 'change', kind: NOUN[kind], item: id, name: item.fields.name });
    const record = await this.#withdrawnOnRefusal(refusal, () =>
      this.endpoints.updateCatalogItem(kind, id, clockodoBody(change, this.#hard.get(id)), `change ${label}`),
    );
    this.parts.catalog.changed();
    return this.#recordOf(kind, record);
  }

  async #recordOf(kind: CatalogKind, record: ClockodoCatalogRecord): Promise<CatalogItemRecord> {
    if (kind === 'project' && typeof record.budget?.hard === 'boolean') this.#hard.set(record.id, record.budget.hard);
    const customers = kind === 'project' ? (await this.parts.catalog.catalog(true, ['customer'])).customers : [];
    const customerName = customers.find((customer) => customer.id === record.customers_id)?.name;
    return { kind, id: record.id, fields: clockodoFields(kind, record, customerName) };
  }

  /** Clockodo's 403: the tool is withdrawn at once, and the answer names the right. */
  #withdrawnOnRefusal<T>(refusal: Refusal, request: () => Promise<T>): Promise<T> {
    return this.context.administering(WITHDRAWN, refusal, request);
  }
}

/** The PUT body: the changed fields alone, in Clockodo's names. */
function clockodoBody(change: CatalogChange, hard: boolean | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (change.name !== undefined) body.name = change.name;
  // One budget: a positive amount of the kind asked, or none where the one asked is 0 (the contract's "0 for no budget").
  const keepHard = hard === undefined ? {} : { hard };
  if ((change.budgetMoney ?? 0) > 0) body.budget = { amount: change.budgetMoney, monetary: true, ...keepHard };
  else if ((change.budgetHours ?? 0) > 0) body.budget = { amount: change.budgetHours, monetary: false, ...keepHard };
  else if (change.budgetMoney === 0 || change.budgetHours === 0) body.budget = null;
  if (change.billable !== undefined && change.billable !== null) body.billable_default = change.billable;
  if (change.comment !== undefined) body.note = change.comment === '' ? null : change.comment;
  if (change.customer) body.customers_id = change.customer.id;
  if (change.start !== undefined) body.start_date = change.start;
  if (change.end !== undefined) body.deadline = change.end;
  return body;
}

/** What the item keeps, from Clockodo's record; null where that kind keeps none. */
function clockodoFields(kind: CatalogKind, record: ClockodoCatalogRecord, customerName: string | undefined): CatalogItemFields {
  const project = kind === 'project';
  const budget = record.budget ?? null;
  return {
    name: record.name,
    budgetHours: project ? (budget && !budget.monetary ? budget.amount : 0) : null,
    budgetMoney: project ? (budget?.monetary ? budget.amount : 0) : null,
    budgetPeriod: project ? 'total' : null,
    billable: kind === 'activity' || typeof record.billable_default !== 'boolean' ? null : record.billable_default,
    comment: record.note ?? '',
    customer: project ? { id: record.customers_id, name: customerName ?? `customer #${record.customers_id}` } : null,
    start: project ? dayOf(record.start_date) : null,
    end: project ? dayOf(record.deadline) : null,
  };
}

/** 'YYYY-MM-DD' from a day or a date-time. */
function dayOf(value: string | null | undefined): string | null {
  const match = typeof value === 'string' ? /^\d{4}-\d{2}-\d{2}/.exec(value) : null;
  return match ? match[0] : null;
}
