// What the leave capability sends to Kimai (docs/back-ends/kimai.md): the person's absences on the absence plugin:
// listed, filed, cancelled. The endpoints it shares with other capabilities come from the root's api.ts; the rest are
// its own.
import { type KimaiClient, missing } from '../api.ts';
import type { KimaiAbsence } from '../wire.ts';

export function leaveEndpoints(client: KimaiClient) {
  const { send } = client;
  const { absences } = client.api;
  return {
    absences,
    createAbsence: (body: Record<string, unknown>) => send<KimaiAbsence[] | KimaiAbsence>('POST', '/absences', { action: 'request the absence' }, body),
    deleteAbsence: (id: number) =>
      send<undefined>('DELETE', `/absences/${id}`, { action: `cancel absence #${id}`, notFound: missing('absence', id, { caveat: 'not_yours' }) }),
  };
}

export type LeaveEndpoints = ReturnType<typeof leaveEndpoints>;
