// What the catalog on Clockodo sends: its own endpoints here, and those it shares with other capabilities picked from
// the root's api.ts.
import type { CatalogKind } from '../../time-tracker.ts';
import { CATALOG_PATHS, LIST_PAGE, catalogNoun, type ClockodoCatalogRecord, type ClockodoClient, missing } from '../api.ts';
import type { ClockodoService } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

export function catalogEndpoints(client: ClockodoClient) {
  const { call, listPage } = client;
  const { customersPage, projectsPage, access, serviceAccess } = client.api;
  return {
    customersPage,
    projectsPage,
    access,
    serviceAccess,
    servicesPage: (page: number) => listPage<ClockodoService>(CATALOG_PATHS.activity, 'list services', {}, page, LIST_PAGE),
    createCatalogItem: async (kind: CatalogKind, body: Record<string, unknown>, name: string) =>
      (await call<{ data: ClockodoCatalogRecord }>('POST', CATALOG_PATHS[kind], { action: `add the ${catalogNoun(kind)} ${quotedLine(name)}` }, { body })).data,
    setActive: async (kind: CatalogKind, id: number, active: boolean) =>
      (
        await call<{ data: ClockodoCatalogRecord }>(
          'PUT',
          `${CATALOG_PATHS[kind]}/${id}`,
          { action: `${active ? 'restore' : 'archive'} ${catalogNoun(kind)} #${id}`, notFound: missing(catalogNoun(kind), id) },
          { body: { active } },
        )
      ).data,
  };
}

export type CatalogEndpoints = ReturnType<typeof catalogEndpoints>;
