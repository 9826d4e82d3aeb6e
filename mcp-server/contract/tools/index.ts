// The registry: every tool AI clients may be offered, in the order tools/list shows them (deterministic,
// as the 2026-07-28 spec asks). Each definition (one file here) says everything about its tool but
// how it works; the catalog, the names and the contracts main calls tools by are read off this list,
// and the engine's handler table (tools/index.ts) must match it. Adding a tool: docs/adding-a-tool.md.
import type * as z from 'zod/v4';
import type { ToolContract } from './tool-contract.ts';
import { clockInContract } from './clock-in.ts';
import { clockOutContract } from './clock-out.ts';
import { timerStatusContract } from './timer-status.ts';
import { startBreakContract } from './start-break.ts';
import { endBreakContract } from './end-break.ts';
import { listTimeEntriesContract } from './list-time-entries.ts';
import { logTimeContract } from './log-time.ts';
import { updateTimeEntryContract } from './update-time-entry.ts';
import { deleteTimeEntryContract } from './delete-time-entry.ts';
import { timeReportContract } from './time-report.ts';
import { workingTimeContract } from './working-time.ts';
import { listCatalogContract } from './list-catalog.ts';
import { createCatalogItemContract } from './create-catalog-item.ts';
import { archiveCatalogItemContract } from './archive-catalog-item.ts';
import { requestLeaveContract } from './request-leave.ts';
import { listLeaveRequestsContract } from './list-leave-requests.ts';
import { cancelLeaveRequestContract } from './cancel-leave-request.ts';
import { leaveBalanceContract } from './leave-balance.ts';
import { absenceCalendarContract } from './absence-calendar.ts';
import { whoamiContract } from './whoami.ts';
import { teamReportContract } from './team-report.ts';
import { projectStatusContract } from './project-status.ts';
import { listPendingLeaveContract } from './list-pending-leave.ts';
import { decideLeaveRequestContract } from './decide-leave-request.ts';
import { manageTagsContract } from './manage-tags.ts';
import { listInvoicesContract } from './list-invoices.ts';
import { manageRatesContract } from './manage-rates.ts';
import { manageTeamsContract } from './manage-teams.ts';
import { updateCatalogItemContract } from './update-catalog-item.ts';
import { managePeopleContract } from './manage-people.ts';
import { suggestEntriesContract } from './suggest-entries.ts';
import { bookSuggestedEntriesContract } from './book-suggested-entries.ts';
import { recordAgentTimeContract } from './record-agent-time.ts';
import { correctTimeEntriesContract } from './correct-time-entries.ts';
import { submitTimesheetContract } from './submit-timesheet.ts';
import { withdrawTimesheetContract } from './withdraw-timesheet.ts';
import { listTimesheetApprovalsContract } from './list-timesheet-approvals.ts';
import { decideTimesheetContract } from './decide-timesheet.ts';

const REGISTRY = [
  clockInContract,
  clockOutContract,
  timerStatusContract,
  startBreakContract,
  endBreakContract,
  listTimeEntriesContract,
  logTimeContract,
  updateTimeEntryContract,
  deleteTimeEntryContract,
  timeReportContract,
  workingTimeContract,
  listCatalogContract,
  createCatalogItemContract,
  archiveCatalogItemContract,
  requestLeaveContract,
  listLeaveRequestsContract,
  cancelLeaveRequestContract,
  leaveBalanceContract,
  absenceCalendarContract,
  whoamiContract,
  teamReportContract,
  projectStatusContract,
  listPendingLeaveContract,
  decideLeaveRequestContract,
  manageTagsContract,
  listInvoicesContract,
  manageRatesContract,
  manageTeamsContract,
  updateCatalogItemContract,
  managePeopleContract,
  correctTimeEntriesContract,
  suggestEntriesContract,
  bookSuggestedEntriesContract,
  recordAgentTimeContract,
  submitTimesheetContract,
  withdrawTimesheetContract,
  listTimesheetApprovalsContract,
  decideTimesheetContract,
] as const;

type Registered = (typeof REGISTRY)[number];
export type ToolName = Registered['name'];

/** Every definition by its name, each with its own schemas' types. */
export const TOOL_CONTRACTS = byName(REGISTRY);
/** The names in tools/list order. */
export const TOOL_NAMES = REGISTRY.map((tool) => tool.name) as [ToolName, ...ToolName[]];
/** Each tool's group and access (and the rest of its definition) by name. */
export const TOOL_CATALOG: Readonly<Record<ToolName, ToolContract<z.ZodObject, z.ZodObject, ToolName>>> = TOOL_CONTRACTS;

/** Keyed by each definition's own name; a name twice would hide a definition (test/mcp-server/contract/tool-registry.test.ts refuses it). */
function byName<const List extends readonly { name: string }[]>(list: List): { readonly [Tool in List[number] as Tool['name']]: Tool } {
  return Object.fromEntries(list.map((tool) => [tool.name, tool])) as { readonly [Tool in List[number] as Tool['name']]: Tool };
}
