// The tray's working-time warnings in words: each names the rule and cites its set's law.
import { describe, expect, it } from 'vitest';
import { clockInInsideRestLabel, limitWarning } from '../../../main/notifications/working-time-words.ts';

const AT = Date.parse('2026-11-10T14:00:00+01:00');

describe('limitWarning', () => {
  it('work in a row (de): six hours, section 4 ArbZG', () => {
    expect(limitWarning('de', { code: 'wt_stretch_over_max', date: '2026-11-10', at: AT, start: AT - 360 * 60_000, max_minutes: 360 }, 15)).toEqual({
      title: '6 h without a break',
      body: 'In 15 minutes you will have worked 6 h in a row without a break, the most section 4 ArbZG allows.',
    });
  });

  it('the day’s maximum: ten hours under section 3 ArbZG, twelve under AZG section 9', () => {
    expect(limitWarning('de', { code: 'wt_day_over_max', date: '2026-11-10', at: AT, max_minutes: 600 }, 15).body).toBe(
      "In 15 minutes your day's work reaches 10 h, the most section 3 ArbZG allows.",
    );
    expect(limitWarning('at', { code: 'wt_day_over_max', date: '2026-11-10', at: AT, max_minutes: 720 }, 1)).toEqual({
      title: 'Your day reaches 12 h',
      body: "In 1 minute your day's work reaches 12 h, the most AZG section 9 allows.",
    });
  });

  it('the break the day’s work requires, with what was taken; under eu the length is said to be Punchcard’s default', () => {
    const limit = { code: 'wt_break_short', date: '2026-11-10', at: AT, worked_minutes: 540, break_minutes: 30, required_minutes: 45 } as const;
    expect(limitWarning('de', limit, 15)).toEqual({
      title: 'A break of 45 min is due',
      body: "In 15 minutes your day's work passes 9 h with 30 min of breaks; section 4 ArbZG asks for 45 min.",
    });
    expect(limitWarning('eu', { ...limit, worked_minutes: 360, break_minutes: 0, required_minutes: 15 }, 15).body).toBe(
      "In 15 minutes your day's work passes 6 h with 0 min of breaks; Article 4 of the Working Time Directive (its length is Punchcard's default) asks for 15 min.",
    );
  });

  it('never says "in 0 minutes"', () => {
    expect(limitWarning('de', { code: 'wt_day_over_max', date: '2026-11-10', at: AT, max_minutes: 600 }, 0).body.startsWith('In 1 minute ')).toBe(true);
  });
});

describe('clockInInsideRestLabel', () => {
  it('says until when, by the person’s clock, with the law', () => {
    expect(clockInInsideRestLabel('eu', Date.parse('2026-11-10T09:00:00+01:00'), 'Europe/Berlin')).toBe(
      'Clock in — rest until 09:00 (Article 3 of the Working Time Directive)',
    );
    expect(clockInInsideRestLabel('de', Date.parse('2026-11-10T09:00:00+01:00'), 'Europe/London')).toBe('Clock in — rest until 08:00 (section 5 ArbZG)');
  });
});
