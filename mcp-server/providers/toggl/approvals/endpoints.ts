// What timesheet approvals send to Toggl Track (docs/back-ends/toggl.md, "Timesheet approvals"), a Premium feature, on
// the organisation's quota: timesheets listed, always naming whose (`member_ids`) or whose approver (`approver_ids`),
// one timesheet's status changed by its setup and its period's first day, and one timesheet's entries. The setups naming
// the person are the context's (api.ts).
import { remoteRefusal } from '../../remote/remote-error.ts';
import { type TogglApiClient, workspaceRequest, ws } from '../api.ts';
import type { TogglTimeEntry, TogglTimesheet } from '../wire.ts';

/** A list of timesheets asked for: whose, by the people's own ids (comma-separated), and the starts (timesheet-readings.ts). */
export type TimesheetQuery = ({ member_ids: string } | { approver_ids: number }) & {
  timesheet_setup_ids?: number;
  after: string;
  before: string;
  per_page: number;
};

/** A 404 of one timesheet: no such setup or period (any more). */
const gone = (setupId: number, firstDay: string) => remoteRefusal('timesheet_submission_not_found', { id: `${setupId}:${firstDay}` });

export function approvalsEndpoints(client: TogglApiClient) {
  const { call } = client;
  return {
    timesheets: (workspaceId: number, query: TimesheetQuery, action: string) =>
      call<unknown>('GET', `${ws(workspaceId)}/timesheets`, workspaceRequest(action), { query }),
    /** One timesheet's status (and a rejection's comment): `PUT …/timesheets/{setup_id}/{start_date}`. */
    change: (workspaceId: number, setupId: number, firstDay: string, body: { status: string; rejection_comment?: string }, action: string) =>
      call<TogglTimesheet | null>('PUT', `${ws(workspaceId)}/timesheets/${setupId}/${firstDay}`, workspaceRequest(action, gone(setupId, firstDay)), {
        body,
      }),
    /** The entries a timesheet holds, as its approver reads them. */
    entries: (workspaceId: number, setupId: number, firstDay: string) =>
      call<TogglTimeEntry[] | null>(
        'GET',
        `${ws(workspaceId)}/timesheets/${setupId}/${firstDay}/time_entries`,
        workspaceRequest("read the timesheet's time entries", gone(setupId, firstDay)),
      ),
  };
}

export type ApprovalsEndpoints = ReturnType<typeof approvalsEndpoints>;
