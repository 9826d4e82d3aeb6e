// Harvest's catalog as far as the person may book on it: their active project assignments (archived projects are not
// among them), each project's client as its customer, and each project's active task assignments as its activities
// (a Harvest task is the account's, and an assignment decides whether it may be booked on that project). Read-only:
// Harvest's administrators and managers set projects up. The assignments are kept a few minutes, and decide what a
// write may book on, refused in words before anything is sent.
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { Expiring } from '../../remote/cache.ts';
import { BackEndError, type Catalog, type CatalogItem, type CatalogKind } from '../../time-tracker.ts';
import { type Booking, type HarvestContext, IDENTITY_TTL_MS, type HarvestGrid } from '../context.ts';
import type { HarvestProjectAssignment } from '../wire.ts';
import { catalogEndpoints, type CatalogEndpoints } from './endpoints.ts';

/** How many names a refusal offers. */
const EXAMPLES = 6;

export class HarvestCatalog extends CellPart<HarvestContext, CatalogEndpoints> {
  readonly activitiesBelongToProjects = true;
  readonly entriesNeedActivity = true;
  readonly #assignments = new Expiring<HarvestProjectAssignment[]>(IDENTITY_TTL_MS);

  assignments(): Promise<HarvestProjectAssignment[]> {
    return this.#assignments.get(async () =>
      (await this.endpoints.assignments()).filter(
        (assignment) => assignment?.project && typeof assignment.project.id === 'number' && assignment.is_active !== false,
      ),
    );
  }

  changed(): void {
    this.#assignments.invalidate();
  }

  async catalog(_includeArchived: boolean, kinds?: readonly CatalogKind[], projectId?: number): Promise<Catalog> {
    const assignments = await this.assignments();
    const wants = (kind: CatalogKind) => !kinds || kinds.includes(kind);
    const customers = new Map<number, CatalogItem>();
    const projects: CatalogItem[] = [];
    const activities: CatalogItem[] = [];
    for (const { project, client, task_assignments } of assignments) {
      if (!project) continue;
      const customer = client ? { id: client.id, name: client.name } : null;
      if (client && !customers.has(client.id)) customers.set(client.id, { kind: 'customer', id: client.id, name: client.name, archived: false });
      projects.push({ kind: 'project', id: project.id, name: project.name, archived: false, customer });
      if (projectId !== undefined && projectId !== project.id) continue;
      for (const task of task_assignments ?? []) {
        if (!task.task || task.is_active === false) continue;
        activities.push({ kind: 'activity', id: task.task.id, name: task.task.name, archived: false, project: { id: project.id, name: project.name } });
      }
    }
    return {
      customers: wants('customer') ? [...customers.values()] : [],
      projects: wants('project') ? projects : [],
      activities: wants('activity') ? activities : [],
    };
  }

  async booking(projectId: number | null, taskId: number | null): Promise<Booking> {
    const assignments = await this.assignments();
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

  async createCatalogItem(): Promise<CatalogItem> {
    throw new BackEndError('part_missing', { part: 'admin_catalog', back_end: 'Harvest' });
  }

  async setArchived(): Promise<CatalogItem> {
    throw new BackEndError('part_missing', { part: 'admin_catalog', back_end: 'Harvest' });
  }
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<HarvestGrid, CatalogEndpoints>({
  endpoints: catalogEndpoints,
  parts: (context, endpoints) => ({ catalog: new HarvestCatalog(context, endpoints, {}) }),
});
