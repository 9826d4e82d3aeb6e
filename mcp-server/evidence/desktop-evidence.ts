// How the desktop engine reads the person's evidence: the calendars and repositories the settings
// name, and the journals on this computer (the app's activity, the engines' AI sessions). A calendar
// feed's secret comes from the keychain, by the calendar's name, never from the settings file.
import { feedSecretAccount } from '../contract/evidence-sources.ts';
import type { CredentialStore } from '../credentials/index.ts';
import { readCalendar } from './calendar-source.ts';
import { EVIDENCE_LIMITS, type EvidenceItem, type EvidenceReader, type SourceReading } from './evidence.ts';
import { gitEvidence } from './git.ts';
import { evidenceJournalOf } from './journal.ts';

export function desktopEvidence(options: { userDataDir: string; credentials: () => CredentialStore; log: (message: string) => void }): EvidenceReader {
  return {
    async read(source, evidence, range) {
      switch (source) {
        case 'calendar': {
          const secret = (name: string) => options.credentials().get(feedSecretAccount(name));
          // One after another, so the limit of events counts across every calendar of the call.
          const readings: SourceReading[] = [];
          let left: number = EVIDENCE_LIMITS.events;
          for (const calendar of evidence.calendars) {
            if (left <= 0) {
              readings.push({
                items: [],
                skipped: [
                  {
                    source: 'calendar',
                    problem: `Calendar "${calendar.name}" was not read: the calendars before it gave ${EVIDENCE_LIMITS.events} events already; ask for fewer days.`,
                  },
                ],
              });
              continue;
            }
            const reading = await readCalendar(calendar, {
              secret,
              from: range.from,
              to: range.to,
              emails: evidence.emails,
              zone: range.timezone,
              limit: left,
            });
            left -= reading.items.length;
            readings.push(reading);
          }
          return together(readings);
        }
        case 'git':
          return gitEvidence(evidence.git.folders, { from: range.from, to: range.to, emails: evidence.emails });
        case 'activity':
          return evidenceJournalOf(options.userDataDir, options.log).activityEvidence(range.from, range.to);
        case 'ai':
          return evidenceJournalOf(options.userDataDir, options.log).aiEvidence(range.from, range.to);
      }
    },
  };
}

/**
 * Several calendars' evidence as one: an occurrence in two calendars (the same invitation in a
 * shared and a personal calendar) is one piece of evidence, by its key.
 */
function together(readings: readonly SourceReading[]): SourceReading {
  const items = new Map<string, EvidenceItem>();
  for (const reading of readings) for (const item of reading.items) if (!items.has(item.key)) items.set(item.key, item);
  return { items: [...items.values()], skipped: readings.flatMap((reading) => reading.skipped) };
}
