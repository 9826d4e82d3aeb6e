// What the team's tools on Clockodo sends: its own endpoints here, and those it shares with other capabilities picked
// from the root's api.ts.
import { type ClockodoClient, missing } from '../api.ts';
import type { ClockodoAbsence } from '../wire.ts';

export function teamEndpoints(client: ClockodoClient) {
  const { call } = client;
  const { entryPage, customersPage, projectsPage, absences, absence, usersPage } = client.api;
  return {
    entryPage,
    customersPage,
    projectsPage,
    absences,
    absence,
    usersPage,
    /** The absences of the given years the person may decide (`scope=manageableAbsences`). */
    manageableAbsences: async (years: readonly number[]) =>
      (
        await call<{ data: ClockodoAbsence[] }>(
          'GET',
          '/v4/absences',
          { action: 'read the absences you manage' },
          {
            query: { scope: 'manageableAbsences', 'filter[year]': years },
          },
        )
      ).data,
    /**
     * Approves (1) or declines (2) an absence: a status change, which needs absence-management rights. A `note` replaces
     * the absence's note (organisation.ts sends the person's own with a line after it).
     */
    decideAbsence: async (id: number, status: 1 | 2, note?: string) =>
      (
        await call<{ data: ClockodoAbsence }>(
          'PUT',
          `/v4/absences/${id}`,
          { action: `${status === 1 ? 'approve' : 'decline'} absence #${id}`, notFound: missing('absence', id, { any_more: true }) },
          { body: note === undefined ? { status } : { status, note } },
        )
      ).data,
  };
}

export type TeamEndpoints = ReturnType<typeof teamEndpoints>;
