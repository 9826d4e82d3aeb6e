// What a plain call costs the team server beyond its answer, on Kimai through a server started in
// process: no store write (the access token is only read, the person's last seen time was written at
// sign-in and is not due again within the minute, and what their back end learned was learned at
// their first call), and the person's tracker credential unsealed once for their engine, not once a
// call. A new sign-in seals the credential afresh, so the engine's next call opens the back end on it
// and unseals it once more.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { writeServerConfig } from '../../support/admin-setup.ts';
import { type Era, textOf } from '../../support/engine.ts';
import { sentencesLog } from '../../support/sentences-log.ts';
import { connectAs, type ConnectedClient, freePort, TEST_SERVER_KEY, trackerSignIn } from '../../support/team-server.ts';
import { startTeamServer, type TeamServer } from '../../../team-server/team/team-server.ts';
import type { Store } from '../../../team-server/store/store.ts';

/** Every unsealing of a person's tracker credentials, by the record it is bound to (`credentials:<person id>`). */
const credentialUnseals = vi.hoisted(() => [] as string[]);
vi.mock(import('../../../team-server/store/sealed.ts'), async (importOriginal) => {
  const sealed = await importOriginal();
  return {
    ...sealed,
    unseal: (keys, text, boundTo) => {
      if (boundTo.startsWith('credentials:')) credentialUnseals.push(boundTo);
      return sealed.unseal(keys, text, boundTo);
    },
  };
});

/** What the store is asked while people call: reads answer, anything else changes it. */
const READS = new Set<keyof Store>([
  'ping',
  'findOAuth',
  'findOAuthByUid',
  'standingAccess',
  'grantsOf',
  'personByIdentity',
  'person',
  'people',
  'signOuts',
  'readAudit',
  'count',
  'hold',
  'factsOf',
  'idOfNumber',
  'instances',
  'instanceAddress',
  'keyRotation',
  'sealedOAuth',
]);
/**
 * The request counts of the rate limits (http/rate-limits.ts) are told to the store once a second for
 * the whole instance, whatever the number of calls: not a write of any one call.
 */
const ONCE_A_SECOND = new Set<keyof Store>(['hit']);

const CALLS = 20;
const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;

let fake: FakeKimai;
let server: TeamServer;
let dir: string;
/** The server's clock: still, so a person's last seen time is not due again during the test. */
const clock = Date.parse('2026-11-18T08:00:00+01:00');
const clients: ConnectedClient[] = [];

beforeAll(async () => {
  fake = await startFakeKimai();
  seedCatalog(fake);
  dir = mkdtempSync(join(tmpdir(), 'punchcard-plain-calls-'));
  const port = await freePort();
  const { config } = writeServerConfig(dir, {
    public_url: `http://127.0.0.1:${port}`,
    listen: `127.0.0.1:${port}`,
    provider: { type: 'kimai', url: fake.url },
    sign_in: { tracker: true },
  });
  server = await startTeamServer({ config, env: { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY }, log: sentencesLog(), now: () => clock, policyFiles: [] });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close().catch(() => {})));
  await server?.close();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signedIn(user: FakeUser, era: Era = 'modern'): Promise<ConnectedClient> {
  const client = await connectAs({ origin: server.url, mcpUrl: `${server.url}/mcp` }, { era, signIn: trackerSignIn(user.token) });
  clients.push(client);
  return client;
}

/** Each method of the store called while `work` runs, with how often, counted on the server's own store object. */
async function storeCallsDuring(work: () => Promise<void>): Promise<Map<string, number>> {
  const store = server.store as unknown as Record<string, (...args: unknown[]) => unknown>;
  const called = new Map<string, number>();
  const names = Object.getOwnPropertyNames(Object.getPrototypeOf(store)).filter((name) => name !== 'constructor' && typeof store[name] === 'function');
  for (const name of names) {
    const original = store[name] as (...args: unknown[]) => unknown;
    store[name] = function (this: unknown, ...args: unknown[]) {
      called.set(name, (called.get(name) ?? 0) + 1);
      return original.apply(this, args);
    };
  }
  try {
    await work();
    // Whatever a call set going after its answer (a last seen time, what the back end learned) has begun by now.
    await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    for (const name of names) Reflect.deleteProperty(store, name);
  }
  return called;
}

function writesOf(called: Map<string, number>): [string, number][] {
  return [...called].filter(([name]) => !READS.has(name as keyof Store) && !ONCE_A_SECOND.has(name as keyof Store));
}

async function timerStatus(client: ConnectedClient): Promise<void> {
  expect(textOf(await client.call('timer_status'))).toMatch(/No timer running/);
}

describe('plain calls on the team server', () => {
  it('write nothing to the store: a token is checked by reading it', async () => {
    const ada = await signedIn(ADA);
    const tom = await signedIn(TOM);
    // Their first requests opened their engine and back end (what Kimai says about them is kept then); a first call settles it.
    await Promise.all([timerStatus(ada), timerStatus(tom)]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const called = await storeCallsDuring(async () => {
      for (let call = 0; call < CALLS; call++) await Promise.all([timerStatus(ada), timerStatus(tom)]);
    });
    expect(writesOf(called)).toEqual([]);
    // Each call did check its token against the store (a revoked one is refused at once, on every instance):
    // by one read of its record and person, the token having been verified whole at the first call.
    expect(called.get('standingAccess')).toBe(2 * CALLS);
    expect(called.get('findOAuth')).toBeUndefined();
    expect(called.get('person')).toBeUndefined();
  });

  it('unseal a person’s tracker credential once for their engine, and once more only when a new sign-in sealed it afresh', async () => {
    const [ada, tom] = clients as [ConnectedClient, ConnectedClient];
    const people = await server.store.people();
    const idOf = (name: string) => people.find((person) => person.name === name)?.id as string;
    const unsealsOf = (name: string) => credentialUnseals.filter((bound) => bound === `credentials:${idOf(name)}`).length;
    // Their engines opened with their first requests in the first test, and nothing was unsealed since.
    expect(unsealsOf('Ada Lovelace')).toBe(1);
    expect(unsealsOf('Tom Lead')).toBe(1);
    for (let call = 0; call < CALLS; call++) await Promise.all([timerStatus(ada), timerStatus(tom)]);
    expect(unsealsOf('Ada Lovelace')).toBe(1);
    expect(unsealsOf('Tom Lead')).toBe(1);
    // Ada signs in again from another client: her credential is sealed afresh, and her engine opens her back end on it.
    const again = await signedIn(ADA);
    await timerStatus(ada);
    await timerStatus(again);
    expect(unsealsOf('Ada Lovelace')).toBe(2);
    expect(unsealsOf('Tom Lead')).toBe(1);
    // Each request to Kimai still carried its own person's token.
    const tokens = new Set(fake.requests.slice(-4).map((request) => request.headers.authorization));
    expect(tokens).toEqual(new Set([`Bearer ${ADA.token}`]));
  });

  it('write nothing to the store in a 2025-era session either', async () => {
    const session = await signedIn(TOM, 'legacy');
    await timerStatus(session);
    expect(server.stats().sessions).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const called = await storeCallsDuring(async () => {
      for (let call = 0; call < CALLS; call++) await timerStatus(session);
    });
    expect(writesOf(called)).toEqual([]);
    expect(called.get('standingAccess')).toBeGreaterThanOrEqual(CALLS);
    expect(called.get('findOAuth')).toBeUndefined();
  });
});
