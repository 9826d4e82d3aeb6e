// Clockify's clients, projects and tasks as Punchcard's customers, projects and activities: the
// projects the person sees (archived ones too, for the names of old entries), each project's tasks
// read only when that project is asked about (a full listing reads them project by project, as many
// as a call's budget allows, and says which projects it left for the next call, when the tasks read
// now are kept), numbered for Punchcard (id-aliases.ts). What may be booked on is checked here too:
// archived projects and done tasks are refused by name. A workspace admin's writes (catalog-write.ts)
// go through here, and the lists are read afresh after each. Other capabilities see it as ClockifyCatalogView
// (context.ts).
import { CellPart } from '../../grid/cell-part.ts';
import { allSettled, Expiring, ExpiringByKey, mapWithLimit } from '../../remote/cache.ts';
import { pagesUntilLast } from '../../remote/paging.ts';
import { ensureRequests, requestsLeft } from '../../remote/request-budget.ts';
import { type Catalog, type CatalogItem, type CatalogKind, BackEndError, type Ref } from '../../time-tracker.ts';
import { type TasksLeftOut, tasksLeftOutSentence } from '../../../contract/outcomes/clockify.ts';
import { modelText } from '../../../contract/outcomes/sentence.ts';
import { ClockifyCatalogWrites } from './catalog-write.ts';
import type { Booking, ClockifyCatalogView, ClockifyContext } from '../context.ts';
import type { CatalogEndpoints } from './endpoints.ts';
import type { ClockifyClient, ClockifyProject, ClockifyTask, ClockifyTimeEntry } from '../wire.ts';

/** A colleague may add a project or a task; five minutes is stale enough, and an unknown id reloads. */
const CATALOG_TTL_MS = 5 * 60_000;
/** Requests a partial reading of tasks leaves unspent, for a task list that runs to a second page. */
const TASK_READ_RESERVE = 4;

interface Indexed<T extends { id: string }> {
  all: T[];
  byId: ReadonlyMap<string, T>;
}

export class ClockifyCatalog extends CellPart<ClockifyContext, CatalogEndpoints> implements ClockifyCatalogView {
  /** Clockify's tasks live inside projects: naming one needs its project (CatalogPart). */
  readonly activitiesBelongToProjects = true;
  readonly #projects = new Expiring<Indexed<ClockifyProject>>(CATALOG_TTL_MS);
  readonly #clients = new Expiring<ClockifyClient[]>(CATALOG_TTL_MS);
  /** By the project's Clockify id. */
  readonly #tasks = new ExpiringByKey<string, Indexed<ClockifyTask>>(CATALOG_TTL_MS);

  async catalog(includeArchived: boolean, kinds?: readonly CatalogKind[], projectNumber?: number): Promise<Catalog> {
    return (await this.listing(includeArchived, kinds, projectNumber)).catalog;
  }

