// The window's Administration screen as main builds it, over the REAL engine bundle and the fake Kimai:
// an administrator (Ann, ROLE_ADMIN) gets the catalog, tags, invoices and bulk corrections sections and
// changes each in Kimai through the engine's tools, teams too; a super administrator (Root) people too; a team lead
// (Tom) the catalog, invoices and bulk corrections, and Kimai's refusal of what his role may not do comes
// back in words; a worker (Ada) no section at all. The admin group stays
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
const ROOT = DEFAULT_USERS[2] as FakeUser;
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

/** Kimai's lockdown as the account's settings name it: October 2026 closed (NOW is in November). */
const LOCKDOWN = { period_start: 'first day of previous month 00:00:00', period_end: 'last day of previous month 23:59:59', timezone: 'Europe/Berlin' };

function engineAs(server: FakeKimai, user: FakeUser, options: { lockdown?: typeof LOCKDOWN } = {}) {
  const provider = { type: 'kimai', url: server.url, ...(options.lockdown ? { lockdown: options.lockdown } : {}) };
  const userDataDir = makeUserDataDir({ provider, timezone: 'Europe/Berlin' });
  rememberPlugin(userDataDir, server.url, false);
  const test = startTestEngine({ userDataDir, env: { PUNCHCARD_KIMAI_TOKEN: user.token } });
  return { ...test, timesheet: createTimesheet(test.engine, { launch: test.launch, log: () => {} }), admin: createAdministration(test.engine) };
}

