// list_catalog, and what the catalog lets be booked, the same on every back end that has it: the world's
// customer Acme, its projects Website and Internal and the activity Development, shown as each back end's
// catalog is built (BehaviourBackEnd.catalog: projects without customers, activities of no project, of
// each project, or none); a search narrows it; the archived Legacy is listed only when asked, where the
// back end can list it at all, and never booked on.
import { describe, expect, it } from 'vitest';
import { refusalOf, type ToolResult } from '../support/engine.ts';
import { type BehaviourBackEnd, booking, WORLD } from './harness.ts';
import { backEndsWith, describeLacking, useWorld } from './suite.ts';

type Item = { name: string; parent: string | null; archived: boolean };
type Catalog = { customers: Item[]; projects: Item[]; activities: Item[] };

/** A list's items as [name, parent, archived], in name order (each back end keeps its own order). */
const items = (list: Item[]) => list.map((item) => [item.name, item.parent, item.archived]).sort((a, b) => String(a).localeCompare(String(b)));
const catalogOf = (result: ToolResult) => result.structuredContent as Catalog;

/** The world's catalog as `backEnd` shows it: customers, projects and activities as [name, parent, archived]. */
function expected(backEnd: BehaviourBackEnd, withArchived: boolean) {
  const customer = backEnd.catalog.customers ? WORLD.customer : null;
  const projects = [
    [WORLD.internal, customer, false],
    ...(withArchived && backEnd.catalog.listsArchived ? [[WORLD.archived, customer, true]] : []),
    [WORLD.website, customer, false],
  ];
  const activities = {
    global: [[WORLD.activity, null, false]],
    per_project: [
      [WORLD.activity, WORLD.internal, false],
      [WORLD.activity, WORLD.website, false],
    ],
    none: [],
  }[backEnd.catalog.activities];
  return { customers: backEnd.catalog.customers ? [[WORLD.customer, null, false]] : [], projects, activities };
}

describe.each(backEndsWith('catalog'))('the catalog on $name', (backEnd) => {
  const world = useWorld(backEnd);

  it('lists Acme, Website, Internal and Development, and nothing archived', async () => {
    const catalog = catalogOf(await world().call('list_catalog'));
    expect({ customers: items(catalog.customers), projects: items(catalog.projects), activities: items(catalog.activities) }).toEqual(expected(backEnd, false));
  });

  it('a search narrows the catalog to the names it matches', async () => {
    const web = catalogOf(await world().call('list_catalog', { search: 'web' }));
    expect({ customers: items(web.customers), projects: items(web.projects), activities: items(web.activities) }).toEqual({
      customers: [],
      projects: [[WORLD.website, backEnd.catalog.customers ? WORLD.customer : null, false]],
      activities: [],
    });
    const development = catalogOf(await world().call('list_catalog', { search: 'develop' }));
    expect(development.projects).toEqual([]);
    expect(development.activities.map((item) => item.name)).toEqual(expected(backEnd, false).activities.map(([name]) => name));
  });

  it(
    backEnd.catalog.listsArchived
      ? 'lists the archived Legacy as archived when asked'
      : 'never lists the archived Legacy: the back end shows only what may be booked',
    async () => {
      const catalog = catalogOf(await world().call('list_catalog', { include_archived: true }));
      expect(items(catalog.projects)).toEqual(expected(backEnd, true).projects);
    },
  );

  it('refuses to book on the archived Legacy, by log_time or clock_in, with nothing written', async () => {
    // Where the back end cannot list it, it is as unknown as a project that never was.
    const code = backEnd.catalog.listsArchived ? 'catalog_item_archived' : 'catalog_item_unknown';
    const mark = world().mark();
    for (const [tool, args] of [
      ['log_time', { ...booking(backEnd, WORLD.archived), date: '2026-11-16', duration: '1h' }],
      ['clock_in', booking(backEnd, WORLD.archived)],
    ] as const) {
      const refused = await world().call(tool, args);
      expect(refused.isError).toBe(true);
      expect(refusalOf(refused)).toMatchObject({ code, facts: { kind: 'project', name: WORLD.archived } });
    }
    expect(mark.writes()).toEqual([]);
    expect(world().entries()).toEqual([]);
  });

  it('refuses an activity the catalog does not have, with nothing written', async () => {
    const mark = world().mark();
    const refused = await world().call('log_time', { project: WORLD.website, activity: 'Design', date: '2026-11-16', duration: '1h' });
    expect(refused.isError).toBe(true);
    // A back end without activities says it has none; the others that this one is not among theirs.
    const code = backEnd.catalog.activities === 'none' ? 'catalog_kind_empty' : 'catalog_item_unknown';
    expect(refusalOf(refused)).toMatchObject({ code, facts: { kind: 'activity', name: 'Design' } });
    expect(mark.writes()).toEqual([]);
  });
});

describeLacking('catalog');
