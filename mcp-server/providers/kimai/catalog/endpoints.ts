// What the catalog capability sends to Kimai (docs/back-ends/kimai.md): customers, projects and activities listed,
// created, hidden and shown again. The endpoints it shares with other capabilities come from the root's api.ts; the
// rest are its own.
import type { CatalogKind } from '../../time-tracker.ts';
import { KIND_PATHS, type KimaiCatalogRecord, type KimaiClient, missing } from '../api.ts';

export function catalogEndpoints(client: KimaiClient) {
  const { send } = client;
  const { customers, projects, activities } = client.api;
  return {
    customers,
    projects,
    activities,
    createCatalogItem: (kind: CatalogKind, body: Record<string, unknown>) =>
      send<KimaiCatalogRecord>('POST', KIND_PATHS[kind], { action: `create ${kind === 'activity' ? 'an' : 'a'} ${kind}` }, body),
    /** Kimai has no archive; hiding is its equivalent (deleting would take the entries with it). */
    setVisible: (kind: CatalogKind, id: number, visible: boolean) =>
      send<KimaiCatalogRecord>(
        'PATCH',
        `${KIND_PATHS[kind]}/${id}`,
        { action: `${visible ? 'restore' : 'archive'} the ${kind}`, notFound: missing(kind, id) },
        { visible },
      ),
  };
}

export type CatalogEndpoints = ReturnType<typeof catalogEndpoints>;
