// Every tool's contract by name: what main needs to call a tool and read its answer, without the
// handlers (and the back ends they reach).
import type { ToolName } from '../tool-catalog.ts';
import type { ToolContract } from './tool-contract.ts';
import { absenceCalendarContract } from './absence-calendar.ts';
import { archiveCatalogItemContract } from './archive-catalog-item.ts';
import { cancelLeaveRequestContract } from './cancel-leave-request.ts';
import { clockInContract } from './clock-in.ts';
import { clockOutContract } from './clock-out.ts';
import { createCatalogItemContract } from './create-catalog-item.ts';
import { deleteTimeEntryContract } from './delete-time-entry.ts';
import { endBreakContract } from './end-break.ts';
import { leaveBalanceContract } from './leave-balance.ts';
import { listCatalogContract } from './list-catalog.ts';
import { listLeaveRequestsContract } from './list-leave-requests.ts';
import { listTimeEntriesContract } from './list-time-entries.ts';
import { logTimeContract } from './log-time.ts';
import { requestLeaveContract } from './request-leave.ts';
import { startBreakContract } from './start-break.ts';
import { timeReportContract } from './time-report.ts';
import { timerStatusContract } from './timer-status.ts';
import { updateTimeEntryContract } from './update-time-entry.ts';
import { whoamiContract } from './whoami.ts';
import { decideLeaveRequestContract } from './decide-leave-request.ts';
import { listPendingLeaveContract } from './list-pending-leave.ts';
import { projectStatusContract } from './project-status.ts';
import { teamReportContract } from './team-report.ts';

export const TOOL_CONTRACTS = {
  absence_calendar: absenceCalendarContract,
  archive_catalog_item: archiveCatalogItemContract,
  cancel_leave_request: cancelLeaveRequestContract,
  clock_in: clockInContract,
  clock_out: clockOutContract,
  create_catalog_item: createCatalogItemContract,
  delete_time_entry: deleteTimeEntryContract,
  end_break: endBreakContract,
  leave_balance: leaveBalanceContract,
  list_catalog: listCatalogContract,
  list_leave_requests: listLeaveRequestsContract,
  list_time_entries: listTimeEntriesContract,
  log_time: logTimeContract,
  request_leave: requestLeaveContract,
  start_break: startBreakContract,
  time_report: timeReportContract,
  timer_status: timerStatusContract,
  update_time_entry: updateTimeEntryContract,
  whoami: whoamiContract,
  team_report: teamReportContract,
  project_status: projectStatusContract,
  list_pending_leave: listPendingLeaveContract,
  decide_leave_request: decideLeaveRequestContract,
} satisfies Record<ToolName, ToolContract>;
