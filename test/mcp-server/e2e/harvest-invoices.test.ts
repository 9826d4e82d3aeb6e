// list_invoices on Harvest, through the engine in process against the fake Harvest (test/support/harvest-roles.ts):
// offered to an administrator, and to a manager with an invoice permission for the projects she manages, where the
// company has its invoices module; Harvest's four states as Punchcard's four; one status asked is Harvest's own filter.
import { describe, expect, it } from 'vitest';
import { BOB, type HarvestCompany, harvestRoles, LEA, MAX, requestsOf } from '../../support/harvest-roles.ts';

const INVOICES = ['list_invoices'];
const { company, connect } = harvestRoles({ admin: true });

type Listed = { invoices: Array<{ number: string; customer: string; date: string; status: string; total: number; currency: string }>; total: number };

function invoices({ fake, website, internal }: HarvestCompany): void {
  const acme = fake.state.clients.find((client) => client.name === 'Acme')?.id as number;
  const invoice = (number: string, state: 'draft' | 'open' | 'paid' | 'closed', issue: string, projectIds: number[]) =>
    fake.state.invoices.push({ id: fake.newId(), clientId: acme, number, amount: 1200.5, currency: 'EUR', state, issue_date: issue, projectIds });
  invoice('2026-001', 'paid', '2026-11-02', [website]);
  invoice('2026-002', 'open', '2026-11-09', [website]);
  invoice('2026-003', 'draft', '2026-11-16', [internal]);
  invoice('2026-004', 'closed', '2026-11-17', [website]);
}

describe('invoices on Harvest', () => {
  it("lists an administrator's invoices with Harvest's states as Punchcard's, newest first", async () => {
    const world = await company();
    invoices(world);
    const bob = await connect(world.fake, BOB, { tools: INVOICES, offered: INVOICES });
    const listed = (await bob.call('list_invoices', { from: '2026-11-01', to: '2026-11-30' })).structuredContent as Listed;
    expect(listed.invoices.map((item) => [item.number, item.status, item.date, item.customer, item.total, item.currency])).toEqual([
      ['2026-004', 'canceled', '2026-11-17', 'Acme', 1200.5, 'EUR'],
      ['2026-003', 'new', '2026-11-16', 'Acme', 1200.5, 'EUR'],
      ['2026-002', 'pending', '2026-11-09', 'Acme', 1200.5, 'EUR'],
      ['2026-001', 'paid', '2026-11-02', 'Acme', 1200.5, 'EUR'],
    ]);
    const sent = requestsOf(world.fake, BOB).length;
    const open = (await bob.call('list_invoices', { from: '2026-11-01', to: '2026-11-30', status: ['pending'] })).structuredContent as Listed;
    expect(open.invoices.map((item) => item.number)).toEqual(['2026-002']);
    const asked = requestsOf(world.fake, BOB)
      .slice(sent)
      .filter((request) => request.path === '/v2/invoices');
    expect(asked.map((request) => Object.fromEntries(new URLSearchParams(request.query)))).toEqual([
      expect.objectContaining({ from: '2026-11-01', to: '2026-11-30', state: 'open' }),
    ]);
  });

  it("offers a manager with an invoice permission her projects' invoices, no other manager, and nobody where the module is off", async () => {
    const world = await company();
    invoices(world);
    (world.fake.state.users.find((user) => user.id === MAX) as { access_roles: string[] }).access_roles.push('managed_projects_invoice_drafter');
    const max = await connect(world.fake, MAX, { tools: INVOICES, offered: INVOICES });
    const listed = (await max.call('list_invoices', { from: '2026-11-01', to: '2026-11-30' })).structuredContent as Listed;
    // Max manages Website, not Internal.
    expect(listed.invoices.map((item) => item.number)).toEqual(['2026-004', '2026-002', '2026-001']);
    await connect(world.fake, LEA, { tools: INVOICES, offered: [] });
    expect(world.fake.requests.filter((request) => request.status === 403)).toEqual([]);

    const off = await company();
    Object.assign(off.fake.state.accounts[0] ?? {}, { invoice_feature: false });
    await connect(off.fake, BOB, { tools: ['manage_people', ...INVOICES], offered: ['manage_people'] });
  });
});
