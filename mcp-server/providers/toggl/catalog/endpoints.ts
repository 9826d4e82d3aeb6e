// What the catalog sends to Toggl Track (docs/back-ends/toggl.md, "The catalog"): a page of the workspace's projects,
// a page of its tasks, and its clients, each on the organisation's quota; and a workspace admin's writes
// ("Administration"): a client, project or task added, and archived or restored: a project and a task as `active`, a
// client by Toggl's own archive and restore (a Premium plan's). Nothing is ever deleted.
import { catalogItemMissing as missing, type TogglApiClient, workspaceRequest, ws } from '../api.ts';
import type { TogglClient, TogglProject, TogglTask, TogglTaskPage } from '../wire.ts';

/** The largest page Toggl serves of projects ("Cannot exceed 200") and of tasks. */
export const PAGE_SIZE = 200;

export function catalogEndpoints(client: TogglApiClient) {
  const { call } = client;
  const { updateProject, updateTask } = client.api;
  return {
    updateProject,
    updateTask,
    /** `active`: 'true' for the projects open for booking, 'both' with the archived ones too. */
    projectsPage: (workspaceId: number, active: 'true' | 'both', page: number) =>
      call<TogglProject[] | null>('GET', `${ws(workspaceId)}/projects`, workspaceRequest('list the projects'), {
        query: { active, page, per_page: PAGE_SIZE },
      }),
    tasksPage: (workspaceId: number, active: 'true' | 'both', page: number) =>
      call<TogglTaskPage | null>('GET', `${ws(workspaceId)}/tasks`, workspaceRequest('list the tasks'), { query: { active, page, per_page: PAGE_SIZE } }),
    clients: (workspaceId: number) =>
      call<TogglClient[] | null>('GET', `${ws(workspaceId)}/clients`, workspaceRequest('list the clients'), { query: { status: 'both' } }),
    createClient: (workspaceId: number, body: { name: string }, action: string) =>
      call<TogglClient>('POST', `${ws(workspaceId)}/clients`, workspaceRequest(action), { body }),
    /** A project open to the whole workspace: Toggl's API has made projects private by default (its v8 documents, a CLI's users). */
    createProject: (workspaceId: number, body: { name: string; active: true; is_private: false; client_id?: number }, action: string) =>
      call<TogglProject>('POST', `${ws(workspaceId)}/projects`, workspaceRequest(action), { body }),
    createTask: (workspaceId: number, projectId: number, body: { name: string }, action: string) =>
      call<TogglTask>('POST', `${ws(workspaceId)}/projects/${projectId}/tasks`, workspaceRequest(action, missing('project', projectId)), { body }),
    /** Archives a client and its projects ("Only for premium workspaces"); answers the projects' ids. */
    archiveClient: (workspaceId: number, clientId: number, action: string) =>
      call<number[] | null>('POST', `${ws(workspaceId)}/clients/${clientId}/archive`, workspaceRequest(action, missing('customer', clientId))),
    /** Restores a client alone: its projects stay as they are (each restored by itself). */
    restoreClient: (workspaceId: number, clientId: number, action: string) =>
      call<TogglClient | null>('POST', `${ws(workspaceId)}/clients/${clientId}/restore`, workspaceRequest(action, missing('customer', clientId)), {
        body: { restore_all_projects: false },
      }),
  };
}

export type CatalogEndpoints = ReturnType<typeof catalogEndpoints>;
