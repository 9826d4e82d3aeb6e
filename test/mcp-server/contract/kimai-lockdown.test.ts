// Kimai's lockdown words as the settings take them (mcp-server/contract/kimai-lockdown.ts): the forms
// Kimai's documentation uses read, anything else refused with the key named.
import { describe, expect, it } from 'vitest';
import { lockdownProblem, readLockdownDate } from '../../../mcp-server/contract/kimai-lockdown.ts';
import { profileSchemaOf } from '../../../mcp-server/contract/settings.ts';

describe("Kimai's lockdown words", () => {
  it('reads the month, week and day forms as data, in any case and spacing', () => {
    expect(readLockdownDate('First day of  previous month 00:00:00')).toEqual({ from: 'month', which: 'first', months: -1, time: '00:00:00' });
    expect(readLockdownDate('last day of this month')).toEqual({ from: 'month', which: 'last', months: 0, time: undefined });
    expect(readLockdownDate('sunday last week 23:59')).toEqual({ from: 'week', weekday: 7, weeks: -1, time: '23:59:00' });
    expect(readLockdownDate('tomorrow')).toEqual({ from: 'today', days: 1, time: '00:00:00' });
    expect(readLockdownDate('yesterday 24:00')).toBeUndefined();
    expect(readLockdownDate('next year')).toBeUndefined();
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
