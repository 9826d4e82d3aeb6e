// The fake Clockify's endpoints for the workspace's people and user groups (fake-clockify.ts registers
// them), as Clockify's OpenAPI describes them (workspace.yml, user.yml, group.yml): addUsers invites an
// e-mail address (`send-email` required; 200 with the workspace) and the invitee is PENDING until they
// accept; updateUserStatus sets a membership ACTIVE or INACTIVE (200 with the workspace);
// createUserRole gives a manager role over a user, a project, a user group (`sourceType: USER_GROUP`)
// or the workspace (201 with the roles' details); getUserGroups pages the groups (`page`, `page-size`,
// Last-Page), with their team managers where `includeTeamManagers`. Errors are `{message, code}`.
//
// GUESS: the writes are a workspace admin's or the owner's alone (403 "Access Denied" otherwise), as
// the web app's Team page is; a team manager may read the groups (she sees hers there) and a regular
// member may not. Adding a user by API on a FREE plan is a 403 (the OpenAPI says only that it needs a
// paid subscription). The owner's status and a pending or declined invitee's are not changed (400).
import { HttpAnswer } from '../../../support/fake-server.ts';
import type { Call, FakeClockifyState, FakeUser, FakeWorkspace } from './fake-clockify.ts';
import { newId } from './fake-clockify.ts';

/** A workspace membership's status (MembershipDtoV1.membershipStatus). */
export type MembershipStatus = 'PENDING' | 'ACTIVE' | 'DECLINED' | 'INACTIVE';

/** A user group (UserGroupDtoV1) with the members Clockify names its team managers. */
export interface FakeUserGroup {
  id: string;
  workspaceId: string;
  name: string;
  userIds: string[];
  managerIds: string[];
}

/** What the fake's routes share with these. */
export interface PeopleRouteKit {
  route(method: string, path: string, handler: (call: Call) => unknown): void;
  state: FakeClockifyState;
  workspaceOf(call: Call): FakeWorkspace;
  isAdmin(user: FakeUser, workspaceId: string): boolean;
  isTeamManager(user: FakeUser, workspaceId: string): boolean;
  paged<T>(call: Call, items: T[], maxSize?: number, defaultSize?: number): HttpAnswer;
  refuse(status: number, message: string, code?: number): Error;
}

/** A member's status in a workspace: ACTIVE unless set. */
export const membershipStatus = (user: FakeUser, workspaceId: string): MembershipStatus => user.statuses?.[workspaceId] ?? 'ACTIVE';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ROLES = ['WORKSPACE_ADMIN', 'TEAM_MANAGER', 'PROJECT_MANAGER'];

