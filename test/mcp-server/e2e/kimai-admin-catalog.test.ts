// update_catalog_item on Kimai, through the engine in process against the fake Kimai: an
// administrator (Ann, ROLE_ADMIN), a team lead (Tom) and a worker (Ada). Who is offered it, each kind
// of change with the request Kimai gets (a time budget as a duration string, a project's dates as
// full date-times, only the fields that change), the round trip of budgets and dates, refusals in
// words before anything is sent, Kimai's 403, 404 and validation errors, and the question before the
// change in both protocol eras.
import type { ElicitRequestFormParams } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { readDetection } from '../../../mcp-server/providers/kimai/facts.ts';
import { durationText } from '../../../mcp-server/providers/kimai/catalog-admin/catalog-admin.ts';
import { type Era, refusalOf, textOf } from '../../support/engine.ts';
import { ADA, ANN, kimaiAdmin, TOM } from '../../support/kimai-admin.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeKimaiConfig, seedCatalog } from '../providers/kimai/fake-kimai.ts';
import { kimaiDurationSeconds } from '../providers/kimai/fake-kimai-catalog.ts';

const TOOL = 'update_catalog_item';
const { startKimai, connect, offered } = kimaiAdmin(TOOL);

/** ACME with Website (Design) and the global Meeting, from seedCatalog; Globex, and a second "Design" under Globex's Shop. */
async function kimaiWithCatalog(revoked: FakeKimaiConfig['revoked'] = {}) {
  const fake = await startKimai({ config: { revoked }, users: [...DEFAULT_USERS, ANN] });
  const seeded = seedCatalog(fake);
  const globex = fake.addCustomer('Globex');
  const shop = fake.addProject('Shop', globex.id, { start: '2026-01-01', end: '2026-12-31' });
  const shopDesign = fake.addActivity('Design', shop.id);
  return { server: fake, ...seeded, globex, shop, shopDesign };
}

const patches = (server: FakeKimai) => server.requests.filter((request) => request.method === 'PATCH');
const bodyOf = (request: { body?: string } | undefined) => JSON.parse(request?.body ?? '{}') as Record<string, unknown>;

