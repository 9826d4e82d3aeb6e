// The fake Clockodo acting for others (fake-clockodo-acting.ts, docs/back-ends/clockodo.md "Acting for others"), with plain
// HTTP and no Punchcard code: the owner's key starts, reads and stops a person's clock and books, lists, changes and deletes
// their entries by `users_id`; a manager starts another's clock but may not stop it; a worker is refused; the booking is
// judged by the caller's access map, while the person's own is readable; the person's edit lock binds every write of
// their entries; the people list carries e-mail, role, active flag, edit locks and teams with their leaders.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_USERS, type FakeClockodo, type FakeUser, seedCompany, startFakeClockodo } from './fake-clockodo.ts';

const [ADA, BOB, MIA, OLGA] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser, FakeUser];
const APP = 'Punchcard;dev@example.com';
/** Wednesday, 6 May 2026, 12:00 in Berlin. */
const NOW = Date.parse('2026-05-06T10:00:00Z');
const RANGE = 'time_since=2026-05-01T00:00:00Z&time_until=2026-06-01T00:00:00Z';

let fake: FakeClockodo | undefined;
afterEach(async () => fake?.close());

async function start() {
  fake = await startFakeClockodo({ now: () => NOW });
  const seeded = seedCompany(fake);
  const id = (group: Record<string, number>, name: string) => group[name] ?? Number.NaN;
  return {
    fake,
    acme: id(seeded.customers, 'acme'),
    globex: id(seeded.customers, 'globex'),
    website: id(seeded.projects, 'website'),
    rocket: id(seeded.projects, 'rocket'),
    development: id(seeded.services, 'development'),
    meeting: id(seeded.services, 'meeting'),
  };
}

