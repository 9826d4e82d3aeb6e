// timer_status's handler on the real local timesheet, at a clock that stands still: what runs and
// since when, and today's and this week's totals summed from what the timesheet holds (the running
// timer up to now counted, last week's work not).
import { describe, expect, it } from 'vitest';
import clockIn from '../../../mcp-server/tools/clock-in.ts';
import logTime from '../../../mcp-server/tools/log-time.ts';
import timerStatus from '../../../mcp-server/tools/timer-status.ts';
import { useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin; the week began on Monday the 16th.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const timesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

describe('timer_status', () => {
  it('says no timer runs, with zero totals, on an empty timesheet', async () => {
    const { run } = await timesheet();
    const { text, data } = await run(timerStatus, {});
    expect(text).toBe('No timer running. Today 0 min, this week 0 min.');
    expect(data).toMatchObject({ running: null, on_break: null, today_minutes: 0, week_minutes: 0 });
  });

  it("sums today's and this week's work, leaving last week's out", async () => {
    const { run } = await timesheet();
    await run(logTime, { start: '2026-11-13 09:00', end: '2026-11-13 17:00', description: 'last Friday' });
    await run(logTime, { start: '2026-11-16 09:00', end: '2026-11-16 12:30' });
    await run(logTime, { start: '2026-11-18 08:00', end: '2026-11-18 10:15' });
    const { text, data } = await run(timerStatus, {});
    expect(text).toBe('No timer running. Today 2 h 15 min, this week 5 h 45 min.');
    expect(data).toMatchObject({ today_minutes: 135, week_minutes: 345 });
  });

  it('names the running timer and counts it up to now', async () => {
    const { run, tracker } = await timesheet();
    await run(logTime, { start: '2026-11-17 09:00', end: '2026-11-17 10:00' });
    await run(clockIn, { start: '13:30', description: 'support' });
    const { text, data } = await run(timerStatus, {});
    expect(text).toBe('Working on no project — "support" since 13:30 (1 h 30 min). Today 1 h 30 min, this week 2 h 30 min.');
    expect(data.running).toMatchObject({ id: (await tracker.timer.runningEntry())?.id });
    expect(data).toMatchObject({ on_break: null, today_minutes: 90, week_minutes: 150 });
  });
});
