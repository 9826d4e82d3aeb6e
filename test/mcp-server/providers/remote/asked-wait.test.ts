// The waits a back end asks for, read and held to what its limit can mean (asked-wait.ts): every form of Retry-After
// a server or a proxy sends, sane and absurd, and a back end's own count of seconds (Toggl's quota reset).
import { describe, expect, it } from 'vitest';
import { heldToLimit, LONGEST_WAIT_MS, retryAfterMs, secondsToWait } from '../../../../mcp-server/providers/remote/asked-wait.ts';

const NOW = Date.parse('2026-11-18T08:00:00Z');
const DAY = 24 * 3_600_000;
const HARVEST_WINDOW = 15_000;

describe('Retry-After', () => {
  it('reads whole seconds and HTTP dates in each of their forms', () => {
    expect(retryAfterMs('3', NOW)).toBe(3_000);
    expect(retryAfterMs(' 3 ', NOW)).toBe(3_000);
    expect(retryAfterMs('0', NOW)).toBe(0);
    expect(retryAfterMs('Wed, 18 Nov 2026 08:00:05 GMT', NOW)).toBe(5_000);
    expect(retryAfterMs('Wednesday, 18-Nov-26 08:00:02 GMT', NOW)).toBe(2_000);
    // asctime's, which names no zone: GMT, whatever this machine's.
    expect(retryAfterMs('Wed Nov 18 08:00:04 2026', NOW)).toBe(4_000);
    expect(retryAfterMs('Wed Nov  8 08:00:04 2026', Date.parse('2026-11-08T08:00:00Z'))).toBe(4_000);
    // The first of several.
    expect(retryAfterMs(['2', '9'], NOW)).toBe(2_000);
  });

  it('a date already past is no wait', () => {
    expect(retryAfterMs('Wed, 18 Nov 2026 07:59:00 GMT', NOW)).toBe(0);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:00 GMT', NOW)).toBe(0);
  });

  it('anything that is no wait at all is as none: absent, empty, words, negative, fractional, not a number', () => {
    for (const none of [undefined, '', '  ', 'soon', '-1', '-99999999999999999999', '1.5', '0.5', 'NaN', 'Infinity', '1e3', '+5', '0x10', []]) {
      expect(retryAfterMs(none, NOW), JSON.stringify(none)).toBeUndefined();
    }
    // A date no calendar has.
    expect(retryAfterMs('Fri, 31 Dec 275760 23:59:59 GMT', NOW)).toBeUndefined();
    expect(retryAfterMs('Mon, 32 Foo 2026 25:61:61 GMT', NOW)).toBeUndefined();
  });

  it('an absurd wait is held to a day: seconds past any calendar, more digits than a number holds, a date far off', () => {
    expect(retryAfterMs('99999999999999999999', NOW)).toBe(DAY);
    expect(retryAfterMs('9'.repeat(400), NOW)).toBe(DAY);
    expect(retryAfterMs(String(DAY / 1_000 + 1), NOW)).toBe(DAY);
    expect(retryAfterMs('Fri, 31 Dec 9999 23:59:59 GMT', NOW)).toBe(DAY);
    // A day itself is what it says.
    expect(retryAfterMs(String(DAY / 1_000), NOW)).toBe(DAY);
  });

  it("and to the back end's own window where it counts in a shorter one (Harvest's 15 seconds)", () => {
    expect(retryAfterMs('99999999999999999999', NOW, HARVEST_WINDOW)).toBe(HARVEST_WINDOW);
    expect(retryAfterMs('16', NOW, HARVEST_WINDOW)).toBe(HARVEST_WINDOW);
    expect(retryAfterMs('Wed, 18 Nov 2026 09:00:00 GMT', NOW, HARVEST_WINDOW)).toBe(HARVEST_WINDOW);
    expect(retryAfterMs('7', NOW, HARVEST_WINDOW)).toBe(7_000);
    // A window longer than a day is still held to a day.
    expect(retryAfterMs('99999999999999999999', NOW, 7 * DAY)).toBe(DAY);
  });
});

describe("a back end's own count of seconds (Toggl's quota reset)", () => {
  const HOUR = 3_600_000;
  it('is rounded up to the second and held to the window', () => {
    expect(secondsToWait(133, HOUR)).toBe(133);
    expect(secondsToWait(0.2, HOUR)).toBe(1);
    expect(secondsToWait(0, HOUR)).toBe(0);
    expect(secondsToWait(1e20, HOUR)).toBe(3_600);
    expect(secondsToWait(Number.POSITIVE_INFINITY, HOUR)).toBe(3_600);
    expect(secondsToWait(1e20)).toBe(LONGEST_WAIT_MS / 1_000);
  });

  it('is no count where it is none, negative or not a number', () => {
    expect(secondsToWait(undefined, HOUR)).toBeNull();
    expect(secondsToWait(-5, HOUR)).toBeNull();
    expect(secondsToWait(Number.NaN, HOUR)).toBeNull();
  });
});

describe('heldToLimit', () => {
  it('keeps a wait between nothing and the shorter of the window and a day', () => {
    expect(heldToLimit(-1_000)).toBe(0);
    expect(heldToLimit(5_000, HARVEST_WINDOW)).toBe(5_000);
    expect(heldToLimit(Number.POSITIVE_INFINITY)).toBe(DAY);
    expect(heldToLimit(Number.NaN, HARVEST_WINDOW)).toBe(HARVEST_WINDOW);
  });
});
