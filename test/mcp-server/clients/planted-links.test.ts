// Attacks on the registrar by another local account, over the real command line: root registering
// Punchcard for a person's HOME, where that person (or anyone who can write there) planted links
// beside the config file, and an account registering into a file that belongs to another. Each test
// is one attack; it must leave the victim's file exactly as it was. Root is needed to own files as
// two accounts: the tests say so and are skipped, by name, elsewhere (CI runs as root).
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_BUNDLE } from '../../support/engine.ts';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A person's HOME (owned by `nobody`, as a real one is by its person) and a victim file of root's. */
function scene() {
  const root = mkdtempSync(join(tmpdir(), 'punchcard-planted-'));
  folders.push(root);
  chmodSync(root, 0o755);
  const home = join(root, 'home');
  const folder = join(home, '.cursor');
  mkdirSync(folder, { recursive: true });
  chownSync(home, NOBODY, NOBODY);
  chownSync(folder, NOBODY, NOBODY);
  const victim = join(root, 'victim');
  writeFileSync(victim, 'root:secret-hash:19000:0:99999:7:::\n');
  // setuid and setgid: the bits an attacker would most like copied or set.
  chmodSync(victim, 0o6755);
  return { home, folder, file: join(folder, 'mcp.json'), victim };
}

/** Plants a link as the person would: the link is theirs. */
function plant(link: string, target: string): void {
  symlinkSync(target, link);
  spawnSync('chown', ['-h', `${NOBODY}:${NOBODY}`, link]);
}

function registrar(command: 'register' | 'unregister', home: string, as: 'root' | 'nobody' = 'root') {
  const user = as === 'nobody' ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--'] : [];
  const [program, ...args] = [...user, process.execPath, SERVER_BUNDLE, command, 'cursor'];
  return spawnSync(program as string, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home } });
}

function unchanged(victim: string): void {
  expect(readFileSync(victim, 'utf8')).toBe('root:secret-hash:19000:0:99999:7:::\n');
  expect(statSync(victim).mode & 0o7777).toBe(0o6755);
  expect(statSync(victim).uid).toBe(0);
}

describe.runIf(asRoot)('links planted where root writes (needs root)', () => {
  it('the backup name linked to a root file: root replaces the link, and neither writes nor chmods the file behind it', () => {
    const { home, file, victim } = scene();
    writeFileSync(file, '{"mcpServers": {}}\n');
    chownSync(file, NOBODY, NOBODY);
    plant(`${file}.punchcard-backup`, victim);
    const result = registrar('register', home);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    unchanged(victim);
    // The backup is a file of its own now, holding the config's old bytes, owned as the config is.
    expect(lstatSync(`${file}.punchcard-backup`).isSymbolicLink()).toBe(false);
    expect(readFileSync(`${file}.punchcard-backup`, 'utf8')).toBe('{"mcpServers": {}}\n');
    expect(statSync(`${file}.punchcard-backup`).uid).toBe(NOBODY);
  });

  it('the creation note linked to a root file: a new config is written, the file behind the link is not', () => {
    const { home, file, victim } = scene();
    plant(`${file}.punchcard-created`, victim);
    expect(registrar('register', home).status).toBe(0);
    unchanged(victim);
    expect(lstatSync(`${file}.punchcard-created`).isSymbolicLink()).toBe(false);
    expect(readFileSync(file, 'utf8')).toContain('"punchcard"');
  });

  it('a backup linked to a secret when unregistering: its bytes are not copied into the config', () => {
    const { home, file, victim } = scene();
    writeFileSync(file, '{"mcpServers": {}}\n');
    chownSync(file, NOBODY, NOBODY);
    expect(registrar('register', home).status).toBe(0);
    rmSync(`${file}.punchcard-backup`);
    plant(`${file}.punchcard-backup`, victim);
    expect(registrar('unregister', home).status).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('secret-hash');
    expect(readFileSync(file, 'utf8')).not.toContain('"punchcard"');
    unchanged(victim);
  });

  it("the config itself linked into root's files: refused in words, the file behind it untouched", () => {
    const { home, file, victim } = scene();
    writeFileSync(victim, '{"mcpServers": {}}\n');
    chmodSync(victim, 0o6755);
    plant(file, victim);
    const result = registrar('register', home);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file} is a link into ${victim}, which belongs to another account, so Punchcard does not write there.`);
    expect(readFileSync(victim, 'utf8')).toBe('{"mcpServers": {}}\n');
    expect(statSync(victim).mode & 0o7777).toBe(0o6755);
  });

  it("the config linked to a place that does not exist yet in root's folders: nothing is created there", () => {
    const { home, file } = scene();
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'punchcard-rootonly-')), 'created-by-root.json');
    folders.push(join(elsewhere, '..'));
    plant(file, elsewhere);
    expect(registrar('register', home).status).toBe(1);
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('a config with setuid and setgid bits: the new file and its backup get its permissions without them', () => {
    const { home, file } = scene();
    writeFileSync(file, '{"mcpServers": {}}\n');
    chownSync(file, NOBODY, NOBODY);
    chmodSync(file, 0o6644);
    expect(registrar('register', home).status).toBe(0);
    expect(statSync(file).mode & 0o7777).toBe(0o644);
    expect(statSync(`${file}.punchcard-backup`).mode & 0o7777).toBe(0o644);
    expect(statSync(file).uid).toBe(NOBODY);
  });
});

describe.runIf(asRoot)("another account's config file (needs root, to be two accounts)", () => {
  it('is refused in words and stays as it is, owner included, where the caller could only replace it by rename', () => {
    // A folder both may write (a shared one), holding root's config that nobody may not write.
    const { home, folder, file } = scene();
    chmodSync(folder, 0o777);
    writeFileSync(file, '{"mcpServers": {}}\n');
    chmodSync(file, 0o644);
    const result = registrar('register', home, 'nobody');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file} belongs to another account (uid 0) and you may not write it, so Punchcard left it untouched.`);
    expect(readFileSync(file, 'utf8')).toBe('{"mcpServers": {}}\n');
    expect(statSync(file).uid).toBe(0);
    expect(existsSync(`${file}.punchcard-backup`)).toBe(false);
  });
});
