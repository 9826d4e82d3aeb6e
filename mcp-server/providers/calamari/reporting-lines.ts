// Whom a person manages in Calamari, from Calamari's own data (docs/back-ends/calamari.md, "Teams"):
// the employees whose direct manager they are, and the members of the teams that list them among
// their managers. The organisation's key could read everyone, so the key proves nothing; an
// administrator is a manager of their own reports only. Pure: the team part reads, this decides.
import type { CalamariEmployee, CalamariTeam } from './wire.ts';

/** The active people `me` manages, each once, never `me`. */
export function reportsOf(me: CalamariEmployee, employees: readonly CalamariEmployee[], teams: readonly CalamariTeam[]): CalamariEmployee[] {
  const led = new Set(teams.filter((team) => (team.managers ?? []).includes(me.id)).map((team) => team.id));
  const reports = new Map<string, CalamariEmployee>();
  for (const employee of employees) {
    const email = employee.email.toLowerCase();
    if (employee.archived === true || email === me.email.toLowerCase()) continue;
    if (isDirectReport(employee, me) || (employee.teams ?? []).some((team) => led.has(team.id))) reports.set(email, employee);
  }
  return [...reports.values()];
}

/** The record names `me` as its direct manager: by e-mail where it gives one, else by id. */
function isDirectReport(employee: CalamariEmployee, me: CalamariEmployee): boolean {
  const manager = employee.directManager;
  if (!manager) return false;
  if (typeof manager.email === 'string' && manager.email !== '') return manager.email.toLowerCase() === me.email.toLowerCase();
  return typeof manager.id === 'number' && manager.id === me.id;
}
