// The fake Clockify's endpoints for changing user groups (fake-clockify.ts registers them; the groups
// are listed by getUserGroups in fake-clockify-people.ts), as Clockify's OpenAPI describes them
// (group.yml, user.yml, project.yml): createUserGroup answers 201 with the group, updateUserGroup,
// deleteUserGroup, addUser and deleteUser 200 with it (UserGroupDtoV1); deleteUserRole takes a
// manager role away (RoleRequestV1 in the body, 204); addUsersToProject adds users or user groups to a
// project's members, or removes them with `remove: true` (200 with the project), touching no other
// membership. getProjects' `userGroups` filter is in fake-clockify.ts. Errors are `{message, code}`.
//
// GUESS: every write here is a workspace admin's or the owner's alone (403 "Access Denied"
// otherwise), as the web app's Groups tab is. A blank name or a second group of the same name is a
// 400; an unknown group, project or user a 404; a user added twice, or removed from a group they are
// not in, a 400; a role taken away that the user does not hold a 400.
import { HttpAnswer } from '../../../support/fake-server.ts';
import type { Call, FakeClockifyState, FakeProject, FakeUser, FakeWorkspace } from './fake-clockify.ts';
import { newId } from './fake-clockify.ts';
import type { FakeUserGroup } from './fake-clockify-people.ts';

/** What the fake's routes share with these. */
export interface TeamRouteKit {
  route(method: string, path: string, handler: (call: Call) => unknown): void;
  state: FakeClockifyState;
  workspaceOf(call: Call): FakeWorkspace;
  isAdmin(user: FakeUser, workspaceId: string): boolean;
  refuse(status: number, message: string, code?: number): Error;
  projectJson(project: FakeProject): unknown;
}

