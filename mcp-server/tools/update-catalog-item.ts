import type * as z from 'zod/v4';
import type { CatalogItem, Ref } from '../domain/records.ts';
import {
  type CatalogChange,
  type CatalogItemFields,
  CHANGE_FIELDS,
  type ChangeField,
  datesOutOfOrder,
  effectiveChange,
  sameValue,
} from '../domain/catalog-changes.ts';
import type { CatalogKind } from '../contract/vocabulary.ts';
import { updateCatalogItemContract } from '../contract/tools/update-catalog-item.ts';
import type { ToolContext } from './context.ts';
import { quotedLine } from '../contract/outcomes/quoted-line.ts';
import { defineTool } from './define-tool.ts';
import { findCatalogItem, readDate, refusedInput } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';

type Args = z.output<(typeof updateCatalogItemContract)['input']>;

/** The largest budgets Punchcard sends: far beyond any project, and well within what Kimai stores (seconds in an integer). */
const MAX_BUDGET_HOURS = 500_000;
const MAX_BUDGET_MONEY = 1_000_000_000;
/** Kimai keeps a comment as long text; a comment longer than this is a paste gone wrong, refused rather than cut. */
const MAX_COMMENT = 5_000;
/** A name or id as a person gives one. */
const MAX_REFERENCE = 200;

/** Each field as a person reads it in a question and an answer, and as the tool's arguments and output name it. */
export const WORDS: Record<ChangeField, { label: string; key: string }> = {
  name: { label: 'name', key: 'name' },
  budgetHours: { label: 'time budget', key: 'budget_hours' },
  budgetMoney: { label: 'money budget', key: 'budget_money' },
  budgetPeriod: { label: 'budget period', key: 'budget_period' },
  billable: { label: 'billable', key: 'billable' },
  comment: { label: 'comment', key: 'comment' },
  customer: { label: 'customer', key: 'customer' },
  start: { label: 'start', key: 'start' },
  end: { label: 'end', key: 'end' },
};

export default defineTool({
  ...updateCatalogItemContract,
  async handler(args, context) {
    const { tracker } = context;
    const { kind } = args;
    // Everything that can be refused from the arguments alone is, before anything is read or sent.
    const asked = readChange(args, context);
    // Only the list the item is in: on Clockify a whole catalog reads every project's tasks, a request each, from the
    // call's budget. A project's customers come along, for the new customer and for the names a back end gives a
    // project's customer from its list of customers (Clockodo's, in a question between namesakes).
    const catalog = await tracker.catalog.catalog(true, kind === 'project' ? ['project', 'customer'] : [kind]);
    const found = itemNamed(kind === 'customer' ? catalog.customers : kind === 'project' ? catalog.projects : catalog.activities, args.item, kind, context);
    if (args.customer !== undefined) asked.customer = customerNamed(catalog.customers, args.customer, context);
    const current = await tracker.catalogAdmin.catalogItem(kind, found.id);
    // Names and comments are the tracker's words, quoted as every sentence quotes them (contract/outcomes/quoted-line.ts).
    const label = `${kind} ${quotedLine(current.fields.name)} (#${found.id})`;
    const dates = datesOutOfOrder(current.fields, asked);
    if (dates) throw new ToolInputError('catalog_update_dates_out_of_order', dates);
    const effective = effectiveChange(current.fields, asked);
    if (CHANGE_FIELDS.every((field) => effective[field] === undefined)) {
      return {
        data: { id: found.id, kind, name: current.fields.name, before: {}, after: {} },
        text: [`The ${label} already has ${describe(asked)}: nothing was sent.`],
      };
    }
    // The back end's own words (providers/time-tracker.ts, CatalogAdminPart.refusal).
    const refused = tracker.catalogAdmin.refusal(current, effective, asked);
    if (refused) throw refusedInput(refused);
    // What the back end changes along with it is asked and answered too (a money budget replacing an hours budget).
    const change: CatalogChange = { ...effectiveChange(current.fields, tracker.catalogAdmin.implied?.(current, effective) ?? {}), ...effective };
    const fields = CHANGE_FIELDS.filter((field) => change[field] !== undefined);
    context.ask.confirm({
      key: 'update',
      message: `Change the ${label}: ${fields.map((field) => `${WORDS[field].label} ${shown(field, current.fields[field])} → ${shown(field, change[field])}`).join('; ')}?`,
      shows: { kind, id: found.id, before: pick(current.fields, fields), change },
      unchanged: [`The ${label} was not changed`],
    });
    const after = await tracker.catalogAdmin.updateCatalogItem(current, change);
    // Kimai's answer is what it keeps: a value it kept otherwise than asked is said, not hidden.
    const otherwise = fields.filter((field) => !sameValue(field, after.fields[field], change[field]));
    const lines = [
      `Changed the ${kind} ${quotedLine(after.fields.name)} (#${found.id}): ${fields
        .map((field) => `${WORDS[field].label} ${shown(field, current.fields[field])} → ${shown(field, after.fields[field])}`)
        .join('; ')}.`,
      ...otherwise.map(
        (field) => `${tracker.label} kept ${WORDS[field].label} as ${shown(field, after.fields[field])}, not ${shown(field, change[field])} as asked.`,
      ),
    ];
    return {
      data: { id: found.id, kind, name: after.fields.name, before: output(current.fields, fields), after: output(after.fields, fields) },
      text: [lines.join('\n')],
    };
  },
});

