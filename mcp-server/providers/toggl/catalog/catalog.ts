// Toggl Track's clients, projects and tasks as Punchcard's customers, projects and activities (docs/back-ends/toggl.md,
// "The catalog"): read page after page (projects and tasks 200 a page, until Toggl's count or a short page says the
// list is whole) and kept a quarter of an hour, as Toggl counts requests by the hour. A project is booked on only where
// it is active and open to the person (a private one they are not a member of is not); a task only where it is one of
// the project's and not done. The billable flag of a new entry is the project's. A workspace admin adds and archives
// items (catalog-writes.ts); the lists are read afresh after any write.
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { Expiring, ExpiringByKey } from '../../remote/cache.ts';
import { BackEndError, type Catalog, type CatalogItem, type CatalogKind, type Ref } from '../../time-tracker.ts';
import type { Booking, TogglCatalogView, TogglContext, TogglGrid } from '../context.ts';
import { bookable, clientItem, projectItem, taskItem } from '../mapping.ts';
import type { TogglClient, TogglProject, TogglTask } from '../wire.ts';
import { TogglCatalogWrites } from './catalog-writes.ts';
import { catalogEndpoints, type CatalogEndpoints } from './endpoints.ts';

/** How long the lists serve: Toggl's catalog changes rarely, and every request counts on an hourly quota. */
const CATALOG_TTL_MS = 15 * 60_000;
/** Pages read at most for one list: 20 pages of 200 is 4,000 projects. */
const MAX_PAGES = 20;

type Active = 'true' | 'both';

export class TogglCatalog extends CellPart<TogglContext, CatalogEndpoints> implements TogglCatalogView {
  readonly #projects = new ExpiringByKey<Active, TogglProject[]>(CATALOG_TTL_MS);
  readonly #tasks = new ExpiringByKey<Active, TogglTask[]>(CATALOG_TTL_MS);
  readonly #clients = new Expiring<TogglClient[]>(CATALOG_TTL_MS);

  readonly activitiesBelongToProjects = true;

  async catalog(includeArchived: boolean, kinds?: readonly CatalogKind[], projectNumber?: number): Promise<Catalog> {
    const wants = (kind: CatalogKind) => !kinds || kinds.includes(kind);
    const active: Active = includeArchived ? 'both' : 'true';
    const [projects, tasks, clients] = await Promise.all([
      wants('project') || wants('activity') ? this.#projectList(active) : Promise.resolve([]),
      wants('activity') ? this.#taskList(active) : Promise.resolve([]),
      wants('customer') || wants('project') ? this.#clientList() : Promise.resolve([]),
    ]);
    const clientsById = new Map(clients.map((client) => [client.id, client]));
    const projectsById = new Map(projects.map((project) => [project.id, project]));
    const open = (item: CatalogItem) => includeArchived || !item.archived;
    return {
      customers: wants('customer') ? clients.map(clientItem).filter(open) : [],
      projects: wants('project') ? projects.map((project) => projectItem(project, clientsById)).filter(open) : [],
      activities: wants('activity')
        ? tasks
            .filter((task) => projectNumber === undefined || task.project_id === projectNumber)
            .filter((task) => projectsById.has(task.project_id))
            .map((task) => taskItem(task, projectsById))
            .filter(open)
        : [],
    };
  }

  projects(): Promise<TogglProject[]> {
    return this.#projectList('true');
  }

  tasks(): Promise<TogglTask[]> {
    return this.#taskList('true');
  }

