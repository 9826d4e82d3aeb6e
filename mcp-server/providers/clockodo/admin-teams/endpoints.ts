// What the teams on Clockodo sends: its own endpoints here, and those it shares with other capabilities picked from
// the root's api.ts.
import { type ClockodoClient, teamGone } from '../api.ts';
import type { ClockodoTeam } from '../wire.ts';

export function adminTeamsEndpoints(client: ClockodoClient) {
  const { call } = client;
  const { teamsPage, userListPage, updateUser } = client.api;
  return {
    teamsPage,
    userListPage,
    updateUser,
    /** Makes a team: its `name`, and its `leader` where one is named. */
    createTeam: async (body: { name: string; leader?: number }, action: string) =>
      (await call<{ data: ClockodoTeam }>('POST', '/v3/teams', { action }, { body })).data,
    /** Sends only the fields given (`name`, `leader`; a leader of null leaves the team without one). */
    updateTeam: async (id: number, body: { name?: string; leader?: number | null }, action: string) =>
      (await call<{ data: ClockodoTeam }>('PUT', `/v3/teams/${id}`, { action, notFound: teamGone(id) }, { body })).data,
    deleteTeam: (id: number, action: string) => call<unknown>('DELETE', `/v3/teams/${id}`, { action, notFound: teamGone(id) }),
  };
}

export type AdminTeamsEndpoints = ReturnType<typeof adminTeamsEndpoints>;
