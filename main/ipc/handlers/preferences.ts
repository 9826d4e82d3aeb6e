// Preferences screen: the work week, holidays and leave the engine computes with, and the app's own
// start-at-login and reminder. One form, saved as one validated change to config.json. Where the back
// end keeps the person's plan (Clockodo, Calamari, Clockify: targets, public holidays, leave entitlement), the
// engine gives its values (whoami, leave_balance): the window shows them, and this handler refuses to
// save local ones, which would change nothing.
import { BACK_ENDS, isRemote } from '../../../mcp-server/contract/back-ends.ts';
import type { Settings } from '../../../mcp-server/contract/settings.ts';
import { acceleratorProblem } from '../../../mcp-server/contract/accelerator.ts';
import { isValidTimeZone } from '../../../mcp-server/contract/time-zone.ts';
import { effectiveProfile, NO_POLICY } from '../../../mcp-server/for-the-app.ts';
import type { LinkId, BackEndType } from '../../../window-contract/account.ts';
import type { Handlers, PunchcardApi } from '../../../window-contract/index.ts';
import type { PreferencesView } from '../../../window-contract/settings.ts';
import { UserFacingError } from '../dispatch.ts';
import { backEndLabel } from './account.ts';
import type { HandlerDeps } from './ports.ts';
import { listed } from './words.ts';

type BackEnd = PreferencesView['backEnd'];
type Changes = Parameters<PunchcardApi['savePreferences']>[0];

/** Where each back end's secret is made, by the link id the window asks for (the back ends' descriptors). */
export const LINKS = Object.fromEntries(BACK_ENDS.flatMap((backEnd) => (backEnd.secret ? [[backEnd.secret.help.id, backEnd.secret.help.url]] : []))) as Record<
  LinkId,
  string
>;

export function preferencesView(
  settings: Settings,
  startAtLoginSupported: boolean,
  backEnd: BackEnd = null,
  shortcutProblem: string | null = null,
  approvesLeaveAtOnce = !isRemote(settings.provider),
): PreferencesView {
  return {
    backEnd,
    workWeek: settings.workWeek,
    holidays: settings.holidays,
    annualLeaveDays: settings.leave.annualDays,
    carryOverDays: settings.leave.carryOverDays,
    allowLeaveBeyondBalance: approvesLeaveAtOnce ? settings.leave.allowBeyondBalance : null,
    timezone: settings.timezone,
    startAtLogin: settings.app.startAtLogin,
    reminderHours: settings.app.reminderHours,
    startAtLoginSupported,
    idleMinutes: settings.app.idleMinutes,
    shortcut: settings.app.shortcut,
    shortcutProblem: settings.app.shortcut === '' ? null : shortcutProblem,
    durations: settings.app.durations,
  };
}

/**
 * The back ends that keep the person's plan (targets, public holidays, leave) themselves (`keepsPlan`).
 * It mirrors the engine's trackers that implement workPlan, the only ones for which whoami's
 * plan_source is 'back_end'; test/main/engine/timesheet.test.ts checks that they agree. Known by type,
 * the settings' plan (the local timesheet, Kimai) stays editable while the back end is unreachable,
 * and opening the window asks nothing remote.
 */
export const PLAN_KEEPERS: ReadonlySet<BackEndType> = new Set(BACK_ENDS.filter((backEnd) => backEnd.app.keepsPlan).map((backEnd) => backEnd.type));

/** Why the change cannot be saved, in a person's words, or null when the back end keeps none of it. */
function refusal(changes: Changes, backEnd: BackEnd): string | null {
  if (!backEnd) return null;
  const { name } = backEnd;
  const leave = changes.annualLeaveDays !== undefined || changes.carryOverDays !== undefined;
  // The work week and the holidays are the back end's by its type, unless it says it keeps none for
  // the person (an unreachable one cannot say); the leave entitlement only where its balance says so.
  const known = backEnd.state === 'kept' ? backEnd : null;
  const kept = [
    ...(changes.workWeek !== undefined && (!known || known.workWeek !== null) ? ['work week'] : []),
    ...(changes.holidays !== undefined && (!known || known.keepsHolidays) ? ['public holidays'] : []),
    ...(leave && backEnd.state === 'kept' && backEnd.leave !== null ? ['leave entitlement'] : []),
  ];
  if (kept.length > 0) {
    return `${name} keeps your ${listed(kept)}: change ${kept.length === 1 && kept[0] !== 'public holidays' ? 'it' : 'them'} in ${name}. Nothing was saved.`;
  }
  if (leave && backEnd.state === 'unknown')
    return `Punchcard could not ask ${name} whether it keeps your leave entitlement, so nothing was saved. ${backEnd.problem}`;
  return null;
}

