// The settings a fresh install has. Apart from the schema (settings.ts), so that what needs only the
// defaults — the engine's start without a config.json — does not load zod.
import { DEFAULT_BACK_END } from './back-ends.ts';
import type { Settings } from './settings.ts';
import { SETTINGS_SCHEMA_VERSION } from './settings-version.ts';

export function defaultSettings(): Settings {
  return {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    provider: { type: DEFAULT_BACK_END.type },
    tools: { readOnly: false, groups: {}, enabled: {} },
    timezone: '',
    workWeek: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 },
    holidays: null,
    leave: { annualDays: 25, carryOverDays: 0, allowBeyondBalance: false },
    user: { name: '' },
    evidence: { emails: [], calendars: [], git: { folders: [] }, activity: { enabled: false }, aiSessions: { enabled: false }, rules: [] },
    workingTime: { rules: 'off', notify: true },
    app: { startAtLogin: false, reminderHours: 10, idleMinutes: 10, shortcut: '', durations: 'units' },
  };
}
