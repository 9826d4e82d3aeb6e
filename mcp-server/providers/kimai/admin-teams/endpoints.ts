// What the admin teams capability sends to Kimai (docs/back-ends/kimai.md): the teams as an administrator changes them.
// The endpoints it shares with other capabilities come from the root's api.ts; the rest are its own.
import type { RefusalFor } from '../../remote/remote-error.ts';
import { type KimaiClient, missing } from '../api.ts';
import type { KimaiTeam } from '../wire.ts';

export function adminTeamsEndpoints(client: KimaiClient) {
  const { send } = client;
  const { teams, team, users, timesheetPage } = client.api;
  return {
    teams,
    team,
    users,
    timesheetPage,
    // Teams as an administrator changes them (docs/back-ends/kimai.md, "Administration"): create_team,
    // edit_team and delete_team; each answers the team as it is afterwards (a delete, nothing).
    createTeam: (body: Record<string, unknown>) => send<KimaiTeam>('POST', '/teams', { action: 'create the team' }, body),
    /** Name and the whole member list at once: `members` replaces every membership Kimai holds. */
    updateTeam: (id: number, body: Record<string, unknown>, action: string) =>
      send<KimaiTeam>('PATCH', `/teams/${id}`, { action, notFound: missing('team', id, { any_more: true }) }, body),
    deleteTeam: (id: number) => send<undefined>('DELETE', `/teams/${id}`, { action: `delete team #${id}`, notFound: missing('team', id, { any_more: true }) }),
    /** Adds or removes one member, or grants or revokes one catalog item: `sub` is `members/5`, `projects/12`… */
    changeTeam: (method: 'POST' | 'DELETE', id: number, sub: string, action: string, notFound: RefusalFor<'not_found'>) =>
      send<KimaiTeam>(method, `/teams/${id}/${sub}`, { action, notFound }, undefined),
  };
}

export type AdminTeamsEndpoints = ReturnType<typeof adminTeamsEndpoints>;
