// Harvest's catalog as the person's role shows it (docs/back-ends/harvest.md, "The catalog as a role shows it"). For
// everyone, their active project assignments (archived projects are not among them): each project's client as its
// customer, each project's active task assignments as its activities (a Harvest task is the account's, and an
// assignment decides whether it may be booked on that project). An administrator's catalog is the account's own
// lists: every client, project and project's task, and the tasks on no project (shown without one); a manager with
// client_and_task_manager sees every client and task. The assignments alone decide what a write may book on, refused in
// words before anything is sent. Writes follow the role, checked before anything is sent: clients and tasks an
// administrator's or a client-and-task manager's, projects a project creator's (with the client Harvest requires),
// archiving a project an administrator's; archiving is is_active false, never a deletion (a deleted project takes its
// time entries with it).
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { ExpiringByKey } from '../../remote/cache.ts';
import { BackEndError, type Catalog, type CatalogItem, type CatalogKind } from '../../time-tracker.ts';
import { type Booking, type HarvestContext, IDENTITY_TTL_MS, type HarvestGrid } from '../context.ts';
import { createsProjects, type HarvestRights, keepsClientsAndTasks } from '../rights.ts';
import type { HarvestClient as HarvestCustomer, HarvestProject, HarvestTask, HarvestTaskAssignment } from '../wire.ts';
import { catalogEndpoints, type CatalogEndpoints } from './endpoints.ts';

/** How many names a refusal offers. */
const EXAMPLES = 6;

type Lists = { clients: HarvestCustomer[]; projects: HarvestProject[]; taskAssignments: HarvestTaskAssignment[]; tasks: HarvestTask[] };

const ref = (item: { id: number; name: string }) => ({ id: item.id, name: item.name });

export class HarvestCatalog extends CellPart<HarvestContext, CatalogEndpoints> {
  readonly activitiesBelongToProjects = true;
  readonly entriesNeedActivity = true;
  /** The account's lists, each read where the role sees it and a call needs it, kept a few minutes. */
  readonly #lists = new ExpiringByKey<keyof Lists, Lists[keyof Lists]>(IDENTITY_TTL_MS);

  changed(): void {
    this.context.forgetAssignments();
    this.#lists.clear();
  }

