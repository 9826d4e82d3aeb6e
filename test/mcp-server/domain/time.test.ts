import { describe, expect, it } from 'vitest';
import { noticeSentence } from '../../../mcp-server/contract/outcomes/notices.ts';
import { type Refusal, refusalSentence } from '../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText } from '../../../mcp-server/contract/outcomes/sentence.ts';
import {
  addDays,
  daysBetween,
  eachDate,
  formatDuration,
  formatInstant,
  formatLocalTime,
  hoursFromMs,
  isoWeekday,
  isoWeekLabel,
  isValidDate,
  isValidTimeZone,
  localDate,
  localDateTimeToEpoch,
  offsetMinutes,
  parseInstant,
  parseLocalDate,
  startOfIsoWeek,
  startOfLocalDay,
  firstValidZone,
  systemTimeZone,
  weekdayName,
} from '../../../mcp-server/domain/time.ts';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Epoch ms of an ISO string that carries its own offset; the tests' independent oracle. */
function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad fixture ${iso}`);
  return ms;
}

function parsed(text: string, tz: string, nowMs: number): number {
  const result = parseInstant(text, tz, nowMs);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${wordsOf(result.problem)}`);
  return result.epochMs;
}

function refusal(text: string, tz: string, nowMs: number): string {
  const result = parseInstant(text, tz, nowMs);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${formatInstant(result.epochMs, tz)}`);
  return wordsOf(result.problem);
}

/** A reading's refusal as the model reads it, without the argument's name a tool puts first (contract/outcomes/input.ts). */
function wordsOf(problem: { code: string; facts: object }): string {
  return modelText(refusalSentence({ code: problem.code, facts: { ...problem.facts, field: 'x' } } as Refusal)).replace(/^x: /, '');
}

describe('zones', () => {
  it('systemTimeZone returns a zone Intl accepts', () => {
    const zone = systemTimeZone();
    expect(zone).not.toBe('');
    expect(isValidTimeZone(zone)).toBe(true);
  });

  it("firstValidZone takes the first zone that is one (the back end's, then the settings'), else the system's", () => {
    expect(firstValidZone(NEW_YORK, BERLIN)).toBe(NEW_YORK);
    expect(firstValidZone(null, '', 'Mars/Olympus', BERLIN)).toBe(BERLIN);
    expect(firstValidZone('+01:00', undefined)).toBe(systemTimeZone());
  });

  it('isValidTimeZone accepts IANA names and aliases, in any case', () => {
    for (const zone of [BERLIN, NEW_YORK, 'UTC', 'Asia/Kolkata', 'europe/berlin', 'Etc/GMT+1']) {
      expect(isValidTimeZone(zone), zone).toBe(true);
    }
  });

  it('isValidTimeZone refuses unknown names, empty strings and fixed offsets', () => {
    for (const zone of ['', ' ', 'Nowhere/City', 'Europe/Berlinn', 'Z', '+01:00', '-05:00', 'CEST+1']) {
      expect(isValidTimeZone(zone), zone).toBe(false);
    }
  });
});

describe('offsetMinutes', () => {
  it('gives standard and summer offsets', () => {
    expect(offsetMinutes(at('2026-01-15T12:00:00Z'), BERLIN)).toBe(60);
    expect(offsetMinutes(at('2026-07-15T12:00:00Z'), BERLIN)).toBe(120);
    expect(offsetMinutes(at('2026-01-15T12:00:00Z'), NEW_YORK)).toBe(-300);
    expect(offsetMinutes(at('2026-07-15T12:00:00Z'), NEW_YORK)).toBe(-240);
    expect(offsetMinutes(at('2026-07-15T12:00:00Z'), 'UTC')).toBe(0);
    expect(offsetMinutes(at('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutes(at('2026-07-15T12:00:00Z'), 'Asia/Kathmandu')).toBe(345);
  });

  it('switches at the exact instant of each 2026 transition', () => {
    // Berlin: 01:00 UTC on 29 March and 25 October.
    expect(offsetMinutes(at('2026-03-29T01:00:00Z') - 1, BERLIN)).toBe(60);
    expect(offsetMinutes(at('2026-03-29T01:00:00Z'), BERLIN)).toBe(120);
    expect(offsetMinutes(at('2026-10-25T01:00:00Z') - 1, BERLIN)).toBe(120);
    expect(offsetMinutes(at('2026-10-25T01:00:00Z'), BERLIN)).toBe(60);
    // New York: 02:00 local, i.e. 07:00 UTC on 8 March and 06:00 UTC on 1 November.
    expect(offsetMinutes(at('2026-03-08T07:00:00Z') - 1, NEW_YORK)).toBe(-300);
    expect(offsetMinutes(at('2026-03-08T07:00:00Z'), NEW_YORK)).toBe(-240);
    expect(offsetMinutes(at('2026-11-01T06:00:00Z') - 1, NEW_YORK)).toBe(-240);
    expect(offsetMinutes(at('2026-11-01T06:00:00Z'), NEW_YORK)).toBe(-300);
  });

  it('works before 1970 and never returns -0', () => {
    expect(offsetMinutes(at('1960-06-01T00:00:00Z'), NEW_YORK)).toBe(-240);
    expect(Object.is(offsetMinutes(-1, 'UTC'), 0)).toBe(true);
  });

  it('gives each instant its own offset, from steady days kept and transition days read exactly, whatever was asked before', () => {
    // An oracle of its own: the offset Intl names ("GMT+05:45"), minute by minute around each transition.
    const named = (instant: number, zone: string) => {
      const name =
        new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(instant).find((part) => part.type === 'timeZoneName')
          ?.value ?? '';
      const match = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name);
      return match?.[1] ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
    };
    const cases: Array<[string, string]> = [
      [BERLIN, '2026-03-29T01:00:00Z'],
      [BERLIN, '2026-10-25T01:00:00Z'],
      [NEW_YORK, '2026-11-01T06:00:00Z'],
      // Half an hour forward at 02:00 local, 15:00 UTC: mid-hour in neither zone's terms.
      ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
      // A day boundary in UTC is a transition itself: Samoa skipped 30 December 2011.
      ['Pacific/Apia', '2011-12-30T10:00:00Z'],
    ];
    for (const [zone, transition] of cases) {
      const middle = at(transition);
      // Later instants first, so the day is kept before the ones of its transition are asked.
      for (let step = 3 * 24 * 60; step >= -3 * 24 * 60; step -= 7) {
        const instant = middle + step * 60_000;
        expect(offsetMinutes(instant, zone), `${zone} at ${new Date(instant).toISOString()}`).toBe(named(instant, zone));
      }
    }
    // At the ends of what a Date holds there is no next day: read exactly.
    expect(offsetMinutes(8.64e15, 'UTC')).toBe(0);
    expect(offsetMinutes(-8.64e15 + 1, 'UTC')).toBe(0);
  });

  it('throws for unknown zones and non-instants', () => {
    expect(() => offsetMinutes(0, 'Nowhere/City')).toThrow(RangeError);
    expect(() => offsetMinutes(Number.NaN, BERLIN)).toThrow(RangeError);
    expect(() => offsetMinutes(Number.POSITIVE_INFINITY, BERLIN)).toThrow(RangeError);
  });
});

describe('formatting instants', () => {
  it('formatInstant always writes a numeric offset and whole seconds', () => {
    expect(formatInstant(at('2026-11-21T08:00:00Z'), BERLIN)).toBe('2026-11-21T09:00:00+01:00');
    expect(formatInstant(at('2026-07-01T08:00:00Z'), BERLIN)).toBe('2026-07-01T10:00:00+02:00');
    expect(formatInstant(at('2026-11-21T08:00:00Z'), 'UTC')).toBe('2026-11-21T08:00:00+00:00');
    expect(formatInstant(at('2026-11-21T08:00:00Z'), NEW_YORK)).toBe('2026-11-21T03:00:00-05:00');
    expect(formatInstant(at('2026-11-21T08:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-21T13:30:00+05:30');
    expect(formatInstant(at('2026-11-21T08:00:00Z'), 'America/St_Johns')).toBe('2026-11-21T04:30:00-03:30');
  });

  it('formatInstant drops milliseconds instead of rounding them up', () => {
    expect(formatInstant(at('2026-11-21T08:00:59.999Z'), 'UTC')).toBe('2026-11-21T08:00:59+00:00');
    expect(formatInstant(-1, 'UTC')).toBe('1969-12-31T23:59:59+00:00');
  });

  it('formatInstant tells the two 02:30s of the Berlin fall-back apart', () => {
    expect(formatInstant(at('2026-10-25T00:30:00Z'), BERLIN)).toBe('2026-10-25T02:30:00+02:00');
    expect(formatInstant(at('2026-10-25T01:30:00Z'), BERLIN)).toBe('2026-10-25T02:30:00+01:00');
    expect(formatInstant(at('2026-11-01T05:30:00Z'), NEW_YORK)).toBe('2026-11-01T01:30:00-04:00');
    expect(formatInstant(at('2026-11-01T06:30:00Z'), NEW_YORK)).toBe('2026-11-01T01:30:00-05:00');
  });

  it('formatInstant output parses back to the same instant', () => {
    for (let ms = at('2026-10-24T22:00:00Z'); ms < at('2026-10-25T04:00:00Z'); ms += 7 * MINUTE) {
      expect(Date.parse(formatInstant(ms, BERLIN))).toBe(ms);
      expect(parsed(formatInstant(ms, NEW_YORK), NEW_YORK, 0)).toBe(ms);
    }
  });

  it('formatLocalTime gives HH:mm on the local wall clock', () => {
    expect(formatLocalTime(at('2026-11-21T08:05:59Z'), BERLIN)).toBe('09:05');
    expect(formatLocalTime(at('2026-03-29T01:00:00Z'), BERLIN)).toBe('03:00');
    expect(formatLocalTime(at('2026-11-21T00:00:00Z'), NEW_YORK)).toBe('19:00');
  });

  it('localDate is the local calendar day, not the UTC one', () => {
    expect(localDate(at('2026-11-21T23:30:00Z'), BERLIN)).toBe('2026-11-22');
    expect(localDate(at('2026-11-21T23:30:00Z'), 'UTC')).toBe('2026-11-21');
    expect(localDate(at('2026-11-22T03:00:00Z'), NEW_YORK)).toBe('2026-11-21');
    expect(localDate(at('2026-12-31T23:00:00Z'), BERLIN)).toBe('2027-01-01');
  });
});

describe('localDateTimeToEpoch', () => {
  it('reads ordinary wall times with the offset of that day', () => {
    expect(localDateTimeToEpoch('2026-11-21', '09:00', BERLIN)).toBe(at('2026-11-21T09:00:00+01:00'));
    expect(localDateTimeToEpoch('2026-07-01', '09:00:30', BERLIN)).toBe(at('2026-07-01T09:00:30+02:00'));
    expect(localDateTimeToEpoch('2026-11-21', '09:00', NEW_YORK)).toBe(at('2026-11-21T09:00:00-05:00'));
    expect(localDateTimeToEpoch('2026-11-21', '09:00', 'UTC')).toBe(at('2026-11-21T09:00:00Z'));
  });

  it('moves a Berlin spring-forward time forward by the gap', () => {
    expect(localDateTimeToEpoch('2026-03-29', '01:59', BERLIN)).toBe(at('2026-03-29T01:59:00+01:00'));
    expect(localDateTimeToEpoch('2026-03-29', '02:00', BERLIN)).toBe(at('2026-03-29T03:00:00+02:00'));
    expect(localDateTimeToEpoch('2026-03-29', '02:30', BERLIN)).toBe(at('2026-03-29T03:30:00+02:00'));
    expect(localDateTimeToEpoch('2026-03-29', '02:59:59', BERLIN)).toBe(at('2026-03-29T03:59:59+02:00'));
    expect(localDateTimeToEpoch('2026-03-29', '03:00', BERLIN)).toBe(at('2026-03-29T03:00:00+02:00'));
    expect(formatInstant(localDateTimeToEpoch('2026-03-29', '02:30', BERLIN), BERLIN)).toBe('2026-03-29T03:30:00+02:00');
  });

  it('picks the first occurrence of a Berlin fall-back time', () => {
    expect(localDateTimeToEpoch('2026-10-25', '01:59', BERLIN)).toBe(at('2026-10-25T01:59:00+02:00'));
    expect(localDateTimeToEpoch('2026-10-25', '02:00', BERLIN)).toBe(at('2026-10-25T02:00:00+02:00'));
    expect(localDateTimeToEpoch('2026-10-25', '02:30', BERLIN)).toBe(at('2026-10-25T02:30:00+02:00'));
    expect(localDateTimeToEpoch('2026-10-25', '02:59:59', BERLIN)).toBe(at('2026-10-25T02:59:59+02:00'));
    expect(localDateTimeToEpoch('2026-10-25', '03:00', BERLIN)).toBe(at('2026-10-25T03:00:00+01:00'));
  });

  it('handles the New York transitions the same way', () => {
    expect(localDateTimeToEpoch('2026-03-08', '02:30', NEW_YORK)).toBe(at('2026-03-08T03:30:00-04:00'));
    expect(localDateTimeToEpoch('2026-03-08', '03:00', NEW_YORK)).toBe(at('2026-03-08T03:00:00-04:00'));
    expect(localDateTimeToEpoch('2026-03-08', '01:59', NEW_YORK)).toBe(at('2026-03-08T01:59:00-05:00'));
    expect(localDateTimeToEpoch('2026-11-01', '01:30', NEW_YORK)).toBe(at('2026-11-01T01:30:00-04:00'));
    expect(localDateTimeToEpoch('2026-11-01', '00:59', NEW_YORK)).toBe(at('2026-11-01T00:59:00-04:00'));
    expect(localDateTimeToEpoch('2026-11-01', '02:00', NEW_YORK)).toBe(at('2026-11-01T02:00:00-05:00'));
  });

  it('handles half-hour transitions (Lord Howe Island)', () => {
    const zone = 'Australia/Lord_Howe';
    expect(formatInstant(localDateTimeToEpoch('2026-10-04', '02:15', zone), zone)).toBe('2026-10-04T02:45:00+11:00');
    expect(formatInstant(localDateTimeToEpoch('2026-04-05', '01:45', zone), zone)).toBe('2026-04-05T01:45:00+11:00');
  });

  it('round-trips every minute-of-day that exists, choosing the earlier instant where ambiguous', () => {
    for (const [zone, date] of [
      [BERLIN, '2026-03-29'],
      [BERLIN, '2026-10-25'],
      [NEW_YORK, '2026-03-08'],
      [NEW_YORK, '2026-11-01'],
    ] as const) {
      const start = startOfLocalDay(date, zone);
      const end = startOfLocalDay(addDays(date, 1), zone);
      for (let ms = start; ms < end; ms += 5 * MINUTE) {
        const back = localDateTimeToEpoch(localDate(ms, zone), formatLocalTime(ms, zone), zone);
        const repeated = formatLocalTime(ms - HOUR, zone) === formatLocalTime(ms, zone);
        expect(back, `${zone} ${formatInstant(ms, zone)}`).toBe(repeated ? ms - HOUR : ms);
      }
    }
  });

  it('throws on malformed or impossible input', () => {
    expect(() => localDateTimeToEpoch('2026-02-30', '09:00', BERLIN)).toThrow(RangeError);
    expect(() => localDateTimeToEpoch('2026-11-21', '24:00', BERLIN)).toThrow(RangeError);
    expect(() => localDateTimeToEpoch('2026-11-21', '9am', BERLIN)).toThrow(RangeError);
    expect(() => localDateTimeToEpoch('21.11.2026', '09:00', BERLIN)).toThrow(RangeError);
    expect(() => localDateTimeToEpoch('2026-11-21', '09:00', 'Nowhere/City')).toThrow(RangeError);
  });
});

describe('startOfLocalDay', () => {
  it('is local midnight with the offset of that moment', () => {
    expect(startOfLocalDay('2026-11-21', BERLIN)).toBe(at('2026-11-20T23:00:00Z'));
    expect(startOfLocalDay('2026-07-01', BERLIN)).toBe(at('2026-06-30T22:00:00Z'));
    expect(startOfLocalDay('2026-11-21', NEW_YORK)).toBe(at('2026-11-21T05:00:00Z'));
  });

  it('makes DST days 23 and 25 hours long', () => {
    const length = (date: string, zone: string) => startOfLocalDay(addDays(date, 1), zone) - startOfLocalDay(date, zone);
    expect(length('2026-03-29', BERLIN)).toBe(23 * HOUR);
    expect(length('2026-10-25', BERLIN)).toBe(25 * HOUR);
    expect(length('2026-03-08', NEW_YORK)).toBe(23 * HOUR);
    expect(length('2026-11-01', NEW_YORK)).toBe(25 * HOUR);
    expect(length('2026-11-21', BERLIN)).toBe(24 * HOUR);
  });

  it('starts at 01:00 where midnight itself is skipped (Santiago, 2026-09-06)', () => {
    const zone = 'America/Santiago';
    expect(formatInstant(startOfLocalDay('2026-09-06', zone), zone)).toBe('2026-09-06T01:00:00-03:00');
    expect(localDate(startOfLocalDay('2026-09-06', zone) - 1, zone)).toBe('2026-09-05');
  });
});

describe('parseInstant', () => {
  // Saturday 2026-11-21, 13:00 in Berlin, 07:00 in New York.
  const now = at('2026-11-21T12:00:00Z');

  it('reads "now" in any case', () => {
    expect(parsed('now', BERLIN, now)).toBe(now);
    expect(parsed('  NOW ', BERLIN, now)).toBe(now);
  });

  it('reads ISO times with an offset or Z, ignoring the zone', () => {
    expect(parsed('2026-11-21T09:00:00+01:00', NEW_YORK, now)).toBe(at('2026-11-21T08:00:00Z'));
    expect(parsed('2026-11-21T09:00Z', BERLIN, now)).toBe(at('2026-11-21T09:00:00Z'));
    expect(parsed('2026-11-21t09:00z', BERLIN, now)).toBe(at('2026-11-21T09:00:00Z'));
    expect(parsed('2026-11-21T09:00:00-05:00', BERLIN, now)).toBe(at('2026-11-21T14:00:00Z'));
    expect(parsed('2026-11-21T09:00+0530', BERLIN, now)).toBe(at('2026-11-21T03:30:00Z'));
    expect(parsed('2026-11-21T09:00+01', BERLIN, now)).toBe(at('2026-11-21T08:00:00Z'));
    expect(parsed('2026-11-21 09:00:00 +01:00', BERLIN, now)).toBe(at('2026-11-21T08:00:00Z'));
  });

  it('keeps fractional seconds to the millisecond', () => {
    expect(parsed('2026-11-21T09:00:00.5Z', BERLIN, now)).toBe(at('2026-11-21T09:00:00.500Z'));
    expect(parsed('2026-11-21T09:00:00.123456789+01:00', BERLIN, now)).toBe(at('2026-11-21T08:00:00.123Z'));
  });

  it('reads ISO local times in the given zone', () => {
    expect(parsed('2026-11-21T09:00', BERLIN, now)).toBe(at('2026-11-21T09:00:00+01:00'));
    expect(parsed('2026-11-21T09:00:15', BERLIN, now)).toBe(at('2026-11-21T09:00:15+01:00'));
    expect(parsed('2026-11-21 09:00', NEW_YORK, now)).toBe(at('2026-11-21T09:00:00-05:00'));
    expect(parsed('2026-07-01T09:00', BERLIN, now)).toBe(at('2026-07-01T09:00:00+02:00'));
  });

  it('applies the gap and fall-back rules to ISO local times', () => {
    expect(parsed('2026-03-29T02:30', BERLIN, now)).toBe(at('2026-03-29T03:30:00+02:00'));
    expect(parsed('2026-03-08T02:30', NEW_YORK, now)).toBe(at('2026-03-08T03:30:00-04:00'));
    // Both 01:30s are past by now: the later one is the nearer.
    expect(parsed('2026-10-25T02:30', BERLIN, now)).toBe(at('2026-10-25T02:30:00+01:00'));
    expect(parsed('2026-11-01T01:30', NEW_YORK, now)).toBe(at('2026-11-01T01:30:00-05:00'));
  });

  describe('a wall time that happens twice (New York, 2026-11-01)', () => {
    const read = (text: string, nowText: string) => parseInstant(text, NEW_YORK, at(nowText));

    it('takes the second 01:30 when said a few seconds after it, and says so', () => {
      const result = read('01:30', '2026-11-01T01:30:05-05:00');
      expect(result).toEqual({
        ok: true,
        epochMs: at('2026-11-01T01:30:00-05:00'),
        twice: {
          time: '01:30',
          date: '2026-11-01',
          timezone: 'America/New_York',
          which: 'second',
          taken: '2026-11-01T01:30:00-05:00',
          latest_past: true,
          other: '2026-11-01T01:30:00-04:00',
        },
      });
      // As the model reads it (contract/outcomes/reading.ts words it).
      if (!result.ok || !result.twice) throw new Error('read twice');
      expect(modelText(noticeSentence({ code: 'time_read_twice', facts: { field: 'start', ...result.twice } }))).toBe(
        'start: 01:30 on 2026-11-01 happens twice in America/New_York (the clocks go back); took the second one, ' +
          '2026-11-01T01:30:00-05:00, the latest that is not in the future. For the other, write 2026-11-01T01:30:00-04:00.',
      );
    });

    it('takes the first 01:30 while the second is still ahead', () => {
      const result = read('01:30', '2026-11-01T01:10:00-05:00');
      expect(result).toMatchObject({ ok: true, epochMs: at('2026-11-01T01:30:00-04:00') });
      expect(result.ok && result.twice).toMatchObject({
        which: 'first',
        taken: '2026-11-01T01:30:00-04:00',
        latest_past: true,
        other: '2026-11-01T01:30:00-05:00',
      });
    });

    it('takes the nearer one when both are ahead, without calling it past', () => {
      const result = read('2026-11-01T01:30', '2026-10-31T20:00:00-04:00');
      expect(result).toMatchObject({ ok: true, epochMs: at('2026-11-01T01:30:00-04:00') });
      expect(result.ok && result.twice).toMatchObject({ latest_past: false });
    });

    it('reads "today 01:30" and ISO local times by the same rule, milliseconds kept', () => {
      expect(read('today 01:30', '2026-11-01T01:45:00-05:00')).toMatchObject({ epochMs: at('2026-11-01T01:30:00-05:00') });
      expect(read('2026-11-01T01:30:00.250', '2026-11-01T01:45:00-05:00')).toMatchObject({ epochMs: at('2026-11-01T01:30:00.250-05:00') });
    });

    it('adds no note where the time happens once, nor for an explicit offset', () => {
      expect(read('02:30', '2026-11-01T03:00:00-05:00')).toEqual({ ok: true, epochMs: at('2026-11-01T02:30:00-05:00') });
      expect(read('2026-11-01T01:30-04:00', '2026-11-01T03:00:00-05:00')).toEqual({ ok: true, epochMs: at('2026-11-01T01:30:00-04:00') });
    });
  });

  it('reads a bare time as today in the zone', () => {
    expect(parsed('09:00', BERLIN, now)).toBe(at('2026-11-21T09:00:00+01:00'));
    expect(parsed('9:05', BERLIN, now)).toBe(at('2026-11-21T09:05:00+01:00'));
    expect(parsed('17:30:20', NEW_YORK, now)).toBe(at('2026-11-21T17:30:20-05:00'));
  });

  it('takes "today" from the zone, not from UTC', () => {
    const lateEvening = at('2026-11-21T23:30:00Z'); // already Sunday the 22nd in Berlin
    expect(parsed('08:00', BERLIN, lateEvening)).toBe(at('2026-11-22T08:00:00+01:00'));
    expect(parsed('08:00', NEW_YORK, lateEvening)).toBe(at('2026-11-21T08:00:00-05:00'));
  });

  it('reads "today", "yesterday" and "tomorrow" with a time', () => {
    expect(parsed('today 08:30', BERLIN, now)).toBe(at('2026-11-21T08:30:00+01:00'));
    expect(parsed('Yesterday 17:30', BERLIN, now)).toBe(at('2026-11-20T17:30:00+01:00'));
    expect(parsed('yesterday  9:00', NEW_YORK, now)).toBe(at('2026-11-20T09:00:00-05:00'));
    expect(parsed('yesterday at 17:00', BERLIN, now)).toBe(at('2026-11-20T17:00:00+01:00'));
    expect(parsed('tomorrow 07:00', BERLIN, now)).toBe(at('2026-11-22T07:00:00+01:00'));
  });

  it('reads "yesterday" across a DST change as the previous calendar day', () => {
    const mondayAfterSpring = at('2026-03-30T10:00:00+02:00');
    expect(parsed('yesterday 02:30', BERLIN, mondayAfterSpring)).toBe(at('2026-03-29T03:30:00+02:00'));
    expect(parsed('yesterday 12:00', BERLIN, mondayAfterSpring)).toBe(at('2026-03-29T12:00:00+02:00'));
    const mondayAfterFall = at('2026-11-02T10:00:00-05:00');
    // Both of Sunday's 01:30s are past on Monday; the later one is the nearer.
    expect(parsed('yesterday 01:30', NEW_YORK, mondayAfterFall)).toBe(at('2026-11-01T01:30:00-05:00'));
  });

  it('refuses impossible dates, naming the problem', () => {
    expect(refusal('2026-02-30T09:00', BERLIN, now)).toContain('February 2026 has 28 days');
    expect(refusal('2026-02-29T09:00:00Z', BERLIN, now)).toContain('February 2026 has 28 days');
    expect(refusal('2026-13-01T09:00', BERLIN, now)).toContain('months go from 01 to 12');
    expect(refusal('2026-04-31T09:00', BERLIN, now)).toContain('April 2026 has 30 days');
    expect(parsed('2028-02-29T09:00', BERLIN, now)).toBe(at('2028-02-29T09:00:00+01:00'));
  });

  it('refuses impossible times of day', () => {
    expect(refusal('25:00', BERLIN, now)).toContain('hours go from 00 to 23');
    expect(refusal('24:00', BERLIN, now)).toContain('hours go from 00 to 23');
    expect(refusal('12:60', BERLIN, now)).toContain('minutes go from 00 to 59');
    expect(refusal('yesterday 25:00', BERLIN, now)).toContain('hours go from 00 to 23');
    expect(refusal('2026-11-21T25:00', BERLIN, now)).toContain('hours go from 00 to 23');
    expect(refusal('2026-11-21T09:00:60Z', BERLIN, now)).toContain('seconds go from 00 to 59');
    expect(refusal('2026-11-21T09:00+25:00', BERLIN, now)).toContain('not a UTC offset');
  });

  it('refuses everything else with an example built from today and the zone', () => {
    expect(refusal('9am tomorrow', BERLIN, now)).toBe(
      'Could not read "9am tomorrow" as a time. Use an ISO time such as 2026-11-21T09:00:00+01:00, or 09:00 for today.',
    );
    expect(refusal('next friday', NEW_YORK, now)).toContain('2026-11-21T09:00:00-05:00');
    expect(refusal('noon', BERLIN, at('2026-07-15T12:00:00Z'))).toContain('2026-07-15T09:00:00+02:00');
    for (const text of ['', '9', '0900', '9.00', '21.11.2026 09:00', '2026-11-21', '2026-11-21T9', 'today', 'yesterday 9am']) {
      expect(refusal(text, BERLIN, now), text).toContain('Use an ISO time such as');
    }
  });
});

describe('parseLocalDate', () => {
  const now = at('2026-11-21T12:00:00Z');

  it('reads real calendar dates', () => {
    expect(parseLocalDate('2026-11-21', BERLIN, now)).toEqual({ ok: true, date: '2026-11-21' });
    expect(parseLocalDate(' 2028-02-29 ', BERLIN, now)).toEqual({ ok: true, date: '2028-02-29' });
    expect(parseLocalDate('2000-02-29', BERLIN, now)).toEqual({ ok: true, date: '2000-02-29' });
  });

  it('reads today, yesterday and tomorrow in the zone', () => {
    expect(parseLocalDate('today', BERLIN, now)).toEqual({ ok: true, date: '2026-11-21' });
    expect(parseLocalDate('Yesterday', BERLIN, now)).toEqual({ ok: true, date: '2026-11-20' });
    expect(parseLocalDate('TOMORROW', BERLIN, now)).toEqual({ ok: true, date: '2026-11-22' });
    const lateEvening = at('2026-12-31T23:30:00Z');
    expect(parseLocalDate('today', BERLIN, lateEvening)).toEqual({ ok: true, date: '2027-01-01' });
    expect(parseLocalDate('today', NEW_YORK, lateEvening)).toEqual({ ok: true, date: '2026-12-31' });
  });

  it('refuses impossible dates, saying why', () => {
    const result = parseLocalDate('2026-02-29', BERLIN, now);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(wordsOf(result.problem)).toBe('"2026-02-29" is not a real date: February 2026 has 28 days. Use a date such as 2026-11-21.');
    expect(parseLocalDate('1900-02-29', BERLIN, now).ok).toBe(false);
    expect(parseLocalDate('2026-00-10', BERLIN, now).ok).toBe(false);
    expect(parseLocalDate('2026-11-00', BERLIN, now).ok).toBe(false);
  });

  it('refuses other shapes with an example', () => {
    for (const text of ['', '2026-11-1', '21.11.2026', 'next monday', '2026-11-21T09:00']) {
      const result = parseLocalDate(text, BERLIN, now);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(wordsOf(result.problem)).toContain('Use a date such as 2026-11-21, or today, yesterday or tomorrow.');
    }
  });

  it('isValidDate agrees with the calendar', () => {
    expect(isValidDate('2026-12-31')).toBe(true);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2026-6-1')).toBe(false);
    expect(isValidDate('today')).toBe(false);
  });
});

describe('calendar arithmetic', () => {
  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2026-11-21', 1)).toBe('2026-11-22');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-11-21', 0)).toBe('2026-11-21');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('1970-01-01', -1)).toBe('1969-12-31');
  });

  it('addDays refuses fractions and non-dates', () => {
    expect(() => addDays('2026-11-21', 0.5)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('tomorrow', 1)).toThrow(RangeError);
  });

  it('isoWeekday counts Monday as 1 and Sunday as 7', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-21')).toBe(6);
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-31')).toBe(3);
    expect(isoWeekday('2000-02-29')).toBe(2);
  });

  it('weekdayName names the day', () => {
    expect(weekdayName('2026-11-23')).toBe('Monday');
    expect(weekdayName('2026-11-21')).toBe('Saturday');
    expect(weekdayName('2026-11-22')).toBe('Sunday');
  });

  it('startOfIsoWeek goes back to Monday', () => {
    expect(startOfIsoWeek('2026-11-23')).toBe('2026-11-23');
    expect(startOfIsoWeek('2026-11-21')).toBe('2026-11-16');
    expect(startOfIsoWeek('2026-11-22')).toBe('2026-11-16');
    expect(startOfIsoWeek('2027-01-01')).toBe('2026-12-28');
    expect(startOfIsoWeek('2026-03-01')).toBe('2026-02-23');
  });

  it('isoWeekLabel uses the ISO week-year at year boundaries', () => {
    expect(isoWeekLabel('2026-11-21')).toBe('2026-W47');
    expect(isoWeekLabel('2026-01-01')).toBe('2026-W01'); // a Thursday
    expect(isoWeekLabel('2026-12-31')).toBe('2026-W53');
    expect(isoWeekLabel('2027-01-01')).toBe('2026-W53');
    expect(isoWeekLabel('2027-01-03')).toBe('2026-W53');
    expect(isoWeekLabel('2027-01-04')).toBe('2027-W01');
    expect(isoWeekLabel('2024-12-30')).toBe('2025-W01');
    expect(isoWeekLabel('2021-01-03')).toBe('2020-W53');
    expect(isoWeekLabel('2025-12-29')).toBe('2026-W01');
    expect(isoWeekLabel('2026-03-02')).toBe('2026-W10');
  });

  it('eachDate lists inclusive ranges and is empty when backwards', () => {
    expect(eachDate('2026-11-21', '2026-11-21')).toEqual(['2026-11-21']);
    expect(eachDate('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(eachDate('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(eachDate('2026-11-22', '2026-11-21')).toEqual([]);
    expect(eachDate('2026-01-01', '2026-12-31')).toHaveLength(365);
  });

  it('daysBetween counts calendar days, unaffected by DST', () => {
    expect(daysBetween('2026-11-21', '2026-11-22')).toBe(1);
    expect(daysBetween('2026-11-22', '2026-11-21')).toBe(-1);
    expect(daysBetween('2026-11-21', '2026-11-21')).toBe(0);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('1969-12-31', '1970-01-02')).toBe(2);
  });
});

describe('amounts of time', () => {
  it('formatDuration writes hours and minutes', () => {
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(45 * MINUTE)).toBe('45 min');
    expect(formatDuration(HOUR)).toBe('1 h');
    expect(formatDuration(HOUR + 23 * MINUTE)).toBe('1 h 23 min');
    expect(formatDuration(26 * HOUR + 5 * MINUTE)).toBe('26 h 5 min');
  });

  it('formatDuration rounds down to whole minutes', () => {
    expect(formatDuration(59_999)).toBe('0 min');
    expect(formatDuration(2 * HOUR - 1)).toBe('1 h 59 min');
    expect(formatDuration(-(HOUR + 5 * MINUTE))).toBe('-1 h 5 min');
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });

  it('hoursFromMs rounds to two decimals', () => {
    expect(hoursFromMs(0)).toBe(0);
    expect(hoursFromMs(90 * MINUTE)).toBe(1.5);
    expect(hoursFromMs(20 * MINUTE)).toBe(0.33);
    expect(hoursFromMs(40 * MINUTE)).toBe(0.67);
    expect(hoursFromMs(MINUTE)).toBe(0.02);
    expect(hoursFromMs(8 * HOUR + 17 * MINUTE)).toBe(8.28);
    expect(Object.is(hoursFromMs(-1), 0)).toBe(true);
  });
});
