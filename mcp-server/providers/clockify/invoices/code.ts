// The workspace's invoices, as an admin lists them. Its code, loaded with the tracker (index.ts lists it).
import { cellCode } from '../../grid/cell.ts';
import type { ClockifyGrid } from '../context.ts';
import { invoicesEndpoints, type InvoicesEndpoints } from './endpoints.ts';
import { underOrganisation } from './organisation.ts';
import { ClockifyInvoices } from './invoices.ts';

export const code = cellCode<ClockifyGrid, InvoicesEndpoints>({
  endpoints: invoicesEndpoints,
  underOrganisation,
  // Acting for a person with the organisation's key it makes no part at all: nothing of it is offered there (organisation.ts).
  parts: (context, endpoints) => (context.acting ? {} : { invoices: new ClockifyInvoices(context, endpoints, {}) }),
});
