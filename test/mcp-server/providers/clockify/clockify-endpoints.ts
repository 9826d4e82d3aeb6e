// Every endpoint of Clockify's as one type: the shared ones (api.ts) and each cell's own, for the tests that call them
// below the parts (test/mcp-server/providers/all-endpoints.ts).
import type { AdminPeopleEndpoints } from '../../../../mcp-server/providers/clockify/admin-people/endpoints.ts';
import type { AdminRatesEndpoints } from '../../../../mcp-server/providers/clockify/admin-rates/endpoints.ts';
import type { AdminTagsEndpoints } from '../../../../mcp-server/providers/clockify/admin-tags/endpoints.ts';
import type { AdminTeamsEndpoints } from '../../../../mcp-server/providers/clockify/admin-teams/endpoints.ts';
import type { ClockifyApi } from '../../../../mcp-server/providers/clockify/api.ts';
import type { ApprovalsEndpoints } from '../../../../mcp-server/providers/clockify/approvals/endpoints.ts';
import type { CatalogAdminEndpoints } from '../../../../mcp-server/providers/clockify/catalog-admin/endpoints.ts';
import type { CatalogEndpoints } from '../../../../mcp-server/providers/clockify/catalog/endpoints.ts';
import type { CorrectionsEndpoints } from '../../../../mcp-server/providers/clockify/corrections/endpoints.ts';
import type { EntryFieldsEndpoints } from '../../../../mcp-server/providers/clockify/entry-fields/endpoints.ts';
import type { InvoicesEndpoints } from '../../../../mcp-server/providers/clockify/invoices/endpoints.ts';
import type { LeaveEndpoints } from '../../../../mcp-server/providers/clockify/leave/endpoints.ts';
import type { PlanEndpoints } from '../../../../mcp-server/providers/clockify/plan/endpoints.ts';
import type { TeamEndpoints } from '../../../../mcp-server/providers/clockify/team/endpoints.ts';
import type { TimesheetsEndpoints } from '../../../../mcp-server/providers/clockify/timesheets/endpoints.ts';

export type ClockifyEndpoints = ClockifyApi &
  TimesheetsEndpoints &
  CatalogEndpoints &
  EntryFieldsEndpoints &
  PlanEndpoints &
  LeaveEndpoints &
  TeamEndpoints &
  ApprovalsEndpoints &
  AdminTagsEndpoints &
  InvoicesEndpoints &
  AdminPeopleEndpoints &
  AdminRatesEndpoints &
  CatalogAdminEndpoints &
  AdminTeamsEndpoints &
  CorrectionsEndpoints;
