// What the catalog admin capability sends to Kimai (docs/back-ends/kimai.md): what a customer, project or activity
// keeps, read and changed. The endpoints it shares with other capabilities come from the root's api.ts; the rest are
// its own.
import type { CatalogKind } from '../../time-tracker.ts';
import { KIND_PATHS, type KimaiClient, missing } from '../api.ts';
import type { RequestPurpose } from '../errors.ts';
import type { KimaiCatalogDetails } from '../wire.ts';

export function catalogAdminEndpoints(client: KimaiClient) {
  const { get, send } = client;
  return {
    /** One customer, project or activity with all it keeps (view_customer, view_project, view_activity: administrators). */
    catalogDetails: (kind: CatalogKind, id: number) =>
      get<KimaiCatalogDetails>(`${KIND_PATHS[kind]}/${id}`, { action: `read the ${kind} #${id}`, notFound: missing(kind, id) }),
    /** Changes the fields of `body` alone: a PATCH leaves the others as they are. */
    patchCatalogItem: (kind: CatalogKind, id: number, body: Record<string, unknown>, purpose: RequestPurpose) =>
      send<KimaiCatalogDetails>('PATCH', `${KIND_PATHS[kind]}/${id}`, purpose, body),
  };
}

export type CatalogAdminEndpoints = ReturnType<typeof catalogAdminEndpoints>;
