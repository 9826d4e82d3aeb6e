// manage_people on Calamari, through the engine in process against the fake Calamari: the employee
// list read-only (docs/back-ends/calamari.md, "Administration"). Offered where the organisation's key
// was seen to read the list (learned from the person's own look-up), withdrawn by a 403; list in
// Calamari's own pages, show by e-mail, id or name (a name several people have is refused, naming them);
// every write refused in words with nothing sent.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type InProcessEngineHandle, makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import {
  DEFAULT_KEY,
  type FakeCalamari,
  type FakeCalamariOptions,
  directReports,
  makeEmployee,
  SEED,
  seedOrganisation,
  startFakeCalamari,
} from '../providers/calamari/fake-calamari.ts';

const NOW = '2026-11-19T15:00:00+01:00';
const opened = closeAfterEach();

async function organisation(options: Partial<FakeCalamariOptions> = {}) {
  const fake = opened(await startFakeCalamari({ now: clockStartingAt(NOW), ...options }));
  seedOrganisation(fake);
  return fake;
}

async function connect(fake: FakeCalamari): Promise<InProcessEngineHandle> {
  const userDataDir = makeUserDataDir({
    provider: { type: 'calamari', url: `${fake.url}/api`, email: 'ada@acme.example' },
    timezone: 'Europe/Berlin',
    tools: { groups: { admin: true }, enabled: { manage_people: true } },
  });
  const engine = opened(await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY } }));
  // whoami reads the person from the employee list: what tells whether this key reads it.
  await engine.call('whoami');
  return engine;
}

const offered = async (engine: InProcessEngineHandle) => (await engine.client.listTools()).tools.some((tool) => tool.name === 'manage_people');
const searches = (fake: FakeCalamari) => fake.requests.filter((request) => request.path.endsWith('/employees/v1/search'));

