// update_catalog_item and correct_time_entries on Clockodo, through the engine in process against the fake
// Clockodo: the owner (Olga), a manager (Mia) and a worker (Ada). Who is offered what (the owner alone,
// from the role Clockodo names), each change of a customer, project and service with only the changed
// fields sent, one budget with its money-or-hours flag, refusals in words before anything is sent, the
// bulk preview matching what is then changed, a move taking the new project's customer, the billed mark
// kept, each person's edit lock leaving entries untouched, the request bound, a 403 withdrawing each tool,
// and the question in both protocol eras (accepted, declined, dismissed).
import { describe, expect, it } from 'vitest';
import { clockodoFacts, clockodoFactsKey } from '../../../mcp-server/providers/clockodo/facts.ts';
import { offeredOf } from '../../support/admin-engine.ts';
import { ADA, BOB, clockodoAdmin, MIA, OLGA } from '../../support/clockodo-admin.ts';
import { type Era, type InProcessEngineHandle, refusalOf, textOf } from '../../support/engine.ts';
import { type FakeClockodo, type FakeEntry, type FakeUser, seedCompany } from '../providers/clockodo/fake-clockodo.ts';

const TOOLS = ['update_catalog_item', 'correct_time_entries'];
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const { startClockodo, connect } = clockodoAdmin({ correct_time_entries: true });

/**
 * The seeded company (ACME with Website and Legacy, Globex with Rocket; Development, Meeting), Website
 * with a 20-hour budget, and November's entries: Ada's on the 3rd and 4th, and on the 5th billed; Bob's
 * on the 4th (inside his edit lock, which ends with that day) and on the 6th.
 */
async function company(options: { adaExtra?: number; users?: FakeUser[] } = {}) {
  const users = options.users ?? [ADA, { ...BOB, editLock: '2026-11-04' }, MIA, OLGA];
  const fake = await startClockodo(users);
  const ids = seedCompany(fake);
  const project = (id: number | undefined) => fake.state.projects.find((item) => item.id === id);
  Object.assign(project(ids.projects.website) ?? {}, { budget: { amount: 20, monetary: false, hard: true, from_subprojects: false } });
  const entry = (user: FakeUser, iso: string, extra: Partial<FakeEntry> = {}) =>
    fake.addEntry({
      usersId: user.id,
      customersId: ids.customers.acme as number,
      projectsId: ids.projects.website as number,
      servicesId: ids.services.development as number,
      timeSince: at(iso),
      timeUntil: at(iso) + 2 * HOUR,
      ...extra,
    });
  const entries = {
    ada3: entry(ADA, '2026-11-03T09:00:00+01:00'),
    ada4: entry(ADA, '2026-11-04T09:00:00+01:00'),
    billed: entry(ADA, '2026-11-05T09:00:00+01:00', { billable: 2 }),
    bobLocked: entry(BOB, '2026-11-04T13:00:00+01:00'),
    bob6: entry(BOB, '2026-11-06T09:00:00+01:00'),
  };
  for (let index = 0; index < (options.adaExtra ?? 0); index++)
    entry(ADA, `2026-11-${String(9 + (index % 10)).padStart(2, '0')}T${String(7 + Math.floor(index / 10)).padStart(2, '0')}:00:00+01:00`);
  return { fake, ids, entries, project };
}

const offered = (engine: InProcessEngineHandle) => offeredOf(engine, TOOLS);
const puts = (fake: FakeClockodo, path: RegExp) => fake.requests.filter((request) => request.method === 'PUT' && path.test(request.path));
const catalogPuts = (fake: FakeClockodo) => puts(fake, /^\/api\/v(3\/customers|4\/projects|4\/services)\/\d+$/);
const entryPuts = (fake: FakeClockodo) => puts(fake, /^\/api\/v2\/entries\/\d+$/);
const bodyOf = (request: { body?: string } | undefined) => JSON.parse(request?.body ?? '{}') as Record<string, unknown>;
const idOf = (request: { path: string }) => Number(request.path.split('/').at(-1));

