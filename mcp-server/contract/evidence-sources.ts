// The sources of a day's evidence and what the settings switch on, free of zod: the tool switches
// (tool-policy.ts) offer the evidence tools only where a source is on, and they decide tools/list at a
// stdio connection's opening without loading zod. The schema is in evidence-settings.ts.

export const EVIDENCE_SOURCES = ['calendar', 'git', 'activity', 'ai'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

/** Written where a feed address's secret part stands; the secret itself is in the keychain (feedSecretAccount). */
export const FEED_SECRET_PLACEHOLDER = '{secret}';

/** The keychain account a calendar feed's secret is filed under, by the calendar's name. */
export function feedSecretAccount(calendar: string): string {
  return `calendar-feed:${calendar}`;
}

/**
 * What evidenceSourcesOn reads of the evidence settings: their shape, not their schema, so this file
 * stands under evidence-settings.ts (which holds the schema and re-exports what is here) and not beside it.
 */
export interface EvidenceSwitches {
  readonly calendars: readonly unknown[];
  readonly git: { readonly folders: readonly unknown[] };
  readonly activity: { readonly enabled: boolean };
  readonly aiSessions: { readonly enabled: boolean };
}

/**
 * The sources these settings switch on (a calendar or git folder named, or a journal switched on),
 * and those the host reads whatever the settings say (`hosted`: the team server's company calendar,
 * which the administrator sets up for everyone, docs/team-server/company-calendar.md).
 */
export function evidenceSourcesOn(evidence: EvidenceSwitches, hosted: readonly EvidenceSource[] = []): EvidenceSource[] {
  const on: EvidenceSource[] = [];
  if (evidence.calendars.length > 0 || hosted.includes('calendar')) on.push('calendar');
  if (evidence.git.folders.length > 0 || hosted.includes('git')) on.push('git');
  if (evidence.activity.enabled || hosted.includes('activity')) on.push('activity');
  if (evidence.aiSessions.enabled || hosted.includes('ai')) on.push('ai');
  return on;
}
