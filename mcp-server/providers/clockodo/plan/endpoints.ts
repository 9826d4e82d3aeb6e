// What the person's plan on Clockodo sends: its own endpoints here, and those it shares with other capabilities picked
// from the root's api.ts.
import { type ClockodoClient } from '../api.ts';
import type { ClockodoNonbusinessDay, ClockodoTargetHours, ClockodoUserReport } from '../wire.ts';

export function planEndpoints(client: ClockodoClient) {
  const { call } = client;
  return {
    targetHours: async (userId: number) =>
      (await call<{ targethours: ClockodoTargetHours[] }>('GET', '/targethours', { action: 'read your target hours' }, { query: { users_id: userId } }))
        .targethours,
    nonbusinessDays: async (userId: number, year: number) =>
      (
        await call<{ data: Array<{ users_id: number; days: ClockodoNonbusinessDay[] }> }>(
          'GET',
          '/v2/usersNonbusinessDays',
          { action: 'read your non-business days' },
          {
            query: { year, 'filter[users_id]': [userId] },
          },
        )
      ).data,
    userReport: async (userId: number, year: number) =>
      (await call<{ userreport: ClockodoUserReport }>('GET', `/userreports/${userId}`, { action: 'read your time account' }, { query: { year, type: 0 } }))
        .userreport,
  };
}

export type PlanEndpoints = ReturnType<typeof planEndpoints>;
