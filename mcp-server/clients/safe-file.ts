// The file-system edge of registration: read a config file that another app owns, and replace it
// without ever leaving it half-written, losing its permissions, or overwriting a change that app
// made a moment earlier. One backup of the previous content sits next to the file.
//
// A look at the file followed by a rename over it always leaves a moment in which another program's
// save (its own temporary file renamed into place, as Claude Desktop saves) lands after the look and
// is then replaced, and that moment is not short: the look reads the whole file (Claude Code's can
// be 100 MB), and the rename waits on the folder's lock and the scheduler. Node has no rename that
// swaps or refuses to replace, so the file is exchanged with the two calls that are each atomic: a
// rename moves whatever is at the name aside, and is then checked to be the very file the look read
// (held open, so its inode cannot be reused meanwhile); a hard link then puts the new version at the
// name only if nothing has appeared there since. A save landing at any moment stays: before the
// move it is what was moved aside, and is put back; after it, it holds the name and the link fails.
// For the few system calls in between, the name is missing; a reader then sees no file, and a
// Punchcard killed right there leaves the old content in the backup and in the file moved aside.
// On a file system without hard links (FAT, some network shares) the look and the rename remain.
//
// Registration may run as root for someone else's HOME, where that person (or another local user)
// can plant links. So every file Punchcard writes is a new one it creates itself (O_CREAT|O_EXCL|
// O_NOFOLLOW: a link or anything else at the name fails the open) and renames into place (the
// config itself is hard-linked into place once the old one is moved aside), which replaces a link, or
// fails on one, rather than writing through it; permissions and owner are set on the open
// descriptor, never on a path, and never with setuid, setgid or sticky bits. Its own files (the
// backup, the creation note) are read without following links. A config file of another account
// that the caller may not write is refused, and so is a link that leads into another account's
// files.
import {
  accessSync,
  type BigIntStats,
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError } from './config-error.ts';
import { decodeText, detectFormat, type TextFormat } from './text-format.ts';

/** One file, overwritten on each change Punchcard makes: bounded, and it holds what was there before. */
export const BACKUP_SUFFIX = '.punchcard-backup';

/**
 * Beside a file Punchcard created: the folders it created on the way and a hash of what it wrote,
 * so unregistering can take the file and folders away again, as long as nobody changed the file.
 */
const CREATED_SUFFIX = '.punchcard-created';

/**
 * Punchcard's own files beside a config (the backup, the creation note) are at most as large as the
 * largest config a client accepts (Claude Code's, see catalog.ts); anything bigger is not ours.
 */
const OWN_FILE_MAX_BYTES = 512 * 1024 * 1024;

/**
 * For tests only: called with the file's path right before the last look, so a test can save the
 * file "meanwhile" at exactly that moment instead of hoping a second process lands there, or start
 * another process's save there.
 */
export const beforeLastLook: { hook: ((target: string) => void) | null } = { hook: null };

/**
 * For tests only: called inside the exchange, once the look has read the file ('looked') and once
 * the file is moved aside and its name is missing ('moved'), so a test can save at those moments.
 */
export const duringExchange: { hook: ((step: 'looked' | 'moved', target: string) => void) | null } = { hook: null };

export interface LoadedFile {
  /** The path as the client names it (may be a symlink). */
  path: string;
  /** The file that is actually written: the symlink's target, so the link survives. */
  target: string;
  /** Set when `path` is a link that leads into another account's files: nothing is written there. */
  foreignLink?: string;
  bytes: Buffer | null;
  text: string;
  format: TextFormat;
  mode: number | null;
  owner: { uid: number; gid: number } | null;
}

/** Reads the config at `path`; a file over `maxBytes` (what its client accepts) is refused in words. */
export function loadConfigFile(path: string, fallbackIndent: string, maxBytes: number): LoadedFile {
  const target = followLinks(path);
  const foreignLink = target === resolve(path) ? undefined : linkIntoOtherAccount(path, target);
  if (!foreignLink) recoverInterruptedExchange(target);
  let bytes: Buffer | null = null;
  let mode: number | null = null;
  let owner: LoadedFile['owner'] = null;
  try {
    const read = readRegularFile(target, maxBytes);
    if (typeof read === 'string') throw new ConfigError('file', `${path} ${read}`);
    ({ bytes, mode, owner } = read);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new ConfigError('file', `A part of ${path} is a file where a folder should be.`);
    if (code === 'EISDIR') throw new ConfigError('file', `${path} is a folder, not a file.`);
    if (code !== 'ENOENT') throw new ConfigError('file', `Punchcard cannot read ${path}: ${describeErrno(error)}.`);
  }
  try {
    const { text, bom } = bytes ? decodeText(bytes) : { text: '', bom: false };
    return { path, target, bytes, text, format: detectFormat(text, bom, fallbackIndent), mode, owner, ...(foreignLink ? { foreignLink } : {}) };
  } catch (error) {
    throw new ConfigError('encoding', `Punchcard cannot edit ${path}: ${(error as Error).message}. It was left untouched.`);
  }
}