/** The change the arguments ask for, refused where it cannot be one (the customer is resolved later, against the catalog). */
function readChange(args: Args, context: ToolContext): CatalogChange {
  const { kind } = args;
  if (args.item.trim() === '' || args.item.length > MAX_REFERENCE) throw new ToolInputError('catalog_update_item_unnamed', { kind });
  const given = ['name', 'budget_hours', 'budget_money', 'budget_period', 'billable', 'comment', 'customer', 'start', 'end'].filter(
    (key) => args[key as keyof Args] !== undefined,
  );
  if (given.length === 0) throw new ToolInputError('catalog_update_nothing_asked', { kind });
  if (args.customer !== undefined && kind !== 'project') throw new ToolInputError('catalog_update_customer_not_project', { kind });
  if ((args.start !== undefined || args.end !== undefined) && kind !== 'project') throw new ToolInputError('catalog_update_dates_not_project', { kind });
  const change: CatalogChange = {};
  if (args.name !== undefined) {
    const name = args.name.trim();
    if (name.length < 2 || name.length > 150) throw new ToolInputError('catalog_update_name_length', { length: name.length });
    change.name = name;
  }
  if (args.budget_hours !== undefined) change.budgetHours = budget(args.budget_hours, 'budget_hours', MAX_BUDGET_HOURS);
  if (args.budget_money !== undefined) change.budgetMoney = budget(args.budget_money, 'budget_money', MAX_BUDGET_MONEY);
  if (args.budget_period !== undefined) change.budgetPeriod = args.budget_period;
  if (args.billable !== undefined) change.billable = args.billable;
  if (args.comment !== undefined) {
    if (args.comment.length > MAX_COMMENT) throw new ToolInputError('catalog_update_comment_too_long', { length: args.comment.length, max: MAX_COMMENT });
    change.comment = args.comment.trim();
  }
  if (args.start !== undefined) change.start = readDate(args.start, context, 'start');
  if (args.end !== undefined) change.end = readDate(args.end, context, 'end');
  // Both dates given: their order is known before the project is read.
  const dates = datesOutOfOrder(NO_DATES, change);
  if (dates) throw new ToolInputError('catalog_update_dates_out_of_order', dates);
  return change;
}

const NO_DATES: CatalogItemFields = {
  name: '',
  budgetHours: null,
  budgetMoney: null,
  budgetPeriod: null,
  billable: null,
  comment: '',
  customer: null,
  start: null,
  end: null,
};

function budget(value: number, field: 'budget_hours' | 'budget_money', max: number): number {
  if (value < 0) throw new ToolInputError('catalog_update_budget_negative', { field });
  if (value > max) throw new ToolInputError('catalog_update_budget_too_large', { field, max });
  return value;
}

/** The item `text` names: by id, or by its whole name where exactly one item has it. */
function itemNamed(items: readonly CatalogItem[], text: string, kind: CatalogKind, context: Pick<ToolContext, 'catalogListed'>): CatalogItem {
  const wanted = text.trim().replace(/^#/, '').toLowerCase();
  const named = items.filter((item) => item.name.toLowerCase() === wanted);
  if (named.length > 1 && !/^\d+$/.test(wanted)) {
    const items = named.slice(0, 10).map((item) => ({ id: item.id, parent: parentOf(item) ?? null }));
    throw new ToolInputError('catalog_update_item_ambiguous', { kind, name: text.trim(), count: named.length, items });
  }
  const found = findCatalogItem(items, text);
  if (found) return found;
  throw new ToolInputError('catalog_update_item_not_found', { kind, name: text.trim(), listed: context.catalogListed });
}

/** A project's new customer; an archived one is refused (the project would vanish from every list with it). */
function customerNamed(customers: readonly CatalogItem[], text: string, context: Pick<ToolContext, 'catalogListed'>): Ref {
  if (text.trim() === '' || text.length > MAX_REFERENCE) throw new ToolInputError('catalog_update_customer_unnamed');
  const customer = itemNamed(customers, text, 'customer', context);
  if (customer.archived) throw new ToolInputError('catalog_update_customer_archived', { customer: { id: customer.id, name: customer.name } });
  return { id: customer.id, name: customer.name };
}

const parentOf = (item: CatalogItem) => (item.customer ?? item.project)?.name;

/** A value as a question and an answer show it (the window's read of an item too: app-tools/catalog-item-fields.ts). */
export function shown(field: ChangeField, value: unknown): string {
  if (value === null || value === undefined) return 'none';
  switch (field) {
    case 'budgetHours':
      return `${hours(value as number)} h`;
    case 'billable':
      return value ? 'yes' : 'no';
    case 'comment':
      return value === '' ? 'none' : quotedLine(value as string);
    case 'name':
      return quotedLine(value as string);
    case 'customer':
      return `${quotedLine((value as Ref).name)} (#${(value as Ref).id})`;
    default:
      return String(value);
  }
}

/** What the call asked for, as "time budget 10.5 h and billable yes". */
function describe(change: CatalogChange): string {
  return CHANGE_FIELDS.filter((field) => change[field] !== undefined)
    .map((field) => `${WORDS[field].label} ${shown(field, change[field])}`)
    .join(' and ');
}

/** Hours to the second, as a person reads them (10.5, not 10.500000001). */
export const hours = (value: number) => Math.round(value * 10_000) / 10_000;

function pick(fields: CatalogItemFields, names: readonly ChangeField[]): Partial<CatalogItemFields> {
  return Object.fromEntries(names.map((name) => [name, fields[name]]));
}

/** The fields as the tool's output names them: hours rounded, a customer by name. */
function output(fields: CatalogItemFields, names: readonly ChangeField[]): Record<string, unknown> {
  return Object.fromEntries(
    names.map((name) => {
      const value = fields[name];
      if (name === 'budgetHours' && typeof value === 'number') return [WORDS[name].key, hours(value)];
      if (name === 'customer') return [WORDS[name].key, value === null ? null : (value as Ref).name];
      return [WORDS[name].key, value];
    }),
  );
}
