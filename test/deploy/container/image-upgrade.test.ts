// The image half of docs/team-server/upgrading.md, run as written with podman in docker's place: the
// container of docs/team-server/container.md ("Running it", its `docker run` read out of the guide) on a
// volume holding a store of the previous store version, with a person signed in and clocked in; the
// backup by a one-off container of the tag in use (`--volumes-from`), the new tag on the same volume
// migrating the store with the person still signed in, the backup copied off with `docker cp`; then
// going back: the audit exported, the older tag refusing the store the newer one migrated, its restore
// of the backup, and the older tag serving what the backup held.
//
// Simulated, and said where: both tags are this build under two names; the store of the previous store
// version is this build's store rewritten as that version left it (test/support/older-store.ts); and
// the older tag that meets a store a newer one migrated is this build meeting its store marked one
// version past its own. Needs podman and root (`npm run test:deploy`).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../team-server/store/sqlite-store.ts';
import { blockWith, inlineCommand, replaced } from '../../support/doc-commands.ts';
import { textOf } from '../../support/engine.ts';
import { markAsNewerStore, rewriteAsStoreVersion, storeVersionOf } from '../../support/older-store.ts';
import { clientWithTokens } from '../../support/team-cluster.ts';
import { connectAs, type ConnectedClient, developmentSignIn, freePort, TEST_SERVER_KEY } from '../../support/team-server.ts';
import { buildImage, ensureBaseImage, podman, podmanOk, waitForOk } from './podman.ts';

const CONTAINER_GUIDE = 'docs/team-server/container.md';
const UPGRADING = 'docs/team-server/upgrading.md';
const run = randomBytes(4).toString('hex');
const NAME = `punchcard-upgrade-test-${run}`;
const VOLUME = `punchcard-upgrade-test-${run}`;
const OLDER = `localhost/punchcard-server:upgrade-from-${run}`;
const NEWER = `localhost/punchcard-server:upgrade-to-${run}`;
const CURRENT = MIGRATIONS.length;
const PREVIOUS = CURRENT - 1;
const TODAY = new Date().toISOString().slice(0, 10);

let work: string;
let port: number;
let origin: string;
let volume: string;
let ada: ConnectedClient;
const clients: ConnectedClient[] = [];

/** The guide's words for this machine: podman for docker, this test's container, volume, files and tags. */
const HERE: ReadonlyArray<readonly [string, string]> = [
  ['docker ', 'podman '],
  ['--name punchcard ', `--name ${NAME} `],
  ['--volumes-from punchcard ', `--volumes-from ${NAME} `],
  ['podman stop punchcard', `podman stop ${NAME}`],
  ['podman rm punchcard', `podman rm ${NAME}`],
  ['podman cp punchcard:', `podman cp ${NAME}:`],
];

/** One guide's commands, a line each (a line ending in `\` goes on in the next), with `replacements` after HERE's. */
function commandsOf(script: string, replacements: ReadonlyArray<readonly [string, string]>): string[] {
  let text = script;
  for (const [from, to] of HERE) text = text.split(from).join(to);
  return replaced(text, replacements)
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter(Boolean);
}

