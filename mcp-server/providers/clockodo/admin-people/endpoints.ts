// What the people on Clockodo sends: its own endpoints here, and those it shares with other capabilities picked from
// the root's api.ts.
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
