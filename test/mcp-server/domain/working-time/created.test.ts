// What a write created: the findings after it that were not there before it.
import { describe, expect, it } from 'vitest';
import { findingsCreated } from '../../../../mcp-server/domain/working-time/index.ts';
import { check, lasting, span } from './week-of-work.ts';

const TUESDAY = '2026-11-10';
const WEDNESDAY = '2026-11-11';

describe('findingsCreated', () => {
  it('says the rest a clock-in 9 hours after yesterday’s end cut short', () => {
    const before = [span(`${TUESDAY} 09:00`, '22:00')];
    const after = [...before, span(`${WEDNESDAY} 07:00`, '08:00')];
    const created = findingsCreated(check('de', TUESDAY, WEDNESDAY, before).findings, check('de', TUESDAY, WEDNESDAY, after).findings);
    expect(created).toEqual([
      {
        code: 'wt_rest_short',
        date: WEDNESDAY,
        end: '2026-11-10T22:00:00+01:00',
        next_start: '2026-11-11T07:00:00+01:00',
        rest_minutes: 540,
        required_minutes: 660,
      },
    ]);
  });

  it('says a log that takes the day over 10 hours, and not again when the next log takes it further', () => {
    const morning = [span(`${TUESDAY} 07:00`, '12:00'), span(`${TUESDAY} 12:45`, '17:45')];
    const late = [...morning, span(`${TUESDAY} 18:00`, '19:00')];
    const later = [...late, span(`${TUESDAY} 19:30`, '20:00')];
    const findings = (spans: typeof morning) => check('de', TUESDAY, TUESDAY, spans).findings;
    expect(findingsCreated(findings(morning), findings(late))).toEqual([{ code: 'wt_day_over_max', date: TUESDAY, worked_minutes: 660, max_minutes: 600 }]);
    expect(findingsCreated(findings(late), findings(later))).toEqual([]);
  });

  it('tells a second stretch of work in a row from the first, and a lengthened one from a new one', () => {
    const first = [lasting(`${TUESDAY} 06:00`, 400)];
    const lengthened = [lasting(`${TUESDAY} 05:30`, 430)];
    const second = [...first, lasting(`${TUESDAY} 14:00`, 370)];
    const findings = (spans: typeof first) => check('de', TUESDAY, TUESDAY, spans).findings.filter((finding) => finding.code === 'wt_stretch_over_max');
    expect(findingsCreated(findings(first), findings(lengthened))).toEqual([]);
    expect(findingsCreated(findings(first), findings(second))).toEqual([expect.objectContaining({ start: '2026-11-10T14:00:00+01:00', minutes: 370 })]);
  });
});
