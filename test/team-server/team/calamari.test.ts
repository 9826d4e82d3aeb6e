// Calamari on the team server: the organisation's one key (PUNCHCARD_CALAMARI_TOKEN) for everyone,
// each person acting only as the employee whose verified e-mail the company's identity provider
// returned, and Calamari's request limit, which is the organisation's, counted for all of the
// server's people together in the store: a call that would pass it is refused in words saying when
// to try again, and nothing more reaches Calamari, also after a restart. The person's projects are
// kept in the store with their facts, so the engine that opens after theirs closed names a project
// without reading them again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALAMARI_FACTS_FILE } from '../../../mcp-server/providers/calamari/facts.ts';
import type { Era } from '../../support/engine.ts';
import { textOf } from '../../support/engine.ts';
import { untilQuiet } from '../../support/fake-server.ts';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import {
  connectAs,
  type ConnectedClient,
  freePort,
  removeTeamServerData,
  startTeamServer,
  storedFacts,
  storedPeople,
  type TeamServerHandle,
} from '../../support/team-server.ts';
import { DEFAULT_KEY, type FakeCalamari, seedOrganisation, startFakeCalamari } from '../../mcp-server/providers/calamari/fake-calamari.ts';

const ADA = 'ada@acme.example';
const BOB = 'bob@acme.example';
const ORGANISATION_KEY = `Basic ${Buffer.from(`calamari:${DEFAULT_KEY}`).toString('base64')}`;
const ACCOUNTS = [
  { id: 'ada', name: 'Ada Lovelace', email: ADA, emailVerified: true },
  { id: 'bob', name: 'Bob Builder', email: BOB, emailVerified: true },
  { id: 'cleo', name: 'Cleo Patra', email: 'cleo@acme.example', emailVerified: true },
];

interface Setup {
  fake: FakeCalamari;
  idp: IdentityProvider;
  server: TeamServerHandle;
}

