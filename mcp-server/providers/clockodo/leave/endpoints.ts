// What leave on Clockodo sends: its own endpoints here, and those it shares with other capabilities picked from the
// root's api.ts.
import { type AbsenceStatusChange, type ClockodoClient, missing } from '../api.ts';
import type { ClockodoAbsence } from '../wire.ts';

export function leaveEndpoints(client: ClockodoClient) {
  const { call } = client;
  const { absences, absence, usersPage } = client.api;
  return {
    absences,
    absence,
    usersPage,
    createAbsence: async (body: Record<string, unknown>) =>
      (await call<{ data: ClockodoAbsence }>('POST', '/v4/absences', { action: 'file the leave request' }, { body })).data,
    setAbsenceStatus: (id: number, status: AbsenceStatusChange) =>
      call<unknown>(
        'PUT',
        `/v4/absences/${id}`,
        {
          action: status === 3 ? `cancel the approval of absence #${id}` : `withdraw absence #${id}`,
          notFound: missing('absence', id, { of_yours: true }),
        },
        { body: { status } },
      ),
    deleteAbsence: (id: number) =>
      call<undefined>('DELETE', `/v4/absences/${id}`, { action: `withdraw absence #${id}`, notFound: missing('absence', id, { of_yours: true }) }),
    holidaysQuota: async (userId: number, year: number) =>
      (
        await call<{ data: Array<{ users_id?: number; year_since: number; year_until: number | null; count: number }> }>(
          'GET',
          '/v2/holidaysQuota',
          { action: 'read your vacation entitlement' },
          { query: { users_id: userId, year } },
        )
      ).data,
    holidaysCarry: async (userId: number, year: number) =>
      (
        await call<{ data: Array<{ users_id?: number; year: number; count: number }> }>(
          'GET',
          '/v3/holidaysCarry',
          { action: 'read your carried-over vacation' },
          { query: { users_id: userId, year } },
        )
      ).data,
  };
}

export type LeaveEndpoints = ReturnType<typeof leaveEndpoints>;
