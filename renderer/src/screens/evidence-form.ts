// The Evidence form's pure core: its sources and rules as typed (a row each calendar and rule, with a
// key of its own), what is missing before saving, and the request to send. Evidence.tsx shows it.
import type { EvidenceSettings, EvidenceSource, EvidenceView } from '../../../window-contract/evidence.ts';
import type { PunchcardApi } from '../../../window-contract/index.ts';

export type SaveRequest = Parameters<PunchcardApi['saveEvidence']>[0];

export interface CalendarRow {
  key: number;
  name: string;
  kind: 'file' | 'url';
  /** The file's path, or the feed's address as typed; empty for a saved feed whose address is in the keychain. */
  location: string;
  /** The feed's address as saved (with `{secret}`), sent again while the person types no new one. */
  saved: string | null;
  hasSecret: boolean;
}

export interface RuleRow {
  key: number;
  source: EvidenceSource | '';
  match: string;
  project: string;
  activity: string;
}

export interface FormState {
  emails: string;
  calendars: CalendarRow[];
  folders: string;
  activity: boolean;
  aiSessions: boolean;
  rules: RuleRow[];
}

/** A feed's address saved as this is wholly in the keychain. */
export const SECRET = '{secret}';
export const SOURCE_NAMES: Record<EvidenceSource, string> = { calendar: 'Calendars', git: 'Commits', activity: 'Activity', ai: 'AI sessions' };
let nextKey = 1;

export function newCalendar(): CalendarRow {
  return { key: nextKey++, name: '', kind: 'file', location: '', saved: null, hasSecret: false };
}

export function newRule(): RuleRow {
  return { key: nextKey++, source: '', match: '', project: '', activity: '' };
}

/** The rows with the one of `key` changed. */
export function patchRow<Row extends { key: number }>(rows: Row[], key: number, patch: Partial<Row>): Row[] {
  return rows.map((row) => (row.key === key ? { ...row, ...patch } : row));
}

export function fromView(view: EvidenceView): FormState {
  const { evidence } = view;
  return {
    emails: evidence.emails.join(', '),
    calendars: evidence.calendars.map((calendar) =>
      'file' in calendar
        ? { key: nextKey++, name: calendar.name, kind: 'file', location: calendar.file, saved: null, hasSecret: false }
        : {
            key: nextKey++,
            name: calendar.name,
            kind: 'url',
            // The whole address is in the keychain: nothing to show but that it is there.
            location: calendar.url === SECRET ? '' : calendar.url,
            saved: calendar.url,
            hasSecret: view.feeds.some((feed) => feed.name === calendar.name && feed.hasSecret),
          },
    ),
    folders: evidence.git.folders.join('\n'),
    activity: evidence.activity.enabled,
    aiSessions: evidence.aiSessions.enabled,
    rules: evidence.rules.map((rule) => ({
      key: nextKey++,
      source: rule.source ?? '',
      match: rule.match,
      project: rule.project,
      activity: rule.activity ?? '',
    })),
  };
}

/** What the address field of a feed says about its secret; nothing for a file. */
export function feedHint(row: CalendarRow): string | undefined {
  if (row.kind !== 'url') return undefined;
  if (!row.saved?.includes(SECRET)) return 'A secret address (Google’s or Outlook’s) goes to the keychain, not into the settings file.';
  return row.hasSecret
    ? 'Its secret is in the keychain. Enter the address again to replace it.'
    : 'No secret saved for it: enter the feed’s secret address again.';
}

const lines = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);

/** The form as saveEvidence takes it; main checks it all again and moves secrets to the keychain. */
export function requestOf(form: FormState): SaveRequest {
  const evidence: EvidenceSettings = {
    emails: lines(form.emails, /[,;\s]+/),
    calendars: form.calendars.map((row) =>
      row.kind === 'file' ? { name: row.name.trim(), file: row.location.trim() } : { name: row.name.trim(), url: row.location.trim() || (row.saved ?? '') },
    ),
    git: { folders: lines(form.folders, /\n+/) },
    activity: { enabled: form.activity },
    aiSessions: { enabled: form.aiSessions },
    rules: form.rules.map((row) => ({
      ...(row.source ? { source: row.source } : {}),
      match: row.match.trim(),
      project: row.project.trim(),
      ...(row.activity.trim() ? { activity: row.activity.trim() } : {}),
    })),
  };
  return { evidence };
}

/** What is missing before saving, in a sentence; null when the form can go to main. */
export function formProblem(form: FormState): string | null {
  for (const [index, row] of form.calendars.entries()) {
    if (!row.name.trim()) return `Calendar ${index + 1}: give it a name.`;
    if (!row.location.trim() && !row.saved) return `Calendar “${row.name.trim()}”: enter ${row.kind === 'file' ? 'the file’s path' : 'the feed’s address'}.`;
  }
  for (const [index, row] of form.rules.entries()) {
    if (!row.match.trim() || !row.project.trim()) return `Rule ${index + 1}: enter the text to find and the project it means.`;
  }
  return null;
}
