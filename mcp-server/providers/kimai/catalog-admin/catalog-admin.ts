// Changes to what a Kimai customer, project or activity keeps (update_catalog_item; docs/back-ends/kimai.md,
// "Administration"): read from the item's own record, sent as a PATCH of the changed fields alone.
// Kimai's traps are written out here: `timeBudget` goes in as a duration string (a bare number would
// be hours) and comes out in seconds; a project's dates go in as `yyyy-MM-ddTHH:mm:ss` on a change
// (a bare date is refused) and come out as `Y-m-d`; `teams` and a global activity's `project` are
// never sent. A 403 withdraws the tool at once (context.ts).
import { CellPart } from '../../grid/cell-part.ts';
import { remoteRefusal } from '../../remote/remote-error.ts';
import { type Refusal, refusalOf } from '../../../contract/outcomes/refusals.ts';
import type { CatalogChange, CatalogItemFields, CatalogItemRecord, ChangeField } from '../../../domain/catalog-changes.ts';
import { budgetSeconds, CHANGE_FIELDS } from '../../../domain/catalog-changes.ts';
import type { CatalogAdminPart, CatalogKind } from '../../time-tracker.ts';
import type { KimaiCatalogView, KimaiContext } from '../context.ts';
import type { CatalogAdminEndpoints } from './endpoints.ts';
import type { RequestPurpose } from '../errors.ts';
import { type KimaiCatalogDetails, relationId } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

export class KimaiCatalogAdmin extends CellPart<KimaiContext, CatalogAdminEndpoints, { catalog: KimaiCatalogView }> implements CatalogAdminPart {
  async catalogItem(kind: CatalogKind, id: number): Promise<CatalogItemRecord> {
    const record = await this.#withdrawnOnRefusal(refusalOf('kimai_catalog_denied', { action: 'read', kind, item: id }), () =>
      this.endpoints.catalogDetails(kind, id),
    );
    return { kind, id, fields: kimaiFields(kind, record) };
  }

  /**
   * Every field of the kind, but a budget (and so its period) Kimai did not show, which it would refuse (`refusal`), and a
   * billable mark its record did not carry: a value not read is not offered to overwrite. Only a project has a customer and dates.
   */
  changeable({ kind, fields }: CatalogItemRecord): readonly ChangeField[] {
    const projectOnly: ReadonlySet<ChangeField> = new Set(['customer', 'start', 'end']);
    const shownOnly: ReadonlySet<ChangeField> = new Set(['budgetHours', 'budgetMoney', 'budgetPeriod', 'billable']);
    return CHANGE_FIELDS.filter((field) => (projectOnly.has(field) ? kind === 'project' : !shownOnly.has(field) || fields[field] !== null));
  }

  /**
   * Kimai shows the budget fields only to whom it lets change them (budget_* for money, time_* for
   * hours): a budget it did not show is one it would refuse, said before anything is sent.
   */
  refusal(item: CatalogItemRecord, change: CatalogChange): Refusal | undefined {
    const { kind, fields } = item;
    const noMoney = fields.budgetMoney === null;
    const noTime = fields.budgetHours === null;
    const missing = new Set<string>();
    if (change.budgetMoney !== undefined && noMoney) missing.add(`budget_${kind}`);
    if (change.budgetHours !== undefined && noTime) missing.add(`time_${kind}`);
    // The budget period comes with either permission.
    if (change.budgetPeriod !== undefined && noMoney && noTime) missing.add(`budget_${kind}`).add(`time_${kind}`);
    if (missing.size === 0) return undefined;
    return refusalOf('kimai_catalog_budget_hidden', { kind, item: item.id, name: fields.name, permissions: [...missing] });
  }

  async updateCatalogItem(item: CatalogItemRecord, change: CatalogChange): Promise<CatalogItemRecord> {
    const { kind, id } = item;
    const label = `the ${kind} ${quotedLine(item.fields.name)} (#${id})`;
    const purpose: RequestPurpose = {
      action: `change ${label}`,
      notFound: remoteRefusal('remote_record_missing', { service: 'Kimai', record: kind, id, any_more: true }),
      // Kimai adds the budget fields to its form only for the budget permissions; without them it names no field.
      gatedFields: BUDGET_FIELDS.filter((field) => change[field] !== undefined).map((field) => ({
        field: BUDGET_WORDS[field],
        reason: `your account lacks the permissions budget_${kind} and time_${kind}. Nothing was changed.`,
      })),
    };
    const record = await this.#withdrawnOnRefusal(refusalOf('kimai_catalog_denied', { action: 'change', kind, item: id, name: item.fields.name }), () =>
      this.endpoints.patchCatalogItem(kind, id, kimaiPatch(change), purpose),
    );
    this.parts.catalog.changed();
    return { kind, id, fields: kimaiFields(kind, record) };
  }

  /** Kimai's 403: the tool is withdrawn at once, and the answer names the permission. */
  #withdrawnOnRefusal<T>(refusal: Refusal, request: () => Promise<T>): Promise<T> {
    return this.context.administering('catalog', refusal, request);
  }
}

