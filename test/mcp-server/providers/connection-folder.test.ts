// Each tracker's folder among several (docs/several-trackers.md, "Folders"): the tracker that had the data
// folder keeps it, whatever it is called and whichever is the default; the others get trackers/<name>;
// a link planted where a tracker's folder belongs is refused.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackEndProfile } from '../../../mcp-server/contract/back-ends.ts';
import type { Connection } from '../../../mcp-server/contract/connections.ts';
import { connectionFolder, connectionHome, connectionIdentity, OWNER_FILE, ROOT_OWNER_FILE } from '../../../mcp-server/providers/connection-folder.ts';

const folders: string[] = [];
afterEach(() => {
  for (const path of folders.splice(0)) rmSync(path, { recursive: true, force: true });
});

function dataFolder(): string {
  const path = mkdtempSync(join(tmpdir(), 'punchcard-folders-'));
  folders.push(path);
  return path;
}

const KIMAI: BackEndProfile = { type: 'kimai', url: 'https://kimai.acme.example/' };
const CLOCKIFY_ACME: BackEndProfile = { type: 'clockify', url: 'https://api.clockify.me', workspace: 'Acme GmbH' };
const CLOCKIFY_SIDE: BackEndProfile = { type: 'clockify', url: 'https://api.clockify.me', workspace: 'Side Project' };

/** Connections in the settings' order; `main` is the default. */
function settings(main: string, ...named: Array<[string, BackEndProfile]>): Connection[] {
  return named.map(([name, profile]) => ({ name, profile, isDefault: name === main }));
}

const folderOf = (root: string, name: string, all: Connection[]) => connectionFolder(root, { name, connections: all }, () => {});
/** The folder of `name` once the back end said whose its secret is. */
const homeOf = (root: string, name: string, all: Connection[], person: string) => connectionHome(root, { name, connections: all }, () => {}, person).folder;
const ownerIn = (folder: string, file = OWNER_FILE) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as Record<string, unknown>;

