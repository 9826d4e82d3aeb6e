// The leave request form's pure core (renderer/src/screens/leave-request.ts): the fields a new form
// starts with, the request they make or what is wrong with them, the requests it overlaps, and when the
// person confirms before it is sent.
import { describe, expect, it } from 'vitest';
import type { LeavePreview, LeaveRequestView } from '../../window-contract/leave.ts';
import { inputOf, isBeyond, needsConfirming, newRequestFields, overlapOf, withChange, type RequestFields } from '../../renderer/src/screens/leave-request.ts';

const fields = (patch: Partial<RequestFields> = {}): RequestFields => ({ ...newRequestFields(2026, '2026-05-11'), ...patch });

const request = (id: number, firstDay: string, lastDay: string, status: LeaveRequestView['status']): LeaveRequestView => ({
  id,
  type: 'vacation',
  firstDay,
  lastDay,
  firstDayPart: 'full',
  lastDayPart: 'full',
  days: 1,
  status,
  comment: '',
});

const preview = (leaves: LeavePreview['leaves'], beyondRefused: string | null = null): LeavePreview => ({
  days: 1,
  free: [],
  leaves,
  balanceProblem: null,
  beyondRefused,
  away: null,
});

describe('a new leave request', () => {
  it('starts as a whole day of vacation tomorrow in this year, and on the first of January in another', () => {
    expect(newRequestFields(2026, '2026-05-11')).toEqual({
      type: 'vacation',
      firstDay: '2026-05-12',
      lastDay: '2026-05-12',
      singlePart: 'full',
      firstHalf: false,
      lastHalf: false,
      comment: '',
    });
    expect(newRequestFields(2027, '2026-05-11')).toMatchObject({ firstDay: '2027-01-01', lastDay: '2027-01-01' });
  });

  it('moves the last day along when the first moves past it, and leaves it where it is otherwise', () => {
    expect(withChange(fields({ lastDay: '2026-05-14' }), { firstDay: '2026-05-20' })).toMatchObject({ firstDay: '2026-05-20', lastDay: '2026-05-20' });
    expect(withChange(fields({ lastDay: '2026-05-14' }), { firstDay: '2026-05-13' })).toMatchObject({ firstDay: '2026-05-13', lastDay: '2026-05-14' });
    // A last day chosen before the first is not moved: the form says what is wrong with it.
    expect(withChange(fields(), { lastDay: '2026-05-01' })).toMatchObject({ firstDay: '2026-05-12', lastDay: '2026-05-01' });
  });
});

describe('the request the fields make', () => {
  it('says what is missing or wrong instead of a request', () => {
    expect(inputOf(fields({ firstDay: '' }))).toBe('Choose the first day.');
    expect(inputOf(fields({ lastDay: '2026-05-01' }))).toBe('The last day is before the first.');
  });

  it('takes one day whole, its morning or its afternoon', () => {
    expect(inputOf(fields())).toEqual({ type: 'vacation', firstDay: '2026-05-12', lastDay: '2026-05-12', firstDayPart: 'full', lastDayPart: 'full' });
    expect(inputOf(fields({ singlePart: 'morning' }))).toMatchObject({ firstDayPart: 'full', lastDayPart: 'morning' });
    expect(inputOf(fields({ singlePart: 'afternoon' }))).toMatchObject({ firstDayPart: 'afternoon', lastDayPart: 'full' });
    // The half-day boxes belong to several days: on one they change nothing.
    expect(inputOf(fields({ firstHalf: true, lastHalf: true }))).toMatchObject({ firstDayPart: 'full', lastDayPart: 'full' });
  });

  it('starts several days at noon and ends them at noon as the boxes say; an empty last day is the first', () => {
    const several = fields({ lastDay: '2026-05-15', firstHalf: true, lastHalf: true, singlePart: 'morning' });
    expect(inputOf(several)).toMatchObject({ firstDay: '2026-05-12', lastDay: '2026-05-15', firstDayPart: 'afternoon', lastDayPart: 'morning' });
    expect(inputOf(fields({ lastDay: '' }))).toMatchObject({ firstDay: '2026-05-12', lastDay: '2026-05-12' });
  });

  it('sends a note trimmed, and none where it is only spaces', () => {
    expect(inputOf(fields({ comment: '  for the wedding ' }))).toMatchObject({ comment: 'for the wedding' });
    expect(inputOf(fields({ comment: '   ' }))).not.toHaveProperty('comment');
  });
});

describe('what the form warns of before sending', () => {
  it('finds a pending or approved request sharing a day, not a rejected or cancelled one', () => {
    const input = inputOf(fields({ firstDay: '2026-05-12', lastDay: '2026-05-14' }));
    const requests = [request(1, '2026-05-14', '2026-05-20', 'rejected'), request(2, '2026-05-01', '2026-05-12', 'cancelled')];
    expect(overlapOf(requests, input)).toBeUndefined();
    expect(overlapOf([...requests, request(3, '2026-05-14', '2026-05-14', 'pending')], input)?.id).toBe(3);
    expect(overlapOf([request(4, '2026-05-01', '2026-05-12', 'approved')], input)?.id).toBe(4);
    expect(overlapOf([request(5, '2026-05-15', '2026-05-16', 'approved')], input)).toBeUndefined();
    expect(overlapOf([request(6, '2026-05-12', '2026-05-12', 'approved')], 'Choose the first day.')).toBeUndefined();
  });

  it('asks the person to confirm a request beyond the balance, unless the back end refuses that anyway', () => {
    expect(isBeyond(preview([{ year: 2026, days: 3 }]))).toBe(false);
    expect(needsConfirming(preview([{ year: 2026, days: 3 }]))).toBe(false);
    expect(needsConfirming(preview([]))).toBe(false);
    expect(
      needsConfirming(
        preview([
          { year: 2026, days: 2 },
          { year: 2027, days: -0.5 },
        ]),
      ),
    ).toBe(true);
    expect(needsConfirming(preview([{ year: 2026, days: -1 }], 'Turn on leave beyond the balance in Preferences.'))).toBe(false);
  });
});