  /** The catalog, with the projects whose tasks it left for the next call (their names say where an activity not found may be). */
  async listing(includeArchived: boolean, kinds?: readonly CatalogKind[], projectNumber?: number): Promise<{ catalog: Catalog; left?: TasksLeftOut }> {
    const wants = (kind: CatalogKind) => !kinds || kinds.includes(kind);
    // Clients alone need no projects (a client's change reads none).
    const needsProjects = wants('project') || wants('activity');
    const [clients, projects] = await allSettled([
      wants('customer') ? this.#allClients() : Promise.resolve([]),
      needsProjects ? this.#allProjects().then((read) => read.all) : Promise.resolve([]),
    ]);
    const keep = <T extends { archived: boolean }>(items: T[]) => (includeArchived ? items : items.filter((item) => !item.archived));
    const projectItems = needsProjects ? await this.#projectItems(projects) : [];
    let activities: CatalogItem[] = [];
    let left: TasksLeftOut | undefined;
    if (wants('activity')) {
      const scope = projectNumber === undefined ? keep(projectItems) : projectItems.filter((item) => item.id === projectNumber);
      const read = await this.#taskItems(scope, projectNumber === undefined);
      activities = keep(read.items);
      if (read.left.length > 0) left = { projects: read.left.slice(0, 10).map((item) => item.name), count: read.left.length };
    }
    const catalog: Catalog = {
      customers: wants('customer') ? keep(await this.#clientItems(clients)) : [],
      projects: wants('project') ? keep(projectItems) : [],
      activities,
      ...(left ? { note: modelText(tasksLeftOutSentence(left)) } : {}),
    };
    return left ? { catalog, left } : { catalog };
  }

  /** Offered to a workspace admin or owner only (index.ts, catalog_write). */
  createCatalogItem(item: { kind: CatalogKind; name: string; customerId?: number; projectId?: number }): Promise<CatalogItem> {
    return new ClockifyCatalogWrites(this.context, this.endpoints, this).create(item);
  }

  setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<CatalogItem> {
    return new ClockifyCatalogWrites(this.context, this.endpoints, this).setArchived(kind, id, archived);
  }

  /** Forgets the lists read, after a write: the next reading sees it. */
  forget(): void {
    this.#projects.invalidate();
    this.#clients.invalidate();
    this.#tasks.clear();
  }

  /**
   * What a new or changed entry books on, checked: the project exists for the person and is not
   * archived, the task is one of its tasks and not done. Billable is the task's where it sets one,
   * else the project's (docs/back-ends/clockify.md: Clockify itself would default a new entry to not billable).
   */
  async booking(projectNumber: number | null, taskNumber: number | null): Promise<Booking> {
    if (projectNumber === null) {
      if (taskNumber !== null) throw new BackEndError('clockify_task_needs_project');
      return { projectId: null, taskId: null, billable: false };
    }
    const project = await this.#projectByNumber(projectNumber);
    if (project.archived) throw new BackEndError('clockify_project_archived', { project: project.name });
    if (taskNumber === null) return { projectId: project.id, taskId: null, billable: project.billable === true };
    const taskId = await this.context.remote('task', taskNumber, 'clockify_record_unknown', { record: 'activity', id: taskNumber, see: 'list_catalog' });
    const task = (await this.#projectTasks(project, taskId)).byId.get(taskId);
    if (!task) throw new BackEndError('clockify_task_not_in_project', { activity: taskNumber, project: project.name });
    if (isDone(task)) throw new BackEndError('clockify_task_done', { task: task.name, project: project.name });
    return { projectId: project.id, taskId: task.id, billable: typeof task.billable === 'boolean' ? task.billable : project.billable === true };
  }

  /**
   * The project and task of each entry as Punchcard names them: numbers from the id list, names from
   * the entry itself where Clockify sent them (hydrated), else from the catalog.
   */
  async refs(entries: readonly ClockifyTimeEntry[]): Promise<Array<{ project: Ref | null; task: Ref | null }>> {
    const projectIds = [...new Set(entries.map((entry) => entry.projectId).filter((id): id is string => !!id))];
    const taskIds = [...new Set(entries.map((entry) => entry.taskId).filter((id): id is string => !!id))];
    const [projectNumbers, taskNumbers] = await allSettled([this.context.numbers('project', projectIds), this.context.numbers('task', taskIds)]);
    const projectNumber = new Map(projectIds.map((id, index) => [id, projectNumbers[index] as number]));
    const taskNumber = new Map(taskIds.map((id, index) => [id, taskNumbers[index] as number]));
    const unnamed = entries.filter((entry) => (entry.projectId && !entry.project?.name) || (entry.taskId && !entry.task?.name));
    const projects = unnamed.length > 0 ? await this.#allProjects(unnamed.map((entry) => entry.projectId)) : undefined;
    const taskNames = new Map<string, string>();
    for (const entry of unnamed.filter((item) => item.taskId && !item.task?.name && item.projectId)) {
      const project = projects?.byId.get(entry.projectId as string);
      if (!project || taskNames.has(entry.taskId as string)) continue;
      const task = (await this.#projectTasks(project, entry.taskId as string)).byId.get(entry.taskId as string);
      if (task) taskNames.set(task.id, task.name);
    }
    return entries.map((entry) => ({
      project: entry.projectId
        ? {
            id: projectNumber.get(entry.projectId) as number,
            name: entry.project?.name || projects?.byId.get(entry.projectId)?.name || 'a project you cannot see',
          }
        : null,
      task: entry.taskId
        ? { id: taskNumber.get(entry.taskId) as number, name: entry.task?.name || taskNames.get(entry.taskId) || 'a task you cannot see' }
        : null,
    }));
  }

  /** The names of up to `count` projects open for booking, for a refusal to give as examples. */
  async projectExamples(count: number): Promise<string[]> {
    return (await this.#allProjects()).all
      .filter((project) => !project.archived)
      .slice(0, count)
      .map((project) => project.name);
  }

  async #projectByNumber(number: number): Promise<ClockifyProject> {
    const remote = await this.context.remote('project', number, 'clockify_record_unknown', { record: 'project', id: number, see: 'list_catalog' });
    const project = (await this.#allProjects([remote])).byId.get(remote);
    if (!project) {
      // Acting for a person, the projects listed are those open to them (acting.ts): another is not theirs to book.
      if (this.context.options.actingFor) throw new BackEndError('acting_for_booking_not_open', { back_end: 'Clockify', project: 'that project' });
      throw new BackEndError('clockify_project_not_visible', { project: number });
    }
    return project;
  }

  /** Every project the person sees, archived ones too; a list that lacks one of `needed` is read again once. */
  async #allProjects(needed: ReadonlyArray<string | null | undefined> = []): Promise<Indexed<ClockifyProject>> {
    const load = () =>
      this.#projects.get(async () => {
        const { workspaceId } = await this.context.ids();
        return indexed(await pagesUntilLast((page) => this.endpoints.projectsPage(workspaceId, page)));
      });
    const projects = await load();
    if (!needed.some((id) => id && !projects.byId.has(id))) return projects;
    this.#projects.invalidate();
    return load();
  }

  async #allClients(): Promise<ClockifyClient[]> {
    return this.#clients.get(async () => {
      const { workspaceId } = await this.context.ids();
      return pagesUntilLast((page) => this.endpoints.clientsPage(workspaceId, page));
    });
  }

  /** A project's tasks; a list that lacks `needed` is read again once (someone added it). */
  async #projectTasks(project: ClockifyProject, needed?: string): Promise<Indexed<ClockifyTask>> {
    const load = () =>
      this.#tasks.get(project.id, async () => {
        const { workspaceId } = await this.context.ids();
        return indexed(await pagesUntilLast((page) => this.endpoints.tasksPage(workspaceId, project.id, project.name, page)));
      });
    const tasks = await load();
    if (needed === undefined || tasks.byId.has(needed)) return tasks;
    this.#tasks.forget(project.id);
    return load();
  }

  async #projectItems(projects: readonly ClockifyProject[]): Promise<CatalogItem[]> {
    const clientIds = [...new Set(projects.map((project) => project.clientId).filter((id): id is string => !!id))];
    const [numbers, clientNumbers] = await allSettled([
      this.context.numbers(
        'project',
        projects.map((project) => project.id),
      ),
      this.context.numbers('client', clientIds),
    ]);
    const clientNumber = new Map(clientIds.map((id, index) => [id, clientNumbers[index] as number]));
    return projects.map((project, index) => ({
      kind: 'project',
      id: numbers[index] as number,
      remoteId: project.id,
      name: project.name,
      archived: project.archived === true,
      customer: project.clientId ? { id: clientNumber.get(project.clientId) as number, name: project.clientName || 'a client' } : null,
    }));
  }

  async #clientItems(clients: readonly ClockifyClient[]): Promise<CatalogItem[]> {
    const numbers = await this.context.numbers(
      'client',
      clients.map((client) => client.id),
    );
    return clients.map((client, index) => ({
      kind: 'customer',
      id: numbers[index] as number,
      remoteId: client.id,
      name: client.name,
      archived: client.archived === true,
    }));
  }

  /**
   * The tasks of the projects given, read project by project: a request a project. Where they cannot
   * all be read in this call (`partly`), those kept from before and as many more as its budget allows
   * (`left` names the rest); otherwise all of them, or a refusal before any is read.
   */
  async #taskItems(projects: readonly CatalogItem[], partly: boolean): Promise<{ items: CatalogItem[]; left: CatalogItem[] }> {
    const all = await this.#allProjects();
    const known = projects.map((item) => all.byId.get(item.remoteId as string)).filter((project): project is ClockifyProject => project !== undefined);
    const uncached = known.filter((project) => !this.#tasks.holds(project.id));
    // Each list is one request; a few are kept back for a list that runs to a second page.
    const room = partly ? Math.max(0, requestsLeft() - TASK_READ_RESERVE) : uncached.length;
    const unread = new Set(uncached.slice(room).map((project) => project.id));
    const wanted = known.filter((project) => !unread.has(project.id));
    ensureRequests(uncached.length - unread.size, this.context.pager.service);
    const left = projects.filter((item) => unread.has(item.remoteId as string));
    const lists = await mapWithLimit(wanted, this.context.pager.maxParallel, (project) => this.#projectTasks(project));
    const numbers = await this.context.numbers(
      'task',
      lists.flatMap((list) => list.all.map((task) => task.id)),
    );
    const byRemote = new Map(projects.map((item) => [item.remoteId, item]));
    let next = 0;
    const items = lists.flatMap((list, listIndex) => {
      const project = byRemote.get(wanted[listIndex]?.id) as CatalogItem;
      return list.all.map((task) => ({
        kind: 'activity' as const,
        id: numbers[next++] as number,
        remoteId: task.id,
        name: task.name,
        archived: isDone(task),
        project: { id: project.id, name: project.name },
      }));
    });
    return { items, left };
  }
}

/** A done task is Clockify's archived one. */
function isDone(task: ClockifyTask): boolean {
  return (task.status ?? 'ACTIVE').toUpperCase() === 'DONE';
}

function indexed<T extends { id: string }>(all: T[]): Indexed<T> {
  return { all, byId: new Map(all.map((item) => [item.id, item])) };
}