export function registerTeamRoutes(kit: TeamRouteKit): void {
  const { route, state, refuse } = kit;
  const administered = (call: Call): FakeWorkspace => {
    const workspace = kit.workspaceOf(call);
    if (!kit.isAdmin(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    return workspace;
  };
  const groupOf = (workspace: FakeWorkspace, id: string | undefined): FakeUserGroup => {
    const group = state.userGroups.find((item) => item.id === id && item.workspaceId === workspace.id);
    if (!group) throw refuse(404, 'User group not found', 501);
    return group;
  };
  const memberOf = (workspace: FakeWorkspace, userId: unknown): FakeUser => {
    if (typeof userId !== 'string' || userId === '') throw refuse(400, 'userId: must not be blank');
    const user = state.users.find((item) => item.id === userId && item.workspaces.includes(workspace.id));
    if (!user) throw refuse(404, 'User not found', 501);
    return user;
  };
  const nameOf = (workspace: FakeWorkspace, body: Call['body'], except?: FakeUserGroup): string => {
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (name === '') throw refuse(400, 'name: must not be blank');
    if (name.length > 100) throw refuse(400, 'name: size must be between 0 and 100');
    if (state.userGroups.some((group) => group !== except && group.workspaceId === workspace.id && group.name.toLowerCase() === name.toLowerCase()))
      throw refuse(400, 'User group with that name already exists', 501);
    return name;
  };
  const groupJson = (group: FakeUserGroup) => ({
    id: group.id,
    name: group.name,
    workspaceId: group.workspaceId,
    userIds: [...group.userIds],
    teamManagers: group.managerIds.map((id) => ({ id, name: state.users.find((user) => user.id === id)?.name ?? '' })),
  });

  route('POST', '/workspaces/:workspaceId/user-groups', (call) => {
    const workspace = administered(call);
    const group: FakeUserGroup = { id: newId(0x67), workspaceId: workspace.id, name: nameOf(workspace, call.body), userIds: [], managerIds: [] };
    state.userGroups.push(group);
    return new HttpAnswer(201, groupJson(group));
  });

  route('PUT', '/workspaces/:workspaceId/user-groups/:id', (call) => {
    const workspace = administered(call);
    const group = groupOf(workspace, call.params.id);
    group.name = nameOf(workspace, call.body, group);
    return groupJson(group);
  });

  // The group goes from every project it was a member of, and its team managers manage it no more.
  route('DELETE', '/workspaces/:workspaceId/user-groups/:id', (call) => {
    const workspace = administered(call);
    const group = groupOf(workspace, call.params.id);
    state.userGroups.splice(state.userGroups.indexOf(group), 1);
    for (const project of state.projects) if (project.groupIds) project.groupIds = project.groupIds.filter((id) => id !== group.id);
    return groupJson(group);
  });

  route('POST', '/workspaces/:workspaceId/user-groups/:userGroupId/users', (call) => {
    const workspace = administered(call);
    const group = groupOf(workspace, call.params.userGroupId);
    const user = memberOf(workspace, call.body.userId);
    if (group.userIds.includes(user.id)) throw refuse(400, 'User is already in the user group', 501);
    group.userIds.push(user.id);
    return groupJson(group);
  });

  route('DELETE', '/workspaces/:workspaceId/user-groups/:userGroupId/users/:userId', (call) => {
    const workspace = administered(call);
    const group = groupOf(workspace, call.params.userGroupId);
    const user = memberOf(workspace, call.params.userId);
    if (!group.userIds.includes(user.id)) throw refuse(400, 'User is not in the user group', 501);
    group.userIds = group.userIds.filter((id) => id !== user.id);
    return groupJson(group);
  });

  // deleteUserRole (RoleRequestV1: role, entityId, sourceType): a team manager's role over a group, a member or a project.
  route('DELETE', '/workspaces/:workspaceId/users/:userId/roles', (call) => {
    const workspace = administered(call);
    const user = memberOf(workspace, call.params.userId);
    const { role, entityId, sourceType } = call.body;
    if (typeof entityId !== 'string' || entityId === '') throw refuse(400, 'entityId: must not be blank');
    if (role === 'TEAM_MANAGER' && sourceType === 'USER_GROUP') {
      const group = groupOf(workspace, entityId);
      if (!group.managerIds.includes(user.id)) throw refuse(400, 'User does not have that role', 501);
      group.managerIds = group.managerIds.filter((id) => id !== user.id);
    } else if (role === 'TEAM_MANAGER') {
      const before = state.teamManagers.length;
      state.teamManagers = state.teamManagers.filter(
        (item) => !(item.workspaceId === workspace.id && item.managerId === user.id && item.memberId === entityId),
      );
      if (state.teamManagers.length === before) throw refuse(400, 'User does not have that role', 501);
    } else if (role === 'PROJECT_MANAGER') {
      const before = state.projectManagers.length;
      state.projectManagers = state.projectManagers.filter(
        (item) => !(item.workspaceId === workspace.id && item.managerId === user.id && item.projectId === entityId),
      );
      if (state.projectManagers.length === before) throw refuse(400, 'User does not have that role', 501);
    } else {
      throw refuse(400, 'role: must be TEAM_MANAGER or PROJECT_MANAGER');
    }
    return new HttpAnswer(204, undefined);
  });

  // addUsersToProject (AddUsersToProjectRequestV1: userIds, userGroups {ids}, remove): only those named change.
  route('POST', '/workspaces/:workspaceId/projects/:projectId/memberships', (call) => {
    const workspace = administered(call);
    const project = state.projects.find((item) => item.id === call.params.projectId && item.workspaceId === workspace.id);
    if (!project) throw refuse(404, 'Project not found', 501);
    const remove = call.body.remove === true;
    const userIds = call.body.userIds ?? [];
    const groups = (call.body.userGroups ?? {}) as { ids?: unknown };
    const groupIds = groups.ids ?? [];
    if (!Array.isArray(userIds) || !Array.isArray(groupIds)) throw refuse(400, 'userIds and userGroups.ids must be lists');
    const users = userIds.map((id) => memberOf(workspace, id));
    const named = groupIds.map((id) => groupOf(workspace, typeof id === 'string' ? id : undefined));
    if (remove) {
      project.memberIds = project.memberIds.filter((id) => !users.some((user) => user.id === id));
      project.groupIds = (project.groupIds ?? []).filter((id) => !named.some((group) => group.id === id));
    } else {
      for (const user of users) if (!project.memberIds.includes(user.id)) project.memberIds.push(user.id);
      project.groupIds = [...new Set([...(project.groupIds ?? []), ...named.map((group) => group.id)])];
    }
    return kit.projectJson(project);
  });
}
