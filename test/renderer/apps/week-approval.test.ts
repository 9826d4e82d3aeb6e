// The week's approval status as the Week app reads it (renderer/apps/week-approval.ts) from
// list_timesheet_approvals' answer, checked first as the page checks it (renderer/apps/shapes.ts).
import { describe, expect, it } from 'vitest';
import { asOwnApprovals, type OwnApprovals, type Submission } from '../../../renderer/apps/shapes.ts';
import { entryLockWords, lockOn, lockWords, periodWords, weekApproval } from '../../../renderer/apps/week-approval.ts';

/** Words as a person reads them: Intl puts thin spaces around a range's dash. */
const words = (period: Parameters<typeof periodWords>[0]) => periodWords(period).replaceAll('\u2009', ' ');

const FROM = '2026-11-16';
const TO = '2026-11-22';

function submission(first_day: string, last_day: string, status: Submission['status'], more: Partial<Submission> = {}): Submission {
  return { id: `${first_day}-${status}`, period: 'week', first_day, last_day, status, note: null, decided_by: null, ...more };
}

function answer(submissions: Submission[], more: Partial<OwnApprovals> = {}): OwnApprovals {
  const checked = asOwnApprovals({ whose: 'mine', submissions, more: false, from: FROM, to: TO, rejection_note_kept: true, ...more });
  if (!checked) throw new Error('The test answer is not one the engine gives.');
  return checked;
}

describe("the week's approval status", () => {
  it('says nothing was submitted where no submission touches the days shown', () => {
    const approval = weekApproval(answer([submission('2026-11-09', '2026-11-15', 'approved'), submission('2026-11-23', '2026-11-29', 'pending')]), FROM, TO);
    expect(approval).toEqual({ periods: [], locks: [] });
  });

  it('says a pending week, and locks nothing where the engine does not say it is locked', () => {
    const approval = weekApproval(answer([submission(FROM, TO, 'pending')]), FROM, TO);
    expect(approval.periods.map(words)).toEqual(['Timesheet for Nov 16 – 22, 2026: submitted, waiting for approval.']);
    expect(approval.locks).toEqual([]);
    expect(approval.periods[0]?.lock).toBeNull();
  });

  it('locks an approved week even where the engine does not list locks: approved time is kept as approved everywhere', () => {
    const approval = weekApproval(answer([submission(FROM, TO, 'approved', { decided_by: 'Bea Lead' })]), FROM, TO);
    expect(approval.periods.map(words)).toEqual(['Timesheet for Nov 16 – 22, 2026: approved by Bea Lead.']);
    expect(approval.locks).toEqual([{ firstDay: FROM, lastDay: TO, status: 'approved', reopenedBy: null }]);
    const lock = approval.periods[0]?.lock;
    expect(lock && lockWords(lock)).toBe('Its time is kept as approved: to change it, ask your approver or an administrator to withdraw the approval.');
    expect(lock && entryLockWords(lock)).toBe('Kept as approved');
  });

  it("follows the engine's locks where it lists them: a submitted week locked, and who reopens it", () => {
    const approval = weekApproval(
      answer([submission(FROM, TO, 'pending')], { locks: [{ first_day: FROM, last_day: TO, status: 'pending', reopened_by: 'the_person' }] }),
      FROM,
      TO,
    );
    const lock = approval.periods[0]?.lock;
    expect(lock).toEqual({ firstDay: FROM, lastDay: TO, status: 'pending', reopenedBy: 'the_person' });
    expect(lock && lockWords(lock)).toBe('Its time is kept as submitted: to change it, withdraw the submission first.');
    expect(lock && entryLockWords(lock)).toBe('Kept as submitted');
    const byAdmin = weekApproval(
      answer([submission(FROM, TO, 'approved')], { locks: [{ first_day: FROM, last_day: TO, status: 'approved', reopened_by: 'an_administrator' }] }),
      FROM,
      TO,
    );
    expect(byAdmin.locks[0] && lockWords(byAdmin.locks[0])).toBe('Its time is kept as approved: to change it, ask an administrator to reopen it.');
    // Where the engine lists locks, an approved period it does not name is not locked here either.
    expect(weekApproval(answer([submission(FROM, TO, 'approved')], { locks: [] }), FROM, TO).locks).toEqual([]);
  });

  it('says a week held though never submitted (Kimai keeps every week before the next one to submit) for what it is', () => {
    const approval = weekApproval(
      answer([], { locks: [{ first_day: FROM, last_day: TO, status: 'not_submitted', reopened_by: 'an_administrator' }] }),
      FROM,
      TO,
    );
    expect(approval.periods.map(words)).toEqual(['Timesheet for Nov 16 – 22, 2026: not submitted.']);
    const lock = approval.periods[0]?.lock;
    expect(lock && lockWords(lock)).toBe(
      'Its time is kept as it is even so, like every week before the next one to submit: to change it, ask an administrator to reopen it.',
    );
    expect(lock && entryLockWords(lock)).toBe('Kept as it is');
  });

  it('locks only the days of the period: a week from Sunday leaves the last day shown open', () => {
    const approval = weekApproval(answer([submission('2026-11-15', '2026-11-21', 'approved')]), FROM, TO);
    expect(lockOn(approval.locks, '2026-11-16')?.status).toBe('approved');
    expect(lockOn(approval.locks, '2026-11-21')?.status).toBe('approved');
    expect(lockOn(approval.locks, '2026-11-22')).toBeUndefined();
    expect(approval.periods.map(words)).toEqual(['Timesheet for Nov 15 – 21, 2026: approved.']);
  });

  it("keeps a rejection's note as the approver wrote it, or says it went by e-mail where the back end keeps none", () => {
    const noted = weekApproval(answer([submission(FROM, TO, 'rejected', { note: "Add the workshop's project, please.", decided_by: 'Bea Lead' })]), FROM, TO);
    expect(noted.periods).toMatchObject([{ status: 'rejected', note: "Add the workshop's project, please.", noteByEmail: false, lock: null }]);
    expect(noted.periods.map(words)).toEqual(['Timesheet for Nov 16 – 22, 2026: rejected by Bea Lead.']);
    const mailed = weekApproval(answer([submission(FROM, TO, 'rejected')], { rejection_note_kept: false }), FROM, TO);
    expect(mailed.periods).toMatchObject([{ note: null, noteByEmail: true }]);
  });

  it('shows the submission that stands: pending or approved over an earlier rejection or withdrawal of the same period', () => {
    const resubmitted = weekApproval(
      answer([submission(FROM, TO, 'rejected', { note: 'Fix Monday' }), submission(FROM, TO, 'pending'), submission(FROM, TO, 'withdrawn')]),
      FROM,
      TO,
    );
    expect(resubmitted.periods.map((period) => period.status)).toEqual(['pending']);
    const withdrawn = weekApproval(answer([submission(FROM, TO, 'withdrawn')]), FROM, TO);
    expect(withdrawn.periods.map(words)).toEqual(['Timesheet for Nov 16 – 22, 2026: submission withdrawn.']);
  });

  it('says each period of a longer range, earliest first, and a lock whose submission was not listed', () => {
    const approval = weekApproval(
      answer(
        [
          submission('2026-11-16', '2026-11-30', 'pending', { period: 'semi_month' }),
          submission('2026-11-01', '2026-11-15', 'approved', { period: 'semi_month' }),
        ],
        {
          locks: [
            { first_day: '2026-11-01', last_day: '2026-11-15', status: 'approved', reopened_by: 'an_approver' },
            { first_day: '2026-12-01', last_day: '2026-12-15', status: 'approved', reopened_by: 'an_approver' },
          ],
        },
      ),
      '2026-11-10',
      '2026-12-02',
    );
    expect(approval.periods.map((period) => [period.firstDay, period.status, period.lock?.status ?? null])).toEqual([
      ['2026-11-01', 'approved', 'approved'],
      ['2026-11-16', 'pending', null],
      ['2026-12-01', 'approved', 'approved'],
    ]);
  });
});

