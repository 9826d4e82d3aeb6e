// What the plan sends to Clockify (docs/back-ends/clockify.md): the person's member profile (their work capacity and
// working days) and the holidays their workspace assigns them. The endpoints it shares with other capabilities come
// from the root's api.ts; the rest are its own.
import { account, type ClockifyApiClient, ws } from '../api.ts';
import type { ClockifyHoliday } from '../wire.ts';

export function planEndpoints(client: ClockifyApiClient) {
  const { list } = client;
  const { memberProfile } = client.api;
  return {
    memberProfile,
    holidaysInPeriod: (workspaceId: string, userId: string, start: string, end: string) =>
      list<ClockifyHoliday>(`${ws(workspaceId)}/holidays/in-period`, account('read your holidays'), { query: { 'assigned-to': userId, start, end } }),
  };
}

export type PlanEndpoints = ReturnType<typeof planEndpoints>;
