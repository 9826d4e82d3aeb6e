// What the people sends to Clockodo (docs/back-ends/clockodo.md): the company's people as its owner administers them.
// The endpoints it shares with other capabilities come from the root's api.ts; the rest are its own.
import { type ClockodoClient } from '../api.ts';
import type { ClockodoUser } from '../wire.ts';

export function adminPeopleEndpoints(client: ClockodoClient) {
  const { call } = client;
  const { userListPage, user, updateUser, teamsPage } = client.api;
  return {
    userListPage,
    user,
    updateUser,
    teamsPage,
    /** Creates a user at once: Clockodo has no invitation step. */
    createUser: async (body: Record<string, unknown>, action: string) => (await call<{ data: ClockodoUser }>('POST', '/v3/users', { action }, { body })).data,
  };
}

export type AdminPeopleEndpoints = ReturnType<typeof adminPeopleEndpoints>;