async function call(as: FakeUser, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { 'X-Clockodo-External-Application': APP, 'X-ClockodoApiUser': as.email, 'X-ClockodoApiKey': as.apiKey };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${fake?.url}/api${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fake's JSON, read field by field in each check
  return { status: response.status, json: (text === '' ? undefined : JSON.parse(text)) as any };
}
const forbidden = (message: string) => ({ status: 403, json: { errors: [{ type: 'Forbidden', message }] } });

describe('the fake Clockodo acting for others by users_id', () => {
  it("lets the owner's key start, read and stop a person's clock, and book, list, change and delete their entries", async () => {
    const { fake: server, acme, website, development } = await start();
    const started = await call(OLGA, 'POST', '/v2/clock', { customers_id: acme, projects_id: website, services_id: development, users_id: ADA.id });
    expect(started).toMatchObject({ status: 200, json: { running: { users_id: ADA.id } } });
    const running = await call(OLGA, 'GET', `/v2/clock?users_id=${ADA.id}`);
    expect(running.json.running).toMatchObject({ id: started.json.running.id, users_id: ADA.id });
    expect((await call(OLGA, 'GET', '/v2/clock')).json.running).toBeNull();
    const stopped = await call(OLGA, 'DELETE', `/v2/clock/${started.json.running.id}?users_id=${ADA.id}`);
    expect(stopped).toMatchObject({ status: 200, json: { stopped: { users_id: ADA.id }, running: null } });

    const entry = {
      customers_id: acme,
      projects_id: website,
      services_id: development,
      billable: 1,
      time_since: '2026-05-05T07:00:00Z',
      time_until: '2026-05-05T08:00:00Z',
    };
    const booked = await call(OLGA, 'POST', '/v2/entries', { ...entry, users_id: ADA.id });
    expect(booked).toMatchObject({ status: 200, json: { entry: { users_id: ADA.id } } });
    server.addEntry({
      usersId: BOB.id,
      customersId: acme,
      projectsId: website,
      servicesId: development,
      timeSince: Date.parse('2026-05-05T09:00:00Z'),
      timeUntil: Date.parse('2026-05-05T10:00:00Z'),
    });
    const adas = await call(OLGA, 'GET', `/v2/entries?${RANGE}&filter[users_id]=${ADA.id}`);
    expect(adas.json.entries.map((item: { users_id: number }) => item.users_id)).toEqual([ADA.id, ADA.id]);
    // Without the filter the owner's key gets everyone's: the filter is what names the person.
    const everyone = await call(OLGA, 'GET', `/v2/entries?${RANGE}`);
    expect(new Set(everyone.json.entries.map((item: { users_id: number }) => item.users_id))).toEqual(new Set([ADA.id, BOB.id]));
    const id = booked.json.entry.id;
    expect(await call(OLGA, 'PUT', `/v2/entries/${id}`, { text: 'fixed' })).toMatchObject({
      status: 200,
      json: { entry: { users_id: ADA.id, text: 'fixed' } },
    });
    expect(await call(OLGA, 'DELETE', `/v2/entries/${id}`)).toMatchObject({ status: 200, json: { success: true } });
  });

  it("lets a manager start another's clock but stop only their own; refuses a worker naming anyone else", async () => {
    const { fake: server, acme, website, development } = await start();
    const clock = { customers_id: acme, projects_id: website, services_id: development };
    const started = await call(MIA, 'POST', '/v2/clock', { ...clock, users_id: ADA.id });
    expect(started).toMatchObject({ status: 200, json: { running: { users_id: ADA.id } } });
    const runningId = started.json.running.id;
    expect(await call(MIA, 'DELETE', `/v2/clock/${runningId}?users_id=${ADA.id}`)).toMatchObject(forbidden("Only the owner may stop another user's clock."));
    expect(server.state.entries.find((entry) => entry.id === runningId)?.timeUntil).toBeNull();
    expect(await call(BOB, 'POST', '/v2/clock', { ...clock, users_id: ADA.id })).toMatchObject(forbidden('A worker may act only for themselves.'));
    expect(await call(BOB, 'DELETE', `/v2/clock/${runningId}?users_id=${ADA.id}`)).toMatchObject(forbidden('A worker may act only for themselves.'));
    expect(await call(BOB, 'GET', `/v2/entries?${RANGE}&filter[users_id]=${ADA.id}`)).toMatchObject({ status: 403 });
    expect(await call(OLGA, 'DELETE', `/v2/clock/${runningId}?users_id=${ADA.id}`)).toMatchObject({ status: 200 });
  });

  it("books with the caller's access map (the owner's covers all), while the person's own map stays readable", async () => {
    const { acme, globex, rocket, development, meeting } = await start();
    const onRocket = {
      customers_id: globex,
      projects_id: rocket,
      services_id: meeting,
      billable: 0,
      time_since: '2026-05-05T07:00:00Z',
      time_until: '2026-05-05T08:00:00Z',
    };
    expect(await call(ADA, 'POST', '/v2/entries', onRocket)).toMatchObject(forbidden('You may not book on this customer, project or service.'));
    expect(await call(OLGA, 'POST', '/v2/entries', { ...onRocket, users_id: ADA.id })).toMatchObject({
      status: 200,
      json: { entry: { users_id: ADA.id, projects_id: rocket } },
    });
    expect(await call(OLGA, 'GET', `/v2/users/${ADA.id}/access/customers-projects`)).toMatchObject({ status: 200, json: { add: { [acme]: true } } });
    expect(await call(OLGA, 'GET', `/v2/users/${ADA.id}/access/services`)).toMatchObject({ status: 200, json: { add: { [development]: true } } });
    expect(await call(BOB, 'GET', `/v2/users/${ADA.id}/access/services`)).toMatchObject(forbidden('A worker may read only their own access rights.'));
  });

  it("holds the person's edit lock on every write of their entries, the owner's key's included, and says so in words", async () => {
    const { fake: server, acme, website, development } = await start();
    const ada = server.state.users.find((user) => user.id === ADA.id);
    if (ada) ada.editLock = '2026-04-30';
    const locked = forbidden("The entry lies within its user's edit lock.");
    const april = {
      customers_id: acme,
      projects_id: website,
      services_id: development,
      billable: 1,
      time_since: '2026-04-20T07:00:00Z',
      time_until: '2026-04-20T08:00:00Z',
    };
    expect(await call(OLGA, 'POST', '/v2/entries', { ...april, users_id: ADA.id })).toMatchObject(locked);
    expect(await call(ADA, 'POST', '/v2/entries', april)).toMatchObject(locked);
    const old = server.addEntry({
      usersId: ADA.id,
      customersId: acme,
      projectsId: website,
      servicesId: development,
      timeSince: Date.parse(april.time_since),
      timeUntil: Date.parse(april.time_until),
    });
    expect(await call(OLGA, 'PUT', `/v2/entries/${old.id}`, { text: 'x' })).toMatchObject(locked);
    expect(await call(OLGA, 'DELETE', `/v2/entries/${old.id}`)).toMatchObject(locked);
    expect(server.state.entries.map((entry) => entry.id)).toEqual([old.id]);
    // Bob has no lock: the owner's key books his April.
    expect(await call(OLGA, 'POST', '/v2/entries', { ...april, users_id: BOB.id })).toMatchObject({ status: 200 });
  });
});

describe("the fake Clockodo's people for the owner's key", () => {
  it('lists everyone with e-mail, role, active flag and edit locks, inactive people too, and the teams with their leaders', async () => {
    const { fake: server } = await start();
    const bob = server.state.users.find((user) => user.id === BOB.id);
    if (bob) Object.assign(bob, { active: false, editLockDyn: 7 });
    const people = await call(OLGA, 'GET', '/v3/users');
    expect(people.status).toBe(200);
    expect(people.json.data.find((user: { id: number }) => user.id === BOB.id)).toMatchObject({
      email: 'bob@example.com',
      role: 'worker',
      active: false,
      edit_lock: null,
      edit_lock_dyn: 7,
      teams_id: 1,
    });
    const active = await call(OLGA, 'GET', '/v3/users?filter[active]=true');
    expect(active.json.data.map((user: { id: number }) => user.id)).not.toContain(BOB.id);
    const teams = await call(OLGA, 'GET', '/v3/teams');
    expect(teams.json.data.every((team: { leader: unknown }) => 'leader' in team)).toBe(true);
    // An inactive person's own key is refused; only the owner's key still reads them.
    expect((await call(BOB, 'GET', '/v2/clock')).status).toBe(401);
  });
});