/** One command in bash, from the test's folder (where the guide's relative files land). */
function sh(command: string): { code: number; output: string } {
  const result = spawnSync('bash', ['--norc', '-euo', 'pipefail', '-c', command], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

/** docs/team-server/container.md's `docker run`, with `tag`. */
async function startContainer(tag: string): Promise<void> {
  const [command] = commandsOf(blockWith(CONTAINER_GUIDE, 'docker run --detach --name punchcard'), [
    ['--volume /etc/punchcard/server.json:', `--volume ${work}/server.json:`],
    ['--volume /etc/punchcard/secrets:', `--volume ${work}/secrets:`],
    ['--volume punchcard:', `--volume ${VOLUME}:`],
    // The development sign-in wants the server on this machine's loopback, where the test is.
    ['--publish 127.0.0.1:8787:8787', '--network host'],
    ['ghcr.io/OWNER/punchcard-server:VERSION', tag],
  ]);
  const started = sh(command as string);
  expect(started.code, started.output).toBe(0);
  try {
    await waitForOk(`${origin}/readyz`, 30_000);
  } catch (error) {
    const logs = await podman(['logs', NAME]);
    throw new Error(`${(error as Error).message}\n${command}\n${logs.stdout}${logs.stderr}`, { cause: error });
  }
}

beforeAll(async () => {
  ensureBaseImage();
  await buildImage(OLDER);
  await podmanOk(['tag', OLDER, NEWER]);
  work = mkdtempSync(join(tmpdir(), 'punchcard-upgrade-test-'));
  // The container's user (10001) reads the config through this folder.
  chmodSync(work, 0o755);
  port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  writeFileSync(
    join(work, 'server.json'),
    JSON.stringify({
      public_url: origin,
      listen: `127.0.0.1:${port}`,
      provider: { type: 'local' },
      sign_in: { development: true },
      store: 'sqlite:/var/lib/punchcard/server.db',
      key_env: 'PUNCHCARD_SERVER_KEY',
    }),
    { mode: 0o644 },
  );
  mkdirSync(join(work, 'secrets'), { mode: 0o700 });
  writeFileSync(join(work, 'secrets', 'server-key'), `${TEST_SERVER_KEY}\n`, { mode: 0o400 });
  for (const path of [join(work, 'secrets'), join(work, 'secrets', 'server-key')]) chownSync(path, 10001, 10001);
  await podmanOk(['volume', 'create', VOLUME]);
  volume = (await podmanOk(['volume', 'inspect', VOLUME, '--format', '{{.Mountpoint}}'])).trim();
}, 900_000);

afterAll(async () => {
  for (const client of clients) await client.close().catch(() => {});
  await podman(['rm', '--force', '--time', '0', NAME]);
  await podman(['volume', 'rm', '--force', VOLUME]);
  await podman(['rmi', '--force', OLDER, NEWER]);
  if (work) rmSync(work, { recursive: true, force: true });
});

async function signedIn(name: string): Promise<ConnectedClient> {
  const client = await connectAs({ origin, mcpUrl: `${origin}/mcp` }, { era: 'modern', signIn: developmentSignIn(name) });
  clients.push(client);
  return client;
}

async function adaAgain(): Promise<ConnectedClient> {
  const client = await clientWithTokens(`${origin}/mcp`, ada.oauth);
  clients.push(client);
  return client;
}

/** Puts `file` in the volume as the store, the container user's as the server leaves it. */
function putStore(file: string): void {
  const store = join(volume, 'server.db');
  copyFileSync(file, store);
  chownSync(store, 10001, 10001);
  chmodSync(store, 0o600);
  for (const companion of [`${store}-wal`, `${store}-shm`]) rmSync(companion, { force: true });
}

describe('docs/team-server/upgrading.md with the image', () => {
  it('from a store of the previous store version: the older tag backs it up, the newer one migrates it, and people carry on', async () => {
    await startContainer(OLDER);
    ada = await signedIn('Ada Lovelace');
    expect((await ada.call('create_catalog_item', { kind: 'project', name: 'Website' })).isError).toBeFalsy();
    expect((await ada.call('clock_in', { project: 'Website' })).isError).toBeFalsy();
    await podmanOk(['stop', '--time', '30', NAME]);
    // The store as the previous release left it (see the header).
    const older = join(work, 'older.db');
    copyFileSync(join(volume, 'server.db'), older);
    rewriteAsStoreVersion(older, PREVIOUS);
    putStore(older);

    for (const command of commandsOf(blockWith(UPGRADING, 'admin backup /var/lib/punchcard/before-0.2.0.db --config'), [
      ['ghcr.io/OWNER/punchcard-server:0.1.0', OLDER],
    ])) {
      const ran = sh(command);
      expect(ran.code, `${command}\n${ran.output}`).toBe(0);
    }
    expect(storeVersionOf(join(volume, 'before-0.2.0.db'))).toBe(PREVIOUS);
    expect(storeVersionOf(join(volume, 'server.db'))).toBe(PREVIOUS);

    await startContainer(NEWER);
    expect(storeVersionOf(join(volume, 'server.db'))).toBe(CURRENT);
    const adaNow = await adaAgain();
    expect(textOf(await adaNow.call('timer_status'))).toMatch(/Website/);
    const copied = sh(commandsOf(inlineCommand(UPGRADING, 'docker cp'), [])[0] as string);
    expect(copied.code, copied.output).toBe(0);
    expect(storeVersionOf(join(work, 'before-0.2.0.db'))).toBe(PREVIOUS);
    // Under the new version Ada clocks out, and Tom signs in: after the backup, both.
    expect((await adaNow.call('clock_out')).isError).toBeFalsy();
    await signedIn('Tom Kilburn');
  });

  it('going back: the audit exported, the older tag refuses the migrated store, restores the backup and serves it', async () => {
    const [stop, exportAudit, restore, remove] = commandsOf(blockWith(UPGRADING, 'audit --since 2026-11-18 --config'), [
      ['ghcr.io/OWNER/punchcard-server:0.2.0', NEWER],
      ['ghcr.io/OWNER/punchcard-server:0.1.0', OLDER],
      ['2026-11-18', TODAY],
    ]);
    for (const command of [stop, exportAudit]) {
      const ran = sh(command as string);
      expect(ran.code, `${command}\n${ran.output}`).toBe(0);
    }
    const exported = readFileSync(join(work, 'audit-under-0.2.0.jsonl'), 'utf8');
    expect(
      exported
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { tool: string }).tool),
    ).toEqual(['create_catalog_item', 'clock_in', 'clock_out']);

    // The older tag meets a store a newer one migrated (this build, the store marked past it): it refuses in words.
    const newer = markAsNewerStore(join(volume, 'server.db'));
    const refused = await podman([
      'run',
      '--rm',
      '--read-only',
      '--volumes-from',
      NAME,
      '--env',
      'PUNCHCARD_SERVER_KEY_FILE=/run/secrets/punchcard/server-key',
      OLDER,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `store: /var/lib/punchcard/server.db was written by a newer Punchcard (store version ${newer}; this one knows up to ${CURRENT}).`,
    );

    for (const command of [restore, remove]) {
      const ran = sh(command as string);
      expect(ran.code, `${command}\n${ran.output}`).toBe(0);
    }
    expect(storeVersionOf(join(volume, 'server.db'))).toBe(CURRENT);
    await startContainer(OLDER);
    expect(textOf(await (await adaAgain()).call('timer_status'))).toMatch(/^No timer running\./);
    const people = sh(`podman exec ${NAME} node /opt/punchcard/punchcard-mcp.mjs admin people --config /etc/punchcard/server.json | cut -f3`);
    expect(people.output.split('\n')).toContain('Ada Lovelace');
    expect(people.output.split('\n')).not.toContain('Tom Kilburn');
    expect(existsSync(join(volume, 'before-0.2.0.db'))).toBe(true);
  });
});
