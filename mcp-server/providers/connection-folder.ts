// Where each tracker keeps its files when the engine serves several (docs/several-trackers.md, "Folders"):
// the local timesheet, the facts files, Clockify's numbers, the offline outbox. One tracker keeps them in
// the data folder itself, where a data folder of one tracker always had them, so adding a second never
// orphans the first's outbox or numbers; every other has a folder in `trackers/`. Each folder records whose
// it is (`trackers-root.json` for the data folder's own files, `owner.json` in each other): the tracker's
// identity (its back end, address, login and workspace or account) and, where the login is the secret
// (Kimai, Clockify, Toggl Track, Harvest), the person the back end answered for that secret. A tracker's
// folder is the one of its identity and person: renaming trackers, making another the default or moving a
// secret from one to another then hands nobody's files to another. Until the person is known (no answer
// yet this process) the name decides, as it always did; once it is, a folder another person's is left for
// them. A file or link planted where a tracker's folder belongs is refused rather than followed.
import { closeSync, constants, linkSync, lstatSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeBaseUrl, normalizeEmail } from '../contract/back-end-accounts.ts';
import type { BackEndProfile } from '../contract/back-ends.ts';
import { CONNECTION_NAME_PATTERN, type Connection } from '../contract/connections.ts';
import type { ConnectionOf } from '../credentials/connection-secret.ts';
import { makePrivateFolder, PRIVATE_FILE_MODE, writePrivateFileAtomically } from '../private-files.ts';

/** The folder of the trackers that do not keep their files in the data folder itself. */
export const TRACKERS_FOLDER = 'trackers';
/** Which tracker keeps its files in the data folder itself, by identity. */
export const ROOT_OWNER_FILE = 'trackers-root.json';
/** Whose the files of a folder in `trackers/` are, by identity (and person), inside that folder. */
export const OWNER_FILE = 'owner.json';
/** The data folder itself as a folder's key: what the engine remembers for it (engine/connections/connection-ids.ts). */
export const ROOT_KEY = '.';

/**
 * The tracker that owns the data folder's own files: its identity, its name when that was recorded (to tell apart
 * two of one identity before the person is known), and the person its secret answered for, once known.
 */
export interface RootOwner {
  identity: string;
  name: string;
  person?: string;
}

/** Whose a folder in `trackers/` is: the identity it was made for, and the person once known. */
export interface FolderOwner {
  identity: string;
  person?: string;
}

/** A tracker's folder: its key (`.`, or `trackers/<folder>`), which stands for the tracker's identity, and its path. */
export interface Home {
  key: string;
  folder: string;
}

/**
 * What a tracker is, whatever it is called: its back end, address, login, and workspace or account in
 * their normal forms. Where the login is the secret, the person it answers for is recorded beside this
 * (`person`); two trackers of one identity without a person (two local timesheets) are told apart by name.
 */
export function connectionIdentity(profile: BackEndProfile): string {
  const field = (key: string): string => {
    const value = (profile as Record<string, unknown>)[key];
    return typeof value === 'string' ? value.trim() : '';
  };
  const url = field('url');
  const email = field('email');
  return JSON.stringify([
    profile.type,
    url === '' ? '' : normalizeBaseUrl(url),
    email === '' ? '' : normalizeEmail(email),
    field('workspace'),
    field('account_id'),
  ]);
}

/** The owner the data folder records where it records none yet: the default tracker of the moment. */
export function firstRootOwner(connections: readonly Connection[]): RootOwner {
  const first = connections.find((connection) => connection.isDefault) ?? connections[0];
  if (!first) throw new Error('There is no tracker to keep the data folder.');
  return { identity: connectionIdentity(first.profile), name: first.name };
}

/**
 * The name of the tracker that keeps its files in the data folder itself: the one of the recorded
 * identity, told apart by the recorded name where several have it; none where no tracker has it any
 * more (its files stay where they are, handed to nobody).
 */
export function rootOwnerName(connections: readonly Connection[], recorded: RootOwner): string | undefined {
  const same = connections.filter((connection) => connectionIdentity(connection.profile) === recorded.identity);
  if (same.length === 1) return same[0]?.name;
  return same.find((connection) => connection.name === recorded.name)?.name;
}

/** What decides a tracker's folder: the tracker, the person once known, and whose each folder is (homeOf). */
export interface HomeChoice {
  name: string;
  identity: string;
  /** The person the tracker's secret answered for; undefined until known (or where the profile names the login). */
  person: string | undefined;
  /** The tracker the data folder's own files are for by the old rule (rootOwnerName): its identity, told apart by name. */
  rootOwnerName: string | undefined;
  /** Another of the settings' trackers has the same identity: before the person is known, only the name tells them apart. */
  shared: boolean;
  root: RootOwner;
  /** Each folder in `trackers/` by key (`trackers/<folder>`): its owner, or null where it records none (an older Punchcard made it). */
  owners: ReadonlyMap<string, FolderOwner | null>;
}