describe('each tracker its folder', () => {
  it('the default of the first time there are several keeps the data folder; the others get trackers/<name>, private', () => {
    const root = dataFolder();
    // One tracker's files, as a data folder of one tracker has them.
    writeFileSync(join(root, 'outbox.db'), '');
    const all = settings('acme', ['acme', KIMAI], ['beta', CLOCKIFY_ACME], ['gamma', CLOCKIFY_SIDE]);
    expect(folderOf(root, 'acme', all)).toBe(root);
    expect(folderOf(root, 'beta', all)).toBe(join(root, 'trackers', 'beta'));
    expect(folderOf(root, 'gamma', all)).toBe(join(root, 'trackers', 'gamma'));
    expect(readdirSync(join(root, 'trackers')).sort()).toEqual(['beta', 'gamma']);
    if (process.platform !== 'win32') {
      expect(statSync(join(root, 'trackers', 'beta')).mode & 0o777).toBe(0o700);
      expect(statSync(join(root, ROOT_OWNER_FILE)).mode & 0o777).toBe(0o600);
    }
  });

  it('renaming the tracker that keeps the data folder keeps it there', () => {
    const root = dataFolder();
    folderOf(root, 'acme', settings('acme', ['acme', KIMAI], ['beta', CLOCKIFY_ACME]));
    const renamed = settings('acme-gmbh', ['acme-gmbh', { type: 'kimai', url: 'https://kimai.acme.example/api' }], ['beta', CLOCKIFY_ACME]);
    expect(folderOf(root, 'acme-gmbh', renamed)).toBe(root);
    expect(folderOf(root, 'beta', renamed)).toBe(join(root, 'trackers', 'beta'));
    expect(existsSync(join(root, 'trackers', 'acme-gmbh'))).toBe(false);
  });

  it('making another the default hands it nothing: each stays where it was', () => {
    const root = dataFolder();
    folderOf(root, 'acme', settings('acme', ['acme', KIMAI], ['beta', CLOCKIFY_ACME]));
    const switched = settings('beta', ['beta', CLOCKIFY_ACME], ['acme', KIMAI]);
    expect(folderOf(root, 'beta', switched)).toBe(join(root, 'trackers', 'beta'));
    expect(folderOf(root, 'acme', switched)).toBe(root);
  });

  it("a removed owner's files are handed to no one; a name taken over by another tracker gets no one's data folder", () => {
    const root = dataFolder();
    folderOf(root, 'acme', settings('acme', ['acme', KIMAI], ['beta', CLOCKIFY_ACME]));
    // acme removed, and a new tracker called acme at another address: it is not the one that kept the data folder.
    const after = settings('beta', ['beta', CLOCKIFY_ACME], ['acme', { type: 'kimai', url: 'https://kimai.other.example' }]);
    expect(folderOf(root, 'beta', after)).toBe(join(root, 'trackers', 'beta'));
    expect(folderOf(root, 'acme', after)).toBe(join(root, 'trackers', 'acme'));
  });

  it('two workspaces of one key are two identities; two local timesheets are told apart by name', () => {
    expect(connectionIdentity(CLOCKIFY_ACME)).not.toBe(connectionIdentity(CLOCKIFY_SIDE));
    expect(connectionIdentity(KIMAI)).toBe(connectionIdentity({ type: 'kimai', url: 'https://kimai.acme.example' }));
    const root = dataFolder();
    const all = settings('home', ['home', { type: 'local' }], ['work', { type: 'local' }]);
    expect(folderOf(root, 'home', all)).toBe(root);
    expect(folderOf(root, 'work', all)).toBe(join(root, 'trackers', 'work'));
  });

  it('a link planted at trackers/<name> is refused, not followed', () => {
    const root = dataFolder();
    const elsewhere = dataFolder();
    mkdirSync(join(root, 'trackers'), { mode: 0o700 });
    symlinkSync(elsewhere, join(root, 'trackers', 'beta'), 'dir');
    const all = settings('acme', ['acme', KIMAI], ['beta', CLOCKIFY_ACME]);
    expect(() => folderOf(root, 'beta', all)).toThrow(/trackers\/beta is a link, where Punchcard keeps the files of the tracker beta/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('a link planted at trackers itself is refused too', () => {
    const root = dataFolder();
    const elsewhere = dataFolder();
    symlinkSync(elsewhere, join(root, 'trackers'), 'dir');
    const all = settings('acme', ['acme', KIMAI], ['beta', CLOCKIFY_ACME]);
    expect(() => folderOf(root, 'beta', all)).toThrow(/is a link/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('a record that cannot be trusted is said, not replaced', () => {
    const root = dataFolder();
    writeFileSync(join(root, ROOT_OWNER_FILE), 'not json');
    const all = settings('acme', ['acme', KIMAI], ['beta', CLOCKIFY_ACME]);
    expect(() => folderOf(root, 'acme', all)).toThrow(/says which tracker keeps its files in the data folder itself, and it could not be read/);
  });
});

describe('each login its folder (docs/several-trackers.md, "Whose a connection is")', () => {
  const TWO_LOGINS = (main: string, other: string) => settings(main, [main, KIMAI], [other, KIMAI]);

  it('records whose each folder is once the back end said so; after a rename each login finds its own, whatever the names say', () => {
    const root = dataFolder();
    const before = TWO_LOGINS('acme', 'acme2');
    expect(homeOf(root, 'acme', before, '1')).toBe(root);
    expect(homeOf(root, 'acme2', before, '2')).toBe(join(root, 'trackers', 'acme2'));
    expect(ownerIn(root, ROOT_OWNER_FILE)).toEqual({ identity: connectionIdentity(KIMAI), name: 'acme', person: '1' });
    expect(ownerIn(join(root, 'trackers', 'acme2'))).toEqual({ identity: connectionIdentity(KIMAI), person: '2' });
    // Renamed: login 2's tracker is acme now, login 1's acme2. Before either answers, the names decide as they always did.
    const after = TWO_LOGINS('acme2', 'acme');
    expect(folderOf(root, 'acme', settings('acme2', ['acme2', KIMAI], ['acme', KIMAI]))).toBe(root);
    // Once each said whose it is, each has its own login's files.
    expect(homeOf(root, 'acme', after, '2')).toBe(join(root, 'trackers', 'acme2'));
    expect(homeOf(root, 'acme2', after, '1')).toBe(root);
  });

  it("never takes a folder another login's: a tracker whose secret answers for someone else gets one of its own", () => {
    const root = dataFolder();
    const all = TWO_LOGINS('acme', 'acme2');
    homeOf(root, 'acme', all, '1');
    homeOf(root, 'acme2', all, '2');
    // A third login's secret put in acme2: neither login's folder is its.
    expect(homeOf(root, 'acme2', all, '3')).toBe(join(root, 'trackers', 'acme2.2'));
    expect(ownerIn(join(root, 'trackers', 'acme2.2'))).toEqual({ identity: connectionIdentity(KIMAI), person: '3' });
    expect(ownerIn(join(root, 'trackers', 'acme2'))).toEqual({ identity: connectionIdentity(KIMAI), person: '2' });
    // One tracker alone at its address with another login's secret is another tracker too: its old login's files stay theirs.
    const alone = settings('acme', ['acme', KIMAI], ['beta', CLOCKIFY_ACME]);
    expect(homeOf(root, 'acme', alone, '4')).toBe(join(root, 'trackers', 'acme'));
  });

  it('a tracker pointed at another address is another tracker: the folder its name gave is left to the identity it was made for', () => {
    const root = dataFolder();
    folderOf(root, 'beta', settings('acme', ['acme', KIMAI], ['beta', CLOCKIFY_ACME]));
    expect(folderOf(root, 'beta', settings('acme', ['acme', KIMAI], ['beta', CLOCKIFY_SIDE]))).toBe(join(root, 'trackers', 'beta.2'));
  });

  it('renamed outside the app, a tracker no other shares an identity with finds the folder recorded for it', () => {
    const root = dataFolder();
    folderOf(root, 'beta', settings('acme', ['acme', KIMAI], ['beta', CLOCKIFY_ACME]));
    expect(folderOf(root, 'gamma', settings('acme', ['acme', KIMAI], ['gamma', CLOCKIFY_ACME]))).toBe(join(root, 'trackers', 'beta'));
  });

  it("an older Punchcard's folders: one without a record goes with its name and gains one; a folder set aside by the app is never taken", () => {
    const root = dataFolder();
    writeFileSync(join(root, ROOT_OWNER_FILE), JSON.stringify({ identity: connectionIdentity(KIMAI), name: 'acme' }));
    mkdirSync(join(root, 'trackers', 'acme2'), { recursive: true, mode: 0o700 });
    mkdirSync(join(root, 'trackers', 'gamma.removed-2026-01-01'), { recursive: true, mode: 0o700 });
    writeFileSync(join(root, 'trackers', 'gamma.removed-2026-01-01', OWNER_FILE), JSON.stringify({ identity: connectionIdentity(CLOCKIFY_ACME), person: '9' }));
    const all = settings('acme', ['acme', KIMAI], ['acme2', KIMAI], ['gamma', CLOCKIFY_ACME]);
    expect(homeOf(root, 'acme', all, '1')).toBe(root);
    expect(ownerIn(root, ROOT_OWNER_FILE)).toEqual({ identity: connectionIdentity(KIMAI), name: 'acme', person: '1' });
    expect(folderOf(root, 'acme2', all)).toBe(join(root, 'trackers', 'acme2'));
    expect(ownerIn(join(root, 'trackers', 'acme2'))).toEqual({ identity: connectionIdentity(KIMAI) });
    expect(homeOf(root, 'gamma', all, '9')).toBe(join(root, 'trackers', 'gamma'));
  });

  it("the app's rename carries a folder with its record: the renamed tracker finds it by name and by login", () => {
    const root = dataFolder();
    const all = TWO_LOGINS('acme', 'acme2');
    homeOf(root, 'acme2', all, '2');
    renameSync(join(root, 'trackers', 'acme2'), join(root, 'trackers', 'tom'));
    const renamed = TWO_LOGINS('acme', 'tom');
    expect(folderOf(root, 'tom', renamed)).toBe(join(root, 'trackers', 'tom'));
    expect(homeOf(root, 'tom', renamed, '2')).toBe(join(root, 'trackers', 'tom'));
  });
});
