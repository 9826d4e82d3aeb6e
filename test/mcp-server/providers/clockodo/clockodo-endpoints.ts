// Every endpoint of Clockodo's as one type: the shared ones (api.ts) and each cell's own, for the tests that call them
// below the parts (test/mcp-server/providers/all-endpoints.ts).
import type { ClockodoApi } from '../../../../mcp-server/providers/clockodo/api.ts';
import type { AdminPeopleEndpoints } from '../../../../mcp-server/providers/clockodo/admin-people/endpoints.ts';
import type { AdminTeamsEndpoints } from '../../../../mcp-server/providers/clockodo/admin-teams/endpoints.ts';
import type { CatalogAdminEndpoints } from '../../../../mcp-server/providers/clockodo/catalog-admin/endpoints.ts';
import type { CatalogEndpoints } from '../../../../mcp-server/providers/clockodo/catalog/endpoints.ts';
import type { LeaveEndpoints } from '../../../../mcp-server/providers/clockodo/leave/endpoints.ts';
import type { PlanEndpoints } from '../../../../mcp-server/providers/clockodo/plan/endpoints.ts';
import type { TeamEndpoints } from '../../../../mcp-server/providers/clockodo/team/endpoints.ts';
import type { TimesheetsEndpoints } from '../../../../mcp-server/providers/clockodo/timesheets/endpoints.ts';

export type ClockodoEndpoints = ClockodoApi &
  TimesheetsEndpoints &
  CatalogEndpoints &
  PlanEndpoints &
  LeaveEndpoints &
  TeamEndpoints &
  AdminPeopleEndpoints &
  AdminTeamsEndpoints &
  CatalogAdminEndpoints;
