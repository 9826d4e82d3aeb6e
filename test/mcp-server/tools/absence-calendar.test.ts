// absence_calendar's handler on the real local timesheet, at a clock that stands still, with the
// default week of five working days: the next two weeks by default, weekends as days off, the
// person's own leave on its working days only (a weekend inside it is no absence), cancelled leave not.
import { describe, expect, it } from 'vitest';
import absenceCalendar from '../../../mcp-server/tools/absence-calendar.ts';
import cancelLeaveRequest from '../../../mcp-server/tools/cancel-leave-request.ts';
import requestLeave from '../../../mcp-server/tools/request-leave.ts';
import { useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const timesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

describe('absence_calendar', () => {
  it('shows the two weeks from today, the weekends as days off and the person away on their leave', async () => {
    const { run } = await timesheet();
    // Friday 20 to Monday 23 November: two working days away, the weekend between is no absence.
    await run(requestLeave, { type: 'vacation', first_day: '2026-11-20', last_day: '2026-11-23' });
    const cancelled = await run(requestLeave, { type: 'personal', first_day: '2026-11-26', last_day: '2026-11-26' });
    await run(cancelLeaveRequest, { id: cancelled.data.request.id });
    const { text, data } = await run(absenceCalendar, {});
    expect(text).toBe(
      [
        '2026-11-18 to 2026-12-01: 8 working days with nobody away.',
        '2026-11-20 Fri: "Ada": vacation',
        '2026-11-21 Sat: day off',
        '2026-11-22 Sun: day off',
        '2026-11-23 Mon: "Ada": vacation',
        '2026-11-28 Sat: day off',
        '2026-11-29 Sun: day off',
      ].join('\n'),
    );
    expect(data.days).toHaveLength(14);
    expect(data.days.find((day) => day.date === '2026-11-20')).toEqual({
      date: '2026-11-20',
      weekday: 'Friday',
      working_day: true,
      work_share: 1,
      holiday: null,
      away: [{ person: 'Ada', type: 'vacation', part: 'full', own: true }],
    });
    expect(data.days.find((day) => day.date === '2026-11-21')).toMatchObject({ working_day: false, work_share: 0, away: [] });
  });

  it('shows a range given', async () => {
    const { run } = await timesheet();
    const { text } = await run(absenceCalendar, { from: '2026-12-07', to: '2026-12-11' });
    expect(text).toBe('2026-12-07 to 2026-12-11: 5 working days with nobody away.');
  });
});
