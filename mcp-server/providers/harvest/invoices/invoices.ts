// The account's invoices as the person's role shows them (docs/back-ends/harvest.md, "Administration"), read by issue
// date (and a state where one status is asked, a client where one is named), newest first, 50 to a page of the
// tool's. Harvest's four states are Punchcard's four: draft new, open pending, paid paid, closed canceled. Read
// whole (2000 a request) and paged here, as several statuses are one filter Harvest's API has not. A 403 withdraws
// list_invoices until another role is learned.
import type { InvoiceStatus } from '../../../contract/vocabulary.ts';
import type { Invoice, InvoicePage, InvoiceQuery } from '../../../domain/admin.ts';
import { localDate, localDateTimeToEpoch } from '../../../domain/time.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { BackEndError, type InvoicesPart } from '../../time-tracker.ts';
import type { HarvestContext, HarvestGrid, Withdrawn } from '../context.ts';
import { unreadable } from '../errors.ts';
import { readsInvoices } from '../rights.ts';
import type { HarvestInvoice } from '../wire.ts';
import { type InvoicesEndpoints, invoicesEndpoints } from './endpoints.ts';

/** Invoices a page of the tool's answer. */
const PAGE_SIZE = 50;
const WITHDRAWN: Withdrawn = {
  capability: 'admin_invoices',
  tool: 'list_invoices',
  needs: 'an administrator, or a manager with managed_projects_invoice_drafter or _manager',
};

/** Harvest's invoice states as Punchcard's statuses. */
export const INVOICE_STATUS_OF: Readonly<Record<string, InvoiceStatus>> = { draft: 'new', open: 'pending', paid: 'paid', closed: 'canceled' };

export class HarvestInvoices extends CellPart<HarvestContext, InvoicesEndpoints> implements InvoicesPart {
  async invoices(query: InvoiceQuery): Promise<InvoicePage> {
    const rights = await this.context.rights();
    if (!readsInvoices(rights)) throw this.context.lacks(rights, 'list_invoices', 'read invoices', WITHDRAWN.needs);
    const zone = await this.context.zone();
    // One status is Harvest's own filter; several are filtered here.
    const states = Object.keys(INVOICE_STATUS_OF).filter((state) => query.statuses.includes(INVOICE_STATUS_OF[state] as InvoiceStatus));
    const listed = await this.context.administering(WITHDRAWN, 'list the invoices', () =>
      this.endpoints.invoices({
        from: localDate(query.from, zone),
        to: localDate(query.to - 1, zone),
        ...(states.length === 1 ? { state: states[0] as string } : {}),
        ...(query.customerId === undefined ? {} : { client_id: query.customerId }),
      }),
    );
    const invoices = listed
      .map((item) => invoiceOf(item, zone))
      .filter((invoice) => query.statuses.length === 0 || query.statuses.includes(invoice.status))
      .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    const totalPages = Math.max(1, Math.ceil(invoices.length / PAGE_SIZE));
    if (query.page > totalPages) throw new BackEndError('harvest_invoices_no_page', { page: query.page, pages: totalPages });
    return { invoices: invoices.slice((query.page - 1) * PAGE_SIZE, query.page * PAGE_SIZE), page: query.page, totalPages, total: invoices.length };
  }
}

function invoiceOf(wire: HarvestInvoice, zone: string): Invoice {
  const status = INVOICE_STATUS_OF[String(wire.state)];
  if (!status) throw unreadable(`invoice ${wire.number ?? wire.id} with a state ("${String(wire.state).slice(0, 20)}")`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(wire.issue_date ?? '')) throw unreadable(`invoice ${wire.number ?? wire.id} with an issue date`);
  return {
    id: wire.id,
    number: wire.number ?? '',
    customer: wire.client?.name ?? '',
    createdAt: localDateTimeToEpoch(wire.issue_date as string, '00:00', zone),
    status,
    total: typeof wire.amount === 'number' ? wire.amount : 0,
    currency: wire.currency ?? '',
  };
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<HarvestGrid, InvoicesEndpoints>({
  endpoints: invoicesEndpoints,
  parts: (context, endpoints) => ({ invoices: new HarvestInvoices(context, endpoints, {}) }),
});
