// The server key on a bad day, in process on a SQLite store a server made: a backup made before the
// key was rotated is refused by `admin restore` in words naming the key it needs (restored, every
// call of a person in it would fail), and a server whose store was swapped for one of another key
// anyway (a file copied in by hand) says so and turns /readyz to 503; `admin rotate-key --finish`
// runs only with the new key and only once no instance still holds the old one.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sentencesLog } from '../../support/sentences-log.ts';
import { rotateKey } from '../../../team-server/admin/rotate-key.ts';
import { keyIdOf } from '../../../team-server/auth/server-keys.ts';
import { openStore } from '../../../team-server/store/open-store.ts';
import { startTeamServer, type TeamServer } from '../../../team-server/team/team-server.ts';
import type { ServerConfig } from '../../../team-server/config/server-config.ts';
import { runAdmin, storeWithAda, writeServerConfig } from '../../support/admin-setup.ts';

const FIRST = randomBytes(32).toString('base64');
const SECOND = randomBytes(32).toString('base64');
const idOf = (key: string) => keyIdOf(Buffer.from(key, 'base64'));
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

let dir: string;
let config: ServerConfig;
let configPath: string;
let storePath: string;
const servers: TeamServer[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-restore-keys-'));
  folders.push(dir);
  ({ configPath, config, storePath } = writeServerConfig(dir));
  await storeWithAda(config, FIRST);
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const admin = (argv: string[], key: string, env: Record<string, string> = {}) => runAdmin(configPath, argv, { PUNCHCARD_SERVER_KEY: key, ...env });

/** Rotates the store's key from FIRST to SECOND, start and finish, as the guide does with one instance restarted in between. */
async function rotateToSecond(): Promise<void> {
  const io = (key: string) => ({ env: { PUNCHCARD_SERVER_KEY: key, NEXT: SECOND }, out: () => {}, err: () => {} });
  expect(await rotateKey(config, { newKeyVariable: 'NEXT', finish: false, followWaitMs: 0 }, io(FIRST))).toBe(0);
  expect(await rotateKey(config, { newKeyVariable: undefined, finish: true }, io(SECOND))).toBe(0);
}

function storeContents(): string {
  const db = new DatabaseSync(storePath, { readOnly: true });
  try {
    return JSON.stringify(['people', 'oauth', 'server_state'].map((table) => db.prepare(`SELECT * FROM ${table}`).all()));
  } finally {
    db.close();
  }
}

describe('admin restore', () => {
  it('refuses a backup made under a key rotated away since, naming the key it needs, and leaves the store as it was', async () => {
    const old = join(dir, 'before-rotation.db');
    expect((await admin(['backup', old], FIRST)).code).toBe(0);
    await rotateToSecond();
    const before = storeContents();
    const restored = await admin(['restore', old], SECOND);
    expect(restored).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `${old} does not open with the key in PUNCHCARD_SERVER_KEY (key ${idOf(SECOND)}): it opens with key ${idOf(FIRST)}. ` +
        `Restored, no server running with that key could read it, so nothing was restored. To go back to the backup's key: stop the servers, move ${storePath} away, ` +
        'run admin restore with PUNCHCARD_SERVER_KEY holding that key, and start the servers with it.\n',
    });
    expect(storeContents()).toBe(before);
    // A backup made under the key in use comes back.
    const fresh = join(dir, 'after-rotation.db');
    expect((await admin(['backup', fresh], SECOND)).code).toBe(0);
    expect((await admin(['restore', fresh], SECOND)).code).toBe(0);
  });

  it('goes back to a backup’s key as its refusal says: the store moved away, the new one is the account’s alone, and nothing is left beside the backup', async () => {
    const backups = join(dir, 'backups');
    mkdirSync(backups);
    const old = join(backups, 'before-rotation.db');
    expect((await admin(['backup', old], FIRST)).code).toBe(0);
    await rotateToSecond();
    expect((await admin(['restore', old], SECOND)).code).toBe(1);
    // Stop the servers (none runs here), move the store away, restore with the backup's key.
    for (const suffix of ['', '-wal', '-shm'])
      if (existsSync(`${storePath}${suffix}`)) renameSync(`${storePath}${suffix}`, join(dir, `moved-away.db${suffix}`));
    const restored = await admin(['restore', old], FIRST);
    expect(restored.code, restored.stderr).toBe(0);
    expect(statSync(storePath).mode & 0o777).toBe(0o600);
    // Neither restore wrote beside the backup (SQLite's -wal and -shm of a file in WAL mode).
    expect(readdirSync(backups)).toEqual(['before-rotation.db']);
    expect(storeContents()).toContain('dev:ada');
  });

  it('refuses to restore where the store was moved away without its log, which holds its latest writes', async () => {
    const backup = join(dir, 'backup.db');
    expect((await admin(['backup', backup], FIRST)).code).toBe(0);
    const away = mkdtempSync(join(dir, 'away-'));
    renameSync(storePath, join(away, 'server.db'));
    writeFileSync(`${storePath}-wal`, 'the log of a server killed');
    expect(await admin(['restore', backup], FIRST)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${storePath} was moved away, but its log ${storePath}-wal is still here, holding the latest writes of the store moved: move it and ${storePath}-shm to where server.db went, then restore again. Nothing was restored.\n`,
    });
    expect(existsSync(storePath)).toBe(false);
    expect(readFileSync(`${storePath}-wal`, 'utf8')).toBe('the log of a server killed');
    renameSync(`${storePath}-wal`, join(away, 'server.db-wal'));
    expect((await admin(['restore', backup], FIRST)).code).toBe(0);
  });

  it('says of a file that is no database, or is not there, that nothing was restored, as of every backup it refuses', async () => {
    const before = storeContents();
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all, and long enough to be read as one');
    expect(await admin(['restore', junk], FIRST)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${junk} is not a SQLite database (file is not a database); nothing was restored.\n`,
    });
    const missing = join(dir, 'missing.db');
    expect(await admin(['restore', missing], FIRST)).toEqual({ code: 1, stdout: '', stderr: `${missing} does not exist; nothing was restored.\n` });
    expect(storeContents()).toBe(before);
    expect(readdirSync(dir).filter((name) => name.startsWith('junk'))).toEqual(['junk.db']);
  });

  it('refuses an older Punchcard’s backup (no key state) that the key opens nothing of; takes one it opens and teaches it the key', async () => {
    // As a Punchcard before stores knew their key left one: the same records, without the state.
    const legacy = join(dir, 'legacy.db');
    const source = new DatabaseSync(storePath);
    await backup(source, legacy);
    source.close();
    const db = new DatabaseSync(legacy);
    db.exec("DELETE FROM server_state WHERE name = 'key rotation'");
    db.close();
    const refused = await admin(['restore', legacy], SECOND, {});
    // The live store is FIRST's: SECOND is refused there before the backup is looked at.
    expect(refused.stderr).toMatch(/^The key in PUNCHCARD_SERVER_KEY \(key_env\), key \w+, is not this store's/);
    await rotateToSecond();
    const wrongKey = await admin(['restore', legacy], SECOND);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain(`${legacy} does not open with the key in PUNCHCARD_SERVER_KEY (key ${idOf(SECOND)}): nothing in it opens with that key.`);
    // With the live store lost, the backup's own key restores it, and the store knows its key again.
    rmSync(storePath);
    const restored = await admin(['restore', legacy], FIRST);
    expect(restored.code, restored.stderr).toBe(0);
    const store = await openStore(config, { now: Date.now, env: {} });
    expect(await store.keyRotation()).toContain(idOf(FIRST));
    await store.close();
  });
});

