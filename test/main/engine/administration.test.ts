// The window's Administration screen as main builds it, over the REAL engine bundle and the fake Kimai:
// an administrator (Ann, ROLE_ADMIN) gets the catalog, tags and invoices sections and changes each in
// Kimai through the engine's tools; a team lead (Tom) the catalog and invoices, and Kimai's refusal of
// what his role may not do comes back in words; a worker (Ada) no section at all. The admin group stays
// switched off for AI clients: the app's own engine lists its tools all the same.
import { afterEach, describe, expect, it } from 'vitest';
import { createAdministration } from '../../../main/engine/administration.ts';
import { createTimesheet } from '../../../main/engine/timesheet.ts';
import {
  clockStartingAt,
  DEFAULT_USERS,
  type FakeKimai,
  type FakeUser,
  rememberPlugin,
  seedCatalog,
  startFakeKimai,
} from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { makeUserDataDir } from '../../support/engine.ts';
import { cleanUp, NOW, startTestEngine } from './engine-setup.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;
const ANN: FakeUser = { id: 7, username: 'ann', alias: 'Ann Admin', timezone: 'Europe/Berlin', role: 'ROLE_ADMIN', token: 'token-ann-0123456789' };
let fake: FakeKimai | undefined;

afterEach(async () => {
  await cleanUp();
  await fake?.close();
  fake = undefined;
});

/** ACME's catalog, an archived customer, two tags and 30 invoices of the last weeks. */
async function kimai() {
  fake = await startFakeKimai({ now: clockStartingAt(NOW), config: {}, users: [...DEFAULT_USERS, ANN] });
  const catalog = seedCatalog(fake);
  const initech = fake.addCustomer('Initech');
  initech.visible = false;
  fake.state.tags.push({ id: 900, name: 'billing', visible: true, color: '#336699' }, { id: 901, name: 'old', visible: false });
  for (let index = 0; index < 30; index++) {
    fake.addInvoice({
      invoiceNumber: `2026-${String(index + 1).padStart(3, '0')}`,
      customerId: catalog.acme.id,
      createdAt: Date.parse('2026-10-01T10:00:00+02:00') + index * 86_400_000,
      total: 100 + index,
      status: index % 2 === 0 ? 'paid' : 'pending',
    });
  }
  return { fake, ...catalog, initech };
}

function engineAs(server: FakeKimai, user: FakeUser) {
  const userDataDir = makeUserDataDir({ provider: { type: 'kimai', url: server.url }, timezone: 'Europe/Berlin' });
  rememberPlugin(userDataDir, server.url, false);
  const test = startTestEngine({ userDataDir, env: { PUNCHCARD_KIMAI_TOKEN: user.token } });
  return { ...test, timesheet: createTimesheet(test.engine, { launch: test.launch, log: () => {} }), admin: createAdministration(test.engine) };
}

describe("the Administration screen's data, through the engine's tools", () => {
  it('gives an administrator every section, and archives, restores and adds in Kimai, each said in words for people', async () => {
    const { fake: server, website, initech } = await kimai();
    const ann = engineAs(server, ANN);
    // The first call reads Kimai's profile, whose role says what she administers: the sections follow.
    await expect.poll(async () => (await ann.timesheet.getStatus()).adminSections).toEqual(['catalog', 'tags', 'invoices']);

    const catalog = await ann.admin.catalog();
    expect(catalog.customers).toEqual(
      expect.arrayContaining([
        { id: expect.any(Number), name: 'ACME', archived: false, parent: null },
        { id: initech.id, name: 'Initech', archived: true, parent: null },
      ]),
    );
    expect(catalog.projects).toEqual([{ id: website.id, name: 'Website', archived: false, parent: 'ACME' }]);

    const archived = await ann.admin.setArchived('project', website.id, true);
    expect(archived).toMatch(/^Archived project "Website"/);
    expect(archived).not.toMatch(/#\d|archive_catalog_item/);
    expect(server.state.projects.find((project) => project.id === website.id)?.visible).toBe(false);
    expect(await ann.admin.setArchived('customer', initech.id, false)).toMatch(/^Restored customer "Initech"/);
    expect(server.state.customers.find((customer) => customer.id === initech.id)?.visible).toBe(true);

    expect(await ann.admin.addCatalogItem('project', 'Intranet', 'ACME')).toMatch(/Intranet/);
    expect(server.state.projects.find((project) => project.name === 'Intranet')).toMatchObject({ visible: true });
    expect((await ann.admin.catalog()).projects.map((project) => [project.name, project.archived])).toEqual([
      ['Intranet', false],
      ['Website', true],
    ]);

    // Kimai's tag list leaves its hidden tags out.
    expect(await ann.admin.tags()).toEqual([{ id: 900, name: 'billing', color: '#336699', archived: false }]);
    expect(await ann.admin.addTag('urgent', '#cc3300')).toMatch(/^Created the tag "urgent"/);
    expect(server.state.tags.find((tag) => tag.name === 'urgent')).toMatchObject({ color: '#cc3300' });
    // The engine's refusal, in words, and nothing sent twice.
    await expect(ann.admin.addTag('billing', undefined)).rejects.toThrow(/exists already\. Nothing was created\./);
    expect(server.state.tags.filter((tag) => tag.name === 'billing')).toHaveLength(1);

    const first = await ann.admin.invoices(1);
    expect(first).toMatchObject({ page: 1, total: 30 });
    expect(first.invoices[0]).toMatchObject({ number: expect.stringMatching(/^2026-0\d\d$/), customer: 'ACME', currency: 'EUR' });
    if (first.totalPages > 1) expect((await ann.admin.invoices(2)).page).toBe(2);
  });

  it("offers a team lead the catalog and invoices but no tags, and says Kimai's refusal of what his role may not do", async () => {
    const { fake: server, website } = await kimai();
    const tom = engineAs(server, TOM);
    await expect.poll(async () => (await tom.timesheet.getStatus()).adminSections).toEqual(['catalog', 'invoices']);
    expect((await tom.admin.invoices(1)).total).toBe(30);
    // Kimai lets a team lead add activities but not archive projects: its 403, in words.
    await expect(tom.admin.setArchived('project', website.id, true)).rejects.toThrow(/Kimai/);
    expect(server.state.projects.find((project) => project.id === website.id)?.visible).toBe(true);
  });

  it('offers a worker no section, though Kimai lets every user add to the catalog', async () => {
    const { fake: server } = await kimai();
    const ada = engineAs(server, ADA);
    const status = await ada.timesheet.getStatus();
    expect(status.adminSections).toEqual([]);
    await expect(ada.admin.invoices(1)).rejects.toThrow(/list_invoices/);
  });
});
