// What the timer and the entries on Clockodo sends: its own endpoints here, and those it shares with other
// capabilities picked from the root's api.ts.
import { remoteRefusal } from '../../remote/remote-error.ts';
import { type ClockodoClient, entryNotFound } from '../api.ts';
import type { ClockodoClock, ClockodoEntry } from '../wire.ts';

export function timesheetsEndpoints(client: ClockodoClient) {
  const { call } = client;
  const { clock, entryPage, entry, changeEntry } = client.api;
  return {
    clock,
    entryPage,
    entry,
    changeEntry,
    startClock: (body: Record<string, unknown>) => call<ClockodoClock>('POST', '/v2/clock', { action: 'start the timer' }, { body }),
    stopClock: (id: number, timeUntil?: string, usersId?: number) =>
      call<ClockodoClock>(
        'DELETE',
        `/v2/clock/${id}`,
        { action: 'stop the timer', notFound: remoteRefusal('clockodo_running_timer_gone', { entry: id }) },
        timeUntil === undefined && usersId === undefined
          ? {}
          : { query: { ...(timeUntil === undefined ? {} : { time_until: timeUntil }), ...(usersId === undefined ? {} : { users_id: usersId }) } },
      ),
    createEntry: async (body: Record<string, unknown>) =>
      (await call<{ entry: ClockodoEntry }>('POST', '/v2/entries', { action: 'log the time' }, { body })).entry,
    deleteEntry: (id: number) => call<undefined>('DELETE', `/v2/entries/${id}`, { action: `delete time entry #${id}`, notFound: entryNotFound(id) }),
  };
}

export type TimesheetsEndpoints = ReturnType<typeof timesheetsEndpoints>;
