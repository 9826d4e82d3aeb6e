// The leave-filing rules' refusals as data (providers/leave-filing.ts): an overlap with the person's
// own leave, and leave filed in part, carrying the back end's refusal of the part it refused.
import { describe, expect, it } from 'vitest';
import { refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { fileInParts, refuseOverlap } from '../../../../mcp-server/providers/leave-filing.ts';
import { BackEndError, causeOf, type LeaveRequest } from '../../../../mcp-server/providers/time-tracker.ts';

function caught(work: () => unknown): BackEndError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(BackEndError);
    return error as BackEndError;
  }
  throw new Error('nothing was refused');
}

const forPeople = (error: BackEndError) => peopleText(refusalSentence(error.refusal), { locale: 'en-US' });

const existing: LeaveRequest = {
  id: 31,
  person: 'Ada',
  type: 'vacation',
  kind: 'Annual leave',
  firstDay: '2026-12-21',
  lastDay: '2026-12-31',
  firstDayPart: 'full',
  lastDayPart: 'full',
  days: 7,
  status: 'pending',
  comment: '',
};

describe('leave over leave the person has', () => {
  it('is refused with the request it meets, by its number, type, days and status', () => {
    const request = { firstDay: '2026-12-30', lastDay: '2027-01-02', firstDayPart: 'full', lastDayPart: 'full' } as const;
    const error = caught(() => refuseOverlap(request, [existing]));
    expect(error.refusal).toEqual({
      code: 'leave_overlaps',
      facts: { request: 31, type: 'Annual leave', first_day: '2026-12-21', last_day: '2026-12-31', status: 'pending' },
    });
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe('That overlaps your Annual leave request #31 (2026-12-21 to 2026-12-31, pending). Nothing was filed.');
    expect(forPeople(error)).toBe('That overlaps your Annual leave request (Dec 21, 2026 to Dec 31, 2026, pending). Nothing was filed.');
    const oneDay = caught(() => refuseOverlap(request, [{ ...existing, kind: undefined, firstDay: '2026-12-31', status: 'approved' }]));
    expect(oneDay.message).toBe('That overlaps your vacation request #31 (2026-12-31, approved). Nothing was filed.');
    expect(() => refuseOverlap(request, [{ ...existing, status: 'cancelled' }])).not.toThrow();
  });
});

describe('leave filed in parts', () => {
  const parts: [{ firstDay: string; lastDay: string }, ...Array<{ firstDay: string; lastDay: string }>] = [
    { firstDay: '2026-12-28', lastDay: '2026-12-31' },
    { firstDay: '2027-01-01', lastDay: '2027-01-08' },
  ];
  const words = { service: 'Kimai', verb: 'stores', unit: 'absences', undo: 'cancel' } as const;

  it('refused after the first part: which parts exist, which was refused, and the back end’s refusal as its cause', async () => {
    let next = 40;
    const cause = new BackEndError('leave_request_own', { request: 9 });
    const error = await fileInParts(
      parts,
      async (part) => {
        if (part.firstDay.startsWith('2027')) throw cause;
        return { id: ++next, ...part };
      },
      words,
    ).then(
      () => undefined,
      (failure: unknown) => failure as BackEndError,
    );
    expect(error?.refusal).toEqual({
      code: 'leave_filed_in_part',
      facts: {
        ...words,
        parts: 2,
        filed: [{ request: 41, first_day: '2026-12-28', last_day: '2026-12-31' }],
        refused_first_day: '2027-01-01',
        refused_last_day: '2027-01-08',
        cause: { code: 'leave_request_own', facts: { request: 9 } },
      },
    });
    expect(error?.message).toBe(
      'Kimai stores this leave as 2 absences; 1 were filed (#41 (2026-12-28 to 2026-12-31)), then it refused the part from 2027-01-01 to 2027-01-08: ' +
        `${cause.message} Request the rest again once that is sorted out, or cancel the filed part.`,
    );
    expect(forPeople(error as BackEndError)).toBe(
      'Kimai stores this leave as 2 absences; 1 were filed (Dec 28, 2026 to Dec 31, 2026), then it refused the part from Jan 1, 2027 to Jan 8, 2027: ' +
        'This leave request is your own; somebody else decides it. Nothing was sent. Request the rest again once that is sorted out, or cancel the filed part.',
    );
  });

  it('a failure that is no refusal (a defect, a broken socket) is not said to be the back end’s: it goes on as it came', async () => {
    const defect = new Error('socket hang up');
    const error = await fileInParts(
      parts,
      async (part) => {
        if (part.firstDay.startsWith('2027')) throw defect;
        return { id: 41, ...part };
      },
      words,
    ).catch((failure: unknown) => failure);
    expect(error).toBe(defect);
    // Inside another refusal's facts, such a failure is carried as its words.
    expect(causeOf(defect)).toEqual({ code: 'failure_said', facts: { message: 'socket hang up' } });
    expect(causeOf(new BackEndError('leave_request_own', { request: 9 }))).toEqual({ code: 'leave_request_own', facts: { request: 9 } });
  });
});
