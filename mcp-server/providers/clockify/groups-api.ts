// Clockify's endpoints for the user groups as manage_teams administers them (docs/back-ends/clockify.md,
// "Administration"): a group made (createUserGroup), renamed (updateUserGroup) and deleted
// (deleteUserGroup); a member added (addUser) and removed (deleteUser), one person a request; the
// team-manager role over a group taken away (deleteUserRole; createUserRole, which gives it, is in
// people-api.ts); the projects a group is on (getProjects' `userGroups` filter); and a group added to
// or removed from a project (addUsersToProject with `remove`), which leaves every other membership and
// its rates as they are. One method per endpoint over the API module's request functions (api.ts).
import type { AdminRequests } from './admin-api.ts';
import type { ClockifyUserGroup } from './people-api.ts';
import { type RefusalFor, remoteRefusal } from '../remote/remote-error.ts';
import type { RequestPurpose } from './errors.ts';
import type { ClockifyProject } from './wire.ts';

/** Projects per page asked for when listing a group's: 200 reads most groups' in one request. */
export const GROUP_PROJECTS_PAGE = 200;

export function clockifyGroupEndpoints({ call, listPage }: AdminRequests) {
  const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;
  const id = encodeURIComponent;
  const admin = (action: string, notFound?: RefusalFor<'not_found'>): RequestPurpose => ({ action, area: 'account', ...(notFound ? { notFound } : {}) });
  const gone = (name: string) => remoteRefusal('clockify_item_gone', { item: 'user group', name, deleted: 'by_someone' });
  return {
    create: (workspaceId: string, name: string) =>
      call<ClockifyUserGroup>('POST', `${ws(workspaceId)}/user-groups`, admin(`create the user group "${name}"`), { body: { name } }),
    rename: (workspaceId: string, groupId: string, from: string, name: string) =>
      call<ClockifyUserGroup>('PUT', `${ws(workspaceId)}/user-groups/${id(groupId)}`, admin(`rename the user group "${from}"`, gone(from)), {
        body: { name },
      }),
    delete: (workspaceId: string, groupId: string, name: string) =>
      call<ClockifyUserGroup>('DELETE', `${ws(workspaceId)}/user-groups/${id(groupId)}`, admin(`delete the user group "${name}"`, gone(name))),
    addUser: (workspaceId: string, groupId: string, group: string, userId: string, person: string) =>
      call<ClockifyUserGroup>(
        'POST',
        `${ws(workspaceId)}/user-groups/${id(groupId)}/users`,
        admin(`add ${person} to the user group "${group}"`, remoteRefusal('clockify_group_part_gone', { group, other: person, change: 'add' })),
        { body: { userId } },
      ),
    removeUser: (workspaceId: string, groupId: string, group: string, userId: string, person: string) =>
      call<ClockifyUserGroup>(
        'DELETE',
        `${ws(workspaceId)}/user-groups/${id(groupId)}/users/${id(userId)}`,
        admin(`remove ${person} from the user group "${group}"`, remoteRefusal('clockify_group_part_gone', { group, other: person, change: 'remove' })),
      ),
    /** Takes a person's team-manager role over one group away (deleteUserRole, RoleRequestV1 in the body). */
    removeLead: (workspaceId: string, userId: string, person: string, groupId: string, group: string) =>
      call<unknown>(
        'DELETE',
        `${ws(workspaceId)}/users/${id(userId)}/roles`,
        admin(
          `take ${person}'s team-manager role over "${group}" away`,
          remoteRefusal('clockify_group_part_gone', { group, other: person, change: 'manager' }),
        ),
        { body: { role: 'TEAM_MANAGER', entityId: groupId, sourceType: 'USER_GROUP' } },
      ),
    /** A page of the projects the group is on, archived ones too (getProjects' `userGroups` with `contains-group`). */
    projectsPage: (workspaceId: string, groupId: string, group: string, page: number) =>
      listPage<ClockifyProject>(
        `${ws(workspaceId)}/projects`,
        admin(`list the projects of the user group "${group}"`),
        { userGroups: groupId, 'contains-group': true, 'sort-column': 'NAME', 'sort-order': 'ASCENDING' },
        page,
        GROUP_PROJECTS_PAGE,
      ),
    /** Adds a group to a project or removes it (addUsersToProject): nobody else's membership, nor any rate, is sent. */
    projectAccess: (workspaceId: string, projectId: string, project: string, groupId: string, group: string, remove: boolean) =>
      call<ClockifyProject>(
        'POST',
        `${ws(workspaceId)}/projects/${id(projectId)}/memberships`,
        admin(
          `${remove ? 'remove' : 'add'} the user group "${group}" ${remove ? 'from' : 'to'} the project "${project}"`,
          remoteRefusal('clockify_group_part_gone', { group, other: project, change: 'project' }),
        ),
        { body: { userIds: [], userGroups: { contains: 'CONTAINS', ids: [groupId], status: 'ALL' }, remove } },
      ),
  };
}

export type ClockifyGroupApi = ReturnType<typeof clockifyGroupEndpoints>;
