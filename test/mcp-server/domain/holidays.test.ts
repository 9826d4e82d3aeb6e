import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeRegion, publicHolidays } from '../../../mcp-server/domain/holidays.ts';

const BAVARIA = { country: 'DE', state: 'BY' };

function datesOf(holidays: Array<{ date: string }>): string[] {
  return holidays.map((holiday) => holiday.date);
}

describe('publicHolidays', () => {
  it('lists exactly the public holidays of Bavaria in 2026, with their local dates', async () => {
    expect(await publicHolidays(BAVARIA, '2026-01-01', '2026-12-31')).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-01-06', name: 'Epiphany' },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-05-01', name: 'Labour Day' },
      { date: '2026-05-14', name: 'Ascension Day' },
      { date: '2026-05-25', name: 'Whit Monday' },
      { date: '2026-06-04', name: 'Corpus Christi' },
      { date: '2026-10-03', name: 'National Holiday' },
      { date: '2026-11-01', name: "All Saints' Day" },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-26', name: 'Boxing Day' },
    ]);
  });

  it('leaves out observances, bank and school holidays', async () => {
    const dates = datesOf(await publicHolidays(BAVARIA, '2026-01-01', '2026-12-31'));
    expect(dates).not.toContain('2026-02-14'); // Valentine's Day, observance
    expect(dates).not.toContain('2026-04-05'); // Easter Sunday, observance
    expect(dates).not.toContain('2026-11-18'); // Day of Prayer and Repentance, school holiday in Bavaria
    expect(dates).not.toContain('2026-12-24'); // Christmas Eve, bank holiday
    expect(dates).not.toContain('2026-12-31'); // New Year's Eve, bank holiday
  });

  it('uses the state: Berlin has no Epiphany but has Women’s Day', async () => {
    const berlin = datesOf(await publicHolidays({ country: 'DE', state: 'BE' }, '2026-01-01', '2026-12-31'));
    expect(berlin).not.toContain('2026-01-06');
    expect(berlin).toContain('2026-03-08');
    expect(berlin).toContain('2026-04-03');
  });

  it('uses the region: Augsburg adds its Peace Festival', async () => {
    const augsburg = await publicHolidays({ country: 'DE', state: 'BY', region: 'A' }, '2026-08-01', '2026-08-31');
    expect(augsburg).toEqual([
      { date: '2026-08-08', name: 'Augsburg Peace Festival' },
      { date: '2026-08-15', name: 'Assumption' },
    ]);
  });

  it('knows US federal holidays, including substitute days', async () => {
    const us = await publicHolidays({ country: 'US' }, '2026-01-01', '2026-12-31');
    expect(us).toContainEqual({ date: '2026-11-26', name: 'Thanksgiving Day' });
    expect(us).toContainEqual({ date: '2026-07-03', name: 'Independence Day (substitute day)' });
    expect(datesOf(us)).not.toContain('2026-11-27'); // day after Thanksgiving: observance
    expect(datesOf(us)).not.toContain('2026-12-24'); // Christmas Eve: optional
  });

  it('crosses year boundaries and keeps to the range, both ends included', async () => {
    expect(await publicHolidays({ country: 'DE' }, '2026-12-25', '2027-01-01')).toEqual([
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-26', name: 'Boxing Day' },
      { date: '2027-01-01', name: "New Year's Day" },
    ]);
    const span = datesOf(await publicHolidays(BAVARIA, '2026-12-01', '2028-01-31'));
    expect(span).toContain('2027-01-01');
    expect(span).toContain('2027-01-06');
    expect(span).toContain('2028-01-06');
    expect(span).toEqual([...span].sort());
    expect(new Set(span).size).toBe(span.length);
  });

  it('returns nothing for an empty or backwards range, and a single day when from equals to', async () => {
    expect(await publicHolidays(BAVARIA, '2026-12-27', '2026-12-31')).toEqual([]);
    expect(await publicHolidays(BAVARIA, '2026-12-26', '2026-12-25')).toEqual([]);
    expect(await publicHolidays(BAVARIA, '2026-01-06', '2026-01-06')).toEqual([{ date: '2026-01-06', name: 'Epiphany' }]);
  });

  it('joins the names of holidays that fall on the same day', async () => {
    // In 2008 Ascension Day fell on 1 May.
    expect(await publicHolidays({ country: 'DE' }, '2008-05-01', '2008-05-01')).toEqual([{ date: '2008-05-01', name: 'Labour Day / Ascension Day' }]);
  });

  it('gives every day of a multi-day holiday, even when it began the year before', async () => {
    // Armenia: New Year is two days, the pre-Christmas holidays three.
    expect(await publicHolidays({ country: 'AM' }, '2026-01-01', '2026-01-06')).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-01-02', name: "New Year's Day" },
      { date: '2026-01-03', name: 'Pre-Christmas holidays' },
      { date: '2026-01-04', name: 'Pre-Christmas holidays' },
      { date: '2026-01-05', name: 'Pre-Christmas holidays' },
      { date: '2026-01-06', name: 'Christmas Day' },
    ]);
    // Eswatini: Incwala runs six days from 28 December of the year before.
    expect(await publicHolidays({ country: 'SZ' }, '2027-01-01', '2027-01-05')).toEqual([
      { date: '2027-01-01', name: "Incwala Festival / New Year's Day" },
      { date: '2027-01-02', name: 'Incwala Festival' },
    ]);
  });

  it('takes the date of holidays that begin at sunset the evening before from the date string', async () => {
    // date-holidays gives '2026-03-20 00:00:00 -0600' with a start instant on 19 March.
    const eid = await publicHolidays({ country: 'AE' }, '2026-03-18', '2026-03-24');
    expect(datesOf(eid)).toEqual(['2026-03-20', '2026-03-21', '2026-03-22']);
  });

  it('accepts codes in any case and with stray spaces', async () => {
    expect(await publicHolidays({ country: 'de', state: ' by ' }, '2026-01-06', '2026-01-06')).toEqual([{ date: '2026-01-06', name: 'Epiphany' }]);
  });

  it('hands out copies, so a caller cannot spoil the cache', async () => {
    const first = await publicHolidays(BAVARIA, '2026-01-01', '2026-01-31');
    first.splice(0, first.length);
    expect(await publicHolidays(BAVARIA, '2026-01-01', '2026-01-31')).toHaveLength(2);
  });

  it('throws for an unknown region instead of quietly using the country', async () => {
    await expect(publicHolidays({ country: 'XX' }, '2026-01-01', '2026-12-31')).rejects.toThrow('"XX" is not a country');
    await expect(publicHolidays({ country: 'DE', state: 'ZZ' }, '2026-01-01', '2026-12-31')).rejects.toThrow('no state "ZZ"');
  });

  it('throws for malformed dates', async () => {
    await expect(publicHolidays(BAVARIA, '2026-02-30', '2026-12-31')).rejects.toThrow(RangeError);
    await expect(publicHolidays(BAVARIA, '2026-01-01', 'today')).rejects.toThrow(RangeError);
  });

  it('loads date-holidays only when asked (no static import)', () => {
    const source = readFileSync(new URL('../../../mcp-server/domain/holidays.ts', import.meta.url), 'utf8');
    const staticImports = source.split('\n').filter((line) => /^import\s(?!type\s).*['"]date-holidays['"]/.test(line));
    expect(staticImports).toEqual([]);
    expect(source).toContain("import('date-holidays')");
  });
});

