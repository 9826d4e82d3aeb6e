// The fake Clockodo follows the API facts in docs/back-ends/clockodo.md;
// the Clockodo client's end-to-end tests trust it, so these checks keep it honest with plain HTTP
// requests and no Punchcard code.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_USERS, type FakeClockodo, type FakeClockodoOptions, type FakeUser, seedCompany, startFakeClockodo } from './fake-clockodo.ts';

const [ADA, BOB, MIA, OLGA] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser, FakeUser];
const APP = 'Punchcard;dev@example.com';
/** Wednesday, 6 May 2026, 12:00 in Berlin. */
const NOW = Date.parse('2026-05-06T10:00:00Z');
const at = (iso: string) => Date.parse(iso);

let fake: FakeClockodo | undefined;
afterEach(async () => fake?.close());

/** seedCompany with its ids by name (its Record type leaves every lookup possibly undefined). */
function seed(target: FakeClockodo) {
  const seeded = seedCompany(target);
  const pick = (group: Record<string, number>, name: string) => {
    const id = group[name];
    if (id === undefined) throw new Error(`seedCompany gave no id for ${name}`);
    return id;
  };
  return {
    customers: { acme: pick(seeded.customers, 'acme'), globex: pick(seeded.customers, 'globex') },
    projects: { website: pick(seeded.projects, 'website'), legacy: pick(seeded.projects, 'legacy'), rocket: pick(seeded.projects, 'rocket') },
    services: { development: pick(seeded.services, 'development'), meeting: pick(seeded.services, 'meeting'), travel: pick(seeded.services, 'travel') },
  };
}

async function start(options: FakeClockodoOptions = {}) {
  fake = await startFakeClockodo({ now: () => NOW, ...options });
  return { fake, ids: seed(fake) };
}

