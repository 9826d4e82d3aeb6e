// The window's contract for Administration's catalog, tags, invoices and rates (the sections of
// admin-sections.ts), each through the engine's own tools.
import * as z from 'zod/v4';
import { BUDGET_PERIODS, type BudgetPeriod, CATALOG_KINDS, type CatalogKind, type InvoiceStatus } from '../mcp-server/contract/vocabulary.ts';
import { day, entryId, none, personId } from './request-parts.ts';

export type { BudgetPeriod, CatalogKind, InvoiceStatus };

/** A customer, project or activity as list_catalog shows it, archived ones too. */
export interface AdminCatalogItem {
  id: number;
  name: string;
  archived: boolean;
  /** A project's customer, an activity's project; null for a customer and for an activity every project may use. */
  parent: string | null;
}

export interface AdminCatalogView {
  customers: AdminCatalogItem[];
  projects: AdminCatalogItem[];
  activities: AdminCatalogItem[];
  /** What the listing leaves out, in the engine's words, or null. */
  note: string | null;
  /** Whether the back end lets the person change what an item keeps (the engine offers update_catalog_item). */
  changeable: boolean;
}

/**
 * What a customer, project or activity keeps now, in the fields the back end lets the person change there
 * (the app's engine's catalog_item_fields); null where it keeps none. A field left out is one the back end
 * keeps not for this kind, or does not show the person: the window offers no change of it.
 */
export interface CatalogItemFieldsView {
  name: string;
  /** Hours. */
  budgetHours?: number | null;
  /** In the customer's currency. */
  budgetMoney?: number | null;
  budgetPeriod?: BudgetPeriod | null;
  billable?: boolean | null;
  /** '' where there is none. */
  comment?: string;
  /** A project's customer. */
  customer?: { id: number; name: string } | null;
  /** A project's first and last day, YYYY-MM-DD. */
  start?: string | null;
  end?: string | null;
}

export interface CatalogItemView {
  kind: CatalogKind;
  id: number;
  fields: CatalogItemFieldsView;
}

/** A change to the catalog, the tags or the rates: the engine's sentence about it, and the view after it. */
export interface AdminChange<View> {
  message: string;
  view: View;
}

export interface AdminTagView {
  id: number;
  name: string;
  /** "#RRGGBB", or null where the back end keeps none. */
  color: string | null;
  archived: boolean;
}

export interface InvoicesView {
  /** The days the invoices were made in (the engine's default: the last 90 days). */
  from: string;
  to: string;
  invoices: Array<{ id: number; number: string; customer: string; date: string; status: InvoiceStatus; total: number; currency: string }>;
  page: number;
  totalPages: number;
  total: number;
}

/** One rate as manage_rates lists it: per hour or fixed per time entry, in the item's currency; `person` null is everyone's. */
export interface RateView {
  id: number;
  person: { id: number; name: string } | null;
  hourly: number | null;
  fixed: number | null;
  internal: number | null;
}

/** A customer's, project's or activity's rates; `currency` null: that of the customer booked for (a global activity). */
export interface RatesView {
  kind: CatalogKind;
  item: { id: number; name: string };
  currency: string | null;
  rates: RateView[];
}

/** A catalog item's name as create_catalog_item takes it; a tag's as Kimai and Clockify take one (no comma: entries list tags with commas). */
const catalogName = z.string().trim().min(1, 'a name').max(150);
const tagName = z
  .string()
  .trim()
  .min(2, 'a tag name of at least 2 characters')
  .max(100)
  .refine((name) => !name.includes(','), 'a tag name without a comma');

/**
 * A change of what a catalog item keeps, as update_catalog_item takes it: the item by its kind and the id the
 * catalog showed, and only the fields that change (at least one), within the bounds the tool holds them to;
 * a customer (a project's, by the id the catalog showed) and dates only for a project.
 */
