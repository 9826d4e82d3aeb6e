// What the timer and the entries send to Clockify (docs/back-ends/clockify.md): the person's running entry, their
// entries by range, an entry logged (for another member: the team server acting for one person), replaced, deleted,
// and the timer stopped. The endpoints it shares with other capabilities come from the root's api.ts; the rest are its own.
import { remoteRefusal } from '../../remote/remote-error.ts';
import { type ClockifyApiClient, type EntryFilter, entryNotFound, entryOf, id, tracking, ws } from '../api.ts';
import { withIds } from '../mapping.ts';
import type { ClockifyTimeEntry } from '../wire.ts';

export function timesheetsEndpoints(client: ClockifyApiClient) {
  const { call, list, listPage } = client;
  const { entry, replaceEntry, tags, createTag } = client.api;
  return {
    entry,
    replaceEntry,
    tags,
    createTag,
    /** The person's running entry: a list of none or one. */
    runningEntries: async (workspaceId: string, userId: string) =>
      (
        await list<ClockifyTimeEntry>(`${ws(workspaceId)}/user/${id(userId)}/time-entries`, tracking('read the running timer'), {
          query: { 'in-progress': 'true', hydrated: true, page: 1, 'page-size': 1 },
        })
      ).map(withIds),
    entriesPage: async (workspaceId: string, userId: string, filter: EntryFilter, page: number) => {
      const got = await listPage<ClockifyTimeEntry>(
        `${ws(workspaceId)}/user/${id(userId)}/time-entries`,
        tracking('read your time entries'),
        { ...filter, hydrated: true },
        page,
      );
      return { ...got, items: got.items.map(withIds) };
    },
    createEntry: async (workspaceId: string, body: Record<string, unknown>, action: string) =>
      entryOf(await call<ClockifyTimeEntry>('POST', `${ws(workspaceId)}/time-entries`, tracking(action), { body })),
    /**
     * Adds an entry for another member (createForOthers): the team server acting for one person with the
     * organisation's key (organisation.ts), never the desktop.
     */
    createEntryFor: async (workspaceId: string, userId: string, body: Record<string, unknown>, action: string) =>
      entryOf(await call<ClockifyTimeEntry>('POST', `${ws(workspaceId)}/user/${id(userId)}/time-entries`, tracking(action), { body })),
    deleteEntry: (workspaceId: string, entryId: string, number: number) =>
      call<undefined>('DELETE', `${ws(workspaceId)}/time-entries/${id(entryId)}`, tracking(`delete time entry #${number}`, entryNotFound(number))),
    /** Stops the person's running timer at `end`. */
    stopRunning: async (workspaceId: string, userId: string, end: string) =>
      entryOf(
        await call<ClockifyTimeEntry>(
          'PATCH',
          `${ws(workspaceId)}/user/${id(userId)}/time-entries`,
          tracking('stop the timer', remoteRefusal('clockify_running_timer_gone', {})),
          { body: { end } },
        ),
      ),
  };
}

export type TimesheetsEndpoints = ReturnType<typeof timesheetsEndpoints>;
