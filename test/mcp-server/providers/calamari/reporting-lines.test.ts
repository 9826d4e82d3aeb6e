// Whom a person manages on Calamari, from its data alone: their direct reports and the members of
// the teams that list them as a manager; never themselves, never someone who left, and never the
// whole organisation for being an administrator.
import { describe, expect, it } from 'vitest';
import { findEmployee, reportsOf } from '../../../../mcp-server/providers/calamari/reporting-lines.ts';
import type { CalamariEmployee, CalamariTeam } from '../../../../mcp-server/providers/calamari/wire.ts';

const employee = (id: number, name: string, more: Partial<CalamariEmployee> = {}): CalamariEmployee => ({
  id,
  email: `${name}@acme.example`,
  firstName: name,
  teams: [],
  ...more,
});
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
    const teams: CalamariTeam[] = [
      { id: 1, name: 'Engineering', managers: [] },
      { id: 2, name: 'Sales', managers: [10] },
      { id: 3, name: 'Support' },
    ];
    const sam = employee(12, 'sam', { teams: [{ id: 2, name: 'Sales' }], directManager: { email: 'mia@acme.example' } });
    const cleo = employee(3, 'cleo', {
      teams: [
        { id: 2, name: 'Sales' },
        { id: 3, name: 'Support' },
      ],
    });
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

  it('takes no look-alike e-mail for the manager’s: only ASCII letters compare without case', () => {
    // U+212A KELVIN SIGN lower-cases to "k": a record naming "\u212Aate" as manager is someone else's.
    const kate = employee(20, 'kate');
    const lookAlike = employee(21, 'x', { email: '\u212Aate@acme.example' });
    const ada = employee(1, 'ada', { directManager: { email: '\u212Aate@acme.example' } });
    const bob = employee(2, 'bob', { directManager: { email: 'KATE@acme.example' } });
    expect(names(reportsOf(kate, [lookAlike, kate, ada, bob], []))).toEqual(['bob']);
  });

  it('never names a record without an e-mail (a filter of no one reads everyone), and does not fail on one', () => {
    const nameless = { id: 5, firstName: 'eve', teams: [{ id: 1, name: 'Engineering' }], directManager: { id: 10 } } as unknown as CalamariEmployee;
    const blank = employee(6, 'fay', { email: '  ', directManager: { id: 10 } });
    const ada = employee(1, 'ada', { directManager: { id: 10 } });
    expect(names(reportsOf(MIA, [nameless, blank, MIA, ada], [{ id: 1, name: 'Engineering', managers: [10] }]))).toEqual(['ada']);
  });
});

describe('findEmployee', () => {
  it('finds the person by their e-mail in any ASCII case, never a look-alike, an archived record or one without an e-mail', () => {
    const lookAlike = employee(21, 'x', { email: '\u212Aate@acme.example' });
    const archived = employee(22, 'old', { email: 'kate@acme.example', archived: true });
    const nameless = { id: 23, firstName: 'eve' } as unknown as CalamariEmployee;
    const kate = employee(20, 'kate', { email: 'Kate@Acme.example' });
    expect(findEmployee([nameless, lookAlike, archived, kate], 'kate@acme.example')?.id).toBe(20);
    expect(findEmployee([nameless, lookAlike, archived], 'kate@acme.example')).toBeUndefined();
  });
});