describe('administration of the catalog and of entries on Clockodo', () => {
  it("offers the owner both tools, and a manager and a worker neither, naming their role and the owner's when called", async () => {
    const { fake } = await company();
    expect(await offered(await connect(fake, OLGA))).toEqual(TOOLS);
    for (const [user, role] of [
      [MIA, 'manager'],
      [ADA, 'worker'],
    ] as const) {
      const engine = await connect(fake, user);
      expect(await offered(engine)).toEqual([]);
      // The role Clockodo names for the login, learned as it opens.
      await expect
        .poll(async () => refusalOf(await engine.call('update_catalog_item', { kind: 'project', item: 'Website', name: 'Web' })))
        .toMatchObject({
          code: 'tool_withheld',
          facts: { tool: 'update_catalog_item', why: 'role', role, needs: 'owner' },
        });
      expect(refusalOf(await engine.call('correct_time_entries', { ...NOVEMBER, set: { billable: false } }))).toMatchObject({
        code: 'tool_withheld',
        facts: { tool: 'correct_time_entries', why: 'role', role, needs: 'owner' },
      });
    }
    expect(catalogPuts(fake)).toEqual([]);
    expect(entryPuts(fake)).toEqual([]);
  });

  it("changes a project's budget (money replacing hours), billable, note, customer, start and deadline, sending only those", async () => {
    const { fake, ids, project } = await company();
    const olga = await connect(fake, OLGA);
    const changed = await olga.call('update_catalog_item', {
      kind: 'project',
      item: 'Website',
      budget_money: 1500,
      billable: false,
      comment: 'Relaunch 2027',
      customer: 'Globex',
      start: '2026-12-01',
      end: '2027-03-31',
    });
    expect(changed.isError, textOf(changed)).toBeFalsy();
    expect(bodyOf(catalogPuts(fake)[0])).toEqual({
      budget: { amount: 1500, monetary: true, hard: true },
      billable_default: false,
      note: 'Relaunch 2027',
      customers_id: ids.customers.globex,
      start_date: '2026-12-01',
      deadline: '2027-03-31',
    });
    expect(project(ids.projects.website)).toMatchObject({
      name: 'Website',
      budget: { amount: 1500, monetary: true, hard: true },
      billableDefault: false,
      note: 'Relaunch 2027',
      customersId: ids.customers.globex,
      startDate: '2026-12-01',
      deadline: '2027-03-31',
    });
    const website = ids.projects.website;
    expect(textOf(changed)).toBe(
      `Changed the project "Website" (#${website}): time budget 20 h → 0 h; money budget 0 → 1500; billable yes → no; comment none → "Relaunch 2027"; ` +
        `customer "ACME" (#${ids.customers.acme}) → "Globex" (#${ids.customers.globex}); start none → 2026-12-01; end none → 2027-03-31.`,
    );
    expect(changed.structuredContent).toMatchObject({
      before: { budget_hours: 20, budget_money: 0, billable: true, comment: '', customer: 'ACME', start: null, end: null },
      after: { budget_hours: 0, budget_money: 1500, billable: false, comment: 'Relaunch 2027', customer: 'Globex', start: '2026-12-01', end: '2027-03-31' },
    });
    // The same values again are what Clockodo keeps: nothing is sent.
    const again = await olga.call('update_catalog_item', { kind: 'project', item: String(website), budget_money: 1500, end: '2027-03-31' });
    expect(textOf(again)).toBe(`The project "Website" (#${website}) already has money budget 1500 and end 2027-03-31: nothing was sent.`);
    expect(catalogPuts(fake)).toHaveLength(1);
    // Hours again replace the money; 0 removes the budget.
    await olga.call('update_catalog_item', { kind: 'project', item: 'Website', budget_hours: 12.5, name: 'Web relaunch' });
    expect(bodyOf(catalogPuts(fake)[1])).toEqual({ name: 'Web relaunch', budget: { amount: 12.5, monetary: false, hard: true } });
    const none = await olga.call('update_catalog_item', { kind: 'project', item: 'Web relaunch', budget_hours: 0 });
    expect(bodyOf(catalogPuts(fake)[2])).toEqual({ budget: null });
    expect(textOf(none)).toBe(`Changed the project "Web relaunch" (#${website}): time budget 12.5 h → 0 h.`);
    const listed = await olga.call('list_catalog', { search: 'relaunch' });
    expect((listed.structuredContent?.projects as Array<{ name: string }>).map((item) => item.name)).toEqual(['Web relaunch']);
  });

  it("renames a customer and changes its billable default and note; changes a service's note", async () => {
    const { fake, ids } = await company();
    const olga = await connect(fake, OLGA);
    const customer = await olga.call('update_catalog_item', { kind: 'customer', item: 'ACME', name: 'ACME Corp', billable: false, comment: 'Key account' });
    expect(customer.isError, textOf(customer)).toBeFalsy();
    expect(bodyOf(catalogPuts(fake)[0])).toEqual({ name: 'ACME Corp', billable_default: false, note: 'Key account' });
    expect(fake.state.customers.find((item) => item.id === ids.customers.acme)).toMatchObject({
      name: 'ACME Corp',
      billableDefault: false,
      note: 'Key account',
    });
    const service = await olga.call('update_catalog_item', { kind: 'activity', item: 'Meeting', comment: 'Internal only' });
    expect(service.isError, textOf(service)).toBeFalsy();
    expect(bodyOf(catalogPuts(fake)[1])).toEqual({ note: 'Internal only' });
    expect(service.structuredContent).toEqual({
      id: ids.services.meeting,
      kind: 'activity',
      name: 'Meeting',
      before: { comment: '' },
      after: { comment: 'Internal only' },
    });
  });

  it('refuses in words, before anything is sent, what Clockodo does not keep', async () => {
    const { fake, ids } = await company();
    const olga = await connect(fake, OLGA);
    const website = `the project "Website" (#${ids.projects.website})`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { kind: 'project', item: 'Website', budget_hours: 10, budget_money: 900 },
        `A Clockodo project has one budget, in hours or in money, not both: give budget_hours or budget_money for ${website} (the one given replaces the other). Nothing was sent.`,
      ],
      [
        { kind: 'project', item: 'Website', budget_period: 'month' },
        `Clockodo keeps a project's budget over the project's whole life; it has no monthly budget. Leave budget_period out for ${website}. Nothing was sent.`,
      ],
      [
        { kind: 'customer', item: 'ACME', budget_money: 20_000 },
        `Clockodo keeps budgets on projects only; the customer "ACME" (#${ids.customers.acme}) has none. Leave budget_hours, budget_money and budget_period out. Nothing was sent.`,
      ],
      [
        { kind: 'activity', item: 'Meeting', budget_hours: 3 },
        `Clockodo keeps budgets on projects only; the service "Meeting" (#${ids.services.meeting}) has none. Leave budget_hours, budget_money and budget_period out. Nothing was sent.`,
      ],
      [
        { kind: 'activity', item: 'Meeting', billable: false },
        "Clockodo's services keep no billable flag: set billable on the customer or the project instead. Nothing was sent.",
      ],
    ];
    for (const [args, words] of cases) {
      const refused = await olga.call('update_catalog_item', args);
      expect(refused.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(refused)).toBe(words);
    }
    expect(catalogPuts(fake)).toEqual([]);
  });

  it('withdraws update_catalog_item at once when Clockodo refuses the change (403), naming the right', async () => {
    const { fake, ids, project } = await company();
    const olga = await connect(fake, OLGA);
    // Olga is made a manager meanwhile: Clockodo refuses her the owner's fields.
    (fake.state.users.find((user) => user.id === OLGA.id) as FakeUser).role = 'manager';
    const refused = await olga.call('update_catalog_item', { kind: 'project', item: 'Website', comment: 'Mine now' });
    expect(textOf(refused)).toBe(
      `Clockodo did not let you change the project "Website" (#${ids.projects.website}) (403 Forbidden): your account lacks the owner's right to edit customers, projects and services. ` +
        'Nothing was changed; update_catalog_item is switched off.',
    );
    await expect.poll(() => offered(olga)).toEqual(['correct_time_entries']);
    expect(clockodoFacts.read(olga.userDataDir, clockodoFactsKey({ url: fake.url, email: OLGA.email }))?.refused).toEqual(['admin_catalog']);
    expect(project(ids.projects.website)?.note).toBeUndefined();
  });

  it('previews a move without a confirmation, refuses another count with the fresh preview, and moves exactly what it previewed with its customer', async () => {
    const { fake, ids, entries } = await company();
    const olga = await connect(fake, OLGA);
    const preview = await olga.call('correct_time_entries', { ...NOVEMBER, set: { project: 'Rocket' } });
    expect(preview.isError, textOf(preview)).toBeFalsy();
    const data = preview.structuredContent as {
      changed: boolean;
      count: number;
      hours: number;
      not_touched: Array<{ id: number; reason: string }>;
      entries: Array<{ id: number }>;
    };
    expect(data).toMatchObject({ changed: false, count: 4, hours: 8, locked_until: null });
    expect(data.entries.map((entry) => entry.id)).toEqual([entries.ada3.id, entries.ada4.id, entries.billed.id, entries.bob6.id]);
    expect(data.not_touched).toEqual([{ id: entries.bobLocked.id, start: '2026-11-04T13:00:00+01:00', person: 'Bob Colleague', reason: 'locked' }]);
    expect(textOf(preview).split('\n')[0]).toBe(
      `Would change 4 entries (8 h) from 2026-11-01 to 2026-11-30 among everyone's time entries: project "Rocket". Not touched, in the locked period: #${entries.bobLocked.id}. ` +
        `Clockodo's edit locks: "Bob Colleague" up to 2026-11-04.`,
    );
    expect(textOf(preview)).toMatch(/Nothing was changed: call again with confirm_count 4 to change them\.$/);
    expect(entryPuts(fake)).toEqual([]);

    const wrong = await olga.call('correct_time_entries', { ...NOVEMBER, set: { project: 'Rocket' }, confirm_count: 3 });
    expect(wrong.isError).toBe(true);
    expect(textOf(wrong)).toMatch(/^confirm_count is 3 but the correction now covers 4 entries; nothing was changed\. Would change 4 entries/);
    expect(entryPuts(fake)).toEqual([]);

    const done = await olga.call('correct_time_entries', { ...NOVEMBER, set: { project: 'Rocket' }, confirm_count: 4 });
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(textOf(done)).toBe(`Changed 4 entries (8 h): project "Rocket". Not touched, in the locked period: #${entries.bobLocked.id}.`);
    expect(entryPuts(fake).map(idOf)).toEqual(data.entries.map((entry) => entry.id));
    // Each move names the new project's customer too: Clockodo books an entry on both.
    for (const request of entryPuts(fake)) expect(bodyOf(request)).toEqual({ projects_id: ids.projects.rocket, customers_id: ids.customers.globex });
    for (const entry of [entries.ada3, entries.ada4, entries.billed, entries.bob6])
      expect([entry.projectsId, entry.customersId]).toEqual([ids.projects.rocket, ids.customers.globex]);
    // The billed mark stays; the locked entry is as it was.
    expect(entries.billed.billable).toBe(2);
    expect([entries.bobLocked.projectsId, entries.bobLocked.customersId]).toEqual([ids.projects.website, ids.customers.acme]);
  });

  it('keeps a billed entry billed when billable alone changes, marks entries exported as billable 2, and refuses tags in words', async () => {
    const { fake, entries } = await company();
    const olga = await connect(fake, OLGA);
    const done = await olga.call('correct_time_entries', { ...NOVEMBER, set: { billable: false }, confirm_count: 3 });
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(textOf(done)).toBe(
      `Changed 3 entries (6 h): not billable. Not touched, in the locked period: #${entries.bobLocked.id}. ` +
        `Not touched, exported (billable alone would undo their billed mark; give exported false to change it): #${entries.billed.id}.`,
    );
    expect(entryPuts(fake).map(idOf)).toEqual([entries.ada3.id, entries.ada4.id, entries.bob6.id]);
    expect(entryPuts(fake).map(bodyOf)).toEqual([{ billable: 0 }, { billable: 0 }, { billable: 0 }]);
    expect([entries.ada3.billable, entries.billed.billable, entries.bobLocked.billable]).toEqual([0, 2, 1]);

    const exported = await olga.call('correct_time_entries', { ...NOVEMBER, ids: [entries.ada3.id], set: { exported: true }, confirm_count: 1 });
    expect(exported.isError, textOf(exported)).toBeFalsy();
    expect(bodyOf(entryPuts(fake)[3])).toEqual({ billable: 2 });
    expect(entries.ada3.billable).toBe(2);
    const unexported = await olga.call('correct_time_entries', { ...NOVEMBER, ids: [entries.billed.id], set: { exported: false }, confirm_count: 1 });
    expect(unexported.isError, textOf(unexported)).toBeFalsy();
    expect(entries.billed.billable).toBe(1);

    const before = entryPuts(fake).length;
    const tags = await olga.call('correct_time_entries', { ...NOVEMBER, set: { add_tags: ['billing'] } });
    expect(textOf(tags)).toBe('Clockodo keeps no tags on time entries: leave add_tags out. Nothing was changed.');
    const contradiction = await olga.call('correct_time_entries', { ...NOVEMBER, set: { exported: true, billable: false } });
    expect(textOf(contradiction)).toBe(
      'In Clockodo an exported (billed) entry is a billable one: exported true with billable false cannot be. Nothing was changed.',
    );
    expect(entryPuts(fake)).toHaveLength(before);
  });

  it('leaves alone the entries of someone with a moving edit lock, and says where nobody has a lock', async () => {
    const { fake, entries } = await company({ users: [{ ...ADA, editLockDyn: 10 }, BOB, MIA, OLGA] });
    const olga = await connect(fake, OLGA);
    const preview = await olga.call('correct_time_entries', { ...NOVEMBER, set: { billable: false } });
    const data = preview.structuredContent as { count: number; not_touched: Array<{ id: number; reason: string }> };
    expect(data.count).toBe(2);
    expect(data.not_touched.map((entry) => [entry.id, entry.reason])).toEqual([
      [entries.ada3.id, 'locked'],
      [entries.ada4.id, 'locked'],
      [entries.billed.id, 'locked'],
    ]);
    expect(textOf(preview).split('\n')[0]).toMatch(
      /Clockodo keeps a moving edit lock Punchcard cannot place for "Ada Worker": their entries are left alone\.$/,
    );
    const bobOnly = await olga.call('correct_time_entries', { ...NOVEMBER, people: ['bob@example.com'], set: { billable: false } });
    expect(textOf(bobOnly).split('\n')[0]).toBe(
      "Would change 2 entries (4 h) from 2026-11-01 to 2026-11-30 among everyone's time entries: not billable. Clockodo sets no edit lock for the people concerned.",
    );
  });

  it('refuses a correction that needs more requests than one call may send, before sending any', async () => {
    const { fake } = await company({ adaExtra: 45 });
    const olga = await connect(fake, OLGA);
    const refused = await olga.call('correct_time_entries', { ...NOVEMBER, set: { billable: false }, confirm_count: 48 });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(
      /^This would change 48 entries, one request each, and this call may send only \d+ more \(40 in all\)\. Nothing was changed\./,
    );
    expect(entryPuts(fake)).toEqual([]);
  });

  it('withdraws correct_time_entries at once when Clockodo refuses a change (403), naming the right', async () => {
    const { fake, entries } = await company();
    const olga = await connect(fake, OLGA);
    fake.failNext(
      { method: 'PUT', path: `/api/v2/entries/${entries.ada3.id}` },
      { status: 403, body: { errors: [{ type: 'Forbidden', message: 'Access denied.', details: null, path: null }] } },
    );
    const refused = await olga.call('correct_time_entries', { ...NOVEMBER, set: { billable: false }, confirm_count: 3 });
    expect(textOf(refused)).toBe(
      `Clockodo did not let you change time entry #${entries.ada3.id} (403 Forbidden): your account lacks the owner's right to edit colleagues' entries, ` +
        "or the entry lies within its person's edit lock. correct_time_entries is switched off.",
    );
    await expect.poll(() => offered(olga)).toEqual(['update_catalog_item']);
    expect([entries.ada3.billable, entries.ada4.billable]).toEqual([1, 1]);
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before a change on Clockodo (%s era)', (era) => {
  it('names each change of an item before → after and each entry of a correction, and changes them once accepted', async () => {
    const { fake, ids, entries, project } = await company();
    const asked: string[] = [];
    const olga = await connect(fake, OLGA, { era, elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const changed = await olga.call('update_catalog_item', { kind: 'project', item: 'Website', budget_money: 900, end: '2027-06-30' });
    expect(changed.isError, textOf(changed)).toBeFalsy();
    const corrected = await olga.call('correct_time_entries', { ...NOVEMBER, people: ['Ada Worker'], set: { activity: 'Meeting' } });
    expect(corrected.isError, textOf(corrected)).toBeFalsy();
    expect(asked).toEqual([
      `Change the project "Website" (#${ids.projects.website}): time budget 20 h → 0 h; money budget 0 → 900; end none → 2027-06-30?`,
      `Change 3 entries (6 h) to activity "Meeting"? Clockodo sets no edit lock for the people concerned. Entries: #${entries.ada3.id}, #${entries.ada4.id}, #${entries.billed.id}`,
    ]);
    expect(project(ids.projects.website)).toMatchObject({ budget: { amount: 900, monetary: true }, deadline: '2027-06-30' });
    expect([entries.ada3.servicesId, entries.ada4.servicesId, entries.billed.servicesId, entries.bob6.servicesId]).toEqual([
      ids.services.meeting,
      ids.services.meeting,
      ids.services.meeting,
      ids.services.development,
    ]);
  });

  it.each([
    ['declined', { action: 'decline' } as const, /you said no when asked\. Nothing was changed\./],
    ['dismissed', { action: 'cancel' } as const, /the question was dismissed without an answer\. Nothing was changed\./],
  ])('%s, changes nothing and says so', async (_label, answer, words) => {
    const { fake, ids } = await company();
    const olga = await connect(fake, OLGA, { era, elicitation: () => answer });
    const item = await olga.call('update_catalog_item', { kind: 'project', item: 'Website', billable: false });
    expect(item.isError).toBe(true);
    expect(textOf(item)).toMatch(new RegExp(`^The project "Website" \\(#${ids.projects.website}\\) was not changed: `));
    expect(textOf(item)).toMatch(words);
    const entries = await olga.call('correct_time_entries', { ...NOVEMBER, set: { billable: false } });
    expect(entries.isError).toBe(true);
    expect(textOf(entries)).toMatch(/^No entry was changed: /);
    expect(textOf(entries)).toMatch(words);
    expect(catalogPuts(fake)).toEqual([]);
    expect(entryPuts(fake)).toEqual([]);
  });
});
