// list_catalog's handler on the real local timesheet: customers, projects and activities with their
// parents, one line per kind; a search narrows every kind by name, archived items show only where
// asked, and the local timesheet (which has no breaks) lists no break types.
import { afterEach, describe, expect, it } from 'vitest';
import archiveCatalogItem from '../../../mcp-server/tools/archive-catalog-item.ts';
import createCatalogItem from '../../../mcp-server/tools/create-catalog-item.ts';
import listCatalog from '../../../mcp-server/tools/list-catalog.ts';
import { type LocalToolContext, localToolContext } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin (the catalog keeps no times, but the timesheet needs a clock).
const NOW = Date.parse('2026-11-18T14:00:00Z');
let local: LocalToolContext | undefined;
afterEach(() => {
  local?.close();
  local = undefined;
});

/** Acme with its Website project (Design under it), and an archived project Intranet. */
async function timesheet() {
  local = await localToolContext({ now: NOW, timezone: 'Europe/Berlin' });
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
      [`Customers: Acme (#${ids.acme})`, `Projects: Website (#${ids.website}, Acme)`, `Activities: Design (#${ids.design}, Website)`].join('\n'),
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
    expect(text.split('\n')[1]).toBe(`Projects: Intranet (#${ids.intranet}, archived), Website (#${ids.website}, Acme)`);
  });

  it('narrows every kind by a search, ignoring case and surrounding space, and says none where nothing fits', async () => {
    const { run, ids } = await timesheet();
    const { text } = await run(listCatalog, { search: '  WEB ' });
    expect(text).toBe(['Customers: none', `Projects: Website (#${ids.website}, Acme)`, 'Activities: none'].join('\n'));
  });
});
