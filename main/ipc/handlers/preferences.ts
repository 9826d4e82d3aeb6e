// Preferences screen: the work week, holidays and leave the engine computes with, and the app's own
// start-at-login and reminder. One form, saved as one validated change to config.json.
import type { Settings } from '../../../mcp-server/contract/settings.ts';
import type { Handlers, PreferencesView } from '../contract.ts';
import { UserFacingError } from '../dispatch.ts';
import type { HandlerDeps } from './ports.ts';

export const LINKS = {
  'kimai-api-tokens': 'https://www.kimai.org/documentation/rest-api.html',
  // Clockodo shows each person's API key in their personal data (clockodo.md §2.1).
  'clockodo-api-key': 'https://my.clockodo.com/en/users/editself',
  // Calamari's keys are made by an administrator (calamari.md §2.1): the help article says how.
  'calamari-api-keys': 'https://help.calamari.io/en/articles/24539-api-key-configuration-benefits-and-examples-of-use',
} as const;

export function preferencesView(settings: Settings, startAtLoginSupported: boolean): PreferencesView {
  return {
    workWeek: settings.workWeek,
    holidays: settings.holidays,
    annualLeaveDays: settings.leave.annualDays,
    carryOverDays: settings.leave.carryOverDays,
    timezone: settings.timezone,
    startAtLogin: settings.app.startAtLogin,
    reminderHours: settings.app.reminderHours,
    startAtLoginSupported,
  };
}

export function preferenceHandlers(
  deps: Pick<HandlerDeps, 'settings' | 'loginItem' | 'holidayRegions' | 'checkHolidayRegion' | 'openExternal'>,
): Pick<Handlers, 'getPreferences' | 'savePreferences' | 'listHolidayRegions' | 'openLink'> {
  return {
    getPreferences: async () => preferencesView(deps.settings.read(), deps.loginItem.supported),
    savePreferences: async (changes) => {
      if (changes.timezone !== undefined && changes.timezone.trim() !== '' && !isKnownZone(changes.timezone.trim())) {
        throw new UserFacingError(`Time zone "${changes.timezone}" is unknown. Use a name such as Europe/Berlin, or leave it empty for the system's.`);
      }
      if (changes.holidays) {
        const problem = await deps.checkHolidayRegion(changes.holidays);
        if (problem) throw new UserFacingError(problem);
      }
      if (changes.startAtLogin !== undefined && changes.startAtLogin && !deps.loginItem.supported) {
        throw new UserFacingError('Starting at login is not available for this installation.');
      }
      const before = deps.settings.read();
      const next = deps.settings.update((settings) => ({
        ...settings,
        ...(changes.workWeek ? { workWeek: changes.workWeek } : {}),
        ...(changes.holidays !== undefined ? { holidays: changes.holidays } : {}),
        ...(changes.timezone !== undefined ? { timezone: changes.timezone.trim() } : {}),
        leave: {
          annualDays: changes.annualLeaveDays ?? settings.leave.annualDays,
          carryOverDays: changes.carryOverDays ?? settings.leave.carryOverDays,
        },
        app: {
          startAtLogin: changes.startAtLogin ?? settings.app.startAtLogin,
          reminderHours: changes.reminderHours ?? settings.app.reminderHours,
        },
      }));
      if (next.app.startAtLogin !== before.app.startAtLogin) await deps.loginItem.set(next.app.startAtLogin);
      return preferencesView(next, deps.loginItem.supported);
    },
    listHolidayRegions: async (request) => deps.holidayRegions(request?.country),
    openLink: async ({ id }) => {
      await deps.openExternal(LINKS[id]);
      return null;
    },
  };
}

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
