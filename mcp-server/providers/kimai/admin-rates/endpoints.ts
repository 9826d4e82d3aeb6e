// What the admin rates capability sends to Kimai (docs/back-ends/kimai.md): the rates of customers, projects and
// activities. The endpoints it shares with other capabilities come from the root's api.ts; the rest are its own.
import { remoteRefusal } from '../../remote/remote-error.ts';
import type { CatalogKind } from '../../time-tracker.ts';
import { KIND_PATHS, type KimaiClient, missing } from '../api.ts';
import type { KimaiRate } from '../wire.ts';

export function adminRatesEndpoints(client: KimaiClient) {
  const { get, send } = client;
  const { customers, teams, team } = client.api;
  return {
    customers,
    teams,
    team,
    /** The rates of a customer, project or activity (edit rights on it, GET included: docs/back-ends/kimai.md, "Administration"). */
    rates: (kind: CatalogKind, id: number) =>
      get<KimaiRate[]>(`${KIND_PATHS[kind]}/${id}/rates`, { action: `read the rates of ${kind} #${id}`, notFound: missing(kind, id) }),
    /** One rate per person (or everyone, `user` left out) and item: a second is a 400 on `user`. */
    createRate: (kind: CatalogKind, id: number, body: { user?: number; rate: number; internalRate?: number; isFixed: boolean }) =>
      send<KimaiRate>('POST', `${KIND_PATHS[kind]}/${id}/rates`, { action: `set a rate on ${kind} #${id}`, notFound: missing(kind, id) }, body),
    deleteRate: (kind: CatalogKind, id: number, rateId: number) =>
      send<undefined>('DELETE', `${KIND_PATHS[kind]}/${id}/rates/${rateId}`, {
        action: `remove rate #${rateId} of ${kind} #${id}`,
        notFound: remoteRefusal('kimai_rate_gone', { rate: rateId, kind, id }),
      }),
  };
}

export type AdminRatesEndpoints = ReturnType<typeof adminRatesEndpoints>;
