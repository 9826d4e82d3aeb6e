// The built-in timesheet: a SQLite file in the user-data folder, no account needed. Its parts share
// one connection to the file (sheet.ts), opened on first use.
import type { TimeTracker } from '../time-tracker.ts';
import { LOCAL_CAPABILITIES } from './capabilities.ts';
import { LocalCatalog } from './catalog.ts';
import { LocalLeave } from './leave.ts';
import { LocalSheet, type LocalTrackerOptions } from './sheet.ts';
import { LocalTimesheets } from './timesheets.ts';

export type { LocalTrackerOptions };

export function createLocalTracker(options: LocalTrackerOptions): TimeTracker {
  const sheet = new LocalSheet(options);
  const timesheets = new LocalTimesheets(sheet, options);
  return {
    type: 'local',
    label: 'Local timesheet',
    agentLabel: 'column',
    capabilities: LOCAL_CAPABILITIES,
    account: { whoami: async () => ({ name: options.personName() }) },
    timer: timesheets,
    entries: timesheets,
    catalog: new LocalCatalog(sheet, options),
    leave: new LocalLeave(sheet, options),
    close: () => sheet.close(),
  };
}