describe("the Administration screen's data, through the engine's tools", () => {
  it('gives an administrator every section, and archives, restores and adds in Kimai, each said in words for people', async () => {
    const { fake: server, website, initech } = await kimai();
    const ann = engineAs(server, ANN);
    // The first call reads Kimai's profile, whose role says what she administers: the sections follow.
    await expect.poll(async () => (await ann.timesheet.getStatus()).adminSections).toEqual(['catalog', 'tags', 'invoices', 'corrections', 'teams', 'rates']);

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

  it("offers a team lead the catalog, invoices and bulk corrections but no tags or people, and says Kimai's refusal of what his role may not do", async () => {
    const { fake: server, website } = await kimai();
    const tom = engineAs(server, TOM);
    await expect.poll(async () => (await tom.timesheet.getStatus()).adminSections).toEqual(['catalog', 'invoices', 'corrections']);
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
    // The window hears why in a person's words (no tool names): her role in Kimai, once read, and the one it needs.
    await expect
      .poll(() =>
        ada.admin.invoices(1).then(
          () => 'answered',
          (error: Error) => error.message,
        ),
      )
      .toMatch(
        /^This needs the role "ROLE_TEAMLEAD" \(or one above it\) in Kimai .*, and yours there is "ROLE_USER", so Punchcard does not offer it to you\. Nothing was sent\.$/,
      );
  });
});

describe("the Administration screen's change of a catalog item, through the engine's tools", () => {
  it("reads what a project keeps through the app's own tool, changes only what differs in Kimai, and says so in words for people", async () => {
    const { fake: server, website, acme } = await kimai();
    const globex = server.addCustomer('Globex');
    const ann = engineAs(server, ANN);
    await expect.poll(async () => (await ann.admin.catalog()).changeable).toBe(true);

    expect(await ann.admin.catalogItem('project', website.id)).toEqual({
      kind: 'project',
      id: website.id,
      fields: {
        name: 'Website',
        budgetHours: 0,
        budgetMoney: 0,
        budgetPeriod: 'total',
        billable: true,
        comment: '',
        customer: { id: acme.id, name: 'ACME' },
        start: null,
        end: null,
      },
    });
    const before = server.requests.filter((request) => request.method === 'PATCH').length;
    const said = await ann.admin.updateCatalogItem('project', website.id, { budgetHours: 12.5, comment: 'Relaunch', customer: globex.id, end: '2026-12-31' });
    expect(said).toMatch(
      /^Changed the project "Website": time budget 0 h → 12\.5 h; comment none → "Relaunch"; customer "ACME" → "Globex"; end none → Dec 31, 2026\.$/,
    );
    expect(server.requests.filter((request) => request.method === 'PATCH')).toHaveLength(before + 1);
    expect(server.state.projects.find((project) => project.id === website.id)).toMatchObject({
      timeBudget: 45_000,
      comment: 'Relaunch',
      customerId: globex.id,
      end: '2026-12-31',
    });
    expect((await ann.admin.catalogItem('project', website.id)).fields).toMatchObject({ budgetHours: 12.5, customer: { id: globex.id, name: 'Globex' } });
    // The list shows the new customer at once.
    expect((await ann.admin.catalog()).projects).toEqual([{ id: website.id, name: 'Website', archived: false, parent: 'Globex' }]);
    // The engine's refusal, in words, and nothing sent.
    await expect(ann.admin.updateCatalogItem('project', website.id, { start: '2027-02-01' })).rejects.toThrow(
      /^The start Feb 1, 2027 is after the project's end Dec 31, 2026: give end too, or an earlier start\. Nothing was sent\.$/,
    );
    expect(server.requests.filter((request) => request.method === 'PATCH')).toHaveLength(before + 1);
  });

  it('tells the window a team lead changes no catalog item on Kimai', async () => {
    const { fake: server } = await kimai();
    const tom = engineAs(server, TOM);
    await expect.poll(async () => (await tom.timesheet.getStatus()).adminSections).toContain('catalog');
    expect((await tom.admin.catalog()).changeable).toBe(false);
  });
});

describe("the Administration screen's people and bulk corrections, through the engine's tools", () => {
  it('gives a super administrator People: the list paged, the inactive on request, and each change made in Kimai', async () => {
    const { fake: server } = await kimai();
    server.state.users.push({ ...server.state.users[0], id: 40, username: 'eve', alias: 'Eve Former', enabled: false, token: 'token-eve-0123456789' } as never);
    const root = engineAs(server, ROOT);
    await expect
      .poll(async () => (await root.timesheet.getStatus()).adminSections)
      .toEqual(['catalog', 'tags', 'invoices', 'people', 'corrections', 'teams', 'rates']);

    const active = await root.admin.people(1, false);
    expect(active).toMatchObject({ page: 1, totalPages: 1, total: 4 });
    expect(active.people.map((person) => person.name)).not.toContain('Eve Former');
    expect(active.people.find((person) => person.id === ADA.id)).toMatchObject({ name: 'Ada Lovelace', role: 'ROLE_USER', active: true });
    expect((await root.admin.people(1, true)).people.find((person) => person.id === 40)).toMatchObject({ name: 'Eve Former', active: false });

    const invited = await root.admin.invitePerson({ name: 'Grace Hopper', email: 'grace@example.com', role: 'ROLE_TEAMLEAD' });
    expect(invited.person).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com', role: 'ROLE_TEAMLEAD', active: true });
    expect(invited.message).toMatch(/Grace Hopper/);
    expect(server.state.users.find((user) => user.alias === 'Grace Hopper')).toMatchObject({ role: 'ROLE_TEAMLEAD' });

    const promoted = await root.admin.updatePerson(ADA.id, { role: 'ROLE_TEAMLEAD', name: undefined });
    expect(promoted.person).toMatchObject({ id: ADA.id, role: 'ROLE_TEAMLEAD' });
    expect(server.state.users.find((user) => user.id === ADA.id)?.role).toBe('ROLE_TEAMLEAD');

    expect((await root.admin.setPersonActive(ADA.id, false)).person).toMatchObject({ id: ADA.id, active: false });
    expect(server.state.users.find((user) => user.id === ADA.id)?.enabled).toBe(false);
    expect((await root.admin.setPersonActive(ADA.id, true)).person).toMatchObject({ active: true });
    expect(server.state.users.find((user) => user.id === ADA.id)?.enabled).not.toBe(false);

    // The engine's refusals, in words, and nothing changed.
    await expect(root.admin.setPersonActive(ROOT.id, false)).rejects.toThrow('You cannot deactivate your own account');
    await expect(root.admin.updatePerson(TOM.id, { role: 'boss' })).rejects.toThrow(/"boss" is no role here; the roles are "ROLE_USER", "ROLE_TEAMLEAD"/);
    expect(server.state.users.find((user) => user.id === TOM.id)?.role).toBe('ROLE_TEAMLEAD');
  });

  it('previews a correction first, changes exactly the previewed entries with its count, and leaves the locked period alone', async () => {
    const { fake: server, website, design, meeting } = await kimai();
    const intranet = server.addProject('Intranet', server.state.customers[0]?.id ?? 1);
    server.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }]);
    const sheet = (iso: string) =>
      server.addTimesheet({ userId: ADA.id, begin: Date.parse(iso), end: Date.parse(iso) + 2 * 3_600_000, projectId: website.id, activityId: design.id });
    const october = sheet('2026-10-30T09:00:00+01:00');
    const nov3 = sheet('2026-11-03T09:00:00+01:00');
    const nov4 = sheet('2026-11-04T09:00:00+01:00');
    const ann = engineAs(server, ANN, { lockdown: LOCKDOWN });
    await expect.poll(async () => (await ann.timesheet.getStatus()).adminSections).toContain('corrections');

    const scope = { from: '2026-10-01', to: '2026-11-30', people: ['Ada Lovelace'], set: { project: 'Intranet', activity: 'Meeting' } };
    const preview = await ann.admin.correctEntries(scope);
    expect(preview).toMatchObject({ changed: false, count: 2, hours: 4, lockedUntil: '2026-10-31T23:59:59+01:00' });
    expect(preview.notTouched).toEqual([{ id: october.id, start: '2026-10-30T09:00:00+01:00', person: 'Ada Lovelace', reason: 'locked' }]);
    expect(preview.entries.map((entry) => entry.id)).toEqual([nov3.id, nov4.id]);
    // The model's way to confirm is not the window's.
    expect(preview.message).not.toMatch(/confirm_count/);
    expect(preview.message).toMatch(/Nothing was changed yet\.$/);
    expect(server.state.timesheets.filter((entry) => entry.projectId === intranet.id)).toEqual([]);

    // Another entry came in since the preview: the count moved, and the refusal says so in the window's words.
    const nov5 = sheet('2026-11-05T09:00:00+01:00');
    await expect(ann.admin.correctEntries(scope, 2)).rejects.toThrow(/^The preview showed 2 entries, but the correction now covers 3; nothing was changed\./);
    expect(server.state.timesheets.filter((entry) => entry.projectId === intranet.id)).toEqual([]);

    const done = await ann.admin.correctEntries(scope, 3);
    expect(done).toMatchObject({ changed: true, count: 3 });
    expect(
      server.state.timesheets
        .filter((entry) => entry.projectId === intranet.id)
        .map((entry) => entry.id)
        .sort(),
    ).toEqual([nov3.id, nov4.id, nov5.id].sort());
    expect(server.state.timesheets.find((entry) => entry.id === nov3.id)?.activityId).toBe(meeting.id);
    expect(server.state.timesheets.find((entry) => entry.id === october.id)?.projectId).toBe(website.id);
  });

  it('offers a team lead bulk corrections of his team, and a worker none', async () => {
    const { fake: server, website, design } = await kimai();
    server.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }]);
    server.addTimesheet({
      userId: ADA.id,
      begin: Date.parse('2026-11-03T09:00:00+01:00'),
      end: Date.parse('2026-11-03T10:30:00+01:00'),
      projectId: website.id,
      activityId: design.id,
    });
    const tom = engineAs(server, TOM);
    await expect.poll(async () => (await tom.timesheet.getStatus()).adminSections).toContain('corrections');
    expect((await tom.timesheet.getStatus()).adminSections).not.toContain('people');
    expect(await tom.admin.correctEntries({ from: '2026-11-01', to: '2026-11-30', set: { billable: false } })).toMatchObject({
      changed: false,
      count: 1,
      hours: 1.5,
      lockedUntil: null,
    });
    await expect
      .poll(() =>
        tom.admin.people(1, false).then(
          () => 'answered',
          (error: Error) => error.message,
        ),
      )
      .toMatch(
        /^This needs the role "ROLE_SUPER_ADMIN" \(or one above it\) in Kimai .*, and yours there is "ROLE_TEAMLEAD", so Punchcard does not offer it to you\. Nothing was sent\.$/,
      );
  });
});

