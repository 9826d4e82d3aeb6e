// The records of the admin group (docs/decisions.md, "The admin group"): invoices as a back end lists
// them and tags as their administrator sees them. Instants are epoch milliseconds, as everywhere.
import type { InvoiceStatus } from '../contract/vocabulary.ts';

export interface Invoice {
  id: number;
  /** The invoice's own number, as printed on it. */
  number: string;
  customer: string;
  /** When it was made. */
  createdAt: number;
  status: InvoiceStatus;
  /** With tax, in `currency`'s units. */
  total: number;
  currency: string;
}

export interface InvoiceQuery {
  /** Made from `from` to before `to` (instants). */
  from: number;
  to: number;
  /** Empty: every status. */
  statuses: readonly InvoiceStatus[];
  customerId?: number;
  /** From 1. */
  page: number;
}

export interface InvoicePage {
  invoices: Invoice[];
  page: number;
  totalPages: number;
  total: number;
}

export interface AdminTag {
  id: number;
  name: string;
  /** '#rrggbb', or null where none was chosen (or the back end keeps no colours). */
  color: string | null;
  archived: boolean;
}