describe('describeRegion', () => {
  it('labels known countries, states and regions with the names in the holiday data', async () => {
    expect(await describeRegion({ country: 'DE' })).toEqual({ ok: true, label: 'Germany' });
    expect(await describeRegion(BAVARIA)).toEqual({ ok: true, label: 'Germany, Bayern' });
    expect(await describeRegion({ country: 'de', state: 'by', region: 'a' })).toEqual({ ok: true, label: 'Germany, Bayern, Stadt Augsburg' });
    expect(await describeRegion({ country: 'US', state: 'CA' })).toEqual({ ok: true, label: 'United States of America, California' });
  });

  it('treats empty state and region as absent', async () => {
    expect(await describeRegion({ country: 'AT', state: '', region: '' })).toEqual({ ok: true, label: 'Austria' });
  });

  it('explains an unknown country with example codes and where to find all of them', async () => {
    const result = await describeRegion({ country: 'XX' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('"XX" is not a country');
      expect(result.message).toContain('DE, AT, CH, FR, GB or US');
      expect(result.message).toContain('https://github.com/commenthol/date-holidays');
    }
  });

  it('lists the valid states of the country for an unknown state', async () => {
    const germany = await describeRegion({ country: 'DE', state: 'ZZ' });
    expect(germany).toEqual({ ok: false, message: expect.stringContaining('Germany has no state "ZZ". Use one of: BB (Brandenburg), BE (Berlin)') });
    const us = await describeRegion({ country: 'US', state: 'XY' });
    expect(us.ok).toBe(false);
    // Long lists give codes only.
    if (!us.ok) expect(us.message).toMatch(/Use one of: .*\bCA\b.*\bNY\b/);
    const japan = await describeRegion({ country: 'JP', state: '13' });
    expect(japan).toEqual({ ok: false, message: expect.stringContaining('has no states in the holiday data; leave the state empty') });
  });

  it('checks regions against their state', async () => {
    const unknown = await describeRegion({ country: 'DE', state: 'BY', region: 'NOPE' });
    expect(unknown).toEqual({ ok: false, message: expect.stringContaining('Use one of: A (Stadt Augsburg)') });
    const none = await describeRegion({ country: 'DE', state: 'BE', region: 'X' });
    expect(none).toEqual({ ok: false, message: expect.stringContaining('Berlin has no regions in the holiday data') });
    const orphan = await describeRegion({ country: 'DE', region: 'A' });
    expect(orphan).toEqual({ ok: false, message: expect.stringContaining('A region needs its state') });
  });
});
