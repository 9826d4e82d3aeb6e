// Clockify's endpoints for the workspace's people as manage_people administers them
// (docs/back-ends/clockify.md, "Administration"): the members with their workspace membership
// (getUsersOfWorkspace), who holds a role (filterUsersOfWorkspace's `roles`), the user groups they
// are in (getUserGroups), an invitation by e-mail (addUsers), the membership's status
// (updateUserStatus) and a manager role given (createUserRole). One method per endpoint over the API
// module's request functions (api.ts); nothing here decides which requests a call makes.
import type { OpenPage } from '../remote/paging.ts';
import type { AdminRequests } from './admin-api.ts';
import { type RefusalFor, remoteRefusal } from '../remote/remote-error.ts';
import type { RequestPurpose } from './errors.ts';
import type { ClockifyRole, ClockifyUser } from './wire.ts';

/** People per page asked for: Clockify's default is 50 and it names no largest; 200 reads most workspaces in one request. */
export const PEOPLE_PAGE = 200;

/** A member's workspace membership as getUsersOfWorkspace shows it with `memberships=WORKSPACE` (MembershipDtoV1). */
export type MembershipStatus = 'PENDING' | 'ACTIVE' | 'DECLINED' | 'INACTIVE';

export type ClockifyMember = ClockifyUser & {
  memberships?: Array<{ membershipType?: string | null; membershipStatus?: string | null; targetId?: string | null }> | null;
};

/** A user group (UserGroupDtoV1): its members' ids and, where asked for, its team managers. */
export interface ClockifyUserGroup {
  id: string;
  name: string;
  userIds?: string[] | null;
  teamManagers?: Array<{ id: string; name?: string | null }> | null;
}

/** A manager role as createUserRole takes it (RoleRequestV1): whom or what it is over, a user group where `sourceType` says so. */
export interface RoleRequest {
  role: Exclude<ClockifyRole, 'OWNER'>;
  entityId: string;
  sourceType?: 'USER_GROUP';
}

export function clockifyPeopleEndpoints({ call, listPage }: AdminRequests) {
  const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;
  const id = encodeURIComponent;
  const admin = (action: string, notFound?: RefusalFor<'not_found'>): RequestPurpose => ({ action, area: 'account', ...(notFound ? { notFound } : {}) });
  return {
    /** A page of the members with their workspace membership, all of them or the active ones, by name. */
    membersPage: (workspaceId: string, everyone: boolean, page: number, email?: string) =>
      listPage<ClockifyMember>(
        `${ws(workspaceId)}/users`,
        admin('list the people in your workspace'),
        {
          status: everyone ? 'ALL' : 'ACTIVE',
          memberships: 'WORKSPACE',
          'sort-column': 'NAME',
          'sort-order': 'ASCENDING',
          'include-roles': 'false',
          ...(email ? { email } : {}),
        },
        page,
        PEOPLE_PAGE,
      ),
    /** A page of the members holding `role` (filterUsersOfWorkspace: a search sent as a POST, which Clockify answers admins). */
    holdersPage: async (workspaceId: string, role: ClockifyRole, page: number): Promise<OpenPage<ClockifyUser>> => {
      const items = await call<ClockifyUser[]>(
        'POST',
        `${ws(workspaceId)}/users/info`,
        { ...admin('read who holds which role in your workspace'), onlyReads: true },
        { body: { roles: [role], status: 'ALL', page, pageSize: PEOPLE_PAGE } },
      );
      const list = Array.isArray(items) ? items : [];
      // This search answers no Last-Page header through `call`: a short page is the last.
      return { items: list, last: list.length < PEOPLE_PAGE };
    },
    /**
     * The members whose e-mail holds `email` (a part, as Clockify matches it) and who hold any of `roles`
     * (filterUsersOfWorkspace): one member's role, asked by an admin's key, the first page only.
     */
    holdersWithEmail: async (workspaceId: string, roles: readonly ClockifyRole[], email: string): Promise<ClockifyUser[]> => {
      const items = await call<ClockifyUser[]>(
        'POST',
        `${ws(workspaceId)}/users/info`,
        { ...admin("read a member's role in your workspace"), onlyReads: true },
        { body: { email, roles, status: 'ALL', page: 1, pageSize: PEOPLE_PAGE } },
      );
      return Array.isArray(items) ? items : [];
    },
    /** A page of the user groups with their team managers (getUserGroups). */
    groupsPage: (workspaceId: string, page: number) =>
      listPage<ClockifyUserGroup>(
        `${ws(workspaceId)}/user-groups`,
        admin('list the user groups'),
        { includeTeamManagers: true, 'sort-column': 'NAME', 'sort-order': 'ASCENDING' },
        page,
        PEOPLE_PAGE,
      ),
    /** Invites an e-mail address into the workspace (addUsers, a paid plan's); Clockify e-mails the invitation. */
    invite: (workspaceId: string, email: string) =>
      call<unknown>('POST', `${ws(workspaceId)}/users`, admin(`invite ${email}`), { query: { 'send-email': 'true' }, body: { email } }),
    /** Deactivates or reactivates a member (updateUserStatus). */
    setStatus: (workspaceId: string, userId: string, name: string, status: 'ACTIVE' | 'INACTIVE') =>
      call<unknown>(
        'PUT',
        `${ws(workspaceId)}/users/${id(userId)}`,
        admin(`${status === 'ACTIVE' ? 'reactivate' : 'deactivate'} ${name}`, remoteRefusal('clockify_member_gone', { name, in_clockify: true })),
        { body: { status } },
      ),
    /** Gives a member a manager role over one user, project, user group or the workspace (createUserRole). */
    giveRole: (workspaceId: string, userId: string, name: string, role: RoleRequest) =>
      call<unknown>(
        'POST',
        `${ws(workspaceId)}/users/${id(userId)}/roles`,
        admin(`make ${name} ${role.role}`, remoteRefusal('clockify_role_target_gone', { name })),
        { body: role },
      ),
  };
}

export type ClockifyPeopleApi = ReturnType<typeof clockifyPeopleEndpoints>;
