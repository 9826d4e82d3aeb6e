// What Punchcard learned about a Tempo Timesheets site that shapes the next start (remote/facts-file.ts): the person's
// Jira zone (so the opening knows the day without a request), the site's approval period and where its weeks start,
// and whether the person leads a Tempo team (learned once the team tools are on). Keyed by the Jira login and the site.
// Never a secret nor whose the Tempo token is: each process asks Jira who the person is. No zod and no HTTP here: the
// opening reads it.
import { defined, factsFile, pick } from '../remote/facts-file.ts';

export const TEMPO_FACTS_FILE = 'tempo-sites.json';

export interface TempoFacts {
  /** The person's zone in their Jira profile (IANA). */
  timezone?: string;
  /** The site's timesheet approval period, as Punchcard names it, and the weekday its weeks start on (1 Monday … 7 Sunday). */
  approvalPeriod?: string;
  approvalWeekStart?: number;
  /** The person leads at least one Tempo team (the team tools are offered). */
  leadsTeams?: boolean;
  /** When the site's configuration was last read (ISO time). */
  checkedAt?: string;
}

export const tempoFacts = factsFile<TempoFacts>(TEMPO_FACTS_FILE, (entry) =>
  defined({
    timezone: pick.text(entry.timezone),
    approvalPeriod: pick.text(entry.approvalPeriod),
    approvalWeekStart: pick.integer(entry.approvalWeekStart),
    leadsTeams: pick.boolean(entry.leadsTeams),
    checkedAt: pick.text(entry.checkedAt),
  }),
);

/** One Jira login at one site. */
export function tempoFactsKey(profile: { url: string; email: string }): string {
  return `${profile.email} at ${profile.url}`;
}
