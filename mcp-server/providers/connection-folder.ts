// Where each tracker keeps its files when the engine serves several (docs/several-trackers.md, "Folders"):
// the local timesheet, the facts files, Clockify's numbers, the offline outbox. One tracker keeps them in
// the data folder itself, where a data folder of one tracker always had them, so adding a second never
// orphans the first's outbox or numbers; every other has `trackers/<name>/`. Which tracker that one is
// is decided once, the first time there are several, and kept in the data folder by the tracker's
// identity (its back end, address, login and workspace or account), not by its name: renaming a tracker
// or making another the default then hands nobody's files to another. A file or link planted where a
// tracker's folder belongs is refused rather than followed.
import { closeSync, constants, linkSync, lstatSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeBaseUrl, normalizeEmail } from '../contract/back-end-accounts.ts';
import type { BackEndProfile } from '../contract/back-ends.ts';
import { CONNECTION_NAME_PATTERN, type Connection } from '../contract/connections.ts';
import type { ConnectionOf } from '../credentials/connection-secret.ts';
import { makePrivateFolder, PRIVATE_FILE_MODE } from '../private-files.ts';

/** The folder of the trackers that do not keep their files in the data folder itself. */
export const TRACKERS_FOLDER = 'trackers';
/** Which tracker keeps its files in the data folder itself, by identity. */
export const ROOT_OWNER_FILE = 'trackers-root.json';

/** The tracker that owns the data folder's own files: its identity, and its name when that was recorded (to tell apart two of one identity). */
export interface RootOwner {
  identity: string;
  name: string;
}

/**
 * What a tracker is, whatever it is called: its back end, address, login, and workspace or account in
 * their normal forms. Two trackers of one identity (two local timesheets) are told apart by name.
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

/** The folder a tracker's files go to: the data folder for its owner, `trackers/<name>` for the others. */
export function folderFor(userDataDir: string, name: string, ownerName: string | undefined): string {
  return name === ownerName ? userDataDir : join(userDataDir, TRACKERS_FOLDER, name);
}

/**
 * The folder `connection` keeps its files in, made private where it is missing; the data folder's
 * owner is recorded the first time there are several trackers. Throws in words where the record
 * cannot be read or a link or file stands where a folder belongs.
 */
export function connectionFolder(userDataDir: string, connection: ConnectionOf, log: (message: string) => void): string {
  const { name, connections } = connection;
  if (!CONNECTION_NAME_PATTERN.test(name) || !connections.some((each) => each.name === name)) {
    throw new Error(`There is no tracker called ${JSON.stringify(name)} among the settings' trackers.`);
  }
  const owner = readRootOwner(userDataDir) ?? recordRootOwner(userDataDir, firstRootOwner(connections), log);
  const folder = folderFor(userDataDir, name, rootOwnerName(connections, owner));
  if (folder === userDataDir) return folder;
  const trackers = join(userDataDir, TRACKERS_FOLDER);
  for (const path of [trackers, folder]) {
    refuseNonFolder(path, name);
    makePrivateFolder(path, log);
    // A link planted between the look and the making would have been followed: looked at again.
    refuseNonFolder(path, name);
  }
  return folder;
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
  try {
    const parsed = JSON.parse(text) as Partial<RootOwner>;
    if (typeof parsed.identity === 'string' && typeof parsed.name === 'string') return { identity: parsed.identity, name: parsed.name };
  } catch {
    // Said below.
  }
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
