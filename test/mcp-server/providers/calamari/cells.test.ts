// What Calamari's cells offer (mcp-server/providers/calamari/cells.ts), from the modules remembered in use and what
// Calamari's own data says: in the order whoami lists them, and nothing under an organisation's credential, which
// Calamari never runs under (it has no organisation account that acts for people, said once in its grid).
import { describe, expect, it } from 'vitest';
import { CALAMARI_CELLS, calamariCapabilities } from '../../../../mcp-server/providers/calamari/cells.ts';
import type { CalamariFacts } from '../../../../mcp-server/providers/calamari/facts.ts';
import { offeredBy } from '../../../../mcp-server/providers/grid/compose.ts';

const offered = (facts: CalamariFacts | undefined) => [...calamariCapabilities(facts)];

describe("Calamari's offers", () => {
  it('a module not known to be off is offered; team hours and the employee list only once known', () => {
    expect(offered(undefined)).toEqual(['account', 'timer', 'breaks', 'entries', 'reports', 'catalog', 'leave', 'calendar']);
    expect(offered({ timeAndAttendance: true, timeOff: true, managesPeople: true, employeeList: true })).toEqual([
      'account',
      'timer',
      'breaks',
      'entries',
      'reports',
      'catalog',
      'leave',
      'calendar',
      'team_hours',
      'admin_people',
    ]);
  });

  it('follows the modules: Time & Attendance off takes the shifts, the projects and team hours; Time Off off takes leave', () => {
    expect(offered({ timeAndAttendance: false, managesPeople: true })).toEqual(['account', 'leave', 'calendar']);
    expect(offered({ timeOff: false, employeeList: true })).toEqual(['account', 'timer', 'breaks', 'entries', 'reports', 'catalog', 'admin_people']);
    expect(offered({ timeAndAttendance: false, timeOff: false, managesPeople: false, employeeList: false })).toEqual(['account']);
  });

  it('offers nothing under an organisation credential, whatever is known', () => {
    for (const facts of [undefined, { timeAndAttendance: true, timeOff: true, managesPeople: true, employeeList: true }]) {
      expect([...offeredBy(CALAMARI_CELLS, facts, 'organisation')]).toEqual([]);
    }
  });

  it('a cell asked to narrow its endpoints to a person sends nothing: one with endpoints of its own throws, one without has none', async () => {
    const sendingNothing: string[] = [];
    for (const cell of CALAMARI_CELLS) {
      const code = await cell.code();
      if (Object.keys(code.endpointsOver({} as never, undefined)).length === 0) {
        sendingNothing.push(cell.name);
        expect(code.endpointsOver({} as never, {} as never), cell.name).toEqual({});
      } else expect(() => code.endpointsOver({} as never, {} as never), cell.name).toThrow(/^This cell has no narrowing under an organisation credential/);
    }
    expect(sendingNothing).toEqual(['account', 'catalog']);
  });
});
