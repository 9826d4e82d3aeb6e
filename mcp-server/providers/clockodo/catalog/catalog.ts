// Clockodo's customers, projects and services, and what the person may book on: the lists (archived
// items too, for the names of old entries) and the two access maps, cached for five minutes, a list
// that lacks an id reloaded once (someone added it). Only what the person may book on is offered;
// what the company has beyond that is not theirs to use.
import { CellPart } from '../../grid/cell-part.ts';
import { allPages } from '../../remote/paging.ts';
import { allSettled, Expiring } from '../../remote/cache.ts';
import { type Catalog, type CatalogItem, type CatalogKind, BackEndError } from '../../time-tracker.ts';
import type { ClockodoCatalogRecord } from '../api.ts';
import type { ClockodoContext } from '../context.ts';
import type { CatalogEndpoints } from './endpoints.ts';
import { mayBook, mayUseService, type NameBook, projectItem } from '../mapping.ts';
import type { ClockodoAccess, ClockodoCustomer, ClockodoEntry, ClockodoProject, ClockodoService, ClockodoServiceAccess } from '../wire.ts';

/** A colleague may add a customer, project or service; five minutes is stale enough, and a miss reloads. */
const CATALOG_TTL_MS = 5 * 60_000;

/** A catalog list with its items by id, indexed once per load: every entry shown looks its names up. */
interface Indexed<T extends { id: number }> {
  all: T[];
  byId: ReadonlyMap<number, T>;
}

export class ClockodoCatalog extends CellPart<ClockodoContext, CatalogEndpoints> {
  readonly entriesNeedActivity = true;
  readonly #customers = new Expiring<ClockodoCustomer[]>(CATALOG_TTL_MS);
  readonly #projects = new Expiring<Indexed<ClockodoProject>>(CATALOG_TTL_MS);
  readonly #services = new Expiring<Indexed<ClockodoService>>(CATALOG_TTL_MS);
  readonly #access = new Expiring<ClockodoAccess>(CATALOG_TTL_MS);
  readonly #serviceAccess = new Expiring<ClockodoServiceAccess>(CATALOG_TTL_MS);

  async catalog(includeArchived: boolean, kinds?: readonly CatalogKind[]): Promise<Catalog> {
    const wants = (kind: CatalogKind) => !kinds || kinds.includes(kind);
    // Customers only when asked for (a full listing names each project's customer with them); projects
    // for customers too, as a customer is listed where the person may book on one of its projects.
    const [customerList, projectList, serviceList, access, serviceAccess] = await allSettled([
      wants('customer') ? this.#allCustomers() : Promise.resolve([]),
      wants('project') || wants('customer') ? this.#allProjects().then((projects) => projects.all) : Promise.resolve([]),
      wants('activity') ? this.#allServices().then((services) => services.all) : Promise.resolve([]),
      this.#accessMap(),
      this.#serviceAccessMap(),
    ]);
    const customerNames = new Map(customerList.map((customer) => [customer.id, customer.name]));
    const customers = customerList
      .filter(
        (customer) =>
          mayBook(access.add, customer.id, null) ||
          projectList.some((project) => project.customers_id === customer.id && mayBook(access.add, customer.id, project.id)),
      )
      .map((customer): CatalogItem => ({ kind: 'customer', id: customer.id, name: customer.name, archived: !customer.active }));
    const projects = projectList
      .filter((project) => mayBook(access.add, project.customers_id, project.id))
      .map((project) => projectItem(project, customerNames.get(project.customers_id)));
    const activities = serviceList
      .filter((service) => mayUseService(serviceAccess.add, service.id))
      .map((service): CatalogItem => ({ kind: 'activity', id: service.id, name: service.name, archived: !service.active, project: null }));
    const keep = (items: CatalogItem[]) => (includeArchived ? items : items.filter((item) => !item.archived));
    return {
      customers: wants('customer') ? keep(customers) : [],
      projects: wants('project') ? keep(projects) : [],
      activities: wants('activity') ? keep(activities) : [],
    };
  }

  async createCatalogItem(item: { kind: CatalogKind; name: string; customerId?: number; projectId?: number }): Promise<CatalogItem> {
    if (item.kind === 'activity' && item.projectId !== undefined) throw new BackEndError('clockodo_service_has_no_project');
    if (item.kind === 'project' && item.customerId === undefined) throw new BackEndError('clockodo_project_needs_customer');
    const body = item.kind === 'project' ? { name: item.name, customers_id: item.customerId } : { name: item.name };
    const created = await this.endpoints.createCatalogItem(item.kind, body, item.name);
    this.#forget();
    return this.#item(item.kind, created);
  }

  async setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<CatalogItem> {
    const changed = await this.endpoints.setActive(kind, id, !archived);
    this.#forget();
    return this.#item(kind, changed);
  }