export function preferenceHandlers(
  deps: Pick<
    HandlerDeps,
    'settings' | 'loginItem' | 'holidayRegions' | 'checkHolidayRegion' | 'openExternal' | 'timesheet' | 'policy' | 'shortcut' | 'preferencesChanged' | 'workday'
  >,
): Pick<Handlers, 'getPreferences' | 'savePreferences' | 'listHolidayRegions' | 'openLink'> {
  /** What the back end keeps, asked of the engine; null where the settings keep the plan. */
  /** The back end in use is the local timesheet, which approves leave as it is filed (the organisation's fixed one wins). */
  const isLocal = (settings: Settings) => !isRemote(effectiveProfile(deps.policy?.() ?? NO_POLICY, settings.provider));

  const backEndOf = async (settings: Settings): Promise<BackEnd> => {
    const { type } = effectiveProfile(deps.policy?.() ?? NO_POLICY, settings.provider);
    if (!PLAN_KEEPERS.has(type)) return null;
    const name = backEndLabel(type);
    try {
      const plan = await deps.timesheet.backEndPlan();
      return plan && { state: 'kept', name, ...plan };
    } catch (error) {
      return { state: 'unknown', name, problem: error instanceof Error ? error.message : String(error) };
    }
  };

  return {
    getPreferences: async () => {
      const settings = deps.settings.read();
      return preferencesView(settings, deps.loginItem.supported, await backEndOf(settings), deps.shortcut?.problem() ?? null, isLocal(settings));
    },
    savePreferences: async (changes) => {
      const backEnd = await backEndOf(deps.settings.read());
      const refused = refusal(changes, backEnd);
      if (refused) throw new UserFacingError(refused);
      if (changes.timezone !== undefined && changes.timezone.trim() !== '' && !isValidTimeZone(changes.timezone)) {
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
      if (changes.shortcut !== undefined && changes.shortcut !== before.app.shortcut) {
        const wrong = changes.shortcut === '' ? null : acceleratorProblem(changes.shortcut);
        if (wrong) throw new UserFacingError(`${wrong} Nothing was saved.`);
        // Taken before saving: a shortcut another app holds is said now, and the one in use stays.
        const clash = deps.shortcut?.set(changes.shortcut) ?? null;
        if (clash) throw new UserFacingError(`${clash} Nothing was saved.`);
      }
      const next = deps.settings.update((settings) => ({
        ...settings,
        ...(changes.workWeek ? { workWeek: changes.workWeek } : {}),
        ...(changes.holidays !== undefined ? { holidays: changes.holidays } : {}),
        ...(changes.timezone !== undefined ? { timezone: changes.timezone.trim() } : {}),
        leave: {
          annualDays: changes.annualLeaveDays ?? settings.leave.annualDays,
          carryOverDays: changes.carryOverDays ?? settings.leave.carryOverDays,
          allowBeyondBalance: changes.allowLeaveBeyondBalance ?? settings.leave.allowBeyondBalance,
        },
        app: {
          startAtLogin: changes.startAtLogin ?? settings.app.startAtLogin,
          reminderHours: changes.reminderHours ?? settings.app.reminderHours,
          idleMinutes: changes.idleMinutes ?? settings.app.idleMinutes,
          shortcut: changes.shortcut ?? settings.app.shortcut,
          durations: changes.durations ?? settings.app.durations,
        },
      }));
      if (next.app.startAtLogin !== before.app.startAtLogin) await deps.loginItem.set(next.app.startAtLogin);
      // Targets follow the work week, holidays and leave entitlement: the timesheet asks again.
      if (changes.workWeek || changes.holidays !== undefined || changes.timezone !== undefined) deps.workday.forget();
      deps.preferencesChanged?.();
      return preferencesView(next, deps.loginItem.supported, backEnd, deps.shortcut?.problem() ?? null, isLocal(next));
    },
    listHolidayRegions: async (request) => deps.holidayRegions(request?.country),
    openLink: async ({ id }) => {
      await deps.openExternal(LINKS[id]);
      return null;
    },
  };
}
