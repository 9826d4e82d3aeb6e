// What the timer and the entries send to Harvest (docs/back-ends/harvest.md): the person's entries by day (every list
// names them), one entry by its number, an entry made, changed or deleted, and Harvest's own stop and restart of a
// timer. The list and the read are the root's (api.ts); the rest are this capability's own.
import { entryNotFound, type HarvestClient } from '../api.ts';
import type { HarvestTimeEntry } from '../wire.ts';

export function timesheetsEndpoints(client: HarvestClient) {
  const { call } = client;
  const { entries, entry } = client.api;
  const path = (id: number) => `/v2/time_entries/${id}`;
  return {
    entries,
    entry,
    createEntry: (body: Record<string, unknown>, action: string) => call<HarvestTimeEntry>('POST', '/v2/time_entries', { action }, { body }),
    /** Changes only what `body` names: Harvest leaves the rest as it is. */
    updateEntry: (id: number, body: Record<string, unknown>, action: string) =>
      call<HarvestTimeEntry>('PATCH', path(id), { action, notFound: entryNotFound(id) }, { body }),
    deleteEntry: (id: number) => call<undefined>('DELETE', path(id), { action: `delete time entry #${id}`, notFound: entryNotFound(id) }),
    stop: (id: number) => call<HarvestTimeEntry>('PATCH', `${path(id)}/stop`, { action: 'stop the timer', notFound: entryNotFound(id) }),
    /** Harvest's restart of a stopped entry: the same entry runs on (durations), or a new one starts (start and end times). */
    restart: (id: number) => call<HarvestTimeEntry>('PATCH', `${path(id)}/restart`, { action: 'start the timer', notFound: entryNotFound(id) }),
  };
}

export type TimesheetsEndpoints = ReturnType<typeof timesheetsEndpoints>;