  async booking(projectId: number | null, taskId: number | null): Promise<Booking> {
    if (projectId === null) {
      if (taskId !== null) throw new BackEndError('toggl_task_closed', { task: `#${taskId}`, project: null, why: 'no_project' });
      return { projectId: null, taskId: null, billable: false };
    }
    const project =
      (await this.#projectList('true')).find((item) => item.id === projectId) ?? (await this.#projectList('both')).find((item) => item.id === projectId);
    if (!project) throw new BackEndError('toggl_project_closed', { project: `#${projectId}`, why: 'unknown' });
    const open = bookable(project);
    if (open !== true) throw new BackEndError('toggl_project_closed', { project: project.name, why: open });
    const workspace = await this.context.workspace();
    // Billable is a paid plan's: Toggl takes it only there (and refuses fields a plan lacks).
    const billable = workspace.plan !== 'free' && project.billable === true;
    if (taskId === null) return { projectId, taskId: null, billable };
    const task = (await this.#taskList('true')).find((item) => item.id === taskId) ?? (await this.#taskList('both')).find((item) => item.id === taskId);
    if (!task) throw new BackEndError('toggl_task_closed', { task: `#${taskId}`, project: project.name, why: 'unknown' });
    if (task.project_id !== projectId) throw new BackEndError('toggl_task_closed', { task: task.name, project: project.name, why: 'other_project' });
    if (task.active === false) throw new BackEndError('toggl_task_closed', { task: task.name, project: project.name, why: 'done' });
    return { projectId, taskId, billable };
  }

  async nameOf(projectId: number | null, taskId: number | null): Promise<{ project: Ref | null; task: Ref | null }> {
    if (projectId === null) return { project: null, task: null };
    const projects = await this.#projectList('true');
    const project = projects.find((item) => item.id === projectId) ?? (await this.#projectList('both')).find((item) => item.id === projectId);
    const task =
      taskId === null
        ? undefined
        : ((await this.#taskList('true')).find((item) => item.id === taskId) ?? (await this.#taskList('both')).find((item) => item.id === taskId));
    return {
      project: project ? { id: project.id, name: project.name } : { id: projectId, name: `#${projectId}` },
      task: taskId === null ? null : task ? { id: task.id, name: task.name } : { id: taskId, name: `#${taskId}` },
    };
  }

  async projectExamples(count: number): Promise<string[]> {
    return (await this.#projectList('true'))
      .filter((project) => bookable(project) === true)
      .slice(0, count)
      .map((project) => project.name);
  }

  createCatalogItem(item: { kind: CatalogKind; name: string; customerId?: number; projectId?: number }): Promise<CatalogItem> {
    return this.#writes().create(item);
  }

  setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<CatalogItem> {
    return this.#writes().setArchived(kind, id, archived);
  }

  archiveTakes(kind: CatalogKind, id: number): Promise<{ name: string; projects: Ref[] } | undefined> {
    return this.#writes().takes(kind, id);
  }

  activeProjects(): Promise<TogglProject[]> {
    return this.#projectList('true');
  }

  /** An item as Toggl listed it, archived ones too, from the lists kept (read where none is kept). */
  async record(kind: 'customer', id: number): Promise<TogglClient | undefined>;
  async record(kind: 'project', id: number): Promise<TogglProject | undefined>;
  async record(kind: 'activity', id: number): Promise<TogglTask | undefined>;
  async record(kind: CatalogKind, id: number): Promise<TogglClient | TogglProject | TogglTask | undefined> {
    if (kind === 'customer') return (await this.#clientList()).find((item) => item.id === id);
    if (kind === 'project') return (await this.#projectList('both')).find((item) => item.id === id);
    return (await this.#taskList('both')).find((item) => item.id === id);
  }

  async clientsById(): Promise<ReadonlyMap<number, TogglClient>> {
    return new Map((await this.#clientList()).map((client) => [client.id, client]));
  }

  /** The catalog changed (a write here or by update_catalog_item): every list is read afresh next time. */
  changed(): void {
    this.#projects.clear();
    this.#tasks.clear();
    this.#clients.invalidate();
  }

  #writes(): TogglCatalogWrites {
    return new TogglCatalogWrites(this.context, this.endpoints, this);
  }

  #projectList(active: Active): Promise<TogglProject[]> {
    // The list with archived ones holds the active ones too: asked for after it, the active ones need no request.
    const both = active === 'true' && this.#projects.holds('both') ? this.#projects.get('both', () => Promise.resolve([])) : undefined;
    if (both) return both.then((all) => all.filter((project) => project.active !== false));
    return this.#projects.get(active, async () => {
      const workspaceId = await this.context.workspaceId();
      return pages((page) => this.endpoints.projectsPage(workspaceId, active, page).then((items) => ({ items: items ?? [], total: items?.[0]?.total_count })));
    });
  }

  #taskList(active: Active): Promise<TogglTask[]> {
    return this.#tasks.get(active, async () => {
      const workspace = await this.context.workspace();
      // Tasks are a paid plan's: a Free workspace has none, and is not asked; one that refuses them (an optional read) has none known.
      if (workspace.plan === 'free') return [];
      return this.context.optional.tasks.read(
        () =>
          pages((page) => this.endpoints.tasksPage(workspace.id, active, page).then((answer) => ({ items: answer?.data ?? [], total: answer?.total_count }))),
        [],
      );
    });
  }

  #clientList(): Promise<TogglClient[]> {
    return this.#clients.get(async () => (await this.endpoints.clients(await this.context.workspaceId())) ?? []);
  }
}

/**
 * Every item of a paged list: pages one after another until Toggl's count is reached, or a page comes back empty or
 * shorter than the longest before it (a server may keep fewer a page than asked for: a short first page says nothing).
 */
export async function pages<T>(fetch: (page: number) => Promise<{ items: T[]; total: number | undefined }>): Promise<T[]> {
  const items: T[] = [];
  let longest = 0;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await fetch(page);
    items.push(...answer.items);
    if (answer.items.length === 0) return items;
    if (typeof answer.total === 'number' && items.length >= answer.total) return items;
    if (answer.total === undefined && answer.items.length < longest) return items;
    longest = Math.max(longest, answer.items.length);
  }
  throw new BackEndError('toggl_unreadable', { what: `more than ${MAX_PAGES} pages of one list` });
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TogglGrid, CatalogEndpoints>({
  endpoints: catalogEndpoints,
  parts: (context, endpoints) => ({ catalog: new TogglCatalog(context, endpoints, {}) }),
});
