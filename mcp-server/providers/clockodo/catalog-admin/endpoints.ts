// What the catalog's fields on Clockodo sends: its own endpoints here, and those it shares with other capabilities
// picked from the root's api.ts.
import type { CatalogKind } from '../../time-tracker.ts';
import { CATALOG_PATHS, catalogNoun, type ClockodoCatalogRecord, type ClockodoClient, missing } from '../api.ts';

export function catalogAdminEndpoints(client: ClockodoClient) {
  const { call } = client;
  return {
    /** One customer, project or service as Clockodo keeps it (update_catalog_item reads it before a change). */
    catalogItem: async (kind: CatalogKind, id: number) =>
      (
        await call<{ data: ClockodoCatalogRecord }>('GET', `${CATALOG_PATHS[kind]}/${id}`, {
          action: `read the ${catalogNoun(kind)} #${id}`,
          notFound: missing(catalogNoun(kind), id, { any_more: true }),
        })
      ).data,
    /** Sends the fields given alone (`PUT` changes only what it is sent). */
    updateCatalogItem: async (kind: CatalogKind, id: number, body: Record<string, unknown>, action: string) =>
      (
        await call<{ data: ClockodoCatalogRecord }>(
          'PUT',
          `${CATALOG_PATHS[kind]}/${id}`,
          { action, notFound: missing(catalogNoun(kind), id, { any_more: true }) },
          { body },
        )
      ).data,
  };
}

export type CatalogAdminEndpoints = ReturnType<typeof catalogAdminEndpoints>;
