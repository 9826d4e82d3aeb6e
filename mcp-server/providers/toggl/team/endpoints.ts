// What the team tools send to Toggl Track (docs/back-ends/toggl.md, "For leads"): a page of the Reports API v3's
// detailed report, always naming whom (`user_ids`) or what (`project_ids`) it is about, and one project read alone for
// its estimate. Both on the organisation's quota. The people come from the context (workspace users).
import { type TogglApiClient, workspaceRequest, ws } from '../api.ts';
import { remoteRefusal } from '../../remote/remote-error.ts';
import type { TogglProjectDetail, TogglReportRow } from '../wire.ts';

/** A page of the detailed report asked for: whom or what it names, the dates (the end included), and where the page starts. */
export type ReportQuery = ({ user_ids: number[] } | { project_ids: number[] }) & {
  start_date: string;
  end_date: string;
  page_size: number;
  order_by?: 'user' | 'date';
  first_row_number?: number;
};

export function teamEndpoints(client: TogglApiClient) {
  const { call, report } = client;
  return {
    reportPage: (workspaceId: number, query: ReportQuery, action: string) =>
      report<TogglReportRow[] | null>(`/workspace/${workspaceId}/search/time_entries`, workspaceRequest(action), query),
    project: (workspaceId: number, projectId: number) =>
      call<TogglProjectDetail>(
        'GET',
        `${ws(workspaceId)}/projects/${projectId}`,
        workspaceRequest(
          'read the project',
          remoteRefusal('remote_record_missing', { service: 'Toggl Track', record: 'project', id: projectId, any_more: true, caveat: 'not_yours' }),
        ),
      ),
  };
}

export type TeamEndpoints = ReturnType<typeof teamEndpoints>;
