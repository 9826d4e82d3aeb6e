// Kimai's lockdown words as the settings take them (mcp-server/contract/kimai-lockdown.ts): evaluated for
// the forms Kimai's documentation uses, anything else refused with the key named.
import { describe, expect, it } from 'vitest';
import { lockdownProblem, lockedPeriod } from '../../../mcp-server/contract/kimai-lockdown.ts';
import { profileSchemaOf } from '../../../mcp-server/contract/settings.ts';
import { formatInstant } from '../../../mcp-server/domain/time.ts';

const NOW = Date.parse('2026-11-19T15:04:05+01:00'); // a Thursday
const zone = 'Europe/Berlin';
const evaluate = (period_start: string, period_end: string) => {
  const period = lockedPeriod({ period_start, period_end, timezone: zone }, NOW, 'UTC');
  return [formatInstant(period.start, zone), formatInstant(period.end, zone)];
};

describe("Kimai's lockdown words", () => {
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

  it('refuses words it cannot evaluate, and a zone that is none, naming the key', () => {
    expect(lockdownProblem({ period_start: '-1 month', period_end: 'today' })).toMatch(
      /^provider\.lockdown\.period_start "-1 month" is not a form of Kimai's relative dates/,
    );
    expect(lockdownProblem({ period_start: 'today', period_end: 'last day of previous month 25:00' })).toMatch(/^provider\.lockdown\.period_end /);
    expect(lockdownProblem({ period_start: 'today', period_end: 'today', timezone: 'Mars/Olympus' })).toMatch(
      /^provider\.lockdown\.timezone "Mars\/Olympus" is not a time zone/,
    );
    const parsed = profileSchemaOf('kimai').safeParse({
      type: 'kimai',
      url: 'https://kimai.example.com',
      lockdown: { period_start: 'first day of last year', period_end: 'today' },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/^provider\.lockdown\.period_start "first day of last year"/);
    const extra = profileSchemaOf('kimai').safeParse({
      type: 'kimai',
      url: 'https://kimai.example.com',
      lockdown: { period_start: 'today', period_end: 'today', grace: '+1 day' },
    });
    expect(extra.success).toBe(false);
    expect(
      profileSchemaOf('kimai').parse({ type: 'kimai', url: 'https://kimai.example.com', lockdown: { period_start: 'today', period_end: 'today' } }),
    ).toHaveProperty('lockdown');
  });
});
