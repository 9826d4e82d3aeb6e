// log_time's handler on the real local timesheet, at a clock that stands still: the entry it reports
// is the one stored, at the wall times given in the person's zone; a duration alone follows the day's
// earlier work; and what it refuses (an end before the start, an unknown project, the future) stores
// nothing.
import { describe, expect, it } from 'vitest';
import createCatalogItem from '../../../mcp-server/tools/create-catalog-item.ts';
import logTime from '../../../mcp-server/tools/log-time.ts';
import { useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const DAY = { from: Date.parse('2026-11-17T23:00:00Z'), to: Date.parse('2026-11-18T23:00:00Z'), limit: 50, offset: 0 };
const timesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

describe('log_time', () => {
  it('stores the entry at the wall times given and reports the stored one', async () => {
    const { run, tracker } = await timesheet();
    await run(createCatalogItem, { kind: 'project', name: 'Website' });
    const { text, data } = await run(logTime, { start: '09:00', end: '10:30', project: 'website', description: 'layout' });
    const { entries } = await tracker.entries.listEntries(DAY);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      start: Date.parse('2026-11-18T08:00:00Z'),
      end: Date.parse('2026-11-18T09:30:00Z'),
      description: 'layout',
      project: { name: 'Website' },
    });
    expect(data.entry).toMatchObject({ id: entries[0]?.id });
    expect(text).toBe(`Logged 1 h 30 min on "Website" — "layout", 09:00–10:30 (#${entries[0]?.id}).`);
  });

  it("places a duration alone after the day's earlier work", async () => {
    const { run, tracker } = await timesheet();
    await run(logTime, { start: '08:00', end: '09:00' });
    await run(logTime, { date: 'today', duration: '2h' });
    const { entries } = await tracker.entries.listEntries(DAY);
    const starts = entries.map((entry) => [entry.start, entry.end]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(starts).toEqual([
      [Date.parse('2026-11-18T07:00:00Z'), Date.parse('2026-11-18T08:00:00Z')],
      [Date.parse('2026-11-18T08:00:00Z'), Date.parse('2026-11-18T10:00:00Z')],
    ]);
  });

  it('refuses an end before the start, and stores nothing', async () => {
    const { run, tracker } = await timesheet();
    await expect(run(logTime, { start: '11:00', end: '10:00' })).rejects.toThrow('end must be after start.');
    expect((await tracker.entries.listEntries(DAY)).total).toBe(0);
  });

  it('refuses a project the catalog does not have, naming the ones it does, and stores nothing', async () => {
    const { run, tracker } = await timesheet();
    await run(createCatalogItem, { kind: 'project', name: 'Website' });
    await expect(run(logTime, { start: '09:00', end: '10:00', project: 'Intranet' })).rejects.toThrow(/No project "Intranet"\. Known: "Website"/);
    expect((await tracker.entries.listEntries(DAY)).total).toBe(0);
  });

  it('refuses an entry that ends after now, and stores nothing', async () => {
    const { run, tracker } = await timesheet();
    await expect(run(logTime, { start: '14:00', end: '16:00' })).rejects.toThrow('end is in the future (2026-11-18T16:00:00+01:00). Use a time up to now.');
    expect((await tracker.entries.listEntries(DAY)).total).toBe(0);
  });
});
