// What the timesheets capability sends to Kimai (docs/back-ends/kimai.md): the timer and the person's own time entries:
// running, resumed, logged, changed, deleted, their meta fields. The endpoints it shares with other capabilities come
// from the root's api.ts; the rest are its own.
import { remoteRefusal } from '../../remote/remote-error.ts';
import { entryNotFound, type KimaiClient } from '../api.ts';
import type { RequestPurpose } from '../errors.ts';
import type { KimaiTimesheet } from '../wire.ts';

export function timesheetsEndpoints(client: KimaiClient) {
  const { get, send } = client;
  const { timesheetPage, timesheet, patchTimesheet, findTags, createTag } = client.api;
  return {
    timesheetPage,
    timesheet,
    patchTimesheet,
    findTags,
    createTag,
    activeTimesheets: () => get<KimaiTimesheet[]>('/timesheets/active', { action: 'read the running timer' }),
    recentTimesheets: (size: number) => get<KimaiTimesheet[]>('/timesheets/recent', { action: 'find your last project' }, { size }),
    createTimesheet: (body: Record<string, unknown>, purpose: RequestPurpose) => send<KimaiTimesheet>('POST', '/timesheets', purpose, body, { full: 'true' }),
    stopTimesheet: (id: number) =>
      send<KimaiTimesheet>('PATCH', `/timesheets/${id}/stop`, {
        action: 'stop the timer',
        notFound: remoteRefusal('kimai_running_timer_gone', { entry: id }),
      }),
    /** Starts a timer like an earlier one (Kimai's restart); `copy: all` keeps its description. */
    restartTimesheet: (id: number, body: Record<string, unknown>) =>
      send<KimaiTimesheet>('PATCH', `/timesheets/${id}/restart`, { action: 'resume your last timer' }, body),
    /** One meta field of a timesheet (Kimai takes them one request each, never in the timesheet's own body); 404 for a name it does not know. */
    setTimesheetMeta: (id: number, name: string, value: string) =>
      send<KimaiTimesheet>('PATCH', `/timesheets/${id}/meta`, { action: `set the field ${name} of time entry #${id}` }, { name, value }),
    deleteTimesheet: (id: number) => send<undefined>('DELETE', `/timesheets/${id}`, { action: `delete time entry #${id}`, notFound: entryNotFound(id) }),
  };
}

export type TimesheetsEndpoints = ReturnType<typeof timesheetsEndpoints>;
