// Clockify's endpoints for bulk corrections of time entries (docs/back-ends/clockify.md, "Administration")
// beyond those the person's own entries use (api.ts: getTimeEntries on a member's id, updateTimeEntry):
// the workspace with its settings (getWorkspaceOfUser: `workspaceSettings.lockTimeEntries`, the instant
// before which the workspace's entries are locked) and the invoiced mark (updateInvoicedStatus, which a
// time entry's own update does not carry). One method per endpoint over the API module's request
// function (api.ts); nothing here decides which requests a call makes.
import type { AdminRequests } from './admin-api.ts';
import { type RefusalFor, remoteRefusal } from '../remote/remote-error.ts';
import type { RequestPurpose } from './errors.ts';
import type { ClockifyWorkspaceSettings } from './wire.ts';

/** GET /v1/workspaces/{ws} (WorkspaceDtoV1), as far as the lock goes. */
export interface ClockifyLockedWorkspace {
  id: string;
  workspaceSettings?: (ClockifyWorkspaceSettings & { lockTimeZone?: string | null }) | null;
}

export function clockifyCorrectionEndpoints({ call }: Pick<AdminRequests, 'call'>) {
  const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;
  const admin = (action: string, notFound?: RefusalFor<'not_found'>): RequestPurpose => ({ action, area: 'account', ...(notFound ? { notFound } : {}) });
  return {
    /** The workspace with its settings, for the lock date. */
    workspace: (workspaceId: string) =>
      call<ClockifyLockedWorkspace>('GET', ws(workspaceId), { ...admin("read the workspace's lock on time entries"), onlyReads: true }),
    /** Marks entries invoiced or not (updateInvoicedStatus): Clockify answers 200 without a body. */
    setInvoiced: (workspaceId: string, entryIds: readonly string[], invoiced: boolean, action: string) =>
      call<unknown>(
        'PATCH',
        `${ws(workspaceId)}/time-entries/invoiced`,
        admin(action, remoteRefusal('clockify_item_gone', { item: 'time entry', name: null, deleted: 'meanwhile' })),
        {
          body: { invoiced, timeEntryIds: [...entryIds] },
        },
      ),
  };
}

export type ClockifyCorrectionsApi = ReturnType<typeof clockifyCorrectionEndpoints>;
