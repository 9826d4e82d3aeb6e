// list_catalog's handler on the real local timesheet: customers, projects and activities with their
// parents, one line per kind; a search narrows every kind by name, archived items show only where
// asked; break types are listed only where the tracker has breaks (tracker-with-part.ts adds them).
import { describe, expect, it } from 'vitest';
import archiveCatalogItem from '../../../mcp-server/tools/archive-catalog-item.ts';
import createCatalogItem from '../../../mcp-server/tools/create-catalog-item.ts';
import listCatalog from '../../../mcp-server/tools/list-catalog.ts';
import { useLocalTimesheet } from './local-tool-context.ts';
import { trackerWithPart } from './tracker-with-part.ts';
import { said } from '../../support/said-outcome.ts';

// Wednesday 18 November 2026, 15:00 in Berlin (the catalog keeps no times, but the timesheet needs a clock).
const NOW = Date.parse('2026-11-18T14:00:00Z');
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

/** Acme with its Website project (Design under it), and an archived project Intranet. */
async function timesheet() {
  const local = await openTimesheet();
  const { run } = local;
  const acme = await run(createCatalogItem, { kind: 'customer', name: 'Acme' });
  const website = await run(createCatalogItem, { kind: 'project', name: 'Website', parent: 'Acme' });
  const design = await run(createCatalogItem, { kind: 'activity', name: 'Design', parent: 'Website' });
  const intranet = await run(createCatalogItem, { kind: 'project', name: 'Intranet' });
  await run(archiveCatalogItem, { kind: 'project', id: intranet.data.id });
  return { ...local, ids: { acme: acme.data.id, website: website.data.id, design: design.data.id, intranet: intranet.data.id } };
}

describe('list_catalog', () => {
  it('lists what can be booked on, with parents, leaving archived items out', async () => {
    const { run, ids } = await timesheet();
    const { text, data } = await run(listCatalog, {});
    expect(text).toBe(
      [`Customers: "Acme" (#${ids.acme})`, `Projects: "Website" (#${ids.website}, "Acme")`, `Activities: "Design" (#${ids.design}, "Website")`].join('\n'),
    );
    expect(data).toEqual({
      customers: [{ id: ids.acme, name: 'Acme', archived: false, parent: null }],
      projects: [{ id: ids.website, name: 'Website', archived: false, parent: 'Acme' }],
      activities: [{ id: ids.design, name: 'Design', archived: false, parent: 'Website' }],
    });
  });

  it('shows archived items, marked, where asked', async () => {
    const { run, ids } = await timesheet();
    const { text } = await run(listCatalog, { include_archived: true });
    expect(text.split('\n')[1]).toBe(`Projects: "Intranet" (#${ids.intranet}, archived), "Website" (#${ids.website}, "Acme")`);
  });

  it('narrows every kind by a search, ignoring case and surrounding space, and says none where nothing fits', async () => {
    const { run, ids } = await timesheet();
    const { text } = await run(listCatalog, { search: '  WEB ' });
    expect(text).toBe(['Customers: none', `Projects: "Website" (#${ids.website}, "Acme")`, 'Activities: none'].join('\n'));
  });

  it("lists the break types where the back end has breaks, and none from the local timesheet's own", async () => {
    const { run, context, tracker, ids } = await timesheet();
    expect((await run(listCatalog, {})).data.break_types).toBeUndefined();
    const breaks = trackerWithPart(tracker, 'breaks', {
      breakTypes: async () => [
        { id: 7, name: 'Lunch' },
        { id: 9, name: 'Short break' },
      ],
      startBreak: () => Promise.reject(new Error('not started in this test')),
      endBreak: () => Promise.reject(new Error('not ended in this test')),
    });
    const { text, data } = await said(listCatalog.handler({}, { ...context, tracker: breaks }));
    expect(text.split('\n')).toEqual([
      `Customers: "Acme" (#${ids.acme})`,
      `Projects: "Website" (#${ids.website}, "Acme")`,
      `Activities: "Design" (#${ids.design}, "Website")`,
      'Break types: "Lunch" (#7), "Short break" (#9)',
    ]);
    expect(data.break_types).toEqual([
      { id: 7, name: 'Lunch' },
      { id: 9, name: 'Short break' },
    ]);
  });
});
