// archive_catalog_item's handler on the real local timesheet: archiving hides an item from the
// catalog and from booking (log_time then refuses it in words), archived: false restores it, and an
// id the catalog lacks is refused and changes nothing.
import { describe, expect, it } from 'vitest';
import archiveCatalogItem from '../../../mcp-server/tools/archive-catalog-item.ts';
import createCatalogItem from '../../../mcp-server/tools/create-catalog-item.ts';
import logTime from '../../../mcp-server/tools/log-time.ts';
import { useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const DAY = { from: Date.parse('2026-11-17T23:00:00Z'), to: Date.parse('2026-11-18T23:00:00Z'), limit: 50, offset: 0 };
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

/** A timesheet whose catalog has the projects Website and Intranet. */
async function timesheet() {
  const local = await openTimesheet();
  const website = await local.run(createCatalogItem, { kind: 'project', name: 'Website' });
  await local.run(createCatalogItem, { kind: 'project', name: 'Intranet' });
  return { ...local, id: website.data.id };
}

describe('archive_catalog_item', () => {
  it('archives a project: gone from the catalog, kept among the archived, refused for booking', async () => {
    const { run, tracker, id } = await timesheet();
    const { text, data } = await run(archiveCatalogItem, { kind: 'project', id });
    expect(text).toBe(`Archived project "Website" (#${id}).`);
    expect(data).toEqual({ id, kind: 'project', name: 'Website', archived: true });
    expect((await tracker.catalog.catalog(false)).projects.map((item) => item.name)).toEqual(['Intranet']);
    expect((await tracker.catalog.catalog(true)).projects.find((item) => item.id === id)).toMatchObject({ archived: true });
    await expect(run(logTime, { start: '09:00', end: '10:00', project: 'Website' })).rejects.toThrow(
      /^The project "Website" is archived, so no time can be booked on it\./,
    );
    expect((await tracker.entries.listEntries(DAY)).total).toBe(0);
  });

  it('restores an archived project with archived: false', async () => {
    const { run, tracker, id } = await timesheet();
    await run(archiveCatalogItem, { kind: 'project', id });
    const { text } = await run(archiveCatalogItem, { kind: 'project', id, archived: false });
    expect(text).toBe(`Restored project "Website" (#${id}).`);
    expect((await tracker.catalog.catalog(false)).projects.map((item) => item.name)).toEqual(['Intranet', 'Website']);
  });

  it('refuses an id the catalog does not have, and archives nothing', async () => {
    const { run, tracker, id } = await timesheet();
    await expect(run(archiveCatalogItem, { kind: 'project', id: id + 41 })).rejects.toThrow(`There is no project #${id + 41}.`);
    expect((await tracker.catalog.catalog(false)).projects).toHaveLength(2);
  });
});
