// The file-system edge of registration: read a config file that another app owns, and replace it
// without ever leaving it half-written, losing its permissions, or overwriting a change that app
// made a moment earlier. One backup of the previous content sits next to the file.
import { chmodSync, chownSync, closeSync, constants, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, readSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
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

/** Client configs are kilobytes; a bigger file is not one, and is not read whole into memory. */
const CONFIG_MAX_BYTES = 16 * 1024 * 1024;

export interface LoadedFile {
  /** The path as the client names it (may be a symlink). */
  path: string;
  /** The file that is actually written: the symlink's target, so the link survives. */
  target: string;
  bytes: Buffer | null;
  text: string;
  format: TextFormat;
  mode: number | null;
  owner: { uid: number; gid: number } | null;
}

export function loadConfigFile(path: string, fallbackIndent: string): LoadedFile {
  const target = followLinks(path);
  let bytes: Buffer | null = null;
  let mode: number | null = null;
  let owner: LoadedFile['owner'] = null;
  try {
    const read = readRegularFile(target);
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
    return { path, target, bytes, text, format: detectFormat(text, bom, fallbackIndent), mode, owner };
  } catch (error) {
    throw new ConfigError('encoding', `Punchcard cannot edit ${path}: ${(error as Error).message}. It was left untouched.`);
  }
}

/**
 * The file's bytes, mode and owner, or why it is not read: only a regular file (a link to one is
 * followed before this), opened without blocking, so a FIFO or a device at the path is refused in
 * words instead of hanging `register` and `clients`.
 */
function readRegularFile(path: string): { bytes: Buffer; mode: number; owner: { uid: number; gid: number } } | string {
  const descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(descriptor);
    if (stats.isDirectory()) return 'is a folder, not a file.';
    if (!stats.isFile()) return 'is not a regular file (a pipe or a device), so Punchcard does not read it. It was left untouched.';
    if (stats.size > CONFIG_MAX_BYTES) return `is ${Math.round(stats.size / 1024 / 1024)} MB, too large for a settings file, so Punchcard does not read it. It was left untouched.`;
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

/** What the previous change replaced, or null. */
export function readBackup(file: LoadedFile): Buffer | null {
  try {
    return readFileSync(file.target + BACKUP_SUFFIX);
  } catch {
    return null;
  }
}

/**
 * Atomically replaces the file with `next`: the backup, a temporary file in the same folder with the
 * original permissions and owner, fsync, a last check that nobody else wrote meanwhile, rename.
 */
export function replaceConfigFile(file: LoadedFile, next: Buffer): { backup: string | null } {
  const { path, target } = file;
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
      previousBackup = readCurrent(backup);
      try {
        writeDurably(backup, file.bytes, file.mode);
      } catch (error) {
        throw new ConfigError('file', `Punchcard cannot write a backup next to ${path} (${describeErrno(error)}), so it left the file untouched.`);
      }
    }
    try {
      writeDurably(temporary, next, file.mode);
      if (file.owner && process.getuid?.() === 0) chownSync(temporary, file.owner.uid, file.owner.gid);
    } catch (error) {
      throw new ConfigError('file', `Punchcard cannot write ${path}: ${describeErrno(error)}. The file was left as it was.`);
    }
    // The last step before the rename: every slower one (the backup, the temporary file, their
    // fsyncs) lies before this check, so a save another program makes meanwhile is seen and never
    // renamed over; what is left is the rename itself. The backup comes first, so a program that
    // reacts to it has the whole write of the new version to finish its own save.
    if (!sameBytes(readCurrent(target), file.bytes)) throw new ConfigError('concurrent', `${path} changed while Punchcard was editing it.`);
    renameSync(temporary, target);
  } catch (error) {
    removeQuietly(temporary);
    // The backup written a moment ago holds a version that was never replaced: put back the one before.
    if (backup && previousBackup !== undefined) restoreBackup(backup, previousBackup, file.mode);
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
    writeFileSync(notePath, `${JSON.stringify({ folders, sha256: sha256(written) })}\n`);
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
    const note = JSON.parse(readFileSync(target + CREATED_SUFFIX, 'utf8')) as Partial<CreationNote>;
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
  if (!sameBytes(readCurrent(file.target), file.bytes)) throw new ConfigError('concurrent', `${file.path} changed while Punchcard was editing it.`);
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

function restoreBackup(backup: string, previous: Buffer | null, mode: number | null): void {
  try {
    if (previous === null) unlinkSync(backup);
    else writeDurably(backup, previous, mode);
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

function writeDurably(path: string, bytes: Buffer, mode: number | null): void {
  const descriptor = openSync(path, 'w', mode ?? 0o644);
  try {
    writeSync(descriptor, bytes);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  // open() applies the umask; an existing file's exact permissions are restored explicitly.
  if (mode !== null) chmodExact(path, mode);
}

function chmodExact(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch {
    // A file system without Unix permissions (FAT, some mounts): nothing to keep.
  }
}

function readCurrent(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
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
