// Administration, invoices: read-only, a page at a time, as the engine's list_invoices gives them (the
// last 90 days, newest first as the back end sorts them), with each one's customer, day, state and total.
import { useEffect, useId, useState } from 'react';
import type { InvoiceStatus, InvoicesView } from '../../../../window-contract/admin-catalog.ts';
import { Badge, Button, ErrorText, LoadError, Loading } from '../../components.tsx';
import { dayFull, rangeLabel } from '../../format.ts';
import { stores, useKeyed } from '../../store.ts';

const STATUS: Record<InvoiceStatus, { label: string; kind: string }> = {
  new: { label: 'New', kind: 'read' },
  pending: { label: 'Pending', kind: 'warn' },
  paid: { label: 'Paid', kind: 'ok' },
  canceled: { label: 'Cancelled', kind: 'idle' },
};

/** "1,190.50 $" or "€1,190.50" as the person's formats write it; a currency the formats do not know, by its code. */
function money(total: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(total);
  } catch {
    return `${total.toFixed(2)} ${currency}`;
  }
}

export function InvoicesSection() {
  const [page, setPage] = useState(1);
  const { data, error } = useKeyed(stores.invoices, String(page));
  // The page shown until the next one is in: the table does not jump while it loads.
  // React's way to keep something from an earlier render: set while rendering, when it changed.
  const [last, setLast] = useState<InvoicesView | undefined>(data);
  if (data && data !== last) setLast(data);
  const shown = data ?? last;
  const id = useId();

  useEffect(() => {
    void stores.invoices.of(String(page)).ensure();
  }, [page]);

  return (
    <section className="card admin-section admin-invoices" aria-labelledby={`${id}-title`}>
      <div className="card-title">
        <h2 id={`${id}-title`}>Invoices</h2>
        {shown && <span className="total">{shown.total === 1 ? '1 invoice' : `${shown.total} invoices`}</span>}
      </div>
      {error && !shown && <LoadError message={error} onRetry={() => void stores.invoices.of(String(page)).load()} />}
      {error && shown && <ErrorText message={`Could not load page ${page}: ${error}`} />}
      {!shown && !error && <Loading what="Loading the invoices" />}
      {shown && <p className="muted">Made {rangeLabel(shown.from, shown.to)}. Read-only: invoices are made and changed in the back end.</p>}
      {shown && shown.invoices.length === 0 && <p className="muted">No invoices were made then.</p>}
      {shown && shown.invoices.length > 0 && (
        <table className="admin-table" aria-label={`Invoices, page ${shown.page} of ${shown.totalPages}`}>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Customer</th>
              <th scope="col">Made</th>
              <th scope="col">State</th>
              <th scope="col" className="number">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.invoices.map((invoice) => (
              <tr key={invoice.id}>
                <th scope="row">{invoice.number}</th>
                <td>{invoice.customer}</td>
                <td>{dayFull(invoice.date)}</td>
                <td>
                  <Badge kind={STATUS[invoice.status].kind}>{STATUS[invoice.status].label}</Badge>
                </td>
                <td className="number">{money(invoice.total, invoice.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && shown.totalPages > 1 && (
        <div className="toolbar" role="toolbar" aria-label="Invoice pages">
          <Button disabled={page <= 1} onClick={() => setPage(page - 1)} aria-label="Previous page of invoices">
            ‹ Previous
          </Button>
          <span className="period" aria-live="polite">
            Page {shown.page} of {shown.totalPages}
          </span>
          <Button disabled={page >= shown.totalPages} onClick={() => setPage(page + 1)} aria-label="Next page of invoices">
            Next ›
          </Button>
        </div>
      )}
    </section>
  );
}
