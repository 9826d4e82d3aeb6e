// Working time in the window (docs/working-time.md): the rule set and the tray's warnings in
// Preferences, written to config.json's `workingTime` as every preference is (one writer, the
// settings' schema); a range of days from the engine's `working_time` for Reports and Status; a
// month's sheet as CSV. The organisation's policy may set the rules: they are then shown as its,
// and a change of them is refused here whatever the window sends.
import { suggestedRules } from '../../../mcp-server/contract/working-time-settings.ts';
import type { Settings } from '../../../mcp-server/contract/settings.ts';
import { daysBetween, NO_POLICY } from '../../../mcp-server/for-the-app.ts';
import { workingTimeCsv, workingTimeCsvFileName } from '../../export/working-time-csv.ts';
import type { Handlers } from '../../../window-contract/index.ts';
import { MAX_WORKING_TIME_DAYS, type WorkingTimeRules, type WorkingTimeSettingsView } from '../../../window-contract/working-time.ts';
import { UserFacingError } from '../dispatch.ts';
import type { HandlerDeps } from './ports.ts';

type Deps = Pick<HandlerDeps, 'settings' | 'policy' | 'workingTime' | 'saveTextFile' | 'preferencesChanged'>;

export function workingTimeSettingsView(settings: Settings, organisation: WorkingTimeRules | null): WorkingTimeSettingsView {
  const country = settings.holidays?.country.toUpperCase() ?? null;
  return {
    rules: settings.workingTime.rules,
    notify: settings.workingTime.notify,
    organisation,
    suggested: suggestedRules(country ?? undefined),
    country,
  };
}

export function workingTimeHandlers(
  deps: Deps,
): Pick<Handlers, 'getWorkingTimeSettings' | 'saveWorkingTimeSettings' | 'getWorkingTime' | 'exportWorkingTimeCsv'> {
  const organisation = () => (deps.policy?.() ?? NO_POLICY).workingTimeRules;
  const checkRange = (from: string, to: string) => {
    if (to < from) throw new UserFacingError(`The last day (${to}) is before the first (${from}).`);
    if (daysBetween(from, to) >= MAX_WORKING_TIME_DAYS) throw new UserFacingError(`Ask for at most ${MAX_WORKING_TIME_DAYS} days of working time at a time.`);
  };
  return {
    getWorkingTimeSettings: async () => workingTimeSettingsView(deps.settings.read(), organisation()),
    saveWorkingTimeSettings: async ({ rules, notify }) => {
      const fixed = organisation();
      if (rules !== undefined && fixed !== null && rules !== deps.settings.read().workingTime.rules) {
        throw new UserFacingError(`Your organisation sets the working-time rules (${fixed}): they cannot be changed here. Nothing was saved.`);
      }
      const next = deps.settings.update((settings) => ({
        ...settings,
        workingTime: { ...settings.workingTime, ...(rules !== undefined ? { rules } : {}), ...(notify !== undefined ? { notify } : {}) },
      }));
      // The tray reads `notify` and the rules: it looks again.
      deps.preferencesChanged?.();
      return workingTimeSettingsView(next, fixed);
    },
    getWorkingTime: async ({ from, to }) => {
      checkRange(from, to);
      return deps.workingTime.range(from, to);
    },
    exportWorkingTimeCsv: async ({ from, to }) => {
      checkRange(from, to);
      const view = await deps.workingTime.range(from, to);
      const path = await deps.saveTextFile({
        fileName: workingTimeCsvFileName(from, to),
        contents: workingTimeCsv(view),
        filterName: 'CSV (spreadsheets)',
        extension: 'csv',
      });
      return { path, days: view.days.length };
    },
  };
}