describe('update_catalog_item on Kimai', () => {
  it('is offered to an administrator, not to a team lead or a worker', async () => {
    const { server } = await kimaiWithCatalog();
    const admin = await connect(server, ANN);
    await expect.poll(() => offered(admin)).toBe(true);
    await admin.close();
    for (const [person, role] of [
      [TOM, 'ROLE_TEAMLEAD'],
      [ADA, 'ROLE_USER'],
    ] as const) {
      const other = await connect(server, person);
      expect(await offered(other)).toBe(false);
      // Not offered is not callable: the engine refuses the call before the tool runs, naming the role Kimai's profile
      // gave once it is read, and the one the tool needs.
      await expect
        .poll(async () => refusalOf(await other.call(TOOL, { kind: 'project', item: 'Website', name: 'Web' })))
        .toMatchObject({
          code: 'tool_withheld',
          facts: { tool: TOOL, why: 'role', role, needs: 'ROLE_ADMIN' },
        });
      expect(patches(server)).toEqual([]);
      await other.close();
    }
  });

  it("changes a project's budgets, billable, comment, customer and dates, sending only those, and reads them back unchanged", async () => {
    const { server, website, globex, acme } = await kimaiWithCatalog();
    const admin = await connect(server, ANN);
    const changed = await admin.call(TOOL, {
      kind: 'project',
      item: 'website',
      budget_hours: 10.5,
      budget_money: 1500.5,
      budget_period: 'month',
      billable: false,
      comment: 'Relaunch 2027',
      customer: 'Globex',
      start: '2026-12-01',
      end: '2027-03-31',
    });
    expect(changed.isError, textOf(changed)).toBeFalsy();
    // What Kimai got: the time budget as a duration string (a bare 10.5 would be hours too, but 37800 would be 37,800 hours), full date-times.
    expect(bodyOf(patches(server)[0])).toEqual({
      timeBudget: '10:30:00',
      budget: 1500.5,
      budgetType: 'month',
      billable: false,
      comment: 'Relaunch 2027',
      customer: globex.id,
      start: '2026-12-01T00:00:00',
      end: '2027-03-31T23:59:59',
    });
    expect(server.state.projects.find((project) => project.id === website.id)).toMatchObject({
      name: 'Website',
      timeBudget: 37_800,
      budget: 1500.5,
      budgetType: 'month',
      billable: false,
      comment: 'Relaunch 2027',
      customerId: globex.id,
      start: '2026-12-01',
      end: '2027-03-31',
    });
    expect(changed.structuredContent).toEqual({
      id: website.id,
      kind: 'project',
      name: 'Website',
      before: {
        budget_hours: 0,
        budget_money: 0,
        budget_period: 'total',
        billable: true,
        comment: '',
        customer: 'ACME',
        start: null,
        end: null,
      },
      after: {
        budget_hours: 10.5,
        budget_money: 1500.5,
        budget_period: 'month',
        billable: false,
        comment: 'Relaunch 2027',
        customer: 'Globex',
        start: '2026-12-01',
        end: '2027-03-31',
      },
    });
    expect(textOf(changed)).toBe(
      `Changed the project "Website" (#${website.id}): time budget 0 h → 10.5 h; money budget 0 → 1500.5; budget period total → month; billable yes → no; ` +
        `comment none → "Relaunch 2027"; customer "ACME" (#${acme.id}) → "Globex" (#${globex.id}); start none → 2026-12-01; end none → 2027-03-31.`,
    );
    // The round trip: the same values again are what Kimai keeps (10.5 hours, not 10.5 × 3600), so nothing is sent.
    const again = await admin.call(TOOL, { kind: 'project', item: String(website.id), budget_hours: 10.5, start: '2026-12-01', end: '2027-03-31' });
    expect(textOf(again)).toBe(
      `The project "Website" (#${website.id}) already has time budget 10.5 h and start 2026-12-01 and end 2027-03-31: nothing was sent.`,
    );
    expect(patches(server)).toHaveLength(1);
    // One field: one field sent, the rest kept.
    const renamed = await admin.call(TOOL, { kind: 'project', item: `#${website.id}`, name: '  Web relaunch ', end: '2027-04-30' });
    expect(bodyOf(patches(server)[1])).toEqual({ name: 'Web relaunch', end: '2027-04-30T23:59:59' });
    expect(renamed.structuredContent).toMatchObject({ before: { name: 'Website', end: '2027-03-31' }, after: { name: 'Web relaunch', end: '2027-04-30' } });
    expect(server.state.projects.find((project) => project.id === website.id)).toMatchObject({
      timeBudget: 37_800,
      start: '2026-12-01',
      comment: 'Relaunch 2027',
    });
    // The new name is the one the catalog lists at once.
    const listed = await admin.call('list_catalog', { search: 'relaunch' });
    expect((listed.structuredContent?.projects as Array<{ name: string }>).map((project) => project.name)).toEqual(['Web relaunch']);
  });

  it('renames a customer and changes its comment; changes a global activity without sending it a project', async () => {
    const { server, acme, meeting } = await kimaiWithCatalog();
    const admin = await connect(server, ANN);
    const customer = await admin.call(TOOL, { kind: 'customer', item: 'ACME', name: 'ACME Corp', comment: 'Key account', budget_money: 20_000 });
    expect(customer.isError, textOf(customer)).toBeFalsy();
    expect(bodyOf(patches(server)[0])).toEqual({ name: 'ACME Corp', comment: 'Key account', budget: 20_000 });
    expect(server.state.customers.find((item) => item.id === acme.id)).toMatchObject({ name: 'ACME Corp', comment: 'Key account', budget: 20_000 });
    const activity = await admin.call(TOOL, { kind: 'activity', item: 'Meeting', billable: false, budget_hours: 0.25 });
    expect(activity.isError, textOf(activity)).toBeFalsy();
    expect(bodyOf(patches(server)[1])).toEqual({ billable: false, timeBudget: '0:15:00' });
    expect(activity.structuredContent).toEqual({
      id: meeting.id,
      kind: 'activity',
      name: 'Meeting',
      before: { budget_hours: 0, billable: true },
      after: { budget_hours: 0.25, billable: false },
    });
    expect(server.state.activities.find((item) => item.id === meeting.id)).toMatchObject({ billable: false, timeBudget: 900, projectId: null });
  });

  it('refuses in words, before anything is sent, what cannot be a change', async () => {
    const { server, shop } = await kimaiWithCatalog();
    const admin = await connect(server, ANN);
    const cases: Array<[Record<string, unknown>, string | RegExp]> = [
      [
        { kind: 'project', item: 'Website' },
        'Say what to change: name, budget_hours, budget_money, budget_period, billable or comment, customer, start or end. Nothing was sent.',
      ],
      [{ kind: 'activity', item: 'Meeting', customer: 'ACME' }, 'Only a project has a customer: leave customer out for an activity. Nothing was sent.'],
      [
        { kind: 'customer', item: 'ACME', end: '2026-12-31' },
        'Only a project has start and end dates: leave start and end out for a customer. Nothing was sent.',
      ],
      [
        { kind: 'project', item: 'Website', start: '2027-02-01', end: '2027-01-31' },
        'The start 2027-02-01 is after the end 2027-01-31: a project cannot start after it ends. Nothing was sent.',
      ],
      [
        { kind: 'project', item: 'Shop', end: '2025-12-31' },
        "The end 2025-12-31 is before the project's start 2026-01-01: give start too, or a later end. Nothing was sent.",
      ],
      [
        { kind: 'project', item: 'Shop', start: '2027-01-01' },
        "The start 2027-01-01 is after the project's end 2026-12-31: give end too, or an earlier start. Nothing was sent.",
      ],
      [{ kind: 'project', item: 'Website', budget_hours: -1 }, 'budget_hours cannot be negative: give 0 for no budget. Nothing was sent.'],
      [{ kind: 'customer', item: 'ACME', budget_money: -0.01 }, 'budget_money cannot be negative: give 0 for no budget. Nothing was sent.'],
      [{ kind: 'project', item: 'Website', name: 'W' }, 'A name is 2 to 150 characters long. Nothing was sent.'],
      [{ kind: 'project', item: 'Website', start: '2026-02-30' }, /^start: /],
      [
        { kind: 'activity', item: 'Design', billable: false },
        /^2 activities are named "Design": give the id of the one to change \(#\d+ \("Website"\), #\d+ \("Shop"\)\)\. Nothing was sent\.$/,
      ],
      [{ kind: 'project', item: 'Intranet', billable: false }, 'No project "Intranet". list_catalog shows the projects with their ids. Nothing was sent.'],
      [{ kind: 'project', item: 'Website', customer: 'Initech' }, 'No customer "Initech". list_catalog shows the customers with their ids. Nothing was sent.'],
    ];
    for (const [args, words] of cases) {
      const refused = await admin.call(TOOL, args);
      expect(refused.isError, JSON.stringify(args)).toBe(true);
      if (typeof words === 'string') expect(textOf(refused)).toBe(words);
      else expect(textOf(refused)).toMatch(words);
    }
    expect(patches(server)).toEqual([]);
    expect(server.state.projects.find((project) => project.id === shop.id)).toMatchObject({ start: '2026-01-01', end: '2026-12-31' });
  });

  it('refuses a budget Kimai shows the person none of, naming the permission, and still changes the money budget', async () => {
    const { server, website } = await kimaiWithCatalog({ ROLE_ADMIN: ['time_project'] });
    const admin = await connect(server, ANN);
    const refused = await admin.call(TOOL, { kind: 'project', item: 'Website', budget_hours: 8 });
    expect(textOf(refused)).toBe(
      `Kimai shows you no budget of the project "Website" (#${website.id}) that you asked to change, so it would not take the change: your account lacks the permission time_project. Nothing was sent.`,
    );
    expect(patches(server)).toEqual([]);
    const money = await admin.call(TOOL, { kind: 'project', item: 'Website', budget_money: 900 });
    expect(money.isError, textOf(money)).toBeFalsy();
    expect(bodyOf(patches(server)[0])).toEqual({ budget: 900 });
  });

  it('withdraws the tool at once when Kimai refuses the change (403), naming the permission', async () => {
    const { server, website } = await kimaiWithCatalog({ ROLE_ADMIN: ['edit_project'] });
    const admin = await connect(server, ANN);
    await expect.poll(() => offered(admin)).toBe(true);
    const refused = await admin.call(TOOL, { kind: 'project', item: 'Website', billable: false });
    expect(textOf(refused)).toBe(
      `Kimai did not let you change the project "Website" (#${website.id}) (403 Forbidden): your account lacks the permission edit_project. Nothing was changed; update_catalog_item is switched off.`,
    );
    await expect.poll(() => offered(admin)).toBe(false);
    expect(readDetection(admin.userDataDir, server.url)?.catalogRefused).toBe(true);
    expect(server.state.projects.find((project) => project.id === website.id)?.billable).toBeUndefined();
  });

  it("says Kimai's 404 and its validation errors in words, and changes nothing", async () => {
    const { server, website, globex } = await kimaiWithCatalog();
    const admin = await connect(server, ANN);
    // The catalog is read (and kept a minute); then Kimai loses the project, and the customer it is to move to.
    await admin.call('list_catalog', { include_archived: true });
    server.state.customers = server.state.customers.filter((customer) => customer.id !== globex.id);
    const moved = await admin.call(TOOL, { kind: 'project', item: 'Website', customer: 'Globex' });
    expect(textOf(moved)).toBe(`Kimai refused to change the project "Website" (#${website.id}): customer: "The selected choice is invalid.".`);
    server.state.projects = server.state.projects.filter((project) => project.id !== website.id);
    const gone = await admin.call(TOOL, { kind: 'project', item: 'Website', billable: false });
    expect(textOf(gone)).toBe(`There is no project #${website.id} in Kimai.`);
  });
});

describe("the fake's duration strings against Punchcard's", () => {
  it('reads back every budget Punchcard writes as the same number of seconds, and a bare number as hours', () => {
    for (const seconds of [0, 1, 900, 37_800, 36_900, 1200, 3_599_999, 1_800_000_000]) expect(kimaiDurationSeconds(durationText(seconds))).toBe(seconds);
    expect(kimaiDurationSeconds('7200')).toBe(7200 * 3600);
    expect(kimaiDurationSeconds('10,25')).toBe(36_900);
    expect(kimaiDurationSeconds('1h30m')).toBe(5400);
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before a change (%s era)', (era) => {
  it('names the item and each change before → after, and changes it once confirmed', async () => {
    const { server, shop } = await kimaiWithCatalog();
    const asked: ElicitRequestFormParams[] = [];
    const admin = await connect(server, ANN, { era, elicitation: (params) => (asked.push(params), { action: 'accept', content: {} }) });
    const changed = await admin.call(TOOL, { kind: 'project', item: 'Shop', name: 'Online shop', budget_hours: 12.75, end: '2027-06-30' });
    expect(changed.isError, textOf(changed)).toBeFalsy();
    expect(asked.map((params) => params.message)).toEqual([
      `Change the project "Shop" (#${shop.id}): name "Shop" → "Online shop"; time budget 0 h → 12.75 h; end 2026-12-31 → 2027-06-30?`,
    ]);
    expect(server.state.projects.find((project) => project.id === shop.id)).toMatchObject({ name: 'Online shop', timeBudget: 45_900, end: '2027-06-30' });
  });

  it.each([
    ['declined', { action: 'decline' } as const, /you said no when asked\. Nothing was changed\./],
    ['dismissed', { action: 'cancel' } as const, /the question was dismissed without an answer\. Nothing was changed\./],
  ])('%s, changes nothing and says so', async (_label, answer, words) => {
    const { server, shop } = await kimaiWithCatalog();
    const admin = await connect(server, ANN, { era, elicitation: () => answer });
    const refused = await admin.call(TOOL, { kind: 'project', item: 'Shop', billable: false });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(new RegExp(`^The project "Shop" \\(#${shop.id}\\) was not changed: `));
    expect(textOf(refused)).toMatch(words);
    expect(patches(server)).toEqual([]);
  });
});
