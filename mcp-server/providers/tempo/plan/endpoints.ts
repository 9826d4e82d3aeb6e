// What the plan sends to Tempo: the person's own schedule (the logged-in user's: it needs the token's Schemes scope).
import type { TempoClient } from '../api.ts';
import type { TempoPage, TempoScheduleDay } from '../wire.ts';

export function planEndpoints(client: TempoClient) {
  const { tempoCall } = client;
  return {
    schedule: (from: string, to: string) =>
      tempoCall<TempoPage<TempoScheduleDay>>('GET', '/4/user-schedule', { action: 'read your schedule', scope: 'Schemes' }, { query: { from, to } }),
  };
}

export type PlanEndpoints = ReturnType<typeof planEndpoints>;
