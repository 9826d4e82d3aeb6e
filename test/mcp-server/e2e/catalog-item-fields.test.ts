// catalog_item_fields, the window's read of a catalog item (mcp-server/app-tools/catalog-item-fields.ts),
// through the engine in process against the fake Kimai, Clockodo and Clockify: listed only for the app's
// own engine and only to a person who may change the catalog; the item as the back end keeps it now,
// in the fields update_catalog_item may change there; a budget Kimai hides left out, never shown as
// none; and every field left out for a kind is one update_catalog_item refuses, with nothing sent.
import { describe, expect, it } from 'vitest';
import { clockifyAdmin } from '../../support/clockify-admin.ts';
import { clockodoAdmin, OLGA } from '../../support/clockodo-admin.ts';
import { type InProcessEngineHandle, textOf } from '../../support/engine.ts';
import { ANN, kimaiAdmin, TOM } from '../../support/kimai-admin.ts';
import { BOB_KEY, type FakeClockify } from '../providers/clockify/fake-clockify.ts';
import { type FakeClockodo, seedCompany } from '../providers/clockodo/fake-clockodo.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeKimaiConfig, seedCatalog } from '../providers/kimai/fake-kimai.ts';

const TOOL = 'catalog_item_fields';
const kimai = kimaiAdmin('update_catalog_item');
const clockodo = clockodoAdmin({ update_catalog_item: true });
const clockify = clockifyAdmin({ tool: 'update_catalog_item' });

type Kind = 'customer' | 'project' | 'activity';
const PLURAL = { customer: 'customers', project: 'projects', activity: 'activities' } as const;

/** The number Punchcard gives the item of `kind` named `name`, as list_catalog lists it. */
async function idOf(engine: InProcessEngineHandle, kind: Kind, name: string): Promise<number> {
  const listed = (await engine.call('list_catalog', { include_archived: true })).structuredContent as Record<string, Array<{ id: number; name: string }>>;
  const found = listed[PLURAL[kind]]?.find((item) => item.name === name);
  if (!found) throw new Error(`No ${kind} named ${name} in the catalog.`);
  return found.id;
}

/** The tool's answer for the item of `kind` named `name`. */
async function read(engine: InProcessEngineHandle, kind: Kind, name: string) {
  const answer = await engine.call(TOOL, { kind, id: await idOf(engine, kind, name) });
  expect(answer.isError, textOf(answer)).toBeFalsy();
  return answer.structuredContent as { id: number; kind: Kind; fields: Record<string, unknown> };
}

const listed = async (engine: InProcessEngineHandle) => (await engine.client.listTools()).tools.map((tool) => tool.name);

/** update_catalog_item's arguments that change each field (the period to a month, which a back end without one refuses). */
const SAMPLE: Record<string, unknown> = {
  budget_hours: 5,
  budget_money: 100,
  budget_period: 'month',
  billable: false,
  comment: 'From the window',
  start: '2026-12-01',
  end: '2026-12-31',
};

/**
 * For each field update_catalog_item takes that the read left out (the customer aside: only a project has one), the tool
 * refuses a change of it in words; `writes` counts what reached the back end, which stays as it was.
 */
async function refusesTheRest(engine: InProcessEngineHandle, kind: Kind, name: string, writes: () => number): Promise<string[]> {
  const { fields } = await read(engine, kind, name);
  const before = writes();
  const refused: string[] = [];
  for (const [field, value] of Object.entries(SAMPLE)) {
    if (field in fields) continue;
    const answer = await engine.call('update_catalog_item', { kind, item: name, [field]: value });
    expect(answer.isError, `${field}: ${textOf(answer)}`).toBe(true);
    expect(textOf(answer)).toMatch(/Nothing was sent\.$/);
    refused.push(field);
  }
  expect(writes()).toBe(before);
  return refused;
}

