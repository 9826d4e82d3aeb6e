// Punchcard's leave types read off the names organisations give their own (Calamari's absence types,
// Clockify's time-off policies), in the languages their customers write them in.
import { describe, expect, it } from 'vitest';
import { leaveTypeOfName } from '../../../mcp-server/domain/leave-type-names.ts';

describe('leaveTypeOfName', () => {
  it('reads the type off the name, in English, German and Polish; anything else is other', () => {
    expect(['Urlop wypoczynkowy', 'Krankheit', 'Elternzeit', 'Unpaid leave', 'Jury duty'].map(leaveTypeOfName)).toEqual([
      'vacation',
      'sick',
      'parental',
      'unpaid',
      'other',
    ]);
    expect(['Annual leave', 'PTO', 'Sick day', 'Sonderurlaub', 'Maternity leave'].map(leaveTypeOfName)).toEqual([
      'vacation',
      'vacation',
      'sick',
      'personal',
      'parental',
    ]);
  });

  it('takes the first type whose words match: unpaid vacation is unpaid', () => {
    expect(leaveTypeOfName('Unpaid vacation')).toBe('unpaid');
    expect(leaveTypeOfName(undefined)).toBe('other');
    expect(leaveTypeOfName('')).toBe('other');
  });
});
