// manage_rates on Kimai, through the engine in process against the fake Kimai: an administrator
// (Ann, ROLE_ADMIN), a team lead (Tom) and a worker (Ada). Who is offered it, each action on each
// kind, people named by id, e-mail or name as far as Kimai shows an administrator them, refusals in
// words before anything is sent, the question before a change in both protocol eras, Kimai's 403
// withdrawing the tool, and a replacement Kimai refuses half-way (the old rate put back, or said gone).
import { describe, expect, it } from 'vitest';
import { readDetection } from '../../../mcp-server/providers/kimai/facts.ts';
import { type Era, refusalOf, textOf } from '../../support/engine.ts';
import { ADA, ANN, kimaiAdmin, TOM } from '../../support/kimai-admin.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeKimaiConfig, type FakeUser, seedCatalog } from '../providers/kimai/fake-kimai.ts';

const { startKimai, connect, offered } = kimaiAdmin('manage_rates');

const BEA: FakeUser = { id: 8, username: 'bea', alias: 'Bea Kowalski', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-bea-0123456789' };

/**
 * ACME (EUR) with its project Website (Ada's own rate 95 an hour) and the activity Design (500 per
 * entry for everyone), ACME itself at 80 an hour (internal 60) for everyone, the global Meeting, and
 * the team Web (Tom leads Ada and Bea).
 */
async function kimaiWithRates(revoked: FakeKimaiConfig['revoked'] = {}) {
  const fake = await startKimai({ config: { revoked }, users: [...DEFAULT_USERS, ANN, BEA] });
  const catalog = seedCatalog(fake);
  fake.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }, { userId: BEA.id }]);
  const rate = (
    kind: 'customers' | 'projects' | 'activities',
    entityId: number,
    userId: number | null,
    amount: number,
    internal: number | null,
    isFixed = false,
  ) => fake.state.rates.push({ id: 500 + fake.state.rates.length, kind, entityId, userId, rate: amount, internalRate: internal, isFixed });
  rate('customers', catalog.acme.id, null, 80, 60);
  rate('projects', catalog.website.id, ADA.id, 95, null);
  rate('activities', catalog.design.id, null, 500, null, true);
  return { server: fake, ...catalog };
}

const rateRequests = (server: FakeKimai) => server.requests.filter((request) => /\/rates(\/\d+)?$/.test(request.path));
const ratesOf = (server: FakeKimai, kind: string, entityId: number) =>
  server.state.rates
    .filter((rate) => rate.kind === kind && rate.entityId === entityId)
    .map(({ userId, rate, internalRate, isFixed }) => ({ userId, rate, internalRate, isFixed }));