const catalogChange = z
  .object({
    kind: z.enum(CATALOG_KINDS),
    id: entryId,
    name: z.string().trim().min(2, 'a name of 2 to 150 characters').max(150, 'a name of 2 to 150 characters').optional(),
    budgetHours: z.number().min(0, 'a budget of 0 or more').max(500_000, 'a time budget of at most 500,000 hours').optional(),
    budgetMoney: z.number().min(0, 'a budget of 0 or more').max(1_000_000_000, 'a money budget of at most 1,000,000,000').optional(),
    budgetPeriod: z.enum(BUDGET_PERIODS).optional(),
    billable: z.boolean().optional(),
    comment: z.string().max(5000).optional(),
    customer: entryId.optional(),
    start: day.optional(),
    end: day.optional(),
  })
  .strict()
  .refine((change) => Object.entries(change).some(([key, value]) => key !== 'kind' && key !== 'id' && value !== undefined), 'something to change')
  .refine(
    (change) => change.kind === 'project' || (change.customer === undefined && change.start === undefined && change.end === undefined),
    'a customer and dates only for a project',
  );

/** A rate's item by its kind and the id the catalog showed; an amount as manage_rates takes one. */
const rateItem = { kind: z.enum(CATALOG_KINDS), item: entryId };
const rateAmount = z.number().min(0, 'an amount of 0 or more').max(1_000_000, 'an amount up to 1,000,000');

export const adminCatalogChannels = {
  /** Every customer, project and activity, archived ones too (list_catalog), for a person offered the catalog section. */
  getAdminCatalog: { request: none, response: {} as AdminCatalogView },
  /** Adds one (create_catalog_item); `parent` is a project's customer or an activity's project, by name. */
  addCatalogItem: {
    request: z.object({ kind: z.enum(CATALOG_KINDS), name: catalogName, parent: z.string().trim().min(1).max(200).optional() }).strict(),
    response: {} as AdminChange<AdminCatalogView>,
  },
  /** Archives one, or restores it with `archived: false` (archive_catalog_item). */
  setCatalogItemArchived: {
    request: z.object({ kind: z.enum(CATALOG_KINDS), id: entryId, archived: z.boolean() }).strict(),
    response: {} as AdminChange<AdminCatalogView>,
  },
  /** What an item keeps now, in the fields the back end lets the person change (the app's engine's catalog_item_fields). */
  getCatalogItem: { request: z.object({ kind: z.enum(CATALOG_KINDS), id: entryId }).strict(), response: {} as CatalogItemView },
  /** Changes what an item keeps, only the fields given (update_catalog_item); the engine's sentence and the catalog after it. */
  updateCatalogItem: { request: catalogChange, response: {} as AdminChange<AdminCatalogView> },
  /** The tag list (manage_tags, list). */
  getAdminTags: { request: none, response: [] as AdminTagView[] },
  /** Adds a tag (manage_tags, create), with a colour as "#RRGGBB" where given. */
  addTag: {
    request: z
      .object({
        name: tagName,
        color: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #RRGGBB')
          .optional(),
      })
      .strict(),
    response: {} as AdminChange<AdminTagView[]>,
  },
  /** A page of the invoices of the last 90 days (list_invoices), read-only. */
  getInvoices: { request: z.object({ page: z.number().int().min(1).max(10_000) }).strict(), response: {} as InvoicesView },
  /** The whole catalog, archived items too (list_catalog), to pick whose rates to show, for a person offered rates. */
  getRateCatalog: { request: none, response: {} as AdminCatalogView },
  /** An item's rates (manage_rates, list). */
  getRates: { request: z.object(rateItem).strict(), response: {} as RatesView },
  /** Sets a rate, for everyone or one person (a name, e-mail or id), hourly or fixed per entry (manage_rates, set). */
  setRate: {
    request: z
      .object({
        ...rateItem,
        person: z.string().trim().min(1).max(200).optional(),
        hourly: rateAmount.optional(),
        fixed: rateAmount.optional(),
        internal: rateAmount.optional(),
      })
      .strict()
      .refine((rate) => (rate.hourly === undefined) !== (rate.fixed === undefined), 'an hourly or a fixed amount, one of them'),
    response: {} as AdminChange<RatesView>,
  },
  /** Removes the rate of one person (by the id its list showed) or everyone's with `person: null` (manage_rates, remove). */
  removeRate: { request: z.object({ ...rateItem, person: personId.nullable() }).strict(), response: {} as AdminChange<RatesView> },
} as const;