const BUDGET_FIELDS = ['budgetHours', 'budgetMoney', 'budgetPeriod'] as const;
const BUDGET_WORDS: Record<(typeof BUDGET_FIELDS)[number], string> = {
  budgetHours: 'budget_hours',
  budgetMoney: 'budget_money',
  budgetPeriod: 'budget_period',
};

/** The PATCH body: the changed fields alone, each in the form Kimai's update takes. */
function kimaiPatch(change: CatalogChange): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (change.name !== undefined) body.name = change.name;
  // A duration string, never a bare number: Kimai reads "10.5" or 10.5 as hours but "37800" as 37,800 hours.
  if (change.budgetHours !== undefined && change.budgetHours !== null) body.timeBudget = durationText(budgetSeconds(change.budgetHours));
  if (change.budgetMoney !== undefined && change.budgetMoney !== null) body.budget = change.budgetMoney;
  // Kimai's budget type is "month" or empty; empty is a budget over the item's whole life.
  if (change.budgetPeriod !== undefined) body.budgetType = change.budgetPeriod === 'month' ? 'month' : null;
  if (change.billable !== undefined && change.billable !== null) body.billable = change.billable;
  if (change.comment !== undefined) body.comment = change.comment;
  if (change.customer) body.customer = change.customer.id;
  // A change takes only full date-times; the end is its day's last second, so the whole day stays bookable.
  if (change.start) body.start = `${change.start}T00:00:00`;
  if (change.end) body.end = `${change.end}T23:59:59`;
  return body;
}

/** Seconds as Kimai's duration string "H:MM:SS" (37800 is "10:30:00"). */
export function durationText(seconds: number): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`;
}

/** What the item keeps, from Kimai's record: the time budget from seconds, the dates from `Y-m-d`. */
function kimaiFields(kind: CatalogKind, record: KimaiCatalogDetails): CatalogItemFields {
  // Without the budget permissions Kimai shows no budget fields at all: then the budget is unknown, not none.
  const budgetShown = record.timeBudget !== undefined || record.budget !== undefined || record.budgetType !== undefined;
  const customerId = kind === 'project' ? relationId(record.customer) : null;
  const customerName = typeof record.customer === 'object' && record.customer !== null ? record.customer.name : record.parentTitle;
  return {
    name: record.name,
    budgetHours: typeof record.timeBudget === 'number' ? record.timeBudget / 3600 : null,
    budgetMoney: typeof record.budget === 'number' ? record.budget : null,
    budgetPeriod: budgetShown ? (record.budgetType === 'month' ? 'month' : 'total') : null,
    billable: typeof record.billable === 'boolean' ? record.billable : null,
    comment: record.comment ?? '',
    customer: customerId === null ? null : { id: customerId, name: customerName ?? `#${customerId}` },
    start: kind === 'project' ? dayOf(record.start) : null,
    end: kind === 'project' ? dayOf(record.end) : null,
  };
}

/** 'YYYY-MM-DD' from Kimai's `Y-m-d` (or a date-time, should a version send one). */
function dayOf(value: string | null | undefined): string | null {
  const match = typeof value === 'string' ? /^\d{4}-\d{2}-\d{2}/.exec(value) : null;
  return match ? match[0] : null;
}
