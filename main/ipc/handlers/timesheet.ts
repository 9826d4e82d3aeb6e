// Timesheet and Reports screens: a week's entries with each day's target, entries added, changed and
// deleted in place, a range exported as CSV, and a week's or month's report. Every action is one of
// the engine's tools; what the back end does not allow comes with its reason (rights), and the
// status (tray, Status screen) hears of every change to the timesheet.
import { daysBetween, MAX_LIST_DAYS, startOfIsoWeek } from '../../../mcp-server/for-the-app.ts';
import { csvFileName, entriesCsv } from '../../export/entries-csv.ts';
import type { Handlers } from '../../../window-contract/index.ts';
import type { EntryRights } from '../../../window-contract/timesheet.ts';
import { UserFacingError } from '../dispatch.ts';
import { weekApproval } from './approvals.ts';
import { backEndType, noEditWords } from './back-end.ts';
import type { HandlerDeps } from './ports.ts';

type Deps = Pick<HandlerDeps, 'workday' | 'timesheet' | 'approvals' | 'settings' | 'policy' | 'statusChanged' | 'saveTextFile'>;

/** What the back end lets the person do with entries, from the tools the engine offers. */
export async function entryRights(deps: Pick<Deps, 'settings' | 'policy'>, supported: ReadonlySet<string>): Promise<EntryRights> {
  const add = supported.has('log_time');
  const edit = supported.has('update_time_entry') && supported.has('delete_time_entry');
  return { add, edit, note: edit ? null : noEditWords(backEndType(deps)) };
}

export function timesheetHandlers(
  deps: Deps,
): Pick<Handlers, 'getTimesheet' | 'getCatalog' | 'logTime' | 'updateEntry' | 'deleteEntry' | 'exportCsv' | 'getReport'> {
  /** The tray and the Status screen show today and this week: they hear of the change, without the window waiting for it. */
  const announce = () => {
    deps.timesheet.getStatus().then(deps.statusChanged, () => {
      // The next status the tray asks for says what went wrong; the change itself was made.
    });
  };
  const changed = async <T>(change: Promise<T>): Promise<T> => {
    const result = await change;
    announce();
    return result;
  };

  return {
    getTimesheet: async ({ date }) => {
      const supported = await deps.timesheet.supportedTools();
      const [week, rights, approval] = await Promise.all([
        deps.workday.week(date),
        entryRights(deps, supported),
        weekApproval(deps, startOfIsoWeek(date), supported),
      ]);
      return { ...week, rights, approval };
    },
    getCatalog: () => deps.workday.catalog(),
    logTime: ({ fields, tracker, ...words }) =>
      changed(deps.workday.log({ ...(withoutBlanks(words) as typeof words), ...(fields ? { fields } : {}) }, tracker)),
    updateEntry: ({ id, tracker, ...fields }) => changed(deps.workday.update(id, fields, tracker)),
    deleteEntry: ({ id, tracker }) => changed(deps.workday.remove(id, tracker)),
    exportCsv: async ({ from, to }) => {
      if (to < from) throw new UserFacingError(`The last day (${to}) is before the first (${from}).`);
      if (daysBetween(from, to) >= MAX_LIST_DAYS) throw new UserFacingError(`Export at most ${MAX_LIST_DAYS} days at a time.`);
      const entries = await deps.workday.entriesBetween(from, to);
      const path = await deps.saveTextFile({
        fileName: csvFileName(from, to),
        contents: entriesCsv(entries),
        filterName: 'CSV (spreadsheets)',
        extension: 'csv',
      });
      return { path, entries: entries.length };
    },
    getReport: async ({ from, to }) => {
      if (to < from) throw new UserFacingError(`The last day (${to}) is before the first (${from}).`);
      return deps.workday.report(from, to);
    },
  };
}

/** A new entry's empty fields are not given, not "a project called ''". */
function withoutBlanks(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1].trim() !== '')
      .map(([key, value]) => [key, value.trim()]),
  );
}
