// The admin group on Kimai (manage_tags, list_invoices), through the engine in process against the
// fake Kimai: an administrator (Ann, ROLE_ADMIN), a team lead (Tom) and a worker (Ada). Who is
// offered what (from the role a profile read names, off by default, denied by a policy, hidden in
// read-only mode), invoices in pages, the question before a tag is created in both protocol eras,
// refusals in words, and Kimai's 403 withdrawing a tool at once.
import type { ElicitRequestFormParams } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { readDetection } from '../../../mcp-server/providers/kimai/facts.ts';
import { offeredOf, type SessionOptions } from '../../support/admin-engine.ts';
import { type Era, type InProcessEngineHandle, textOf } from '../../support/engine.ts';
import { ADA, ANN, kimaiAdmin, TOM } from '../../support/kimai-admin.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeKimaiConfig, type FakeUser, seedCatalog } from '../providers/kimai/fake-kimai.ts';

const { startKimai, connect: connectWith } = kimaiAdmin('manage_tags');
const ADMIN_TOOLS = ['manage_tags', 'list_invoices'];
const at = (iso: string) => Date.parse(iso);

/** 60 invoices of ACME over October and November, a second customer's one, and the tag "billing". */
async function kimaiWithInvoices(revoked: FakeKimaiConfig['revoked'] = {}) {
  const fake = await startKimai({ config: { revoked }, users: [...DEFAULT_USERS, ANN] });
  const { acme } = seedCatalog(fake);
  const other = fake.addCustomer('Globex');
  for (let index = 0; index < 60; index++) {
    fake.addInvoice({
      invoiceNumber: `2026-${String(index + 1).padStart(3, '0')}`,
      customerId: acme.id,
      createdAt: at('2026-10-01T10:00:00+02:00') + index * 86_400_000,
      total: 100 + index,
      status: index % 2 === 0 ? 'paid' : 'pending',
    });
  }
  fake.addInvoice({ invoiceNumber: 'G-1', customerId: other.id, createdAt: at('2026-11-18T09:00:00+01:00'), total: 1190.5, currency: 'USD', status: 'new' });
  fake.state.tags.push({ id: 900, name: 'billing', visible: true, color: '#336699' }, { id: 901, name: 'old', visible: false });
  return fake;
}

/** A session with the admin group and manage_tags on, or with `groups` alone as they say; under a policy, or read-only. */
async function connect(
  server: FakeKimai,
  user: FakeUser,
  options: SessionOptions & { groups?: Record<string, boolean>; policy?: object; readOnly?: boolean } = {},
) {
  const { groups, readOnly, ...session } = options;
  return connectWith(server, user, {
    ...session,
    tools: { groups: groups ?? { admin: true }, enabled: groups ? {} : { manage_tags: true }, ...(readOnly ? { readOnly: true } : {}) },
  });
}

const adminListed = (handle: InProcessEngineHandle) => offeredOf(handle, ADMIN_TOOLS);

