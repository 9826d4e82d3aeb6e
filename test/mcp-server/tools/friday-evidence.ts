// A Friday's evidence as a reader hands it over, for the tests of suggest_entries and
// book_suggested_entries on the local timesheet (and of their refusals, in
// test/mcp-server/contract/outcomes/evidence.test.ts): the clock, the sprint planning on the calendar,
// commits to the repository shop, a reader over a list, and a back end that fails between two writes.
import type { EvidenceItem, EvidenceReader } from '../../../mcp-server/evidence/evidence.ts';
import type { TimeTracker } from '../../../mcp-server/providers/time-tracker.ts';

/** Friday 20 November 2026, 17:00 in Berlin (UTC+1). */
export const NOW = Date.parse('2026-11-20T16:00:00Z');

/** A wall time in Berlin on that Friday, or on `date`. */
export const at = (wall: string, date = '2026-11-20') => Date.parse(`${date}T${wall}:00+01:00`);

/** The Friday's entries, as listEntries is asked for them. */
export const DAY = { from: at('00:00'), to: at('23:59'), limit: 10, offset: 0 };

/** Sprint planning on the calendar, 09:00 to 10:00. */
export const SPRINT_PLANNING: EvidenceItem = {
  source: 'calendar',
  key: 'cal:planning-1:1763629200000',
  start: at('09:00'),
  end: at('10:00'),
  text: 'Sprint planning',
  matchTexts: ['Sprint planning'],
  tickets: [],
};

/** The person's commit `hash` to the repository shop at `wall`, on `branch` where given (with the ticket its name carries). */
export function shopCommit(hash: string, wall: string, subject: string, branch?: { name: string; ticket: string }): EvidenceItem {
  return {
    source: 'git',
    key: `git:shop:${hash}`,
    start: at(wall),
    end: at(wall),
    text: subject,
    matchTexts: branch ? [subject, branch.name, 'shop'] : [subject, 'shop'],
    tickets: branch ? [branch.ticket] : [],
    group: 'shop',
  };
}

/** A reader that hands over the items of the source asked for that fall in the range, and records which sources were read. */
export function readerOf(items: EvidenceItem[]): EvidenceReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async read(source, _evidence, range) {
      reads.push(source);
      return { items: items.filter((item) => item.source === source && item.end >= range.from && item.start < range.to), skipped: [] };
    },
  };
}

/** The tracker takes the first entry written and throws `error` at the second, as a back end going away between them would. */
export function failSecondWrite(tracker: TimeTracker, error: Error): void {
  const create = tracker.entries.createEntry.bind(tracker.entries);
  let writes = 0;
  tracker.entries.createEntry = async (fields) => {
    writes++;
    if (writes === 2) throw error;
    return create(fields);
  };
}