interface CallOptions {
  /** Whose key to send; null sends none. */
  as?: FakeUser | null;
  /** The identification header; null leaves it out. */
  app?: string | null;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request to `${url}/api${path}` with Ada's key and the identification header unless told otherwise. */
async function call(path: string, { as = ADA, app = APP, method = 'GET', body, headers = {} }: CallOptions = {}) {
  const sent: Record<string, string> = { ...headers };
  if (app !== null) sent['X-Clockodo-External-Application'] = app;
  if (as !== null) {
    sent['X-ClockodoApiUser'] = as.email;
    sent['X-ClockodoApiKey'] = as.apiKey;
  }
  const init: RequestInit = { method, headers: sent };
  if (body !== undefined) {
    sent['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`${fake?.url}/api${path}`, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The `data` array of a list answer. */
const dataOf = (answer: { json: unknown }) => (answer.json as { data: Array<Record<string, unknown>> }).data;
const idsOf = (rows: Array<Record<string, unknown>>) => rows.map((row) => row.id);
const entriesOf = (answer: { json: unknown }) => (answer.json as { entries: Array<Record<string, unknown>> }).entries;
const RANGE = 'time_since=2026-05-01T00:00:00Z&time_until=2026-06-01T00:00:00Z';

describe('the fake Clockodo: identification and authentication', () => {
  it('needs X-Clockodo-External-Application as name;email of at most 50 characters, else 400 GeneralErrors', async () => {
    await start();
    expect(await call('/v4/users/me', { app: null })).toMatchObject({ status: 400, json: { errors: [{ type: 'BadRequest', path: null }] } });
    for (const app of ['Punchcard', ';dev@example.com', 'Punchcard;', 'a;b;c', `Punchcard;${'x'.repeat(30)}@example.com`]) {
      expect((await call('/v4/users/me', { app })).status, app).toBe(400);
    }
    expect((await call('/v4/users/me', { app: `P;${'x'.repeat(36)}@example.com` })).status).toBe(200);
  });

  it('takes the two key headers or HTTP Basic; no credentials, a wrong key or an inactive user is 401', async () => {
    const { fake } = await start();
    const basic = `Basic ${Buffer.from(`${BOB.email}:${BOB.apiKey}`).toString('base64')}`;
    expect(await call('/v4/users/me', { as: null, headers: { Authorization: basic } })).toMatchObject({ status: 200, json: { data: { id: BOB.id } } });
    expect(await call('/v4/users/me', { as: null })).toMatchObject({ status: 401, json: { errors: [{ type: 'Unauthorized' }] } });
    expect((await call('/v4/users/me', { as: { ...ADA, apiKey: 'key-ada-wrong' } })).status).toBe(401);
    (fake.state.users[0] as FakeUser).active = false;
    expect(await call('/v4/users/me')).toMatchObject({ status: 401, json: { errors: [{ type: 'Unauthorized' }] } });
  });

  it('records each request with lower-case headers, its query, body, status and timings', async () => {
    const { fake, ids } = await start();
    await call(`/v2/entries?${RANGE}`);
    await call('/v2/clock', { method: 'POST', body: { customers_id: ids.customers.acme, services_id: ids.services.development } });
    const [list, post] = fake.requests;
    expect(list).toMatchObject({ method: 'GET', path: '/api/v2/entries', query: `?${RANGE}`, status: 200, body: '' });
    expect(list?.headers).toMatchObject({ 'x-clockodo-external-application': APP, 'x-clockodoapiuser': ADA.email });
    expect(post).toMatchObject({ method: 'POST', path: '/api/v2/clock', status: 200 });
    expect(JSON.parse(post?.body ?? '')).toEqual({ customers_id: ids.customers.acme, services_id: ids.services.development });
    expect(post?.answeredAt).toBeGreaterThanOrEqual(post?.receivedAt ?? Infinity);
  });

  it('serves the user and company on the aggregate (nonbusinessgroups_id) and the user on /v4/users/me', async () => {
    await start();
    expect(await call('/v2/aggregates/users/me')).toMatchObject({
      status: 200,
      json: {
        user: {
          id: 1,
          name: 'Ada Worker',
          role: 'worker',
          timezone: 'Europe/Berlin',
          can_add_customers: false,
          can_generally_see_absences: true,
          can_generally_manage_absences: false,
          teams_id: 1,
          nonbusinessgroups_id: 1,
        },
        company: {
          module_absence: true,
          module_target_hours: true,
          module_user_reports: true,
          allow_entries_for_customers: true,
          timezone_default: 'Europe/Berlin',
          target_hours_default: { monday: 8, sunday: 0 },
        },
        worktime_regulation: null,
      },
    });
    expect(await call('/v4/users/me', { as: MIA })).toMatchObject({
      status: 200,
      json: { data: { id: 3, email: MIA.email, role: 'manager', nonbusiness_groups_id: 1 } },
    });
  });
});

describe('the fake Clockodo: clock and entries', () => {
  it('runs one clock per user: a second start stops the first at its start and returns it under stopped', async () => {
    const { ids } = await start();
    const book = { customers_id: ids.customers.acme, projects_id: ids.projects.website, services_id: ids.services.development };
    const first = await call('/v2/clock', { method: 'POST', body: { ...book, time_since: '2026-05-06T08:00:00Z', text: 'Review' } });
    expect(first).toMatchObject({
      status: 200,
      json: {
        running: { type: 1, users_id: 1, time_since: '2026-05-06T08:00:00Z', time_until: null, duration: null, clocked: true, billable: 1, text: 'Review' },
        stopped: null,
        stopped_has_been_truncated: false,
        current_time: '2026-05-06T10:00:00Z',
      },
    });
    const firstId = (first.json as { running: { id: number } }).running.id;
    const second = await call('/v2/clock', { method: 'POST', body: { ...book, time_since: '2026-05-06T09:00:00Z' } });
    expect(second.json).toMatchObject({
      stopped: { id: firstId, time_until: '2026-05-06T09:00:00Z', duration: 3600 },
      running: { time_since: '2026-05-06T09:00:00Z' },
    });
    const runningId = (second.json as { running: { id: number } }).running.id;
    expect(await call('/v2/clock')).toMatchObject({ status: 200, json: { running: { id: runningId }, current_time: '2026-05-06T10:00:00Z' } });
    expect(await call('/v2/clock', { as: BOB })).toMatchObject({ status: 200, json: { running: null } });
  });

  it('refuses clock times with milliseconds, offsets or in the future, and missing fields, in the simple 400 shape', async () => {
    const { ids } = await start();
    const book = { customers_id: ids.customers.acme, services_id: ids.services.development };
    for (const time of ['2026-05-06T09:00:00.000Z', '2026-05-06T11:00:00+02:00', '2026-05-06 09:00:00', '2026-05-06T11:00:00Z']) {
      const answer = await call('/v2/clock', { method: 'POST', body: { ...book, time_since: time } });
      expect(answer, time).toMatchObject({ status: 400, json: { error: { code: 400, fields: ['time_since'] } } });
    }
    expect(await call('/v2/clock', { method: 'POST', body: { customers_id: ids.customers.acme } })).toMatchObject({
      status: 400,
      json: { error: { code: 400, fields: ['services_id'] } },
    });
  });

  it('stops only the running entry of the caller (else 404 ResourceNotFound), at time_until when given', async () => {
    const { ids } = await start();
    const book = { customers_id: ids.customers.acme, services_id: ids.services.development, time_since: '2026-05-06T09:00:00Z' };
    const ada = ((await call('/v2/clock', { method: 'POST', body: book })).json as { running: { id: number } }).running.id;
    const bob = ((await call('/v2/clock', { as: BOB, method: 'POST', body: book })).json as { running: { id: number } }).running.id;
    expect(await call(`/v2/clock/${bob}`, { method: 'DELETE' })).toMatchObject({ status: 404, json: { errors: [{ type: 'ResourceNotFound' }] } });
    expect(await call(`/v2/clock/${ada}?time_until=2026-05-06T09:30:00.000Z`, { method: 'DELETE' })).toMatchObject({
      status: 400,
      json: { error: { fields: ['time_until'] } },
    });
    expect(await call(`/v2/clock/${ada}?time_until=2026-05-06T09:30:00Z`, { method: 'DELETE' })).toMatchObject({
      status: 200,
      json: { stopped: { id: ada, time_until: '2026-05-06T09:30:00Z', duration: 1800 }, running: null, stopped_has_been_truncated: false },
    });
    expect((await call(`/v2/clock/${ada}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('lists entries that start in [time_since, time_until), oldest first, with text and names only in the enhanced list', async () => {
    const { fake, ids } = await start();
    const booking = { usersId: ADA.id, customersId: ids.customers.acme, projectsId: ids.projects.website, servicesId: ids.services.development };
    const late = fake.addEntry({ ...booking, timeSince: at('2026-05-05T08:00:00Z'), timeUntil: at('2026-05-05T10:00:00Z') });
    const early = fake.addEntry({ ...booking, timeSince: at('2026-05-04T08:00:00Z'), timeUntil: at('2026-05-04T09:00:00Z'), text: 'Standup' });
    fake.addEntry({ ...booking, timeSince: at('2026-05-03T23:00:00Z'), timeUntil: at('2026-05-04T01:00:00Z') });
    fake.addEntry({ ...booking, timeSince: at('2026-05-06T00:00:00Z'), timeUntil: at('2026-05-06T01:00:00Z') });
    const range = 'time_since=2026-05-04T00:00:00Z&time_until=2026-05-06T00:00:00Z';
    const plain = entriesOf(await call(`/v2/entries?${range}`));
    expect(idsOf(plain)).toEqual([early.id, late.id]);
    expect(plain[0]).toMatchObject({ time_since: '2026-05-04T08:00:00Z', time_until: '2026-05-04T09:00:00Z', duration: 3600 });
    expect(plain[0]).not.toHaveProperty('text');
    expect(entriesOf(await call(`/v2/entries?${range}&enhanced_list=true`))[0]).toMatchObject({
      text: 'Standup',
      customers_name: 'ACME',
      projects_name: 'Website',
      users_name: 'Ada Worker',
    });
    expect(await call('/v2/entries?time_since=2026-05-04T00:00:00Z')).toMatchObject({ status: 400, json: { error: { code: 400, fields: ['time_until'] } } });
    expect(await call('/v2/entries?time_since=2026-05-04T00:00:00.000Z&time_until=2026-05-06T00:00:00Z')).toMatchObject({
      status: 400,
      json: { error: { fields: ['time_since'] } },
    });
    expect((await call('/v2/entries?time_since=2026-05-04&time_until=2026-05-06')).status).toBe(400);
  });

  it('pages entries (1000 at most per page) in {paging, filter, entries} and lists lump sums', async () => {
    const { fake, ids } = await start();
    for (let day = 1; day <= 4; day++) {
      fake.addEntry({
        usersId: ADA.id,
        customersId: ids.customers.acme,
        projectsId: null,
        servicesId: ids.services.development,
        timeSince: at(`2026-05-0${day}T08:00:00Z`),
        timeUntil: at(`2026-05-0${day}T09:00:00Z`),
      });
    }
    fake.addEntry({
      type: 2,
      usersId: ADA.id,
      customersId: ids.customers.acme,
      projectsId: null,
      servicesId: ids.services.development,
      timeSince: at('2026-05-05T08:00:00Z'),
      timeUntil: at('2026-05-05T08:00:00Z'),
      lumpsum: 150,
    });
    const last = await call(`/v2/entries?${RANGE}&filter[users_id]=1&items_per_page=2&page=3`);
    expect(last.json).toMatchObject({ paging: { items_per_page: 2, current_page: 3, count_pages: 3, count_items: 5 }, filter: { users_id: 1 } });
    expect(entriesOf(last)).toEqual([expect.objectContaining({ type: 2, lumpsum: 150 })]);
    expect(entriesOf(last)[0]).not.toHaveProperty('duration');
    expect(await call(`/v2/entries?${RANGE}`)).toMatchObject({ json: { paging: { items_per_page: 1000, count_pages: 1, count_items: 5 }, filter: null } });
    expect(await call(`/v2/entries?${RANGE}&items_per_page=1001`)).toMatchObject({ status: 400, json: { error: { fields: ['items_per_page'] } } });
  });

  it('creates, edits and deletes entries: billable is required, a time entry also needs service and both times', async () => {
    const { ids } = await start();
    const missing = await call('/v2/entries', { method: 'POST', body: { customers_id: ids.customers.acme, time_since: '2026-05-05T08:00:00Z' } });
    expect(missing).toMatchObject({ status: 400, json: { error: { code: 400 } } });
    expect((missing.json as { error: { fields: string[] } }).error.fields.sort()).toEqual(['billable', 'services_id', 'time_until']);
    const created = await call('/v2/entries', {
      method: 'POST',
      body: {
        customers_id: ids.customers.acme,
        projects_id: ids.projects.website,
        services_id: ids.services.development,
        billable: 0,
        time_since: '2026-05-05T08:00:00Z',
        time_until: '2026-05-05T09:30:00Z',
        text: 'Call',
      },
    });
    expect(created).toMatchObject({ status: 200, json: { entry: { type: 1, users_id: 1, billable: 0, duration: 5400, clocked: false, text: 'Call' } } });
    const id = (created.json as { entry: { id: number } }).entry.id;
    expect(await call(`/v2/entries/${id}`, { method: 'PUT', body: { text: 'Customer call', time_until: '2026-05-05T10:00:00Z' } })).toMatchObject({
      status: 200,
      json: { entry: { id, text: 'Customer call', duration: 7200 }, running: null },
    });
    expect(await call(`/v2/entries/${id}`, { method: 'DELETE' })).toMatchObject({ status: 200, json: { success: true } });
    expect((await call(`/v2/entries/${id}`)).status).toBe(404);
  });

  it('keeps a worker to their own entries and clock (403 Forbidden); a manager acts for others', async () => {
    const { fake, ids } = await start();
    const bobs = fake.addEntry({
      usersId: BOB.id,
      customersId: ids.customers.acme,
      projectsId: null,
      servicesId: ids.services.development,
      timeSince: at('2026-05-05T08:00:00Z'),
      timeUntil: at('2026-05-05T09:00:00Z'),
    });
    const forbidden = { status: 403, json: { errors: [{ type: 'Forbidden' }] } };
    expect(await call(`/v2/entries/${bobs.id}`)).toMatchObject(forbidden);
    expect(await call(`/v2/entries/${bobs.id}`, { method: 'PUT', body: { text: 'mine now' } })).toMatchObject(forbidden);
    expect(await call(`/v2/entries/${bobs.id}`, { method: 'DELETE' })).toMatchObject(forbidden);
    expect(await call(`/v2/entries?${RANGE}&filter[users_id]=2`)).toMatchObject(forbidden);
    expect(entriesOf(await call(`/v2/entries?${RANGE}`))).toEqual([]);
    expect(await call('/v2/clock?users_id=2')).toMatchObject(forbidden);
    expect(
      await call('/v2/clock', { method: 'POST', body: { customers_id: ids.customers.acme, services_id: ids.services.development, users_id: BOB.id } }),
    ).toMatchObject(forbidden);
    expect((await call(`/v2/entries/${bobs.id}`, { as: MIA })).status).toBe(200);
    const forBob = await call('/v2/clock', {
      as: MIA,
      method: 'POST',
      body: { customers_id: ids.customers.globex, services_id: ids.services.meeting, users_id: BOB.id },
    });
    expect(forBob).toMatchObject({ status: 200, json: { running: { users_id: BOB.id, billable: 0 } } });
  });

  it('lets a worker book only where the access maps allow (403), and nobody on completed projects or archived services', async () => {
    const { ids } = await start();
    const clock = (as: FakeUser, body: Record<string, unknown>) => call('/v2/clock', { as, method: 'POST', body });
    expect((await clock(ADA, { customers_id: ids.customers.globex, projects_id: ids.projects.rocket, services_id: ids.services.development })).status).toBe(
      403,
    );
    expect(await clock(ADA, { customers_id: ids.customers.acme, services_id: ids.services.meeting })).toMatchObject({
      status: 403,
      json: { errors: [{ type: 'Forbidden' }] },
    });
    const entry = {
      customers_id: ids.customers.globex,
      services_id: ids.services.development,
      billable: 1,
      time_since: '2026-05-05T08:00:00Z',
      time_until: '2026-05-05T09:00:00Z',
    };
    expect((await call('/v2/entries', { method: 'POST', body: entry })).status).toBe(403);
    expect(await clock(ADA, { customers_id: ids.customers.acme, projects_id: ids.projects.legacy, services_id: ids.services.development })).toMatchObject({
      status: 400,
      json: { error: { fields: ['projects_id'] } },
    });
    expect(await clock(OLGA, { customers_id: ids.customers.acme, services_id: ids.services.travel })).toMatchObject({
      status: 400,
      json: { error: { fields: ['services_id'] } },
    });
    expect((await clock(ADA, { customers_id: ids.customers.acme, projects_id: ids.projects.website, services_id: ids.services.development })).status).toBe(200);
    expect((await clock(OLGA, { customers_id: ids.customers.globex, projects_id: ids.projects.rocket, services_id: ids.services.meeting })).status).toBe(200);
  });
});

describe('the fake Clockodo: access and catalog', () => {
  it("serves a worker's access maps to that worker and to managers; an owner's or manager's maps are true", async () => {
    const { ids } = await start();
    const adaMap = { add: { [ids.customers.acme]: true }, report: false, edit: false };
    expect(await call('/v2/users/1/access/customers-projects')).toMatchObject({ status: 200, json: adaMap });
    expect(await call('/v2/users/1/access/services')).toEqual(expect.objectContaining({ json: { add: { [ids.services.development]: true } } }));
    expect(await call('/v2/users/2/access/customers-projects')).toMatchObject({ status: 403, json: { errors: [{ type: 'Forbidden' }] } });
    expect(await call('/v2/users/1/access/customers-projects', { as: MIA })).toMatchObject({ status: 200, json: adaMap });
    expect((await call('/v2/users/3/access/customers-projects', { as: MIA })).json).toEqual({ add: true, report: true, edit: true });
    expect((await call('/v2/users/4/access/services', { as: OLGA })).json).toEqual({ add: true });
  });

  it('lists customers, projects and services with filters, sorted by name, paged up to 5000 in {paging, data}', async () => {
    const { ids } = await start();
    expect(dataOf(await call('/v4/projects?filter[active]=true&filter[completed]=false')).map((row) => row.name)).toEqual(['Rocket', 'Website']);
    expect(dataOf(await call(`/v4/projects?filter[customers_id]=${ids.customers.acme}`)).map((row) => row.name)).toEqual(['Legacy', 'Website']);
    expect(dataOf(await call('/v4/services?filter[active]=false')).map((row) => row.name)).toEqual(['Travel']);
    const second = await call('/v3/customers?items_per_page=1&page=2');
    expect(second.json).toMatchObject({
      paging: { items_per_page: 1, current_page: 2, count_pages: 2, count_items: 2 },
      data: [{ name: 'Globex', active: true, billable_default: false }],
    });
    expect(await call('/v3/customers?items_per_page=5001')).toMatchObject({ status: 400, json: { errors: [{ type: 'BadRequest' }] } });
    expect(await call(`/v4/projects/${ids.projects.legacy}`)).toMatchObject({
      status: 200,
      json: { data: { name: 'Legacy', customers_id: ids.customers.acme, completed: true } },
    });
    expect(await call('/v4/services/99999')).toMatchObject({ status: 404, json: { errors: [{ type: 'ResourceNotFound' }] } });
  });

  it('lets a worker add and change customers and projects only with can_add_customers, services never', async () => {
    const { fake, ids } = await start();
    expect(await call('/v3/customers', { method: 'POST', body: { name: 'Initech' } })).toMatchObject({
      status: 403,
      json: { errors: [{ type: 'Forbidden' }] },
    });
    expect((await call(`/v3/customers/${ids.customers.globex}`, { method: 'PUT', body: { active: false } })).status).toBe(403);
    (fake.state.users[0] as FakeUser).canAddCustomers = true;
    const customer = await call('/v3/customers', { method: 'POST', body: { name: 'Initech' } });
    expect(customer).toMatchObject({ status: 200, json: { data: { name: 'Initech', active: true } } });
    const customerId = (customer.json as { data: { id: number } }).data.id;
    expect(await call('/v4/projects', { method: 'POST', body: { name: 'Printer', customers_id: customerId } })).toMatchObject({
      status: 200,
      json: { data: { name: 'Printer', customers_id: customerId } },
    });
    expect(await call(`/v3/customers/${ids.customers.globex}`, { method: 'PUT', body: { active: false } })).toMatchObject({
      status: 200,
      json: { data: { active: false } },
    });
    expect((await call('/v4/services', { method: 'POST', body: { name: 'Support' } })).status).toBe(403);
    expect((await call('/v4/services', { as: OLGA, method: 'POST', body: { name: 'Support' } })).status).toBe(200);
  });

  it('refuses to archive a customer, project or service a running entry books on: 422 RunningEntriesPreventArchiving', async () => {
    const { ids } = await start();
    await call('/v2/clock', {
      method: 'POST',
      body: { customers_id: ids.customers.acme, projects_id: ids.projects.website, services_id: ids.services.development },
    });
    for (const path of [`/v3/customers/${ids.customers.acme}`, `/v4/projects/${ids.projects.website}`, `/v4/services/${ids.services.development}`]) {
      expect(await call(path, { as: MIA, method: 'PUT', body: { active: false } }), path).toMatchObject({
        status: 422,
        json: { errors: [{ error: { type: 'RunningEntriesPreventArchiving', details: null } }] },
      });
    }
    expect(await call(`/v4/projects/${ids.projects.rocket}`, { as: MIA, method: 'PUT', body: { active: false } })).toMatchObject({
      status: 200,
      json: { data: { active: false } },
    });
  });
});

describe('the fake Clockodo: users and absences', () => {
  it('lists users for scope=viewAbsences: a worker themselves, plus their team when they may see absences', async () => {
    await start();
    const names = async (as: FakeUser, query = '?scope=viewAbsences') => dataOf(await call(`/v3/users${query}`, { as })).map((row) => row.name);
    expect(await names(ADA)).toEqual(['Ada Worker', 'Bob Colleague']);
    expect(await names(BOB)).toEqual(['Bob Colleague']);
    expect(await names(ADA, '')).toEqual(['Ada Worker']);
    expect(await names(MIA)).toHaveLength(4);
    expect((await call('/v3/users', { as: OLGA })).json).toMatchObject({ paging: { count_items: 4 } });
  });

  it("shows a colleague's absences without type, note, sick note and approval fields, and only to workers who may see absences", async () => {
    const { fake } = await start();
    const own = fake.addAbsence({ usersId: ADA.id, dateSince: '2026-06-01', dateUntil: '2026-06-05', type: 1, status: 1, note: 'Sea' });
    const bobs = fake.addAbsence({
      usersId: BOB.id,
      dateSince: '2026-06-08',
      dateUntil: '2026-06-09',
      type: 4,
      status: 1,
      note: 'flu',
      publicNote: 'Out',
      sickNote: true,
    });
    const seen = dataOf(await call('/v4/absences?filter[year][]=2026'));
    expect(idsOf(seen)).toEqual([own.id, bobs.id]);
    expect(seen[0]).toMatchObject({ type: 1, note: 'Sea', count_days: 5, date_enquired: null });
    expect(seen[1]).toEqual({
      id: bobs.id,
      users_id: BOB.id,
      date_since: '2026-06-08',
      date_until: '2026-06-09',
      status: 1,
      public_note: 'Out',
      count_days: 2,
    });
    expect(idsOf(dataOf(await call('/v4/absences', { as: BOB })))).toEqual([bobs.id]);
    expect(dataOf(await call('/v4/absences', { as: MIA }))[1]).toMatchObject({ type: 4, note: 'flu', sick_note: true });
    expect((await call(`/v4/absences/${own.id}`, { as: BOB })).status).toBe(403);
  });

  it('filters absences by users, years, statuses and types in the array, plain and comma forms', async () => {
    const { fake } = await start();
    const holiday = fake.addAbsence({ usersId: ADA.id, dateSince: '2026-06-01', dateUntil: '2026-06-01', type: 1, status: 0 });
    const sick = fake.addAbsence({ usersId: ADA.id, dateSince: '2026-06-02', dateUntil: '2026-06-02', type: 4, status: 1 });
    const next = fake.addAbsence({ usersId: ADA.id, dateSince: '2027-01-04', dateUntil: '2027-01-04', type: 1, status: 2 });
    const bobs = fake.addAbsence({ usersId: BOB.id, dateSince: '2026-06-03', dateUntil: '2026-06-03', type: 1, status: 0 });
    expect(idsOf(dataOf(await call('/v4/absences?filter[year][]=2027')))).toEqual([next.id]);
    expect(idsOf(dataOf(await call('/v4/absences?filter[year]=2026&filter[users_id]=1')))).toEqual([holiday.id, sick.id]);
    expect(idsOf(dataOf(await call('/v4/absences?filter[status][]=0&filter[status][]=2')))).toEqual([holiday.id, bobs.id, next.id]);
    // Ada cannot see the type of Bob's absence, so it does not match a type filter either.
    expect(idsOf(dataOf(await call('/v4/absences?filter[type]=1,4')))).toEqual([holiday.id, sick.id, next.id]);
  });

  it('refuses invalid absences with 422 resource errors: reversed dates, across a year, a long half day, other users', async () => {
    await start();
    const post = (body: Record<string, unknown>) => call('/v4/absences', { method: 'POST', body });
    const problem = (type: string) => ({ status: 422, json: { errors: [{ error: { type, details: null } }] } });
    expect(await post({ date_since: '2026-07-10', date_until: '2026-07-08', type: 1 })).toMatchObject(problem('UntilBeforeSinceIsForbidden'));
    expect(await post({ date_since: '2026-12-30', date_until: '2027-01-02', type: 1 })).toMatchObject(problem('UntilMustBeInSameYear'));
    expect(await post({ date_since: '2026-07-09', date_until: '2026-07-10', type: 1, half_day: true })).toMatchObject(problem('HalfDayAbsenceTooLong'));
    expect(await post({ date_since: '2026-07-09', type: 1, users_id: BOB.id })).toMatchObject(problem('UserIsNotManageable'));
    expect(await post({ date_since: '2026-07-09', type: 16 })).toMatchObject({ status: 422, json: { errors: [{ error: { type: 'UnexpectedValue' } }] } });
    expect(await post({ date_since: '2026-07-09' })).toMatchObject({ status: 400, json: { errors: [{ type: 'BadRequest', details: { fields: ['type'] } }] } });
  });

  it('counts working days, reports collisions and resolves them with allow_override; a worker enquires, a manager approves', async () => {
    const { fake } = await start();
    const post = (body: Record<string, unknown>, as: FakeUser = ADA) => call('/v4/absences', { as, method: 'POST', body });
    // 1–10 April 2026: Good Friday, Easter Monday and a weekend leave six working days.
    const easter = await post({ date_since: '2026-04-01', date_until: '2026-04-10', type: 1, note: 'Easter' });
    expect(easter).toMatchObject({ status: 200, json: { data: { status: 0, count_days: 6, type: 1, note: 'Easter' } } });
    expect(dataOf(easter)).not.toHaveProperty('half_day');
    const easterId = (easter.json as { data: { id: number } }).data.id;
    expect(await post({ date_since: '2026-12-21', date_until: '2026-12-24', type: 1 })).toMatchObject({ json: { data: { count_days: 3.5 } } });
    const clash = { date_since: '2026-04-09', date_until: '2026-04-14', type: 1, users_id: ADA.id };
    expect(await post(clash, MIA)).toMatchObject({
      status: 422,
      json: { errors: [{ error: { type: 'AbsenceCollision', details: { collidingAbsences: [easterId] } } }] },
    });
    expect(await post({ ...clash, allow_override: [easterId] }, MIA)).toMatchObject({
      status: 200,
      json: { data: { status: 1, users_id: ADA.id, count_days: 4, approved_by: MIA.id } },
    });
    expect(fake.state.absences.find((absence) => absence.id === easterId)).toMatchObject({ dateUntil: '2026-04-08', countDays: 4 });
  });

  it('lets a worker only withdraw their own open request (else 422 StatusIsForbidden); managers approve and delete', async () => {
    const { fake } = await start();
    const request = async () =>
      ((await call('/v4/absences', { method: 'POST', body: { date_since: '2026-07-06', type: 1 } })).json as { data: { id: number } }).data.id;
    const first = await request();
    const statusForbidden = { status: 422, json: { errors: [{ error: { type: 'StatusIsForbidden' } }] } };
    expect(await call(`/v4/absences/${first}`, { method: 'PUT', body: { status: 1 } })).toMatchObject(statusForbidden);
    expect(await call(`/v4/absences/${first}`, { method: 'PUT', body: { note: 'please' } })).toMatchObject(statusForbidden);
    expect(await call(`/v4/absences/${first}`, { method: 'PUT', body: { status: 4 } })).toMatchObject({ status: 200, json: { data: { status: 4 } } });
    expect(await call(`/v4/absences/${first}`, { method: 'PUT', body: { status: 4 } })).toMatchObject(statusForbidden);
    const second = await request();
    expect(await call(`/v4/absences/${second}`, { method: 'DELETE' })).toMatchObject({ status: 403, json: { errors: [{ type: 'Forbidden' }] } });
    expect(await call(`/v4/absences/${second}`, { as: MIA, method: 'PUT', body: { status: 1 } })).toMatchObject({
      status: 200,
      json: { data: { status: 1, approved_by: MIA.id, date_approved: '2026-05-06' } },
    });
    expect(await call(`/v4/absences/${second}`, { as: MIA, method: 'DELETE' })).toMatchObject({ status: 200, json: { success: true } });
    expect(fake.state.absences.map((absence) => absence.id)).toEqual([first]);
  });
});

describe('the fake Clockodo: leading is not a role', () => {
  it("lets a worker who leads a team, or is someone's boss, see their entries and decide their absences; an absence manager decides only absences", async () => {
    // Bob (a worker) leads Development (Ada's team); Carl's boss is Bob; Dora names Bob her absence manager.
    const carl: FakeUser = {
      ...ADA,
      id: 7,
      name: 'Carl Boss-led',
      email: 'carl@example.com',
      apiKey: 'key-carl-0123456789abcdef',
      teamsId: null,
      boss: BOB.id,
    };
    const dora: FakeUser = {
      ...ADA,
      id: 8,
      name: 'Dora Managed',
      email: 'dora@example.com',
      apiKey: 'key-dora-0123456789abcdef',
      teamsId: 2,
      absenceManagers: [BOB.id],
    };
    const { fake, ids } = await start({ users: [ADA, BOB, MIA, OLGA, carl, dora] });
    (fake.state.teams.find((team) => team.id === 1) as { leader: number | null }).leader = BOB.id;
    const teams = (await call('/v3/teams', { as: BOB })).json as { data: Array<{ id: number; name: string; leader: number | null }> };
    expect(teams.data).toContainEqual({ id: 1, name: 'Development', leader: BOB.id });
    const users = (await call('/v3/users', { as: BOB })).json as { data: Array<{ id: number; boss: number | null; absence_managers_id: number[] }> };
    expect(users.data.map((user) => [user.id, user.boss])).toEqual([
      [ADA.id, BOB.id],
      [BOB.id, null],
      [carl.id, BOB.id],
    ]);
    const managed = (await call('/v3/users?scope=manageAbsences', { as: BOB })).json as { data: Array<{ id: number }> };
    expect(managed.data.map((user) => user.id)).toEqual([ADA.id, carl.id, dora.id]);
    expect(((await call('/v3/users?scope=manageAbsences', { as: ADA })).json as { data: unknown[] }).data).toEqual([]);
    const booking = { customersId: ids.customers.acme, projectsId: ids.projects.website, servicesId: ids.services.development };
    for (const user of [ADA, carl, dora, MIA])
      fake.addEntry({ usersId: user.id, ...booking, timeSince: at('2026-05-04T08:00:00Z'), timeUntil: at('2026-05-04T09:00:00Z') });
    const entries = (await call('/v2/entries?time_since=2026-05-04T00:00:00Z&time_until=2026-05-05T00:00:00Z', { as: BOB })).json as {
      entries: Array<{ users_id: number }>;
    };
    expect(entries.entries.map((entry) => entry.users_id)).toEqual([ADA.id, carl.id]);
    expect((await call(`/v2/entries?time_since=2026-05-04T00:00:00Z&time_until=2026-05-05T00:00:00Z&filter[users_id]=${dora.id}`, { as: BOB })).status).toBe(
      403,
    );
    const adaWaits = fake.addAbsence({ usersId: ADA.id, dateSince: '2026-07-06', dateUntil: '2026-07-07', type: 1, status: 0, note: 'Beach' });
    const doraWaits = fake.addAbsence({ usersId: dora.id, dateSince: '2026-07-08', dateUntil: '2026-07-08', type: 1, status: 0 });
    const miaWaits = fake.addAbsence({ usersId: MIA.id, dateSince: '2026-07-09', dateUntil: '2026-07-09', type: 1, status: 0 });
    const manageable = (await call('/v4/absences?scope=manageableAbsences&filter[year][]=2026', { as: BOB })).json as {
      data: Array<{ id: number; type?: number }>;
    };
    expect(manageable.data.map((absence) => absence.id)).toEqual([adaWaits.id, doraWaits.id]);
    expect(manageable.data[0]?.type).toBe(1);
    expect(await call(`/v4/absences/${adaWaits.id}`, { as: BOB, method: 'PUT', body: { status: 1 } })).toMatchObject({
      status: 200,
      json: { data: { status: 1, approved_by: BOB.id } },
    });
    expect(await call(`/v4/absences/${doraWaits.id}`, { as: BOB, method: 'PUT', body: { status: 2 } })).toMatchObject({
      status: 200,
      json: { data: { status: 2 } },
    });
    // Mia's absence is none of Bob's: not shown to him, so not found.
    expect((await call(`/v4/absences/${miaWaits.id}`, { as: BOB, method: 'PUT', body: { status: 1 } })).status).toBe(404);
  });
});

describe("the fake Clockodo: the owner's teams", () => {
  it('makes, renames, leads and deletes a team for the owner alone, its members then in no team', async () => {
    await start();
    // Anyone but the owner: 403, an unknown team 404 first.
    for (const [path, method] of [
      ['/v3/teams', 'POST'],
      ['/v3/teams/1', 'PUT'],
      ['/v3/teams/1', 'DELETE'],
    ] as const) {
      expect(await call(path, { as: MIA, method, body: { name: 'Ops' } }), `${method} ${path}`).toMatchObject({
        status: 403,
        json: { errors: [{ type: 'Forbidden' }] },
      });
    }
    expect(await call('/v3/teams/99', { as: MIA, method: 'PUT', body: { name: 'Ops' } })).toMatchObject({
      status: 404,
      json: { errors: [{ type: 'ResourceNotFound' }] },
    });
    expect((await call('/v3/teams/99', { as: OLGA, method: 'DELETE' })).status).toBe(404);
    // A missing or empty name is a 400 naming it; a leader who is nobody a 422.
    expect(await call('/v3/teams', { as: OLGA, method: 'POST', body: {} })).toMatchObject({
      status: 400,
      json: { errors: [{ details: { fields: ['name'] } }] },
    });
    expect((await call('/v3/teams/1', { as: OLGA, method: 'PUT', body: { name: ' ' } })).status).toBe(400);
    expect(await call('/v3/teams', { as: OLGA, method: 'POST', body: { name: 'Ops', leader: 999 } })).toMatchObject({
      status: 422,
      json: { errors: [{ error: { type: 'UserNotFound' } }] },
    });

    const made = await call('/v3/teams', { as: OLGA, method: 'POST', body: { name: 'Ops', leader: ADA.id } });
    expect(made).toMatchObject({ status: 200, json: { data: { name: 'Ops', leader: ADA.id } } });
    const id = (made.json as { data: { id: number } }).data.id;
    expect(await call(`/v3/teams/${id}`, { as: OLGA, method: 'PUT', body: { name: 'Operations' } })).toMatchObject({
      json: { data: { id, name: 'Operations', leader: ADA.id } },
    });
    expect((await call(`/v3/teams/${id}`, { as: OLGA, method: 'PUT', body: { leader: null } })).json).toMatchObject({ data: { leader: null } });
    expect(dataOf(await call('/v3/teams'))).toContainEqual({ id, name: 'Operations', leader: null });

    // Deleting Development leaves Ada and Bob in no team.
    expect(await call('/v3/teams/1', { as: OLGA, method: 'DELETE' })).toMatchObject({ status: 200, json: { success: true } });
    expect(idsOf(dataOf(await call('/v3/teams')))).not.toContain(1);
    const users = dataOf(await call('/v3/users', { as: OLGA }));
    expect(users.filter((user) => user.id === ADA.id || user.id === BOB.id).map((user) => user.teams_id)).toEqual([null, null]);
  });
});

describe('the fake Clockodo: targets, holidays and reports', () => {
  it('serves target hours, non-business days, holiday quota and carry-over, to a worker only for themselves', async () => {
    await start();
    expect(await call('/targethours?users_id=1')).toMatchObject({
      status: 200,
      json: { targethours: [{ users_id: 1, type: 'weekly', date_since: '2020-01-01', date_until: null, monday: 8, friday: 8, saturday: 0, sunday: 0 }] },
    });
    const days = await call('/v2/usersNonbusinessDays?year=2026&filter[users_id][]=1');
    expect(days.json).toMatchObject({ paging: { count_items: 1 }, data: [{ users_id: 1 }] });
    const list = (days.json as { data: Array<{ days: Array<Record<string, unknown>> }> }).data[0]?.days ?? [];
    expect(list.map((day) => day.evaluated_date)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-12-24', '2026-12-25', '2026-12-26']);
    expect(list[4]).toMatchObject({ name: 'Christmas Eve', half_day: true, type: 'DISTINCT_ONCE', surcharge_special: false, nonbusiness_group_id: 1 });
    expect(dataOf(await call('/v2/holidaysQuota?users_id=1&year=2027'))).toEqual([
      expect.objectContaining({ users_id: 1, year_since: 2026, year_until: null, count: 30, note: null }),
    ]);
    expect(dataOf(await call('/v3/holidaysCarry?users_id=1&year=2026'))).toEqual([expect.objectContaining({ users_id: 1, year: 2026, count: 2, note: null })]);
    expect(dataOf(await call('/v3/holidaysCarry?users_id=1&year=2027'))).toEqual([]);
    for (const path of [
      '/targethours?users_id=2',
      '/v2/usersNonbusinessDays?year=2026&filter[users_id][]=2',
      '/v2/holidaysQuota?users_id=2&year=2026',
      '/v3/holidaysCarry?users_id=2&year=2026',
      '/userreports/2?year=2026',
    ]) {
      expect((await call(path)).status, path).toBe(403);
      expect((await call(path, { as: MIA })).status, path).toBe(200);
    }
  });

  it('computes the user report up to today from entries, targets, non-business days and approved absences (seconds)', async () => {
    fake = await startFakeClockodo({ now: () => at('2026-01-09T12:00:00Z') });
    const ids = seed(fake);
    const booking = { usersId: ADA.id, customersId: ids.customers.acme, projectsId: null, servicesId: ids.services.development };
    fake.addEntry({ ...booking, timeSince: at('2026-01-05T08:00:00Z'), timeUntil: at('2026-01-05T11:00:00Z') });
    fake.addEntry({ ...booking, timeSince: at('2025-12-31T08:00:00Z'), timeUntil: at('2025-12-31T11:00:00Z') });
    fake.addEntry({ ...booking, timeSince: at('2026-01-09T10:00:00Z'), timeUntil: null, clocked: true });
    fake.addAbsence({ usersId: ADA.id, dateSince: '2026-01-07', dateUntil: '2026-01-07', type: 1, status: 1 });
    fake.addAbsence({ usersId: ADA.id, dateSince: '2026-01-08', dateUntil: '2026-01-08', type: 1, status: 0 });
    // 2 January and 5–9 January are six working days (1 January is a holiday); the approved 7th leaves five.
    expect(await call('/userreports/1?year=2026&type=0')).toMatchObject({
      status: 200,
      json: {
        userreport: {
          users_id: 1,
          users_name: 'Ada Worker',
          users_email: ADA.email,
          sum_target: 5 * 8 * 3600,
          sum_hours: 5 * 3600,
          diff: 5 * 3600 - 5 * 8 * 3600,
          holidays_quota: 30,
          holidays_carry: 2,
          sum_absence: { regular_holidays: 1, sick_self: 0 },
        },
      },
    });
    expect((await call('/userreports/1')).status).toBe(400);
  });

  it('answers 403 for target hours and user reports when their modules are off', async () => {
    await start({ company: { moduleTargetHours: false, moduleUserReports: false } });
    expect((await call('/v2/aggregates/users/me')).json).toMatchObject({ company: { module_target_hours: false, module_user_reports: false } });
    expect(await call('/targethours?users_id=1')).toMatchObject({ status: 403, json: { errors: [{ type: 'Forbidden' }] } });
    expect((await call('/userreports/1?year=2026', { as: OLGA })).status).toBe(403);
  });
});

describe('the fake Clockodo: retired paths, unknown paths and failures', () => {
  it('answers 410 for retired paths, 404 for unknown ones and 405 for a wrong method', async () => {
    await start({ retiredPaths: ['/api/v2/aggregates/users/me'] });
    for (const path of ['/clock', '/entries', '/entries/5', '/v2/users', '/v2/users/1', '/v2/aggregates/users/me']) {
      expect(await call(path), path).toMatchObject({ status: 410, json: { errors: [{ type: 'Gone' }] } });
    }
    expect((await call('/v2/users/1/access/services')).status).toBe(200);
    expect(await call('/v9/nothing')).toMatchObject({ status: 404, json: { errors: [{ type: 'ResourceNotFound' }] } });
    const wrong = await call('/v2/entries/5', { method: 'PATCH' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, PUT, DELETE');
  });

  it('fails on demand: 429 with Retry-After as often as asked, a broken 502 page, a slow answer', async () => {
    const { fake } = await start();
    fake.failNext(
      { path: '/api/v2/clock' },
      {
        status: 429,
        headers: { 'Retry-After': '2' },
        body: { errors: [{ type: 'TooManyRequests', message: 'Slow down', details: null, path: null }] },
        times: 2,
      },
    );
    for (let attempt = 0; attempt < 2; attempt++) {
      const limited = await call('/v2/clock');
      expect(limited).toMatchObject({ status: 429, json: { errors: [{ type: 'TooManyRequests' }] } });
      expect(limited.headers.get('retry-after')).toBe('2');
    }
    expect((await call('/v2/clock')).status).toBe(200);
    fake.failNext({ method: 'GET', path: /^\/api\/v4\/absences/ }, { status: 502, raw: '<html>Bad gateway</html>' });
    expect((await call('/v4/absences', { method: 'POST', body: {} })).status).toBe(400);
    expect(await call('/v4/absences')).toMatchObject({ status: 502, text: '<html>Bad gateway</html>', json: undefined });
    fake.failNext({ path: '/api/v4/users/me' }, { status: 200, body: { data: { id: 1 } }, delayMs: 150 });
    const started = performance.now();
    expect((await call('/v4/users/me')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(fake.requests.at(-1)?.serverMs).toBeGreaterThanOrEqual(140);
  });
});
