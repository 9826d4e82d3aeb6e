// Day targets kept by month: one engine call for the months not known, none for a week shown again,
// and asked again after a while or when leave or the plan changed.
import { describe, expect, it } from 'vitest';
import { createDayTargets, lastOfMonth, monthsOf, TARGETS_TTL_MS } from '../../../main/engine/day-targets.ts';
import { eachDate } from '../../../mcp-server/domain/time.ts';

function setup() {
  let clock = 0;
  const fetched: string[] = [];
  const targets = createDayTargets({
    now: () => clock,
    fetch: async (from, to) => {
      fetched.push(`${from}..${to}`);
      return new Map(eachDate(from, to).map((date) => [date, 480]));
    },
  });
  return { targets, fetched, advance: (ms: number) => (clock += ms) };
}

describe('day targets', () => {
  it('fetch the months a week touches in one call, and nothing for weeks of those months later', async () => {
    const { targets, fetched } = setup();
    expect([...(await targets.of('2026-06-29', '2026-07-05')).keys()]).toEqual(eachDate('2026-06-29', '2026-07-05'));
    expect(fetched).toEqual(['2026-06-01..2026-07-31']);
    await targets.of('2026-07-06', '2026-07-12');
    await targets.of('2026-06-22', '2026-06-28');
    expect(fetched).toHaveLength(1);
    await targets.of('2026-07-27', '2026-08-02');
    expect(fetched).toEqual(['2026-06-01..2026-07-31', '2026-08-01..2026-08-31']);
  });

  it('ask again after a while, after forget(), and keep what a report of whole months brought', async () => {
    const { targets, fetched, advance } = setup();
    await targets.of('2026-07-06', '2026-07-12');
    advance(TARGETS_TTL_MS);
    await targets.of('2026-07-06', '2026-07-12');
    targets.forget();
    await targets.of('2026-07-06', '2026-07-12');
    expect(fetched).toHaveLength(3);
    targets.remember('2026-09-01', '2026-09-30', new Map(eachDate('2026-09-01', '2026-09-30').map((date) => [date, 420])));
    expect((await targets.of('2026-09-07', '2026-09-13')).get('2026-09-07')).toBe(420);
    expect(fetched).toHaveLength(3);
  });

  it('know the months and their last days', () => {
    expect(monthsOf('2026-11-30', '2027-01-02')).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(['2026-02', '2028-02', '2026-12'].map(lastOfMonth)).toEqual(['2026-02-28', '2028-02-29', '2026-12-31']);
  });
});
