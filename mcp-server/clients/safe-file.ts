// The file-system edge of registration: read a config file that another app owns, and replace it
// without ever leaving it half-written, losing its permissions, or overwriting a change that app
// made a moment earlier. One backup of the previous content sits next to the file.
//
// Registration may run as root for someone else's HOME, where that person (or another local user)
// can plant links. So every file Punchcard writes is a new one it creates itself (O_CREAT|O_EXCL|
// O_NOFOLLOW: a link or anything else at the name fails the open) and renames into place, which
// replaces a link rather than writing through it; permissions and owner are set on the open
// descriptor, never on a path, and never with setuid, setgid or sticky bits. Its own files (the
// backup, the creation note) are read without following links. A config file of another account
// that the caller may not write is refused, and so is a link that leads into another account's
// files.
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
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
 * file "meanwhile" at exactly that moment instead of hoping a second process lands there.
 */
export const beforeLastLook: { hook: ((target: string) => void) | null } = { hook: null };

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
 * original permissions and owner, fsync, a last check that nobody else wrote meanwhile, rename.
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
  const temporary = join(folder, `.${basename(target)}.punchcard-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
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
    // The last step before the rename: every slower one (the backup, the temporary file, their
    // fsyncs) lies before this check, so a save another program makes meanwhile is seen and never
    // renamed over. What is left is the rename itself: a save landing between this look and the
    // rename (one system call) would be replaced, and no portable call closes that gap (Node has no
    // rename that swaps or fails when the name changed). The backup comes first, so a program that
    // reacts to it has the whole write of the new version to finish its own save.
    beforeLastLook.hook?.(target);
    if (!sameBytes(readOwnFile(target), file.bytes)) throw new ConfigError('concurrent', `${path} changed while Punchcard was editing it.`);
    renameSync(temporary, target);
  } catch (error) {
    removeQuietly(temporary);
    // The backup written a moment ago holds a version that was never replaced: put back the one before.
    if (backup && previousBackup !== undefined) restoreBackup(backup, previousBackup, file);
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('file', `Punchcard cannot write ${path}: ${describeErrno(error)}. The file was left as it was.`);
  }
  noteCreation(file, next, createdFolders);
  return { backup };
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
  if (!sameBytes(readOwnFile(file.target), file.bytes)) throw new ConfigError('concurrent', `${file.path} changed while Punchcard was editing it.`);
  unlinkSync(file.target);
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
  const temporary = join(dirname(path), `.${basename(path)}.punchcard-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
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
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return null;
  }
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile() || stats.size > OWN_FILE_MAX_BYTES) return null;
    const bytes = Buffer.alloc(stats.size);
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(descriptor, bytes, filled, bytes.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return bytes.subarray(0, filled);
  } catch {
    return null;
  } finally {
    closeSync(descriptor);
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
