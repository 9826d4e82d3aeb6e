import type { CatalogItem } from '../domain/records.ts';
import { MAX_LIST_DAYS } from '../domain/call-limits.ts';
import { addDays, localDate } from '../domain/time.ts';
import { listInvoicesContract } from '../contract/tools/list-invoices.ts';
import { joined, outside, say } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { dayRange, readDayRange, today } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';

/** The days listed when the caller names none: a quarter back, where most open invoices are. */
const DEFAULT_DAYS = 90;

export default defineTool({
  ...listInvoicesContract,
  async handler(args, context) {
    const { tracker } = context;
    const now = today(context);
    const { from, to } = readDayRange(args, context, { from: addDays(now, 1 - DEFAULT_DAYS), to: () => now }, { days: MAX_LIST_DAYS });
    const { start, end } = dayRange(from, to, context);
    const customer = args.customer === undefined ? undefined : customerNamed((await tracker.catalog.catalog(true, ['customer'])).customers, args.customer);
    const page = await tracker.invoices.invoices({
      from: start,
      to: end,
      statuses: [...new Set(args.status ?? [])],
      ...(customer ? { customerId: customer.id } : {}),
      page: args.page ?? 1,
    });
    const invoices = page.invoices.map((invoice) => ({
      id: invoice.id,
      number: invoice.number,
      customer: invoice.customer,
      date: localDate(invoice.createdAt, context.timezone),
      status: invoice.status,
      total: invoice.total,
      currency: invoice.currency,
    }));
    const scope = say`${from} to ${to}${customer ? say` for ${outside(customer.name)}` : ''}${args.status?.length ? `, ${[...new Set(args.status)].join(' or ')}` : ''}`;
    const more = page.page < page.totalPages ? ` Page ${page.page} of ${page.totalPages}; ask for page ${page.page + 1} for more.` : '';
    // An invoice's number, customer and currency are the tracker's words: a currency with a line break in it must not
    // write a line of its own ("EUR\nTotal: 0 EUR, paid").
    const lines = invoices.map(
      (item) => say`${outside(item.number)} ${item.date} ${outside(item.customer)}: ${item.total} ${outside(item.currency)}, ${item.status}`,
    );
    return {
      data: { from, to, invoices, page: page.page, total_pages: page.totalPages, total: page.total },
      text:
        invoices.length === 0
          ? say`No invoices made ${scope}.`
          : joined([say`${page.total} invoice${page.total === 1 ? '' : 's'} made ${scope}.${more}`, ...lines], '\n'),
    };
  },
});

/** A customer by its number ("12", "#12") or its whole name in any case; else refused, naming close ones. */
function customerNamed(customers: readonly CatalogItem[], text: string): CatalogItem {
  const word = text.trim();
  const id = /^#?(\d{1,15})$/.exec(word);
  const found = id ? customers.find((item) => item.id === Number(id[1])) : customers.find((item) => item.name.toLowerCase() === word.toLowerCase());
  if (found) return found;
  const close = customers.filter((item) => item.name.toLowerCase().includes(word.toLowerCase())).slice(0, 5);
  throw new ToolInputError('invoices_customer_not_found', { customer: word, close: close.map((item) => ({ id: item.id, name: item.name })) });
}