export function registerPeopleRoutes(kit: PeopleRouteKit): void {
  const { route, state, refuse } = kit;
  const administered = (call: Call): FakeWorkspace => {
    const workspace = kit.workspaceOf(call);
    if (!kit.isAdmin(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    return workspace;
  };
  const memberOf = (workspace: FakeWorkspace, userId: string | undefined): FakeUser => {
    const user = state.users.find((item) => item.id === userId && item.workspaces.includes(workspace.id));
    if (!user) throw refuse(404, 'User not found', 501);
    return user;
  };
  /** WorkspaceDtoV1 as addUsers and updateUserStatus answer it, with its members' memberships. */
  const workspaceJson = (workspace: FakeWorkspace) => ({
    id: workspace.id,
    name: workspace.name,
    featureSubscriptionType: workspace.plan,
    memberships: state.users
      .filter((user) => user.workspaces.includes(workspace.id))
      .map((user) => ({ userId: user.id, targetId: workspace.id, membershipType: 'WORKSPACE', membershipStatus: membershipStatus(user, workspace.id) })),
  });

  // getUserGroups: by name, paged, with the team managers where asked.
  route('GET', '/workspaces/:workspaceId/user-groups', (call) => {
    const workspace = kit.workspaceOf(call);
    if (!kit.isAdmin(call.user, workspace.id) && !kit.isTeamManager(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    const name = call.query.get('name')?.toLowerCase() ?? '';
    const managers = call.query.get('includeTeamManagers') === 'true';
    const groups = state.userGroups
      .filter((group) => group.workspaceId === workspace.id && group.name.toLowerCase().includes(name))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .map((group) => ({
        id: group.id,
        name: group.name,
        workspaceId: group.workspaceId,
        userIds: [...group.userIds],
        ...(managers ? { teamManagers: group.managerIds.map((id) => ({ id, name: state.users.find((user) => user.id === id)?.name ?? '' })) } : {}),
      }));
    return kit.paged(call, groups);
  });

  // addUsers (AddUserToWorkspaceRequest: email).
  route('POST', '/workspaces/:workspaceId/users', (call) => {
    const workspace = administered(call);
    if (call.query.get('send-email') === null) throw refuse(400, "Required request parameter 'send-email' is not present");
    if (workspace.plan === 'FREE') throw refuse(403, 'Adding users via the API requires a paid subscription', 4033);
    const email = typeof call.body.email === 'string' ? call.body.email.trim() : '';
    if (email === '') throw refuse(400, 'email: must not be blank');
    if (!EMAIL.test(email)) throw refuse(400, 'email: must be a well-formed email address');
    const existing = state.users.find((user) => user.email.toLowerCase() === email.toLowerCase());
    if (existing?.workspaces.includes(workspace.id)) throw refuse(400, 'User is already a member of this workspace', 501);
    const user: FakeUser = existing ?? {
      id: newId(0x5a),
      name: email,
      email,
      key: '',
      timeZone: 'Europe/Berlin',
      activeWorkspace: workspace.id,
      workspaces: [],
      roles: {},
      workCapacity: 'PT8H',
      workingDays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
    };
    if (!existing) state.users.push(user);
    user.workspaces.push(workspace.id);
    user.statuses = { ...user.statuses, [workspace.id]: 'PENDING' };
    return workspaceJson(workspace);
  });

  // updateUserStatus (UpdateUserStatusRequest: status ACTIVE or INACTIVE).
  route('PUT', '/workspaces/:workspaceId/users/:userId', (call) => {
    const workspace = administered(call);
    const user = memberOf(workspace, call.params.userId);
    const status = call.body.status;
    if (status !== 'ACTIVE' && status !== 'INACTIVE') throw refuse(400, 'status: must be ACTIVE or INACTIVE');
    if (user.roles[workspace.id] === 'OWNER') throw refuse(400, "The workspace owner's status cannot be changed", 501);
    const now = membershipStatus(user, workspace.id);
    if (now === 'PENDING' || now === 'DECLINED') throw refuse(400, 'User has not joined the workspace', 501);
    user.statuses = { ...user.statuses, [workspace.id]: status };
    return workspaceJson(workspace);
  });

  // createUserRole (RoleRequestV1: role, entityId, sourceType).
  route('POST', '/workspaces/:workspaceId/users/:userId/roles', (call) => {
    const workspace = administered(call);
    const user = memberOf(workspace, call.params.userId);
    const { role, entityId, sourceType } = call.body;
    if (typeof role !== 'string' || !ROLES.includes(role)) throw refuse(400, 'role: must be WORKSPACE_ADMIN, TEAM_MANAGER or PROJECT_MANAGER');
    if (typeof entityId !== 'string' || entityId === '') throw refuse(400, 'entityId: must not be blank');
    if (sourceType !== undefined && sourceType !== 'USER_GROUP') throw refuse(400, 'sourceType: must be USER_GROUP');
    if (role === 'WORKSPACE_ADMIN') {
      if (entityId !== workspace.id) throw refuse(400, 'entityId: must be the workspace');
      if (user.roles[workspace.id] !== 'OWNER') user.roles[workspace.id] = 'ADMIN';
    } else if (role === 'TEAM_MANAGER' && sourceType === 'USER_GROUP') {
      const group = state.userGroups.find((item) => item.id === entityId && item.workspaceId === workspace.id);
      if (!group) throw refuse(404, 'User group not found', 501);
      if (!group.managerIds.includes(user.id)) group.managerIds.push(user.id);
    } else if (role === 'TEAM_MANAGER') {
      const member = memberOf(workspace, entityId);
      if (!state.teamManagers.some((item) => item.workspaceId === workspace.id && item.managerId === user.id && item.memberId === member.id))
        state.teamManagers.push({ workspaceId: workspace.id, managerId: user.id, memberId: member.id });
    } else {
      const project = state.projects.find((item) => item.id === entityId && item.workspaceId === workspace.id);
      if (!project) throw refuse(404, 'Project not found', 501);
      if (!state.projectManagers.some((item) => item.workspaceId === workspace.id && item.managerId === user.id && item.projectId === project.id))
        state.projectManagers.push({ workspaceId: workspace.id, managerId: user.id, projectId: project.id });
    }
    const details = {
      role: { id: newId(0x60), name: role, ...(sourceType ? { source: { id: entityId, type: sourceType } } : {}) },
      userId: user.id,
      workspaceId: workspace.id,
    };
    return new HttpAnswer(201, [details]);
  });
}
