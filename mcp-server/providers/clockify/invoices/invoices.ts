// The workspace's invoices as a Clockify admin reads them (docs/back-ends/clockify.md, "Administration"):
// found by Clockify's own filter (getInvoicesInfo) by issue date, status and client, in pages of 50,
// newest issued first. Clockify's six statuses become Punchcard's four (invoiceStatus), its amounts in
// cents become currency units, and its ids Punchcard's numbers. Clockify's 403 withdraws list_invoices
// at once (context.ts, refuseAdministration).
import { CellPart } from '../../grid/cell-part.ts';
import { localDate } from '../../../domain/time.ts';
import type { Invoice, InvoicePage, InvoiceQuery } from '../../../domain/admin.ts';
import type { InvoiceStatus } from '../../../contract/vocabulary.ts';
import type { RefusalArgs } from '../../../contract/outcomes/refusals.ts';
import { BackEndError, causeOf, type InvoicesPart } from '../../time-tracker.ts';
import type { ClockifyContext } from '../context.ts';
import type { InvoicesEndpoints } from './endpoints.ts';
import { type ClockifyError, unreadable } from '../errors.ts';
import type { ClockifyInvoice } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** Invoices per page: Clockify's default page, one a person reads in one go. */
const CLOCKIFY_INVOICE_PAGE = 50;

/** Clockify's invoice statuses (InvoiceInfoV1.status) as Punchcard's four. */
const INVOICE_STATUS_OF: Readonly<Record<string, InvoiceStatus>> = {
  UNSENT: 'new',
  SENT: 'pending',
  PARTIALLY_PAID: 'pending',
  OVERDUE: 'pending',
  PAID: 'paid',
  VOID: 'canceled',
};

/** Punchcard's statuses as the Clockify ones a filter names (the inverse of INVOICE_STATUS_OF). */
function clockifyStatuses(statuses: readonly InvoiceStatus[]): string[] {
  return Object.entries(INVOICE_STATUS_OF)
    .filter(([, status]) => statuses.includes(status))
    .map(([clockify]) => clockify);
}

export class ClockifyInvoices extends CellPart<ClockifyContext, InvoicesEndpoints> implements InvoicesPart {
  async invoices(query: InvoiceQuery): Promise<InvoicePage> {
    const [{ workspaceId }, zone] = await Promise.all([this.context.ids(), this.context.zone()]);
    const clientId =
      query.customerId === undefined
        ? undefined
        : await this.context.remote('client', query.customerId, 'clockify_record_unknown', { record: 'customer', id: query.customerId, see: 'list_catalog' });
    // A 403 that Clockify puts down to the workspace's plan carries the refusal errors.ts made of it.
    const refusal = (error: ClockifyError): RefusalArgs =>
      error.failure === 'restricted'
        ? ['clockify_invoices_plan_refused', { cause: causeOf(error) }]
        : ['clockify_administration_refused', { part: 'invoices', action: 'list invoices' }];
    const answer = await this.context.administering('invoices', refusal, () =>
      this.endpoints.invoices(workspaceId, {
        // Clockify's filter takes issue days, both included.
        issuedFrom: localDate(query.from, zone),
        issuedTo: localDate(query.to - 1, zone),
        statuses: clockifyStatuses(query.statuses),
        ...(clientId ? { clientId } : {}),
        page: query.page,
        pageSize: CLOCKIFY_INVOICE_PAGE,
      }),
    );
    const total = typeof answer?.total === 'number' && answer.total >= 0 ? answer.total : 0;
    const totalPages = Math.max(1, Math.ceil(total / CLOCKIFY_INVOICE_PAGE));
    if (query.page > totalPages) throw new BackEndError('clockify_invoices_no_page', { page: query.page });
    const wire = Array.isArray(answer?.invoices) ? answer.invoices : [];
    const numbers = await this.context.numbers(
      'invoice',
      wire.map((item) => item.id),
    );
    return { invoices: wire.map((item, index) => invoice(item, numbers[index] as number)), page: query.page, totalPages, total };
  }
}

function invoice(wire: ClockifyInvoice, id: number): Invoice {
  const status = INVOICE_STATUS_OF[String(wire.status)];
  if (!status) throw unreadable(`invoice ${wire.number ?? wire.id} with a status (${quotedLine(String(wire.status).slice(0, 20))})`);
  const issued = Date.parse(wire.issuedDate ?? '');
  if (Number.isNaN(issued)) throw unreadable(`invoice ${wire.number ?? wire.id} with an issue date`);
  return {
    id,
    number: wire.number ?? '',
    customer: wire.clientName ?? '',
    createdAt: issued,
    status,
    // Cents on the wire, currency units to the person.
    total: Math.round(wire.amount ?? 0) / 100,
    currency: wire.currency ?? '',
  };
}