/**
 * The file's bytes, mode and owner, or why it is not read: only a regular file (a link to one is
 * followed before this), opened without blocking, so a FIFO or a device at the path is refused in
 * words instead of hanging `register` and `clients`.
 */
function readRegularFile(path: string, maxBytes: number): { bytes: Buffer; mode: number; owner: { uid: number; gid: number } } | string {
  const descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(descriptor);
    if (stats.isDirectory()) return 'is a folder, not a file.';
    if (!stats.isFile()) return 'is not a regular file (a pipe or a device), so Punchcard does not read it. It was left untouched.';
    if (stats.size > maxBytes) {
      return `is ${megabytes(stats.size)} MB, more than the ${megabytes(maxBytes)} MB this client's settings file can sensibly be, so Punchcard does not read it. It was left untouched.`;
    }
    const bytes = Buffer.alloc(stats.size);
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(descriptor, bytes, filled, bytes.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return { bytes: bytes.subarray(0, filled), mode: stats.mode & 0o7777, owner: { uid: stats.uid, gid: stats.gid } };
  } finally {
    closeSync(descriptor);
  }
}

/** What the previous change replaced, or null (also when a link or anything but a file is there). */
export function readBackup(file: LoadedFile): Buffer | null {
  return readOwnFile(file.target + BACKUP_SUFFIX);
}

/**
 * Atomically replaces the file with `next`: the backup, a temporary file in the same folder with the
 * original permissions and owner, fsync, then the exchange (see the top of this file), which gives
 * up with a 'concurrent' ConfigError whenever the file is no longer the one read.
 */
export function replaceConfigFile(file: LoadedFile, next: Buffer): { backup: string | null } {
  const { path, target } = file;
  if (file.foreignLink) {
    throw new ConfigError(
      'file',
      `${path} is a link into ${file.foreignLink}, which belongs to another account, so Punchcard does not write there. It was left untouched.`,
    );
  }
  // Replacing it would hand another account's file to the caller (a rename changes its owner).
  if (file.owner && file.owner.uid !== process.getuid?.() && !writableByCaller(target)) {
    throw new ConfigError(
      'file',
      `${path} belongs to another account (uid ${file.owner.uid}) and you may not write it, so Punchcard left it untouched. Register as that account, or paste the snippet yourself.`,
    );
  }
  // Root (or a permissive OS) could write anyway; a read-only file is a person's decision to respect.
  if (file.mode !== null && (file.mode & 0o222) === 0) {
    throw new ConfigError('file', `${path} is read-only. Make it writable (for example chmod u+w) and try again, or paste the snippet yourself.`);
  }
  const folder = dirname(target);
  const createdFolders = missingFolders(folder);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new ConfigError('file', `Punchcard cannot create the folder ${folder}: ${describeErrno(error)}.`);
  }
  const temporary = besideName(target, 'tmp');
  const backup = file.bytes ? target + BACKUP_SUFFIX : null;
  let previousBackup: Buffer | null | undefined;
  try {
    if (backup && file.bytes) {
      previousBackup = readOwnFile(backup);
      try {
        replaceWith(backup, file.bytes, file.mode, file.owner);
      } catch (error) {
        throw new ConfigError('file', `Punchcard cannot write a backup next to ${path} (${describeErrno(error)}), so it left the file untouched.`);
      }
    }
    try {
      writeNewFile(temporary, next, file.mode, file.owner);
    } catch (error) {
      throw new ConfigError('file', `Punchcard cannot write ${path}: ${describeErrno(error)}. The file was left as it was.`);
    }
    beforeLastLook.hook?.(target);
    if (canHardLink(temporary)) exchange(file, temporary);
    else replaceAfterLook(file, temporary);
  } catch (error) {
    // The backup written a moment ago holds a version that was never replaced: put back the one before.
    if (backup && previousBackup !== undefined) restoreBackup(backup, previousBackup, file);
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('file', `Punchcard cannot write ${path}: ${describeErrno(error)}. The file was left as it was.`);
  } finally {
    // After the link the new version lives on under the file's name; this takes only the temporary name away.
    removeQuietly(temporary);
  }
  noteCreation(file, next, createdFolders);
  return { backup };
}