/**
 * The key of a tracker's folder. Once its person is known: the folder recorded for its identity and that person,
 * wherever it is. Where no other tracker has its identity: the one folder recorded for it (renamed outside the app,
 * it still finds its files). Otherwise, and where none is: the folder its name gives (the data folder for the root's
 * owner, `trackers/<name>` for the others), unless that one is another identity's or another person's; then the
 * first `trackers/<name>.<n>` that is free. A folder that records no owner (an older Punchcard's) goes with its
 * name. Pure.
 */
export function homeOf(choice: HomeChoice): string {
  const { name, identity, person, root, owners } = choice;
  const ownerAt = (key: string): FolderOwner | null | undefined => (key === ROOT_KEY ? root : owners.get(key));
  if (person !== undefined) {
    for (const key of [ROOT_KEY, ...[...owners.keys()].sort()]) {
      const owner = ownerAt(key);
      if (owner && owner.identity === identity && owner.person === person) return key;
    }
  }
  const fits = (key: string): boolean => {
    const owner = ownerAt(key);
    if (owner === undefined || owner === null) return key !== ROOT_KEY;
    return owner.identity === identity && (person === undefined || owner.person === undefined || owner.person === person);
  };
  if (!choice.shared) {
    const recorded = [...owners.keys()].sort().filter((key) => owners.get(key)?.identity === identity && fits(key));
    if (recorded.length === 1 && choice.rootOwnerName !== name) return recorded[0] as string;
  }
  const byName = `${TRACKERS_FOLDER}/${name}`;
  for (const key of [choice.rootOwnerName === name ? ROOT_KEY : byName, byName]) if (fits(key)) return key;
  for (let n = 2; ; n++) {
    const key = `${byName}.${n}`;
    if (fits(key)) return key;
  }
}

/**
 * The folder `connection` keeps its files in, made private where it is missing, with its owner recorded: the data
 * folder's the first time there are several trackers, a new folder's when it is made, and the person once known
 * (`person`) where the folder records none yet. Throws in words where a record cannot be read or a link or file stands
 * where a folder belongs.
 */
export function connectionHome(userDataDir: string, connection: ConnectionOf, log: (message: string) => void, person?: string): Home {
  const { name, connections } = connection;
  const own = connections.find((each) => each.name === name);
  if (!CONNECTION_NAME_PATTERN.test(name) || !own) {
    throw new Error(`There is no tracker called ${JSON.stringify(name)} among the settings' trackers.`);
  }
  const root = readRootOwner(userDataDir) ?? recordRootOwner(userDataDir, firstRootOwner(connections), log);
  const identity = connectionIdentity(own.profile);
  const owners = folderOwners(userDataDir);
  const shared = connections.filter((each) => connectionIdentity(each.profile) === identity).length > 1;
  const key = homeOf({ name, identity, person, rootOwnerName: rootOwnerName(connections, root), shared, root, owners });
  if (key === ROOT_KEY) {
    if (person !== undefined && root.person === undefined) writeOwner(join(userDataDir, ROOT_OWNER_FILE), { ...root, person });
    return { key, folder: userDataDir };
  }
  const folder = join(userDataDir, key);
  for (const path of [join(userDataDir, TRACKERS_FOLDER), folder]) {
    refuseNonFolder(path, name);
    makePrivateFolder(path, log);
    // A link planted between the look and the making would have been followed: looked at again.
    refuseNonFolder(path, name);
  }
  const recorded = owners.get(key);
  if (!recorded || (person !== undefined && recorded.person === undefined)) {
    writeOwner(join(folder, OWNER_FILE), { identity, ...(person === undefined ? {} : { person }) });
  }
  return { key, folder };
}

/** The key of the folder recorded for `identity` and `person`, where one is (the records as they are now; nothing is made or written). */
export function recordedHome(userDataDir: string, identity: string, person: string): string | undefined {
  const root = readRootOwner(userDataDir);
  if (root?.identity === identity && root.person === person) return ROOT_KEY;
  for (const [key, owner] of [...folderOwners(userDataDir)].sort(([a], [b]) => a.localeCompare(b))) {
    if (owner?.identity === identity && owner.person === person) return key;
  }
  return undefined;
}

