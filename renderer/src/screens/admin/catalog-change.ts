// The change form of a catalog item, as plain data: the fields as the form shows them, started from what
// the back end keeps (the engine's catalog_item_fields), and what the form sends, refuses or asks. Only the
// fields the back end answered are in the form; of those, only what differs from what it keeps is sent, so
// a value the back end did not show is never overwritten and one left as it was is never sent again.
import type { AdminCatalogItem, BudgetPeriod, CatalogItemFieldsView, CatalogKind } from '../../../../window-contract/admin-catalog.ts';
import type { RequestOf } from '../../../../window-contract/index.ts';
import { dayFull } from '../../format.ts';
import { quote } from './words.ts';

/** The form's fields as typed or chosen: '' in a choice where the back end keeps no value (nothing is then sent). */
export interface CatalogForm {
  name: string;
  /** The customer's id, as the catalog lists it. */
  customer: string;
  budgetHours: string;
  budgetMoney: string;
  budgetPeriod: '' | BudgetPeriod;
  billable: '' | 'yes' | 'no';
  start: string;
  end: string;
  comment: string;
}

export type FormField = keyof CatalogForm;

/** The fields in the order the form shows them. */
export const FORM_FIELDS: readonly FormField[] = ['name', 'customer', 'budgetHours', 'budgetMoney', 'budgetPeriod', 'billable', 'start', 'end', 'comment'];

/** The change as main's updateCatalogItem takes it, without the item. */
export type CatalogChange = Omit<RequestOf<'updateCatalogItem'>, 'kind' | 'id'>;

/** The largest budgets update_catalog_item takes (mcp-server/tools/update-catalog-item.ts). */
const MAX_HOURS = 500_000;
const MAX_MONEY = 1_000_000_000;
export const MAX_COMMENT = 5_000;

export const PERIOD_WORDS: Record<BudgetPeriod, string> = { total: 'Over its whole life', month: 'Each month' };

/** The form as the back end keeps the item now. */
export function formOf(fields: CatalogItemFieldsView): CatalogForm {
  const number = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
  return {
    name: fields.name,
    customer: fields.customer ? String(fields.customer.id) : '',
    budgetHours: number(fields.budgetHours),
    budgetMoney: number(fields.budgetMoney),
    budgetPeriod: fields.budgetPeriod ?? '',
    billable: fields.billable === null || fields.billable === undefined ? '' : fields.billable ? 'yes' : 'no',
    start: fields.start ?? '',
    end: fields.end ?? '',
    comment: fields.comment ?? '',
  };
}

/** Which of the form's fields the item has: those the back end answered. */
export function fieldsShown(fields: CatalogItemFieldsView): FormField[] {
  return FORM_FIELDS.filter((field) => field === 'name' || fields[field] !== undefined);
}

export interface FormOutcome {
  /** What is sent: the fields that differ from what the item keeps. */
  change: CatalogChange;
  /** What is wrong, by field; the change is not asked while any is. */
  problems: Partial<Record<FormField, string>>;
  /** Each change as the question says it: "time budget 120 h → 150 h". */
  words: string[];
}

/**
 * What the form asks for, measured against what the item keeps: an empty budget is none (0), an empty
 * choice sends nothing, a date once set cannot be emptied (update_catalog_item removes no date).
 */
