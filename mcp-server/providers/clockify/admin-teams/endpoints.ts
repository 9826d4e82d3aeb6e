// What the administration of user groups sends to Clockify (docs/back-ends/clockify.md, "Administration"): a group
// made (createUserGroup), renamed (updateUserGroup) and deleted (deleteUserGroup); a member added (addUser) and
// removed (deleteUser), one person a request; the team-manager role over a group taken away (deleteUserRole); and a
// group added to or removed from a project (addUsersToProject with `remove`), which leaves every other membership and
// its rates as they are. The people, the groups, the projects a group is on and a role given (createUserRole) come
// from the root's api.ts. Nothing here decides which requests a call makes.
import { account, type ClockifyApiClient, id, ws } from '../api.ts';
import { remoteRefusal } from '../../remote/remote-error.ts';
import type { ClockifyProject, ClockifyUserGroup } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

export function adminTeamsEndpoints(client: ClockifyApiClient) {
  const { call } = client;
  const { peoplePage, groupsPage, groupProjectsPage, giveRole } = client.api;
  const gone = (name: string) => remoteRefusal('clockify_item_gone', { item: 'user group', name, deleted: 'by_someone' });
  return {
    peoplePage,
    groupsPage,
    groupProjectsPage,
    giveRole,
    createGroup: (workspaceId: string, name: string) =>
      call<ClockifyUserGroup>('POST', `${ws(workspaceId)}/user-groups`, account(`create the user group ${quotedLine(name)}`), { body: { name } }),
    renameGroup: (workspaceId: string, groupId: string, from: string, name: string) =>
      call<ClockifyUserGroup>('PUT', `${ws(workspaceId)}/user-groups/${id(groupId)}`, account(`rename the user group ${quotedLine(from)}`, gone(from)), {
        body: { name },
      }),
    deleteGroup: (workspaceId: string, groupId: string, name: string) =>
      call<ClockifyUserGroup>('DELETE', `${ws(workspaceId)}/user-groups/${id(groupId)}`, account(`delete the user group ${quotedLine(name)}`, gone(name))),
    addToGroup: (workspaceId: string, groupId: string, group: string, userId: string, person: string) =>
      call<ClockifyUserGroup>(
        'POST',
        `${ws(workspaceId)}/user-groups/${id(groupId)}/users`,
        account(`add ${person} to the user group ${quotedLine(group)}`, remoteRefusal('clockify_group_part_gone', { group, other: person, change: 'add' })),
        { body: { userId } },
      ),
    removeFromGroup: (workspaceId: string, groupId: string, group: string, userId: string, person: string) =>
      call<ClockifyUserGroup>(
        'DELETE',
        `${ws(workspaceId)}/user-groups/${id(groupId)}/users/${id(userId)}`,
        account(
          `remove ${person} from the user group ${quotedLine(group)}`,
          remoteRefusal('clockify_group_part_gone', { group, other: person, change: 'remove' }),
        ),
      ),
    /** Takes a person's team-manager role over one group away (deleteUserRole, RoleRequestV1 in the body). */
    removeLead: (workspaceId: string, userId: string, person: string, groupId: string, group: string) =>
      call<unknown>(
        'DELETE',
        `${ws(workspaceId)}/users/${id(userId)}/roles`,
        account(
          `take ${person}'s team-manager role over ${quotedLine(group)} away`,
          remoteRefusal('clockify_group_part_gone', { group, other: person, change: 'manager' }),
        ),
        { body: { role: 'TEAM_MANAGER', entityId: groupId, sourceType: 'USER_GROUP' } },
      ),
    /** Adds a group to a project or removes it (addUsersToProject): nobody else's membership, nor any rate, is sent. */
    projectAccess: (workspaceId: string, projectId: string, project: string, groupId: string, group: string, remove: boolean) =>
      call<ClockifyProject>(
        'POST',
        `${ws(workspaceId)}/projects/${id(projectId)}/memberships`,
        account(
          `${remove ? 'remove' : 'add'} the user group ${quotedLine(group)} ${remove ? 'from' : 'to'} the project ${quotedLine(project)}`,
          remoteRefusal('clockify_group_part_gone', { group, other: project, change: 'project' }),
        ),
        { body: { userIds: [], userGroups: { contains: 'CONTAINS', ids: [groupId], status: 'ALL' }, remove } },
      ),
  };
}

export type AdminTeamsEndpoints = ReturnType<typeof adminTeamsEndpoints>;