  async catalog(includeArchived: boolean, kinds?: readonly CatalogKind[], projectId?: number): Promise<Catalog> {
    const wants = (kind: CatalogKind) => !kinds || kinds.includes(kind);
    const rights = await this.context.rights();
    const admin = rights.access === 'administrator';
    const keeps = keepsClientsAndTasks(rights);
    const own = this.#ownCatalog(await this.context.assignments(), projectId);
    const active = (archived: boolean) => includeArchived || !archived;
    let { customers, projects, activities } = own;
    if (keeps && wants('customer')) {
      customers = (await this.#list('clients')).map((client) => ({ kind: 'customer' as const, ...ref(client), archived: client.is_active === false }));
    }
    if (admin && wants('project')) {
      projects = (await this.#list('projects')).map((project) => ({
        kind: 'project' as const,
        ...ref(project),
        archived: project.is_active === false,
        customer: project.client ? ref(project.client) : null,
      }));
    }
    if (keeps && wants('activity')) {
      const onProjects = admin
        ? (await this.#list('taskAssignments'))
            .filter((assignment) => assignment.task && assignment.project && (projectId === undefined || assignment.project.id === projectId))
            .map((assignment) => ({
              kind: 'activity' as const,
              ...ref(assignment.task as { id: number; name: string }),
              archived: assignment.is_active === false,
              project: ref(assignment.project as { id: number; name: string }),
            }))
        : activities;
      // A task on none of the projects shown is still the account's: listed without a project, to change or archive.
      const shown = new Set(onProjects.map((activity) => activity.id));
      const loose = (await this.#list('tasks'))
        .filter((task) => !shown.has(task.id))
        .map((task) => ({ kind: 'activity' as const, ...ref(task), archived: task.is_active === false, project: null }));
      activities = [...onProjects, ...loose];
    }
    return {
      customers: wants('customer') ? customers.filter((item) => active(item.archived)) : [],
      projects: wants('project') ? projects.filter((item) => active(item.archived)) : [],
      activities: wants('activity') ? activities.filter((item) => active(item.archived)) : [],
    };
  }

  async booking(projectId: number | null, taskId: number | null): Promise<Booking> {
    const assignments = await this.context.assignments();
    const projectNames = () => assignments.flatMap((assignment) => (assignment.project ? [assignment.project.name] : [])).slice(0, EXAMPLES);
    if (projectId === null) throw new BackEndError('harvest_booking_needed', { what: 'project', project: null, examples: projectNames() });
    const assignment = assignments.find((candidate) => candidate.project?.id === projectId);
    if (!assignment?.project) throw new BackEndError('harvest_project_not_assigned', { project: projectId, examples: projectNames() });
    const tasks = assignment.task_assignments ?? [];
    const open = tasks.filter((task) => task.task && task.is_active !== false);
    const openNames = open.map((task) => task.task?.name ?? '').slice(0, EXAMPLES);
    if (taskId === null) {
      if (open.length === 1 && open[0]?.task) return { projectId, taskId: open[0].task.id };
      throw new BackEndError('harvest_booking_needed', { what: 'task', project: assignment.project.name, examples: openNames });
    }
    const task = tasks.find((candidate) => candidate.task?.id === taskId);
    if (!task || task.is_active === false) {
      throw new BackEndError('harvest_task_not_open', { project: assignment.project.name, task: taskId, inactive: task !== undefined, examples: openNames });
    }
    return { projectId, taskId };
  }

  async createCatalogItem(item: { kind: CatalogKind; name: string; customerId?: number; projectId?: number }): Promise<CatalogItem> {
    const rights = await this.context.rights();
    const name = item.name.trim();
    if (item.kind === 'customer') {
      this.#allows(rights, keepsClientsAndTasks(rights), 'create a client', 'an administrator, or a manager with client_and_task_manager');
      const made = await this.#write('create a client', () => this.endpoints.createClient(name));
      return { kind: 'customer', ...ref(made), archived: false };
    }
    if (item.kind === 'project') {
      this.#allows(rights, createsProjects(rights), 'create a project', 'an administrator, or a manager with project_creator');
      // Harvest keeps no project without a client: said before anything is sent.
      if (item.customerId === undefined) throw new BackEndError('harvest_project_needs_customer', { name });
      const customerId = item.customerId;
      const made = await this.#write('create a project', () => this.endpoints.createProject(customerId, name));
      return { kind: 'project', ...ref(made), archived: false, customer: made.client ? ref(made.client) : null };
    }
    this.#allows(rights, keepsClientsAndTasks(rights), 'create a task', 'an administrator, or a manager with client_and_task_manager');
    const parent = item.projectId;
    if (parent !== undefined && rights.access !== 'administrator' && !(await this.context.managedProjects()).has(parent)) {
      throw this.context.lacks(rights, 'create_catalog_item', `add a task to project #${parent}`, 'an administrator, or the manager of that project');
    }
    // A task of that name is the account's already: it is assigned where a project is named, not made twice.
    const existing = (await this.#list('tasks')).find((task) => task.name.toLowerCase() === name.toLowerCase());
    const task = existing ?? (await this.#write('create a task', () => this.endpoints.createTask(name)));
    if (parent === undefined) return { kind: 'activity', ...ref(task), archived: task.is_active === false, project: null };
    const assigned = await this.#write('add a task to a project', () => this.endpoints.assignTask(parent, task.id, task.name));
    return { kind: 'activity', ...ref(task), archived: false, project: assigned.project ? ref(assigned.project) : { id: parent, name: `#${parent}` } };
  }

  async setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<CatalogItem> {
    const rights = await this.context.rights();
    const verb = archived ? 'archive' : 'restore';
    const body = { is_active: !archived };
    if (kind === 'project') {
      this.#allows(rights, rights.access === 'administrator', `${verb} a project`, 'an administrator');
      const project = await this.#write(`${verb} a project`, () => this.endpoints.updateProject(id, body, `${verb} project #${id}`));
      return { kind, ...ref(project), archived: project.is_active === false, customer: project.client ? ref(project.client) : null };
    }
    const what = kind === 'customer' ? 'a client' : 'a task';
    this.#allows(rights, keepsClientsAndTasks(rights), `${verb} ${what}`, 'an administrator, or a manager with client_and_task_manager');
    const done =
      kind === 'customer'
        ? await this.#write(`${verb} a client`, () => this.endpoints.updateClient(id, body, `${verb} client #${id}`))
        : await this.#write(`${verb} a task`, () => this.endpoints.updateTask(id, body, `${verb} task #${id}`));
    return { kind, ...ref(done), archived: done.is_active === false, ...(kind === 'activity' ? { project: null } : {}) };
  }

  /** The catalog of the person's assignments: their projects' clients, the projects, each project's active tasks. */
  #ownCatalog(assignments: Awaited<ReturnType<HarvestContext['assignments']>>, projectId: number | undefined): Catalog {
    const customers = new Map<number, CatalogItem>();
    const projects: CatalogItem[] = [];
    const activities: CatalogItem[] = [];
    for (const { project, client, task_assignments } of assignments) {
      if (!project) continue;
      const customer = client ? ref(client) : null;
      if (client && !customers.has(client.id)) customers.set(client.id, { kind: 'customer', ...ref(client), archived: false });
      projects.push({ kind: 'project', ...ref(project), archived: false, customer });
      if (projectId !== undefined && projectId !== project.id) continue;
      for (const task of task_assignments ?? []) {
        if (!task.task || task.is_active === false) continue;
        activities.push({ kind: 'activity', ...ref(task.task), archived: false, project: ref(project) });
      }
    }
    return { customers: [...customers.values()], projects, activities };
  }

  /** One of the account's lists, every item (archived ones too: one request serves both listings). */
  #list<K extends keyof Lists>(name: K): Promise<Lists[K]> {
    const read: Record<keyof Lists, () => Promise<Lists[keyof Lists]>> = {
      clients: () => this.endpoints.clients({}),
      projects: () => this.endpoints.projects({}),
      taskAssignments: () => this.endpoints.taskAssignments({}),
      tasks: () => this.endpoints.tasks({}),
    };
    return this.#lists.get(name, read[name]) as Promise<Lists[K]>;
  }

  /** The role allows the write, or it is refused in words before anything is sent. */
  #allows(rights: HarvestRights, allowed: boolean, action: string, needs: string): void {
    if (!allowed) throw this.context.lacks(rights, 'create_catalog_item or archive_catalog_item', action, needs);
  }

  /** A catalog write: Harvest's 403 withdraws the catalog's writes; after it, the lists are read afresh. */
  async #write<T>(action: string, send: () => Promise<T>): Promise<T> {
    try {
      return await this.context.administering(
        { capability: 'catalog_write', tool: 'create_catalog_item and archive_catalog_item', needs: 'a role that keeps the catalog' },
        action,
        send,
      );
    } finally {
      this.changed();
    }
  }
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<HarvestGrid, CatalogEndpoints>({
  endpoints: catalogEndpoints,
  parts: (context, endpoints) => ({ catalog: new HarvestCatalog(context, endpoints, {}) }),
});
