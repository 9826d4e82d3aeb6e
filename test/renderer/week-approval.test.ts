// The Timesheet's approval of a week, pure (renderer/src/approvals.ts): which submission says the week's
// state, when "Submit week" is offered, which lock holds a day, and the words of a state.
import { describe, expect, it } from 'vitest';
import { canSubmitWeek, lockOf, stateDetail, weekState, weekSubmission } from '../../renderer/src/approvals.ts';
import type { SubmissionView, WeekApprovalView } from '../../window-contract/approvals.ts';

const submission = (fields: Partial<SubmissionView>): SubmissionView => ({
  id: 's',
  person: 'Ada',
  period: 'week',
  firstDay: '2026-05-04',
  lastDay: '2026-05-10',
  status: 'pending',
  hours: 40,
  note: null,
  decidedBy: null,
  ...fields,
});

const approval = (fields: Partial<WeekApprovalView> = {}): WeekApprovalView => ({
  submissions: [],
  locks: [],
  rejectionNoteKept: false,
  backEnd: 'Clockify',
  canSubmit: true,
  problem: null,
  ...fields,
});

describe("a week's approval", () => {
  it('is not submitted without a submission touching the week', () => {
    const view = approval({ submissions: [submission({ firstDay: '2026-04-27', lastDay: '2026-05-03', status: 'approved' })] });
    expect(weekState(weekSubmission(view, '2026-05-04', '2026-05-10'))).toBe('not_submitted');
  });

  it('takes a standing submission over an earlier rejection of the same week', () => {
    const view = approval({ submissions: [submission({ id: 'a', status: 'rejected' }), submission({ id: 'b', status: 'pending' })] });
    expect(weekSubmission(view, '2026-05-04', '2026-05-10')?.id).toBe('b');
  });

  it("takes the period holding the week's Monday where a month's halves touch it", () => {
    const view = approval({
      submissions: [
        submission({ id: 'april', period: 'semi_month', firstDay: '2026-04-16', lastDay: '2026-04-30', status: 'approved' }),
        submission({ id: 'may', period: 'semi_month', firstDay: '2026-05-01', lastDay: '2026-05-15', status: 'approved' }),
      ],
    });
    expect(weekSubmission(view, '2026-04-27', '2026-05-03')?.id).toBe('april');
  });

  it('offers Submit week for a begun week nothing of which waits or is approved, where the engine offers it', () => {
    expect(canSubmitWeek(approval(), '2026-05-11', '2026-05-13')).toBe(true);
    expect(canSubmitWeek(approval({ submissions: [submission({ status: 'rejected' })] }), '2026-05-04', '2026-05-13')).toBe(true);
    expect(canSubmitWeek(approval({ submissions: [submission({ status: 'pending' })] }), '2026-05-04', '2026-05-13')).toBe(false);
    expect(canSubmitWeek(approval({ submissions: [submission({ status: 'approved' })] }), '2026-05-04', '2026-05-13')).toBe(false);
    expect(canSubmitWeek(approval(), '2026-05-18', '2026-05-13')).toBe(false);
    expect(canSubmitWeek(approval({ canSubmit: false }), '2026-05-11', '2026-05-13')).toBe(false);
    expect(canSubmitWeek(approval({ problem: 'Clockify did not answer.' }), '2026-05-11', '2026-05-13')).toBe(false);
  });

  it('finds the lock holding a day', () => {
    const lock = { firstDay: '2026-05-04', lastDay: '2026-05-10', status: 'approved' as const, words: 'Locked.' };
    const view = approval({ locks: [lock] });
    expect(lockOf(view, '2026-05-04')).toBe(lock);
    expect(lockOf(view, '2026-05-10')).toBe(lock);
    expect(lockOf(view, '2026-05-11')).toBeNull();
    expect(lockOf(null, '2026-05-04')).toBeNull();
  });

  it("says a rejection's note, or that the back end e-mailed it, and who approved", () => {
    const kept = { rejectionNoteKept: true, backEnd: 'Kimai' };
    const mailed = { rejectionNoteKept: false, backEnd: 'Clockify' };
    expect(stateDetail(submission({ status: 'rejected', note: 'Friday is missing', decidedBy: 'Tom' }), kept)).toBe('Note from Tom: “Friday is missing”');
    expect(stateDetail(submission({ status: 'rejected' }), mailed)).toBe('Clockify keeps no note for you to read here: it sent the note to you by e-mail.');
    expect(stateDetail(submission({ status: 'rejected', decidedBy: 'Tom' }), kept)).toBe('Tom left no note.');
    expect(stateDetail(submission({ status: 'approved', decidedBy: 'Tom' }), mailed)).toBe('Approved by Tom.');
    expect(stateDetail(submission({ status: 'pending' }), mailed)).toBeNull();
    expect(stateDetail(null, mailed)).toBeNull();
  });
});
