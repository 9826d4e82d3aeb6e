// The admin group and the catalog's writes on Clockify, through the engine in process against the fake
// Clockify: a workspace admin (Bob), the owner (Olga), a team manager (Mia) and a worker (Wes). Who is
// offered what (from the role Clockify names, learned in the background), the tag list's every action
// with the question before each change in both protocol eras, invoices in pages with Clockify's
// statuses and cents as Punchcard's, clients, projects and tasks created, archived and restored,
// refusals in words before anything is sent, and Clockify's 403 withdrawing a tool at once.
import { describe, expect, it } from 'vitest';
import { accept, ADMIN_NOW as NOW, offeredOf, type SessionOptions } from '../../support/admin-engine.ts';
import { clockifyAdmin } from '../../support/clockify-admin.ts';
import { type Era, type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine, textOf, writeSettings } from '../../support/engine.ts';
import { BOB_KEY, type FakeClockify, type FakeInvoice, MIA_KEY, OLGA_KEY, SEED, WES_KEY } from '../providers/clockify/fake-clockify.ts';

const ADMIN_TOOLS = ['create_catalog_item', 'archive_catalog_item', 'manage_tags', 'list_invoices'];
const { opened, acmeWithTeam, connect } = clockifyAdmin({ tool: 'manage_tags', enabled: { manage_tags: true, archive_catalog_item: true }, answer: accept });
const ACME = SEED.workspaces.acme;

/** Acme with its team, the tags "billing" and (archived) "old", 60 invoices of Acme Corp and one of Globex. */
async function workspace() {
  const fake = await acmeWithTeam();
  fake.state.tags.push(
    { id: '74a000000000000000000001', workspaceId: ACME, name: 'billing', archived: false },
    { id: '74a000000000000000000002', workspaceId: ACME, name: 'old', archived: true },
  );
  fake.state.clients.push({ id: '64c777ddd3fcab07cfbb0099', workspaceId: ACME, name: 'Globex', archived: false });
  const statuses: FakeInvoice['status'][] = ['PAID', 'SENT', 'OVERDUE', 'PARTIALLY_PAID', 'UNSENT', 'VOID'];
  for (let index = 0; index < 60; index++) {
    const day = new Date(Date.parse('2026-10-01T00:00:00Z') + index * 86_400_000).toISOString().slice(0, 10);
    fake.state.invoices.push({
      id: `78a68${String(index).padStart(19, '0')}`,
      workspaceId: ACME,
      number: `2026-${String(index + 1).padStart(3, '0')}`,
      clientId: SEED.clients.acme,
      currency: 'EUR',
      issuedDate: day,
      status: statuses[index % statuses.length] as FakeInvoice['status'],
      amount: 10_000 + index * 101,
    });
  }
  fake.state.invoices.push({
    id: '78a699999999999999999999',
    workspaceId: ACME,
    number: 'G-1',
    clientId: '64c777ddd3fcab07cfbb0099',
    currency: 'USD',
    issuedDate: '2026-11-18',
    status: 'UNSENT',
    amount: 119_050,
  });
  return fake;
}

const adminListed = (engine: InProcessEngineHandle) => offeredOf(engine, ADMIN_TOOLS);
const roleQuestions = (fake: FakeClockify) =>
  fake.requests.filter((request) => request.path === '/api/v1/workspaces' && /[?&]roles=/.test(request.query)).length;

/** A workspace admin's session, once Clockify named the role and the tools are offered. */
async function admin(fake: FakeClockify, options: SessionOptions = {}) {
  const engine = await connect(fake, BOB_KEY, options);
  await expect.poll(() => adminListed(engine)).toEqual(ADMIN_TOOLS);
  return engine;
}

const tagsOf = (fake: FakeClockify) => fake.state.tags.map((tag) => `${tag.name}${tag.archived ? ' (archived)' : ''}`);