describe('a running server whose store was swapped for one of another key', () => {
  it('says so in its log, and /readyz turns 503 until it is given a store it can read', async () => {
    const old = join(dir, 'before-rotation.db');
    expect((await admin(['backup', old], FIRST)).code).toBe(0);
    await rotateToSecond();
    const said: string[] = [];
    const server = await startTeamServer({ config, env: { PUNCHCARD_SERVER_KEY: SECOND }, log: sentencesLog(said), policyFiles: [] });
    servers.push(server);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    // What `admin restore` now refuses, done by hand: the old backup copied over the live store.
    const source = new DatabaseSync(old, { readOnly: true });
    await backup(source, storePath);
    source.close();
    await expect
      .poll(async () => {
        const answer = await fetch(`${server.url}/readyz`);
        return `${answer.status} ${await answer.text()}`;
      })
      .toBe(`503 the store cannot be read: the store is sealed under a key this instance was not given (${idOf(FIRST)})\n`);
    expect(said.join('\n')).toContain(
      `The store's key changed to one this instance was never given (a rotation, or a backup of another key restored): it is not ready until it is.`,
    );
  });
});

describe('admin rotate-key --finish', () => {
  it('refuses to run with the old key, and while an instance still runs with it; finishes once none does', async () => {
    const io = { env: { PUNCHCARD_SERVER_KEY: FIRST, NEXT: SECOND }, out: () => {}, err: () => {} };
    expect(await rotateKey(config, { newKeyVariable: 'NEXT', finish: false, followWaitMs: 0 }, io)).toBe(0);
    const before = storeContents();
    const withOld = await admin(['rotate-key', '--finish'], FIRST);
    expect(withOld).toEqual({
      code: 1,
      stdout: '',
      stderr: `admin rotate-key --finish runs with the new key, and PUNCHCARD_SERVER_KEY holds the old one (key ${idOf(FIRST)}): set it to the new key (key ${idOf(SECOND)}), as for the instances, and run it again. Nothing was changed.\n`,
    });
    expect(storeContents()).toBe(before);
    // Two instances heard from lately: one restarted with the new key, one still on the old.
    const store = await openStore(config, { now: Date.now, env: {} });
    await store.announceInstance('restarted', 'http://10.0.0.5:8787', Date.now(), idOf(SECOND));
    await store.announceInstance('waiting', 'http://10.0.0.6:8787', Date.now(), idOf(FIRST));
    const early = await admin(['rotate-key', '--finish'], SECOND);
    expect(early).toEqual({
      code: 1,
      stdout: '',
      stderr: `An instance still runs with the old key or does not say which (instance waiting at http://10.0.0.6:8787, key ${idOf(FIRST)}): restart it with the new key in PUNCHCARD_SERVER_KEY, then run --finish again. Nothing was changed.\n`,
    });
    expect(storeContents()).toBe(before);
    await store.announceInstance('waiting', 'http://10.0.0.6:8787', Date.now(), idOf(SECOND));
    await store.close();
    const finished = await admin(['rotate-key', '--finish'], SECOND);
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stdout).toMatch(/^The rotation ended: /);
    expect((await admin(['people'], FIRST)).code).toBe(1);
  });
});

describe('admin rotate-key --new-key-env VAR', () => {
  it('reads the new key from VAR_FILE, as every secret the server reads', async () => {
    const keyFile = join(dir, 'new-key');
    writeFileSync(keyFile, `${SECOND}\n`, { mode: 0o600 });
    const relative = await admin(['rotate-key', '--new-key-env', 'NEXT'], FIRST, { NEXT_FILE: 'new-key' });
    expect(relative).toEqual({ code: 1, stdout: '', stderr: 'NEXT_FILE (--new-key-env) names new-key, which cannot be used: it is not an absolute path.\n' });
    const started = await admin(['rotate-key', '--new-key-env', 'NEXT'], FIRST, { NEXT_FILE: keyFile });
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toMatch(/^The rotation began: /);
    expect((await admin(['people'], SECOND)).code).toBe(0);
  });
});
