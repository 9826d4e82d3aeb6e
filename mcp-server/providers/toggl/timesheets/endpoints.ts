// What the timer and the entries send to Toggl Track (docs/back-ends/toggl.md, "Time entries"): the person's entries
// by the range of their starts and one by id (both /me requests, on the person's own quota, with the names of their
// project and task), and in the workspace an entry created, changed, stopped by Toggl's own stop, and deleted (on the
// organisation's quota).
import { remoteRefusal } from '../../remote/remote-error.ts';
import { entryNotFound, mine, type TogglApiClient, workspaceRequest, ws } from '../api.ts';
import type { TogglTimeEntry } from '../wire.ts';

/** Toggl asks a new entry to say what made it. */
export const CREATED_WITH = 'Punchcard';

const timerGone = () => remoteRefusal('toggl_running_timer_gone', {});

export function timesheetsEndpoints(client: TogglApiClient) {
  const { call } = client;
  return {
    /** The person's entries (of every workspace) that start in [start, end): one request, no paging; running ones too. */
    entries: (start: string, end: string) =>
      call<TogglTimeEntry[] | null>('GET', '/me/time_entries', mine('read your time entries'), { query: { start_date: start, end_date: end, meta: true } }),
    entry: (id: number) => call<TogglTimeEntry>('GET', `/me/time_entries/${id}`, mine(`read time entry #${id}`, entryNotFound(id)), { query: { meta: true } }),
    create: (workspaceId: number, body: Record<string, unknown>, action: string) =>
      call<TogglTimeEntry>('POST', `${ws(workspaceId)}/time_entries`, workspaceRequest(action), {
        body: { ...body, created_with: CREATED_WITH, workspace_id: workspaceId },
      }),
    /** Only the fields that change. */
    update: (workspaceId: number, id: number, body: Record<string, unknown>, action: string) =>
      call<TogglTimeEntry>('PUT', `${ws(workspaceId)}/time_entries/${id}`, workspaceRequest(action, entryNotFound(id)), { body }),
    /** Toggl's own stop: the entry ends now, as Toggl's clock has it. */
    stop: (workspaceId: number, id: number) =>
      call<TogglTimeEntry>('PATCH', `${ws(workspaceId)}/time_entries/${id}/stop`, workspaceRequest('stop the timer', timerGone(), timerGone())),
    remove: (workspaceId: number, id: number) =>
      call<undefined>('DELETE', `${ws(workspaceId)}/time_entries/${id}`, workspaceRequest(`delete time entry #${id}`, entryNotFound(id))),
  };
}

export type TimesheetsEndpoints = ReturnType<typeof timesheetsEndpoints>;
