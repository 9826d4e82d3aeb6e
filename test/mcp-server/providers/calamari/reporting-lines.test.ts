// Whom a person manages on Calamari, from its data alone: their direct reports and the members of
// the teams that list them as a manager; never themselves, never someone who left, and never the
// whole organisation for being an administrator.
import { describe, expect, it } from 'vitest';
import { reportsOf } from '../../../../mcp-server/providers/calamari/reporting-lines.ts';
import type { CalamariEmployee, CalamariTeam } from '../../../../mcp-server/providers/calamari/wire.ts';

const employee = (id: number, name: string, more: Partial<CalamariEmployee> = {}): CalamariEmployee => ({ id, email: `${name}@acme.example`, firstName: name, teams: [], ...more });
const MIA = employee(10, 'mia', { teams: [{ id: 1, name: 'Engineering' }] });
const names = (reports: CalamariEmployee[]) => reports.map((report) => report.firstName).sort();

describe('reportsOf', () => {
  it('finds direct reports by the manager’s e-mail in any case, or by id where the record gives no e-mail', () => {
    const ada = employee(1, 'ada', { directManager: { id: 99, email: 'MIA@acme.example' } });
    const bob = employee(2, 'bob', { directManager: { id: 10 } });
    const cleo = employee(3, 'cleo', { directManager: { id: 10, email: 'olga@acme.example' } });
    expect(names(reportsOf(MIA, [MIA, ada, bob, cleo], []))).toEqual(['ada', 'bob']);
  });

  it('adds the members of the teams that list the person among their managers, each once', () => {
    const teams: CalamariTeam[] = [{ id: 1, name: 'Engineering', managers: [] }, { id: 2, name: 'Sales', managers: [10] }, { id: 3, name: 'Support' }];
    const sam = employee(12, 'sam', { teams: [{ id: 2, name: 'Sales' }], directManager: { email: 'mia@acme.example' } });
    const cleo = employee(3, 'cleo', { teams: [{ id: 2, name: 'Sales' }, { id: 3, name: 'Support' }] });
    const ada = employee(1, 'ada', { teams: [{ id: 1, name: 'Engineering' }] });
    expect(names(reportsOf(MIA, [MIA, sam, cleo, ada], teams))).toEqual(['cleo', 'sam']);
  });

  it('leaves out the person, people who left, and everyone an administrator merely could read', () => {
    const admin = { ...MIA, admin: true } as CalamariEmployee;
    const self = { ...MIA, directManager: { email: 'mia@acme.example' } };
    const dan = employee(4, 'dan', { archived: true, directManager: { email: 'mia@acme.example' } });
    const ada = employee(1, 'ada', { teams: [{ id: 1, name: 'Engineering' }] });
    expect(reportsOf(admin, [self, dan, ada], [{ id: 1, name: 'Engineering' }])).toEqual([]);
  });
});