describe('manage_people on Calamari: the employee list, read-only', () => {
  it("is offered where the key reads the employee list, and lists it in Calamari's own pages, archived people when asked", async () => {
    const fake = await organisation();
    const engine = await connect(fake);
    await expect.poll(() => offered(engine)).toBe(true);
    const before = searches(fake).length;
    const first = await engine.call('manage_people', { action: 'list' });
    expect(first.isError, textOf(first)).toBeFalsy();
    expect(first.structuredContent).toEqual({
      action: 'list',
      people: [
        { id: 1, name: 'Ada Lovelace', email: 'ada@acme.example', role: null, active: true, teams: ['Engineering'] },
        expect.objectContaining({ id: 2, email: 'bob@acme.example', active: true }),
      ],
      page: 1,
      total_pages: 2,
    });
    expect(textOf(first)).toMatch(
      /^People \(active\)\. Page 1 of 2; ask for page 2 for more\.\n#1 "Ada Lovelace" <"ada@acme\.example">; teams: "Engineering"\n/,
    );
    // One request a call: Calamari's limit is the whole organisation's.
    expect(searches(fake).length - before).toBe(1);
    expect(JSON.parse(searches(fake).at(-1)?.body ?? '{}')).toEqual({ page: 0 });
    const second = await engine.call('manage_people', { action: 'list', page: 2 });
    expect((second.structuredContent?.people as Array<{ id: number }>).map((person) => person.id)).toEqual([3]);
    const archived = await engine.call('manage_people', { action: 'list', page: 2, include_inactive: true });
    expect(archived.structuredContent?.people).toEqual([expect.objectContaining({ id: 3 }), expect.objectContaining({ id: 4, active: false })]);
    expect(textOf(await engine.call('manage_people', { action: 'list', page: 3 }))).toBe('There is no page 3 of the employees: Calamari has 2 pages.');
  });

  it('shows one employee by e-mail (one request), by id or by name (page by page), archived ones too', async () => {
    const fake = await organisation();
    const engine = await connect(fake);
    const before = searches(fake).length;
    const dan = await engine.call('manage_people', { action: 'show', person: 'DAN@acme.example' });
    expect(dan.structuredContent).toEqual({
      action: 'show',
      people: [expect.objectContaining({ id: 4, email: 'dan@acme.example', active: false, role: null })],
    });
    expect(searches(fake).length - before).toBe(1);
    expect(JSON.parse(searches(fake).at(-1)?.body ?? '{}')).toEqual({ employee: 'DAN@acme.example', withArchived: true });
    const cleo = await engine.call('manage_people', { action: 'show', person: '3' });
    expect(cleo.structuredContent).toMatchObject({ people: [{ id: 3, email: 'cleo@acme.example' }] });
    const byName = await engine.call('manage_people', {
      action: 'show',
      person: textOf(cleo)
        .replace(/^#3 "(.*?)" <.*$/s, '$1')
        .toUpperCase(),
    });
    expect(byName.structuredContent).toMatchObject({ people: [{ id: 3 }] });
    expect(textOf(await engine.call('manage_people', { action: 'show', person: 'nobody@acme.example' }))).toBe(
      "Nobody in Calamari's employee list has the e-mail nobody@acme.example.",
    );
    expect(textOf(await engine.call('manage_people', { action: 'show', person: '99' }))).toBe(
      `Nobody in Calamari's employee list is "99"; list shows everyone.`,
    );
  });

  it('names every employee a name fits when several do, and asks for an e-mail, changing nothing', async () => {
    // One page holds everyone: the namesakes are met on the same page.
    const fake = await organisation({ employeesPageSize: 10 });
    fake.state.employees.push(makeEmployee(5, 'Bob', 'Builder', [SEED.teams.sales], { email: 'robert.builder@acme.example' }));
    const engine = await connect(fake);
    const employees = JSON.stringify(fake.state.employees);
    const before = fake.requests.length;
    const ambiguous = await engine.call('manage_people', { action: 'show', person: 'bob builder' });
    expect(ambiguous.isError).toBe(true);
    expect(textOf(ambiguous)).toBe(
      'Several employees are called "bob builder": "Bob Builder" <"bob@acme.example">, "Bob Builder" <"robert.builder@acme.example">. Name one by e-mail.',
    );
    expect(fake.requests.slice(before).map((request) => request.path)).toEqual(['/api/employees/v1/search']);
    expect(JSON.stringify(fake.state.employees)).toBe(employees);
    // Named by e-mail, the one meant is found.
    const robert = await engine.call('manage_people', { action: 'show', person: 'robert.builder@acme.example' });
    expect(robert.structuredContent).toMatchObject({ people: [{ id: 5, name: 'Bob Builder', email: 'robert.builder@acme.example' }] });
  });

  it('finds namesakes on different pages too: a name is unique only once the whole list was read', async () => {
    // Two a page: Bob Builder #2 is on the first page, his namesake #5 on the third.
    const fake = await organisation();
    fake.state.employees.push(makeEmployee(5, 'Bob', 'Builder', [SEED.teams.sales], { email: 'robert.builder@acme.example' }));
    const engine = await connect(fake);
    const before = searches(fake).length;
    const ambiguous = await engine.call('manage_people', { action: 'show', person: 'Bob Builder' });
    expect(textOf(ambiguous)).toBe(
      'Several employees are called "Bob Builder": "Bob Builder" <"bob@acme.example">, "Bob Builder" <"robert.builder@acme.example">. Name one by e-mail.',
    );
    expect(searches(fake).length - before).toBe(3);
    // An id is one person's: found on its page, without reading further.
    const bob = await engine.call('manage_people', { action: 'show', person: '#2' });
    expect(bob.structuredContent).toMatchObject({ people: [{ id: 2, email: 'bob@acme.example' }] });
    expect(searches(fake).length - before).toBe(4);
    // Past the pages one call reads, a name found is not known to be one person's: it is named, to be asked for by e-mail.
    fake.state.employees.push(...directReports(20, 2));
    const cleo = await engine.call('manage_people', { action: 'show', person: 'Cleo Patra' });
    expect(textOf(cleo)).toBe(
      `"Cleo Patra" is "Cleo Patra" <"cleo@acme.example"> in the first 10 pages of Calamari's employee list, and may be someone on a later page too: the list goes on past those, which is as far as one call reads (its requests are the whole organisation's). Name them by e-mail: Calamari finds that in one request.`,
    );
    expect(searches(fake).length - before).toBe(14);
  });

  it('refuses every write in words, sending nothing', async () => {
    const fake = await organisation();
    const engine = await connect(fake);
    const before = fake.requests.length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ action: 'invite', name: 'Grace', email: 'grace@acme.example' }, 'invite'],
      [{ action: 'update', person: 'bob@acme.example', name: 'Robert' }, 'change'],
      [{ action: 'deactivate', person: 'bob@acme.example' }, 'deactivate'],
      [{ action: 'reactivate', person: 'dan@acme.example' }, 'reactivate'],
      [{ action: 'invite', name: 'Grace', email: 'grace@acme.example', manages: ['Bob'] }, 'invite'],
    ];
    for (const [args, verb] of cases) {
      const refused = await engine.call('manage_people', args);
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toBe(
        `Punchcard only reads Calamari's employee list: it does not ${verb} anyone there. Do it in Calamari's own screens. Nothing was sent.`,
      );
    }
    expect(fake.requests.length).toBe(before);
  });

  it('is not offered to a key without the employee endpoints, and a 403 withdraws it at once, in words', async () => {
    const limited = await organisation({ keyGroups: ['clockin', 'leave', 'holidays'] });
    const without = await connect(limited);
    expect(await offered(without)).toBe(false);
    const fake = await organisation();
    const engine = await connect(fake);
    await expect.poll(() => offered(engine)).toBe(true);
    fake.options.keyGroups = ['clockin', 'leave', 'holidays'];
    const refused = await engine.call('manage_people', { action: 'list' });
    expect(textOf(refused)).toBe(
      'Calamari did not let this key read the employee list (403 Forbidden): the key lacks the employee endpoints. manage_people is switched off; your Calamari administrator can give the key them.',
    );
    await expect.poll(() => offered(engine)).toBe(false);
  });
});
