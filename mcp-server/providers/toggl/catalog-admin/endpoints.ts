// What a change of the catalog sends (docs/back-ends/toggl.md, "Administration"): a project, a task (through its
// project) or a client changed with only the fields that differ (the root's PUTs, which the catalog's writes send too).
import type { TogglApiClient } from '../api.ts';

export function catalogAdminEndpoints(client: TogglApiClient) {
  const { updateClient, updateProject, updateTask } = client.api;
  return { updateClient, updateProject, updateTask };
}

export type CatalogAdminEndpoints = ReturnType<typeof catalogAdminEndpoints>;