describe("the Administration screen's teams, through the engine's tools", () => {
  it('lists and shows an administrator the teams, and creates, fills, leads, renames and deletes one in Kimai', async () => {
    const { fake: server } = await kimai();
    const web = server.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }]);
    const ann = engineAs(server, ANN);
    await expect.poll(async () => (await ann.timesheet.getStatus()).adminSections).toContain('teams');

    expect(await ann.admin.teams()).toEqual([{ id: web.id, name: 'Web' }]);
    expect(await ann.admin.team(web.id)).toEqual({
      id: web.id,
      name: 'Web',
      members: [
        { id: TOM.id, name: 'Tom Lead', lead: true },
        { id: ADA.id, name: 'Ada Lovelace', lead: false },
      ],
    });

    // Nobody named: Ann herself, who leads it, as Kimai keeps no team without a lead.
    const created = await ann.admin.changeTeam({ action: 'create', name: 'Design' });
    const design = created.team;
    expect(design).toMatchObject({ name: 'Design', members: [{ id: ANN.id, lead: true }] });
    expect(created.teams.map((team) => team.name)).toEqual(['Design', 'Web']);
    const id = design?.id ?? 0;

    const added = await ann.admin.changeTeam({ action: 'add_members', id, people: ['Ada Lovelace'] });
    expect(added.message).toMatch(/Added "?Ada Lovelace/);
    expect(added.team?.members).toEqual([
      { id: ANN.id, name: 'Ann Admin', lead: true },
      { id: ADA.id, name: 'Ada Lovelace', lead: false },
    ]);
    expect((await ann.admin.changeTeam({ action: 'set_lead', id, person: ADA.id })).team?.members.find((member) => member.id === ADA.id)?.lead).toBe(true);
    expect(server.state.teams.find((team) => team.id === id)?.members).toEqual(
      expect.arrayContaining([
        { userId: ANN.id, teamlead: true },
        { userId: ADA.id, teamlead: true },
      ]),
    );

    // Kimai's API removes no lead: refused in words, nothing sent.
    await expect(ann.admin.changeTeam({ action: 'remove_members', id: web.id, people: [TOM.id] })).rejects.toThrow(/removes no team lead/);
    expect((await ann.admin.changeTeam({ action: 'remove_members', id: web.id, people: [ADA.id] })).team?.members).toEqual([
      { id: TOM.id, name: 'Tom Lead', lead: true },
    ]);
    const renamed = await ann.admin.changeTeam({ action: 'rename', id: web.id, name: 'Web team' });
    expect(renamed.teams.map((team) => team.name)).toEqual(['Design', 'Web team']);
    // Worded by main from the answer and the team as it was (admin-words.ts): the old name too, no number.
    expect(renamed.message).toBe('Renamed the team "Web" to "Web team".');

    const deleted = await ann.admin.changeTeam({ action: 'delete', id });
    expect(deleted).toMatchObject({ team: null, teams: [{ id: web.id, name: 'Web team' }] });
    expect(server.state.teams.map((team) => team.name)).toEqual(['Web team']);
  });
});

