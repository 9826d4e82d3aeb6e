// The Preferences form's pure core: its fields as typed, what is wrong with them, and the change to
// send (only what differs from what is saved; nothing the back end keeps). Preferences.tsx shows it.
import type { PunchcardApi } from '../../../window-contract/index.ts';
import type { PreferencesView } from '../../../window-contract/settings.ts';
import type { DurationStyle } from '../../../mcp-server/contract/durations.ts';
import { acceleratorProblem } from '../../../mcp-server/contract/accelerator.ts';
import { isValidTimeZone } from '../../../mcp-server/contract/time-zone.ts';

export type SaveRequest = Parameters<PunchcardApi['savePreferences']>[0];
type WorkWeek = PreferencesView['workWeek'];
export type Day = keyof WorkWeek;

export const DAYS: ReadonlyArray<{ key: Day; short: string; long: string }> = [
  { key: 'mon', short: 'Mon', long: 'Monday' },
  { key: 'tue', short: 'Tue', long: 'Tuesday' },
  { key: 'wed', short: 'Wed', long: 'Wednesday' },
  { key: 'thu', short: 'Thu', long: 'Thursday' },
  { key: 'fri', short: 'Fri', long: 'Friday' },
  { key: 'sat', short: 'Sat', long: 'Saturday' },
  { key: 'sun', short: 'Sun', long: 'Sunday' },
];

/** Hours as the form writes them: up to two decimals. */
export const hoursFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export interface FormState {
  workWeek: Record<Day, string>;
  country: string;
  state: string;
  /** Kept as saved while the state stays the same; the window has no region picker. */
  region: string | undefined;
  annualLeaveDays: string;
  carryOverDays: string;
  /** Null where the back end has someone who approves leave: no switch is shown. */
  allowLeaveBeyondBalance: boolean | null;
  timezone: string;
  startAtLogin: boolean;
  reminderHours: string;
  idleMinutes: string;
  shortcut: string;
  durations: DurationStyle;
}

export type FieldName = Day | 'annualLeaveDays' | 'carryOverDays' | 'timezone' | 'reminderHours' | 'idleMinutes' | 'shortcut';
export type Errors = Partial<Record<FieldName, string>>;

/** Which fields the back end keeps (or may keep, while the engine cannot say): not edited, not sent. */
export interface Locks {
  week: boolean;
  holidays: boolean;
  leave: boolean;
}

export function locksOf(view: PreferencesView): Locks {
  const backEnd = view.backEnd;
  const unknown = backEnd?.state === 'unknown';
  const kept = backEnd?.state === 'kept' ? backEnd : null;
  return {
    week: unknown || (kept !== null && kept.workWeek !== null),
    holidays: unknown || (kept?.keepsHolidays ?? false),
    leave: unknown || (kept !== null && kept.leave !== null),
  };
}

export function fromView(view: PreferencesView): FormState {
  return {
    workWeek: Object.fromEntries(DAYS.map(({ key }) => [key, String(view.workWeek[key])])) as Record<Day, string>,
    country: view.holidays?.country.toUpperCase() ?? '',
    state: view.holidays?.state ?? '',
    region: view.holidays?.region,
    annualLeaveDays: String(view.annualLeaveDays),
    carryOverDays: String(view.carryOverDays),
    allowLeaveBeyondBalance: view.allowLeaveBeyondBalance,
    timezone: view.timezone,
    startAtLogin: view.startAtLogin,
    reminderHours: String(view.reminderHours),
    idleMinutes: String(view.idleMinutes),
    shortcut: view.shortcut,
    durations: view.durations,
  };
}

/** "7,5" and "7.5" alike; NaN for anything that is not a plain number. */
export function readNumber(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$|^\.\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function checkNumber(text: string, max: number, unit: string): string | undefined {
  const value = readNumber(text);
  if (text.trim() === '') return `Enter a number of ${unit} (0 or more).`;
  if (Number.isNaN(value)) return `Enter a number of ${unit}, such as 7.5.`;
  if (value > max) return `At most ${max} ${unit}.`;
  return undefined;
}

export function validate(form: FormState, locks: Locks): Errors {
  const found: Array<[FieldName, string | undefined]> = locks.week
    ? []
    : DAYS.map(({ key, long }) => {
        const problem = checkNumber(form.workWeek[key], 24, 'hours');
        return [key, problem && `${long}: ${problem}`];
      });
  if (!locks.leave) {
    found.push(['annualLeaveDays', checkNumber(form.annualLeaveDays, 366, 'days')]);
    found.push(['carryOverDays', checkNumber(form.carryOverDays, 366, 'days')]);
  }
  found.push(['reminderHours', checkNumber(form.reminderHours, 24, 'hours')]);
  const idle = checkNumber(form.idleMinutes, 240, 'minutes');
  found.push(['idleMinutes', idle ?? (Number.isInteger(readNumber(form.idleMinutes)) ? undefined : 'Enter whole minutes, such as 10.')]);
  if (form.shortcut) found.push(['shortcut', acceleratorProblem(form.shortcut) ?? undefined]);
  const zone = form.timezone.trim();
  if (zone && !isValidTimeZone(zone)) found.push(['timezone', `“${zone}” is not a time zone. Use a name such as Europe/Berlin, or leave it empty.`]);
  return Object.fromEntries(found.filter(([, message]) => message)) as Errors;
}

export function changes(form: FormState, saved: PreferencesView, locks: Locks): SaveRequest {
  const request: SaveRequest = {};
  if (!locks.week) {
    const workWeek = Object.fromEntries(DAYS.map(({ key }) => [key, readNumber(form.workWeek[key])])) as WorkWeek;
    if (DAYS.some(({ key }) => workWeek[key] !== saved.workWeek[key])) request.workWeek = workWeek;
  }
  if (!locks.holidays) {
    const holidays = form.country
      ? { country: form.country, ...(form.state ? { state: form.state } : {}), ...(form.state && form.region ? { region: form.region } : {}) }
      : null;
    const savedHolidays = saved.holidays ? { ...saved.holidays, country: saved.holidays.country.toUpperCase() } : null;
    if (JSON.stringify(holidays) !== JSON.stringify(savedHolidays)) request.holidays = holidays;
  }
  const numbers = {
    annualLeaveDays: readNumber(form.annualLeaveDays),
    carryOverDays: readNumber(form.carryOverDays),
    reminderHours: readNumber(form.reminderHours),
  };
  const editable = locks.leave ? (['reminderHours'] as const) : (['annualLeaveDays', 'carryOverDays', 'reminderHours'] as const);
  for (const key of editable) if (numbers[key] !== saved[key]) request[key] = numbers[key];
  if (form.allowLeaveBeyondBalance !== null && form.allowLeaveBeyondBalance !== saved.allowLeaveBeyondBalance)
    request.allowLeaveBeyondBalance = form.allowLeaveBeyondBalance;
  if (form.timezone.trim() !== saved.timezone) request.timezone = form.timezone.trim();
  if (readNumber(form.idleMinutes) !== saved.idleMinutes) request.idleMinutes = readNumber(form.idleMinutes);
  if (form.shortcut !== saved.shortcut) request.shortcut = form.shortcut;
  if (form.durations !== saved.durations) request.durations = form.durations;
  if (saved.startAtLoginSupported && form.startAtLogin !== saved.startAtLogin) request.startAtLogin = form.startAtLogin;
  return request;
}
