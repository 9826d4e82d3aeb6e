// What the people's administration sends (docs/back-ends/toggl.md, "Administration"): the workspace's people (the
// context's workspace users) and one workspace user changed by its own id (not the user's), with only what changes:
// a role, or `inactive` (Punchcard removes nobody: no DELETE).
import { type TogglApiClient, workspaceRequest, ws } from '../api.ts';
import type { TogglWorkspaceUser } from '../wire.ts';

export function adminPeopleEndpoints(client: TogglApiClient) {
  const { call } = client;
  return {
    workspaceUsers: client.api.workspaceUsers,
    updateWorkspaceUser: (workspaceId: number, workspaceUserId: number, body: { role?: string; inactive?: boolean }, action: string) =>
      call<TogglWorkspaceUser>('PUT', `${ws(workspaceId)}/workspace_users/${workspaceUserId}`, workspaceRequest(action), { body }),
  };
}

export type AdminPeopleEndpoints = ReturnType<typeof adminPeopleEndpoints>;