describe('administration on Clockify', () => {
  it('offers a workspace admin and the owner the catalog writes, tags and invoices; a team manager and a worker none of them', async () => {
    const fake = await workspace();
    const bob = await connect(fake, BOB_KEY);
    await expect.poll(() => adminListed(bob)).toEqual(ADMIN_TOOLS);
    const olga = await connect(fake, OLGA_KEY);
    await expect.poll(() => adminListed(olga)).toEqual(ADMIN_TOOLS);
    for (const [key, role] of [
      [MIA_KEY, 'team manager'],
      [WES_KEY, 'regular user'],
    ] as const) {
      const asked = roleQuestions(fake);
      const engine = await connect(fake, key);
      // The role is asked because an admin tool is on; the answer offers nothing of the kind, and a call by name hears
      // the role Clockify named and the one invoices need.
      await expect.poll(() => roleQuestions(fake)).toBeGreaterThan(asked);
      expect(await adminListed(engine)).toEqual([]);
      await expect
        .poll(async () => refusalOf(await engine.call('list_invoices')))
        .toMatchObject({ code: 'tool_withheld', facts: { tool: 'list_invoices', why: 'role', role, needs: 'admin' } });
    }
  });

  it('asks Clockify the role only once an admin tool is switched on, and at once when one is switched on live', async () => {
    const fake = await workspace();
    const settings = { provider: { type: 'clockify', url: fake.url }, timezone: 'Europe/Berlin' };
    const userDataDir = makeUserDataDir(settings);
    const engine = opened(await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: BOB_KEY }, elicitation: accept }));
    await engine.call('whoami');
    // What the background check asks without an admin tool on: the workspace, time off; no role.
    await expect.poll(() => fake.requests.some((request) => request.path.includes('/time-off/balance/'))).toBe(true);
    expect(roleQuestions(fake)).toBe(0);
    expect(await adminListed(engine)).toEqual([]);
    writeSettings(userDataDir, { ...settings, tools: { groups: { admin: true } } });
    await expect.poll(() => adminListed(engine)).toEqual(['create_catalog_item', 'manage_tags', 'list_invoices']);
    expect(roleQuestions(fake)).toBeGreaterThan(0);
  });

  it('lists tags with the archived ones, creates, renames, archives and restores each after its question, naming what changes', async () => {
    const fake = await workspace();
    const asked: string[] = [];
    const bob = await admin(fake, { elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const list = await bob.call('manage_tags', { action: 'list' });
    expect(list.structuredContent).toEqual({
      action: 'list',
      tags: [
        { id: expect.any(Number), name: 'billing', color: null, archived: false },
        { id: expect.any(Number), name: 'old', color: null, archived: true },
      ],
    });
    const created = await bob.call('manage_tags', { action: 'create', name: 'travel' });
    expect(textOf(created)).toMatch(/^Created the tag "travel" \(#\d+\)\.$/);
    const renamed = await bob.call('manage_tags', { action: 'rename', tag: 'Billing', name: 'invoicing' });
    expect(textOf(renamed)).toMatch(/^Renamed the tag "billing" to "invoicing" \(#\d+\)\.$/);
    const archived = await bob.call('manage_tags', { action: 'archive', tag: 'travel' });
    expect(archived.structuredContent).toEqual({ action: 'archive', tags: [{ id: expect.any(Number), name: 'travel', color: null, archived: true }] });
    const oldId = (list.structuredContent?.tags as Array<{ id: number; name: string }>).find((tag) => tag.name === 'old')?.id;
    const restored = await bob.call('manage_tags', { action: 'restore', tag: `#${oldId}` });
    expect(textOf(restored)).toBe(`Restored the tag "old" (#${oldId}).`);
    expect(asked).toEqual([
      'Create the tag "travel", for everyone\'s entries?',
      'Rename the tag "billing" to "invoicing", on every entry that carries it?',
      'Archive the tag "travel"? Entries keep it, but nobody can add it to an entry until it is restored.',
      'Restore the archived tag "old", so it can be added to entries again?',
    ]);
    expect(tagsOf(fake)).toEqual(['invoicing', 'old', 'travel (archived)']);
  });

  it('refuses in words, before anything is asked or sent: a colour, a name taken, a tag not there, archiving an archived one', async () => {
    const fake = await workspace();
    const asked: string[] = [];
    const bob = await admin(fake, { elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const writes = fake.writes.length;
    const cases: Array<[Record<string, unknown>, string | RegExp]> = [
      [{ action: 'create', name: 'travel', color: '#10b981' }, "Clockify's tags have no colour: leave color out and ask again. Nothing was created."],
      [{ action: 'rename', tag: 'billing', name: 'OLD' }, /^The tag "old" \(#\d+\) exists already\. Nothing was renamed\.$/],
      [{ action: 'archive', tag: 'nothing' }, 'There is no tag "nothing"; manage_tags with action list shows the tags. Nothing was changed.'],
      [{ action: 'archive', tag: 'old' }, /^The tag "old" \(#\d+\) is archived already\. Nothing was changed\.$/],
      [{ action: 'restore', tag: 'billing' }, /^The tag "billing" \(#\d+\) is in use, not archived, already\. Nothing was changed\.$/],
      [{ action: 'rename', tag: 'billing' }, 'To rename a tag, give its new name as name.'],
    ];
    for (const [args, words] of cases) {
      const refused = await bob.call('manage_tags', args);
      expect(refused.isError, JSON.stringify(args)).toBe(true);
      if (typeof words === 'string') expect(textOf(refused)).toBe(words);
      else expect(textOf(refused)).toMatch(words);
    }
    expect(asked).toEqual([]);
    expect(fake.writes.length).toBe(writes);
    expect(tagsOf(fake)).toEqual(['billing', 'old (archived)']);
  });

  it('lists invoices in pages of 50, newest first, statuses as new, pending, paid or canceled and amounts in currency units', async () => {
    const fake = await workspace();
    const bob = await admin(fake);
    const first = await bob.call('list_invoices', { from: '2026-10-01', to: '2026-11-30' });
    expect(first.isError, textOf(first)).toBeFalsy();
    const data = first.structuredContent as { invoices: Array<Record<string, unknown>>; page: number; total_pages: number; total: number };
    expect(data).toMatchObject({ page: 1, total_pages: 2, total: 61 });
    expect(data.invoices).toHaveLength(50);
    expect(data.invoices[0]).toEqual({
      id: expect.any(Number),
      number: '2026-060',
      customer: 'Acme Corp',
      date: '2026-11-29',
      status: 'canceled',
      total: 159.59,
      currency: 'EUR',
    });
    expect(textOf(first)).toMatch(/^61 invoices made 2026-10-01 to 2026-11-30\. Page 1 of 2; ask for page 2 for more\./);
    const second = await bob.call('list_invoices', { from: '2026-10-01', to: '2026-11-30', page: 2 });
    expect((second.structuredContent?.invoices as unknown[]).length).toBe(11);
    const past = await bob.call('list_invoices', { from: '2026-10-01', to: '2026-11-30', page: 3 });
    expect(textOf(past)).toBe('There is no page 3 of these invoices: Clockify has fewer. Ask for page 1.');
    // Pending is Clockify's sent, overdue and partly paid; canceled its void; the customer goes as the client's id.
    const pending = await bob.call('list_invoices', { from: '2026-10-01', to: '2026-10-06', status: ['pending'] });
    expect((pending.structuredContent?.invoices as Array<{ number: string }>).map((invoice) => invoice.number)).toEqual(['2026-004', '2026-003', '2026-002']);
    const canceled = await bob.call('list_invoices', { from: '2026-10-01', to: '2026-10-06', status: ['canceled', 'new', 'paid'] });
    expect((canceled.structuredContent?.invoices as Array<{ status: string }>).map((invoice) => invoice.status)).toEqual(['canceled', 'new', 'paid']);
    const globex = await bob.call('list_invoices', { from: '2026-11-18', to: '2026-11-19', customer: 'globex' });
    expect(globex.structuredContent?.invoices).toEqual([
      { id: expect.any(Number), number: 'G-1', customer: 'Globex', date: '2026-11-18', status: 'new', total: 1190.5, currency: 'USD' },
    ]);
    const sent = fake.requests.filter((request) => request.path.endsWith('/invoices/info')).at(-1);
    expect(JSON.parse(sent?.body ?? '{}')).toMatchObject({
      issueDate: { 'issue-date-start': '2026-11-18', 'issue-date-end': '2026-11-19' },
      clients: { ids: ['64c777ddd3fcab07cfbb0099'] },
      page: 1,
      pageSize: 50,
    });
    // A search sent as a POST changes nothing.
    expect(fake.writes).toEqual([]);
  });

  it('creates a client, a project under it and a task under that, then archives and restores them', async () => {
    const fake = await workspace();
    const bob = await admin(fake);
    const client = await bob.call('create_catalog_item', { kind: 'customer', name: 'Initech' });
    expect(textOf(client)).toMatch(/^Created customer "Initech" \(#\d+\)\.$/);
    const project = await bob.call('create_catalog_item', { kind: 'project', name: 'Rollout', parent: 'Initech' });
    expect(textOf(project)).toMatch(/^Created project "Rollout" \(#\d+\) under "Initech"\.$/);
    const task = await bob.call('create_catalog_item', { kind: 'activity', name: 'Training', parent: 'Rollout' });
    expect(textOf(task)).toMatch(/^Created activity "Training" \(#\d+\) under "Rollout"\.$/);
    const made = fake.state.projects.find((item) => item.name === 'Rollout');
    expect(made?.clientId).toBe(fake.state.clients.find((item) => item.name === 'Initech')?.id);
    expect(fake.state.tasks.find((item) => item.name === 'Training')).toMatchObject({ projectId: made?.id, status: 'ACTIVE' });
    // What was made is in the catalog at once.
    const listed = await bob.call('list_catalog', { search: 'Training' });
    expect(textOf(listed)).toMatch(/Training/);

    const taskId = task.structuredContent?.id as number;
    const archivedTask = await bob.call('archive_catalog_item', { kind: 'activity', id: taskId });
    expect(textOf(archivedTask)).toBe(`Archived activity "Training" (#${taskId}).`);
    expect(fake.state.tasks.find((item) => item.name === 'Training')?.status).toBe('DONE');
    const projectId = project.structuredContent?.id as number;
    await bob.call('archive_catalog_item', { kind: 'project', id: projectId });
    expect(made?.archived).toBe(true);
    const clientId = client.structuredContent?.id as number;
    await bob.call('archive_catalog_item', { kind: 'customer', id: clientId });
    const restored = await bob.call('archive_catalog_item', { kind: 'customer', id: clientId, archived: false });
    expect(textOf(restored)).toBe(`Restored customer "Initech" (#${clientId}).`);
    expect(fake.state.clients.find((item) => item.name === 'Initech')?.archived).toBe(false);
    const again = await bob.call('archive_catalog_item', { kind: 'activity', id: taskId });
    expect(textOf(again)).toBe(`The task "Training" (#${taskId}) is archived already in Clockify. Nothing was changed.`);
  });

  it('refuses a task without its project in words, and sends nothing', async () => {
    const fake = await workspace();
    const bob = await admin(fake);
    const writes = fake.writes.length;
    const refused = await bob.call('create_catalog_item', { kind: 'activity', name: 'Loose' });
    expect(textOf(refused)).toBe("A Clockify task (Punchcard's activity) belongs to a project: name the project as parent. Nothing was created.");
    expect(fake.writes.length).toBe(writes);
  });

  it("says it is the workspace's plan when Clockify refuses invoices (403) for it, and withdraws list_invoices all the same", async () => {
    const fake = await workspace();
    const bob = await admin(fake);
    // The workspace lacks the INVOICING feature (workspace.yml lists it): Clockify's 403 puts it down to the subscription.
    fake.failNext(
      { method: 'POST', path: `/api/v1/workspaces/${ACME}/invoices/info` },
      { status: 403, body: { message: 'Invoicing is not available on your subscription plan', code: 403 } },
    );
    const refused = await bob.call('list_invoices');
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(
      /^Clockify did not let you list invoices \(403\): Your Clockify workspace's plan does not let Punchcard .+: "Invoicing is not available on your subscription plan"\. list_invoices is switched off\.$/,
    );
    expect(refusalOf(refused)?.code).toBe('clockify_invoices_plan_refused');
    await expect.poll(() => adminListed(bob)).toEqual(['create_catalog_item', 'archive_catalog_item', 'manage_tags']);
  });

  it('withdraws each tool at once when Clockify refuses it (403) after the admin lost the role, saying which right is missing', async () => {
    const fake = await workspace();
    const bob = await admin(fake);
    const user = fake.state.users.find((item) => item.key === BOB_KEY);
    if (user) user.roles = {};
    const tag = await bob.call('manage_tags', { action: 'rename', tag: 'billing', name: 'invoicing' });
    expect(textOf(tag)).toBe(
      'Clockify did not let you rename the tag "billing" (403): only the workspace\'s admins and its owner administer tags, and your account is not one now. Nothing was changed; manage_tags is switched off.',
    );
    // The refusal as data beside its words: the code and what it was about.
    expect(refusalOf(tag)).toEqual({ code: 'clockify_administration_refused', facts: { part: 'tags', action: 'rename the tag "billing"' } });
    await expect.poll(() => adminListed(bob)).toEqual(['create_catalog_item', 'archive_catalog_item', 'list_invoices']);
    const invoices = await bob.call('list_invoices');
    expect(textOf(invoices)).toBe(
      "Clockify did not let you list invoices (403): only the workspace's admins and its owner see invoices, and your account is not one now. list_invoices is switched off.",
    );
    await expect.poll(() => adminListed(bob)).toEqual(['create_catalog_item', 'archive_catalog_item']);
    const client = await bob.call('create_catalog_item', { kind: 'customer', name: 'Initech' });
    expect(textOf(client)).toMatch(
      /^Clockify did not let you create the client "Initech" \(403\): .* create_catalog_item and archive_catalog_item are switched off\.$/,
    );
    await expect.poll(() => adminListed(bob)).toEqual([]);
    expect(fake.state.tags.map((item) => item.name)).toEqual(['billing', 'old']);
    expect(fake.state.clients.map((item) => item.name)).not.toContain('Initech');
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before a tag changes (%s era)', (era) => {
  it.each([
    ['declined', { action: 'decline' } as const, /you said no when asked\. Nothing was changed\./],
    ['dismissed', { action: 'cancel' } as const, /the question was dismissed without an answer\. Nothing was changed\./],
  ])('%s, changes nothing and says so', async (_label, answer, words) => {
    const fake = await workspace();
    const bob = await admin(fake, { era, elicitation: () => answer });
    const writes = fake.writes.length;
    for (const [args, unchanged] of [
      [{ action: 'create', name: 'travel' }, 'The tag "travel" was not created: '],
      [{ action: 'rename', tag: 'billing', name: 'invoicing' }, 'The tag "billing" was not renamed: '],
      [{ action: 'archive', tag: 'billing' }, 'The tag "billing" was not archived: '],
      [{ action: 'restore', tag: 'old' }, 'The tag "old" was not restored: '],
    ] as const) {
      const refused = await bob.call('manage_tags', args);
      expect(refused.isError).toBe(true);
      expect(textOf(refused).startsWith(unchanged), textOf(refused)).toBe(true);
      expect(textOf(refused)).toMatch(words);
    }
    expect(fake.writes.length).toBe(writes);
    expect(tagsOf(fake)).toEqual(['billing', 'old (archived)']);
  });

  it('accepted, renames the tag', async () => {
    const fake = await workspace();
    const bob = await admin(fake, { era });
    const renamed = await bob.call('manage_tags', { action: 'rename', tag: 'billing', name: 'invoicing' });
    expect(renamed.isError, textOf(renamed)).toBeFalsy();
    expect(tagsOf(fake)).toEqual(['invoicing', 'old (archived)']);
  });
});