describe('the admin group on Kimai', () => {
  it('offers an administrator both tools, a team lead the invoices, a worker nothing; off by default, denied by a policy, tags hidden read-only', async () => {
    const server = await kimaiWithInvoices();
    const admin = await connect(server, ANN);
    await expect.poll(() => adminListed(admin)).toEqual(ADMIN_TOOLS);
    expect(readDetection(admin.userDataDir, server.url)?.role).toBe('ROLE_ADMIN');
    await admin.close();
    const lead = await connect(server, TOM);
    await expect.poll(() => adminListed(lead)).toEqual(['list_invoices']);
    await lead.close();
    const worker = await connect(server, ADA);
    expect(await adminListed(worker)).toEqual([]);
    expect(readDetection(worker.userDataDir, server.url)?.role).toBe('ROLE_USER');
    await worker.close();
    const unswitched = await connect(server, ANN, { groups: {} });
    expect(await adminListed(unswitched)).toEqual([]);
    await unswitched.close();
    const denied = await connect(server, ANN, { policy: { schemaVersion: 1, ai: { deniedGroups: ['admin'] } } });
    expect(await adminListed(denied)).toEqual([]);
    await denied.close();
    const readOnly = await connect(server, ANN, { readOnly: true });
    await expect.poll(() => adminListed(readOnly)).toEqual(['list_invoices']);
  });

  it('lists invoices in pages of 50, newest first, with number, customer, date, status, total and currency', async () => {
    const server = await kimaiWithInvoices();
    const admin = await connect(server, ANN);
    const first = await admin.call('list_invoices', { from: '2026-10-01', to: '2026-11-30' });
    expect(first.isError, textOf(first)).toBeFalsy();
    const data = first.structuredContent as { invoices: Array<Record<string, unknown>>; page: number; total_pages: number; total: number };
    expect(data).toMatchObject({ page: 1, total_pages: 2, total: 61 });
    expect(data.invoices).toHaveLength(50);
    expect(data.invoices[0]).toEqual({
      id: expect.any(Number),
      number: '2026-060',
      customer: 'ACME',
      date: '2026-11-29',
      status: 'pending',
      total: 159,
      currency: 'EUR',
    });
    expect(textOf(first)).toMatch(/^61 invoices made 2026-10-01 to 2026-11-30\. Page 1 of 2; ask for page 2 for more\./);
    const second = await admin.call('list_invoices', { from: '2026-10-01', to: '2026-11-30', page: 2 });
    expect((second.structuredContent?.invoices as unknown[]).length).toBe(11);
    const past = await admin.call('list_invoices', { from: '2026-10-01', to: '2026-11-30', page: 3 });
    expect(past.isError).toBe(true);
    expect(textOf(past)).toMatch(/There is no page 3 of these invoices/);
    // Status and customer go to Kimai as its filters; the customer by name, as list_catalog shows it.
    const paid = await admin.call('list_invoices', { from: '2026-11-18', to: '2026-11-19', status: ['new'], customer: 'globex' });
    expect(paid.structuredContent?.invoices).toEqual([
      { id: expect.any(Number), number: 'G-1', customer: 'Globex', date: '2026-11-18', status: 'new', total: 1190.5, currency: 'USD' },
    ]);
    const sent = server.requests.filter((request) => request.path === '/api/invoices').at(-1);
    expect(decodeURIComponent(sent?.query ?? '')).toMatch(/begin=2026-11-18T00:00:00&end=2026-11-19T23:59:59&status\[\]=new&customers\[\]=\d+/);
    const unknown = await admin.call('list_invoices', { customer: 'Initech' });
    expect(textOf(unknown)).toMatch(/^There is no customer "Initech"/);
  });

  it('withdraws list_invoices at once when Kimai refuses a team lead the invoices (403), naming the right', async () => {
    const server = await kimaiWithInvoices({ ROLE_TEAMLEAD: ['view_invoice'] });
    const lead = await connect(server, TOM);
    await expect.poll(() => adminListed(lead)).toEqual(['list_invoices']);
    const refused = await lead.call('list_invoices');
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/Kimai did not let you list invoices \(403 Forbidden\): your account lacks the permission view_invoice\./);
    await expect.poll(() => adminListed(lead)).toEqual([]);
    expect(readDetection(lead.userDataDir, server.url)?.invoicesRefused).toBe(true);
  });

  it("refuses one customer's invoices (403) as that customer's alone, and withdraws nothing", async () => {
    const server = await kimaiWithInvoices({ ROLE_TEAMLEAD: ['view_invoice'] });
    const lead = await connect(server, TOM);
    await expect.poll(() => adminListed(lead)).toEqual(['list_invoices']);
    const refused = await lead.call('list_invoices', { customer: 'Globex' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/Kimai did not let you see the invoices of customer #\d+ \(403 Forbidden\): your account may not access that customer\./);
    expect(await adminListed(lead)).toEqual(['list_invoices']);
    expect(readDetection(lead.userDataDir, server.url)?.invoicesRefused).not.toBe(true);
  });

  it('lists the visible tags, and refuses renaming, archiving and restoring in words before anything is sent', async () => {
    const server = await kimaiWithInvoices();
    const admin = await connect(server, ANN);
    const list = await admin.call('manage_tags', { action: 'list' });
    expect(list.structuredContent).toEqual({ action: 'list', tags: [{ id: 900, name: 'billing', color: '#336699', archived: false }] });
    for (const action of ['rename', 'archive', 'restore']) {
      const before = server.requests.length;
      const refused = await admin.call('manage_tags', { action, tag: 'billing', name: 'invoicing' });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toBe(
        `Kimai's API cannot ${action} a tag: it creates and deletes tags but changes none. Do it in Kimai under Tags (administrators). Nothing was sent.`,
      );
      expect(server.requests.length).toBe(before);
    }
    const twice = await admin.call('manage_tags', { action: 'create', name: 'Billing' });
    expect(textOf(twice)).toBe('The tag "billing" (#900) exists already. Nothing was created.');
    const comma = await admin.call('manage_tags', { action: 'create', name: 'a,b' });
    expect(textOf(comma)).toMatch(/cannot hold a comma/);
  });

  it("withdraws manage_tags when Kimai refuses an administrator's tag (403), naming the right", async () => {
    const server = await kimaiWithInvoices({ ROLE_ADMIN: ['create_tag'] });
    const admin = await connect(server, ANN);
    const refused = await admin.call('manage_tags', { action: 'create', name: 'travel' });
    expect(textOf(refused)).toMatch(
      /Kimai did not let you create the tag "travel" \(403 Forbidden\): your account lacks the permission create_tag\. Nothing was created/,
    );
    await expect.poll(() => adminListed(admin)).toEqual(['list_invoices']);
    expect(server.state.tags.map((tag) => tag.name)).toEqual(['billing', 'old']);
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before a tag is made (%s era)', (era) => {
  it('names the tag and its colour, and creates a visible tag once confirmed', async () => {
    const server = await kimaiWithInvoices();
    const asked: ElicitRequestFormParams[] = [];
    const admin = await connect(server, ANN, { era, elicitation: (params) => (asked.push(params), { action: 'accept', content: {} }) });
    const created = await admin.call('manage_tags', { action: 'create', name: 'travel', color: '#10b981' });
    expect(created.isError, textOf(created)).toBeFalsy();
    expect(asked.map((params) => params.message)).toEqual(['Create the tag "travel" in colour #10b981, for everyone\'s entries?']);
    expect(server.state.tags.find((tag) => tag.name === 'travel')).toMatchObject({ visible: true, color: '#10b981' });
    expect(textOf(created)).toMatch(/^Created the tag "travel" \(#\d+\)\.$/);
  });

  it.each([
    ['declined', { action: 'decline' } as const, /you said no when asked\. Nothing was changed\./],
    ['dismissed', { action: 'cancel' } as const, /the question was dismissed without an answer\. Nothing was changed\./],
  ])('%s, creates nothing and says so', async (_label, answer, words) => {
    const server = await kimaiWithInvoices();
    const admin = await connect(server, ANN, { era, elicitation: () => answer });
    const refused = await admin.call('manage_tags', { action: 'create', name: 'travel' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^The tag "travel" was not created: /);
    expect(textOf(refused)).toMatch(words);
    expect(server.state.tags.map((tag) => tag.name)).toEqual(['billing', 'old']);
    expect(server.requests.some((request) => request.method === 'POST' && request.path === '/api/tags')).toBe(false);
  });
});
