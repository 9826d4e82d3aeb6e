// update_time_entry's handler on the real local timesheet, at a clock that stands still: the fields
// given change and the others stay as stored; what it refuses (nothing to change, an unknown entry,
// a time in the future, a project the catalog lacks) changes nothing.
import { describe, expect, it } from 'vitest';
import createCatalogItem from '../../../mcp-server/tools/create-catalog-item.ts';
import logTime from '../../../mcp-server/tools/log-time.ts';
import updateTimeEntry from '../../../mcp-server/tools/update-time-entry.ts';
import { useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

/** A timesheet with one entry: 09:00–10:30 today, "layout", no project. */
async function timesheetWithEntry() {
  const local = await openTimesheet();
  const { data } = await local.run(logTime, { start: '09:00', end: '10:30', description: 'layout' });
  return { ...local, id: data.entry.id };
}

describe('update_time_entry', () => {
  it('moves the end and puts the entry on a project, keeping the start and the description', async () => {
    const { run, tracker, id } = await timesheetWithEntry();
    await run(createCatalogItem, { kind: 'project', name: 'Website' });
    const { text, data } = await run(updateTimeEntry, { id, end: '11:00', project: 'website' });
    expect(text).toBe(`Updated #${id}: "Website" — "layout".`);
    expect(await tracker.entries.getEntry(id)).toMatchObject({
      start: Date.parse('2026-11-18T08:00:00Z'),
      end: Date.parse('2026-11-18T10:00:00Z'),
      description: 'layout',
      project: { name: 'Website' },
    });
    expect(data.entry).toMatchObject({ id });
  });

  it('trims a new description', async () => {
    const { run, tracker, id } = await timesheetWithEntry();
    await run(updateTimeEntry, { id, description: '  wireframes  ' });
    expect((await tracker.entries.getEntry(id)).description).toBe('wireframes');
  });

  it('refuses a call that changes nothing, naming the fields it takes', async () => {
    const { run, tracker, id } = await timesheetWithEntry();
    const before = await tracker.entries.getEntry(id);
    await expect(run(updateTimeEntry, { id })).rejects.toThrow('Nothing to change: give at least one of start, end, project, activity, description or fields.');
    expect(await tracker.entries.getEntry(id)).toEqual(before);
  });

  it('refuses an entry id the timesheet does not have', async () => {
    const { run, tracker, id } = await timesheetWithEntry();
    const before = await tracker.entries.getEntry(id);
    await expect(run(updateTimeEntry, { id: id + 41, description: 'x' })).rejects.toThrow(`There is no time entry #${id + 41}.`);
    expect(await tracker.entries.getEntry(id)).toEqual(before);
  });

  it('refuses an end in the future and leaves the entry as it was', async () => {
    const { run, tracker, id } = await timesheetWithEntry();
    const before = await tracker.entries.getEntry(id);
    await expect(run(updateTimeEntry, { id, end: '16:00', description: 'later' })).rejects.toThrow(
      'end is in the future (2026-11-18T16:00:00+01:00). Use a time up to now.',
    );
    expect(await tracker.entries.getEntry(id)).toEqual(before);
  });

  it('refuses a start after the end and leaves the entry as it was', async () => {
    const { run, tracker, id } = await timesheetWithEntry();
    const before = await tracker.entries.getEntry(id);
    await expect(run(updateTimeEntry, { id, start: '11:00' })).rejects.toThrow('The entry would end before it starts.');
    expect(await tracker.entries.getEntry(id)).toEqual(before);
  });

  it('refuses a project the catalog does not have and leaves the entry as it was', async () => {
    const { run, tracker, id } = await timesheetWithEntry();
    await run(createCatalogItem, { kind: 'project', name: 'Website' });
    const before = await tracker.entries.getEntry(id);
    await expect(run(updateTimeEntry, { id, project: 'Intranet' })).rejects.toThrow(/No project "Intranet"\. Known: "Website"/);
    expect(await tracker.entries.getEntry(id)).toEqual(before);
  });
});