  /**
   * Names for the catalog's ids. An id a cached list does not know reloads that list once (someone
   * added it); the other lists and the access maps stay, as naming the entry needs none of them.
   */
  async names(entry?: ClockodoEntry): Promise<NameBook> {
    let [projects, services] = await allSettled([this.#allProjects(), this.#allServices()]);
    const unknownProject = entry?.projects_id && !projects.byId.has(entry.projects_id);
    const unknownService = entry?.services_id && !services.byId.has(entry.services_id);
    if (unknownProject) this.#projects.invalidate();
    if (unknownService) this.#services.invalidate();
    if (unknownProject || unknownService) [projects, services] = await allSettled([this.#allProjects(), this.#allServices()]);
    return { project: (id) => projects.byId.get(id)?.name, service: (id) => services.byId.get(id)?.name };
  }

  async bookableProject(projectId: number): Promise<ClockodoProject> {
    const [projects, access] = await allSettled([this.#allProjects(), this.#accessMap()]);
    const project = projects.byId.get(projectId);
    if (project && this.context.acting && !mayBook(access.add, project.customers_id, project.id))
      // The owner's key would book it: the person's own access map says they could not. Named by its number only:
      // the person's catalog does not show it, so its name is not theirs to learn from a refusal.
      throw new BackEndError('acting_for_booking_not_open', { back_end: 'Clockodo', project: `project #${project.id}` });
    if (!project || !mayBook(access.add, project.customers_id, project.id)) throw new BackEndError('clockodo_project_not_bookable', { project: projectId });
    if (!project.active || project.completed) throw new BackEndError('clockodo_project_closed', { name: project.name, completed: project.completed === true });
    return project;
  }

  /** The service named, or the only one open to the person; Clockodo books every entry on one. */
  async serviceFor(activityId: number | null): Promise<number> {
    if (activityId !== null) return this.requireService(activityId);
    const bookable = (await this.catalog(false, ['activity'])).activities;
    if (bookable.length === 1) return (bookable[0] as CatalogItem).id;
    throw new BackEndError('clockodo_service_needed', { examples: bookable.slice(0, 6).map((item) => item.name) });
  }

  async requireService(serviceId: number): Promise<number> {
    const [services, access] = await allSettled([this.#allServices(), this.#serviceAccessMap()]);
    const service = services.byId.get(serviceId);
    if (service && this.context.acting && !mayUseService(access.add, serviceId))
      throw new BackEndError('acting_for_booking_not_open', { back_end: 'Clockodo', project: `service #${service.id}` });
    if (!service || !mayUseService(access.add, serviceId)) throw new BackEndError('clockodo_service_not_bookable', { service: serviceId });
    if (!service.active) throw new BackEndError('clockodo_service_archived', { name: service.name });
    return service.id;
  }

  /** The names of up to `count` projects the person may book on, for a refusal's examples. */
  async projectExamples(count: number): Promise<string[]> {
    return (await this.catalog(false, ['project'])).projects.slice(0, count).map((item) => item.name);
  }

  /** Something in the catalog was changed (update_catalog_item): the lists are read afresh. */
  changed(): void {
    this.#forget();
  }

  #allCustomers(): Promise<ClockodoCustomer[]> {
    return this.#customers.get(() => allPages(this.context.pager, (page) => this.endpoints.customersPage(page)));
  }

  #allProjects(): Promise<Indexed<ClockodoProject>> {
    return this.#projects.get(async () => indexed(await allPages(this.context.pager, (page) => this.endpoints.projectsPage(page))));
  }

  #allServices(): Promise<Indexed<ClockodoService>> {
    return this.#services.get(async () => indexed(await allPages(this.context.pager, (page) => this.endpoints.servicesPage(page))));
  }

  async #accessMap(): Promise<ClockodoAccess> {
    const userId = await this.context.userId();
    return this.#access.get(() => this.endpoints.access(userId));
  }

  async #serviceAccessMap(): Promise<ClockodoServiceAccess> {
    const userId = await this.context.userId();
    return this.#serviceAccess.get(() => this.endpoints.serviceAccess(userId));
  }

  #forget(): void {
    for (const list of [this.#customers, this.#projects, this.#services, this.#access, this.#serviceAccess]) list.invalidate();
  }

  async #item(kind: CatalogKind, record: ClockodoCatalogRecord): Promise<CatalogItem> {
    if (kind === 'customer') return { kind, id: record.id, name: record.name, archived: !record.active };
    if (kind === 'activity') return { kind, id: record.id, name: record.name, archived: !record.active, project: null };
    const customers = await this.#allCustomers();
    return projectItem(record, customers.find((customer) => customer.id === record.customers_id)?.name);
  }
}

function indexed<T extends { id: number }>(all: T[]): Indexed<T> {
  return { all, byId: new Map(all.map((item) => [item.id, item])) };
}
