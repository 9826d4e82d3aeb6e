// Statuses and client cards for the tray tests.
import type { ClientCard } from '../../../window-contract/registration.ts';
import type { EntryView, StatusView } from '../../../window-contract/status.ts';

export const ZONE = 'Europe/Berlin';

/** Epoch ms of an ISO instant with its offset, e.g. at('2026-03-02T10:25:00+01:00'). */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`Bad instant ${iso}`);
  return ms;
}

export function entry(start: string, fields: Partial<EntryView> = {}): EntryView {
  return { id: 7, start, end: null, minutes: 0, project: 'Website', activity: 'Design', description: '', ...fields };
}

export function idle(fields: Partial<StatusView> = {}): StatusView {
  return {
    today: '2026-03-02',
    running: null,
    todayMinutes: 310,
    weekMinutes: 1200,
    todayEntries: [],
    week: [],
    recentProjects: [],
    recentWork: [],
    breaksSupported: false,
    asOf: at('2026-03-02T10:25:00+01:00'),
    keptWrites: [],
    teamAvailable: false,
    adminSections: [],
    decidesTimesheets: false,
    sequence: 0,
    ...fields,
  };
}

/** Clocked in at 09:02 Berlin on Monday 2 March 2026, answered at 10:25. */
export function running(fields: Partial<StatusView> = {}, entryFields: Partial<EntryView> = {}): StatusView {
  const asOf = fields.asOf ?? at('2026-03-02T10:25:00+01:00');
  const start = entryFields.start ?? '2026-03-02T09:02:00+01:00';
  const minutes = Math.floor((asOf - at(start)) / 60_000);
  return idle({ running: entry(start, { minutes, ...entryFields }), asOf, ...fields });
}

export function client(id: string, fields: Partial<ClientCard> = {}): ClientCard {
  return {
    id,
    name: id
      .split('-')
      .map((word) => word[0]?.toUpperCase() + word.slice(1))
      .join(' '),
    installed: true,
    writable: true,
    status: 'missing',
    statusText: 'Not registered',
    files: [],
    nextStep: '',
    ...fields,
  };
}
