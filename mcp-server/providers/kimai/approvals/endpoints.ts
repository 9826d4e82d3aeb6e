// What the approvals capability sends to Kimai (docs/back-ends/kimai.md): the ApprovalBundle plugin's weeks: submitted,
// their status, a lead's people's and their entries. The endpoints it shares with other capabilities come from the
// root's api.ts; the rest are its own.
import type { KimaiClient } from '../api.ts';

export function approvalsEndpoints(client: KimaiClient) {
  const { send } = client;
  const { weekStatus, nextWeek, timesheetPage, teams, team } = client.api;
  return {
    weekStatus,
    nextWeek,
    timesheetPage,
    teams,
    team,
    /** Submits the week starting `monday` of the caller (or of `user`, with the right); answers the URL of the week's page. */
    submitWeek: (monday: string, user?: number) =>
      send<unknown>('POST', '/approval-bundle/add_to_approve', { action: `submit the week of ${monday}` }, undefined, {
        ...(user === undefined ? {} : { user }),
        date: monday,
      }),
  };
}

export type ApprovalsEndpoints = ReturnType<typeof approvalsEndpoints>;
