// The data folder and the files Punchcard writes in it are the person's alone, on real files under a
// permissive umask (022, the usual one, and 000): made 0700 and 0600, tightened where they were made
// wider before, and said in words where they are another account's.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrivateFile, keepFilesPrivate, makePrivateFolder, writePrivateFileAtomically } from '../../mcp-server/private-files.ts';
import { factsFile, pick } from '../../mcp-server/providers/remote/facts-file.ts';
import { IdAliases } from '../../mcp-server/providers/id-aliases.ts';
import { openTimesheet } from '../../mcp-server/providers/local/database.ts';
import { rememberCheckedSettings } from '../../mcp-server/settings/checked-settings.ts';
import { defaultSettings } from '../../mcp-server/contract/default-settings.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;

let dir: string;
let umask: number;
const logged: string[] = [];
const log = (line: string) => logged.push(line);
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-private-'));
  logged.length = 0;
  umask = process.umask();
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

describe.each([0o022, 0o000])('under umask %o', (mask) => {
  beforeEach(() => {
    process.umask(mask);
  });

  it('makes the data folder, and its missing parents, 0700', () => {
    const folder = join(dir, 'config', 'Punchcard');
    makePrivateFolder(folder, log);
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(join(dir, 'config'))).toBe(0o700);
    expect(logged).toEqual([]);
  });

  it('tightens a data folder and files made wider before, and leaves private ones alone', () => {
    const folder = join(dir, 'data');
    mkdirSync(folder, { mode: 0o755 });
    chmodSync(folder, 0o755);
    const database = join(folder, 'punchcard.db');
    writeFileSync(database, '');
    chmodSync(database, 0o644);
    const wal = join(folder, 'punchcard.db-wal');
    writeFileSync(wal, '');
    chmodSync(wal, 0o666);
    const narrow = join(folder, 'narrow');
    writeFileSync(narrow, '');
    chmodSync(narrow, 0o400);
    makePrivateFolder(folder, log);
    keepFilesPrivate([database, wal, narrow, join(folder, 'missing')], log);
    expect([modeOf(folder), modeOf(database), modeOf(wal), modeOf(narrow)]).toEqual([0o700, 0o600, 0o600, 0o400]);
    expect(logged).toEqual([]);
  });

  it('creates a file empty and 0600 where it is missing, and keeps what a file there holds', () => {
    const path = join(dir, 'new.db');
    createPrivateFile(path, log);
    expect(modeOf(path)).toBe(0o600);
    const kept = join(dir, 'kept.db');
    writeFileSync(kept, 'data');
    chmodSync(kept, 0o644);
    createPrivateFile(kept, log);
    expect(modeOf(kept)).toBe(0o600);
    expect(statSync(kept).size).toBe(4);
  });

  it('writes a file whole and 0600, also over a wider one and beside a temporary file a crash left', () => {
    const path = join(dir, 'facts.json');
    writeFileSync(path, 'old');
    chmodSync(path, 0o644);
    writeFileSync(`${path}.${process.pid}.tmp`, 'left over');
    chmodSync(`${path}.${process.pid}.tmp`, 0o666);
    writePrivateFileAtomically(path, 'new');
    expect(modeOf(path)).toBe(0o600);
  });

  it('keeps the local timesheet, its -wal and its -shm 0600, also where an older one was 0644', async () => {
    const folder = join(dir, 'data');
    const path = join(folder, 'punchcard.db');
    const sheet = await openTimesheet(path, log);
    sheet.db.exec("CREATE TABLE IF NOT EXISTS scratch (x); INSERT INTO scratch VALUES ('sick leave')");
    expect([modeOf(folder), modeOf(path), modeOf(`${path}-wal`), modeOf(`${path}-shm`)]).toEqual([0o700, 0o600, 0o600, 0o600]);
    // A timesheet an older Punchcard left readable to everyone, open in another engine (so its -wal and -shm are there).
    chmodSync(folder, 0o755);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) chmodSync(file, 0o644);
    const again = await openTimesheet(path, log);
    expect([modeOf(folder), modeOf(path), modeOf(`${path}-wal`), modeOf(`${path}-shm`)]).toEqual([0o700, 0o600, 0o600, 0o600]);
    again.db.close();
    sheet.db.close();
    expect(logged).toEqual([]);
  });

  it('keeps the id list of a remote back end, the facts files and the settings memo 0600', async () => {
    const aliases = new IdAliases(join(dir, 'data', 'clockify-ids.db'), log);
    await aliases.numbers('project', ['64c777ddd3fcab07cfbb210c']);
    expect(modeOf(join(dir, 'data'))).toBe(0o700);
    expect(modeOf(join(dir, 'data', 'clockify-ids.db'))).toBe(0o600);
    expect(modeOf(join(dir, 'data', 'clockify-ids.db-wal'))).toBe(0o600);
    const facts = factsFile('kimai-facts.json', (entry) => ({ zone: pick.text(entry.zone) }));
    facts.write(dir, 'kimai:https://kimai.example.com', { zone: 'Europe/Berlin' }, log);
    expect(modeOf(join(dir, 'kimai-facts.json'))).toBe(0o600);
    rememberCheckedSettings(dir, '{}', defaultSettings(), 'build');
    expect(modeOf(join(dir, 'config.checked.json'))).toBe(0o600);
    expect(logged).toEqual([]);
  });
});

describe("what is not this account's", () => {
  it('is left as it is, and said in words', () => {
    // As root, a folder handed to another account; otherwise a folder root owns already.
    let folder = '/';
    if (process.getuid?.() === 0) {
      folder = join(dir, 'theirs');
      mkdirSync(folder);
      chmodSync(folder, 0o755);
      chownSync(folder, 65534, 65534);
    }
    const before = modeOf(folder);
    makePrivateFolder(folder, log);
    expect(modeOf(folder)).toBe(before);
    expect(logged).toEqual([
      `The folder ${folder} belongs to another account, so Punchcard cannot make it yours alone; others on this computer may look into it (mode ${before.toString(8)}). ` +
        'Use a data folder of your own (--user-data or PUNCHCARD_USER_DATA), or ask its owner to run chmod go= on it.',
    ]);
  });
});
