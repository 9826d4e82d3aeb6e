// What bulk corrections of time entries send to Clockify (docs/back-ends/clockify.md, "Administration") beyond what
// the person's own entries use: the workspace with its settings (getWorkspaceOfUser: `workspaceSettings.lockTimeEntries`,
// the instant before which the workspace's entries are locked) and the invoiced mark (updateInvoicedStatus, which a
// time entry's own update does not carry). The people, a member's entries, an entry replaced and the tags come from
// the root's api.ts. Nothing here decides which requests a call makes.
import { account, type ClockifyApiClient, ws } from '../api.ts';
import { remoteRefusal } from '../../remote/remote-error.ts';
import type { ClockifyWorkspaceSettings } from '../wire.ts';

/** GET /v1/workspaces/{ws} (WorkspaceDtoV1), as far as the lock goes. */
export interface ClockifyLockedWorkspace {
  id: string;
  workspaceSettings?: (ClockifyWorkspaceSettings & { lockTimeZone?: string | null }) | null;
}

export function correctionsEndpoints(client: ClockifyApiClient) {
  const { call } = client;
  const { peoplePage, memberEntriesPage, replaceEntry, tags } = client.api;
  return {
    peoplePage,
    memberEntriesPage,
    replaceEntry,
    tags,
    /** The workspace with its settings, for the lock date. */
    lockedWorkspace: (workspaceId: string) =>
      call<ClockifyLockedWorkspace>('GET', ws(workspaceId), { ...account("read the workspace's lock on time entries"), onlyReads: true }),
    /** Marks entries invoiced or not (updateInvoicedStatus): Clockify answers 200 without a body. */
    setInvoiced: (workspaceId: string, entryIds: readonly string[], invoiced: boolean, action: string) =>
      call<unknown>(
        'PATCH',
        `${ws(workspaceId)}/time-entries/invoiced`,
        account(action, remoteRefusal('clockify_item_gone', { item: 'time entry', name: null, deleted: 'meanwhile' })),
        {
          body: { invoiced, timeEntryIds: [...entryIds] },
        },
      ),
  };
}

export type CorrectionsEndpoints = ReturnType<typeof correctionsEndpoints>;
