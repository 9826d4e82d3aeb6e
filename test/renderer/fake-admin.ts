// The Administration screen's part of the fake bridge (fake-bridge.ts): a Kimai administrator's
// catalog, tags, invoices, people and time entries, held in memory and changed as main's handlers
// change them through the engine, with the engine's sentences and refusals. Which sections a person is
// offered follows the fake's `admin` option as the engine's tools would: a super administrator has
// every one, people too (Kimai's view_user); an administrator all but people; a team lead the catalog,
// the invoices and bulk corrections (Kimai's view_invoice from a team lead up, tags for an administrator);
// teams and rates for an administrator up (fake-admin-teams.ts, fake-admin-rates.ts); changing what a catalog
// item keeps for an administrator up too (Kimai's edit rights on customers, projects and activities).
import type {
  AdminCatalogItem,
  AdminCatalogView,
  AdminTagView,
  CatalogItemFieldsView,
  CatalogKind,
  InvoicesView,
} from '../../window-contract/admin-catalog.ts';
import type { AdminPerson, CorrectionView } from '../../window-contract/admin-people.ts';
import type { AdminSection } from '../../window-contract/admin-sections.ts';
import type { RequestOf } from '../../window-contract/index.ts';
import { INVOICE_STATUSES } from '../../mcp-server/contract/vocabulary.ts';
import { fakeRates } from './fake-admin-rates.ts';
import { fakeTeams } from './fake-admin-teams.ts';

export type FakeAdministrator = 'super' | 'admin' | 'lead';

/** What a test may do to the fake's back end behind the window's back. */
export interface FakeAdminWorld {
  /** Someone books a two-hour entry for Ada on 12 May in Acme Website: a bulk correction's scope may grow. */
  bookEntry(): void;
}

/** How many people a page of the fake holds. */
export const PEOPLE_PAGE = 25;

/** How many invoices a page of the fake holds. */
export const INVOICE_PAGE = 25;

type Handlers = {
  getAdminCatalog: () => AdminCatalogView;
  addCatalogItem: (request: RequestOf<'addCatalogItem'>) => unknown;
  setCatalogItemArchived: (request: RequestOf<'setCatalogItemArchived'>) => unknown;
  getCatalogItem: (request: RequestOf<'getCatalogItem'>) => unknown;
  updateCatalogItem: (request: RequestOf<'updateCatalogItem'>) => unknown;
  getAdminTags: () => AdminTagView[];
  addTag: (request: RequestOf<'addTag'>) => unknown;
  getInvoices: (request: RequestOf<'getInvoices'>) => InvoicesView;
  getAdminPeople: (request: RequestOf<'getAdminPeople'>) => unknown;
  invitePerson: (request: RequestOf<'invitePerson'>) => unknown;
  updatePerson: (request: RequestOf<'updatePerson'>) => unknown;
  setPersonActive: (request: RequestOf<'setPersonActive'>) => unknown;
  previewCorrection: (request: RequestOf<'previewCorrection'>) => CorrectionView;
  applyCorrection: (request: RequestOf<'applyCorrection'>) => CorrectionView;
  getAdminTeams: () => unknown;
  getAdminTeam: (request: RequestOf<'getAdminTeam'>) => unknown;
  changeTeam: (request: RequestOf<'changeTeam'>) => unknown;
  getRateCatalog: () => AdminCatalogView;
  getRates: (request: RequestOf<'getRates'>) => unknown;
  setRate: (request: RequestOf<'setRate'>) => unknown;
  removeRate: (request: RequestOf<'removeRate'>) => unknown;
};

