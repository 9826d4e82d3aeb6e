// The wire formats of remote back ends: Kimai reads wall-clock times in the user's profile zone
// and writes ISO times with '+0200' offsets (docs/back-ends/kimai.md, "Times"). Across
// daylight-saving changes.
import { describe, expect, it } from 'vitest';
import { formatWallClock, parseOffsetDateTime } from '../../../mcp-server/domain/time.ts';

describe('formatWallClock', () => {
  it('writes the wall clock of the zone without an offset, dropping milliseconds', () => {
    expect(formatWallClock(Date.parse('2026-05-04T07:15:30.999Z'), 'Europe/Berlin')).toBe('2026-05-04T09:15:30');
    expect(formatWallClock(Date.parse('2026-11-18T07:00:00Z'), 'Europe/Berlin')).toBe('2026-11-18T08:00:00');
    expect(formatWallClock(Date.parse('2026-11-18T07:00:00Z'), 'America/New_York')).toBe('2026-11-18T02:00:00');
  });

  it('follows the spring-forward and fall-back changes', () => {
    // Berlin 2026-03-29: 02:00 → 03:00. One minute before and after the jump.
    expect(formatWallClock(Date.parse('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toBe('2026-03-29T01:59:00');
    expect(formatWallClock(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29T03:00:00');
    // Berlin 2026-10-25: 03:00 → 02:00; 02:30 happens twice, an hour apart.
    expect(formatWallClock(Date.parse('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30:00');
    expect(formatWallClock(Date.parse('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30:00');
  });
});

describe('parseOffsetDateTime', () => {
  it("reads Kimai's offsets without a colon, and the ECMAScript form with one", () => {
    expect(parseOffsetDateTime('2026-05-04T09:15:00+0200')).toBe(Date.parse('2026-05-04T07:15:00Z'));
    expect(parseOffsetDateTime('2026-03-27T14:35:00+1300')).toBe(Date.parse('2026-03-27T01:35:00Z'));
    expect(parseOffsetDateTime('2026-11-18T02:00:00-0500')).toBe(Date.parse('2026-11-18T07:00:00Z'));
    expect(parseOffsetDateTime('2026-11-18T02:00:00-05:00')).toBe(Date.parse('2026-11-18T07:00:00Z'));
    expect(parseOffsetDateTime('2026-11-18T07:00:00Z')).toBe(Date.parse('2026-11-18T07:00:00Z'));
  });

  it('keeps the two 02:30s of the fall-back night apart by their offsets', () => {
    const first = parseOffsetDateTime('2026-10-25T02:30:00+0200');
    const second = parseOffsetDateTime('2026-10-25T02:30:00+0100');
    expect(second !== undefined && first !== undefined && second - first).toBe(3_600_000);
  });

  it('refuses times without an offset and impossible dates instead of guessing a zone', () => {
    expect(parseOffsetDateTime('2026-05-04T09:15:00')).toBeUndefined();
    expect(parseOffsetDateTime('2026-02-30T09:15:00+0100')).toBeUndefined();
    expect(parseOffsetDateTime('2026-05-04T25:15:00+0100')).toBeUndefined();
    expect(parseOffsetDateTime('2026-05-04 09:15:00+0100')).toBeUndefined();
    expect(parseOffsetDateTime('yesterday')).toBeUndefined();
  });
});
