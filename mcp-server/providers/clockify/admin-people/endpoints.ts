// What the administration of people sends to Clockify (docs/back-ends/clockify.md, "Administration"): who holds a
// role (filterUsersOfWorkspace's `roles`), an invitation by e-mail (addUsers) and the membership's status
// (updateUserStatus). The members with their workspace membership, the user groups they are in and a manager role
// given, which other capabilities send too, come from the root's api.ts. Nothing here decides which requests a call makes.
import type { OpenPage } from '../../remote/paging.ts';
import { account, type ClockifyApiClient, id, PEOPLE_PAGE, ws } from '../api.ts';
import { remoteRefusal } from '../../remote/remote-error.ts';
import type { ClockifyRole, ClockifyUser } from '../wire.ts';

export function adminPeopleEndpoints(client: ClockifyApiClient) {
  const { call } = client;
  const { peoplePage, groupsPage, giveRole } = client.api;
  return {
    peoplePage,
    groupsPage,
    giveRole,
    /** A page of the members holding `role` (filterUsersOfWorkspace: a search sent as a POST, which Clockify answers admins). */
    holdersPage: async (workspaceId: string, role: ClockifyRole, page: number): Promise<OpenPage<ClockifyUser>> => {
      const items = await call<ClockifyUser[]>(
        'POST',
        `${ws(workspaceId)}/users/info`,
        { ...account('read who holds which role in your workspace'), onlyReads: true },
        { body: { roles: [role], status: 'ALL', page, pageSize: PEOPLE_PAGE } },
      );
      const list = Array.isArray(items) ? items : [];
      // This search answers no Last-Page header through `call`: a short page is the last.
      return { items: list, last: list.length < PEOPLE_PAGE };
    },
    /** Invites an e-mail address into the workspace (addUsers, a paid plan's); Clockify e-mails the invitation. */
    invite: (workspaceId: string, email: string) =>
      call<unknown>('POST', `${ws(workspaceId)}/users`, account(`invite ${email}`), { query: { 'send-email': 'true' }, body: { email } }),
    /** Deactivates or reactivates a member (updateUserStatus). */
    setStatus: (workspaceId: string, userId: string, name: string, status: 'ACTIVE' | 'INACTIVE') =>
      call<unknown>(
        'PUT',
        `${ws(workspaceId)}/users/${id(userId)}`,
        account(`${status === 'ACTIVE' ? 'reactivate' : 'deactivate'} ${name}`, remoteRefusal('clockify_member_gone', { name, in_clockify: true })),
        { body: { status } },
      ),
  };
}

export type AdminPeopleEndpoints = ReturnType<typeof adminPeopleEndpoints>;
