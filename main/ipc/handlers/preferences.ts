// Preferences screen: the work week, holidays and leave the engine computes with, and the app's own
// start-at-login and reminder. One form, saved as one validated change to config.json. Where the back
// end keeps the person's plan (Clockodo, Calamari: targets, public holidays, leave entitlement), the
// engine says so (whoami, leave_balance): the window shows the back end's values, and this handler
// refuses to save local ones, which would change nothing.
import type { Settings } from '../../../mcp-server/contract/settings.ts';
import { effectiveProfile, NO_POLICY } from '../../../mcp-server/policy/policy.ts';
import type { Handlers, PreferencesView, PunchcardApi } from '../contract.ts';
import { UserFacingError } from '../dispatch.ts';
import { providerLabel } from './account.ts';
import type { HandlerDeps } from './ports.ts';

type BackEnd = PreferencesView['backEnd'];
type Changes = Parameters<PunchcardApi['savePreferences']>[0];

export const LINKS = {
  'kimai-api-tokens': 'https://www.kimai.org/documentation/rest-api.html',
  // Clockodo shows each person's API key in their personal data (clockodo.md §2.1).
  'clockodo-api-key': 'https://my.clockodo.com/en/users/editself',
  // Calamari's keys are made by an administrator (calamari.md §2.1): the help article says how.
  'calamari-api-keys': 'https://help.calamari.io/en/articles/24539-api-key-configuration-benefits-and-examples-of-use',
} as const;

export function preferencesView(settings: Settings, startAtLoginSupported: boolean, backEnd: BackEnd = null): PreferencesView {
  return {
    backEnd,
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

/**
 * The fields of a change that the back end keeps (or may keep, while the engine cannot say), in a
 * person's words; empty when the change touches none of them.
 */
function ownedFields(changes: Changes, backEnd: BackEnd): string[] {
  if (!backEnd) return [];
  const leaveOwned = backEnd.state === 'unknown' || backEnd.leave !== null;
  return [
    ...(changes.workWeek !== undefined ? ['work week'] : []),
    ...(changes.holidays !== undefined ? ['public holidays'] : []),
    ...(leaveOwned && (changes.annualLeaveDays !== undefined || changes.carryOverDays !== undefined) ? ['leave entitlement'] : []),
  ];
}

/** "a", "a and b", "a, b and c". */
function listed(words: readonly string[]): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function refusal(owned: readonly string[], backEnd: NonNullable<BackEnd>): string {
  const what = listed(owned);
  if (backEnd.state === 'unknown') {
    return `Punchcard could not ask ${backEnd.name} whether it keeps your ${what}, so nothing was saved. ${backEnd.problem}`;
  }
  return `${backEnd.name} keeps your ${what}: change ${owned.length === 1 && owned[0] !== 'public holidays' ? 'it' : 'them'} in ${backEnd.name}. Nothing was saved.`;
}

export function preferenceHandlers(
  deps: Pick<HandlerDeps, 'settings' | 'loginItem' | 'holidayRegions' | 'checkHolidayRegion' | 'openExternal' | 'timesheet' | 'policy'>,
): Pick<Handlers, 'getPreferences' | 'savePreferences' | 'listHolidayRegions' | 'openLink'> {
  // The engine's last answer, per back end: a moment when it cannot answer (the back end is
  // unreachable) keeps what it said before instead of locking the fields.
  let last: { key: string; plan: Awaited<ReturnType<HandlerDeps['timesheet']['backEndPlan']>> } | undefined;

  /** What the back end keeps, asked of the engine; null for the local timesheet, which is the settings. */
  const backEndOf = async (settings: Settings): Promise<BackEnd> => {
    const profile = effectiveProfile(deps.policy?.() ?? NO_POLICY, settings.provider);
    if (profile.type === 'local') return null;
    const name = providerLabel(profile.type);
    const key = JSON.stringify(profile);
    let plan;
    try {
      plan = await deps.timesheet.backEndPlan();
      last = { key, plan };
    } catch (error) {
      if (last?.key !== key) return { state: 'unknown', name, problem: error instanceof Error ? error.message : String(error) };
      plan = last.plan;
    }
    return plan && { state: 'kept', name, ...plan };
  };

  return {
    getPreferences: async () => {
      const settings = deps.settings.read();
      return preferencesView(settings, deps.loginItem.supported, await backEndOf(settings));
    },
    savePreferences: async (changes) => {
      const backEnd = await backEndOf(deps.settings.read());
      const owned = ownedFields(changes, backEnd);
      if (backEnd && owned.length > 0) throw new UserFacingError(refusal(owned, backEnd));
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
      return preferencesView(next, deps.loginItem.supported, backEnd);
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
