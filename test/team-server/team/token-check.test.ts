// A token's check is made whole once and then by one read of the store a request (auth/bearer.ts): what
// the whole check found is kept on each instance that served the token, so these tests use a token on
// every instance first, then revoke it (by the client at the revocation endpoint of RFC 7009, or by its
// person's Disconnect on the account page) or let it expire, and its very next request is refused on
// every instance: on one instance with its SQLite store, and on two sharing a PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';
import { startTeamCluster, type TeamCluster } from '../../support/team-cluster.ts';
import { metadataOf, signInByHand, statusWith } from '../../support/team-oauth.ts';
import {
  disconnect,
  removeTeamServerData,
  SignInBrowser,
  signInToAccount,
  startTeamServer,
  type TeamServerHandle,
  trackerSignIn,
} from '../../support/team-server.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;
/** A remote back end, so that several instances may share the store (the local timesheet is one instance's). */
const kimai = () => ({ provider: { type: 'kimai', url: fake.url }, signIn: { tracker: true } });

/** Long enough for a token to be used on every instance a few times before it expires. */
const SHORT_TTL_SECONDS = 10;

interface Setup {
  /** Where the clients sign in and the revocation endpoint is. */
  server: { origin: string; mcpUrl: string };
  /** Every instance's own /mcp. */
  instances: string[];
  /** The same with access tokens that expire after SHORT_TTL_SECONDS. */
  shortLived: { server: { origin: string; mcpUrl: string }; instances: string[] };
  close(): Promise<void>;
}

async function oneSqliteInstance(): Promise<Setup> {
  const server = await startTeamServer({ store: 'sqlite', ...kimai() });
  const short = await startTeamServer({ store: 'sqlite', ...kimai(), env: { PUNCHCARD_TEAM_ACCESS_TOKEN_TTL_SECONDS: String(SHORT_TTL_SECONDS) } });
  const stop = async (each: TeamServerHandle) => {
    await each.stop();
    removeTeamServerData(each);
  };
  return {
    server,
    instances: [server.mcpUrl],
    shortLived: { server: short, instances: [short.mcpUrl] },
    close: async () => {
      await stop(server);
      await stop(short);
    },
  };
}

async function twoPostgresInstances(postgres: TestPostgres): Promise<Setup> {
  const cluster = await startTeamCluster({ postgres, instances: 2, setup: kimai() });
  // Its own database: the other cluster's tokens live an hour.
  const short = await startTeamCluster({
    postgres: { ...postgres, url: freshDatabase(postgres) },
    instances: 2,
    setup: { ...kimai(), env: { PUNCHCARD_TEAM_ACCESS_TOKEN_TTL_SECONDS: String(SHORT_TTL_SECONDS) } },
  });
  const own = (each: TeamCluster) => each.instances.map((instance) => `${instance.listenUrl}/mcp`);
  return {
    server: { origin: cluster.origin, mcpUrl: cluster.mcpUrl },
    instances: own(cluster),
    shortLived: { server: { origin: short.origin, mcpUrl: short.mcpUrl }, instances: own(short) },
    close: async () => {
      await cluster.close();
      await short.close();
    },
  };
}

function freshDatabase(postgres: TestPostgres): string {
  const name = `short${Math.random().toString(36).slice(2, 10)}`;
  postgres.psql(`CREATE DATABASE ${name}`);
  return postgres.url.replace(/\/punchcard$/, `/${name}`);
}

/** Each instance's answer to a request with the token (200 taken, 401 refused), twice each: the second from what the first kept. */
async function usedEverywhere(instances: readonly string[], token: string): Promise<number[]> {
  const statuses: number[] = [];
  for (const url of instances) for (let time = 0; time < 2; time++) statuses.push(await statusWith(url, token));
  return statuses;
}

async function nextRequests(instances: readonly string[], token: string): Promise<number[]> {
  const statuses: number[] = [];
  for (const url of instances) statuses.push(await statusWith(url, token));
  return statuses;
}

async function revoke(origin: string, token: string, clientId: string): Promise<void> {
  const { revocation_endpoint: endpoint } = await metadataOf(origin);
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, client_id: clientId }),
  });
  await response.arrayBuffer();
  expect(response.status).toBe(200);
}

let postgres: TestPostgres;
let fake: FakeKimai;
beforeAll(async () => {
  postgres = await startPostgres();
  fake = await startFakeKimai();
}, 60_000);
afterAll(async () => {
  await fake?.close();
  postgres?.remove();
});

describe.each([
  ['one instance on SQLite', () => oneSqliteInstance()],
  ['two instances on PostgreSQL', () => twoPostgresInstances(postgres)],
] as const)('a token used before, %s', (_name, start) => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await start();
  }, 120_000);
  afterAll(async () => setup?.close());

  it('is refused at its next request on every instance once its client revokes it', async () => {
    const signedIn = await signInByHand(setup.server, { signIn: trackerSignIn(ADA.token), clientName: 'Revoked' });
    const before = await usedEverywhere(setup.instances, signedIn.accessToken);
    expect(before.every((status) => status === 200)).toBe(true);
    await revoke(setup.server.origin, signedIn.accessToken, signedIn.clientId);
    expect(await nextRequests(setup.instances, signedIn.accessToken)).toEqual(setup.instances.map(() => 401));
  });

  it('is refused at its next request on every instance once its person disconnects the client', async () => {
    const browser = new SignInBrowser(setup.server.origin);
    const signedIn = await signInByHand(setup.server, { signIn: trackerSignIn(TOM.token), clientName: 'Disconnected', browser });
    expect((await usedEverywhere(setup.instances, signedIn.accessToken)).every((status) => status === 200)).toBe(true);
    const account = await signInToAccount(browser, trackerSignIn(TOM.token));
    await disconnect(browser, account, 'Disconnected');
    expect(await nextRequests(setup.instances, signedIn.accessToken)).toEqual(setup.instances.map(() => 401));
  });

  it('is refused at its first request after it expires, on every instance', async () => {
    const { server, instances } = setup.shortLived;
    const signedIn = await signInByHand(server, { signIn: trackerSignIn(ADA.token), clientName: 'Expiring' });
    const issued = Date.now();
    expect((await usedEverywhere(instances, signedIn.accessToken)).every((status) => status === 200)).toBe(true);
    // Past its expiry (the library counts whole seconds): no request meanwhile.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, issued + (SHORT_TTL_SECONDS + 1.5) * 1000 - Date.now())));
    expect(await nextRequests(instances, signedIn.accessToken)).toEqual(instances.map(() => 401));
  }, 30_000);
});
