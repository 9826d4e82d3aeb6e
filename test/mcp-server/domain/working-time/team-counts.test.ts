// A lead's count of a colleague's findings (team_report): only what the range's own spans decide. Monday
// 2026-11-09 to Sunday 2026-11-15 unless said.
import { describe, expect, it } from 'vitest';
import type { RuleSetName } from '../../../../mcp-server/contract/working-time.ts';
import { type CountedSpan, teamFindingCounts } from '../../../../mcp-server/domain/working-time/index.ts';
import { BERLIN, calendarOf, check, everyDay, lasting, span, VIENNA } from './week-of-work.ts';

const counts = (rules: RuleSetName, spans: readonly CountedSpan[], from = '2026-11-09', to = '2026-11-15', zone = BERLIN) =>
  teamFindingCounts({ rules, zone, from, to, spans, calendar: calendarOf({ '2026-11-11': 'Test Day' }) });

describe("a lead's count of findings", () => {
  it("counts a day's findings by code, as working_time finds them", () => {
    // Monday 11 h with a 30-minute break; Tuesday from 05:00 (a 10-hour rest); Wednesday, a holiday, an hour.
    const spans = [span('2026-11-09 08:00', '13:00'), span('2026-11-09 13:30', '19:30'), lasting('2026-11-10 05:00', 180), lasting('2026-11-11 10:00', 60)];
    expect(counts('de', spans)).toEqual({ wt_day_over_max: 1, wt_break_short: 1, wt_rest_short: 1, wt_sunday_or_holiday: 1 });
    expect(counts('eu', spans)).toEqual({ wt_rest_short: 1 });
  });

  it('is empty where nothing is found, and counts two of a code as two', () => {
    expect(counts('de', [lasting('2026-11-09 08:00', 240)])).toEqual({});
    expect(counts('de', [lasting('2026-11-09 07:00', 620), lasting('2026-11-10 07:00', 620)])).toMatchObject({ wt_day_over_max: 2 });
  });

  it("does not count the weekly rest or the averages, which need weeks the range's spans do not hold", () => {
    // Ten hours every day from the Sunday before to the Monday after: working_time over the same spans finds the
    // week's rest short; the lead's count leaves it out (and the averages) rather than guess at the weeks around.
    const spans = everyDay('2026-11-08', '2026-11-16', [1, 2, 3, 4, 5, 6, 7], '06:00', 600);
    const codes = check('de', '2026-11-09', '2026-11-15', spans).findings.map((finding) => finding.code);
    expect(codes).toContain('wt_weekly_rest_short');
    expect(Object.keys(counts('de', spans))).not.toContain('wt_weekly_rest_short');
    expect(Object.keys(counts('de', spans))).not.toContain('wt_average_over');
  });

  it('takes an entry without times (a Harvest length) for its length alone: no breaks, stretches or rests', () => {
    // Eleven hours on Monday kept as a length, placed at midnight; two on Tuesday the same way.
    const lengths = [lasting('2026-11-09 00:00', 660, { span: 'day' }), lasting('2026-11-10 00:00', 120, { span: 'day' })];
    expect(counts('de', lengths)).toEqual({ wt_day_over_max: 1 });
  });

  it("never finds the rest before the range's first work short: the work before it was not read", () => {
    expect(counts('de', [lasting('2026-11-09 05:00', 120)], '2026-11-09', '2026-11-09')).toEqual({});
  });

  it("counts the AZG's week over 60 hours from the week's days in the range", () => {
    const spans = everyDay('2026-11-09', '2026-11-14', [1, 2, 3, 4, 5, 6], '07:00', 610, VIENNA);
    expect(counts('at', spans, '2026-11-09', '2026-11-15', VIENNA)).toMatchObject({ wt_week_over_max: 1 });
  });
});