export function outcomeOf(fields: CatalogItemFieldsView, form: CatalogForm, customers: readonly AdminCatalogItem[]): FormOutcome {
  const shown = new Set(fieldsShown(fields));
  const change: CatalogChange = {};
  const problems: Partial<Record<FormField, string>> = {};
  const words: string[] = [];
  const said = (label: string, before: string, after: string) => words.push(`${label} ${before} → ${after}`);

  const name = form.name.trim();
  if (name.length < 2 || name.length > 150) problems.name = 'A name is 2 to 150 characters long.';
  else if (name !== fields.name) {
    change.name = name;
    said('name', quote(fields.name), quote(name));
  }
  if (shown.has('customer') && form.customer !== '' && Number(form.customer) !== fields.customer?.id) {
    const customer = customers.find((candidate) => candidate.id === Number(form.customer));
    change.customer = Number(form.customer);
    said('customer', fields.customer?.name ?? 'none', customer?.name ?? form.customer);
  }
  for (const [field, label, max, decimals, problem] of [
    ['budgetHours', 'time budget', MAX_HOURS, 4, 'Give hours from 0 to 500,000, like 40 or 12.5; empty for none.'],
    ['budgetMoney', 'money budget', MAX_MONEY, 2, 'Give an amount from 0 to 1,000,000,000, like 5000 or 5000.50; empty for none.'],
  ] as const) {
    if (!shown.has(field)) continue;
    const before = fields[field] ?? null;
    const typed = form[field].trim();
    const amount = typed === '' ? 0 : amountOf(typed, decimals);
    if (amount === undefined || amount > max) {
      problems[field] = problem;
      continue;
    }
    // Empty is none: sent only where the item keeps a budget now (0 where it keeps none, or none read).
    if (before === null ? amount > 0 : !sameAmount(field, amount, before)) {
      change[field] = amount;
      said(label, budgetWords(field, before), budgetWords(field, amount));
    }
  }
  if (shown.has('budgetPeriod') && form.budgetPeriod !== '' && form.budgetPeriod !== fields.budgetPeriod) {
    change.budgetPeriod = form.budgetPeriod;
    said('budget period', fields.budgetPeriod ? PERIOD_WORDS[fields.budgetPeriod].toLowerCase() : 'none', PERIOD_WORDS[form.budgetPeriod].toLowerCase());
  }
  if (shown.has('billable') && form.billable !== '' && (form.billable === 'yes') !== fields.billable) {
    change.billable = form.billable === 'yes';
    said('billable', fields.billable === null || fields.billable === undefined ? 'not set' : fields.billable ? 'yes' : 'no', form.billable);
  }
  for (const field of ['start', 'end'] as const) {
    if (!shown.has(field)) continue;
    const before = fields[field] ?? null;
    const typed = form[field].trim();
    if (typed === '') {
      if (before !== null) problems[field] = 'Punchcard cannot remove a date: give a day.';
      continue;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(typed)) problems[field] = 'Give a day, like 2026-12-31.';
    else if (typed !== before) {
      change[field] = typed;
      said(field, before ? dayFull(before) : 'none', dayFull(typed));
    }
  }
  const start = form.start.trim() || fields.start;
  const end = form.end.trim() || fields.end;
  if (!problems.start && !problems.end && start && end && start > end) {
    if (change.end !== undefined || change.start === undefined) problems.end = 'The project cannot end before it starts.';
    else problems.start = 'The project cannot start after it ends.';
  }
  if (shown.has('comment')) {
    const comment = form.comment.trim();
    if (comment.length > MAX_COMMENT) problems.comment = `A comment is at most ${MAX_COMMENT.toLocaleString('en')} characters long.`;
    else if (comment !== (fields.comment ?? '').trim()) {
      change.comment = comment;
      said('comment', commentWords(fields.comment ?? ''), commentWords(comment));
    }
  }
  if (Object.keys(problems).length === 0 && words.length === 0) problems.name = 'Nothing differs from what it keeps: change a field first.';
  return { change, problems, words };
}

/** The question before the change is sent. */
export function questionOf(kind: CatalogKind, name: string, words: readonly string[]): string {
  return `Change the ${kind} ${quote(name)}: ${words.join('; ')}?`;
}

/** An amount as typed ("12.5", "12,5"), to `decimals` places; undefined where it is none. */
function amountOf(text: string, decimals: number): number | undefined {
  const normal = text.replace(',', '.');
  if (!new RegExp(`^\\d{1,10}(\\.\\d{1,${decimals}})?$`).test(normal)) return undefined;
  return Number(normal);
}

/** Hours are the same to the back end to the second (it keeps seconds); money to the cent. */
function sameAmount(field: 'budgetHours' | 'budgetMoney', a: number, b: number): boolean {
  return field === 'budgetHours' ? Math.round(a * 3600) === Math.round(b * 3600) : Math.round(a * 100) === Math.round(b * 100);
}

function budgetWords(field: 'budgetHours' | 'budgetMoney', amount: number | null): string {
  if (amount === null || amount === 0) return 'none';
  return field === 'budgetHours' ? `${amount} h` : String(amount);
}

/** A comment in the question: quoted, its first 60 characters on one line. */
function commentWords(comment: string): string {
  if (comment === '') return 'none';
  const line = comment.replace(/\s+/g, ' ');
  return quote(line.length > 60 ? `${line.slice(0, 59).trimEnd()}…` : line);
}
