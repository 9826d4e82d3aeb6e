// What the catalog sends beyond the person's assignments, which the root's context reads (docs/back-ends/harvest.md,
// "The catalog as a role shows it"): where their role keeps more of the account's catalog, its lists (clients, projects, every project's task assignments, tasks) and what makes an item: a client, a project
// with Harvest's five required fields, a task and its assignment to a project. Archiving is the root's change of an
// item (is_active false), never a deletion: deleting a project deletes its time entries.
import type { HarvestClient } from '../api.ts';
import type { HarvestClient as HarvestCustomer, HarvestProject, HarvestTask, HarvestTaskAssignment } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** What an account-wide list is narrowed to: the active items, or every one. */
export type ActiveFilter = { is_active?: boolean };

export function catalogEndpoints(client: HarvestClient) {
  const { call, list } = client;
  const { updateClient, updateProject, updateTask } = client.api;
  return {
    updateClient,
    updateProject,
    updateTask,
    clients: (filter: ActiveFilter) => list<HarvestCustomer>('/v2/clients', 'clients', { ...filter }, 'list the clients'),
    projects: (filter: ActiveFilter) => list<HarvestProject>('/v2/projects', 'projects', { ...filter }, 'list the projects'),
    /** Every project's task assignments in one list: which tasks each project takes. */
    taskAssignments: (filter: ActiveFilter) =>
      list<HarvestTaskAssignment>('/v2/task_assignments', 'task_assignments', { ...filter }, "list the projects' tasks"),
    tasks: (filter: ActiveFilter) => list<HarvestTask>('/v2/tasks', 'tasks', { ...filter }, 'list the tasks'),
    createClient: (name: string) => call<HarvestCustomer>('POST', '/v2/clients', { action: `create the client ${quotedLine(name)}` }, { body: { name } }),
    /** Harvest requires five fields: the client, the name, whether it is billable, how it bills and how it is budgeted. */
    createProject: (clientId: number, name: string) =>
      call<HarvestProject>(
        'POST',
        '/v2/projects',
        { action: `create the project ${quotedLine(name)}` },
        { body: { client_id: clientId, name, is_billable: true, bill_by: 'People', budget_by: 'none' } },
      ),
    createTask: (name: string) => call<HarvestTask>('POST', '/v2/tasks', { action: `create the task ${quotedLine(name)}` }, { body: { name } }),
    assignTask: (projectId: number, taskId: number, name: string) =>
      call<HarvestTaskAssignment>(
        'POST',
        `/v2/projects/${projectId}/task_assignments`,
        { action: `add the task ${quotedLine(name)} to project #${projectId}` },
        { body: { task_id: taskId } },
      ),
  };
}

export type CatalogEndpoints = ReturnType<typeof catalogEndpoints>;
