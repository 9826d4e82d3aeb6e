// Kimai's lockdown evaluated as PHP does (mcp-server/domain/kimai-lockdown.ts): the period's instants in
// its zone, from the words contract/kimai-lockdown.ts reads.
import { describe, expect, it } from 'vitest';
import { lockedPeriod } from '../../../mcp-server/domain/kimai-lockdown.ts';
import { formatInstant } from '../../../mcp-server/domain/time.ts';

const NOW = Date.parse('2026-11-19T15:04:05+01:00'); // a Thursday
const zone = 'Europe/Berlin';
const evaluate = (period_start: string, period_end: string) => {
  const period = lockedPeriod({ period_start, period_end, timezone: zone }, NOW, 'UTC');
  return [formatInstant(period.start, zone), formatInstant(period.end, zone)];
};

describe("Kimai's lockdown now", () => {
  it('evaluates the month, week and day forms as PHP does', () => {
    expect(evaluate('first day of previous month 00:00:00', 'last day of previous month 23:59:59')).toEqual([
      '2026-10-01T00:00:00+02:00',
      '2026-10-31T23:59:59+01:00',
    ]);
    expect(evaluate('first day of last month', 'last day of this month 23:59')).toEqual(['2026-10-01T15:04:05+02:00', '2026-11-30T23:59:00+01:00']);
    expect(evaluate('monday last week', 'sunday last week 23:59:59')).toEqual(['2026-11-09T00:00:00+01:00', '2026-11-15T23:59:59+01:00']);
    expect(evaluate('Monday this week', 'yesterday 23:59:59')).toEqual(['2026-11-16T00:00:00+01:00', '2026-11-18T23:59:59+01:00']);
    // January's previous month is last year's December.
    const january = lockedPeriod({ period_start: 'first day of previous month 00:00:00', period_end: 'today' }, Date.parse('2027-01-10T12:00:00Z'), 'UTC');
    expect(formatInstant(january.start, 'UTC')).toBe('2026-12-01T00:00:00+00:00');
  });
});