describe("the Administration screen's rates, through the engine's tools", () => {
  it("lists a project's rates, sets everyone's and one person's, and removes them in Kimai, each said in words", async () => {
    const { fake: server, website } = await kimai();
    const ann = engineAs(server, ANN);
    await expect.poll(async () => (await ann.timesheet.getStatus()).adminSections).toContain('rates');

    expect(await ann.admin.rates('project', website.id)).toEqual({ kind: 'project', item: { id: website.id, name: 'Website' }, currency: 'EUR', rates: [] });
    const everyone = await ann.admin.setRate({ kind: 'project', item: website.id, hourly: 80, internal: 50 });
    expect(everyone.message).toMatch(/^Set the rate of the project "Website" for everyone: none → /);
    expect(everyone.view.rates).toEqual([{ id: expect.any(Number), person: null, hourly: 80, fixed: null, internal: 50 }]);
    const ada = await ann.admin.setRate({ kind: 'project', item: website.id, person: String(ADA.id), fixed: 30 });
    expect(ada.view.rates).toEqual(
      expect.arrayContaining([expect.objectContaining({ person: expect.objectContaining({ id: ADA.id }), hourly: null, fixed: 30, internal: null })]),
    );
    expect(server.state.rates.filter((rate) => rate.entityId === website.id)).toHaveLength(2);

    const removed = await ann.admin.removeRate({ kind: 'project', item: website.id, person: ADA.id });
    expect(removed.message).toMatch(/^Removed the rate of the project "Website" for /);
    expect(removed.view.rates).toEqual([expect.objectContaining({ person: null, hourly: 80 })]);
    await ann.admin.removeRate({ kind: 'project', item: website.id, person: null });
    expect(server.state.rates.filter((rate) => rate.entityId === website.id)).toEqual([]);
    // Nothing left to remove: the engine's refusal, in words.
    await expect(ann.admin.removeRate({ kind: 'project', item: website.id, person: null })).rejects.toThrow(/has no rate for everyone\. Nothing was removed\./);
  });
});