describe('manage_rates on Kimai', () => {
  it('is offered to an administrator, not to a team lead or a worker', async () => {
    const { server } = await kimaiWithRates();
    const admin = await connect(server, ANN);
    await expect.poll(() => offered(admin)).toBe(true);
    await admin.close();
    for (const [person, role] of [
      [TOM, 'ROLE_TEAMLEAD'],
      [ADA, 'ROLE_USER'],
    ] as const) {
      const other = await connect(server, person);
      expect(await offered(other)).toBe(false);
      // Not offered is not callable: the client is told why, in words, naming the role Kimai's profile gave once it is
      // read, and nothing reaches Kimai.
      const call = () => other.call('manage_rates', { action: 'list', kind: 'project', item: 'Website' });
      await expect.poll(async () => refusalOf(await call())?.facts.why).toBe('role');
      const before = server.requests.length;
      const refused = await call();
      expect(server.requests.length).toBe(before);
      expect(refusalOf(refused)).toMatchObject({ code: 'tool_withheld', facts: { tool: 'manage_rates', why: 'role', role, needs: 'ROLE_ADMIN' } });
      expect(textOf(refused)).toMatch(
        new RegExp(
          `^manage_rates needs the role "ROLE_ADMIN" \\(or one above it\\) in Kimai \\(http://127\\.0\\.0\\.1:\\d+\\), and yours there is "${role}", so Punchcard does not offer it to you\\. Nothing was sent\\.$`,
        ),
      );
      await other.close();
    }
    // Nothing reached Kimai's rates from the two who may not administer them.
    expect(rateRequests(server).map((request) => request.credential)).toEqual([]);
  });

  it('lists the rates of a customer, a project and an activity, in the customer’s currency', async () => {
    const { server, acme, website, design } = await kimaiWithRates();
    const admin = await connect(server, ANN);
    const customer = await admin.call('manage_rates', { action: 'list', kind: 'customer', item: 'acme' });
    expect(customer.structuredContent).toEqual({
      action: 'list',
      kind: 'customer',
      item: { id: acme.id, name: 'ACME' },
      currency: 'EUR',
      rates: [{ id: expect.any(Number), person: null, hourly: 80, fixed: null, internal: 60 }],
    });
    expect(textOf(customer)).toMatch(/^Rates of the customer "ACME" \(#\d+\):\n#\d+ everyone: 80 "EUR" an hour, internal 60 "EUR"$/);
    const project = await admin.call('manage_rates', { action: 'list', kind: 'project', item: `#${website.id}` });
    expect(project.structuredContent?.rates).toEqual([
      { id: expect.any(Number), person: { id: ADA.id, name: 'Ada Lovelace' }, hourly: 95, fixed: null, internal: null },
    ]);
    const activity = await admin.call('manage_rates', { action: 'list', kind: 'activity', item: 'Design' });
    expect(textOf(activity)).toMatch(/everyone: 500 "EUR" per time entry \(fixed\)$/);
    expect(activity.structuredContent).toMatchObject({ item: { id: design.id }, currency: 'EUR' });
    // A global activity's amounts are in the currency of whichever customer it is booked for.
    const meeting = await admin.call('manage_rates', { action: 'list', kind: 'activity', item: 'Meeting' });
    expect(meeting.structuredContent).toMatchObject({ currency: null, rates: [] });
    expect(textOf(meeting)).toBe('The activity "Meeting" (#4) has no rates of its own. Amounts are in the currency of the customer booked for.');
    const ada = await admin.call('manage_rates', { action: 'list', kind: 'customer', item: 'ACME', person: 'Ada Lovelace' });
    expect(textOf(ada)).toMatch(/^The customer "ACME" \(#\d+\) has no rate for "Ada Lovelace" \(#1\) of its own\.$/);
  });

  it('sets a new rate, replaces one (removed and made again), changes the internal rate alone, and removes one', async () => {
    const { server, acme, website, design } = await kimaiWithRates();
    const admin = await connect(server, ANN);
    const made = await admin.call('manage_rates', { action: 'set', kind: 'project', item: 'Website', hourly: 90, internal: 55.5 });
    expect(made.isError, textOf(made)).toBeFalsy();
    expect(textOf(made)).toMatch(/^Set the rate of the project "Website" \(#\d+\) for everyone: none → 90 "EUR" an hour, internal 55.50 "EUR"\.$/);
    expect(made.structuredContent).toMatchObject({ before: null, after: { hourly: 90, fixed: null, internal: 55.5 } });
    expect(ratesOf(server, 'projects', website.id)).toEqual([
      { userId: ADA.id, rate: 95, internalRate: null, isFixed: false },
      { userId: null, rate: 90, internalRate: 55.5, isFixed: false },
    ]);
    // Ada's own rate by her name (the rate list shows her), now fixed per entry.
    const fixed = await admin.call('manage_rates', { action: 'set', kind: 'project', item: 'Website', person: 'ada lovelace', fixed: 400 });
    expect(textOf(fixed)).toMatch(/for "Ada Lovelace" \(#1\): 95 "EUR" an hour → 400 "EUR" per time entry \(fixed\)\.$/);
    const sent = rateRequests(server).slice(-2);
    expect(sent.map((request) => request.method)).toEqual(['DELETE', 'POST']);
    expect(JSON.parse(sent[1]?.body ?? '{}')).toEqual({ user: ADA.id, rate: 400, isFixed: true });
    // The internal rate alone: the amount and its kind stay.
    const internal = await admin.call('manage_rates', { action: 'set', kind: 'customer', item: 'ACME', internal: 65 });
    expect(textOf(internal)).toMatch(/for everyone: 80 "EUR" an hour, internal 60 "EUR" → 80 "EUR" an hour, internal 65 "EUR"\.$/);
    expect(ratesOf(server, 'customers', acme.id)).toEqual([{ userId: null, rate: 80, internalRate: 65, isFixed: false }]);
    // The same values again: nothing is sent.
    const before = server.requests.length;
    const same = await admin.call('manage_rates', { action: 'set', kind: 'customer', item: 'ACME', hourly: 80 });
    expect(textOf(same)).toMatch(/is 80 "EUR" an hour, internal 65 "EUR" already\. Nothing was changed\.$/);
    expect(rateRequests(server).slice(-1)[0]?.method).toBe('GET');
    expect(server.requests.slice(before).some((request) => request.method !== 'GET')).toBe(false);
    const removed = await admin.call('manage_rates', { action: 'remove', kind: 'activity', item: 'Design' });
    expect(textOf(removed)).toMatch(/^Removed the rate of the activity "Design" \(#\d+\) for everyone \(was 500 "EUR" per time entry \(fixed\)\)\.$/);
    expect(removed.structuredContent).toMatchObject({ before: { hourly: null, fixed: 500, internal: null }, after: null });
    expect(ratesOf(server, 'activities', design.id)).toEqual([]);
  });

  it('finds a person by id, by name in a team, or by the administrator’s own e-mail; refuses a name Kimai does not show', async () => {
    const { server, acme } = await kimaiWithRates();
    const admin = await connect(server, ANN);
    // Bea is on no rate: her name is found in the team Web, which an administrator may read.
    const bea = await admin.call('manage_rates', { action: 'set', kind: 'customer', item: 'ACME', person: 'Bea Kowalski', hourly: 70 });
    expect(textOf(bea)).toMatch(/for "Bea Kowalski" \(#8\): none → 70 "EUR" an hour/);
    expect(server.requests.some((request) => request.path === '/api/teams')).toBe(true);
    const byId = await admin.call('manage_rates', { action: 'set', kind: 'customer', item: 'ACME', person: '#3', hourly: 120 });
    expect(textOf(byId)).toMatch(/for "user #3" \(#3\): none → 120 "EUR" an hour/);
    const own = await admin.call('manage_rates', { action: 'set', kind: 'customer', item: 'ACME', person: 'ann@example.com', hourly: 100 });
    expect(textOf(own)).toMatch(/for "Ann Admin" \(#7\): none → 100 "EUR" an hour/);
    expect(ratesOf(server, 'customers', acme.id).map((rate) => rate.userId)).toEqual([null, BEA.id, 3, ANN.id]);
    const count = server.state.rates.length;
    const unknown = await admin.call('manage_rates', { action: 'set', kind: 'customer', item: 'ACME', person: 'Zoe', hourly: 1 });
    expect(textOf(unknown)).toBe(
      'Kimai shows you nobody called "Zoe". An administrator sees people on rates and in teams only (listing every user is a super administrator\'s right, view_user). Name the person by their Kimai user id (System, Users in Kimai). Nothing was changed.',
    );
    const mail = await admin.call('manage_rates', { action: 'remove', kind: 'customer', item: 'ACME', person: 'bea@example.com' });
    expect(textOf(mail)).toMatch(
      /^Kimai shows you nobody called "bea@example.com"\. Kimai shows an administrator no e-mail address but their own\. An administrator sees/,
    );
    expect(server.state.rates.length).toBe(count);
  });

  it('refuses in words, before anything changes: unknown items, both amounts, amounts out of bounds, values to list, a rate that is not there', async () => {
    const { server } = await kimaiWithRates();
    const admin = await connect(server, ANN);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ action: 'list', kind: 'project', item: 'Webs' }, /^No project "Webs"\. Known: "Website" \(#\d+\)\.$/],
      [{ action: 'set', kind: 'project', item: 'Website', hourly: 90, fixed: 400 }, /^A rate is hourly or fixed per time entry, not both/],
      [{ action: 'set', kind: 'project', item: 'Website', hourly: -5 }, /^hourly is an amount in the currency's units, from 0 to 1,000,000; -5 is not\.$/],
      [{ action: 'list', kind: 'project', item: 'Website', hourly: 90 }, /^hourly is for set only; leave it out to list\.$/],
      [{ action: 'set', kind: 'project', item: 'Website' }, /^To set a rate, give hourly \(per hour\) or fixed \(per time entry\)/],
      [
        { action: 'remove', kind: 'customer', item: 'ACME', person: 'Ada Lovelace' },
        /^The customer "ACME" \(#\d+\) has no rate for "Ada Lovelace" \(#1\)\. Nothing was removed\.$/,
      ],
      [{ action: 'list', kind: 'project', item: ' ' }, /^item is a name or number of 1 to 200 characters\.$/],
    ];
    const rates = JSON.stringify(server.state.rates);
    for (const [args, words] of cases) {
      const refused = await admin.call('manage_rates', args);
      expect(refused.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(refused)).toMatch(words);
    }
    expect(JSON.stringify(server.state.rates)).toBe(rates);
    expect(rateRequests(server).every((request) => request.method === 'GET')).toBe(true);
  });

  it('withdraws manage_rates at once when Kimai refuses an administrator the rates (403), naming the right', async () => {
    const { server } = await kimaiWithRates({ ROLE_ADMIN: ['edit_project'] });
    const admin = await connect(server, ANN);
    await expect.poll(() => offered(admin)).toBe(true);
    const refused = await admin.call('manage_rates', { action: 'list', kind: 'project', item: 'Website' });
    expect(textOf(refused)).toBe(
      'Kimai did not let you read the rates of project "Website" (403 Forbidden): rates need the right to edit the project (permission edit_project), which your account lacks. Nothing was changed; manage_rates is switched off.',
    );
    await expect.poll(() => offered(admin)).toBe(false);
    expect(readDetection(admin.userDataDir, server.url)?.ratesRefused).toBe(true);
  });

  it('puts the old rate back when Kimai refuses its replacement, and says plainly when it could not', async () => {
    const { server, acme } = await kimaiWithRates();
    const admin = await connect(server, ANN);
    const refusal = {
      status: 400,
      body: { code: 400, message: 'Validation Failed', errors: { children: { rate: { errors: ['This value is not valid.'] } } } },
    };
    server.failNext({ method: 'POST', path: /\/rates$/ }, refusal);
    const kept = await admin.call('manage_rates', { action: 'set', kind: 'customer', item: 'ACME', hourly: 85 });
    expect(kept.isError).toBe(true);
    expect(textOf(kept)).toMatch(
      /^Kimai refused to set a rate on customer #\d+: rate: "This value is not valid\."\. The customer "ACME" keeps its rate for everyone as it was \(80 "EUR" an hour, internal 60 "EUR"; Kimai numbers it #\d+ now\)\. Nothing else changed\.$/,
    );
    expect(ratesOf(server, 'customers', acme.id)).toEqual([{ userId: null, rate: 80, internalRate: 60, isFixed: false }]);
    server.failNext({ method: 'POST', path: /\/rates$/ }, { ...refusal, times: 2 });
    const lost = await admin.call('manage_rates', { action: 'set', kind: 'customer', item: 'ACME', hourly: 85 });
    expect(textOf(lost)).toMatch(
      /could not put it back \(.+\): the customer "ACME" \(#\d+\) now has NO rate for everyone; it was 80 "EUR" an hour, internal 60 "EUR"\. Set it again with manage_rates once Kimai answers\.$/,
    );
    expect(ratesOf(server, 'customers', acme.id)).toEqual([]);
  });
});

describe('the fake Kimai serves rates as Kimai does', () => {
  it('answers 403 to a team lead (GET included), 404 for unknown items and rates, and 400 on user for a second rate', async () => {
    const { server, website } = await kimaiWithRates();
    const call = (user: FakeUser, method: string, path: string, body?: object) =>
      fetch(`${server.url}/api${path}`, {
        method,
        headers: { Authorization: `Bearer ${user.token}`, 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    expect((await call(TOM, 'GET', `/projects/${website.id}/rates`)).status).toBe(403);
    expect((await call(ADA, 'POST', `/projects/${website.id}/rates`, { rate: 1 })).status).toBe(403);
    expect((await call(TOM, 'GET', '/projects/9999/rates')).status).toBe(404);
    expect((await call(ANN, 'DELETE', `/projects/${website.id}/rates/9999`)).status).toBe(404);
    const second = await call(ANN, 'POST', `/projects/${website.id}/rates`, { user: ADA.id, rate: 1, isFixed: false });
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ errors: { children: { user: { errors: ['This value is already used.'] } } } });
    const everyone = await call(ANN, 'POST', `/projects/${website.id}/rates`, { rate: 70, internalRate: 50, isFixed: false });
    expect(await everyone.json()).toEqual({ id: expect.any(Number), user: null, rate: 70, internalRate: 50, isFixed: false });
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before a rate changes (%s era)', (era) => {
  it('names the item, the person and the rate before and after, and changes it once confirmed', async () => {
    const { server, acme } = await kimaiWithRates();
    const asked: string[] = [];
    const admin = await connect(server, ANN, { era, elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const set = await admin.call('manage_rates', { action: 'set', kind: 'customer', item: 'ACME', hourly: 85.5 });
    expect(set.isError, textOf(set)).toBeFalsy();
    const removed = await admin.call('manage_rates', { action: 'remove', kind: 'project', item: 'Website', person: '1' });
    expect(removed.isError, textOf(removed)).toBeFalsy();
    expect(asked).toEqual([
      `Set the rate of the customer "ACME" (#${acme.id}) for everyone: 80 "EUR" an hour, internal 60 "EUR" → 85.50 "EUR" an hour, internal 60 "EUR"?`,
      expect.stringMatching(/^Remove the rate of the project "Website" \(#\d+\) for "Ada Lovelace" \(#1\): 95 "EUR" an hour → none\?$/),
    ]);
    expect(ratesOf(server, 'customers', acme.id)).toEqual([{ userId: null, rate: 85.5, internalRate: 60, isFixed: false }]);
    expect(server.state.rates.some((rate) => rate.kind === 'projects')).toBe(false);
  });

  it.each([
    ['declined', { action: 'decline' } as const, /you said no when asked\. Nothing was changed\./],
    ['dismissed', { action: 'cancel' } as const, /the question was dismissed without an answer\. Nothing was changed\./],
  ])('%s, changes nothing and says so', async (_label, answer, words) => {
    const { server } = await kimaiWithRates();
    const admin = await connect(server, ANN, { era, elicitation: () => answer });
    const rates = JSON.stringify(server.state.rates);
    const set = await admin.call('manage_rates', { action: 'set', kind: 'customer', item: 'ACME', hourly: 85 });
    expect(textOf(set)).toMatch(/^The rate of the customer "ACME" \(#\d+\) for everyone was not changed: /);
    expect(textOf(set)).toMatch(words);
    const removed = await admin.call('manage_rates', { action: 'remove', kind: 'activity', item: 'Design' });
    expect(textOf(removed)).toMatch(/^The rate of the activity "Design" \(#\d+\) for everyone was not removed: /);
    expect(JSON.stringify(server.state.rates)).toBe(rates);
    expect(rateRequests(server).every((request) => request.method === 'GET')).toBe(true);
  });
});
