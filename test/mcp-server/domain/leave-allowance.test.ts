import { describe, expect, it } from 'vitest';
import { balanceLeft, balancesFor, costPerYear, isBeyond, leftWords, type YearBalance } from '../../../mcp-server/domain/leave-allowance.ts';

const day = (date: string, counts = 1) => ({ date, counts });

describe('what a vacation request leaves of the balance', () => {
  it('counts the working days per year, days off left out', () => {
    expect(costPerYear([day('2026-12-30'), day('2026-12-31', 0.5), day('2027-01-01', 0), day('2027-01-04')])).toEqual([
      { year: 2026, days: 1.5 },
      { year: 2027, days: 1 },
    ]);
    expect(costPerYear([day('2026-12-26', 0)])).toEqual([]);
  });

  it('draws on each year with the days it has there', () => {
    const balances = new Map<number, YearBalance>([
      [2026, { remaining: 2 }],
      [2027, { remaining: 25 }],
    ]);
    const left = balanceLeft(
      [
        { year: 2026, days: 3 },
        { year: 2027, days: 4 },
      ],
      balances,
    );
    expect(left).toEqual([
      { year: 2026, before: 2, cost: 3, after: -1 },
      { year: 2027, before: 25, cost: 4, after: 21 },
    ]);
    expect(isBeyond(left)).toBe(true);
    expect(leftWords(left)).toBe('-1 day of 2026 (2 left) and 21 of 2027 (25 left)');
  });

  it('draws once on a balance across years, with the whole request', () => {
    const left = balanceLeft(
      [
        { year: 2026, days: 3 },
        { year: 2027, days: 4 },
      ],
      new Map([[2026, { remaining: 6.5, acrossYears: true }]]),
    );
    expect(left).toEqual([{ year: null, before: 6.5, cost: 7, after: -0.5 }]);
    expect(leftWords(left)).toBe('-0.5 days (6.5 left)');
  });

  it('leaves out a balance without a limit, and a request that uses up exactly what is left is not beyond it', () => {
    expect(balanceLeft([{ year: 2026, days: 40 }], new Map([[2026, { remaining: 0, unlimited: true }]]))).toEqual([]);
    expect(balanceLeft([{ year: 2026, days: 40 }], new Map([[2026, { remaining: 0, unlimited: true, acrossYears: true }]]))).toEqual([]);
    const exact = balanceLeft([{ year: 2026, days: 6.5 }], new Map([[2026, { remaining: 6.5 }]]));
    expect(isBeyond(exact)).toBe(false);
    expect(leftWords(exact)).toBe('0 days of 2026 (6.5 left)');
  });

  it('reads each year it needs, and no year after a balance across years', async () => {
    const asked: number[] = [];
    const read = (acrossYears: boolean) => async (year: number) => (asked.push(year), { remaining: 10, acrossYears });
    await balancesFor([{ year: 2026 }, { year: 2027 }], read(false));
    expect(asked).toEqual([2026, 2027]);
    asked.length = 0;
    expect([...(await balancesFor([{ year: 2026 }, { year: 2027 }], read(true))).keys()]).toEqual([2026]);
    expect(asked).toEqual([2026]);
  });
});
