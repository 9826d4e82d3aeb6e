// Harvest's records as Punchcard's (mcp-server/providers/harvest/mapping.ts, zones.ts): times as Harvest writes them,
// spans on both kinds of account, the zone names Harvest uses, locks in words, and which next-page links are followed.
import { describe, expect, it } from 'vitest';
import { clockTime, entrySpan, hoursOf, lockOf, nextPageQuery, timestampSpan, toTimeEntry } from '../../../../mcp-server/providers/harvest/mapping.ts';
import { spanOf } from '../../../../mcp-server/providers/harvest/team/team.ts';
import { ianaZoneOf } from '../../../../mcp-server/providers/harvest/zones.ts';
import type { HarvestTimeEntry } from '../../../../mcp-server/providers/harvest/wire.ts';

const BERLIN = 'Europe/Berlin';
const NOW = Date.parse('2026-11-18T12:00:00+01:00');
const entry = (more: Partial<HarvestTimeEntry>): HarvestTimeEntry => ({ id: 7, spent_date: '2026-11-17', hours: 1.5, ...more });

describe('times', () => {
  it('reads both clocks Harvest writes, and refuses what is neither', () => {
    expect(clockTime('8:00am')).toBe('08:00');
    expect(clockTime('12:15am')).toBe('00:15');
    expect(clockTime('12:15pm')).toBe('12:15');
    expect(clockTime('2:59pm')).toBe('14:59');
    expect(clockTime('14:59')).toBe('14:59');
    expect(clockTime('13:00pm')).toBeUndefined();
    expect(clockTime('25:00')).toBeUndefined();
    expect(clockTime(null)).toBeUndefined();
  });

  it('rounds hours to two decimals, never below zero', () => {
    expect(hoursOf(90 * 60_000)).toBe(1.5);
    expect(hoursOf(60_000)).toBe(0.02);
    expect(hoursOf(-5)).toBe(0);
  });

  it('sends a span as the day and wall-clock times in the zone, and refuses one across midnight', () => {
    expect(timestampSpan(Date.parse('2026-11-17T15:00:00Z'), Date.parse('2026-11-17T16:30:00Z'), 'America/New_York')).toEqual({
      spent_date: '2026-11-17',
      started_time: '10:00',
      ended_time: '11:30',
    });
    expect(timestampSpan(Date.parse('2026-11-17T22:00:00+01:00'), Date.parse('2026-11-18T00:00:00+01:00'), BERLIN)).toEqual({
      spent_date: '2026-11-17',
      started_time: '22:00',
      ended_time: '23:59',
    });
    expect(timestampSpan(Date.parse('2026-11-17T23:00:00+01:00'), Date.parse('2026-11-18T01:00:00+01:00'), BERLIN)).toBe('over_midnight');
  });
});

describe('spans', () => {
  it('a timestamp entry by its times on its day in the zone', () => {
    expect(entrySpan(entry({ started_time: '9:00am', ended_time: '10:30am' }), BERLIN, NOW)).toEqual({
      start: Date.parse('2026-11-17T09:00:00+01:00'),
      end: Date.parse('2026-11-17T10:30:00+01:00'),
    });
    expect(entrySpan(entry({ started_time: '9:00', is_running: true }), BERLIN, NOW)).toEqual({ start: Date.parse('2026-11-17T09:00:00+01:00'), end: null });
  });

  it('a running duration entry from when its timer started, less what it held before; a stopped one from its day’s start, marked as without times', () => {
    const running = entry({ spent_date: '2026-11-18', is_running: true, timer_started_at: '2026-11-18T10:00:00Z', hours_without_timer: 0.5, hours: 1.5 });
    expect(entrySpan(running, BERLIN, NOW)).toEqual({ start: Date.parse('2026-11-18T09:30:00Z'), end: null });
    // Clocked in at 07:30 with the hours since (to the hundredth), restarted a second later under load: still 07:30.
    const restartedLate = entry({ spent_date: '2026-11-18', is_running: true, hours: 4.5, hours_without_timer: 4.5, timer_started_at: '2026-11-18T11:00:01Z' });
    expect(entrySpan(restartedLate, BERLIN, NOW)).toEqual({ start: Date.parse('2026-11-18T06:30:00Z'), end: null });
    expect(toTimeEntry(running, BERLIN, NOW).span).toBeUndefined();
    expect(entrySpan(entry({ hours: 2 }), BERLIN, NOW)).toEqual({
      start: Date.parse('2026-11-17T00:00:00+01:00'),
      end: Date.parse('2026-11-17T02:00:00+01:00'),
      span: 'day',
    });
    expect(toTimeEntry(entry({ hours: 2 }), BERLIN, NOW)).toMatchObject({ span: 'day' });
    // A stopped entry with its times (a timestamp account) keeps them, unmarked.
    expect(toTimeEntry(entry({ hours: 1, started_time: '9:00am', ended_time: '10:00am' }), BERLIN, NOW).span).toBeUndefined();
  });

  it('an entry as Punchcard shows it: the agent’s mark taken from its notes, its lock quoting Harvest', () => {
    const shown = toTimeEntry(
      entry({
        notes: '[ai:claude-code] Ran the tests',
        project: { id: 3, name: 'Website' },
        task: { id: 4, name: 'Development' },
        is_locked: true,
        locked_reason: 'Item Invoiced and Approved and Locked for this Time Period',
        approval_status: 'approved',
      }),
      BERLIN,
      NOW,
    );
    expect(shown).toMatchObject({
      id: 7,
      description: 'Ran the tests',
      agent: 'claude-code',
      project: { id: 3, name: 'Website' },
      activity: { id: 4, name: 'Development' },
      locked: 'Locked in Harvest: "Item Invoiced and Approved and Locked for this Time Period" (approved).',
    });
    expect(lockOf(entry({ is_locked: false }))).toBeUndefined();
  });
});

