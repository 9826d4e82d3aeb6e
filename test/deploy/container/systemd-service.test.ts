// docs/team-server/systemd.md and the systemd half of docs/team-server/upgrading.md, run as written on
// a real systemd (test/deploy/container/systemd-machine.ts: a Debian machine that boots systemd in a
// container): the server package installed with npm, the unit, the server key made, shown once,
// encrypted and checked against the copy kept, the service started with DynamicUser and the encrypted
// credential, a person signing in (the development sign-in of the local timesheet, on loopback) and
// clocking in, `punchcard-run` for admin and audit as the service's user, a backup restored; then the
// machine's own secret lost, as on a new machine, and the kept key encrypted again; then an upgrade
// from a store of the previous store version, and going back. The commands are read out of the guides
// (test/support/doc-commands.ts); only the host-specific words change (the package's file name, the
// config an editor would write, today's date). Needs podman and root (`npm run test:deploy`).
//
// Simulated, and said where: the "new version" of an upgrade is this build installed again over
// itself, the store it upgrades is this build's store rewritten as the previous store version left it
// (test/support/older-store.ts), and the "older version" that meets a store a newer one migrated is
// this build meeting its store marked one version past its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAM_SERVER_NODE_FLAGS } from '../../../team-server/node-flags.ts';
import { MIGRATIONS } from '../../../team-server/store/sqlite-store.ts';
import { packServer } from '../../../scripts/pack-server.ts';
import { blockWith, replaced } from '../../support/doc-commands.ts';
import { textOf } from '../../support/engine.ts';
import { markAsNewerStore, rewriteAsStoreVersion, storeVersionOf } from '../../support/older-store.ts';
import { clientWithTokens } from '../../support/team-cluster.ts';
import { connectAs, type ConnectedClient, developmentSignIn, freePort } from '../../support/team-server.ts';
import { APP_VERSION, ensureBaseImage, ROOT, waitForOk } from './podman.ts';
import { bootSystemdMachine, buildSystemdImage, type SystemdMachine } from './systemd-machine.ts';

const SYSTEMD = 'docs/team-server/systemd.md';
const UPGRADING = 'docs/team-server/upgrading.md';
const PACKAGE = `punchcard-server-${APP_VERSION}.tgz`;
/** Where the administrator works on the machine: a checkout's deploy/ folder and the package beside it. */
const CHECKOUT = '/root/punchcard';
const STATE = '/var/lib/private/punchcard';
const TODAY = new Date().toISOString().slice(0, 10);

let machine: SystemdMachine;
let work: string;
let port: number;
let origin: string;
let keptKey: string;
let ada: ConnectedClient;
const clients: ConnectedClient[] = [];

beforeAll(async () => {
  ensureBaseImage();
  await buildSystemdImage();
  work = mkdtempSync(join(tmpdir(), 'punchcard-systemd-service-'));
  const tgz = packServer({ outDir: work });
  port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  machine = await bootSystemdMachine(`punchcard-systemd-${randomBytes(4).toString('hex')}`);
  await machine.bashOk(`mkdir -p ${CHECKOUT}/deploy`);
  await machine.copyIn(join(ROOT, 'deploy', 'systemd'), `${CHECKOUT}/deploy/systemd`);
  await machine.copyIn(tgz, `${CHECKOUT}/${PACKAGE}`);
}, 900_000);

