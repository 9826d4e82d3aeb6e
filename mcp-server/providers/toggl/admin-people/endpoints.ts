// What the people's administration sends (docs/back-ends/toggl.md, "Administration"): the workspace's people (the
// context's workspace users) and one workspace user changed by its own id (not the user's), with only what changes:
// a role, or `inactive` (Punchcard removes nobody: no DELETE); the workspace's groups (the teams); and an invitation,
// the organization's.
import { type TogglApiClient, workspaceRequest, ws } from '../api.ts';
import type { TogglGroup, TogglInvitation, TogglWorkspaceUser } from '../wire.ts';

export function adminPeopleEndpoints(client: TogglApiClient) {
  const { call } = client;
  return {
    workspaceUsers: client.api.workspaceUsers,
    /** The workspace's user groups, which name the teams its people's `group_ids` point to. */
    groups: (workspaceId: number) => call<TogglGroup[] | null>('GET', `${ws(workspaceId)}/groups`, workspaceRequest("list the workspace's groups")),
    updateWorkspaceUser: (workspaceId: number, workspaceUserId: number, body: { role?: string; inactive?: boolean }, action: string) =>
      call<TogglWorkspaceUser>('PUT', `${ws(workspaceId)}/workspace_users/${workspaceUserId}`, workspaceRequest(action), { body }),
    /** An invitation of the organization (an organization admin's), into the workspaces named, each with its role. */
    invite: (organizationId: number, body: { emails: string[]; workspaces: Array<{ workspace_id: number; role: string }> }, action: string) =>
      call<{ data?: TogglInvitation[] | null } | null>('POST', `/organizations/${organizationId}/invitations`, workspaceRequest(action), { body }),
  };
}

export type AdminPeopleEndpoints = ReturnType<typeof adminPeopleEndpoints>;
