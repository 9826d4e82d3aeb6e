// A connection's own work week on the Account screen (docs/using-the-app.md, "Several connections"), pure: the seven
// fields as typed, what is wrong with them, the week to send, and what the screen says of a connection's week. A
// connection without one shares the work week in Preferences with the others that have none; a back end that keeps
// targets (Clockodo, Calamari, Clockify, Harvest) keeps its own and is offered no week here.
import type { AccountView, BackEndType, ConnectionView } from '../../../window-contract/account.ts';
import { namesTogether, type WeekHours } from '../../../mcp-server/contract/connections.ts';
import { checkNumber, DAYS, hoursFormat, readNumber, type Day } from './preferences-form.ts';

/** The seven fields as typed. */
export type WeekDraft = Record<Day, string>;

/** What a new week of its own starts from: five days of eight hours. */
const FIVE_DAYS: WeekHours = { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 };

export function draftOf(week: WeekHours | null): WeekDraft {
  const start = week ?? FIVE_DAYS;
  return Object.fromEntries(DAYS.map(({ key }) => [key, String(start[key])])) as WeekDraft;
}

/** Each day's problem, in the words the Preferences' week uses ("Monday: At most 24 hours."). */
export function weekProblems(draft: WeekDraft): Partial<Record<Day, string>> {
  const found = DAYS.map(({ key, long }) => {
    const problem = checkNumber(draft[key], 24, 'hours');
    return [key, problem && `${long}: ${problem}`] as const;
  });
  return Object.fromEntries(found.filter(([, problem]) => problem));
}

/** The week the fields say, or null while one of them is wrong. */
export function weekOf(draft: WeekDraft): WeekHours | null {
  if (Object.keys(weekProblems(draft)).length > 0) return null;
  return Object.fromEntries(DAYS.map(({ key }) => [key, readNumber(draft[key])])) as unknown as WeekHours;
}

/** Hours a week the fields add up to, what cannot be read counting none. */
export function draftHours(draft: WeekDraft): number {
  return DAYS.reduce((sum, { key }) => sum + (readNumber(draft[key]) || 0), 0);
}

/** Whether Punchcard offers a week of its own for a back end: only where the back end keeps no targets. */
export function offersWeek(saved: Pick<AccountView, 'choices'>, type: BackEndType): boolean {
  return saved.choices.find((choice) => choice.type === type)?.app.keepsPlan === false;
}

/**
 * A connection's week as the Account screen says it: its own ("20 hours a week: Mon 5, Tue 5, …"), its back end's
 * ("kept by Clockify"), or the work week in Preferences, shared with the others that have none.
 */
export function weekFacts(saved: Pick<AccountView, 'choices' | 'connections'>, connection: ConnectionView): string {
  const type = connection.provider.type;
  if (!offersWeek(saved, type)) return `kept by ${saved.choices.find((choice) => choice.type === type)?.label ?? type}`;
  if (connection.workWeek) {
    const week = connection.workWeek;
    const days = DAYS.filter(({ key }) => week[key] > 0).map(({ key, short }) => `${short} ${hoursFormat.format(week[key])}`);
    const total = DAYS.reduce((sum, { key }) => sum + week[key], 0);
    return `its own, ${hoursFormat.format(total)} hours a week${days.length > 0 ? ` (${days.join(', ')})` : ''}`;
  }
  const partners = saved.connections
    .filter((other) => other.name !== connection.name && other.workWeek === null && offersWeek(saved, other.provider.type))
    .map((other) => other.name);
  return partners.length > 0 ? `the one in Preferences, shared with ${namesTogether(partners)}` : 'the one in Preferences';
}
