// What the admin people capability sends to Kimai (docs/back-ends/kimai.md): Kimai's people as its super administrator
// administers them. The endpoints it shares with other capabilities come from the root's api.ts; the rest are its own.
import { type KimaiClient, missing } from '../api.ts';
import type { KimaiUserFull } from '../wire.ts';

export function adminPeopleEndpoints(client: KimaiClient) {
  const { get, send } = client;
  const { users } = client.api;
  return {
    users,
    /** One account with its roles and teams (another's needs view_other_profile). */
    user: (id: number) => get<KimaiUserFull>(`/users/${id}`, { action: `read person #${id}`, notFound: missing('person', id) }),
    /** A new account (create_user); the body carries `enabled: true`, or Kimai makes it disabled. */
    createUser: (body: Record<string, unknown>) => send<KimaiUserFull>('POST', '/users', { action: 'create the account' }, body),
    /** Changes an account (edit_other_profile): alias, email, roles, enabled. */
    updateUser: (id: number, body: Record<string, unknown>, action: string) =>
      send<KimaiUserFull>('PATCH', `/users/${id}`, { action, notFound: missing('person', id) }, body),
  };
}

export type AdminPeopleEndpoints = ReturnType<typeof adminPeopleEndpoints>;
