// What leave sends to Calamari's Time Off (docs/back-ends/calamari.md, "Leave requests", "Balances"): the person's
// requests, a request filed for them, their vacation balance, and the absence calendar read by team, never by
// colleague. The absence types are the root's (context.ts keeps them for an hour).
import { type CalamariClient, people, timeOff } from '../api.ts';
import type { CalamariBalance, CalamariEmployeePage, CalamariRequest } from '../wire.ts';

export function leaveEndpoints(client: CalamariClient) {
  const { post, find, findUnnamed, email } = client;
  return {
    requests: (from: string, to: string) =>
      findUnnamed<CalamariRequest[]>('/leave/request/v1/find', { employee: email, from, to }, timeOff('list your leave requests')),
    teamRequests: (from: string, to: string, teams: readonly number[]) =>
      find<CalamariRequest[]>('/leave/request/v1/find-advanced', { from, to, teams }, timeOff("read your teams' absences")),
    createRequest: (fields: Record<string, unknown>) =>
      post<{ id: number }>('/leave/request/v1/create', { employee: email, ...fields }, timeOff('file the leave request')),
    entitlementBalance: (absenceTypeId: number, date: string) =>
      findUnnamed<CalamariBalance>(
        '/leave/v1/entitlement-balance/get',
        { absenceTypeId: String(absenceTypeId), employee: email, date },
        timeOff('read your vacation balance'),
      ),
    /** A page of the people of the person's teams: colleagues are reached by team, never by name. */
    teamMembers: (teams: readonly number[], page: number) =>
      find<CalamariEmployeePage>('/employees/v1/search', { teams, page }, people("read your teams' names")),
  };
}

export type LeaveEndpoints = ReturnType<typeof leaveEndpoints>;
