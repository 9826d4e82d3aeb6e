// list_invoices' handler over the local timesheet's catalog plus a hand-written invoices part
// (InvoicesPart in mcp-server/providers/time-tracker.ts) that keeps four invoices and answers a query
// as a back end would: made in [from, to), of the statuses asked (all for none), of one customer, two to
// a page. What the tool asks the part for (the days in the person's zone, a customer by name or number)
// and how it words the invoices and the paging. Its refusal of an unknown customer is in
// test/mcp-server/contract/outcomes/admin.test.ts.
import { describe, expect, it } from 'vitest';
import type { Invoice, InvoiceQuery } from '../../../mcp-server/domain/admin.ts';
import type { InvoicesPart } from '../../../mcp-server/providers/time-tracker.ts';
import listInvoices from '../../../mcp-server/tools/list-invoices.ts';
import { useLocalTimesheet } from './local-tool-context.ts';
import { trackerWithPart } from './tracker-with-part.ts';
import { said } from '../../support/said-outcome.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const at = (text: string) => Date.parse(text);
const PAGE_SIZE = 2;
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

/** The back end's invoices, each with the customer it belongs to. */
function invoicesOf(acme: number, globex: number): Array<Invoice & { customerId: number }> {
  return [
    // 23:30 on 31 October in Berlin: the 1st of November in UTC, the 31st of October for the person.
    { id: 1, number: 'INV-2026-001', customer: 'Acme', customerId: acme, createdAt: at('2026-10-31T22:30:00Z'), status: 'paid', total: 1190, currency: 'EUR' },
    {
      id: 2,
      number: 'INV-2026-002',
      customer: 'Globex',
      customerId: globex,
      createdAt: at('2026-11-05T09:00:00Z'),
      status: 'pending',
      total: 595.5,
      currency: 'EUR',
    },
    { id: 3, number: 'INV-2026-003', customer: 'Acme', customerId: acme, createdAt: at('2026-11-12T09:00:00Z'), status: 'new', total: 238, currency: 'USD' },
    // Made in May: outside the 90 days before today.
    { id: 4, number: 'INV-2026-000', customer: 'Acme', customerId: acme, createdAt: at('2026-05-04T09:00:00Z'), status: 'paid', total: 100, currency: 'EUR' },
  ];
}

async function withInvoices() {
  const local = await openTimesheet();
  const acme = await local.tracker.catalog.createCatalogItem({ kind: 'customer', name: 'Acme' });
  const globex = await local.tracker.catalog.createCatalogItem({ kind: 'customer', name: 'Globex' });
  const kept = invoicesOf(acme.id, globex.id);
  const asked: InvoiceQuery[] = [];
  const part: InvoicesPart = {
    async invoices(query) {
      asked.push(query);
      const matching = kept
        .filter((invoice) => invoice.createdAt >= query.from && invoice.createdAt < query.to)
        .filter((invoice) => query.statuses.length === 0 || query.statuses.includes(invoice.status))
        .filter((invoice) => query.customerId === undefined || invoice.customerId === query.customerId)
        .sort((a, b) => a.createdAt - b.createdAt)
        .map(({ customerId: _customer, ...invoice }) => invoice);
      const totalPages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
      return {
        invoices: matching.slice((query.page - 1) * PAGE_SIZE, query.page * PAGE_SIZE),
        page: query.page,
        totalPages,
        total: matching.length,
      };
    },
  };
  const context = { ...local.context, tracker: trackerWithPart(local.tracker, 'admin_invoices', part) };
  const run = (args: Record<string, unknown>) => said(listInvoices.handler(listInvoices.input.parse(args), context));
  return { run, asked, acme };
}

describe('list_invoices', () => {
  it('lists the last 90 days by default, first page, with the day made in the person zone and where the next page is', async () => {
    const { run, asked } = await withInvoices();
    const { text, data } = await run({});
    // 21 August (summer time) to the end of today, in Berlin.
    expect(asked).toEqual([{ from: at('2026-08-20T22:00:00Z'), to: at('2026-11-18T23:00:00Z'), statuses: [], page: 1 }]);
    expect(text).toBe(
      [
        '3 invoices made 2026-08-21 to 2026-11-18. Page 1 of 2; ask for page 2 for more.',
        '"INV-2026-001" 2026-10-31 "Acme": 1190 "EUR", paid',
        '"INV-2026-002" 2026-11-05 "Globex": 595.5 "EUR", pending',
      ].join('\n'),
    );
    expect(data).toEqual({
      from: '2026-08-21',
      to: '2026-11-18',
      invoices: [
        { id: 1, number: 'INV-2026-001', customer: 'Acme', date: '2026-10-31', status: 'paid', total: 1190, currency: 'EUR' },
        { id: 2, number: 'INV-2026-002', customer: 'Globex', date: '2026-11-05', status: 'pending', total: 595.5, currency: 'EUR' },
      ],
      page: 1,
      total_pages: 2,
      total: 3,
    });
  });

  it('asks for the page given, and says nothing of more on the last', async () => {
    const { run, asked } = await withInvoices();
    const { text, data } = await run({ page: 2 });
    expect(asked[0]?.page).toBe(2);
    expect(text).toBe(['3 invoices made 2026-08-21 to 2026-11-18.', '"INV-2026-003" 2026-11-12 "Acme": 238 "USD", new'].join('\n'));
    expect(data).toMatchObject({ page: 2, total_pages: 2, total: 3 });
  });

  it('narrows to a customer by name or number and to statuses given once each, and names them in its words', async () => {
    const { run, asked, acme } = await withInvoices();
    const byName = await run({ customer: 'ACME', status: ['new', 'paid', 'new'], from: '2026-11-01', to: '2026-11-30' });
    expect(asked[0]).toEqual({ from: at('2026-10-31T23:00:00Z'), to: at('2026-11-30T23:00:00Z'), statuses: ['new', 'paid'], customerId: acme.id, page: 1 });
    expect(byName.text).toBe(
      ['1 invoice made 2026-11-01 to 2026-11-30 for "Acme", new or paid.', '"INV-2026-003" 2026-11-12 "Acme": 238 "USD", new'].join('\n'),
    );
    const byNumber = await run({ customer: `#${acme.id}`, from: '2026-10-31', to: '2026-10-31' });
    expect(asked[1]).toMatchObject({ customerId: acme.id, from: at('2026-10-30T23:00:00Z'), to: at('2026-10-31T23:00:00Z') });
    expect(byNumber.data.invoices.map((invoice) => invoice.number)).toEqual(['INV-2026-001']);
  });

  it('says when no invoice was made in the scope asked', async () => {
    const { run } = await withInvoices();
    const { text, data } = await run({ customer: 'Globex', status: ['paid'] });
    expect(text).toBe('No invoices made 2026-08-21 to 2026-11-18 for "Globex", paid.');
    expect(data).toMatchObject({ invoices: [], total: 0 });
  });

  it('refuses a range longer than a year, and a to before the from, before asking the back end', async () => {
    const { run, asked } = await withInvoices();
    await expect(run({ from: '2025-01-01', to: '2026-01-02' })).rejects.toThrow('From 2025-01-01 to 2026-01-02 is 367 days; ask for at most 366 at a time.');
    await expect(run({ from: '2026-11-10', to: '2026-11-01' })).rejects.toThrow('to (2026-11-01) is before from (2026-11-10).');
    expect(asked).toEqual([]);
  });
});
