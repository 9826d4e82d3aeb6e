// Upgrading one instance on SQLite as docs/team-server/upgrading.md tells it, with the BUILT server and
// command line: a store as the previous store version left it (test/support/older-store.ts: that
// version's tables, with the rows of people who signed in through OAuth on the fake Kimai and an audit
// log), backed up as it is, migrated by this version at its start with everyone still signed in; then
// going back. Only one build exists here, so the "older version" that meets a store a newer one
// migrated is this build meeting a store marked one version past its own: its refusal and its restore
// are the real code paths an older release runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../team-server/store/sqlite-store.ts';
import { textOf } from '../../support/engine.ts';
import { markAsNewerStore, rewriteAsStoreVersion, storeVersionOf } from '../../support/older-store.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import { clientWithTokens } from '../../support/team-cluster.ts';
import {
  connectAs,
  type ConnectedClient,
  removeTeamServerData,
  startTeamServer,
  type TeamServerHandle,
  TEST_SERVER_KEY,
  trackerSignIn,
} from '../../support/team-server.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;
const CURRENT = MIGRATIONS.length;
const PREVIOUS = CURRENT - 1;

let fake: FakeKimai;
let server: TeamServerHandle;
let ada: ConnectedClient;
let backups: string;
let backup: string;
let store: string;
const clients: ConnectedClient[] = [];

beforeAll(async () => {
  fake = await startFakeKimai({ now: clockStartingAt(NOW) });
  seedCatalog(fake);
  backups = mkdtempSync(join(tmpdir(), 'punchcard-upgrade-'));
  backup = join(backups, 'before-upgrade.db');
});

afterAll(async () => {
  for (const client of clients) await client.close().catch(() => {});
  if (server?.process.exitCode === null) await server.stop();
  if (server) removeTeamServerData(server);
  rmSync(backups, { recursive: true, force: true });
  await fake?.close();
});

/** The command line with the server's environment: its key. */
function cli(args: string[]) {
  return runTeamCli([...args, '--config', server.configPath], { HOME: server.dataDir, PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });
}

async function signedIn(user: FakeUser): Promise<ConnectedClient> {
  const client = await connectAs(server, { era: 'modern', signIn: trackerSignIn(user.token) });
  clients.push(client);
  return client;
}

/** Ada's client as it is after a restart: the tokens it holds, a new connection. */
async function adaAgain(): Promise<ConnectedClient> {
  const client = await clientWithTokens(server.mcpUrl, ada.oauth);
  clients.push(client);
  return client;
}

describe('upgrading one instance on SQLite', () => {
  it('backs up a store of the previous store version as it is: the backup and the store keep that version', async () => {
    server = await startTeamServer({ built: true, provider: { type: 'kimai', url: fake.url }, signIn: { tracker: true }, env: { PUNCHCARD_NOW: NOW } });
    store = join(server.dataDir, 'server.db');
    ada = await signedIn(ADA);
    const clockedIn = await ada.call('clock_in', { project: 'Website', activity: 'Design' });
    expect(clockedIn.isError, textOf(clockedIn)).toBeFalsy();
    expect(await server.stop()).toBe(0);
    // As the previous release left the store: its tables, the same people, grants, tokens and audit log.
    rewriteAsStoreVersion(store, PREVIOUS);
    expect(storeVersionOf(store)).toBe(PREVIOUS);

    // docs/team-server/upgrading.md: stop, back up (the backup migrates nothing), then the new version.
    const backedUp = await cli(['admin', 'backup', backup]);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(storeVersionOf(backup)).toBe(PREVIOUS);
    expect(storeVersionOf(store)).toBe(PREVIOUS);
  });

  it('migrates the store when the new version starts: people stay signed in, and the audit log goes on', async () => {
    server = await server.restart();
    expect(storeVersionOf(store)).toBe(CURRENT);
    const status = await (await adaAgain()).call('timer_status');
    expect(status.isError, textOf(status)).toBeFalsy();
    expect(textOf(status)).toMatch(/Website/);
    const audit = await cli(['audit']);
    expect(audit.code, audit.stderr).toBe(0);
    expect(
      audit.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { tool: string; person: string }).tool),
    ).toEqual(['clock_in']);
    const check = await cli(['admin', 'check']);
    expect(check.stdout).toContain('ok      store: sqlite answers and is migrated (1 person)');
    // Tom signs in under the new version only: the backup does not know him.
    await signedIn(TOM);
    expect((await cli(['admin', 'people'])).stdout).toContain(`${TOM.username}@example.com`);
  });

  it('an older version refuses the store a newer one migrated, in one line, and changes nothing', async () => {
    expect(await server.stop()).toBe(0);
    // The stand-in for "this build is older than the store": the store marked one version past it.
    const newer = markAsNewerStore(store);
    const refusal = `store: ${store} was written by a newer Punchcard (store version ${newer}; this one knows up to ${CURRENT}). Run the newer version, or restore a backup made with this one.\n`;
    for (const args of [['serve'], ['audit']]) {
      const run = await cli(args);
      expect([run.code, run.stderr]).toEqual([1, refusal]);
    }
    expect(storeVersionOf(store)).toBe(newer);
  });

  it('going back: the older version restores the backup over the newer store, and serves what the backup held', async () => {
    const restored = await cli(['admin', 'restore', backup]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(storeVersionOf(store)).toBe(CURRENT);
    server = await server.restart();
    const status = await (await adaAgain()).call('timer_status');
    expect(status.isError, textOf(status)).toBeFalsy();
    expect(textOf(status)).toMatch(/Website/);
    const people = (await cli(['admin', 'people'])).stdout;
    expect(people).toContain(`${ADA.username}@example.com`);
    // What happened since the backup is gone: Tom signs in again.
    expect(people).not.toContain(`${TOM.username}@example.com`);
  });
});
