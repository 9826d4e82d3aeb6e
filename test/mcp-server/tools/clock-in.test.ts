// clock_in's handler on the real local timesheet, at a clock that stands still: the timer it starts
// is the one the timesheet then runs, a second one is refused in words unless it switches, and a
// start in the future is refused before anything is written.
import { describe, expect, it } from 'vitest';
import clockIn from '../../../mcp-server/tools/clock-in.ts';
import { useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const timesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

describe('clock_in', () => {
  it("starts the timer at the wall time given, in the person's zone, with the description trimmed", async () => {
    const { run, tracker } = await timesheet();
    const { text, data } = await run(clockIn, { start: '09:30', description: '  reviewing the budget ' });
    expect(text).toMatch(/^Clocked in on .* at 09:30\.$/);
    const running = await tracker.timer.runningEntry();
    expect(running).toMatchObject({ start: Date.parse('2026-11-18T08:30:00Z'), end: null, description: 'reviewing the budget' });
    expect(data.stopped).toBeFalsy();
    expect(data.started).toMatchObject({ id: running?.id });
  });

  it('starts now when no start is given', async () => {
    const { run, tracker } = await timesheet();
    await run(clockIn, {});
    expect((await tracker.timer.runningEntry())?.start).toBe(NOW);
  });

  it('refuses a second timer in words, naming the one that runs, and leaves it running', async () => {
    const { run, tracker } = await timesheet();
    await run(clockIn, { start: '13:00', description: 'support' });
    await expect(run(clockIn, { description: 'meeting' })).rejects.toThrow(
      /^A timer is already running: .* since 13:00 \(2 h\)\. Clock out first, or call clock_in with switch: true/,
    );
    expect(await tracker.timer.runningEntry()).toMatchObject({ description: 'support', start: Date.parse('2026-11-18T12:00:00Z') });
  });

  it('switching stops the running timer where the new one starts and keeps the stopped entry', async () => {
    const { run, tracker } = await timesheet();
    await run(clockIn, { start: '13:00', description: 'support' });
    const { text } = await run(clockIn, { switch: true, description: 'meeting' });
    expect(text).toMatch(/^Stopped .* \(2 h\); clocked in on .* at 15:00\.$/);
    expect(await tracker.timer.runningEntry()).toMatchObject({ description: 'meeting', start: NOW });
    const { entries } = await tracker.entries.listEntries({ from: Date.parse('2026-11-18T00:00:00Z'), to: NOW + 1, limit: 10, offset: 0 });
    expect(entries.find((entry) => entry.description === 'support')).toMatchObject({ end: NOW });
  });

  it('refuses a start later than now and starts nothing', async () => {
    const { run, tracker } = await timesheet();
    await expect(run(clockIn, { start: '16:00' })).rejects.toThrow('start is in the future (2026-11-18T16:00:00+01:00). Use a time up to now.');
    expect(await tracker.timer.runningEntry()).toBeNull();
  });
});