/**
 * Puts `temporary` at the file's name only if the name still holds the file that was read (or,
 * when there was none, still holds nothing), with a rename and a hard link (see the top of this
 * file). Throws a 'concurrent' ConfigError, with whatever another program saved left at the name.
 */
function exchange(file: LoadedFile, temporary: string): void {
  if (file.bytes === null) {
    linkOrChanged(temporary, file);
    return;
  }
  const aside = moveAsideIfUnchanged(file, file.bytes);
  // The name is missing from the move to this link.
  duringExchange.hook?.('moved', file.target);
  try {
    linkOrChanged(temporary, file);
  } catch (error) {
    // A save that took the name meanwhile stays, and what was moved aside is older than it; on any
    // other failure the name is empty, and what was there goes back.
    if (error instanceof ConfigError) removeQuietly(aside);
    else putBack(aside, file.target);
    throw error;
  }
  removeQuietly(aside);
}

/**
 * Moves the file away from its name if it is still the file that was read (`bytes`), and says
 * where to; otherwise throws a 'concurrent' ConfigError, with a save found there put back. The
 * look holds the file open, so the moved file's identity (device and inode) is the file the look
 * read, and its size and modification time show a write in place since. (A write in place of the
 * same size within one tick of the file system's clock would not show; and a program that writes
 * in place through a file it holds open writes to it wherever its name is, which no rename stops.)
 */
