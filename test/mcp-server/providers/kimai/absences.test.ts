import { describe, expect, it } from 'vitest';
import { absenceLastDay, kimaiAbsenceType, leaveStatus, splitLeave, toLeaveRequest } from '../../../../mcp-server/providers/kimai/mapping.ts';

const full = { firstDayPart: 'full', lastDayPart: 'full' } as const;

describe('splitLeave', () => {
  it('keeps a request inside one year and 30 days as one absence', () => {
    expect(splitLeave({ firstDay: '2026-08-03', lastDay: '2026-08-21', ...full })).toEqual([
      { firstDay: '2026-08-03', lastDay: '2026-08-21', halfDay: false, half: null },
    ]);
    expect(splitLeave({ firstDay: '2026-08-03', lastDay: '2026-09-01', ...full })).toHaveLength(1);
  });

  it('splits at New Year', () => {
    expect(splitLeave({ firstDay: '2026-12-21', lastDay: '2027-01-08', ...full })).toEqual([
      { firstDay: '2026-12-21', lastDay: '2026-12-31', halfDay: false, half: null },
      { firstDay: '2027-01-01', lastDay: '2027-01-08', halfDay: false, half: null },
    ]);
  });

  it('splits into pieces of at most 30 days, and at New Year inside the run', () => {
    const parts = splitLeave({ firstDay: '2026-11-01', lastDay: '2027-02-15', ...full });
    expect(parts).toEqual([
      { firstDay: '2026-11-01', lastDay: '2026-11-30', halfDay: false, half: null },
      { firstDay: '2026-12-01', lastDay: '2026-12-30', halfDay: false, half: null },
      { firstDay: '2026-12-31', lastDay: '2026-12-31', halfDay: false, half: null },
      { firstDay: '2027-01-01', lastDay: '2027-01-30', halfDay: false, half: null },
      { firstDay: '2027-01-31', lastDay: '2027-02-15', halfDay: false, half: null },
    ]);
  });

  it('files half first and last days as one-day half-day absences of their own', () => {
    expect(splitLeave({ firstDay: '2026-08-03', lastDay: '2026-08-07', firstDayPart: 'afternoon', lastDayPart: 'morning' })).toEqual([
      { firstDay: '2026-08-03', lastDay: '2026-08-03', halfDay: true, half: 'afternoon' },
      { firstDay: '2026-08-04', lastDay: '2026-08-06', halfDay: false, half: null },
      { firstDay: '2026-08-07', lastDay: '2026-08-07', halfDay: true, half: 'morning' },
    ]);
    expect(splitLeave({ firstDay: '2026-08-03', lastDay: '2026-08-04', firstDayPart: 'afternoon', lastDayPart: 'full' })).toEqual([
      { firstDay: '2026-08-03', lastDay: '2026-08-03', halfDay: true, half: 'afternoon' },
      { firstDay: '2026-08-04', lastDay: '2026-08-04', halfDay: false, half: null },
    ]);
    expect(splitLeave({ firstDay: '2026-08-03', lastDay: '2026-08-03', firstDayPart: 'full', lastDayPart: 'morning' })).toEqual([
      { firstDay: '2026-08-03', lastDay: '2026-08-03', halfDay: true, half: 'morning' },
    ]);
  });

  it('covers every day exactly once, in order, for any range', () => {
    for (const [firstDay, lastDay] of [
      ['2024-02-10', '2025-03-31'],
      ['2026-12-31', '2027-01-01'],
      ['2026-01-01', '2026-12-31'],
    ] as const) {
      const parts = splitLeave({ firstDay, lastDay, ...full });
      expect(parts[0]?.firstDay).toBe(firstDay);
      expect(parts.at(-1)?.lastDay).toBe(lastDay);
      for (const part of parts) {
        expect(part.firstDay.slice(0, 4)).toBe(part.lastDay.slice(0, 4));
        expect((Date.parse(part.lastDay) - Date.parse(part.firstDay)) / 86_400_000 + 1).toBeLessThanOrEqual(30);
      }
      for (let index = 1; index < parts.length; index++) {
        const previous = parts[index - 1]?.lastDay as string;
        expect(Date.parse(parts[index]?.firstDay as string) - Date.parse(previous)).toBe(86_400_000);
      }
    }
  });
});

describe('absence records', () => {
  it('maps types and statuses both ways', () => {
    expect(kimaiAbsenceType('vacation')).toBe('holiday');
    expect(kimaiAbsenceType('sick')).toBe('sickness');
    expect(leaveStatus('new')).toBe('pending');
    expect(leaveStatus('approved')).toBe('approved');
    expect(leaveStatus('rejected')).toBe('rejected');
  });

  it('reads a record with or without an end date, counting days with the given rule', () => {
    expect(absenceLastDay({ id: 1, date: '2026-08-03', endDate: null, type: 'holiday' })).toBe('2026-08-03');
    expect(absenceLastDay({ id: 1, date: '2026-08-03T00:00:00+0200', endDate: '2026-08-07T00:00:00+0200', type: 'holiday' })).toBe('2026-08-07');
    const request = toLeaveRequest(
      { id: 9, date: '2026-08-03', endDate: '2026-08-07', type: 'sickness_child', status: 'approved', halfDay: false, comment: null },
      'Ada',
      () => 5,
    );
    expect(request).toEqual({
      id: 9,
      person: 'Ada',
      type: 'sick',
      firstDay: '2026-08-03',
      lastDay: '2026-08-07',
      firstDayPart: 'full',
      lastDayPart: 'full',
      status: 'approved',
      comment: '',
      days: 5,
    });
    expect(toLeaveRequest({ id: 2, date: '2026-08-03', type: 'holiday', halfDay: true }, 'Ada', () => 0.5)).toMatchObject({
      lastDayPart: 'morning',
      status: 'pending',
      type: 'vacation',
    });
  });
});