afterAll(async () => {
  for (const client of clients) await client.close().catch(() => {});
  await machine?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The guide's `punchcard-run` function and then `script`, on the machine. */
function withPunchcardRun(script: string): string {
  return `${blockWith(SYSTEMD, 'punchcard-run() {')}\n${script}`;
}

/** What the service's journal says, from its last start. */
async function journal(): Promise<string> {
  return (await machine.bash('journalctl --no-pager -o cat -u punchcard-server')).stdout;
}

/** The store version of the service's store (or another file of its folder), read on this machine. */
/**
 * The store's version as the server sees it: the file with its write-ahead log, which holds what the
 * running server wrote last (a migration not yet checkpointed into the file is there alone).
 */
async function versionOf(file = 'server.db'): Promise<number> {
  const local = join(work, `${randomBytes(4).toString('hex')}-${file}`);
  await machine.copyOut(`${STATE}/${file}`, local);
  if ((await machine.bash(`test -s ${STATE}/${file}-wal`)).code === 0) await machine.copyOut(`${STATE}/${file}-wal`, `${local}-wal`);
  return storeVersionOf(local);
}

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

describe('docs/team-server/systemd.md on a machine systemd booted', () => {
  it('installs the package with npm, and the unit and its config from a checkout', async () => {
    // The package's block, but its last line: `serve --dev` runs in the foreground (test/scripts/pack-server.test.ts runs it).
    const lines = blockWith(SYSTEMD, 'npm install -g')
      .split('\n')
      .filter((line) => line && !line.startsWith('punchcard-mcp serve --dev'));
    const installed = await machine.bash(replaced(lines.join('\n'), [['./punchcard-server-0.1.0.tgz', `./${PACKAGE}`]]), { cwd: CHECKOUT });
    expect(installed.code, installed.stdout + installed.stderr).toBe(0);
    expect(installed.stdout + installed.stderr).toContain(`punchcard-mcp ${APP_VERSION}`);
    expect((await machine.bashOk('readlink -f "$(command -v punchcard-mcp)"')).trim()).toBe('/usr/local/lib/node_modules/punchcard-server/punchcard-mcp.mjs');

    const config = JSON.stringify({
      public_url: origin,
      listen: `127.0.0.1:${port}`,
      provider: { type: 'local' },
      sign_in: { development: true },
      store: 'sqlite:/var/lib/punchcard/server.db',
      key_env: 'PUNCHCARD_SERVER_KEY',
    });
    // What the administrator writes in the editor, written here.
    const unit = replaced(blockWith(SYSTEMD, 'install -m 0644 deploy/systemd/punchcard-server.service'), [
      ['editor /etc/punchcard/server.json', `cat > /etc/punchcard/server.json <<'CONFIG'\n${config}\nCONFIG\n#`],
    ]);
    await machine.bashOk(unit, { cwd: CHECKOUT });
    expect(await machine.bashOk('stat -c %a /etc/systemd/system/punchcard-server.service /etc/punchcard')).toBe('644\n755\n');
  });

  it('makes the key, shows it once to keep, encrypts it for systemd, and the credential holds the key kept', async () => {
    const made = await machine.bash(blockWith(SYSTEMD, 'openssl rand -base64 32'));
    expect(made.code, made.stderr).toBe(0);
    const shown = /^Keep this server key in your password manager: (\S+)$/m.exec(made.stdout);
    expect(shown, made.stdout).not.toBeNull();
    keptKey = shown?.[1] as string;
    expect(Buffer.from(keptKey, 'base64')).toHaveLength(32);
    // Shown once, and otherwise only encrypted: not in the credential's file, nor anywhere in /etc.
    expect((await machine.bash(`grep -rlF -- '${keptKey}' /etc /root || true`)).stdout).toBe('');
    const checked = await machine.bash(blockWith(SYSTEMD, 'systemd-creds decrypt'));
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout.trim()).toBe(keptKey);
  });

  it('starts the service as its dynamic user with the key as a credential; a person signs in and clocks in', async () => {
    const started = await machine.bash(blockWith(SYSTEMD, 'systemctl enable --now punchcard-server'));
    expect(started.code, started.stderr).toBe(0);
    await waitForOk(`${origin}/readyz`);
    expect(await journal()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ \(local, store sqlite/);
    // The unit's main process is node with the team server's flags, from its program's first line
    // (team-server/node-flags.ts), with nothing said about flags it runs without.
    const mainProcess = await machine.bashOk(`tr '\\0' ' ' < /proc/$(systemctl show --property MainPID --value punchcard-server)/cmdline`);
    expect(mainProcess.trim()).toBe(`node ${TEAM_SERVER_NODE_FLAGS.join(' ')} /usr/local/bin/punchcard-mcp serve --config /etc/punchcard/server.json`);
    expect(await journal()).not.toMatch(/Running without/);
    ada = await signedIn('Ada Lovelace');
    expect((await ada.call('create_catalog_item', { kind: 'project', name: 'Website' })).isError).toBeFalsy();
    const clockedIn = await ada.call('clock_in', { project: 'Website' });
    expect(clockedIn.isError, textOf(clockedIn)).toBeFalsy();
    // The store is the dynamic user's alone, in a folder of its own.
    const [folder, store] = (await machine.bashOk(`stat -c '%a %u' ${STATE} ${STATE}/server.db`)).trim().split('\n');
    expect(folder).toMatch(/^700 [1-9]\d*$/);
    expect(store).toBe(`600 ${folder?.split(' ')[1]}`);
  });

  it('punchcard-run runs admin and audit as the service’s user with its key, the command’s output and exit code its own', async () => {
    const [check, people, audit, backup] = blockWith(SYSTEMD, 'punchcard-run admin check').split('\n').filter(Boolean);
    const checked = await machine.bash(withPunchcardRun(check as string));
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/^ok {6}key: PUNCHCARD_SERVER_KEY holds this store's key \(key [0-9a-f]{12}\)$/m);
    expect(checked.stdout).toContain('ok      store: sqlite answers and is migrated (1 person)');
    const listed = await machine.bash(withPunchcardRun(`${people} | cut -f3`));
    expect([listed.code, listed.stdout]).toEqual([0, 'name\nAda Lovelace\n']);
    const audited = await machine.bash(withPunchcardRun(replaced(audit as string, [['2026-11-01', TODAY]])));
    expect(audited.code, audited.stderr).toBe(0);
    expect(
      audited.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { person: string; tool: string }),
    ).toEqual([
      expect.objectContaining({ person: 'Ada Lovelace', tool: 'create_catalog_item' }),
      expect.objectContaining({ person: 'Ada Lovelace', tool: 'clock_in' }),
    ]);
    const backedUp = await machine.bash(withPunchcardRun(backup as string));
    expect(backedUp.code, backedUp.stderr).toBe(0);
    // The backup is the service's, and the run left the folder as private as it was.
    const [file, folder] = (await machine.bashOk(`stat -c '%a %u' ${STATE}/backup-2026-11-18.db ${STATE}`)).trim().split('\n');
    expect(folder).toMatch(/^700 [1-9]\d*$/);
    expect(file).toBe(`600 ${folder?.split(' ')[1]}`);
    const refused = await machine.bash(withPunchcardRun('punchcard-run admin sign-out nobody@example.com'));
    expect([refused.code, refused.stdout]).toEqual([1, '']);
    expect(refused.stderr).toContain('Nobody with the id or e-mail "nobody@example.com" has signed in to this server');
  });

  it('restores a backup kept elsewhere once it is the service’s file', async () => {
    await machine.bashOk(`mkdir -p /backup && cp ${STATE}/backup-2026-11-18.db /backup/punchcard-2026-11-18.db`);
    const restored = await machine.bash(withPunchcardRun(blockWith(SYSTEMD, 'punchcard-run admin restore')));
    expect(restored.code, restored.stdout + restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^Restored \/var\/lib\/punchcard\/server\.db from \/var\/lib\/punchcard\/punchcard-2026-11-18\.db/);
    expect(textOf(await ada.call('timer_status'))).toMatch(/Website/);
  });

  it('a .cred opens on its machine alone; on a new machine the kept key, encrypted again, opens the store', async () => {
    await machine.bashOk('systemctl stop punchcard-server');
    // The machine's own secret gone, as on a new machine (or after a reinstall).
    await machine.bashOk('mv /var/lib/systemd/credential.secret /root/old-machine.secret');
    const lost = await machine.bash(blockWith(SYSTEMD, 'systemd-creds decrypt'));
    expect(lost.code).not.toBe(0);
    const again = await machine.bash(blockWith(SYSTEMD, "read -r -s -p 'Punchcard server key: ' key"), { input: `${keptKey}\n` });
    expect(again.code, again.stderr).toBe(0);
    expect((await machine.bashOk(blockWith(SYSTEMD, 'systemd-creds decrypt'))).trim()).toBe(keptKey);
    await machine.bashOk('systemctl start punchcard-server');
    await waitForOk(`${origin}/readyz`);
    // The sealed client names read under the kept key.
    const people = await machine.bash(withPunchcardRun('punchcard-run admin people'));
    expect(people.stdout).toMatch(/\tAda Lovelace\t.*\tPunchcard test client\n/);
    expect(textOf(await (await adaAgain()).call('timer_status'))).toMatch(/Website/);
  });
});

describe('docs/team-server/upgrading.md under systemd', () => {
  const current = MIGRATIONS.length;
  const previous = current - 1;

  it('from a store of the previous store version: stop, back up, npm install, start; the store is migrated and people carry on', async () => {
    await machine.bashOk('systemctl stop punchcard-server');
    // The store as the previous release left it (see the header: rewritten here, put back as the service's).
    const local = join(work, 'server.db');
    await machine.copyOut(`${STATE}/server.db`, local);
    rewriteAsStoreVersion(local, previous);
    await machine.copyIn(local, `${STATE}/server.db`);
    await machine.bashOk(
      `chown --reference=${STATE} ${STATE}/server.db && chmod 600 ${STATE}/server.db && rm -f ${STATE}/server.db-wal ${STATE}/server.db-shm`,
    );
    expect(await versionOf()).toBe(previous);

    const upgrade = replaced(blockWith(UPGRADING, 'npm install -g ./punchcard-server-0.2.0.tgz'), [['./punchcard-server-0.2.0.tgz', `./${PACKAGE}`]]);
    const upgraded = await machine.bash(withPunchcardRun(upgrade), { cwd: CHECKOUT });
    expect(upgraded.code, upgraded.stdout + upgraded.stderr).toBe(0);
    expect(upgraded.stdout).toContain('ok      store: sqlite answers and is migrated (1 person)');
    expect(await versionOf('before-0.2.0.db')).toBe(previous);
    expect(await versionOf()).toBe(current);
    expect(await machine.bashOk(`ls ${STATE}/people-before-0.2.0 | wc -l`)).not.toBe('0\n');
    await waitForOk(`${origin}/readyz`);
    // Ada carries on; under the new version she clocks out, and Tom signs in: after the backup, both.
    const adaNow = await adaAgain();
    expect(textOf(await adaNow.call('timer_status'))).toMatch(/Website/);
    expect((await adaNow.call('clock_out')).isError).toBeFalsy();
    await signedIn('Tom Kilburn');
  });

  it('going back: the audit exported, the older version refuses the migrated store, restores the backup and serves it', async () => {
    const [stop, exportAudit, ...rest] = replaced(blockWith(UPGRADING, 'punchcard-run audit --since'), [
      ['./punchcard-server-0.1.0.tgz', `./${PACKAGE}`],
      ['2026-11-18', TODAY],
    ])
      .split('\n')
      .filter(Boolean);
    await machine.bashOk(withPunchcardRun(`${stop}\n${exportAudit}`), { cwd: CHECKOUT });
    const exported = await machine.bashOk('cat /root/audit-under-0.2.0.jsonl');
    expect(
      exported
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { tool: string }).tool),
    ).toEqual(['create_catalog_item', 'clock_in', 'clock_out']);

    // This build as the older version: the store marked as a newer one left it. It refuses to start, in words.
    const local = join(work, 'migrated.db');
    await machine.copyOut(`${STATE}/server.db`, local);
    const newer = markAsNewerStore(local);
    await machine.copyIn(local, `${STATE}/server.db`);
    await machine.bashOk(`chown --reference=${STATE} ${STATE}/server.db && chmod 600 ${STATE}/server.db && systemctl start punchcard-server`);
    await expect
      .poll(journal, { timeout: 20_000 })
      .toContain(`store: /var/lib/punchcard/server.db was written by a newer Punchcard (store version ${newer}; this one knows up to ${current}).`);
    expect(await versionOf()).toBe(newer);

    const back = await machine.bash(withPunchcardRun(`${stop}\n${rest.join('\n')}`), { cwd: CHECKOUT });
    expect(back.code, back.stdout + back.stderr).toBe(0);
    await waitForOk(`${origin}/readyz`);
    expect(await versionOf()).toBe(current);
    const people = (await machine.bashOk(withPunchcardRun('punchcard-run admin people | cut -f3'))).split('\n');
    expect(people).toContain('Ada Lovelace');
    expect(people).not.toContain('Tom Kilburn');
    // Ada's timesheet is hers, not the store's: the clock-out made under the new version is still in it.
    expect(textOf(await (await adaAgain()).call('timer_status'))).toMatch(/^No timer running\./);
  });
});
