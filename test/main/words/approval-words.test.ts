// What the window says of timesheet approvals, from the tools' structured answers (main/engine/approval-words.ts).
import { describe, expect, it } from 'vitest';
import { lockWords, submittedWords, timesheetDecidedWords } from '../../../main/engine/approval-words.ts';
import { refusalWords } from '../../../main/engine/refusal-words.ts';
import type { SubmissionView } from '../../../window-contract/approvals.ts';

const en = { locale: 'en-US' };
const WEEK: SubmissionView = {
  id: 's1',
  person: 'Ada Lovelace',
  period: 'week',
  firstDay: '2026-11-16',
  lastDay: '2026-11-22',
  status: 'pending',
  hours: 38.5,
  note: null,
  decidedBy: null,
};

describe('approval words', () => {
  it("word a lock as the refusal a change would meet, without the refusal's 'Nothing was sent.'", () => {
    const facts = { first_day: '2026-11-16', last_day: '2026-11-22', status: 'pending', reopened_by: 'the_person', back_end: 'Kimai' } as const;
    const words = lockWords(facts, en);
    expect(words).toBe(
      'Your timesheet for Nov 16, 2026 to Nov 22, 2026 is submitted for approval, so its time is kept as submitted: to change it, withdraw the submission first.',
    );
    expect(refusalWords({ code: 'timesheet_period_locked', facts }, en)).toBe(`${words} Nothing was sent.`);
    expect(lockWords({ ...facts, status: 'approved', reopened_by: 'an_administrator' }, en)).toBe(
      'Your timesheet for Nov 16, 2026 to Nov 22, 2026 is approved, so its time is kept as approved: to change it, ask an administrator to reopen it in Kimai.',
    );
  });

  it('word a week held though it was never submitted (Kimai keeps every week before the next one to submit) for what it is', () => {
    const facts = { first_day: '2026-10-12', last_day: '2026-10-18', status: 'not_submitted', reopened_by: 'an_administrator', back_end: 'Kimai' } as const;
    expect(lockWords(facts, en)).toBe(
      'Your timesheet for Oct 12, 2026 to Oct 18, 2026 was not submitted, but Kimai keeps its time as it is, as it keeps every week before your next one to submit: to change it, ask an administrator to reopen it in Kimai.',
    );
    const forAda = { first_day: '2026-10-12', last_day: '2026-10-18', status: 'not_submitted', person: 'Ada Lovelace', back_end: 'Kimai' } as const;
    expect(refusalWords({ code: 'timesheet_period_locked_for', facts: forAda }, en)).toBe(
      '"Ada Lovelace"\'s timesheet for Oct 12, 2026 to Oct 18, 2026 was not submitted, but Kimai keeps its time as it is, as it keeps every week before their next one to submit, until an administrator reopens it in Kimai. Nothing was sent.',
    );
    // The other statuses keep their words.
    expect(refusalWords({ code: 'timesheet_period_locked_for', facts: { ...forAda, status: 'pending' } }, en)).toBe(
      '"Ada Lovelace"\'s timesheet for Oct 12, 2026 to Oct 18, 2026 is submitted for approval, so its time is kept as submitted until it is withdrawn or rejected in Kimai. Nothing was sent.',
    );
  });

  it('say a submission, with its hours where the back end counts them', () => {
    expect(submittedWords(WEEK, en)).toBe('Submitted your timesheet for Nov 16, 2026 to Nov 22, 2026 (38.5 h): it waits for approval.');
    expect(submittedWords({ ...WEEK, hours: null }, en)).toBe('Submitted your timesheet for Nov 16, 2026 to Nov 22, 2026: it waits for approval.');
  });

  it('say a decision and what became of the note', () => {
    expect(timesheetDecidedWords(WEEK, 'approve', { given: false, kept: false }, en)).toBe(
      "Approved Ada Lovelace's timesheet for Nov 16, 2026 to Nov 22, 2026 (38.5 h).",
    );
    expect(timesheetDecidedWords(WEEK, 'reject', { given: true, kept: true }, en)).toBe(
      "Rejected Ada Lovelace's timesheet for Nov 16, 2026 to Nov 22, 2026 (38.5 h). Your note went with it.",
    );
    expect(timesheetDecidedWords(WEEK, 'reject', { given: true, kept: false }, en)).toBe(
      "Rejected Ada Lovelace's timesheet for Nov 16, 2026 to Nov 22, 2026 (38.5 h). The back end kept no note with it; tell Ada Lovelace yourself.",
    );
  });
});
