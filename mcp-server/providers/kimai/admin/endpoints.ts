// What the admin capability sends to Kimai (docs/back-ends/kimai.md): the tag list and the invoices, as an
// administrator or a team lead administers them. The endpoints it shares with other capabilities come from the root's
// api.ts; the rest are its own.
import type { KimaiClient, QueryValue } from '../api.ts';
import type { KimaiInvoice } from '../wire.ts';

export function adminEndpoints(client: KimaiClient) {
  const { pageOf } = client;
  const { findTags, createTag } = client.api;
  return {
    findTags,
    createTag,
    /**
     * One page of invoices (view_invoice: team leads and administrators as Kimai ships); a page past
     * the last one is undefined (Kimai answers 404 there), as for timesheets.
     */
    invoicePage: (filter: Record<string, QueryValue>, page: number, size: number) =>
      pageOf<KimaiInvoice>('/invoices', { ...filter, page, size }, page, { action: 'list invoices' }),
  };
}

export type AdminEndpoints = ReturnType<typeof adminEndpoints>;
