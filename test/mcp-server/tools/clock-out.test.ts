// clock_out's handler on the real local timesheet, at a clock that stands still: the timer it stops
// ends where it says, with the note kept, and what it refuses (no timer, an end before the start or
// in the future) leaves the timer running as it was.
import { describe, expect, it } from 'vitest';
import clockIn from '../../../mcp-server/tools/clock-in.ts';
import clockOut from '../../../mcp-server/tools/clock-out.ts';
import createCatalogItem from '../../../mcp-server/tools/create-catalog-item.ts';
import { useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const DAY = { from: Date.parse('2026-11-17T23:00:00Z'), to: Date.parse('2026-11-18T23:00:00Z'), limit: 50, offset: 0 };
const timesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

describe('clock_out', () => {
  it('stops the running timer at the wall time given and keeps the note', async () => {
    const { run, tracker } = await timesheet();
    await run(createCatalogItem, { kind: 'project', name: 'Website' });
    await run(clockIn, { start: '09:00', project: 'Website', description: 'layout' });
    const { text, data } = await run(clockOut, { end: '12:15', note: '  header done ' });
    expect(text).toBe('Clocked out of "Website" — "layout" at 12:15 after 3 h 15 min.');
    expect(await tracker.timer.runningEntry()).toBeNull();
    const { entries } = await tracker.entries.listEntries(DAY);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.start).toBe(Date.parse('2026-11-18T08:00:00Z'));
    expect(entries[0]?.end).toBe(Date.parse('2026-11-18T11:15:00Z'));
    // The note is added to the description on a line of its own, trimmed.
    expect(entries[0]?.description).toBe('layout\nheader done');
    expect(data.stopped).toMatchObject({ id: entries[0]?.id });
  });

  it('stops now when no end is given', async () => {
    const { run, tracker } = await timesheet();
    await run(clockIn, { start: '14:20' });
    const { text } = await run(clockOut, {});
    expect(text).toBe('Clocked out of no project at 15:00 after 40 min.');
    const { entries } = await tracker.entries.listEntries(DAY);
    expect(entries[0]).toMatchObject({ start: Date.parse('2026-11-18T13:20:00Z'), end: NOW });
  });

  it('refuses when no timer runs, pointing to log_time, and stores nothing', async () => {
    const { run, tracker } = await timesheet();
    await expect(run(clockOut, {})).rejects.toThrow('No timer is running, so there is nothing to clock out of. Use log_time to record past work.');
    expect((await tracker.entries.listEntries(DAY)).total).toBe(0);
  });

  it('refuses an end before the timer started and leaves it running', async () => {
    const { run, tracker } = await timesheet();
    await run(clockIn, { start: '13:00', description: 'support' });
    await expect(run(clockOut, { end: '12:00' })).rejects.toThrow('end is before the timer started (13:00). Give a later end time.');
    expect(await tracker.timer.runningEntry()).toMatchObject({ description: 'support', start: Date.parse('2026-11-18T12:00:00Z'), end: null });
  });

  it('refuses an end in the future and leaves the timer running', async () => {
    const { run, tracker } = await timesheet();
    await run(clockIn, { start: '13:00' });
    await expect(run(clockOut, { end: '17:00' })).rejects.toThrow('end is in the future (2026-11-18T17:00:00+01:00). Use a time up to now.');
    expect(await tracker.timer.runningEntry()).toMatchObject({ end: null });
  });
});
