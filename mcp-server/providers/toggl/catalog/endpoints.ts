// What the catalog sends to Toggl Track (docs/back-ends/toggl.md, "The catalog"): a page of the workspace's projects,
// a page of its tasks, and its clients, each on the organisation's quota.
import { type TogglApiClient, workspaceRequest, ws } from '../api.ts';
import type { TogglClient, TogglProject, TogglTaskPage } from '../wire.ts';

/** The largest page Toggl serves of projects ("Cannot exceed 200") and of tasks. */
export const PAGE_SIZE = 200;

export function catalogEndpoints(client: TogglApiClient) {
  const { call } = client;
  return {
    /** `active`: 'true' for the projects open for booking, 'both' with the archived ones too. */
    projectsPage: (workspaceId: number, active: 'true' | 'both', page: number) =>
      call<TogglProject[] | null>('GET', `${ws(workspaceId)}/projects`, workspaceRequest('list the projects'), {
        query: { active, page, per_page: PAGE_SIZE },
      }),
    tasksPage: (workspaceId: number, active: 'true' | 'both', page: number) =>
      call<TogglTaskPage | null>('GET', `${ws(workspaceId)}/tasks`, workspaceRequest('list the tasks'), { query: { active, page, per_page: PAGE_SIZE } }),
    clients: (workspaceId: number) =>
      call<TogglClient[] | null>('GET', `${ws(workspaceId)}/clients`, workspaceRequest('list the clients'), { query: { status: 'both' } }),
  };
}

export type CatalogEndpoints = ReturnType<typeof catalogEndpoints>;
