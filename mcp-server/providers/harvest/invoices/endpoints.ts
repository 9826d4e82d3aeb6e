// What the invoices send (docs/back-ends/harvest.md, "Administration"): the account's invoices issued in a range, with
// a state and a client where asked, every page (2000 a page).
import type { HarvestClient } from '../api.ts';
import type { HarvestInvoice } from '../wire.ts';

export interface InvoiceFilter {
  from: string;
  to: string;
  state?: string;
  client_id?: number;
}

export function invoicesEndpoints(client: HarvestClient) {
  return {
    invoices: (filter: InvoiceFilter) => client.list<HarvestInvoice>('/v2/invoices', 'invoices', { ...filter }, 'list the invoices'),
  };
}

export type InvoicesEndpoints = ReturnType<typeof invoicesEndpoints>;
