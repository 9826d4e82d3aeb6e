// What the invoices send to Clockify (docs/back-ends/clockify.md, "Administration"): a page of the workspace's
// invoices by Clockify's filter (getInvoicesInfo). Its own endpoint alone.
import { account, type ClockifyApiClient, ws } from '../api.ts';
import type { ClockifyInvoices } from '../wire.ts';

/** What Clockify's invoice filter (InvoiceFilterRequestV1) takes from Punchcard. */
interface InvoiceFilter {
  /** 'YYYY-MM-DD', both included: the issue date's range. */
  issuedFrom: string;
  issuedTo: string;
  statuses: readonly string[];
  clientId?: string;
  page: number;
  pageSize: number;
}

export function invoicesEndpoints(client: ClockifyApiClient) {
  const { call } = client;
  return {
    /** A page of the invoices by Clockify's filter, newest issued first (getInvoicesInfo: a search sent as a POST). */
    invoices: (workspaceId: string, filter: InvoiceFilter) =>
      call<ClockifyInvoices>(
        'POST',
        `${ws(workspaceId)}/invoices/info`,
        { ...account('list the invoices'), onlyReads: true },
        {
          body: {
            issueDate: { 'issue-date-start': filter.issuedFrom, 'issue-date-end': filter.issuedTo },
            ...(filter.statuses.length > 0 ? { statuses: filter.statuses } : {}),
            ...(filter.clientId ? { clients: { contains: 'CONTAINS', ids: [filter.clientId], status: 'ALL' } } : {}),
            sortColumn: 'ISSUE_DATE',
            sortOrder: 'DESCENDING',
            page: filter.page,
            pageSize: filter.pageSize,
          },
        },
      ),
  };
}

export type InvoicesEndpoints = ReturnType<typeof invoicesEndpoints>;
