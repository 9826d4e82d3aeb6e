// What the people's administration sends (docs/back-ends/harvest.md, "Administration"): the people Harvest lists to
// the person (the root's /v2/users, the inactive too where asked), a person invited (Harvest sends the invitation) and
// a person changed, with only what changes (archiving is is_active false: Punchcard deletes nobody).
import type { HarvestClient } from '../api.ts';
import type { HarvestUser } from '../wire.ts';

export function adminPeopleEndpoints(client: HarvestClient) {
  const { call } = client;
  return {
    users: client.api.users,
    createUser: (body: Record<string, unknown>, action: string) => call<HarvestUser>('POST', '/v2/users', { action }, { body }),
    updateUser: (id: number, body: Record<string, unknown>, action: string) => call<HarvestUser>('PATCH', `/v2/users/${id}`, { action }, { body }),
  };
}

export type AdminPeopleEndpoints = ReturnType<typeof adminPeopleEndpoints>;
