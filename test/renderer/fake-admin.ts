// The Administration screen's part of the fake bridge (fake-bridge.ts): a Kimai administrator's
// catalog, tags and invoices, held in memory and changed as main's handlers change them through the
// engine, with the engine's sentences and refusals. Which sections a person is offered follows the
// fake's `admin` option as the engine's tools would: an administrator has all three, a team lead the
// catalog and the invoices (Kimai's view_invoice from a team lead up, tags for an administrator).
import type { AdminCatalogItem, AdminCatalogView, AdminSection, AdminTagView, InvoicesView, RequestOf } from '../../main/ipc/contract.ts';
import { INVOICE_STATUSES } from '../../mcp-server/contract/vocabulary.ts';

export type FakeAdministrator = 'admin' | 'lead';

/** How many invoices a page of the fake holds. */
export const INVOICE_PAGE = 25;

type Handlers = {
  getAdminCatalog: () => AdminCatalogView;
  addCatalogItem: (request: RequestOf<'addCatalogItem'>) => unknown;
  setCatalogItemArchived: (request: RequestOf<'setCatalogItemArchived'>) => unknown;
  getAdminTags: () => AdminTagView[];
  addTag: (request: RequestOf<'addTag'>) => unknown;
  getInvoices: (request: RequestOf<'getInvoices'>) => InvoicesView;
};

export function createFakeAdmin(
  who: FakeAdministrator | undefined,
  backEnd: () => string,
  reject: (message: string) => never,
): { sections: () => AdminSection[]; handlers: Handlers } {
  const sections = (): AdminSection[] => (who === 'admin' ? ['catalog', 'tags', 'invoices'] : who === 'lead' ? ['catalog', 'invoices'] : []);
  const words: Record<AdminSection, string> = {
    catalog: 'add, archive or restore customers, projects and activities',
    tags: 'administer tags',
    invoices: 'see invoices',
  };
  const allow = (section: AdminSection) => {
    if (sections().includes(section)) return;
    reject(
      sections().length === 0
        ? `${backEnd()} does not say your account administers anything, so Punchcard offers no administration here.`
        : `${backEnd()} does not let you ${words[section]} through Punchcard.`,
    );
  };

  let nextId = 100;
  const item = (name: string, parent: string | null = null, archived = false): AdminCatalogItem => ({ id: nextId++, name, archived, parent });
  const catalog: AdminCatalogView = {
    customers: [item('Acme'), item('Beta Corp'), item('Initech', null, true)],
    projects: [item('Acme Website', 'Acme'), item('Beta Corp', 'Beta Corp'), item('Internal', 'Acme'), item('Legacy Portal', 'Initech', true)],
    activities: [item('Development'), item('Meetings'), item('Support'), item('Design', 'Acme Website'), item('Hotline', null, true)],
    note: null,
  };
  const plural = { customer: 'customers', project: 'projects', activity: 'activities' } as const;
  const tags: AdminTagView[] = [
    { id: 900, name: 'billing', color: '#336699', archived: false },
    { id: 901, name: 'urgent', color: '#cc3300', archived: false },
    { id: 902, name: 'on-site', color: null, archived: false },
    { id: 903, name: 'old', color: null, archived: true },
  ];
  // 57 invoices of the last 90 days, newest first, as Kimai sorts them; three customers, mixed states.
  const customers = ['Acme', 'Beta Corp', 'Globex Corporation'];
  const invoices: InvoicesView['invoices'] = Array.from({ length: 57 }, (_, index) => ({
    id: 5000 + index,
    number: `2026-${String(57 - index).padStart(3, '0')}`,
    customer: customers[index % 3] as string,
    date: new Date(Date.parse('2026-05-13T12:00:00Z') - index * 1.5 * 86_400_000).toISOString().slice(0, 10),
    status: INVOICE_STATUSES[index % 4] as InvoicesView['invoices'][number]['status'],
    total: 480 + index * 37.5,
    currency: index % 3 === 2 ? 'USD' : 'EUR',
  }));

  return {
    sections,
    handlers: {
      getAdminCatalog: () => {
        allow('catalog');
        return catalog;
      },
      addCatalogItem: ({ kind, name, parent }) => {
        allow('catalog');
        const trimmed = name.trim();
        const list = catalog[plural[kind]];
        if (list.some((existing) => existing.name.toLowerCase() === trimmed.toLowerCase()))
          reject(`A ${kind} named "${trimmed}" exists already${kind === 'customer' ? '' : ' there'}. Nothing was created.`);
        const added = item(trimmed, parent ?? null);
        list.push(added);
        return { message: `Created ${kind} "${trimmed}"${parent ? ` under "${parent}"` : ''}.`, view: catalog };
      },
      setCatalogItemArchived: ({ kind, id, archived }) => {
        allow('catalog');
        const found = catalog[plural[kind]].find((existing) => existing.id === id) ?? reject(`No ${kind} with that number.`);
        found.archived = archived;
        return { message: `${archived ? 'Archived' : 'Restored'} ${kind} "${found.name}".`, view: catalog };
      },
      getAdminTags: () => {
        allow('tags');
        return tags;
      },
      addTag: ({ name, color }) => {
        allow('tags');
        const trimmed = name.trim();
        const existing = tags.find((tag) => tag.name.toLowerCase() === trimmed.toLowerCase());
        if (existing) reject(`The tag "${existing.name}" exists already. Nothing was created.`);
        tags.push({ id: 904 + tags.length, name: trimmed, color: color ?? null, archived: false });
        return { message: `Created the tag "${trimmed}".`, view: tags };
      },
      getInvoices: ({ page }) => {
        allow('invoices');
        const totalPages = Math.max(1, Math.ceil(invoices.length / INVOICE_PAGE));
        return {
          from: '2026-02-12',
          to: '2026-05-13',
          invoices: invoices.slice((page - 1) * INVOICE_PAGE, page * INVOICE_PAGE),
          page,
          totalPages,
          total: invoices.length,
        };
      },
    },
  };
}
