// What the timer and the worklogs send to Tempo (docs/back-ends/tempo.md): the person's worklogs by day (always by
// their accountId) and one by its number, which the root's api.ts sends; a worklog booked, replaced whole (PUT takes
// every value: what it does not carry is lost) and deleted, which are this capability's own.
import { segment, type TempoClient, worklogNotFound } from '../api.ts';
import type { TempoWorklog, TempoWorklogInput } from '../wire.ts';

export function timesheetsEndpoints(client: TempoClient) {
  const { tempoCall } = client;
  const { worklogsOf, worklog } = client.api;
  return {
    worklogsOf,
    worklog,
    createWorklog: (input: TempoWorklogInput, action: string) => tempoCall<TempoWorklog>('POST', '/4/worklogs', { action, scope: 'Worklogs' }, { body: input }),
    /** Replaces the worklog with `input`: every value it keeps must be in it. */
    replaceWorklog: (id: number, input: TempoWorklogInput) =>
      tempoCall<TempoWorklog>(
        'PUT',
        `/4/worklogs/${segment(id)}`,
        { action: `change worklog #${id}`, notFound: worklogNotFound(id), scope: 'Worklogs' },
        { body: input },
      ),
    deleteWorklog: (id: number) =>
      tempoCall<undefined>('DELETE', `/4/worklogs/${segment(id)}`, { action: `delete worklog #${id}`, notFound: worklogNotFound(id), scope: 'Worklogs' }),
  };
}

export type TimesheetsEndpoints = ReturnType<typeof timesheetsEndpoints>;
