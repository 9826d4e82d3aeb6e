// Paged lists follow the paging each answer states, not the one asked for: a server that keeps fewer
// items per page than requested (Clockodo's `paging.items_per_page`, Kimai's X-Per-Page) still yields
// every entry, at any offset, and reports read across all its pages count every entry. Clockify says
// only whether a page is the last (its Last-Page header), and a server may leave even that out. Harvest
// gives the next page's link (`links.next`), which is followed whatever size the server kept. Toggl Track lists
// entries without paging, but pages its projects and tasks, with the count of all. Tempo Timesheets pages by `offset`
// until a page holds fewer rows than its own `metadata.limit`, which may be smaller than the one asked for.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { makeUserDataDir, startInProcessEngine } from '../../support/engine.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';
import {
  ADA as CLOCKIFY_ADA,
  addEntry as addClockifyEntry,
  SEED as CLOCKIFY_SEED,
  seedWorkspace,
  startFakeClockify,
} from '../providers/clockify/fake-clockify.ts';
import { ACME as HARVEST_ACME, ADA_TOKEN as HARVEST_TOKEN, addEntry as addHarvestEntry, startFakeHarvest } from '../providers/harvest/fake-harvest.ts';
import { seedAcme as seedHarvest } from '../providers/harvest/request-scenario.ts';
import { DEFAULT_USERS as KIMAI_USERS, rememberPlugin, seedCatalog, startFakeKimai } from '../providers/kimai/fake-kimai.ts';
import { ADA as TEMPO_ADA, addIssues, addWorklog, startFakeTempo } from '../providers/tempo/fake-tempo.ts';
import { ADA_TOKENS as TEMPO_TOKENS, tempoProvider } from '../providers/tempo/request-scenario.ts';
import { ADA_TOKEN as TOGGL_TOKEN, seedCatalog as seedTogglCatalog, seedWorld as seedTogglWorld, startFakeToggl } from '../providers/toggl/fake-toggl.ts';

const opened = closeAfterEach();
const ENTRIES = 10;
const FIRST = Date.parse('2026-11-16T08:00:00+01:00');
const at = (index: number) => FIRST + index * 1_800_000;

interface Listing {
  entries: Array<{ id: number }>;
  total: number;
  next_offset: number | null;
}

async function listing(engine: Awaited<ReturnType<typeof startInProcessEngine>>, args: Record<string, unknown>): Promise<Listing> {
  const result = await engine.call('list_time_entries', { from: '2026-11-16', to: '2026-11-16', ...args });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result.structuredContent as unknown as Listing;
}

/** Every entry listed once, a window at an offset taken from them all, and the report counting every one. */
async function expectEveryEntry(engine: Awaited<ReturnType<typeof startInProcessEngine>>): Promise<void> {
  const all = await listing(engine, { limit: 10 });
  expect(all.total).toBe(ENTRIES);
  expect(all.entries).toHaveLength(ENTRIES);
  expect(new Set(all.entries.map((entry) => entry.id)).size).toBe(ENTRIES);
  const window = await listing(engine, { limit: 4, offset: 5 });
  expect(window.entries.map((entry) => entry.id)).toEqual(all.entries.slice(5, 9).map((entry) => entry.id));
  expect(window.next_offset).toBe(9);
  const report = await engine.call('time_report', { from: '2026-11-16', to: '2026-11-16' });
  expect((report.structuredContent as { total_minutes: number }).total_minutes).toBe(ENTRIES * 25);
}

