// Invoices, read-only (capability `admin_invoices`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { InvoicePage, InvoiceQuery } from '../../domain/admin.ts';

/** Invoices, read-only (`admin_invoices`). */
export interface InvoicesPart {
  invoices(query: InvoiceQuery): Promise<InvoicePage>;
}
