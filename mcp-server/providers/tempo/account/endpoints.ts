// What the account sends to Tempo beyond the person (the root's): the teams the person may see, to learn whether they
// lead one, and the reads a connection test asks to learn which of the token's scopes are missing.
import { segment, type TempoClient } from '../api.ts';
import type { TempoApproval, TempoPage, TempoScheduleDay, TempoTeam, TempoWorklog } from '../wire.ts';

export function accountEndpoints(client: TempoClient) {
  const { tempoCall, tempoList } = client;
  return {
    teams: () => tempoList<TempoTeam>('/4/teams', {}, { action: 'read your Tempo teams', scope: 'Teams' }),
    /** One day of the person's worklogs, one row at most: whether the token may read worklogs. */
    probeWorklogs: (accountId: string, day: string) =>
      tempoCall<TempoPage<TempoWorklog>>(
        'GET',
        `/4/worklogs/user/${segment(accountId)}`,
        { action: 'read your worklogs', scope: 'Worklogs' },
        { query: { from: day, to: day, limit: 1 } },
      ),
    probeSchedule: (day: string) =>
      tempoCall<TempoPage<TempoScheduleDay>>('GET', '/4/user-schedule', { action: 'read your schedule', scope: 'Schemes' }, { query: { from: day, to: day } }),
    probeApprovals: (accountId: string, day: string) =>
      tempoCall<TempoApproval>(
        'GET',
        `/4/timesheet-approvals/user/${segment(accountId)}`,
        { action: 'read your timesheet approval', scope: 'Approvals' },
        { query: { from: day } },
      ),
    probeTeams: () => tempoCall<TempoPage<TempoTeam>>('GET', '/4/teams', { action: 'read your Tempo teams', scope: 'Teams' }, { query: { limit: 1 } }),
  };
}

export type AccountEndpoints = ReturnType<typeof accountEndpoints>;
