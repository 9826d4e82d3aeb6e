// Working time in the fake bridge (fake-bridge.ts): Preferences' rule set and tray warnings run main's
// own handlers (main/ipc/handlers/working-time.ts) over the fake's in-memory config.json and policy;
// the engine's `working_time` answers a fixed month from the fake's today: weekdays of work with their
// breaks, a public holiday and a day of vacation, and (unless the month is `clean`) days that break the
// rules: a long day, a short rest, work on a Sunday, and today's start too soon after last night. Rules off:
// the same days, nothing found, as the tool answers.
import { workingTimeHandlers } from '../../main/ipc/handlers/working-time.ts';
import type { SettingsStore } from '../../main/settings/settings-store.ts';
import { NO_POLICY } from '../../mcp-server/for-the-app.ts';
import type { WorkingTimeDay, WorkingTimeFinding, WorkingTimeRules, WorkingTimeView } from '../../window-contract/working-time.ts';

export interface FakeWorkingTimeOptions {
  /** config.json's `workingTime.rules`; the holidays' country is DE, so `de` is what Preferences suggests. */
  rules: WorkingTimeRules;
  /** The organisation's policy sets these rules (they win). */
  policy?: WorkingTimeRules;
  /** A month that breaks no rule. */
  clean?: boolean;
}

const at = (date: string, clock: string) => `${date}T${clock}:00+02:00`;
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** The fake's days from `from` to `to`; days after `today` hold nothing yet. */
function monthOf(from: string, to: string, today: string, clean: boolean): { days: WorkingTimeDay[]; found: WorkingTimeFinding[] } {
  const days: WorkingTimeDay[] = [];
  const found: WorkingTimeFinding[] = [];
  for (let time = Date.parse(`${from}T00:00:00Z`); time <= Date.parse(`${to}T00:00:00Z`); time += 86_400_000) {
    const date = new Date(time).toISOString().slice(0, 10);
    const dayOfMonth = Number(date.slice(8));
    const week = weekday(date);
    const working = week >= 1 && week <= 5;
    const day: WorkingTimeDay = {
      date,
      start: null,
      end: null,
      worked_minutes: 0,
      break_minutes: 0,
      rest_before_minutes: null,
      target_minutes: working ? 480 : 0,
      findings: [],
    };
    if (dayOfMonth === 1) Object.assign(day, { holiday: 'Labour Day', target_minutes: 0 });
    if (dayOfMonth === 8 && working) Object.assign(day, { leave: 'vacation', target_minutes: 0 });
    days.push(day);
    if (date > today || day.holiday || day.leave) continue;
    if (working) Object.assign(day, { start: at(date, '08:30'), end: at(date, '17:00'), worked_minutes: 480, break_minutes: 30, rest_before_minutes: 930 });
    if (clean) continue;
    if (dayOfMonth === 5 && working) {
      Object.assign(day, { end: at(date, '20:30'), worked_minutes: 645, break_minutes: 45 });
      found.push({ code: 'wt_day_over_max', date, worked_minutes: 645, max_minutes: 600 });
    }
    if (dayOfMonth === 6 && working) {
      Object.assign(day, { start: at(date, '06:00'), end: at(date, '14:30'), rest_before_minutes: 570 });
      found.push({
        code: 'wt_rest_short',
        date,
        end: at(days.at(-2)?.date ?? date, '20:30'),
        next_start: at(date, '06:00'),
        rest_minutes: 570,
        required_minutes: 660,
      });
    }
    if (week === 0 && dayOfMonth >= 7) {
      Object.assign(day, { start: at(date, '10:00'), end: at(date, '12:00'), worked_minutes: 120, rest_before_minutes: 2_460 });
      found.push({ code: 'wt_sunday_or_holiday', date, worked_minutes: 120 });
    }
    // Today as the fake's status has it (8:45 to now, a half-hour break), after work until 22:30 yesterday.
    if (date === today && working) {
      Object.assign(day, { start: at(date, '08:45'), end: at(date, '14:25'), worked_minutes: 310, break_minutes: 30, rest_before_minutes: 615 });
      found.push({
        code: 'wt_rest_short',
        date,
        end: at(days.at(-2)?.date ?? date, '22:30'),
        next_start: at(date, '08:45'),
        rest_minutes: 615,
        required_minutes: 660,
      });
    }
  }
  for (const finding of found) days.find((day) => day.date === finding.date)?.findings.push(finding.code);
  return { days, found };
}

export function createFakeWorkingTime(settings: SettingsStore, today: () => string, options: FakeWorkingTimeOptions | undefined) {
  const policy = () => ({ ...NO_POLICY, workingTimeRules: options?.policy ?? null });
  const exports: string[] = [];
  const range = async (from: string, to: string): Promise<WorkingTimeView> => {
    const rules = options?.policy ?? settings.read().workingTime.rules;
    const { days, found } = monthOf(from, to, today(), options?.clean === true);
    const findings = rules === 'off' ? [] : found;
    const shownDays = rules === 'off' ? days.map((day) => ({ ...day, findings: [] })) : days;
    const worked = days.reduce((sum, day) => sum + day.worked_minutes, 0);
    const target = days.reduce((sum, day) => sum + day.target_minutes, 0);
    const targetSoFar = days.filter((day) => day.date <= today()).reduce((sum, day) => sum + day.target_minutes, 0);
    return {
      rules,
      from,
      to,
      days: shownDays,
      findings,
      totals: { worked_minutes: worked, target_minutes: target, overtime_minutes: worked - targetSoFar, sunday_holiday_minutes: 120, night_minutes: 0 },
      balance: { since: '2026-01-01', since_reason: 'year_start', opening_minutes: 0, minutes: 754 },
    };
  };
  const handlers = workingTimeHandlers({
    settings,
    policy,
    workingTime: { range },
    saveTextFile: async (request) => {
      exports.push(request.contents);
      return `/home/ada/${request.fileName}`;
    },
  });
  return { handlers, exports };
}
