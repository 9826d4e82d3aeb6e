// Every endpoint of Kimai's as one object: the shared ones (api.ts) and each cell's own, over one client, as sent or
// narrowed to one person (mcp-server/providers/grid/), for the tests that call them below the parts: what each
// endpoint's failure says, and what a prompt-injected call below the tools would reach under the organisation's key.
import type { ActingKimaiOptions } from '../../../../mcp-server/providers/kimai/acting.ts';
import { kimaiActing } from '../../../../mcp-server/providers/kimai/acting-shared.ts';
import type { AccountEndpoints } from '../../../../mcp-server/providers/kimai/account/endpoints.ts';
import { accountEndpoints } from '../../../../mcp-server/providers/kimai/account/endpoints.ts';
import type { AdminEndpoints } from '../../../../mcp-server/providers/kimai/admin/endpoints.ts';
import { adminEndpoints } from '../../../../mcp-server/providers/kimai/admin/endpoints.ts';
import type { AdminPeopleEndpoints } from '../../../../mcp-server/providers/kimai/admin-people/endpoints.ts';
import { adminPeopleEndpoints } from '../../../../mcp-server/providers/kimai/admin-people/endpoints.ts';
import type { AdminRatesEndpoints } from '../../../../mcp-server/providers/kimai/admin-rates/endpoints.ts';
import { adminRatesEndpoints } from '../../../../mcp-server/providers/kimai/admin-rates/endpoints.ts';
import type { AdminTeamsEndpoints } from '../../../../mcp-server/providers/kimai/admin-teams/endpoints.ts';
import { adminTeamsEndpoints } from '../../../../mcp-server/providers/kimai/admin-teams/endpoints.ts';
import { createKimaiClient, type KimaiApi, type KimaiApiOptions, type KimaiClient } from '../../../../mcp-server/providers/kimai/api.ts';
import type { ApprovalsEndpoints } from '../../../../mcp-server/providers/kimai/approvals/endpoints.ts';
import { approvalsEndpoints } from '../../../../mcp-server/providers/kimai/approvals/endpoints.ts';
import type { CatalogEndpoints } from '../../../../mcp-server/providers/kimai/catalog/endpoints.ts';
import { catalogEndpoints } from '../../../../mcp-server/providers/kimai/catalog/endpoints.ts';
import type { CatalogAdminEndpoints } from '../../../../mcp-server/providers/kimai/catalog-admin/endpoints.ts';
import { catalogAdminEndpoints } from '../../../../mcp-server/providers/kimai/catalog-admin/endpoints.ts';
import { KIMAI_CELLS } from '../../../../mcp-server/providers/kimai/cells.ts';
import type { CorrectionsEndpoints } from '../../../../mcp-server/providers/kimai/corrections/endpoints.ts';
import { correctionsEndpoints } from '../../../../mcp-server/providers/kimai/corrections/endpoints.ts';
import type { EntryFieldsEndpoints } from '../../../../mcp-server/providers/kimai/entry-fields/endpoints.ts';
import { entryFieldsEndpoints } from '../../../../mcp-server/providers/kimai/entry-fields/endpoints.ts';
import type { LeaveEndpoints } from '../../../../mcp-server/providers/kimai/leave/endpoints.ts';
import { leaveEndpoints } from '../../../../mcp-server/providers/kimai/leave/endpoints.ts';
import type { TeamEndpoints } from '../../../../mcp-server/providers/kimai/team/endpoints.ts';
import { teamEndpoints } from '../../../../mcp-server/providers/kimai/team/endpoints.ts';
import type { TimesheetsEndpoints } from '../../../../mcp-server/providers/kimai/timesheets/endpoints.ts';
import { timesheetsEndpoints } from '../../../../mcp-server/providers/kimai/timesheets/endpoints.ts';
import type { Pager } from '../../../../mcp-server/providers/remote/paging.ts';
import { allEndpoints } from '../all-endpoints.ts';

/** Every endpoint of Kimai's, with the client's address, pager and end. */
export type KimaiEndpoints = KimaiApi &
  AccountEndpoints &
  TimesheetsEndpoints &
  CatalogEndpoints &
  EntryFieldsEndpoints &
  LeaveEndpoints &
  TeamEndpoints &
  ApprovalsEndpoints &
  AdminEndpoints &
  CorrectionsEndpoints &
  AdminRatesEndpoints &
  AdminTeamsEndpoints &
  CatalogAdminEndpoints &
  AdminPeopleEndpoints & { readonly baseUrl: string; readonly pager: Pager; close(): void };

/** Every endpoint over a client of `options`, as sent. */
export function createKimaiEndpoints(options: KimaiApiOptions): KimaiEndpoints {
  const client = createKimaiClient(options);
  const cells = [
    accountEndpoints,
    timesheetsEndpoints,
    catalogEndpoints,
    entryFieldsEndpoints,
    leaveEndpoints,
    teamEndpoints,
    approvalsEndpoints,
    adminEndpoints,
    correctionsEndpoints,
    adminRatesEndpoints,
    adminTeamsEndpoints,
    catalogAdminEndpoints,
    adminPeopleEndpoints,
  ].map((endpoints) => endpoints(client));
  return Object.assign({}, ...cells, client.api, { baseUrl: client.baseUrl, pager: client.pager, close: client.close }) as KimaiEndpoints;
}

/**
 * Every endpoint over the organisation's `client`, narrowed to the person `options` names as each cell narrows its own
 * and the root the shared ones (acting-shared.ts): what a prompt-injected call below the tools would reach.
 */
export async function actingKimaiApi(client: KimaiClient, options: ActingKimaiOptions): Promise<KimaiEndpoints> {
  const acting = kimaiActing(client, options);
  const narrowed = await allEndpoints<never, object>(KIMAI_CELLS as never, client as never, acting as never);
  // An endpoint several capabilities send is narrowed once, as the root narrows it.
  return { ...narrowed, ...acting.shared, baseUrl: client.baseUrl, pager: client.pager, close: client.close } as KimaiEndpoints;
}