export function createFakeAdmin(
  who: FakeAdministrator | undefined,
  backEnd: () => string,
  reject: (message: string) => never,
): { sections: () => AdminSection[]; handlers: Handlers; world: FakeAdminWorld } {
  const OFFERED: Record<FakeAdministrator, AdminSection[]> = {
    super: ['catalog', 'tags', 'invoices', 'people', 'corrections', 'teams', 'rates'],
    admin: ['catalog', 'tags', 'invoices', 'corrections', 'teams', 'rates'],
    lead: ['catalog', 'invoices', 'corrections'],
  };
  const sections = (): AdminSection[] => (who ? OFFERED[who] : []);
  const words: Record<AdminSection, string> = {
    catalog: 'add, archive or restore customers, projects and activities',
    tags: 'administer tags',
    invoices: 'see invoices',
    people: 'administer people',
    corrections: 'correct time entries in bulk',
    teams: 'administer teams',
    rates: 'administer rates',
  };
  const allow = (section: AdminSection) => {
    if (sections().includes(section)) return;
    reject(
      sections().length === 0
        ? `${backEnd()} does not say your account administers anything, so Punchcard offers no administration here.`
        : `${backEnd()} does not let you ${words[section]} through Punchcard.`,
    );
  };

  const allowChanges = () => {
    allow('catalog');
    if (who !== 'admin' && who !== 'super') reject(`${backEnd()} does not let you change what customers, projects and activities keep through Punchcard.`);
  };

  let nextId = 100;
  const item = (name: string, parent: string | null = null, archived = false): AdminCatalogItem => ({ id: nextId++, name, archived, parent });
  const catalog: AdminCatalogView = {
    customers: [item('Acme'), item('Beta Corp'), item('Initech', null, true)],
    projects: [item('Acme Website', 'Acme'), item('Beta Corp', 'Beta Corp'), item('Internal', 'Acme'), item('Legacy Portal', 'Initech', true)],
    activities: [item('Development'), item('Meetings'), item('Support'), item('Design', 'Acme Website'), item('Hotline', null, true)],
    note: null,
    // Kimai gives the edit rights on customers, projects and activities to administrators, not team leads.
    changeable: who === 'admin' || who === 'super',
  };
  const kept = fakeCatalogFields(catalog);
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

  const people = fakePeople();
  const corrections = fakeCorrections(who === 'lead', reject);
  const teams = fakeTeams(people.directory);
  const rates = fakeRates(catalog, people.directory);

  return {
    sections,
    world: { bookEntry: corrections.book },
    handlers: {
      getAdminPeople: (request) => {
        allow('people');
        return people.list(request);
      },
      invitePerson: (request) => {
        allow('people');
        return people.invite(request, reject);
      },
      updatePerson: (request) => {
        allow('people');
        return people.update(request, reject);
      },
      setPersonActive: (request) => {
        allow('people');
        return people.setActive(request, reject);
      },
      previewCorrection: (request) => {
        allow('corrections');
        return corrections.preview(request);
      },
      applyCorrection: (request) => {
        allow('corrections');
        return corrections.apply(request);
      },
      getAdminTeams: () => {
        allow('teams');
        return teams.list();
      },
      getAdminTeam: (request) => {
        allow('teams');
        return teams.show(request, reject);
      },
      changeTeam: (request) => {
        allow('teams');
        return teams.change(request, reject);
      },
      getRateCatalog: () => {
        allow('rates');
        return catalog;
      },
      getRates: (request) => {
        allow('rates');
        return rates.list(request, reject);
      },
      setRate: (request) => {
        allow('rates');
        return rates.set(request, reject);
      },
      removeRate: (request) => {
        allow('rates');
        return rates.remove(request, reject);
      },
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
      getCatalogItem: ({ kind, id }) => {
        allowChanges();
        return kept.read(kind, id, reject);
      },
      updateCatalogItem: ({ kind, id, ...change }) => {
        allowChanges();
        return { message: kept.change(kind, id, change, reject), view: catalog };
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

/** A day as the engine's sentences for people write it: "Dec 31, 2026". */
const dayWords = (day: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${day}T12:00:00Z`));

/**
 * What each catalog item keeps, as Kimai's catalog_item_fields reads it for an administrator: every field of its kind,
 * a customer and dates for a project. Acme Website has budgets, a comment and dates; every other item none (as Kimai
 * answers a new one). A change is made as update_catalog_item makes it, answered in its sentence for people.
 */
function fakeCatalogFields(catalog: AdminCatalogView) {
  const plural = { customer: 'customers', project: 'projects', activity: 'activities' } as const;
  const kept = new Map<number, CatalogItemFieldsView>();
  const fieldsOf = (kind: CatalogKind, item: AdminCatalogItem): CatalogItemFieldsView => {
    const own = kept.get(item.id) ?? { name: item.name, budgetHours: 0, budgetMoney: 0, budgetPeriod: 'total', billable: true, comment: '' };
    if (kind !== 'project') return { ...own, name: item.name };
    const customer = catalog.customers.find((candidate) => candidate.name === item.parent);
    return { start: null, end: null, ...own, name: item.name, customer: customer ? { id: customer.id, name: customer.name } : null };
  };
  const website = catalog.projects.find((project) => project.name === 'Acme Website');
  if (website)
    kept.set(website.id, {
      name: website.name,
      budgetHours: 120,
      budgetMoney: 9600,
      budgetPeriod: 'total',
      billable: true,
      comment: 'Relaunch of the public site.',
      start: '2026-01-01',
      end: '2026-12-31',
    });
  const find = (kind: CatalogKind, id: number, reject: (message: string) => never) =>
    catalog[plural[kind]].find((item) => item.id === id) ?? reject(`There is no ${kind} with that number in Kimai.`);
  const LABEL: Record<string, string> = {
    name: 'name',
    budgetHours: 'time budget',
    budgetMoney: 'money budget',
    budgetPeriod: 'budget period',
    billable: 'billable',
    comment: 'comment',
    customer: 'customer',
    start: 'start',
    end: 'end',
  };
  const shown = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return 'none';
    if (field === 'budgetHours') return `${String(value)} h`;
    if (field === 'billable') return value ? 'yes' : 'no';
    if (field === 'name' || field === 'comment') return `"${String(value)}"`;
    if (field === 'customer') return `"${(value as { name: string }).name}"`;
    if (field === 'start' || field === 'end') return dayWords(String(value));
    return String(value);
  };
  return {
    read(kind: CatalogKind, id: number, reject: (message: string) => never) {
      return { kind, id, fields: structuredClone(fieldsOf(kind, find(kind, id, reject))) };
    },
    change(kind: CatalogKind, id: number, change: Omit<RequestOf<'updateCatalogItem'>, 'kind' | 'id'>, reject: (message: string) => never): string {
      const item = find(kind, id, reject);
      const before = fieldsOf(kind, item);
      const after: CatalogItemFieldsView = { ...before };
      const customer = change.customer === undefined ? undefined : catalog.customers.find((candidate) => candidate.id === change.customer);
      if (change.customer !== undefined && !customer) reject(`Kimai refused to change the project "${item.name}": customer: The selected choice is invalid.`);
      const { customer: _customer, ...rest } = change;
      Object.assign(after, Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value])));
      if (customer) after.customer = { id: customer.id, name: customer.name };
      const fields = Object.keys(LABEL).filter(
        (field) => JSON.stringify(before[field as keyof CatalogItemFieldsView]) !== JSON.stringify(after[field as keyof CatalogItemFieldsView]),
      );
      kept.set(id, after);
      item.name = after.name;
      if (customer) item.parent = customer.name;
      return `Changed the ${kind} "${after.name}": ${fields
        .map(
          (field) =>
            `${LABEL[field]} ${shown(field, before[field as keyof CatalogItemFieldsView])} → ${shown(field, after[field as keyof CatalogItemFieldsView])}`,
        )
        .join('; ')}.`;
    },
  };
}

/** Kimai's roles, lowest first, as its manage_people takes them. */
const ROLES = ['ROLE_USER', 'ROLE_TEAMLEAD', 'ROLE_ADMIN', 'ROLE_SUPER_ADMIN'];

/** 31 people, the signed-in super administrator (Sam, id 3) among them, two deactivated; listed by name, 25 a page. */
function fakePeople() {
  const FIRST = ['Ada Lovelace', 'Tom Lead', 'Sam Super', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'Barbara Liskov', 'Ken Thompson'];
  const people: AdminPerson[] = Array.from({ length: 31 }, (_, index) => {
    const name = FIRST[index] ?? `Worker ${String(index - FIRST.length + 1).padStart(2, '0')}`;
    return {
      id: index + 1,
      name,
      email: `${name.split(' ')[0]?.toLowerCase()}${index >= FIRST.length ? index : ''}@example.com`,
      role: index === 1 ? 'ROLE_TEAMLEAD' : index === 2 ? 'ROLE_SUPER_ADMIN' : 'ROLE_USER',
      active: !(index === 6 || index === 20),
      teams: index < 2 ? ['Web'] : [],
    };
  });
  const SELF = 3;
  const said = (person: AdminPerson) => `"${person.name}" <${person.email}>`;
  const find = (id: number, reject: (message: string) => never) => people.find((person) => person.id === id) ?? reject('There is no such person.');
  const role = (word: string, reject: (message: string) => never) =>
    ROLES.find((known) => known.toLowerCase() === word.toLowerCase()) ?? reject(`"${word}" is no role here; the roles are ${ROLES.join(', ')}.`);
  const emailFree = (email: string, except: number, reject: (message: string) => never) => {
    const taken = people.find((person) => person.id !== except && person.email.toLowerCase() === email.toLowerCase());
    if (taken) reject(`Kimai refused: the e-mail ${email} belongs to ${taken.name} already. Nothing was changed.`);
  };
  return {
    /** The people as the fake's teams name them (fake-admin-teams.ts). */
    directory: {
      byId: (id: number) => people.find((person) => person.id === id),
      named: (word: string) => {
        const key = word.trim().replace(/^#/, '').toLowerCase();
        return people.find((person) => String(person.id) === key || person.email.toLowerCase() === key || person.name.toLowerCase() === key);
      },
      self: SELF,
    },
    list({ page, includeInactive }: RequestOf<'getAdminPeople'>) {
      const shown = people.filter((person) => includeInactive || person.active).sort((a, b) => a.name.localeCompare(b.name));
      const totalPages = Math.max(1, Math.ceil(shown.length / PEOPLE_PAGE));
      return { people: structuredClone(shown.slice((page - 1) * PEOPLE_PAGE, page * PEOPLE_PAGE)), page, totalPages, total: shown.length };
    },
    invite({ name, email, role: word }: RequestOf<'invitePerson'>, reject: (message: string) => never) {
      emailFree(email.trim(), 0, reject);
      const made: AdminPerson = {
        id: people.length + 1,
        name: name.trim(),
        email: email.trim(),
        role: word ? role(word.trim(), reject) : 'ROLE_USER',
        active: true,
        teams: [],
      };
      people.push(made);
      return { message: `Invited ${said(made)}. Kimai made the account with a random password: they set their own with "Forgot password".`, person: made };
    },
    update({ id, name, email, role: word }: RequestOf<'updatePerson'>, reject: (message: string) => never) {
      const person = find(id, reject);
      const next = word === undefined ? undefined : role(word.trim(), reject);
      if (next !== undefined && id === SELF) reject('You cannot change your own role: another administrator can. Nothing was sent.');
      if (email !== undefined) emailFree(email.trim(), id, reject);
      const before = { ...person };
      if (name !== undefined) person.name = name.trim();
      if (email !== undefined) person.email = email.trim();
      if (next !== undefined) person.role = next;
      const changed = [
        person.name !== before.name && `name ${before.name} → ${person.name}`,
        person.email !== before.email && `e-mail ${before.email} → ${person.email}`,
        person.role !== before.role && `role ${before.role} → ${person.role}`,
      ].filter(Boolean);
      return { message: `Updated ${said(person)}: ${changed.join(', ')}.`, person: structuredClone(person) };
    },
    setActive({ id, active }: RequestOf<'setPersonActive'>, reject: (message: string) => never) {
      const person = find(id, reject);
      if (id === SELF && !active) reject('You cannot deactivate your own account: you would lock yourself out. Another administrator can. Nothing was sent.');
      person.active = active;
      return { message: `${active ? 'Reactivated' : 'Deactivated'} ${said(person)}.`, person: structuredClone(person) };
    },
  };
}

interface FakeEntry {
  id: number;
  start: string;
  hours: number;
  person: string;
  project: string;
  activity: string;
  billable: boolean;
  exported: boolean;
  tags: string[];
}

/** The end of Kimai's lockdown as the account's settings say it: April closed. */
const LOCKED_UNTIL = '2026-04-30T23:59:59+02:00';

/**
 * Time entries from 20 April to 12 May 2026: Ada's, Tom's and Grace's, mostly Acme Website and
 * Development, an exported one on 5 May. A team lead leaves exported entries alone (Kimai gives only
 * administrators edit_exported_timesheet); everyone leaves the locked April alone.
 */
function fakeCorrections(lead: boolean, reject: (message: string) => never) {
  const PEOPLE = ['Ada Lovelace', 'Tom Lead', 'Grace Hopper'];
  const entries: FakeEntry[] = [];
  const add = (day: string, hour: number, person: string, extra: Partial<FakeEntry> = {}) =>
    entries.push({
      id: 7000 + entries.length,
      start: `${day}T${String(hour).padStart(2, '0')}:00:00+02:00`,
      hours: 2,
      person,
      project: 'Acme Website',
      activity: 'Development',
      billable: true,
      exported: false,
      tags: [],
      ...extra,
    });
  for (const day of ['2026-04-27', '2026-04-28']) add(day, 9, 'Ada Lovelace');
  for (let date = 4; date <= 12; date++) {
    const day = `2026-05-${String(date).padStart(2, '0')}`;
    if ([9, 10].includes(date)) continue;
    add(day, 9, 'Ada Lovelace', date === 5 ? { exported: true } : {});
    add(day, 13, PEOPLE[date % 3] as string, date % 2 === 0 ? { project: 'Internal', activity: 'Meetings' } : {});
    add(day, 15, 'Tom Lead', { hours: 1.5 });
  }

  const plan = (request: RequestOf<'previewCorrection'>) => {
    const known = new Set(PEOPLE.map((name) => name.toLowerCase()));
    for (const name of request.people ?? [])
      if (!known.has(name.trim().toLowerCase())) reject(`Nobody you may correct is named "${name.trim()}". Nothing was changed.`);
    const people = request.people?.map((name) => name.trim().toLowerCase());
    const inScope = entries.filter(
      (entry) =>
        entry.start.slice(0, 10) >= request.from &&
        entry.start.slice(0, 10) <= request.to &&
        (!people || people.includes(entry.person.toLowerCase())) &&
        (!request.project || entry.project === request.project) &&
        (!request.activity || entry.activity === request.activity),
    );
    const locked = (entry: FakeEntry) => Date.parse(entry.start) <= Date.parse(LOCKED_UNTIL);
    const notTouched = inScope.flatMap((entry): CorrectionView['notTouched'] =>
      locked(entry)
        ? [{ id: entry.id, start: entry.start, person: entry.person, reason: 'locked' }]
        : lead && entry.exported
          ? [{ id: entry.id, start: entry.start, person: entry.person, reason: 'exported' }]
          : [],
    );
    const change = inScope.filter((entry) => !notTouched.some((left) => left.id === entry.id));
    return { change, notTouched };
  };
  const viewOf = (change: FakeEntry[], notTouched: CorrectionView['notTouched'], changed: boolean, message: string): CorrectionView => ({
    changed,
    count: change.length,
    hours: change.reduce((sum, entry) => sum + entry.hours, 0),
    lockedUntil: LOCKED_UNTIL,
    notTouched,
    entries: change.slice(0, 20).map(({ id, start, hours, person, project, activity }) => ({ id, start, hours, person, project, activity })),
    message,
  });
  const hours = (list: FakeEntry[]) => list.reduce((sum, entry) => sum + entry.hours, 0);

  return {
    book() {
      add('2026-05-12', 7, 'Ada Lovelace');
    },
    preview(request: RequestOf<'previewCorrection'>): CorrectionView {
      const { change, notTouched } = plan(request);
      return viewOf(change, notTouched, false, `Would change ${change.length} entries (${hours(change)} h).\nNothing was changed yet.`);
    },
    apply({ confirmCount, ...request }: RequestOf<'applyCorrection'>): CorrectionView {
      const { change, notTouched } = plan(request);
      if (confirmCount !== change.length)
        reject(
          `The preview showed ${confirmCount} entries, but the correction now covers ${change.length}; nothing was changed. Would change ${change.length} entries (${hours(change)} h).`,
        );
      for (const entry of change) {
        if (request.set.project) entry.project = request.set.project;
        if (request.set.activity) entry.activity = request.set.activity;
        if (request.set.billable !== undefined) entry.billable = request.set.billable;
        if (request.set.exported !== undefined) entry.exported = request.set.exported;
        for (const tag of request.set.addTags ?? []) if (!entry.tags.includes(tag)) entry.tags.push(tag);
      }
      return viewOf(change, notTouched, true, `Changed ${change.length} entries (${hours(change)} h).`);
    },
  };
}
