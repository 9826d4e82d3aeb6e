// The person's role as a back end remembers it (providers/remote/remembered-role.ts): learned whole from the profile and
// what completes it (Harvest's assignments), a part of it (the profile alone) never passing for a whole read, and what
// a 403 withdraws until another role is learned.
import { describe, expect, it } from 'vitest';
import { refusedUnderRole, roleLearned, roleRefused, roleStale, roleWords } from '../../../../mcp-server/providers/remote/remembered-role.ts';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const HOUR = 3_600_000;

describe('the remembered role', () => {
  it('learns a whole read with whose it is and when, sorted, and is due again after a day or for another person', () => {
    const learned = roleLearned(undefined, '1003', ['people_manager', 'manager', 'project_manager'], NOW);
    expect(learned).toEqual({ role: 'manager people_manager project_manager', roleOf: '1003', roleCheckedAt: new Date(NOW).toISOString(), refused: [] });
    expect(roleWords(learned)).toEqual(new Set(['manager', 'people_manager', 'project_manager']));
    expect(roleStale(learned, NOW + HOUR, '1003')).toBe(false);
    expect(roleStale(learned, NOW + 25 * HOUR, '1003')).toBe(true);
    expect(roleStale(learned, NOW + HOUR, '1004')).toBe(true);
    expect(roleStale(undefined, NOW)).toBe(true);
  });

  it('moves the check time at most hourly where nothing changed', () => {
    const learned = roleLearned(undefined, '1003', ['manager'], NOW);
    expect(roleLearned(learned, '1003', ['manager'], NOW + HOUR / 2)).toBeUndefined();
    expect(roleLearned(learned, '1003', ['manager'], NOW + HOUR)?.roleCheckedAt).toBe(new Date(NOW + HOUR).toISOString());
  });

  it("learns a part's change at once without moving the check time, so the whole role is still read when due", () => {
    const learned = { ...roleLearned(undefined, '1003', ['manager', 'project_manager'], NOW), refused: ['team_hours' as const] };
    expect(roleLearned(learned, '1003', ['manager', 'project_manager'], NOW + 2 * HOUR, false)).toBeUndefined();
    expect(roleLearned(learned, '1003', ['administrator', 'project_manager'], NOW + 2 * HOUR, false)).toEqual({
      role: 'administrator project_manager',
      refused: [],
    });
  });

  it("teaches nothing of a person from a part alone, and forgets another person's role, due at once", () => {
    expect(roleLearned(undefined, '1003', ['manager'], NOW, false)).toBeUndefined();
    const someoneElses = roleLearned(undefined, '1002', ['administrator'], NOW);
    const forgotten = roleLearned(someoneElses, '1003', ['manager'], NOW, false);
    expect(forgotten).toMatchObject({ role: '', roleOf: '1003', refused: [] });
    expect(roleWords({ ...someoneElses, ...forgotten })).toEqual(new Set());
    expect(roleStale({ ...someoneElses, ...forgotten }, NOW, '1003')).toBe(true);
  });

  it('withdraws a capability the back end refused, once, until another role is learned', () => {
    const learned = roleLearned(undefined, '1003', ['manager'], NOW);
    const refused = { ...learned, ...roleRefused(learned, 'admin_rates') };
    expect(refusedUnderRole(refused, 'admin_rates')).toBe(true);
    expect(roleRefused(refused, 'admin_rates')).toBeUndefined();
    expect(roleLearned(refused, '1003', ['administrator'], NOW + 1)?.refused).toEqual([]);
  });
});