describe('a server that keeps fewer items per page than asked for', () => {
  it('Clockodo, three entries a page: every entry listed, at every offset, and the report counts them all', async () => {
    const fake = opened(await startFakeClockodo({ entryPageCap: 3 }));
    const ids = seedCompany(fake);
    const ada = CLOCKODO_USERS[0] as (typeof CLOCKODO_USERS)[number];
    for (let index = 0; index < ENTRIES; index++) {
      fake.addEntry({
        usersId: ada.id,
        customersId: ids.customers.acme as number,
        projectsId: ids.projects.website as number,
        servicesId: ids.services.development as number,
        timeSince: at(index),
        timeUntil: at(index) + 1_500_000,
      });
    }
    const dir = makeUserDataDir({ provider: { type: 'clockodo', email: ada.email, url: fake.url } });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_CLOCKODO_TOKEN: ada.apiKey } }));
    await expectEveryEntry(engine);
  });

  it('Kimai, three timesheets a page: the same', async () => {
    const fake = opened(await startFakeKimai({ pageCap: 3 }));
    const { website, design } = seedCatalog(fake);
    const ada = KIMAI_USERS[0] as (typeof KIMAI_USERS)[number];
    for (let index = 0; index < ENTRIES; index++)
      fake.addTimesheet({ userId: ada.id, begin: at(index), end: at(index) + 1_500_000, projectId: website.id, activityId: design.id });
    const dir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url } });
    rememberPlugin(dir, fake.url, true);
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_KIMAI_TOKEN: ada.token } }));
    await expectEveryEntry(engine);
  });

  it.each([
    ['with Last-Page on every answer', true],
    ['without the Last-Page header (a short page ends the list)', false],
  ])('Clockify, three entries a page %s: the same', async (_label, lastPageHeader) => {
    const fake = opened(await startFakeClockify({ maxPageSize: 3, lastPageHeader }));
    seedWorkspace(fake);
    for (let index = 0; index < ENTRIES; index++) {
      addClockifyEntry(fake, {
        userId: CLOCKIFY_ADA.id,
        start: at(index),
        end: at(index) + 1_500_000,
        projectId: CLOCKIFY_SEED.projects.website,
        taskId: CLOCKIFY_SEED.tasks.development,
      });
    }
    const dir = makeUserDataDir({ provider: { type: 'clockify', url: fake.url } });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_CLOCKIFY_TOKEN: CLOCKIFY_ADA.key } }));
    await expectEveryEntry(engine);
    // The listings went past the first page: the size the server keeps decided, not the one asked for.
    expect(fake.requests.some((request) => request.path.endsWith('/time-entries') && new URLSearchParams(request.query).get('page') === '4')).toBe(true);
  });

  it('Harvest, three entries a page where 2000 were asked for: the same, by its next links', async () => {
    const fake = opened(await startFakeHarvest({ pageCap: 3 }));
    const { website, development } = seedHarvest(fake, 'timestamps');
    // The seeding's own hour of Ada's is on the Monday too: the world here is the ten entries alone.
    fake.state.entries.splice(0);
    for (let index = 0; index < ENTRIES; index++)
      addHarvestEntry(fake, { userId: 1_001, projectId: website, taskId: development, start: at(index), end: at(index) + 1_500_000 });
    const dir = makeUserDataDir({ provider: { type: 'harvest', url: fake.url, account_id: String(HARVEST_ACME) } });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_HARVEST_TOKEN: HARVEST_TOKEN } }));
    await expectEveryEntry(engine);
    expect(fake.requests.some((request) => request.path === '/v2/time_entries' && new URLSearchParams(request.query).get('cursor') === '9')).toBe(true);
  });

  it('Toggl Track, three projects and tasks a page: every project and every task in the catalog', async () => {
    const fake = opened(await startFakeToggl({ maxPerPage: 3, quotas: { user: 1_000, organisation: 1_000 } }));
    seedTogglWorld(fake);
    const names = Array.from({ length: ENTRIES }, (_, index) => `Project ${String(index + 1).padStart(2, '0')}`);
    seedTogglCatalog(fake, { customer: 'Acme', projects: names.map((name) => ({ name })), task: 'Development' });
    const dir = makeUserDataDir({ provider: { type: 'toggl', url: fake.url } });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_TOGGL_TOKEN: TOGGL_TOKEN } }));
    const result = await engine.call('list_catalog', {});
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const catalog = result.structuredContent as { projects: Array<{ name: string }>; activities: Array<{ name: string; parent: string | null }> };
    expect(catalog.projects.map((project) => project.name).sort()).toEqual(names);
    expect(catalog.activities.map((activity) => activity.parent).sort()).toEqual(names);
    // Past the first page of each: the size the server keeps decided, not the 200 asked for.
    const pagesOf = (path: string) =>
      fake.requests.filter((request) => request.path.endsWith(path)).map((request) => new URLSearchParams(request.query).get('page'));
    expect(pagesOf('/projects')).toEqual(['1', '2', '3', '4']);
    expect(pagesOf('/tasks')).toEqual(['1', '2', '3', '4']);
  });

  it('Tempo Timesheets, three worklogs a page where 1000 were asked for: the same, by offset on its own host', async () => {
    const fake = opened(await startFakeTempo({ pageCap: 3, perSecond: null }));
    const [website] = addIssues(fake, { key: 'WEB', name: 'Acme' }, [{ summary: 'Website', assignee: TEMPO_ADA }]);
    for (let index = 0; index < ENTRIES; index++)
      addWorklog(fake, { author: TEMPO_ADA, issueId: website?.id ?? 0, start: at(index), end: at(index) + 1_500_000 });
    const dir = makeUserDataDir({ provider: tempoProvider(fake) });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_TEMPO_PER_SECOND: '1000', ...TEMPO_TOKENS } }));
    await expectEveryEntry(engine);
    const offsets = fake.requests
      .filter((request) => request.path.startsWith('/4/worklogs/user/'))
      .map((request) => new URLSearchParams(request.query).get('offset'));
    expect(offsets).toContain('9');
  });
});
