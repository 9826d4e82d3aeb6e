// The window's words after leave is filed or decided and drafts are booked, made from the answers' data.
import { describe, expect, it } from 'vitest';
import { bookedWords } from '../../../main/engine/draft-words.ts';
import { decidedWords, requestedWords } from '../../../main/engine/leave-words.ts';

const en = { locale: 'en-US' };
const request = {
  id: 12,
  type: 'vacation' as const,
  first_day: '2026-05-04',
  last_day: '2026-05-08',
  first_day_part: 'full' as const,
  last_day_part: 'full' as const,
  days: 5,
  status: 'pending' as const,
  comment: '',
};

describe('requestedWords', () => {
  it('says the request in the calendar’s words, its records and the vacation days left, without numbers', () => {
    expect(requestedWords({ request, vacation_days_remaining: 12 }, en)).toBe(
      'Requested vacation May 4, 2026 to May 8, 2026 (5 days, pending). 12 vacation days left in 2026.',
    );
    expect(requestedWords({ request: { ...request, last_day: '2026-05-04', days: 1 }, vacation_days_remaining: -2 }, en)).toBe(
      'Requested vacation May 4, 2026 (1 day, pending). 2 days over the 2026 vacation entitlement.',
    );
    expect(
      requestedWords(
        {
          request: { ...request, type: 'other', kind: 'Sabbatical', first_day: '2026-12-28', last_day: '2027-01-08', days: 9 },
          vacation_days_remaining: null,
          parts: [
            { id: 13, first_day: '2026-12-28', last_day: '2026-12-31' },
            { id: 14, first_day: '2027-01-01', last_day: '2027-01-08' },
          ],
        },
        en,
      ),
    ).toBe('Requested Sabbatical Dec 28, 2026 to Jan 8, 2027 (9 days, pending). Filed as 2 records: Dec 28, 2026 to Dec 31, 2026, Jan 1, 2027 to Jan 8, 2027.');
  });
});

describe('decidedWords', () => {
  const answer = {
    request: { id: 4, person: 'Ada', type: 'vacation' as const, first_day: '2026-05-04', last_day: '2026-05-04', days: 1, status: 'approved' as const },
    reason_kept: false,
  };
  it('says who, what and when, and what became of the reason', () => {
    expect(decidedWords(answer, 'approve', false, en)).toBe("Approved Ada's vacation May 4, 2026 (1 working day).");
    expect(decidedWords({ ...answer, reason_kept: true }, 'reject', true, en)).toBe(
      "Rejected Ada's vacation May 4, 2026 (1 working day). The reason was kept with it.",
    );
    expect(decidedWords(answer, 'reject', true, en)).toBe(
      "Rejected Ada's vacation May 4, 2026 (1 working day). The back end keeps no reason with a decision; tell Ada yourself.",
    );
  });
});

describe('bookedWords', () => {
  it('says each entry booked by its time, length and what it is on, without numbers or draft ids', () => {
    const entry = {
      id: 6,
      start: '2026-05-13T09:00:00+02:00',
      end: '2026-05-13T10:30:00+02:00',
      minutes: 90,
      project: 'Website',
      activity: 'Dev',
      description: 'Fix the menu\nand more',
      draft: 'd1',
    };
    expect(
      bookedWords(
        '2026-05-13',
        [
          entry,
          {
            ...entry,
            id: 7,
            start: '2026-05-13T11:00:00+02:00',
            end: '2026-05-13T11:20:00+02:00',
            minutes: 20,
            project: null,
            activity: null,
            description: '',
            draft: 'd2',
          },
        ],
        en,
      ),
    ).toBe('Booked 2 entries from the drafts of May 13, 2026:\n09:00–10:30 1 h 30 min Website · Dev — Fix the menu\n11:00–11:20 20 min no project');
  });
});
