// An administrator with the wrong server key (a typo in a Secret, the key of another deployment, the
// one a rotation ended): `serve`, every `admin` verb and `audit` refuse it in one sentence naming the
// key given and the store's, exit 1, and leave the store exactly as it was (nothing sealed under the
// wrong key, no key learned, no person signed out). In process, on a SQLite store a server made and a
// person used.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentencesLog } from '../../support/sentences-log.ts';
import { keyIdOf } from '../../../team-server/auth/server-keys.ts';
import { runAuditCommand } from '../../../team-server/cli/serve-command.ts';
import { openStore } from '../../../team-server/store/open-store.ts';
import { ServeRefusal, startTeamServer } from '../../../team-server/team/team-server.ts';
import type { ServerConfig } from '../../../team-server/config/server-config.ts';
import { runAdmin, storeWithAda, writeServerConfig } from '../../support/admin-setup.ts';

const RIGHT = randomBytes(32).toString('base64');
const WRONG = randomBytes(32).toString('base64');
const idOf = (key: string) => keyIdOf(Buffer.from(key, 'base64'));
const REFUSAL = `The key in PUNCHCARD_SERVER_KEY (key_env), key ${idOf(WRONG)}, is not this store's: this store opens with key ${idOf(RIGHT)}. Nothing was changed.`;

let dir: string;
let configPath: string;
let storePath: string;
let config: ServerConfig;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-wrong-key-'));
  ({ configPath, config, storePath } = writeServerConfig(dir));
  // A store as a server leaves it: its key learned at the first start, a person with sealed credentials, a write audited.
  await storeWithAda(config, RIGHT);
  const store = await openStore(config, { now: Date.now, env: {} });
  await store.appendAudit({
    id: 'a1',
    at: Date.now(),
    personId: 'p1',
    person: 'Ada',
    clientId: 'c',
    clientName: 'Claude',
    tool: 'clock_in',
    outcome: 'done',
    change: {},
  });
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything the store holds, table by table, to see that a refusal changed nothing. */
function contents(): string {
  const db = new DatabaseSync(storePath, { readOnly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
    return JSON.stringify(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}"`).all()]));
  } finally {
    db.close();
  }
}

const admin = (argv: string[], env: Record<string, string>) => runAdmin(configPath, argv, env);

describe('a key that is not the store’s', () => {
  it.each([
    ['people', ['people']],
    ['sign-out', ['sign-out', 'ada@example.com']],
    ['rotate-key (start)', ['rotate-key', '--new-key-env', 'NEXT']],
    ['rotate-key --finish', ['rotate-key', '--finish']],
    ['backup', ['backup', 'BACKUP']],
    ['restore', ['restore', 'BACKUP']],
  ])('admin %s: exit 1, one sentence naming both keys, the store untouched', async (_verb, argv) => {
    const before = contents();
    const backupFile = join(dir, `backup-${Math.random()}.db`);
    if (argv.includes('restore')) writeFileSync(backupFile, '');
    const run = await admin(
      argv.map((word) => (word === 'BACKUP' ? backupFile : word)),
      { PUNCHCARD_SERVER_KEY: WRONG, NEXT: randomBytes(32).toString('base64') },
    );
    expect(run).toEqual({ code: 1, stdout: '', stderr: `${REFUSAL}\n` });
    expect(contents()).toBe(before);
    if (argv[0] === 'backup') expect(existsSync(backupFile)).toBe(false);
  });

  it('admin check: a problem line naming both keys, exit 1, the store untouched', async () => {
    const before = contents();
    const run = await admin(['check'], { PUNCHCARD_SERVER_KEY: WRONG });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`problem key: ${REFUSAL.replace(' Nothing was changed.', '')}\n`);
    expect(run.stdout).not.toMatch(/^ok {6}key:/m);
    expect(contents()).toBe(before);
    const right = await admin(['check'], { PUNCHCARD_SERVER_KEY: RIGHT });
    expect(right.stdout).toContain(`ok      key: PUNCHCARD_SERVER_KEY holds this store's key (key ${idOf(RIGHT)})\n`);
  });

  it('audit: exit 1, one sentence, no record printed', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const saved = process.env.PUNCHCARD_SERVER_KEY;
    process.env.PUNCHCARD_SERVER_KEY = WRONG;
    try {
      const code = await runAuditCommand(
        ['--config', configPath],
        (text) => out.push(text),
        (text) => err.push(text),
      );
      expect({ code, stdout: out.join(''), stderr: err.join('') }).toEqual({ code: 1, stdout: '', stderr: `${REFUSAL}\n` });
    } finally {
      if (saved === undefined) delete process.env.PUNCHCARD_SERVER_KEY;
      else process.env.PUNCHCARD_SERVER_KEY = saved;
    }
  });

  it('serve: refused before it listens, with the same sentence, the store untouched', async () => {
    const before = contents();
    const started = startTeamServer({ config, env: { PUNCHCARD_SERVER_KEY: WRONG }, log: sentencesLog(), policyFiles: [] });
    await expect(started).rejects.toThrow(ServeRefusal);
    await expect(started).rejects.toThrow(REFUSAL);
    expect(contents()).toBe(before);
  });

  it('the right key is taken by every verb', async () => {
    const people = await admin(['people'], { PUNCHCARD_SERVER_KEY: RIGHT });
    expect(people.code, people.stderr).toBe(0);
    expect(people.stdout).toContain('\tAda\tada@example.com\t');
  });
});