describe('catalog_item_fields on Kimai', () => {
  /** ACME with Website (Design) and the global Meeting; Globex with Shop, which has dates, and a comment. */
  async function catalog(revoked: FakeKimaiConfig['revoked'] = {}) {
    const server = await kimai.startKimai({ config: { revoked }, users: [...DEFAULT_USERS, ANN] });
    const seeded = seedCatalog(server);
    const globex = server.addCustomer('Globex');
    const shop = server.addProject('Shop', globex.id, { start: '2026-01-01', end: '2026-12-31' });
    Object.assign(shop, { comment: 'Online shop', timeBudget: 37_800, budget: 1500 });
    return { server, ...seeded, globex, shop };
  }
  const patches = (server: FakeKimai) => server.requests.filter((request) => request.method === 'PATCH').length;

  it("is listed only by the app's own engine, and there only to a person who may change the catalog", async () => {
    const { server } = await catalog();
    const app = await kimai.connect(server, ANN, { app: true });
    await expect.poll(() => listed(app)).toContain(TOOL);
    // An AI client's engine never lists it, whoever the person is, and cannot call it.
    const ai = await kimai.connect(server, ANN);
    await expect.poll(() => listed(ai)).toContain('update_catalog_item');
    expect(await listed(ai)).not.toContain(TOOL);
    await expect(ai.call(TOOL, { kind: 'project', id: 1 })).rejects.toThrow(/catalog_item_fields not found/);
    // A team lead changes no catalog item on Kimai: not even the app's engine lists it for him.
    const lead = await kimai.connect(server, TOM, { app: true });
    expect(await listed(lead)).not.toContain('update_catalog_item');
    expect(await listed(lead)).not.toContain(TOOL);
  });

  it("reads a project's every field and an activity's own as Kimai keeps them now, the hours as update_catalog_item writes them", async () => {
    const { server, globex } = await catalog();
    const app = await kimai.connect(server, ANN, { app: true });
    await expect.poll(() => listed(app)).toContain(TOOL);
    const shop = await read(app, 'project', 'Shop');
    expect(shop).toEqual({
      id: expect.any(Number),
      kind: 'project',
      fields: {
        name: 'Shop',
        budget_hours: 10.5,
        budget_money: 1500,
        budget_period: 'total',
        billable: true,
        comment: 'Online shop',
        customer: { id: globex.id, name: 'Globex' },
        start: '2026-01-01',
        end: '2026-12-31',
      },
    });
    expect(textOf(await app.call(TOOL, { kind: 'project', id: shop.id }))).toBe(
      `The project "Shop" (#${shop.id}) keeps name "Shop"; time budget 10.5 h; money budget 1500; budget period total; billable yes; ` +
        `comment "Online shop"; customer "Globex" (#${globex.id}); start 2026-01-01; end 2026-12-31.`,
    );
    // A customer and an activity have no customer and no dates.
    const own = ['name', 'budget_hours', 'budget_money', 'budget_period', 'billable', 'comment'];
    expect(Object.keys((await read(app, 'activity', 'Meeting')).fields)).toEqual(own);
    expect(Object.keys((await read(app, 'customer', 'Globex')).fields)).toEqual(own);
    // Read afresh each time: a change made meanwhile shows.
    expect((await app.call('update_catalog_item', { kind: 'project', item: 'Shop', comment: 'Shop, phase 2' })).isError).toBeFalsy();
    expect((await read(app, 'project', 'Shop')).fields.comment).toBe('Shop, phase 2');
    // Nothing else was written: a read sends no change.
    expect(patches(server)).toBe(1);
  });

  it('leaves out a budget Kimai does not show the person, never showing it as none; update_catalog_item refuses a change of it', async () => {
    const { server } = await catalog({ ROLE_ADMIN: ['time_project'] });
    const app = await kimai.connect(server, ANN, { app: true });
    await expect.poll(() => listed(app)).toContain(TOOL);
    const { fields } = await read(app, 'project', 'Shop');
    expect(fields).not.toHaveProperty('budget_hours');
    expect(fields).toMatchObject({ budget_money: 1500, budget_period: 'total' });
    expect(await refusesTheRest(app, 'project', 'Shop', () => patches(server))).toEqual(['budget_hours']);
  });

  it('says in words that an item is gone, and changes nothing', async () => {
    const { server } = await catalog();
    const app = await kimai.connect(server, ANN, { app: true });
    await expect.poll(() => listed(app)).toContain(TOOL);
    const gone = await app.call(TOOL, { kind: 'project', id: 9999 });
    expect(gone.isError).toBe(true);
    expect(textOf(gone)).toMatch(/^There is no project #9999 in Kimai/);
    // A bad id never reaches Kimai.
    const before = server.requests.length;
    await expect(app.call(TOOL, { kind: 'project', id: 0 })).resolves.toMatchObject({ isError: true });
    await expect(app.call(TOOL, { kind: 'team', id: 1 })).resolves.toMatchObject({ isError: true });
    expect(server.requests.length).toBe(before);
  });
});

describe('catalog_item_fields on Clockodo', () => {
  async function company(): Promise<FakeClockodo> {
    const fake = await clockodo.startClockodo([OLGA]);
    const ids = seedCompany(fake);
    const website = fake.state.projects.find((item) => item.id === ids.projects.website);
    Object.assign(website ?? {}, { budget: { amount: 20, monetary: false, hard: true, from_subprojects: false }, deadline: '2026-12-31' });
    return fake;
  }
  const puts = (fake: FakeClockodo) => fake.requests.filter((request) => request.method === 'PUT').length;

  it("reads a project's one budget, billable flag, note, customer and dates, no period; a service its name and note; the rest refused", async () => {
    const fake = await company();
    const owner = await clockodo.connect(fake, OLGA, { app: true });
    await expect.poll(() => listed(owner)).toContain(TOOL);
    const website = await read(owner, 'project', 'Website');
    expect(website.fields).toEqual({
      name: 'Website',
      budget_hours: 20,
      budget_money: 0,
      billable: true,
      comment: '',
      customer: { id: expect.any(Number), name: 'ACME' },
      start: null,
      end: '2026-12-31',
    });
    expect(Object.keys((await read(owner, 'customer', 'Globex')).fields)).toEqual(['name', 'billable', 'comment']);
    expect((await read(owner, 'customer', 'Globex')).fields.billable).toBe(false);
    expect(Object.keys((await read(owner, 'activity', 'Meeting')).fields)).toEqual(['name', 'comment']);
    expect(await refusesTheRest(owner, 'project', 'Website', () => puts(fake))).toEqual(['budget_period']);
    expect(await refusesTheRest(owner, 'customer', 'Globex', () => puts(fake))).toEqual(['budget_hours', 'budget_money', 'budget_period', 'start', 'end']);
    expect(await refusesTheRest(owner, 'activity', 'Meeting', () => puts(fake))).toEqual([
      'budget_hours',
      'budget_money',
      'budget_period',
      'billable',
      'start',
      'end',
    ]);
  });
});

describe('catalog_item_fields on Clockify', () => {
  async function workspace(): Promise<FakeClockify> {
    return clockify.acmeWithTeam();
  }
  const writes = (fake: FakeClockify) => fake.requests.filter((request) => ['PUT', 'PATCH', 'POST'].includes(request.method)).length;

  it("reads a client's name and note, a project's all but dates, a task's name, estimates and billable mark; the rest refused", async () => {
    const fake = await workspace();
    const bob = await clockify.session(fake, BOB_KEY, { app: true });
    await expect.poll(() => listed(bob)).toContain(TOOL);
    const website = await read(bob, 'project', 'Website');
    expect(Object.keys(website.fields)).toEqual(['name', 'budget_hours', 'budget_money', 'budget_period', 'billable', 'comment', 'customer']);
    expect(website.fields).toMatchObject({ name: 'Website', customer: { id: expect.any(Number), name: 'Acme Corp' } });
    expect(Object.keys((await read(bob, 'customer', 'Acme Corp')).fields)).toEqual(['name', 'comment']);
    expect(Object.keys((await read(bob, 'activity', 'Design')).fields)).toEqual(['name', 'budget_hours', 'budget_money', 'billable']);
    expect(await refusesTheRest(bob, 'project', 'Website', () => writes(fake))).toEqual(['start', 'end']);
    expect(await refusesTheRest(bob, 'customer', 'Acme Corp', () => writes(fake))).toEqual([
      'budget_hours',
      'budget_money',
      'budget_period',
      'billable',
      'start',
      'end',
    ]);
    expect(await refusesTheRest(bob, 'activity', 'Design', () => writes(fake))).toEqual(['budget_period', 'comment', 'start', 'end']);
  });
});
