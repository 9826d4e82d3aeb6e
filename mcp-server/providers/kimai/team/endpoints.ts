// What the team capability sends to Kimai (docs/back-ends/kimai.md): what a lead sees and decides: the team's time, a
// project's, the leave of the people they lead. The endpoints it shares with other capabilities come from the root's
// api.ts; the rest are its own.
import { type KimaiClient, missing } from '../api.ts';

export function teamEndpoints(client: KimaiClient) {
  const { send } = client;
  const { timesheetPage, projects, absences, teams, team } = client.api;
  return {
    timesheetPage,
    projects,
    absences,
    teams,
    team,
    /** Approves or rejects an absence (the plugin's confirm and reject); neither takes a comment. */
    decideAbsence: (id: number, decision: 'confirm' | 'reject') =>
      send<unknown>('PATCH', `/absences/${id}/${decision}`, {
        action: `${decision === 'confirm' ? 'approve' : 'reject'} absence #${id}`,
        notFound: missing('absence', id, { any_more: true, caveat: 'not_visible' }),
      }),
  };
}

export type TeamEndpoints = ReturnType<typeof teamEndpoints>;
