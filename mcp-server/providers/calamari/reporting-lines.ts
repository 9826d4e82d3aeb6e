// Whom a person manages in Calamari, from Calamari's own data (docs/back-ends/calamari.md, "Teams"):
// the employees whose direct manager they are, and the members of the teams that list them among
// their managers. The organisation's key could read everyone, so the key proves nothing; an
// administrator is a manager of their own reports only. E-mail addresses, which name people in every
// request, compare without the case of ASCII letters only (contract/back-end-accounts.ts,
// normalizeEmail): a look-alike would name somebody else. Pure: the team part reads, this decides.
import { normalizeEmail } from '../../contract/back-end-accounts.ts';
import type { CalamariEmployee, CalamariTeam } from './wire.ts';

/** An e-mail address as compared (normalizeEmail), or '' for none. */
export function emailKey(email: unknown): string {
  return typeof email === 'string' ? normalizeEmail(email) : '';
}

/** The person's active record in the employee list, by their e-mail (as the settings keep it, in lower case). */
export function findEmployee(employees: readonly CalamariEmployee[], email: string): CalamariEmployee | undefined {
  const wanted = emailKey(email);
  return wanted === '' ? undefined : employees.find((employee) => employee.archived !== true && emailKey(employee.email) === wanted);
}

/** The active people `me` manages, each once, never `me`, never a record without an e-mail to name them by. */
export function reportsOf(me: CalamariEmployee, employees: readonly CalamariEmployee[], teams: readonly CalamariTeam[]): CalamariEmployee[] {
  const mine = emailKey(me.email);
  const led = new Set(teams.filter((team) => (team.managers ?? []).includes(me.id)).map((team) => team.id));
  const reports = new Map<string, CalamariEmployee>();
  for (const employee of employees) {
    const email = emailKey(employee.email);
    // A request naming nobody ('' or no e-mail) would read the whole organisation.
    if (employee.archived === true || !email.includes('@') || email === mine || employee.id === me.id) continue;
    if (isDirectReport(employee, me) || (employee.teams ?? []).some((team) => led.has(team.id))) reports.set(email, employee);
  }
  return [...reports.values()];
}

/** The record names `me` as its direct manager: by e-mail where it gives one, else by id. */
function isDirectReport(employee: CalamariEmployee, me: CalamariEmployee): boolean {
  const manager = employee.directManager;
  if (!manager) return false;
  const email = emailKey(manager.email);
  if (email !== '') return email === emailKey(me.email);
  return typeof manager.id === 'number' && manager.id === me.id;
}
