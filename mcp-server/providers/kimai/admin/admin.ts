// What a Kimai administrator (or team lead) may administer through Punchcard (docs/back-ends/kimai.md,
// "Administration"): the tag list and the invoices. Each capability comes from the role a profile
// read named (index.ts, its offer); Kimai's own 403 withdraws it at once (context.ts), so tools/list
// follows what Kimai says rather than what the role promised.
import { CellPart } from '../../grid/cell-part.ts';
import { formatWallClock } from '../../../domain/time.ts';
import type { AdminTag, Invoice, InvoicePage, InvoiceQuery } from '../../../domain/admin.ts';
import { INVOICE_STATUSES, type InvoiceStatus } from '../../../contract/vocabulary.ts';
import { type Refusal, refusalOf } from '../../../contract/outcomes/refusals.ts';
import { remoteRefusal } from '../../remote/remote-error.ts';
import { type AdminTagsPart, BackEndError, type InvoicesPart } from '../../time-tracker.ts';
import type { KimaiContext } from '../context.ts';
import type { AdminEndpoints } from './endpoints.ts';
import { KimaiError } from '../errors.ts';
import { readKimaiTime } from '../mapping.ts';
import type { KimaiInvoice, KimaiTag } from '../wire.ts';

/** Invoices per page: Kimai's default, a page a person reads in one go. */
export const INVOICE_PAGE_SIZE = 50;

export class KimaiAdmin extends CellPart<KimaiContext, AdminEndpoints> implements AdminTagsPart, InvoicesPart {
  async tags(filter: string | undefined): Promise<AdminTag[]> {
    // An empty name is still a name to Kimai's find, and matches every visible tag; hidden ones it lists nowhere.
    const found = await this.endpoints.findTags(filter ?? '');
    return found.map(adminTag).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  }

  async findTag(name: string): Promise<AdminTag | undefined> {
    const wanted = name.trim().toLowerCase();
    return (await this.tags(name.trim())).find((tag) => tag.name.toLowerCase() === wanted);
  }

  async createTag(name: string, color: string | undefined): Promise<AdminTag> {
    const created = await this.context.administering('tags', refusalOf('kimai_tag_create_denied', { tag: name }), () => this.endpoints.createTag(name, color));
    return adminTag(created);
  }

  /** Kimai 2.66's API makes and deletes tags and changes none (docs/back-ends/kimai.md, "Administration"). */
  tagChangeRefusal(action: 'rename' | 'archive' | 'restore'): Refusal {
    return refusalOf('kimai_tag_unchangeable', { action });
  }

  async invoices(query: InvoiceQuery): Promise<InvoicePage> {
    const me = await this.context.profile();
    const filter = {
      // Kimai's invoice filter is strict local date-times, both ends included.
      begin: formatWallClock(query.from, me.timezone),
      end: formatWallClock(query.to - 1_000, me.timezone),
      ...(query.statuses.length > 0 ? { status: query.statuses } : {}),
      ...(query.customerId === undefined ? {} : { customers: [query.customerId] }),
    };
    const read = () => this.endpoints.invoicePage(filter, query.page, INVOICE_PAGE_SIZE);
    const page =
      query.customerId === undefined
        ? await this.context.administering('invoices', refusalOf('kimai_invoices_denied'), read)
        : await ofCustomer(query.customerId, read);
    if (!page) throw new BackEndError('kimai_invoice_page_missing', { page: query.page });
    return { invoices: page.items.map(invoice), page: query.page, totalPages: page.pages, total: page.total };
  }
}

/**
 * One customer's invoices: a customer the person may not see is refused on its own, and withdraws
 * nothing; only a refusal of the list itself withdraws list_invoices (KimaiContext.administering).
 */
async function ofCustomer<T>(customerId: number, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof KimaiError) || error.failure !== 'forbidden') throw error;
    throw new BackEndError('kimai_customer_invoices_denied', { customer: customerId });
  }
}

function adminTag(tag: KimaiTag): AdminTag {
  return { id: tag.id, name: tag.name, color: typeof tag.color === 'string' && tag.color !== '' ? tag.color : null, archived: tag.visible === false };
}

function invoice(wire: KimaiInvoice): Invoice {
  if (!(INVOICE_STATUSES as readonly string[]).includes(wire.status)) {
    throw new KimaiError(
      'wrong_service',
      remoteRefusal('kimai_invoice_status_unknown', { invoice: wire.invoiceNumber, status: String(wire.status).slice(0, 20) }),
    );
  }
  const customer = wire.customer;
  return {
    id: wire.id,
    number: wire.invoiceNumber,
    customer: typeof customer === 'object' && customer !== null ? customer.name : typeof customer === 'number' ? `customer #${customer}` : '',
    createdAt: readKimaiTime(wire.createdAt),
    status: wire.status as InvoiceStatus,
    total: wire.total,
    currency: wire.currency,
  };
}
