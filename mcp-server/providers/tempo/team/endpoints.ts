// What the team report sends to Tempo: the teams (to find those the person leads), a team's memberships, a member's
// schedule, and a member's worklogs by their accountId (the root's). Names come from Jira (the root's context).
import { segment, type TempoClient } from '../api.ts';
import type { TempoMembership, TempoPage, TempoScheduleDay, TempoTeam } from '../wire.ts';

export function teamEndpoints(client: TempoClient) {
  const { tempoCall, tempoList } = client;
  return {
    worklogsOf: client.api.worklogsOf,
    teams: () => tempoList<TempoTeam>('/4/teams', {}, { action: 'read your Tempo teams', scope: 'Teams' }),
    memberships: (teamId: number) =>
      tempoList<TempoMembership>(`/4/team-memberships/team/${segment(teamId)}`, {}, { action: "read your team's members", scope: 'Teams' }),
    scheduleOf: (accountId: string, from: string, to: string) =>
      tempoCall<TempoPage<TempoScheduleDay>>(
        'GET',
        `/4/user-schedule/${segment(accountId)}`,
        { action: "read your team member's schedule", scope: 'Schemes' },
        {
          query: { from, to },
        },
      ),
  };
}

export type TeamEndpoints = ReturnType<typeof teamEndpoints>;