describe('zones', () => {
  it("maps Harvest's names to IANA zones, takes IANA names as they are, and knows when it does not know", () => {
    expect(ianaZoneOf('Berlin')).toBe('Europe/Berlin');
    expect(ianaZoneOf('Eastern Time (US & Canada)')).toBe('America/New_York');
    expect(ianaZoneOf('Pacific Time (US & Canada)')).toBe('America/Los_Angeles');
    expect(ianaZoneOf('Europe/Vienna')).toBe('Europe/Vienna');
    expect(ianaZoneOf('Atlantis')).toBeUndefined();
    expect(ianaZoneOf(null)).toBeUndefined();
  });
});

describe('the next page', () => {
  const asked = new URL('https://api.harvestapp.com/v2/time_entries?user_id=1&from=2026-11-01&to=2026-11-30&per_page=2000');

  it('follows a link on the same address, path and filters, a cursor added (days as Harvest writes them too)', () => {
    expect(
      nextPageQuery('https://api.harvestapp.com/v2/time_entries?cursor=abc&from=20261101&per_page=2000&ref=next_cursor&to=20261130&user_id=1', asked),
    ).toEqual({ cursor: 'abc', from: '20261101', per_page: '2000', ref: 'next_cursor', to: '20261130', user_id: '1' });
  });

  it('refuses another host, another path, other filters, or a link it cannot read', () => {
    expect(nextPageQuery('https://evil.example/v2/time_entries?cursor=abc&user_id=1&from=2026-11-01&to=2026-11-30', asked)).toBeUndefined();
    expect(nextPageQuery('https://api.harvestapp.com/v2/users?cursor=abc&user_id=1&from=2026-11-01&to=2026-11-30', asked)).toBeUndefined();
    expect(nextPageQuery('https://api.harvestapp.com/v2/time_entries?cursor=abc&user_id=2&from=2026-11-01&to=2026-11-30', asked)).toBeUndefined();
    expect(nextPageQuery('https://api.harvestapp.com/v2/time_entries?cursor=abc&from=2026-11-01&to=2026-11-30', asked)).toBeUndefined();
    expect(nextPageQuery('http://[::1', asked)).toBeUndefined();
  });
});

describe("a colleague's span (team_report)", () => {
  it('keeps an entry without times marked so, for the working-time counts to take its length alone', () => {
    expect(spanOf(entry({ hours: 2, project: { id: 1, name: 'Website' } }), BERLIN, NOW)).toEqual({
      start: Date.parse('2026-11-17T00:00:00+01:00'),
      end: Date.parse('2026-11-17T02:00:00+01:00'),
      project: 'Website',
      activity: null,
      span: 'day',
    });
    expect(spanOf(entry({ started_time: '9:00am', ended_time: '10:30am' }), BERLIN, NOW)).not.toHaveProperty('span');
  });
});