describe("list_timesheet_approvals' answer as the Week checks it", () => {
  const good = { whose: 'mine', submissions: [submission(FROM, TO, 'pending')], more: false, from: FROM, to: TO, rejection_note_kept: true };

  it("takes the person's own list, with or without locks", () => {
    expect(asOwnApprovals(good)).not.toBeNull();
    expect(asOwnApprovals({ ...good, locks: [{ first_day: FROM, last_day: TO, status: 'approved', reopened_by: 'an_approver' }] })).not.toBeNull();
  });

  it("draws nothing of a lead's list, which is not the person's week, nor of an answer the engine does not give", () => {
    expect(asOwnApprovals({ ...good, whose: 'to_decide' })).toBeNull();
    expect(asOwnApprovals({ ...good, submissions: [{ ...submission(FROM, TO, 'pending'), status: 'granted' }] })).toBeNull();
    expect(asOwnApprovals({ ...good, submissions: [{ ...submission(FROM, TO, 'pending'), first_day: '16.11.2026' }] })).toBeNull();
    expect(asOwnApprovals({ ...good, submissions: [submission(TO, FROM, 'pending')] })).toBeNull();
    expect(asOwnApprovals({ ...good, submissions: [{ ...submission(FROM, TO, 'rejected'), note: 7 }] })).toBeNull();
    expect(asOwnApprovals({ ...good, locks: [{ first_day: FROM, last_day: TO, status: 'rejected', reopened_by: 'an_approver' }] })).toBeNull();
    expect(asOwnApprovals({ ...good, locks: 'all' })).toBeNull();
    expect(asOwnApprovals({ ...good, rejection_note_kept: undefined })).toBeNull();
    expect(asOwnApprovals(null)).toBeNull();
  });
});