function moveAsideIfUnchanged(file: LoadedFile, bytes: Buffer): string {
  const look = openOwnFile(file.target);
  if (!look) throw changedMeanwhile(file);
  try {
    if (!look.bytes.equals(bytes)) throw changedMeanwhile(file);
    duringExchange.hook?.('looked', file.target);
    const aside = besideName(file.target, 'aside');
    try {
      renameSync(file.target, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw changedMeanwhile(file);
      throw error;
    }
    const moved = lstatSync(aside, { bigint: true });
    const now = fstatSync(look.descriptor, { bigint: true });
    const same = moved.dev === look.stats.dev && moved.ino === look.stats.ino && now.size === look.stats.size && now.mtimeNs === look.stats.mtimeNs;
    if (!same) {
      // Another program saved between the look and the move, by rename or in place: its save goes back.
      putBack(aside, file.target);
      throw changedMeanwhile(file);
    }
    return aside;
  } finally {
    closeSync(look.descriptor);
  }
}

/** Links `temporary` to the file's name, which must be free: a file that appeared there is another program's save. */
function linkOrChanged(temporary: string, file: LoadedFile): void {
  try {
    linkSync(temporary, file.target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw changedMeanwhile(file);
    throw error;
  }
}

/**
 * Gives a file moved aside its name back, unless a newer save has taken the name meanwhile (that
 * one stays, and the older file goes). Only if neither a link nor a rename can put it back does it
 * stay aside, and the error says where.
 */
function putBack(aside: string, target: string): void {
  try {
    linkSync(aside, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      try {
        renameSync(aside, target);
        return;
      } catch {
        throw new ConfigError('file', `Punchcard could not put ${target} back after another program saved it: it is at ${aside}. Rename it back to ${target}.`);
      }
    }
  }
  removeQuietly(aside);
}

/**
 * Where the file system has no hard links: a last look right before the rename. A save that lands
 * between the two is replaced; nothing more can be done there with the calls Node offers.
 */
function replaceAfterLook(file: LoadedFile, temporary: string): void {
  if (!sameBytes(readOwnFile(file.target), file.bytes)) throw changedMeanwhile(file);
  renameSync(temporary, file.target);
}

/** Whether a hard link can be made in this folder (tried on the temporary file, and taken away again). */
function canHardLink(temporary: string): boolean {
  const probe = `${temporary}.link`;
  try {
    linkSync(temporary, probe);
  } catch {
    return false;
  }
  removeQuietly(probe);
  return true;
}

/**
 * A file a Punchcard that was killed in the middle of an exchange left moved aside, with nothing at
 * its name, goes back to its name: the moment between the move and the link is a few system calls,
 * but a process can die there, and the other program would then find its config gone. Only a
 * regular file of our naming whose process is gone is taken (one whose process runs is in the middle
 * of its own exchange, and finishes it); where several are, the newest. A name that holds a file
 * already is left alone, and so are the files aside: their content is older than it and is in the
 * backup.
 */
function recoverInterruptedExchange(target: string): void {
  if (existsSync(target)) return;
  const prefix = `.${basename(target)}.punchcard-`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  const left = names
    .filter((name) => name.startsWith(prefix))
    .map((name) => ({ name, pid: LEFT_ASIDE.exec(name.slice(prefix.length))?.[1] }))
    .filter((entry): entry is { name: string; pid: string } => entry.pid !== undefined && !processRuns(Number(entry.pid)))
    .map((entry) => ({ path: join(dirname(target), entry.name), stats: lstatSync(join(dirname(target), entry.name), { throwIfNoEntry: false }) }))
    .filter((entry) => entry.stats?.isFile())
    .sort((a, b) => (b.stats?.mtimeMs ?? 0) - (a.stats?.mtimeMs ?? 0));
  const newest = left[0];
  if (!newest) return;
  try {
    // A link, not a rename: it fails if anything took the name meanwhile, which then stays.
    linkSync(newest.path, target);
    removeQuietly(newest.path);
  } catch {
    // Something has the name now, or the folder is not ours to write: nothing is lost either way.
  }
}

/** What follows `.NAME.punchcard-` in the name of a file an exchange moved aside (besideName): its process and the random part. */
const LEFT_ASIDE = /^(\d+)-[0-9a-f]{8}\.aside$/;

/** Whether a process with this id runs on this computer (EPERM: it runs, as another account). */
function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function changedMeanwhile(file: LoadedFile): ConfigError {
  return new ConfigError('concurrent', `${file.path} changed while Punchcard was editing it.`);
}

/** A name beside `target` that only this call can have made (the random part), hidden, for Punchcard's files of the moment. */
function besideName(target: string, kind: 'tmp' | 'aside'): string {
  return join(dirname(target), `.${basename(target)}.punchcard-${process.pid}-${randomBytes(4).toString('hex')}.${kind}`);
}

/**
 * Keeps the note that Punchcard created this file up to date: made when the file did not exist,
 * moved along with each later change of ours, dropped once someone else changed the file (it is
 * theirs too then, and stays on unregister).
 */
function noteCreation(file: LoadedFile, written: Buffer, createdFolders: string[]): void {
  const notePath = file.target + CREATED_SUFFIX;
  const note = readCreationNote(file.target);
  let folders: string[];
  if (file.bytes === null) folders = createdFolders;
  else if (note && note.sha256 === sha256(file.bytes)) folders = note.folders;
  else {
    if (note) removeQuietly(notePath);
    return;
  }
  try {
    replaceWith(notePath, Buffer.from(`${JSON.stringify({ folders, sha256: sha256(written) })}\n`), null, file.owner);
  } catch {
    // Without the note, unregistering empties the file instead of removing it: nothing is lost.
  }
}

interface CreationNote {
  folders: string[];
  sha256: string;
}

function readCreationNote(target: string): CreationNote | null {
  try {
    const note = JSON.parse(readOwnFile(target + CREATED_SUFFIX)?.toString('utf8') ?? '') as Partial<CreationNote>;
    if (typeof note.sha256 !== 'string' || !Array.isArray(note.folders) || !note.folders.every((folder) => typeof folder === 'string')) return null;
    return { folders: note.folders, sha256: note.sha256 };
  } catch {
    return null;
  }
}

/**
 * Takes away a file Punchcard created, if it still holds exactly what Punchcard last wrote, with
 * its note, its backup and the folders made for it (those left empty). True when it did.
 */
export function removeCreatedFile(file: LoadedFile): boolean {
  const note = readCreationNote(file.target);
  if (!note || !file.bytes || note.sha256 !== sha256(file.bytes)) return false;
  takeAway(file, file.bytes);
  removeQuietly(file.target + CREATED_SUFFIX);
  removeQuietly(file.target + BACKUP_SUFFIX);
  for (const folder of [...note.folders].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(folder);
    } catch {
      // Not empty (something else lives there now) or already gone: it stays.
    }
  }
  return true;
}

/** Deletes the file only if it is still the one read, so a save another program makes meanwhile is put back instead of deleted. */
function takeAway(file: LoadedFile, bytes: Buffer): void {
  unlinkSync(moveAsideIfUnchanged(file, bytes));
}

/** Removes the backup once the file holds the bytes from before Punchcard's first change again. */
export function removeBackup(file: LoadedFile): void {
  removeQuietly(file.target + BACKUP_SUFFIX);
}

function restoreBackup(backup: string, previous: Buffer | null, file: LoadedFile): void {
  try {
    if (previous === null) unlinkSync(backup);
    else replaceWith(backup, previous, file.mode, file.owner);
  } catch {
    // The backup then holds the version read a moment ago: still a true earlier state of the file.
  }
}

/** The folders from the first missing one down to `folder`, outermost first. */
function missingFolders(folder: string): string[] {
  const missing: string[] = [];
  for (let current = folder; ; current = dirname(current)) {
    try {
      statSync(current);
      break;
    } catch {
      missing.unshift(current);
      if (dirname(current) === current) break;
    }
  }
  return missing;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A file only this call can have made: fails on anything already at the name, a link included. */
const NEW_FILE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
/** Read and write bits only: a config file's setuid, setgid or sticky bit is never copied. */
const PERMISSION_BITS = 0o777;

/**
 * Writes `bytes` to a file created here at `path`, durably, with the permissions (and, as root, the
 * owner) of the file it stands for, set on the descriptor.
 */
function writeNewFile(path: string, bytes: Buffer, mode: number | null, owner: LoadedFile['owner']): void {
  // A new config file gets the usual 0644 less the umask; a copy of an existing one starts private.
  const descriptor = openSync(path, NEW_FILE_FLAGS, mode === null ? 0o644 : 0o600);
  try {
    writeSync(descriptor, bytes);
    if (owner && process.getuid?.() === 0) fchownSync(descriptor, owner.uid, owner.gid);
    if (mode !== null) fchmodQuietly(descriptor, mode & PERMISSION_BITS);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** `writeNewFile` beside `path`, then renamed over it: a link at `path` is replaced, never written through. */
function replaceWith(path: string, bytes: Buffer, mode: number | null, owner: LoadedFile['owner']): void {
  const temporary = besideName(path, 'tmp');
  try {
    writeNewFile(temporary, bytes, mode, owner);
    renameSync(temporary, path);
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  }
}

function fchmodQuietly(descriptor: number, mode: number): void {
  try {
    fchmodSync(descriptor, mode);
  } catch {
    // A file system without Unix permissions (FAT, some mounts): nothing to keep.
  }
}

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** One of Punchcard's own files beside the config (backup, note): a regular file, never through a link. */
function readOwnFile(path: string): Buffer | null {
  const opened = openOwnFile(path);
  if (!opened) return null;
  closeSync(opened.descriptor);
  return opened.bytes;
}

/** A regular file read whole, still open (the caller closes it), with what fstat said before the read. */
interface OpenedFile {
  descriptor: number;
  stats: BigIntStats;
  bytes: Buffer;
}

/** `readOwnFile`, keeping the file open: null when there is none, or a link or anything but a file is there. */
function openOwnFile(path: string): OpenedFile | null {
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return null;
  }
  try {
    const stats = fstatSync(descriptor, { bigint: true });
    if (!stats.isFile() || stats.size > BigInt(OWN_FILE_MAX_BYTES)) {
      closeSync(descriptor);
      return null;
    }
    const bytes = Buffer.alloc(Number(stats.size));
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(descriptor, bytes, filled, bytes.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return { descriptor, stats, bytes: bytes.subarray(0, filled) };
  } catch {
    closeSync(descriptor);
    return null;
  }
}

function writableByCaller(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a link leads into another account's files (the file it names, or the folder it would be
 * created in, owned by someone other than the link's owner), or undefined. A person's dotfiles
 * linked from their own repository are theirs throughout.
 */
function linkIntoOtherAccount(path: string, target: string): string | undefined {
  try {
    const linkOwner = lstatSync(path).uid;
    const place = existsSync(target) ? target : dirname(target);
    return statSync(place).uid === linkOwner ? undefined : place;
  } catch {
    return undefined;
  }
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b;
  return a.equals(b);
}

/** Follows a chain of symlinks, also to a target that does not exist yet. */
function followLinks(path: string): string {
  let current = resolve(path);
  for (let hop = 0; hop < 32; hop++) {
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      return current;
    }
    if (!isLink) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw new ConfigError('file', `${path} is a chain of more than 32 symbolic links (or a loop).`);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or never created.
  }
}

function describeErrno(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'the operation is not permitted',
    EROFS: 'the disk is mounted read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    ENOTDIR: 'a part of the path is a file where a folder should be',
    EISDIR: 'it is a folder',
    EEXIST: 'something else is in the way',
    EBUSY: 'another program holds it open',
  };
  return (code && reasons[code]) ?? (error as Error).message;
}