async function calamariServer(limits: Record<string, unknown> = {}): Promise<Setup> {
  const fake = await startFakeCalamari();
  seedOrganisation(fake);
  const port = await freePort();
  const idp = await startIdentityProvider({ accounts: ACCOUNTS, redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`] });
  const server = await startTeamServer({
    port,
    provider: { type: 'calamari', url: `${fake.url}/api` },
    signIn: { oidc: { issuer: idp.issuer, client_id: idp.clientId, client_secret_env: 'PUNCHCARD_OIDC_SECRET' } },
    limits,
    env: { PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY, PUNCHCARD_OIDC_SECRET: idp.clientSecret, NODE_EXTRA_CA_CERTS: idp.caFile as string },
  });
  return { fake, idp, server };
}

async function tearDown(setup: Setup | undefined): Promise<void> {
  if (!setup) return;
  await setup.server.stop();
  removeTeamServerData(setup.server);
  await setup.idp.close();
  await setup.fake.close();
}

describe.each<Era>(['legacy', 'modern'])('two people on a Calamari team server (%s era)', (era) => {
  let setup: Setup;
  let ada: ConnectedClient;
  let bob: ConnectedClient;

  beforeAll(async () => {
    setup = await calamariServer();
    [ada, bob] = await Promise.all([
      connectAs(setup.server, { era, signIn: companySignIn(setup.idp, 'ada') }),
      connectAs(setup.server, { era, signIn: companySignIn(setup.idp, 'bob') }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([ada?.close(), bob?.close()]);
    await tearDown(setup);
  });

  it("acts for each, at once, as the employee the provider vouched for, with the organisation's key", async () => {
    const { fake } = setup;
    const before = fake.requests.length;
    const [adaIn, bobIn] = await Promise.all([ada.call('clock_in', { project: 'General' }), bob.call('clock_in', { project: 'General' })]);
    expect(adaIn.isError, textOf(adaIn)).toBeFalsy();
    expect(bobIn.isError, textOf(bobIn)).toBeFalsy();
    expect(
      fake.state.shifts
        .filter((shift) => shift.finished === null)
        .map((shift) => shift.employeeId)
        .sort(),
    ).toEqual([1, 2]);
    const sent = fake.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((request) => request.credential === ORGANISATION_KEY)).toBe(true);
    // No request names anybody but Ada or Bob, and none names both.
    for (const request of sent) {
      expect(new Set(request.persons).size, `${request.path} ${request.body}`).toBeLessThanOrEqual(1);
      for (const person of request.persons) expect([ADA, BOB]).toContain(person.toLowerCase());
    }
  });

  it('names only the caller in every request of their calls', async () => {
    const { fake } = setup;
    for (const [client, email, name] of [
      [ada, ADA, 'Ada Lovelace'],
      [bob, BOB, 'Bob Builder'],
    ] as const) {
      const before = fake.requests.length;
      expect(textOf(await client.call('whoami'))).toContain(name);
      for (const tool of ['timer_status', 'list_time_entries', 'list_leave_requests', 'leave_balance']) {
        const result = await client.call(tool);
        expect(result.isError, `${tool}: ${textOf(result)}`).toBeFalsy();
      }
      const named = fake.requests.slice(before).flatMap((request) => request.persons.map((person) => person.toLowerCase()));
      expect(named.length).toBeGreaterThan(0);
      expect(new Set(named)).toEqual(new Set([email]));
    }
  });

  it('remembers in the store what Calamari offers each person, under that person', () => {
    const { server } = setup;
    for (const person of storedPeople(server)) expect(storedFacts(server, person.id), person.email ?? '').toContain(CALAMARI_FACTS_FILE);
    expect(storedPeople(server)).toHaveLength(2);
    expect(server.stderr()).not.toMatch(/Could not remember/);
  });

  it('acts as the new e-mail the provider gives a person from their next sign-in on', async () => {
    const { fake, idp, server } = setup;
    const first = await connectAs(server, { era, signIn: companySignIn(idp, 'cleo') });
    expect(textOf(await first.call('whoami'))).toContain('Cleo Patra');
    // The company renames her address everywhere; her next sign-in brings the new one.
    (idp.accounts.get('cleo') as { email: string }).email = 'cleo.patra@acme.example';
    (fake.state.employees.find((employee) => employee.id === 3) as { email: string }).email = 'cleo.patra@acme.example';
    const second = await connectAs(server, { era, signIn: companySignIn(idp, 'cleo') });
    const before = fake.requests.length;
    for (const client of [second, first]) {
      const result = await client.call('list_leave_requests');
      expect(result.isError, textOf(result)).toBeFalsy();
    }
    const named = new Set(fake.requests.slice(before).flatMap((request) => request.persons));
    expect(named).toEqual(new Set(['cleo.patra@acme.example']));
    await Promise.all([first.close(), second.close()]);
  });
});

/** Waits out the last seconds of a clock hour, so that a test of the hour's count runs inside one hour. */
async function awayFromTheHourTurn(): Promise<void> {
  const left = 3_600_000 - (Date.now() % 3_600_000);
  if (left < 60_000) await new Promise((resolve) => setTimeout(resolve, left + 1_000));
}

describe.each<Era>(['legacy', 'modern'])("Calamari's request limit, counted for the whole organisation (%s era)", (era) => {
  const LIMIT = 15;
  let setup: Setup | undefined;
  afterAll(async () => tearDown(setup));

  it('paces all people together: the request past the limit is not sent, and each is told when to try again, also after a restart', {
    timeout: 150_000,
  }, async () => {
    await awayFromTheHourTurn();
    setup = await calamariServer({ calamari_requests_per_hour: LIMIT });
    const { fake, server, idp } = setup;
    const ada = await connectAs(server, { era, signIn: companySignIn(idp, 'ada') });
    const bob = await connectAs(server, { era, signIn: companySignIn(idp, 'bob') });
    const refusal =
      /^Calamari allows your organisation 15 requests an hour, and the people on this Punchcard server have used them for now, so this request was not sent\. Try again in (a minute|\d+ minutes)\.$/;
    let refused: string | undefined;
    const done: string[] = [];
    // Ada and Bob take turns until the organisation's hour is used up, each asking about another day
    // (a day already listed is answered from what Punchcard keeps, without a request).
    for (let turn = 0; turn < 2 * LIMIT && refused === undefined; turn++) {
      const [client, who] = turn % 2 === 0 ? [ada, 'ada'] : [bob, 'bob'];
      const day = `2026-10-${String(turn + 1).padStart(2, '0')}`;
      const result = await client.call('list_time_entries', { from: day, to: day });
      if (result.isError) refused = textOf(result);
      else done.push(who);
    }
    expect(refused).toMatch(refusal);
    // Both had calls answered within the one allowance, and Calamari saw no more than it allows.
    expect(new Set(done)).toEqual(new Set(['ada', 'bob']));
    const sent = fake.requests.length;
    expect(sent).toBeLessThanOrEqual(LIMIT);
    // Whoever asks next is refused in the same words, and nothing goes out.
    for (const client of [ada, bob]) {
      const result = await client.call('list_time_entries', { from: '2026-09-01', to: '2026-09-01' });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(refusal);
    }
    expect(fake.requests.length).toBe(sent);
    await Promise.all([ada.close(), bob.close()]);

    // The count is in the store: a restarted server goes on counting the same hour.
    await server.stop();
    const restarted = await server.restart();
    setup = { ...setup, server: restarted };
    const again = await connectAs(restarted, { era, signIn: companySignIn(idp, 'ada') });
    const result = await again.call('list_time_entries', { from: '2026-09-02', to: '2026-09-02' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(refusal);
    expect(fake.requests.length).toBe(sent);
    await again.close();
  });
});

describe("a person's projects, kept in the store for their next engine", () => {
  let setup: Setup | undefined;
  afterAll(async () => tearDown(setup));

  it('are taken by the engine that opens after theirs closed: a clock_in by name asks three requests, none of them the projects', {
    timeout: 120_000,
  }, async () => {
    setup = await calamariServer();
    const { fake, server, idp } = setup;
    const first = await connectAs(server, { era: 'modern', signIn: companySignIn(idp, 'ada') });
    const listed = await first.call('list_catalog');
    expect(textOf(listed)).toContain('General');
    await first.close();
    // The person's engine goes with its memory, as after a quiet spell (person-engines.ts closes it
    // after 15 minutes) or on an instance that never served them: here the server restarts.
    await server.stop();
    const restarted = await server.restart();
    setup = { ...setup, server: restarted };
    const again = await connectAs(restarted, { era: 'modern', signIn: companySignIn(idp, 'ada') });
    try {
      await untilQuiet(fake.requests);
      const before = fake.requests.length;
      const result = await again.call('clock_in', { project: 'General' });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(fake.requests.slice(before).map((request) => `${request.path.replace(/^\/api/, '')} ${request.status}`)).toEqual([
        '/clockin/shift/status/v1/get-current 200',
        '/clockin/terminal/v1/clock-in 200',
        '/clockin/timesheetentries/v1/find 200',
      ]);
    } finally {
      await again.close();
    }
  });
});