/** The folder `connection` keeps its files in, as its name and the records give it before its person is known. */
export function connectionFolder(userDataDir: string, connection: ConnectionOf, log: (message: string) => void): string {
  return connectionHome(userDataDir, connection, log).folder;
}

/** A folder a tracker may have in `trackers/`: its name, or its name and a number; never one set aside (`<name>.removed-…`). */
const TRACKER_FOLDER_NAME = /^[a-z][a-z0-9-]{0,23}(\.[0-9]{1,4})?$/;

/** Whose each folder in `trackers/` is, by key; a folder that records no owner (or one that cannot be read) is null. */
function folderOwners(userDataDir: string): Map<string, FolderOwner | null> {
  const owners = new Map<string, FolderOwner | null>();
  let names: string[];
  try {
    names = readdirSync(join(userDataDir, TRACKERS_FOLDER));
  } catch {
    return owners;
  }
  for (const name of names) {
    if (!TRACKER_FOLDER_NAME.test(name)) continue;
    const text = readPlainFile(join(userDataDir, TRACKERS_FOLDER, name, OWNER_FILE));
    const parsed = text === undefined ? undefined : parsedOwner(text);
    owners.set(`${TRACKERS_FOLDER}/${name}`, parsed ? { identity: parsed.identity, ...(parsed.person === undefined ? {} : { person: parsed.person }) } : null);
  }
  return owners;
}

/** A file's text, never through a link; undefined where there is none (or it cannot be read). */
function readPlainFile(path: string): string | undefined {
  try {
    const descriptor = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      return readFileSync(descriptor, 'utf8');
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return undefined;
  }
}

function parsedOwner(text: string): { identity: string; name?: string; person?: string } | undefined {
  try {
    const parsed = JSON.parse(text) as { identity?: unknown; name?: unknown; person?: unknown } | null;
    if (typeof parsed?.identity !== 'string') return undefined;
    return {
      identity: parsed.identity,
      ...(typeof parsed.name === 'string' ? { name: parsed.name } : {}),
      ...(typeof parsed.person === 'string' && parsed.person !== '' ? { person: parsed.person } : {}),
    };
  } catch {
    return undefined;
  }
}

/** A record of whose a folder is, written whole, private. */
function writeOwner(path: string, owner: RootOwner | FolderOwner): void {
  writePrivateFileAtomically(path, `${JSON.stringify(owner)}\n`);
}

function refuseNonFolder(path: string, name: string): void {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (stat.isSymbolicLink() || !stat.isDirectory()) {
    throw new Error(
      `${path} is ${stat.isSymbolicLink() ? 'a link' : 'not a folder'}, where Punchcard keeps the files of the tracker ${name} in a folder of its own; ` +
        'it follows no link there, so it did not open that tracker. Move that away, and Punchcard makes the folder.',
    );
  }
}

/** The recorded owner, or undefined where none is recorded yet; throws where the record cannot be trusted. */
function readRootOwner(userDataDir: string): RootOwner | undefined {
  const path = join(userDataDir, ROOT_OWNER_FILE);
  let text: string;
  try {
    const descriptor = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      text = readFileSync(descriptor, 'utf8');
    } finally {
      closeSync(descriptor);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(path, (error as Error).message);
  }
  const parsed = parsedOwner(text);
  if (parsed?.name !== undefined) return { identity: parsed.identity, name: parsed.name, ...(parsed.person === undefined ? {} : { person: parsed.person }) };
  throw unreadable(path, 'it is not what Punchcard wrote there');
}

function unreadable(path: string, why: string): Error {
  return new Error(
    `${path} says which tracker keeps its files in the data folder itself, and it could not be read (${why}). ` +
      'Delete it to have the default tracker keep them, and restart Punchcard.',
  );
}

/**
 * Records `owner` unless another process recorded one first (then that one stands): written whole to a
 * file of its own, then linked into place, which fails where anything is at the name already.
 */
function recordRootOwner(userDataDir: string, owner: RootOwner, log: (message: string) => void): RootOwner {
  makePrivateFolder(userDataDir, log);
  const path = join(userDataDir, ROOT_OWNER_FILE);
  const text = `${JSON.stringify(owner)}\n`;
  const temporary = `${path}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  writeFileSync(temporary, text, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  try {
    linkSync(temporary, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A file system without hard links: created exclusively instead (never through a link at the name).
    if (code !== 'EEXIST') writeOnce(path, text);
  } finally {
    rmSync(temporary, { force: true });
  }
  return readRootOwner(userDataDir) ?? owner;
}

function writeOnce(path: string, text: string): void {
  try {
    writeFileSync(path, text, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
