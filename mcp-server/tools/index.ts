// The engine's handler table: each tool's definition (contract/tools/index.ts, the registry) with the
// handler that carries it out, in the registry's order. Adding a tool (docs/adding-a-tool.md): its
// definition and its handler, each one file, and one line in each index; the compiler refuses a
// handler table that misses a registered tool or holds one the registry does not know.
import { TOOL_NAMES, type ToolName } from '../contract/tool-catalog.ts';
import absenceCalendar from './absence-calendar.ts';
import archiveCatalogItem from './archive-catalog-item.ts';
import cancelLeaveRequest from './cancel-leave-request.ts';
import clockIn from './clock-in.ts';
import clockOut from './clock-out.ts';
import createCatalogItem from './create-catalog-item.ts';
import type { AiTool } from './define-tool.ts';
import deleteTimeEntry from './delete-time-entry.ts';
import endBreak from './end-break.ts';
import leaveBalance from './leave-balance.ts';
import listCatalog from './list-catalog.ts';
import listLeaveRequests from './list-leave-requests.ts';
import listTimeEntries from './list-time-entries.ts';
import logTime from './log-time.ts';
import requestLeave from './request-leave.ts';
import submitTimesheet from './submit-timesheet.ts';
import withdrawTimesheet from './withdraw-timesheet.ts';
import listTimesheetApprovals from './list-timesheet-approvals.ts';
import decideTimesheet from './decide-timesheet.ts';
import startBreak from './start-break.ts';
import timeReport from './time-report.ts';
import workingTime from './working-time.ts';
import timerStatus from './timer-status.ts';
import updateTimeEntry from './update-time-entry.ts';
import whoami from './whoami.ts';
import teamReport from './team-report.ts';
import projectStatus from './project-status.ts';
import listPendingLeave from './list-pending-leave.ts';
import decideLeaveRequest from './decide-leave-request.ts';
import manageTags from './manage-tags.ts';
import listInvoices from './list-invoices.ts';
import manageRates from './manage-rates.ts';
import manageTeams from './manage-teams.ts';
import updateCatalogItem from './update-catalog-item.ts';
import managePeople from './manage-people.ts';
import suggestEntries from './suggest-entries.ts';
import bookSuggestedEntries from './book-suggested-entries.ts';
import recordAgentTime from './record-agent-time.ts';
import correctTimeEntries from './correct-time-entries.ts';

// Each definition is checked against its own schemas by defineTool; the table only needs the
// common shape, so it widens them here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTool = AiTool<any, any>;

export const TOOLS = {
  clock_in: clockIn,
  clock_out: clockOut,
  timer_status: timerStatus,
  start_break: startBreak,
  end_break: endBreak,
  list_time_entries: listTimeEntries,
  log_time: logTime,
  update_time_entry: updateTimeEntry,
  delete_time_entry: deleteTimeEntry,
  time_report: timeReport,
  working_time: workingTime,
  list_catalog: listCatalog,
  create_catalog_item: createCatalogItem,
  archive_catalog_item: archiveCatalogItem,
  request_leave: requestLeave,
  list_leave_requests: listLeaveRequests,
  cancel_leave_request: cancelLeaveRequest,
  leave_balance: leaveBalance,
  absence_calendar: absenceCalendar,
  whoami,
  team_report: teamReport,
  project_status: projectStatus,
  list_pending_leave: listPendingLeave,
  decide_leave_request: decideLeaveRequest,
  manage_tags: manageTags,
  list_invoices: listInvoices,
  manage_rates: manageRates,
  manage_teams: manageTeams,
  update_catalog_item: updateCatalogItem,
  manage_people: managePeople,
  correct_time_entries: correctTimeEntries,
  suggest_entries: suggestEntries,
  book_suggested_entries: bookSuggestedEntries,
  record_agent_time: recordAgentTime,
  submit_timesheet: submitTimesheet,
  withdraw_timesheet: withdrawTimesheet,
  list_timesheet_approvals: listTimesheetApprovals,
  decide_timesheet: decideTimesheet,
} satisfies { [Name in ToolName]: AnyTool & { name: Name } };

/** In the registry's order, which is the order tools/list shows. */
export const TOOL_LIST: readonly AnyTool[] = TOOL_NAMES.map((name) => TOOLS[name]);
